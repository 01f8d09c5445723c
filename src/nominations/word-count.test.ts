import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countWords } from './word-count.js';

// Tricky texts, counted as a word processor would.
const table: [string, number][] = [
  ['', 0],
  ['   ', 0],
  ['\n\n\t', 0],
  ['Patienten', 1],
  ['Vi ringer til patienten', 4],
  ['e-mail', 1],
  ['COVID-19-patienter', 1],
  ['10.000 kr.', 2],
  ['kl. 12.00', 2],
  ['18. december 2020 kl. 12.00', 5],
  ['og/eller', 1],
  ['og / eller', 2], // a lone slash is no word
  ['før – under – efter', 3], // en dashes alone are no words
  ['før—efter', 1],
  ['– – –', 0],
  ['Godt 👍 gået', 2], // an emoji alone is no word
  ['👍👍', 0],
  ['Glad😀', 1],
  ['to  mellemrum   her', 3],
  ['linje\nlinje\r\nlinje', 3],
  ['ord\u00a0ord', 2], // a no-break space separates too
  ['ord\u200bord', 2], // and a zero-width space
  ['• punkt et\n• punkt to', 4],
  ['"citat"', 1],
  ['(parentes)', 1],
  ['H.C. Andersen', 2],
  ['3.', 1],
  ['Ærø Øster Åby', 3],
  ['§ 42', 1],
  ['50 %', 1],
  ['A4', 1],
];

for (const [text, expected] of table) {
  test(`countWords(${JSON.stringify(text)}) = ${expected}`, () => {
    assert.equal(countWords(text), expected);
  });
}

test('a long text is counted exactly', () => {
  const text = 'ord '.repeat(100_000);
  assert.equal(countWords(text), 100_000);
});
