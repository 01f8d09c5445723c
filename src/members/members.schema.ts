import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.schema.js';
import { editions } from '../awards/awards.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A member of an edition's committee (with a chair) or patient panel. Affiliation is shown
 * beside the name: a party letter, or the organisation the member represents.
 */
export const editionMembers = pgTable(
  'edition_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['committee', 'panel'] }).notNull(),
    isChair: boolean('is_chair').notNull().default(false),
    partyLetter: text('party_letter'),
    represents: text('represents'),
    invitedAt: instant('invited_at').notNull().defaultNow(),
    removedAt: instant('removed_at'),
  },
  (t) => [
    uniqueIndex('edition_members_uq').on(t.editionId, t.userId, t.role),
    check('edition_members_chair_in_committee', sql`not ${t.isChair} or ${t.role} = 'committee'`),
  ],
);
