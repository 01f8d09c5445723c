import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildZip,
  contentTypesXml,
  docxEntries,
  documentXml,
  forgedSizeDocx,
  jpegWithComment,
  pngTextChunk,
  sampleDocx,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
  zipBombDocx,
} from './sample-files.js';
import { bufferBytes, type FileBytes } from '../../platform/storage/file-bytes.js';
import { hasZipTrailer, inspectFile, type Inspection } from './sniff.js';

const verdict = (i: Inspection) => (i.ok ? i.kind : i.reason);

test('the four accepted kinds are recognised by their bytes', async () => {
  assert.equal(verdict(await inspectFile(samplePdf())), 'pdf');
  assert.equal(verdict(await inspectFile(samplePng())), 'png');
  assert.equal(verdict(await inspectFile(sampleJpeg())), 'jpeg');
  assert.equal(verdict(await inspectFile(sampleDocx())), 'docx');
  // Word may store parts without compression.
  assert.equal(verdict(await inspectFile(buildZip(docxEntries().map((e) => ({ ...e, method: 0 as const }))))), 'docx');
  // Phones append data after a JPEG's image (motion photos): still a JPEG.
  assert.equal(verdict(await inspectFile(Buffer.concat([sampleJpeg(), Buffer.alloc(2000, 7)]))), 'jpeg');
});

test('empty, unknown and wrong magic bytes are refused', async () => {
  assert.equal(verdict(await inspectFile(Buffer.alloc(0))), 'empty');
  assert.equal(verdict(await inspectFile(sampleHtml())), 'wrong-type');
  assert.equal(verdict(await inspectFile(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))), 'wrong-type');
  assert.equal(verdict(await inspectFile(Buffer.from('just text, named .pdf'))), 'wrong-type');
  assert.equal(verdict(await inspectFile(Buffer.from([0xff, 0xd8]))), 'wrong-type', 'too short for JPEG magic');
  // The first bytes of a kind, then nothing that kind needs.
  assert.equal(verdict(await inspectFile(Buffer.from('%PDF-1.7\nno end'))), 'damaged');
  assert.equal(verdict(await inspectFile(samplePng().subarray(0, 40))), 'damaged');
  assert.equal(verdict(await inspectFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02]))), 'damaged');
  assert.equal(verdict(await inspectFile(Buffer.from('PK\x03\x04 not really a zip', 'latin1'))), 'damaged');
});

test('other ZIP and Office files are not DOCX', async () => {
  assert.equal(verdict(await inspectFile(buildZip([{ name: 'notes.txt', data: 'hello' }]))), 'wrong-type');
  const xlsx = buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', '/xl/workbook.xml') },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
  ]);
  assert.equal(verdict(await inspectFile(xlsx)), 'wrong-type');
  const docm = buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml('application/vnd.ms-word.document.macroEnabled.main+xml') },
    { name: 'word/document.xml', data: documentXml() },
  ]);
  assert.equal(verdict(await inspectFile(docm)), 'macros');
  assert.equal(verdict(await inspectFile(sampleDocx([{ name: 'word/vbaProject.bin', data: 'x' }]))), 'macros');
});

