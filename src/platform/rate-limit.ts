import { lt } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { preparedStatement, runPrepared } from '../db/database.js';
import { rateLimitBuckets } from './rate-limit.schema.js';

export type RateLimitRule = { name: string; limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit for `subject` under `rule` and says whether it is within the limit. One SQL
 * statement, atomic under concurrency and shared by every app process: a fixed window that
 * restarts when it has run out.
 */
export async function hitRateLimit(db: Database, rule: RateLimitRule, subject: string, now: Date): Promise<RateLimitResult> {
  const key = `${rule.name}:${subject}`;
  const windowStartsBefore = new Date(now.getTime() - rule.windowMs);
  const [row] = await runPrepared<{ count: number; window_start: Date | string }>(db, HIT, [key, now.toISOString(), windowStartsBefore.toISOString()]);
  if (!row || row.count <= rule.limit) return { allowed: true };
  const started = new Date(row.window_start).getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((started + rule.windowMs - now.getTime()) / 1000)) };
}

// A prepared statement: every sent nomination (and many other requests) pays for this one.
const HIT = preparedStatement(
  'rate-limit.hit',
  `insert into rate_limit_buckets as b (key, window_start, count) values ($1::text, $2::timestamptz, 1)
   on conflict (key) do update set
     count = case when b.window_start <= $3::timestamptz then 1 else b.count + 1 end,
     window_start = case when b.window_start <= $3::timestamptz then $2::timestamptz else b.window_start end
   returning count, window_start`,
);

/** Removes windows that ended long ago; run now and then (the table stays small). */
export async function pruneRateLimits(db: Database, now: Date, olderThanMs = 24 * 60 * 60 * 1000): Promise<void> {
  await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, new Date(now.getTime() - olderThanMs)));
}
