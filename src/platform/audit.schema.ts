import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only record of every change by an administrator or member: who, when, what, before
 * and after. Rows are never updated or deleted by the app (a trigger refuses it); personal
 * data in them is anonymised by the retention job like everywhere else.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: integer('actor_user_id'),
    /** Who, as shown: a name and e-mail at the time, or 'system'. */
    actorLabel: text('actor_label').notNull(),
    organisationId: integer('organisation_id'),
    editionId: integer('edition_id'),
    /** What happened, e.g. 'edition.update', 'nomination.screen', 'member.invite'. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_events_org_at_idx').on(t.organisationId, t.at), index('audit_events_entity_idx').on(t.entityType, t.entityId)],
);
