import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIX_BANDS, bandOf, countLongWords, countSentences, letterCount, lix } from './lix.js';

function close(actual: number | null, expected: number) {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
}

test('two short sentences: 8 words, 2 sentences, 2 long words → LIX 29 (easy)', () => {
  // long: patienten (9), hurtigt (7); ringer has 6 letters and is not long
  const r = lix('Vi ringer til patienten. Hun får svar hurtigt.');
  assert.deepEqual([r.words, r.sentences, r.longWords], [8, 2, 2]);
  close(r.lix, 8 / 2 + (100 * 2) / 8);
  assert.equal(r.rounded, 29);
  assert.equal(r.band, 'easy');
});

test('numbers and abbreviations do not end sentences: LIX 7 + 100/7 (very easy)', () => {
  // 7 words; "10.000" has no space after the dot; "kr. til" is followed by lower case
  const r = lix('Prisen er på 10.000 kr. til afdelingen.');
  assert.deepEqual([r.words, r.sentences, r.longWords], [7, 1, 1]);
  close(r.lix, 7 + 100 / 7);
  assert.equal(r.rounded, 21);
  assert.equal(r.band, 'very-easy');
});

test('line breaks end sentences: 7 words over 3 lines', () => {
  // long: handler (7); lytter (6) is not
  const r = lix('Hvad gør vi?\nVi lytter\nVi handler');
  assert.deepEqual([r.words, r.sentences, r.longWords], [7, 3, 1]);
  close(r.lix, 7 / 3 + 100 / 7);
});

test('a colon ends a sentence (LIX convention)', () => {
  const r = lix('Målet er klart: færre genindlæggelser.');
  assert.deepEqual([r.words, r.sentences, r.longWords], [5, 2, 1]);
  close(r.lix, 5 / 2 + 20);
});

test('official prose is very hard: 4 long words in one sentence → 104', () => {
  const r = lix('Implementeringen understøtter tværsektorielle samarbejdsrelationer.');
  assert.deepEqual([r.words, r.sentences, r.longWords], [4, 1, 4]);
  close(r.lix, 104);
  assert.equal(r.band, 'very-hard');
});

test('a plain-language summary from a nomination, by hand', () => {
  const text = [
    'Afdelingen har lavet et nyt tilbud til patienter med KOL.',
    'Patienterne kan ringe til en sygeplejerske døgnet rundt.',
    'Det giver tryghed, og færre bliver indlagt.',
  ].join(' ');
  // words: 10 + 8 + 7 = 25; sentences 3
  // long: Afdelingen, patienter | Patienterne, sygeplejerske | tryghed, indlagt = 6
  // (tilbud 6, døgnet 6, bliver 6 are not long)
  const r = lix(text);
  assert.deepEqual([r.words, r.sentences, r.longWords], [25, 3, 6]);
  close(r.lix, 25 / 3 + (100 * 6) / 25); // 8.33 + 24 = 32.33
  assert.equal(r.rounded, 32);
  assert.equal(r.band, 'easy');
});

test('letters only count towards long words', () => {
  assert.equal(letterCount('COVID-19-patienter'), 14);
  assert.equal(letterCount('e-mail'), 5);
  assert.equal(letterCount('10.000'), 0);
  assert.equal(letterCount('Ærøskøbing'), 10);
  assert.equal(letterCount('"sygdom",'), 6);
  assert.equal(countLongWords('COVID-19-patienter e-mail 10.000 "sygdom", sygdomme'), 2);
});

test('sentence counting: runs of marks, quotes, empty lines, no end mark', () => {
  assert.equal(countSentences(''), 0);
  assert.equal(countSentences('\n\n'), 0);
  assert.equal(countSentences('Ingen punktum her'), 1);
  assert.equal(countSentences('Hvad?! Nej... Jo.'), 3);
  assert.equal(countSentences('Han sagde: "Ja." Så gik han.'), 3);
  assert.equal(countSentences('(Se bilag.) Tak.'), 2);
  assert.equal(countSentences('Linje et\r\n\r\nLinje to\rLinje tre'), 3);
  assert.equal(countSentences('• punkt et\n• punkt to\n–'), 2);
  assert.equal(countSentences('Vi mødes 18. december 2020 kl. 12.00 i salen.'), 1);
  assert.equal(countSentences('Vi bruger f.eks. en app. Det virker.'), 2);
  assert.equal(countSentences('Spørg: hvem? hvorfor!'), 3);
  assert.equal(countSentences('. . .'), 0);
});

test('bands are judged on the rounded LIX', () => {
  assert.equal(bandOf(0), 'very-easy');
  assert.equal(bandOf(24.4), 'very-easy');
  assert.equal(bandOf(24.5), 'easy');
  assert.equal(bandOf(34), 'easy');
  assert.equal(bandOf(35), 'medium');
  assert.equal(bandOf(44.49), 'medium');
  assert.equal(bandOf(45), 'hard');
  assert.equal(bandOf(54), 'hard');
  assert.equal(bandOf(55), 'very-hard');
  assert.equal(bandOf(200), 'very-hard');
  assert.deepEqual(
    LIX_BANDS.map((b) => b.da),
    ['Meget let', 'Let', 'Middel', 'Svær', 'Meget svær'],
  );
});

test('a text without words has no LIX', () => {
  for (const t of ['', '   ', '– – –', '👍\n👍']) {
    assert.deepEqual(lix(t), { words: 0, sentences: 0, longWords: 0, lix: null, rounded: null, band: null });
  }
});

test('word count agrees with the form counter on tricky tokens', () => {
  const r = lix('COVID-19-patienter får en e-mail om 10.000 kr. og/eller et brev – hurtigt 👍');
  // COVID-19-patienter får en e-mail om 10.000 kr. og/eller et brev hurtigt = 11
  assert.equal(r.words, 11);
  assert.equal(r.sentences, 1);
  assert.equal(r.longWords, 3); // COVID-19-patienter (14), og/eller (7 letters), hurtigt (7)
});
