import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { awards, editions } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The groups of a round an administrator can write to (outreach-rules.ts says who is in each). */
export const RECIPIENT_GROUPS = ['nominators', 'drafts', 'committee-unfinished', 'panel-not-voted'] as const;
export type RecipientGroup = (typeof RECIPIENT_GROUPS)[number];

/**
 * A message an administrator confirmed to a group of a round. One outbox row per recipient is
 * written in the same transaction; the idempotency key (made when the preview was shown) is
 * unique per edition, so a double click or a resent form sends once.
 */
export const groupMessages = pgTable(
  'group_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    recipientGroup: text('recipient_group', { enum: RECIPIENT_GROUPS }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    recipientCount: integer('recipient_count').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    sentByUserId: integer('sent_by_user_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('group_messages_idempotency_uq').on(t.editionId, t.idempotencyKey),
    index('group_messages_edition_idx').on(t.editionId),
    check('group_messages_count_nonnegative', sql`${t.recipientCount} >= 0`),
  ],
);

/** A reminder about an unsent draft before the deadline, recorded so that each kind is sent once per nomination. */
export const draftReminders = pgTable(
  'draft_reminders',
  {
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    /** Which reminder: '3d' or '1d' before the deadline. */
    kind: text('kind').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.kind] })],
);

/**
 * "Få besked, når der åbnes": an address that asked to be told when the award's next round
 * opens. It counts only once confirmed through the e-mailed link (double opt-in); the consent
 * (its instant and the words agreed to) is kept on the row. Notified once, at the first round
 * that opens after the confirmation; then `notified_at` is set and retention deletes the row.
 * Only the SHA-256 of the confirmation token is stored; the unsubscribe link is keyed with the
 * server secret (outreach-rules.ts), so it works in every e-mail without a stored token.
 */
export const openingSubscriptions = pgTable(
  'opening_subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    awardId: integer('award_id')
      .notNull()
      .references(() => awards.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** The language of the page the visitor used: the e-mails are written in it. */
    locale: text('locale', { enum: ['da', 'en'] }).notNull(),
    confirmTokenHash: text('confirm_token_hash').notNull(),
    requestedAt: instant('requested_at').notNull(),
    /**
     * Confirmation e-mails sent in the window that started at `confirmations_window_at`: anyone
     * may ask for the address, so it gets a few a day and then the same answer without an e-mail
     * (the latest link keeps working, so the owner is never locked out).
     */
    confirmationsSent: integer('confirmations_sent').notNull().default(1),
    confirmationsWindowAt: instant('confirmations_window_at').notNull(),
    /** The consent: when the link was followed, and the words the visitor agreed to. */
    confirmedAt: instant('confirmed_at'),
    consentWording: text('consent_wording'),
    /** The round the e-mail told about, and when it was queued. */
    notifiedEditionId: integer('notified_edition_id').references(() => editions.id, { onDelete: 'set null' }),
    notifiedAt: instant('notified_at'),
  },
  (t) => [
    uniqueIndex('opening_subscriptions_address_uq').on(t.awardId, sql`lower(${t.email})`),
    uniqueIndex('opening_subscriptions_token_uq').on(t.confirmTokenHash),
    index('opening_subscriptions_email_idx').on(sql`lower(${t.email})`),
    check('opening_subscriptions_consent', sql`(${t.confirmedAt} is null) = (${t.consentWording} is null)`),
  ],
);
