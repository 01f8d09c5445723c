import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';
import { editions } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { users } from '../accounts/accounts.schema.js';
import { editionMembers } from '../members/members.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A nominee's short plain-language summary for the patient panel, written by an administrator. */
export const nomineeSummaries = pgTable('nominee_summaries', {
  nominationId: integer('nomination_id')
    .primaryKey()
    .references(() => nominations.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  /** LIX readability of `text` when saved (aim: below 40). */
  lix: real('lix').notNull(),
  updatedAt: instant('updated_at').notNull(),
  updatedByUserId: integer('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * A panel member's ballot: a full ranking of the edition's nominees, best first (nomination
 * ids). Ballots are secret: the row does not name the member. `voterKey` is an HMAC of the
 * edition and the member under the server secret BALLOT_KEY, which is not in the database (see
 * panel/ballot.ts), so the member can change their ballot until the deadline while who has voted
 * is kept apart in `panel_voters`. Nothing on the row orders or times it against the voters: no
 * serial id, no time, and the edition's ballots are written anew in key order at every cast.
 */
export const ballots = pgTable(
  'ballots',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    ranking: jsonb('ranking').$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ name: 'ballots_pkey', columns: [t.editionId, t.voterKey] })],
);

/** Who has voted (never what): shown to administrators beside the tally. */
export const panelVoters = pgTable(
  'panel_voters',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => editionMembers.id, { onDelete: 'cascade' }),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    firstCastAt: instant('first_cast_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId] }), index('panel_voters_edition_idx').on(t.editionId)],
);

/**
 * A recorded decision on the winner: the chair breaking a tie in the panel's Schulze count, or,
 * for an edition without a patient panel, the committee's choice recorded by the chair.
 */
export const winnerDecisions = pgTable('winner_decisions', {
  editionId: integer('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  nominationId: integer('nomination_id')
    .notNull()
    .references(() => nominations.id, { onDelete: 'cascade' }),
  basis: text('basis', { enum: ['tie-break', 'committee'] }).notNull(),
  decidedByUserId: integer('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  decidedAt: instant('decided_at').notNull(),
});
