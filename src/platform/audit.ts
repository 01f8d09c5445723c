import type { Database } from '../db/database.js';
import { auditEvents } from './audit.schema.js';

/**
 * Who made a change, as far as the audit log needs to know: a signed-in user (by id, name and
 * e-mail), the public, or the system. The accounts module's Actor fits this shape; platform
 * declares only what it reads, as it imports no module.
 */
export type AuditActor = { kind: 'public' } | { kind: 'user'; user: { id: number; name: string; email: string } };

export type AuditInput = {
  actor: AuditActor | 'system';
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
