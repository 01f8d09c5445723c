import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { enqueueMail } from '../mail/index.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { emailSignInLinks, users } from './accounts.schema.js';
import { mayMailSignInLink, type SignInLinkRefusal } from './sign-in-rules.js';

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

/**
 * Mails a sign-in link to the account with this e-mail (without regard to case), if there is
 * one and it may get another (`mayMailSignInLink`).
 *
 * Refuses quietly, with a reason for the log only ('no-account', 'links-outstanding'): the
 * person asking sees the same answer whatever happens, so nobody learns whether an account
 * exists, and nobody can stop its owner from signing in by asking on their behalf. Links
 * already sent are never touched: they keep working until used or expired.
 *
 * Side effects, in one transaction (the user's row locked, so two requests at once cannot
 * both pass the cap): an `email_sign_in_links` row and an outbox e-mail 'sign-in-link'.
 */
export async function mailSignInLink(args: {
  db: Database;
  email: string;
  now: Date;
  /** The e-mail's subject and text for the user's name and the link. */
  mail: (name: string, token: string) => { subject: string; text: string };
}): Promise<{ sent: true } | { sent: false; reason: 'no-account' | SignInLinkRefusal }> {
  const { now } = args;
  return inTransaction(args.db, async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${args.email})`).limit(1).for('update');
    if (!user) return { sent: false, reason: 'no-account' } as const;
    const may = mayMailSignInLink(await countWorkingLinks(tx, user.id, now));
    if (!may.ok) return { sent: false, reason: may.reason } as const;
    const token = await createEmailLink(tx, user.id, now);
    const { subject, text } = args.mail(user.name, token);
    await enqueueMail(tx, { kind: 'sign-in-link', to: user.email, subject, text }, now);
    return { sent: true } as const;
  });
}

/** How many of the user's sign-in links are unused and unexpired at `now`. */
export async function countWorkingLinks(db: Database, userId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(emailSignInLinks)
    .where(and(eq(emailSignInLinks.userId, userId), isNull(emailSignInLinks.usedAt), gt(emailSignInLinks.expiresAt, now)));
  return Number(row?.n ?? 0);
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
