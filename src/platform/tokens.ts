import { createHash, createHmac, randomBytes } from 'node:crypto';

// The random bytes are drawn from the system's CSPRNG for 64 tokens at a time, as Node's own
// randomUUID does for UUIDs: a draw per token cost a twentieth of a nomination sent through the
// API, which takes two (BENCHMARKS.md, round three of the write path).
const TOKEN_BYTES = 32;
const TOKENS_PER_DRAW = 64;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Private links (the nominator's draft link, the nominee's consent link, sign-in links) and
 * sessions and API tokens carry a random token of 256 bits. Only its SHA-256 is stored, so
 * a leaked database opens no draft and no session.
 */
export function newToken(): string {
  if (poolOffset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * TOKENS_PER_DRAW);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + TOKEN_BYTES);
  // Each 32 bytes make one token only: wiped once used, never handed out again.
  pool.fill(0, poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The shape of a token we issue; anything else is rejected before touching the database. */
export function looksLikeToken(s: unknown): s is string {
  return typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);
}

/**
 * HMAC-SHA256 (hex) of `parts` under a server secret (BALLOT_KEY), separated by `purpose` so one
 * secret serves several uses without one use's digests answering another's. Without the secret,
 * the digest says nothing about the parts.
 */
export function keyedDigest(secret: string, purpose: string, ...parts: (string | number)[]): string {
  return createHmac('sha256', secret)
    .update([`prisportal:${purpose}`, ...parts.map(String)].join('\u0000'), 'utf8')
    .digest('hex');
}
