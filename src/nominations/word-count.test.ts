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

// The count as it was first written (split at white space, a token counts when it holds a letter
// or digit): the one-pass count must agree with it on any text.
function countBySplitting(text: string): number {
  if (text.length === 0) return 0;
  return text.split(/[\s\u200B\u2060\uFEFF]+/u).filter((t) => t !== '' && /[\p{L}\p{N}]/u.test(t)).length;
}

test('the one-pass count agrees with splitting at white space, on random texts of letters, digits, marks, spaces of every kind and surrogates', () => {
  const pieces = [
    'a',
    'Z',
    '7',
    'æ',
    'Ø',
    'å',
    'ß',
    'é',
    '١',
    '漢',
    'ж',
    '𝔸',
    '𝟙',
    '😀',
    '👍',
    '\u0301',
    '-',
    '.',
    '/',
    '–',
    '•',
    '§',
    '%',
    '"',
    '_',
    ' ',
    '\t',
    '\n',
    '\r',
    '\v',
    '\f',
    '\u00a0',
    '\u1680',
    '\u2000',
    '\u2007',
    '\u200a',
    '\u200b',
    '\u2028',
    '\u2029',
    '\u202f',
    '\u205f',
    '\u2060',
    '\u3000',
    '\ufeff',
    '\u0085',
    '\u180e',
    '\u200c',
    '\u200d',
    '\ud800',
    '\udc00',
    '\ud835',
  ];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let round = 0; round < 3_000; round++) {
    let text = '';
    const length = Math.floor(random() * 40);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
    assert.equal(countWords(text), countBySplitting(text), JSON.stringify(text));
  }
  for (let c = 0; c < 0x10000; c++) {
    for (const text of [`a${String.fromCharCode(c)}b`, `-${String.fromCharCode(c)}-`])
      assert.equal(countWords(text), countBySplitting(text), `U+${c.toString(16)}`);
  }
});
