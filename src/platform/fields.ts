// The rules every form field follows, whichever module's form it is on: one e-mail pattern,
// one clean-up of typed text. A page and its API route both parse through these, so the same
// input is accepted or refused the same way everywhere.

// Characters that cannot be typed on purpose and break exports, e-mail headers and PDFs:
// C0 controls except tab and line feed, and DEL. Carriage returns are turned into line feeds first.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text as the user meant it: Unicode NFC (so "å" typed as a + ring equals "å"), line endings
 * as `\n`, control characters removed. Not trimmed: a form shown again keeps what was typed.
 */
export function formText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/**
 * Text to store: `formText`, then trimmed. A one-line field also turns line breaks and tabs
 * into one space; a multi-line field keeps its inner line breaks and loses leading blank lines
 * and trailing white space.
 */
export function cleanText(raw: unknown, multiline: boolean): string {
  const s = formText(raw);
  if (!multiline) return s.replace(/[\n\t]+/g, ' ').trim();
  return s.replace(/^\n+|\s+$/g, '');
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

/**
 * An address we can send to: one @, a dot in the domain, a top-level part of two characters or
 * more, no white space or characters that need quoting, at most 254 characters (RFC 5321).
 */
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}
