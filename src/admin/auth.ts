import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Administrator access until personal sign-in exists (the accounts issue replaces this): one
 * shared token from configuration (ADMIN_TOKEN). Signing in with it gives a session cookie
 * that holds no secret: the instant it was issued and an HMAC of that instant keyed by the
 * token. Any process with the same token can check it (no server state), it expires, and
 * changing the token signs everybody out.
 */

export const ADMIN_COOKIE = 'prisportal_admin';
/** The cookie is only sent to the administration pages. */
export const ADMIN_COOKIE_PATH = '/admin';
/** How long a sign-in lasts. */
export const SESSION_MS = 8 * 60 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares a typed token with the configured one in constant time (on SHA-256 digests, so lengths do not leak). */
export function tokenMatches(given: string, configured: string): boolean {
  return timingSafeEqual(sha256(given), sha256(configured));
}

function mac(token: string, issuedAt: number): Buffer {
  return createHmac('sha256', sha256(`prisportal-admin-session:${token}`)).update(`v1:${issuedAt}`).digest();
}

/** The cookie value of a session that starts at `now`. */
export function issueSession(token: string, now: Date): string {
  const issuedAt = now.getTime();
  return `v1.${issuedAt}.${mac(token, issuedAt).toString('base64url')}`;
}

/** True when `value` is a session issued with `token` that has not expired at `now`. */
export function sessionIsValid(value: string | undefined, token: string, now: Date): boolean {
  if (!value || value.length > 200) return false;
  const m = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return false;
  const issuedAt = Number(m[1]);
  const age = now.getTime() - issuedAt;
  // A session from the future (clock skew between processes) is allowed a minute's grace.
  if (age > SESSION_MS || age < -60_000) return false;
  const given = Buffer.from(m[2]!, 'base64url');
  const expected = mac(token, issuedAt);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Where to go after signing in: only a path inside /admin, never another site. */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 1000) return '/admin';
  if (!/^\/admin(?:[/?#]|$)/.test(raw)) return '/admin';
  if (/[\\\s]|\/\/|\/\.\.?(?:[/?#]|$)/.test(raw)) return '/admin';
  return raw;
}
