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
const WHITE_SPACE = /[\s\u200B\u2060\uFEFF]+/u;

/**
 * @param {string} text
 * @returns {number}
 */
export function countWords(text) {
  if (typeof text !== 'string' || text.length === 0) return 0;
  let n = 0;
  for (const token of text.split(WHITE_SPACE)) {
    if (token !== '' && WORD_CHARACTER.test(token)) n++;
  }
  return n;
}
