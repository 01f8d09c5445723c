import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { recordAudit } from '../platform/audit.js';
import type { Actor } from './actor.js';
import { apiTokens } from './accounts.schema.js';
import { createApiToken, revokeApiToken } from './api-tokens.js';

// The API tokens page's rules: a user's own tokens, made and revoked with an audit record in
// the same transaction. The token itself is never stored or logged (only its hash).

export const API_TOKEN_NAME_MAX = 100;

export type ApiTokenView = { id: number; name: string; createdAt: Date; lastUsedAt: Date | null };

/** The user's tokens that still work, newest first (one query). */
export async function listApiTokens(db: Database, userId: number): Promise<ApiTokenView[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Checks a token's name as typed: the cleaned name, or why it cannot be used. */
export function checkTokenName(raw: string): { ok: true; name: string } | { ok: false; reason: 'required' | 'too-long' } {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '') return { ok: false, reason: 'required' };
  if (name.length > API_TOKEN_NAME_MAX) return { ok: false, reason: 'too-long' };
  return { ok: true, name };
}

/**
 * Makes a personal API token for the signed-in user. Returns the token (`pp_…`), to be shown
 * once. Side effects, in one transaction: an `api_tokens` row (the token's hash); audit event
 * 'api-token.create' (name and id, never the token).
 */
export async function issueApiToken(args: { db: Database; actor: Extract<Actor, { kind: 'user' }>; name: string; now: Date }) {
  return inTransaction(args.db, async (tx) => {
    const made = await createApiToken(tx, args.actor.user.id, args.name, args.now);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'api-token.create',
        entityType: 'api_token',
        entityId: made.row.id,
        after: { name: made.row.name, userId: args.actor.user.id },
      },
      args.now,
    );
    return made;
  });
}

/**
 * Revokes one of the user's own tokens; it stops working with the next request. False when
 * the token is not theirs or already revoked. Side effects, in one transaction: `revoked_at`;
 * audit event 'api-token.revoke'.
 */
export async function withdrawApiToken(args: { db: Database; actor: Extract<Actor, { kind: 'user' }>; tokenId: number; now: Date }): Promise<boolean> {
  return inTransaction(args.db, async (tx) => {
    const [row] = await tx
      .select({ name: apiTokens.name })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, args.tokenId), eq(apiTokens.userId, args.actor.user.id)))
      .limit(1);
    if (!row || !(await revokeApiToken(tx, args.actor.user.id, args.tokenId, args.now))) return false;
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'api-token.revoke',
        entityType: 'api_token',
        entityId: args.tokenId,
        before: { name: row.name, revokedAt: null },
        after: { name: row.name, revokedAt: args.now.toISOString() },
      },
      args.now,
    );
    return true;
  });
}
