/**
 * LIX (læsbarhedsindeks, Björnsson 1968) for the patient panel's plain-language summaries.
 * Pure.
 *
 *   LIX = words / sentences + 100 × long words / words
 *
 * - Words are counted exactly like the form's word counter (`countWords`): a token between
 *   white space with at least one letter or digit.
 * - A long word has more than 6 letters; only letters count (digits, hyphens and
 *   punctuation do not), so "COVID-19-patienter" (14 letters) is long and "e-mail" is not.
 * - A sentence ends at . ! ? or : (LIX counts the colon) and at every line break, so each
 *   bullet or heading line is a sentence. A mark ends a sentence only when white space or
 *   the end of the text follows (closing quotes or brackets may come between), so "10.000"
 *   and "12.00" do not. A full stop followed by a lower-case letter or a digit is taken as
 *   an abbreviation or ordinal ("kr. til", "18. december", "f.eks. en") and does not end a
 *   sentence; ! ? : always do. Runs like "?!" or "..." count once, and a segment without
 *   words (an empty line) is no sentence. Limitation: an abbreviation followed by a capital
 *   ("H.C. Andersen") is counted as a sentence end.
 * - Bands (the usual Danish table) are judged on the LIX rounded to a whole number, the way
 *   it is shown: under 25 very easy, 25–34 easy, 35–44 medium, 45–54 hard, 55 and over very
 *   hard.
 */
import { countWords } from '../nominations/index.js';

export type LixBand = 'very-easy' | 'easy' | 'medium' | 'hard' | 'very-hard';

export const LIX_BANDS: ReadonlyArray<{ band: LixBand; below: number; da: string; en: string }> = [
  { band: 'very-easy', below: 25, da: 'Meget let', en: 'Very easy' },
  { band: 'easy', below: 35, da: 'Let', en: 'Easy' },
  { band: 'medium', below: 45, da: 'Middel', en: 'Medium' },
  { band: 'hard', below: 55, da: 'Svær', en: 'Hard' },
  { band: 'very-hard', below: Infinity, da: 'Meget svær', en: 'Very hard' },
];

export interface LixResult {
  words: number;
  sentences: number;
  longWords: number;
  /** Unrounded LIX; null for a text without words. */
  lix: number | null;
  /** LIX rounded to a whole number, as shown. */
  rounded: number | null;
  band: LixBand | null;
}

const LETTER = /\p{L}/gu;
const WHITE_SPACE = /[\s\u200B\u2060\uFEFF]+/u;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
// A run of end marks, optional closers, then white space or the end of the text.
const END_MARKS = /([.!?:]+)["'”’»)\]]*(?=\s|$)/gu;

export function letterCount(word: string): number {
  return word.match(LETTER)?.length ?? 0;
}

export function countLongWords(text: string): number {
  let n = 0;
  for (const token of text.split(WHITE_SPACE)) if (letterCount(token) > 6) n++;
  return n;
}

export function countSentences(text: string): number {
  let sentences = 0;
  for (const line of text.split(LINE_BREAK)) {
    let start = 0;
    for (const m of line.matchAll(END_MARKS)) {
      const end = m.index + m[0].length;
      const marks = m[1]!;
      if (marks === '.' || /^\.+$/.test(marks)) {
        const next = line.slice(end).trimStart().charAt(0);
        if (/[\p{Ll}\p{N}]/u.test(next)) continue; // abbreviation or ordinal
      }
      if (countWords(line.slice(start, end)) > 0) sentences++;
      start = end;
    }
    if (countWords(line.slice(start)) > 0) sentences++;
  }
  return sentences;
}

export function bandOf(lix: number): LixBand {
  const r = Math.round(lix);
  return LIX_BANDS.find((b) => r < b.below)!.band;
}

export function lix(text: string): LixResult {
  const words = countWords(text);
  if (words === 0) return { words: 0, sentences: 0, longWords: 0, lix: null, rounded: null, band: null };
  // countSentences is at least 1 when there is a word.
  const sentences = countSentences(text);
  const longWords = countLongWords(text);
  const value = words / sentences + (100 * longWords) / words;
  return { words, sentences, longWords, lix: value, rounded: Math.round(value), band: bandOf(value) };
}
