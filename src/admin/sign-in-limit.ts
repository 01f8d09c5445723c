import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rateLimitBuckets } from '../db/schema.js';
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.js';

/**
 * Wrong administrator tokens: after 5 failures from one address within a 10-minute window
 * (fixed, starting at the first failure) every sign-in from that address is refused until the
 * window ends, the right token included. Kept in the database's rate-limit buckets, so every
 * app process shares the count.
 */
export const ADMIN_SIGN_IN_FAILURES: RateLimitRule = { name: 'admin-sign-in-failures', limit: 5, windowMs: 10 * 60 * 1000 };

const subject = (ip: string) => `ip:${ip}`;

/**
 * Milliseconds until `ip` may try to sign in again; 0 when it may try now. Only reads the
 * bucket (a correct token must not count). Two attempts racing past a count of 4 can both be
 * checked: the bound is the limit plus the number of concurrent requests.
 */
export async function signInBlockedFor(db: Database, ip: string, now: Date): Promise<number> {
  const key = `${ADMIN_SIGN_IN_FAILURES.name}:${subject(ip)}`;
  const [row] = await db
    .select({ count: rateLimitBuckets.count, windowStart: rateLimitBuckets.windowStart })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, key))
    .limit(1);
  if (!row || row.count < ADMIN_SIGN_IN_FAILURES.limit) return 0;
  const ends = row.windowStart.getTime() + ADMIN_SIGN_IN_FAILURES.windowMs;
  return Math.max(0, ends - now.getTime());
}

/** Counts one wrong token from `ip`. */
export async function recordFailedSignIn(db: Database, ip: string, now: Date): Promise<void> {
  await hitRateLimit(db, ADMIN_SIGN_IN_FAILURES, subject(ip), now);
}

/** Forgets the failures of `ip` after it signed in with the right token (only reachable when not locked out). */
export async function clearFailedSignIns(db: Database, ip: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(eq(rateLimitBuckets.key, `${ADMIN_SIGN_IN_FAILURES.name}:${subject(ip)}`));
}
