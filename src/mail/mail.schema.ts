import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type OutboxAttachment = { fileName: string; contentType: string /** base64 */; content: string };

/**
 * An e-mail waiting to be sent. Written in the same transaction as the change that caused
 * it; the worker claims due rows (FOR UPDATE SKIP LOCKED, so two processes never take the
 * same one), sends them over SMTP and marks them sent, retrying with back-off on failure.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** What the message is about, e.g. 'nomination-receipt'; for logs and tests. */
    kind: text('kind').notNull(),
    /** Optional: the same key is never queued twice (e.g. 'receipt:42:3'). */
    dedupeKey: text('dedupe_key'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /**
     * The HTML part as stored, when a caller brought its own; null when it is made at delivery
     * from the text in the one layout (html-layout.ts htmlOfText), from `htmlLanguage` and
     * `htmlOrganisation` below: what it would have stored, byte for byte, without writing it.
     */
    htmlBody: text('html_body'),
    /**
     * With `html_body` null: the HTML part is made at delivery from the text, subject and these
     * two (the language of the text; the organisation's name on top, as it was when the mail was
     * queued, null for 'Prisportal'). Both null with `html_body` null: a text-only message.
     */
    htmlLanguage: text('html_language', { enum: ['da', 'en'] }),
    htmlOrganisation: text('html_organisation'),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    /**
     * Extra header lines of the message (e.g. List-Unsubscribe), name → value; null for none.
     * Only names in MAIL_HEADER_NAMES are sent (outbox.ts), so no caller can set From or To.
     */
    headers: jsonb('headers').$type<Record<string, string>>(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** A worker that claimed the row holds it until this instant; after that another may retry. */
    lockedUntil: instant('locked_until'),
    lastError: text('last_error'),
    /**
     * The organisation whose business the e-mail is (a receipt, a notice of its round); null for
     * a person's own account (a sign-in link). A person's data is exported and erased by
     * organisation (src/privacy), so this says whose it is.
     */
    organisationId: integer('organisation_id'),
    /**
     * The record the e-mail is about and whose people it names, e.g. 'nomination:42': erasing a
     * nominee also erases the nominator's receipt that copies the nominee's name and address.
     */
    about: text('about'),
    createdAt: instant('created_at').notNull().defaultNow(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_to_address_idx').on(sql`lower(${t.toAddress})`),
    index('outbox_about_idx').on(t.about),
    check('outbox_attempts_nonnegative', sql`${t.attempts} >= 0`),
  ],
);
