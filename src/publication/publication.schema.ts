import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { editions } from '../awards/awards.schema.js';

/**
 * Announcements e-mailed once the public instant has passed (nominees published, winner
 * announced). The row is inserted in the same transaction as the outbox messages, so two
 * app processes never announce twice.
 */
export const publicationNotices = pgTable(
  'publication_notices',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['nominees', 'winner'] }).notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.kind] })],
);
