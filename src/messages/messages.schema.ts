import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { editions } from '../awards/awards.schema.js';
import { users } from '../accounts/accounts.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A round's own wording of one e-mail in one language. No row means the default of the
 * catalogue (src/messages/catalogue.ts): resetting a template deletes its row, so a default
 * improved in a later release reaches every round that never changed it.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    /** One of MESSAGE_KINDS (catalogue.ts); a kind no longer known is ignored. */
    kind: text('kind').notNull(),
    language: text('language', { enum: ['da', 'en'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.kind, t.language] }), check('message_templates_language', sql`${t.language} in ('da', 'en')`)],
);

/**
 * The e-mails of one stage of a round that went out (scoring opens, voting opens, thanks, the
 * winner's confidential notice). The row is inserted in the same transaction as the outbox rows,
 * so two app processes never send a stage twice; the outbox keys guard each single e-mail too.
 */
export const stageMailings = pgTable(
  'stage_mailings',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    queuedAt: instant('queued_at').notNull(),
    mails: integer('mails').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.stage] })],
);

/**
 * When the organiser wants an e-mail sent whose moment is theirs to choose: today only the
 * confidential notice to the winner before the event ('winner-confidential').
 */
export const messageSchedules = pgTable(
  'message_schedules',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    sendAt: instant('send_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.kind] })],
);
