import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems, sendProblem } from '../platform/errors.js';
import type { Database } from '../db/database.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { apiTokens, users } from './accounts.schema.js';

/** The user behind a personal API token, if it exists and is not revoked. */
export async function findApiTokenUser(db: Database, token: string, now: Date) {
  const [row] = await db
    .select({ user: users, id: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return row.user;
}

/** Creates a personal API token. The token is returned once and never stored in clear. */
export async function createApiToken(db: Database, userId: number, name: string, now: Date) {
  const token = `pp_${newToken()}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token), createdAt: now })
    .returning();
  return { token, row: row! };
}

export async function revokeApiToken(db: Database, userId: number, tokenId: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length === 1;
}

/**
 * Before the body is even read: the admin API takes a personal API token (never a browser
 * session, so no other site can make a signed-in browser call it) of an administrator.
 */
export async function requireApiToken(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor;
  if (actor.kind !== 'user')
    return sendProblem(
      reply,
      problems.unauthorized(request.url, 'Send a personal API token as "Authorization: Bearer <token>". An administrator makes one at /min-side/api-noegler.'),
    );
  if (actor.via !== 'api-token')
    return sendProblem(
      reply,
      problems.unauthorized(request.url, 'The admin API takes a personal API token, not a browser session. Send it as "Authorization: Bearer <token>".'),
    );
  if (actor.adminOf.size === 0) return sendProblem(reply, problems.forbidden(request.url, 'Your account administers no organisation.'));
}
