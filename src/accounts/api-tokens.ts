import { and, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems, sendProblem } from '../platform/errors.js';
import type { Database } from '../db/database.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { apiTokens, users } from './accounts.schema.js';
import { type Roles, rolesColumns, rolesFrom } from './actor.js';

/**
 * The user of a live API token and the user's roles, marking the token used at `now`: one
 * statement (an UPDATE that returns the user and the roles), or null for an unknown or revoked
 * token.
 */
export async function findApiTokenUser(db: Database, token: string, now: Date): Promise<{ user: typeof users.$inferSelect; roles: Roles } | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .from(users)
    .where(and(eq(users.id, apiTokens.userId), eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ ...getTableColumns(users), ...rolesColumns(sql`${apiTokens.userId}`) });
  if (!row) return null;
  const { adminOf, memberships, ...user } = row;
  return { user, roles: rolesFrom({ adminOf, memberships }) };
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
