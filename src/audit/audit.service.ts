import type { Database } from '../db/database.js';
import type { Actor } from '../accounts/actor.js';
import { auditEvents } from './audit.schema.js';

export type AuditInput = {
  actor: Actor | 'system';
  action: string;
  entityType: string;
  entityId: string | number;
  organisationId?: number | null;
  editionId?: number | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Records one change in the append-only audit log. Call it with the transaction of the
 * change itself, so the record and the change are committed (or rolled back) together.
 */
export async function recordAudit(db: Database, event: AuditInput, now: Date): Promise<void> {
  const actor = event.actor;
  await db.insert(auditEvents).values({
    at: now,
    actorUserId: actor !== 'system' && actor.kind === 'user' ? actor.user.id : null,
    actorLabel: actor === 'system' ? 'system' : actor.kind === 'user' ? `${actor.user.name || actor.user.email} <${actor.user.email}>` : 'public',
    organisationId: event.organisationId ?? null,
    editionId: event.editionId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: String(event.entityId),
    before: event.before === undefined ? null : (event.before as object),
    after: event.after === undefined ? null : (event.after as object),
  });
}
