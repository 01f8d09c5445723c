import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { criteria, editions } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { users } from '../accounts/accounts.schema.js';
import { editionMembers } from '../members/members.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A committee member's conflict of interest with one nomination. The member declares one
 * ('declared', always in force), or the system flags a likely one ('flagged': the member's own
 * organisation or unit is the nominee's, or the member nominated it) which the member confirms
 * or dismisses. Until a flag is dismissed the member is treated as conflicted (fail closed).
 * A conflicted member neither sees the nomination's scores nor scores it.
 */
export const conflictsOfInterest = pgTable(
  'conflicts_of_interest',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id')
      .notNull()
      .references(() => editionMembers.id, { onDelete: 'cascade' }),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    origin: text('origin', { enum: ['declared', 'flagged'] }).notNull(),
    /** Why the system flagged it; null for a declared conflict. */
    flag: text('flag', { enum: ['same-organisation', 'same-unit', 'nominated-it'] }),
    status: text('status', { enum: ['pending', 'confirmed', 'dismissed'] }).notNull(),
    /** The member's own words (required when declaring). */
    reason: text('reason').notNull().default(''),
    createdAt: instant('created_at').notNull(),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    uniqueIndex('conflicts_member_nomination_uq').on(t.memberId, t.nominationId),
    index('conflicts_nomination_idx').on(t.nominationId),
    check('conflicts_declared_confirmed', sql`${t.origin} = 'flagged' or ${t.status} = 'confirmed'`),
  ],
);

/** One committee member's review of one nomination: a comment, and scores per criterion below. */
export const reviews = pgTable(
  'reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id')
      .notNull()
      .references(() => editionMembers.id, { onDelete: 'cascade' }),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    comment: text('comment').notNull().default(''),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('reviews_member_nomination_uq').on(t.memberId, t.nominationId), index('reviews_nomination_idx').on(t.nominationId)],
);

/** A score on one criterion within a review; the edition's scale is checked by the service. */
export const reviewScores = pgTable(
  'review_scores',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.criterionId] })],
);

/** A reminder e-mail before the review deadline, recorded so that each is sent once per member. */
export const reviewReminders = pgTable(
  'review_reminders',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => editionMembers.id, { onDelete: 'cascade' }),
    /** Which reminder: e.g. '7d' or '1d' before the deadline. */
    kind: text('kind').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.kind] })],
);

/** The chair's decision of the nominees (the shortlist). Who and when is also in the audit log. */
export const shortlists = pgTable('shortlists', {
  editionId: integer('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  decidedByUserId: integer('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  decidedAt: instant('decided_at').notNull(),
});

/**
 * The chair closed the committee's scoring before the review deadline (review-rules.ts
 * canCloseReview): from `closed_at` on, no score, comment or conflict can change, and the
 * shortlist can be recorded. One row per edition; who and when is also in the audit log.
 */
export const reviewClosures = pgTable('review_closures', {
  editionId: integer('edition_id')
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  closedByUserId: integer('closed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  closedAt: instant('closed_at').notNull(),
});

/** The nominations on an edition's shortlist, in the chair's order. */
export const shortlistEntries = pgTable(
  'shortlist_entries',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => shortlists.editionId, { onDelete: 'cascade' }),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.nominationId] }), uniqueIndex('shortlist_entries_position_uq').on(t.editionId, t.position)],
);
