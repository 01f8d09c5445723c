/**
 * Return paths (`?tilbage=` on the sign-in pages and the language switch, and the path an
 * OpenID Connect sign-in comes back to) are checked and encoded here, and nowhere else.
 *
 * A return path is a local absolute path with its query and fragment, as printable ASCII, so
 * it goes into a `Location` header, a link in an e-mail or an `href` as it is. Characters
 * beyond ASCII (also bidirectional controls such as U+202E) are percent-encoded the way a
 * browser encodes them, so "/æ" comes back as "/%C3%A6" and leads to the same page. Anything
 * that could leave the site ("//host", "/\host", "https://…"), control characters, and
 * overlong values give the fallback.
 */

/** The longest return path accepted, before encoding. */
export const RETURN_PATH_MAX = 2000;

const BASE = 'http://return-path.invalid';

/** Why a value is not a usable return path; null when it is one. */
export type ReturnPathRefusal = 'not-text' | 'too-long' | 'not-local' | 'control-character' | 'unparsable';

/**
 * The return path to use for `raw`: a local path, percent-encoded to printable ASCII, or
 * `fallback` (with the reason) when `raw` is not one.
 */
export function checkReturnPath(raw: unknown): { ok: true; path: string } | { ok: false; reason: ReturnPathRefusal } {
  if (typeof raw !== 'string') return { ok: false, reason: 'not-text' };
  if (raw.length > RETURN_PATH_MAX) return { ok: false, reason: 'too-long' };
  // Only a local absolute path; "//host" and "/\host" would leave the site.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return { ok: false, reason: 'not-local' };
  // C0, DEL and C1 controls: the URL parser would drop tabs and newlines silently.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) return { ok: false, reason: 'control-character' };
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  if (url.origin !== BASE) return { ok: false, reason: 'not-local' };
  const path = `${url.pathname}${url.search}${url.hash}`;
  // What the URL parser leaves unencoded is printable ASCII; anything else is refused, not sent.
  if (!/^\/[\u0021-\u007e]*$/.test(path) || path.startsWith('//') || path.length > 3 * RETURN_PATH_MAX) return { ok: false, reason: 'unparsable' };
  return { ok: true, path };
}

/** A return path that is safe in a header and stays on the site: `raw` encoded, or `fallback`. */
export function safeReturnPath(raw: unknown, fallback = '/'): string {
  const checked = checkReturnPath(raw);
  return checked.ok ? checked.path : fallback;
}
