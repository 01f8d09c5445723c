import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentDisposition, cleanFileName, MAX_FILE_NAME_LENGTH } from './file-name.js';

test('path parts are dropped: only the last segment is kept', () => {
  assert.equal(cleanFileName('../../etc/passwd', 'pdf'), 'passwd.pdf');
  assert.equal(cleanFileName('..\\..\\Windows\\win.ini', 'pdf'), 'win.ini.pdf');
  assert.equal(cleanFileName('C:\\Users\\lise\\Billeder\\foto.jpg', 'jpeg'), 'foto.jpg');
  assert.equal(cleanFileName('/', 'png'), 'bilag.png');
  assert.equal(cleanFileName('..', 'png'), 'bilag.png');
  assert.equal(cleanFileName('', 'docx'), 'bilag.docx');
});

test('the extension follows the content, not the name', () => {
  assert.equal(cleanFileName('foto.pdf', 'png'), 'foto.png');
  assert.equal(cleanFileName('Rapport.DOCX', 'docx'), 'Rapport.DOCX');
  assert.equal(cleanFileName('Foto.JPEG', 'jpeg'), 'Foto.JPEG');
  assert.equal(cleanFileName('scan.heic', 'jpeg'), 'scan.jpg');
  assert.equal(cleanFileName('Budget v1.2', 'pdf'), 'Budget v1.2.pdf');
  assert.equal(cleanFileName('faktura.pdf.exe', 'pdf'), 'faktura.pdf.exe.pdf');
});

test('control, invisible and reserved characters are removed; Danish letters kept', () => {
  assert.equal(cleanFileName('Æble\u0000team\u0007 Øst.pdf', 'pdf'), 'Æbleteam Øst.pdf');
  assert.equal(cleanFileName('rapport\u202Efdp.exe', 'pdf'), 'rapportfdp.exe.pdf');
  assert.equal(cleanFileName('a<b>c:"d"|e?*.png', 'png'), 'a_b_c__d__e__.png');
  assert.equal(cleanFileName('  .skjult   fil \t navn.png  ', 'png'), 'skjult fil navn.png');
  assert.equal(cleanFileName('line\r\nbreak.pdf', 'pdf'), 'linebreak.pdf');
});

test('names are at most 200 characters, extension included, without splitting a character', () => {
  const long = cleanFileName(`${'å'.repeat(300)}.pdf`, 'pdf');
  assert.equal(Array.from(long).length, MAX_FILE_NAME_LENGTH);
  assert.ok(long.endsWith('å.pdf'));
  const emoji = cleanFileName(`${'😀'.repeat(250)}.png`, 'png');
  assert.equal(Array.from(emoji).length, MAX_FILE_NAME_LENGTH);
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji), 'no lone surrogate');
});

test('Content-Disposition carries an ASCII name and the UTF-8 name, and nothing breaks out', () => {
  assert.equal(
    attachmentDisposition('Årsrapport æøå.pdf'),
    `attachment; filename="Aarsrapport aeoeaa.pdf"; filename*=UTF-8''%C3%85rsrapport%20%C3%A6%C3%B8%C3%A5.pdf`,
  );
  const h = attachmentDisposition('a";b\\c%d\r\ne.pdf');
  assert.doesNotMatch(h, /[\r\n]/);
  assert.match(h, /^attachment; filename="a__b_c_d__e\.pdf"; filename\*=UTF-8''a%22%3Bb%5Cc%25d%0D%0Ae\.pdf$/);
});
