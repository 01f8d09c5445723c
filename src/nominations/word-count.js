// @ts-check
/**
 * The one word count of Prisportal, used by the server (which decides) and served unchanged
 * to the browser for the live counter. Plain JavaScript so both can load the same file.
 *
 * It counts like a word processor: a word is a run of characters between white space that
 * holds at least one letter or digit. So "e-mail", "COVID-19-patienter", "10.000", "12.00"
 * and "og/eller" are one word each, while a lone dash, emoji or bullet is none.
 */

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Whether a UTF-16 code unit outside ASCII separates words: what `\s` matches (the Zs spaces,
 * U+2028, U+2029, U+FEFF) and the zero-width U+200B and U+2060.
 * @param {number} c
 */
function isSpaceBeyondAscii(c) {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * One pass over the text, without splitting it: a sent nomination counts every section on every
 * send and step (a twentieth of a send's CPU with the split; BENCHMARKS.md, round three of the write path).
 * @param {string} text
 * @returns {number}
 */
export function countWords(text) {
  if (typeof text !== 'string' || text.length === 0) return 0;
  let n = 0;
  // Whether the run of characters since the last white space already holds a letter or digit.
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) counted = false;
      else if (!counted && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a))) {
        counted = true;
        n++;
      }
      continue;
    }
    if (isSpaceBeyondAscii(c)) {
      counted = false;
      continue;
    }
    if (counted) continue;
    // A letter or digit beyond ASCII; a surrogate pair is one code point.
    let character = text[i];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        character = text.slice(i, i + 2);
        i++;
      }
    }
    if (WORD_CHARACTER.test(/** @type {string} */ (character))) {
      counted = true;
      n++;
    }
  }
  return n;
}
