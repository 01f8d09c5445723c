import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { emailSignInLinks, users } from './accounts.schema.js';

/** A sign-in link works once, for 15 minutes. */
export const EMAIL_LINK_TTL_MS = 15 * 60 * 1000;

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row ?? null;
}

/** Makes a single-use sign-in link for the user; returns the token for the e-mail. */
export async function createEmailLink(db: Database, userId: number, now: Date): Promise<string> {
  const token = newToken();
  await db.insert(emailSignInLinks).values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_MS) });
  return token;
}

export type LinkCheck = { ok: true; userId: number } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Whether a link can still be used, without using it (for the confirmation page). */
export async function checkEmailLink(db: Database, token: string, now: Date): Promise<LinkCheck> {
  const [row] = await db
    .select()
    .from(emailSignInLinks)
    .where(eq(emailSignInLinks.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.userId };
}

/**
 * Uses a link: atomically marks it used, so two clicks (or a replay) cannot both sign in.
 */
export async function consumeEmailLink(db: Database, token: string, now: Date): Promise<LinkCheck> {
  const rows = await db
    .update(emailSignInLinks)
    .set({ usedAt: now })
    .where(and(eq(emailSignInLinks.tokenHash, hashToken(token)), isNull(emailSignInLinks.usedAt), gt(emailSignInLinks.expiresAt, now)))
    .returning({ userId: emailSignInLinks.userId });
  if (rows[0]) return { ok: true, userId: rows[0].userId };
  const check = await checkEmailLink(db, token, now);
  return check.ok ? { ok: false, reason: 'used' } : check;
}
