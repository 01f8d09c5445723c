import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCsvBytes, detectSeparator, parseCsv } from './csv.js';
import { MAX_ROWS, MAX_UPLOAD_BYTES, parseImportFile } from './parse.js';
import { SAMPLE_ROUNDS, SAMPLE_SOLUTIONS, sampleRoundsCsv, sampleSolutionsCsv, sampleXlsx } from './sample.js';

const cells = (text: string) => {
  const r = parseCsv(text);
  assert.ok(r.ok);
  return r.records.map((x) => x.cells);
};

test('CSV: RFC 4180 quoting, doubled quotes, separators and line breaks inside quotes', () => {
  assert.deepEqual(cells('a;b;c\r\n1;"x;y";"sagde ""hej"""\r\n'), [
    ['a', 'b', 'c'],
    ['1', 'x;y', 'sagde "hej"'],
  ]);
  assert.deepEqual(cells('a;b\n"to\nlinjer";2\n3;4'), [
    ['a', 'b'],
    ['to\nlinjer', '2'],
    ['3', '4'],
  ]);
  // A quote inside an unquoted field is kept, as Excel does; empty fields and a missing last line break.
  assert.deepEqual(cells('a;b;c\n5" skærm;;'), [
    ['a', 'b', 'c'],
    ['5" skærm', '', ''],
  ]);
  // Each record knows the line it starts on, also after a line break inside quotes.
  const r = parseCsv('a;b\n"x\ny";1\nz;2\n');
  assert.ok(r.ok);
  assert.deepEqual(
    r.records.map((x) => x.line),
    [1, 2, 4],
  );
  assert.deepEqual(parseCsv('a;b\n"aldrig lukket;1\n'), { ok: false, reason: 'unclosed-quote', line: 2 });
});

test('CSV: the separator is found in the header row (semicolon, comma, tab), semicolon by default', () => {
  assert.equal(detectSeparator('År;Tema;Nomineret\n2019,5;x;y'), ';');
  assert.equal(detectSeparator('År,Tema,Nomineret\n'), ',');
  assert.equal(detectSeparator('År\tTema\tNomineret'), '\t');
  assert.equal(detectSeparator('"a;b",c,d'), ',');
  assert.equal(detectSeparator('Nomineret'), ';');
});

test("CSV bytes: UTF-8 with or without a BOM, and Windows-1252 (Danish Excel's plain CSV)", () => {
  assert.equal(decodeCsvBytes(Buffer.from('\uFEFFÅr;Tema', 'utf8')), 'År;Tema');
  assert.equal(decodeCsvBytes(Buffer.from('År;Tema', 'utf8')), 'År;Tema');
  assert.equal(decodeCsvBytes(Buffer.from([0xc5, 0x72, 0x3b, 0xe6, 0xf8, 0xe5, 0x80])), 'År;æøå€');
  // Every byte of 0x80–0x9F as Windows-1252 has it (the five it leaves undefined kept as they are), whatever ICU the Node has.
  assert.equal(decodeCsvBytes(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i))), '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
});

test('the sample CSV files read back as the sample rows', async () => {
  const rounds = await parseImportFile(sampleRoundsCsv());
  assert.ok(rounds.ok);
  assert.equal(rounds.format, 'csv');
  assert.deepEqual(
    rounds.rounds.map((r) => r.values),
    SAMPLE_ROUNDS,
  );
  assert.deepEqual(
    rounds.rounds.map((r) => r.line),
    [2, 3, 4, 6, 7],
  );
  assert.deepEqual(rounds.solutions, []);
  const solutions = await parseImportFile(sampleSolutionsCsv());
  assert.ok(solutions.ok);
  assert.deepEqual(
    solutions.solutions.map((r) => r.values),
    SAMPLE_SOLUTIONS,
  );
});

test('the sample workbook: the instructions sheet is left alone, rounds and solutions are read from their sheets', async () => {
  const parsed = await parseImportFile(await sampleXlsx());
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.equal(parsed.format, 'xlsx');
  assert.deepEqual(
    parsed.rounds.map((r) => r.values),
    SAMPLE_ROUNDS,
  );
  assert.deepEqual(
    parsed.solutions.map((r) => r.values),
    SAMPLE_SOLUTIONS,
  );
  assert.deepEqual(
    parsed.rounds.map((r) => [r.sheet, r.line]),
    [
      ['Runder', 2],
      ['Runder', 3],
      ['Runder', 4],
      ['Runder', 5],
      ['Runder', 6],
    ],
  );
});

test('a workbook: formulas are marked, numbers and links read as text', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ark1');
  ws.addRow(['Aar', 'NOMINERET *', 'Film (link)', 'Bemærkning']);
  ws.addRow([2019, { formula: 'CONCAT("A","B")', result: 'AB' }, { text: 'Se filmen', hyperlink: 'https://example.org/f' }, 'intern']);
  const parsed = await parseImportFile(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const [row] = parsed.rounds;
  assert.equal(row!.values.year, '2019');
  assert.equal(row!.values.nominee, 'AB');
  assert.equal(row!.values.film, 'https://example.org/f');
  assert.deepEqual(row!.formulas, ['nominee']);
  assert.deepEqual(parsed.ignoredColumns, ['Ark1: Bemærkning']);
});

test('empty rows are skipped; the header may come after blank rows; columns match without case and accents', async () => {
  const text = '\r\n;;\r\naar;NOMINERET;resume\r\n2019;Team A;Et resumé\r\n;;\r\n  ;\t;\r\n2020;Team B;\r\n';
  const parsed = await parseImportFile(Buffer.from(text, 'utf8'));
  assert.ok(parsed.ok);
  assert.deepEqual(
    parsed.rounds.map((r) => [r.line, r.values.year, r.values.nominee, r.values.summary]),
    [
      [4, '2019', 'Team A', 'Et resumé'],
      [7, '2020', 'Team B', ''],
    ],
  );
});

test('refused files: empty, too big, binary, unknown columns, missing columns, too many rows, a broken zip', async () => {
  assert.deepEqual(await parseImportFile(Buffer.alloc(0)), { ok: false, reason: 'empty' });
  assert.deepEqual(await parseImportFile(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 65)), { ok: false, reason: 'too-big' });
  assert.deepEqual(await parseImportFile(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2])), { ok: false, reason: 'damaged' });
  assert.deepEqual(await parseImportFile(Buffer.from('Navn på ting;Andet\nx;y\n')), { ok: false, reason: 'no-known-columns' });
  assert.deepEqual(await parseImportFile(Buffer.from('Nomineret;Tema\nx;y\n')), {
    ok: false,
    reason: 'missing-columns',
    kind: 'rounds',
    sheet: null,
    columns: ['År'],
  });
  assert.deepEqual(await parseImportFile(Buffer.from('Titel\nx\n')), {
    ok: false,
    reason: 'missing-columns',
    kind: 'solutions',
    sheet: null,
    columns: ['Resumé', 'År'],
  });
  const many = `År;Nomineret\n${Array.from({ length: MAX_ROWS + 1 }, (_, i) => `2019;N${i}`).join('\n')}`;
  assert.deepEqual(await parseImportFile(Buffer.from(many)), { ok: false, reason: 'too-many-rows', rows: MAX_ROWS + 1 });
  assert.deepEqual(await parseImportFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), { ok: false, reason: 'damaged' });
  assert.deepEqual(await parseImportFile(Buffer.from('År;Nomineret\n"2019;x\n')), { ok: false, reason: 'unclosed-quote', line: 2 });
});
