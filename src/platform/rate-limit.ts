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
  const [row] = await runPrepared<RateLimitCount>(db, HIT, rateLimitHitValues(rule, subject, now));
  return rateLimitOutcome(rule, now, row);
}

/** What the hit's statement returns: the count in the window after this hit, and when the window started. */
export type RateLimitCount = { count: number; window_start: Date | string };

/**
 * The hit as SQL text whose three parameters the caller numbers (the key, now, and the instant
 * before which a window has run out; rateLimitHitValues gives them in that order), so that another
 * statement can count the hit as one of its CTEs (`with hit as (…)`) and count it only when that
 * statement commits. A null key counts nothing.
 */
export function rateLimitHitSql(key: string, now: string, windowStartsBefore: string): string {
  return `insert into rate_limit_buckets as b (key, window_start, count) select ${key}::text, ${now}::timestamptz, 1 where ${key}::text is not null
   on conflict (key) do update set
     count = case when b.window_start <= ${windowStartsBefore}::timestamptz then 1 else b.count + 1 end,
     window_start = case when b.window_start <= ${windowStartsBefore}::timestamptz then ${now}::timestamptz else b.window_start end
   returning count, window_start`;
}

/** The values of rateLimitHitSql's parameters: the key, now, and the instant before which a window has run out. */
export function rateLimitHitValues(rule: RateLimitRule, subject: string, now: Date): [string, string, string] {
  return [`${rule.name}:${subject}`, now.toISOString(), new Date(now.getTime() - rule.windowMs).toISOString()];
}

/** Whether the hit that returned `row` is within `rule`, and otherwise when to try again. */
export function rateLimitOutcome(rule: RateLimitRule, now: Date, row: RateLimitCount | undefined): RateLimitResult {
  if (!row || row.count <= rule.limit) return { allowed: true };
  const started = new Date(row.window_start).getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((started + rule.windowMs - now.getTime()) / 1000)) };
}

// A prepared statement: many requests pay for this one.
const HIT = preparedStatement('rate-limit.hit', rateLimitHitSql('$1', '$2', '$3'));

/** Removes windows that ended long ago; run now and then (the table stays small). */
export async function pruneRateLimits(db: Database, now: Date, olderThanMs = 24 * 60 * 60 * 1000): Promise<void> {
  await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, new Date(now.getTime() - olderThanMs)));
}