test('a DOCX must hold a real word/document.xml and no DTD', async () => {
  assert.equal(verdict(await inspectFile(buildZip([{ name: '[Content_Types].xml', data: contentTypesXml() }]))), 'damaged');
  const notADocument = buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml() },
    { name: 'word/document.xml', data: '<html><body>x</body></html>' },
  ]);
  assert.equal(verdict(await inspectFile(notADocument)), 'damaged');
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>${documentXml()}`;
  assert.equal(
    verdict(
      await inspectFile(
        buildZip([
          { name: '[Content_Types].xml', data: contentTypesXml() },
          { name: 'word/document.xml', data: laughs },
        ]),
      ),
    ),
    'damaged',
  );
  const elsewhere = buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml(undefined, '/evil/main.xml') },
    { name: 'evil/main.xml', data: documentXml() },
  ]);
  assert.equal(verdict(await inspectFile(elsewhere)), 'damaged');
});

test('zip bombs: a huge ratio or an absurd declared size is refused without unpacking', async () => {
  const bomb = zipBombDocx();
  assert.ok(bomb.length < 64 * 1024, `the bomb is small (${bomb.length} bytes)`);
  const started = process.hrtime.bigint();
  assert.equal(verdict(await inspectFile(bomb)), 'unpacks-too-large');
  assert.equal(verdict(await inspectFile(forgedSizeDocx())), 'unpacks-too-large');
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500, 'decided from the directory, not by unpacking');
  // Entries that each look plausible (ratio under 100) but together claim more than 100 MB.
  const many = sampleDocx(
    Array.from({ length: 6 }, (_, i) => ({ name: `word/media/${i}.bin`, data: randomBytes(220 * 1024), declaredSize: 20 * 1024 * 1024 })),
  );
  const found = await inspectFile(many);
  assert.equal(verdict(found), 'unpacks-too-large');
  assert.match(found.ok ? '' : found.detail, /more than 104857600/);
});

test('a lying size header is caught when the part is read', async () => {
  // word/document.xml claims fewer bytes than it unpacks to: yauzl stops the stream.
  const lying = buildZip([
    { name: '[Content_Types].xml', data: contentTypesXml() },
    { name: 'word/document.xml', data: documentXml('x'.repeat(5000)), declaredSize: 10 },
  ]);
  assert.equal(verdict(await inspectFile(lying)), 'damaged');
});

test('polyglots are refused', async () => {
  const zip = buildZip([{ name: 'payload.html', data: '<html></html>' }]);
  // A PDF with a ZIP appended (both with and without adjusted offsets).
  assert.equal(verdict(await inspectFile(Buffer.concat([samplePdf(), zip]))), 'mixed');
  assert.equal(verdict(await inspectFile(buildZip([{ name: 'a.txt', data: 'x' }], { prefix: samplePdf() }))), 'mixed');
  // A PNG or JPEG with a ZIP at the end.
  assert.equal(verdict(await inspectFile(Buffer.concat([sampleJpeg(), zip]))), 'mixed');
  assert.equal(verdict(await inspectFile(Buffer.concat([samplePng(), zip]))), 'mixed');
  // Data after a PNG's end.
  assert.equal(verdict(await inspectFile(Buffer.concat([samplePng(), Buffer.from('<?php system($_GET[1]); ?>')]))), 'mixed');
  // Markup a browser would sniff as HTML, and a PDF header a PDF reader would find.
  assert.equal(verdict(await inspectFile(samplePng([pngTextChunk('Comment', '<script>alert(1)</script>')]))), 'mixed');
  assert.equal(verdict(await inspectFile(jpegWithComment('<svg onload=alert(1)>'))), 'mixed');
  assert.equal(verdict(await inspectFile(jpegWithComment('%PDF-1.4 1 0 obj'))), 'mixed');
  // A ZIP with data before its first entry, and one with two entries of the same name.
  const twice = buildZip([...docxEntries(), { name: 'WORD/document.xml', data: documentXml('other') }]);
  assert.equal(verdict(await inspectFile(twice)), 'mixed');
});

test('hasZipTrailer finds archives only where ZIP readers look', async () => {
  assert.equal(await hasZipTrailer(sampleDocx()), true);
  assert.equal(await hasZipTrailer(samplePdf()), false);
  assert.equal(await hasZipTrailer(Buffer.from('PK\x05\x06 in the middle, then more text', 'latin1')), false);
  assert.equal(await hasZipTrailer(Buffer.alloc(10)), false);
});

/** A file read by ranges (as an upload staged in the database is), counting what the checks ask for. */
function countedBytes(data: Buffer) {
  const inner = bufferBytes(data);
  const seen = { reads: 0, bytes: 0, largest: 0 };
  const bytes: FileBytes = {
    size: data.length,
    async read(start, end) {
      const piece = await inner.read(start, end);
      seen.reads++;
      seen.bytes += piece.length;
      seen.largest = Math.max(seen.largest, piece.length);
      return piece;
    },
  };
  return { bytes, seen };
}

test('the checks read a large upload by small ranges, never whole, with the same verdicts', async () => {
  const MB = 1024 * 1024;
  const pdf = samplePdf();
  const bigPdf = Buffer.concat([pdf.subarray(0, pdf.length - 8), Buffer.alloc(4 * MB, 0x20), pdf.subarray(pdf.length - 8)]);
  const png = samplePng();
  // A 4 MB PNG chunk before IEND (walked past by its length, not read).
  const bigChunk = Buffer.concat([png.subarray(0, 33), pngTextChunk('Comment', 'x'.repeat(4 * MB)), png.subarray(33)]);
  const cases: [string, Buffer][] = [
    ['large PDF', bigPdf],
    ['large PNG', bigChunk],
    ['DOCX', sampleDocx([{ name: 'word/media/photo.bin', data: randomBytes(2 * MB), method: 0 }])],
    ['zip bomb', zipBombDocx()],
    ['forged sizes', forgedSizeDocx()],
    ['JPEG with fill bytes', Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(MB, 0xff), sampleJpeg().subarray(2)])],
    ['PDF with a ZIP after it', Buffer.concat([bigPdf, sampleDocx()])],
  ];
  for (const [name, data] of cases) {
    const { bytes, seen } = countedBytes(data);
    assert.equal(verdict(await inspectFile(bytes)), verdict(await inspectFile(data)), `${name}: the same verdict by ranges`);
    assert.ok(seen.largest <= 0xffff + 22, `${name}: no read larger than the ZIP trailer's window (${seen.largest})`);
    if (data.length > 3 * MB) assert.ok(seen.bytes < data.length / 4, `${name}: read ${seen.bytes} of ${data.length} bytes`);
  }
});
