import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { sessions, users } from './accounts.schema.js';
import { type Roles, rolesColumns, rolesFrom } from './actor.js';

/** Signed out after 30 minutes without a request… */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** …and after 12 hours in any case. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** The page warns this long before the idle timeout (DKFDS modal, app.js). */
export const SESSION_WARNING_MS = 5 * 60 * 1000;

export const SESSION_COOKIE = 'session';

export type SessionMethod = 'oidc' | 'email-link' | 'demo';

/**
 * Starts a session for a user and stamps the user's last sign-in, in one statement (the session
 * inserted in a WITH, the user updated after it). Returns the token for the cookie; only its hash
 * is stored.
 */
export async function createSession(db: Database, userId: number, method: SessionMethod, now: Date): Promise<string> {
  const token = newToken();
  const made = db.$with('made').as(
    db
      .insert(sessions)
      .values({
        idHash: hashToken(token),
        userId,
        method,
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
        absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      })
      .returning({ userId: sessions.userId }),
  );
  await db
    .with(made)
    .update(users)
    .set({ lastSignInAt: now })
    .where(eq(users.id, sql`(select ${made.userId} from ${made})`));
  return token;
}

export type ActiveSession = { user: typeof users.$inferSelect; roles: Roles; idleExpiresAt: Date; method: string };

/**
 * The session of a token if it is alive at `now`, with its user and the user's roles read in the
 * same statement, moving its idle timeout forward (`touch: false` reads it without counting as
 * activity, e.g. a status check).
 */
export async function findSession(db: Database, token: string, now: Date, touch = true): Promise<ActiveSession | null> {
  const idHash = hashToken(token);
  const [row] = await db
    .select({ user: users, session: sessions, ...rolesColumns(sql`${sessions.userId}`) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.idleExpiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .limit(1);
  if (!row) return null;
  let idleExpiresAt = row.session.idleExpiresAt;
  if (touch) {
    const next = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.session.absoluteExpiresAt.getTime()));
    // Written at most once a minute per session, so browsing does not write on every click.
    if (next.getTime() - idleExpiresAt.getTime() > 60_000) {
      await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt: next }).where(eq(sessions.idHash, idHash));
      idleExpiresAt = next;
    }
  }
  return { user: row.user, roles: rolesFrom(row), idleExpiresAt, method: row.session.method };
}

export async function revokeSession(db: Database, token: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(eq(sessions.idHash, hashToken(token)));
}

/** "Log ud overalt": ends every session of the user, on every device. */
export async function revokeAllSessions(db: Database, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.idHash });
  return rows.length;
}
