import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText, formText, isEmail } from './fields.js';

test('isEmail accepts addresses we can send to and refuses the rest', () => {
  const cases: [string, boolean][] = [
    ['anna@rm.dk', true],
    ['anna.b.hansen+pris@regionmidtjylland.dk', true],
    ['søren@æblegård.dk', true],
    ['', false],
    ['anna', false],
    ['anna@rm', false],
    ['anna@rm.d', false],
    ['anna @rm.dk', false],
    ['anna@@rm.dk', false],
    ['"anna"@rm.dk', false],
    ['anna@rm.dk<script>', false],
    ['anna,bo@rm.dk', false],
    [`${'a'.repeat(250)}@rm.dk`, false],
  ];
  for (const [input, expected] of cases) assert.equal(isEmail(input), expected, input);
});

test('formText normalises to NFC and \\n and drops control characters, keeping the rest as typed', () => {
  assert.equal(formText('a\u030A'), 'å');
  assert.equal(formText('  a\r\nb\rc  '), '  a\nb\nc  ');
  assert.equal(formText('a\u0000b\u0007c\u007Fd\te'), 'abcd\te');
  assert.equal(formText(42), '');
  assert.equal(formText(undefined), '');
  assert.equal(formText(['a']), '');
});

test('cleanText trims; one line turns breaks and tabs into one space; many lines keep inner breaks', () => {
  assert.equal(cleanText('  Anna\n\tHansen  ', false), 'Anna Hansen');
  assert.equal(cleanText('\n\nFørste\n\nAnden  \n\n', true), 'Første\n\nAnden');
  assert.equal(cleanText('  indrykket', true), '  indrykket');
  assert.equal(cleanText('\u0001', false), '');
});
