import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { nominationAdminTexts } from './admin-i18n.js';
import type { NominationRow } from './admin.repo.js';
import { buildExportTable, exportFileName } from './export.js';
import { contentDisposition, csvField, formatExportInstant, neutraliseFormula, toCsv, toXlsx } from '../platform/spreadsheet.js';

test('spreadsheet formulas are neutralised with a leading apostrophe', () => {
  for (const [given, expected] of [
    ['=1+1', "'=1+1"],
    ['+45 1234', "'+45 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['a=1', 'a=1'],
    ['', ''],
    ['Æblegrød', 'Æblegrød'],
  ] as const) {
    assert.equal(neutraliseFormula(given), expected, JSON.stringify(given));
  }
});

test('CSV fields are quoted as RFC 4180 says, only when needed', () => {
  assert.equal(csvField('plain text, with comma'), 'plain text, with comma');
  assert.equal(csvField('a;b'), '"a;b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
});

test('instants are written in Copenhagen time, summer and winter', () => {
  assert.equal(formatExportInstant(new Date('2020-12-18T11:00:00Z')), '2020-12-18 12:00');
  assert.equal(formatExportInstant(new Date('2024-06-14T10:00:00Z')), '2024-06-14 12:00');
  assert.equal(formatExportInstant(new Date('2024-12-31T23:30:00Z')), '2025-01-01 00:30');
});

test('file names and Content-Disposition', () => {
  assert.equal(exportFileName('aarets-borgerinddragende-initiativ', 2021, 'csv'), 'indstillinger-aarets-borgerinddragende-initiativ-2021.csv');
  assert.equal(exportFileName('smart"prisen', 2024, 'xlsx'), 'indstillinger-smart-prisen-2024.xlsx');
  assert.equal(contentDisposition('indstillinger-x-2021.csv'), `attachment; filename="indstillinger-x-2021.csv"; filename*=UTF-8''indstillinger-x-2021.csv`);
});

const row = (o: Partial<NominationRow>): NominationRow =>
  ({
    id: 1,
    editionId: 1,
    status: 'sent',
    receiptNumber: 'ABI-2021-0001',
    accessTokenHash: 'x',
    accessRevokedAt: null,
    version: 1,
    nomineeKind: 'person',
    nomineeNames: 'Åse',
    nomineeUnit: '',
    nomineeOrganisation: '',
    nomineeEmail: '',
    nominatorName: 'Bo',
    nominatorEmail: '',
    nominatorWorkplace: '',
    nominatorIsCitizen: null,
    title: 'T',
    summary: '',
    criterionIds: [],
    answers: {},
    originOrganisation: '',
    originDescription: '',
    originUrl: '',
    nomineeConsent: 'pending',
    nomineeConsentTokenHash: null,
    nomineeConsentAt: null,
    screening: 'pending',
    screeningReason: null,
    screenedAt: null,
    idempotencyKey: null,
    idempotencyFingerprint: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    firstSentAt: null,
    sentAt: new Date('2020-12-01T09:00:00Z'),
    withdrawnAt: null,
    ...o,
  }) as NominationRow;

test('one column per fixed field and per form section; criteria in the edition order; unknown answers ignored', () => {
  const table = buildExportTable({
    labels: nominationAdminTexts('da'),
    asksOrigin: false,
    sections: [
      { id: 7, heading: 'Baggrund' },
      { id: 9, heading: 'Resultat' },
    ],
    criteria: [
      { id: 3, title: 'Første' },
      { id: 1, title: 'Andet' },
    ],
    nominations: [row({ criterionIds: [1, 3, 99, 1], answers: { '7': 'Svar A', '8': 'forældet', '9': '' } })],
  });
  assert.equal(table.headers.length, 20 + 2);
  assert.deepEqual(table.headers.slice(-2), ['Baggrund', 'Resultat']);
  const r = table.rows[0]!;
  assert.equal(r[table.headers.indexOf('Kriterier')], 'Første; Andet');
  assert.deepEqual(r.slice(-2), ['Svar A', '']);
  assert.ok(r[table.headers.indexOf('Sendt')] instanceof Date);
  assert.ok(!table.headers.includes('Oprindelig organisation'));
  const withOrigin = buildExportTable({ labels: nominationAdminTexts('da'), asksOrigin: true, sections: [], criteria: [], nominations: [] });
  assert.ok(withOrigin.headers.includes('Oprindelig organisation'));
});

test('toCsv: BOM, semicolons, CRLF; toXlsx: readable by exceljs', async () => {
  const table = {
    sheetName: 'Indstillinger',
    headers: ['A', 'B; "c"', 'Dato'],
    rows: [['=x', 'æ\nø', new Date('2021-03-25T11:00:00Z')] as (string | Date | null)[], [null, '', null]],
  };
  const csv = toCsv(table).toString('utf8');
  assert.equal(csv, '\uFEFFA;"B; ""c""";Dato\r\n\'=x;"æ\nø";2021-03-25 12:00\r\n;;\r\n');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(table)) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0]!;
  assert.equal(sheet.getCell('A2').value, '=x');
  assert.equal(sheet.getCell('A2').type, ExcelJS.ValueType.String);
  assert.equal(sheet.getCell('B2').value, 'æ\nø');
  assert.equal((sheet.getCell('C2').value as Date).toISOString(), '2021-03-25T12:00:00.000Z');
});
