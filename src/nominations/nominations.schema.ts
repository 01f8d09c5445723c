import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { editions } from '../awards/awards.schema.js';
import { storedFiles } from '../platform/storage/files.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the nominator wrote under each of the edition's form sections, keyed by section id. */
export type SectionAnswers = Record<string, string>;

/** The nomination's fields as the form holds them (form.ts calls them NominationFields). */
export type NominationFieldValues = {
  nominatorName: string;
  nominatorEmail: string;
  nominatorIsCitizen: '' | 'yes' | 'no';
  nominatorWorkplace: string;
  nomineeKind: '' | 'person' | 'team' | 'workplace';
  nomineeNames: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  nomineeEmail: string;
  title: string;
  summary: string;
  criterionIds: number[];
  originOrganisation: string;
  originDescription: string;
  originUrl: string;
  answers: SectionAnswers;
};

/**
 * An indstilling. It starts as a draft (status 'draft'), becomes 'sent' with a receipt
 * number, and may be 'withdrawn' by the nominator before the deadline. Screening is the
 * administrators' decision and lives beside the status, never replacing it.
 *
 * The nominator's private link holds a random token; only its SHA-256 is stored here.
 */
export const nominations = pgTable(
  'nominations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    status: text('status', { enum: ['draft', 'sent', 'withdrawn'] })
      .notNull()
      .default('draft'),
    /** "IND-2027-0042": shown on the receipt; unique per edition, given when first sent. */
    receiptNumber: text('receipt_number'),
    accessTokenHash: text('access_token_hash').notNull(),
    accessRevokedAt: instant('access_revoked_at'),
    /**
     * A second private link, e-mailed in a reminder about the draft (src/outreach): the nominator's
     * first link and open pages keep working. The latest reminder's replaces an earlier one's;
     * "Lav et nyt privat link" and erasure drop it. Only the SHA-256 is stored.
     */
    reminderTokenHash: text('reminder_token_hash'),
    /** Bumped on every save; a save based on an older version is refused (two tabs). */
    version: integer('version').notNull().default(1),

    nomineeKind: text('nominee_kind', { enum: ['person', 'team', 'workplace'] }),
    nomineeNames: text('nominee_names').notNull().default(''),
    nomineeUnit: text('nominee_unit').notNull().default(''),
    nomineeOrganisation: text('nominee_organisation').notNull().default(''),
    nomineeEmail: text('nominee_email').notNull().default(''),

    nominatorName: text('nominator_name').notNull().default(''),
    nominatorEmail: text('nominator_email').notNull().default(''),
    nominatorWorkplace: text('nominator_workplace').notNull().default(''),
    nominatorIsCitizen: text('nominator_is_citizen', { enum: ['yes', 'no'] }),

    title: text('title').notNull().default(''),
    summary: text('summary').notNull().default(''),
    /** Ids of the edition's criteria the nomination says it answers. */
    criterionIds: jsonb('criterion_ids').$type<number[]>().notNull().default([]),
    answers: jsonb('answers').$type<SectionAnswers>().notNull().default({}),
    /**
     * Changes the nominator saved after sending, not sent yet ("Send ændringer" applies them).
     * Until then everyone else (administrators, committee, exports) reads the columns above:
     * the last sent version. Null when there are none. The same shape as the form's fields.
     */
    workingCopy: jsonb('working_copy').$type<NominationFieldValues>(),
    workingCopySavedAt: instant('working_copy_saved_at'),

    /** Smartprisen: where the solution was first developed. */
    originOrganisation: text('origin_organisation').notNull().default(''),
    originDescription: text('origin_description').notNull().default(''),
    originUrl: text('origin_url').notNull().default(''),

    /** The nominee's answer to being published (GDPR: a third party's data). */
    nomineeConsent: text('nominee_consent', { enum: ['pending', 'accepted', 'declined'] })
      .notNull()
      .default('pending'),
    nomineeConsentTokenHash: text('nominee_consent_token_hash'),
    nomineeConsentAt: instant('nominee_consent_at'),
    /**
     * The language of the nominator's e-mails: the language of the page they sent from (src/messages).
     * The nominee's, once they answered on their consent page in a language; until then the nominator's.
     */
    language: text('language', { enum: ['da', 'en'] })
      .notNull()
      .default('da'),
    nomineeLanguage: text('nominee_language', { enum: ['da', 'en'] }),

    screening: text('screening', { enum: ['pending', 'eligible', 'not-eligible'] })
      .notNull()
      .default('pending'),
    screeningReason: text('screening_reason'),
    screenedAt: instant('screened_at'),
    /**
     * When an administrator last opened the nomination after it was screened. A nomination whose
     * text changed (updated_at) after both its screening and this is flagged "changed after
     * screening" on the list and the dashboard until someone looks at it again.
     */
    screeningSeenAt: instant('screening_seen_at'),

    /** API clients send an Idempotency-Key; the same key for the same edition never makes two. */
    idempotencyKey: text('idempotency_key'),
    idempotencyFingerprint: text('idempotency_fingerprint'),

    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    firstSentAt: instant('first_sent_at'),
    /** The version that was last sent: a later save makes it differ, so "Send" means "send changes". */
    sentVersion: integer('sent_version'),
    sentAt: instant('sent_at'),
    withdrawnAt: instant('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('nominations_access_token_uq').on(t.accessTokenHash),
    uniqueIndex('nominations_reminder_token_uq').on(t.reminderTokenHash),
    uniqueIndex('nominations_receipt_uq').on(t.editionId, t.receiptNumber),
    uniqueIndex('nominations_idempotency_uq').on(t.editionId, t.idempotencyKey),
    uniqueIndex('nominations_consent_token_uq').on(t.nomineeConsentTokenHash),
    index('nominations_edition_status_idx').on(t.editionId, t.status),
    check('nominations_sent_has_receipt', sql`${t.status} = 'draft' or ${t.receiptNumber} is not null`),
  ],
);

/**
 * A file attached to a nomination. Its bytes are the stored file `storageKey` (platform/storage/files.schema.ts),
 * written in the same transaction as this row and deleted with it (trigger `nomination_attachments_delete_file`).
 *
 * After sending, a change of the files is part of the working copy (like a change of the fields):
 * `pending_change` 'added' is a file the nominator attached since, 'removed' one they deleted since,
 * null one that is sent (or a draft's). Everyone but the nominator sees the sent set (not 'added');
 * the nominator sees the working set (not 'removed'); "Send ændringer" applies the changes
 * in the send statement (nominations.repo.ts SEND_ROW).
 */
export const nominationAttachments = pgTable(
  'nomination_attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key')
      .notNull()
      .references(() => storedFiles.key),
    createdAt: instant('created_at').notNull().defaultNow(),
    pendingChange: text('pending_change', { enum: ['added', 'removed'] }),
  },
  (t) => [
    index('nomination_attachments_nomination_idx').on(t.nominationId),
    uniqueIndex('nomination_attachments_storage_key_uq').on(t.storageKey),
    check('nomination_attachments_pending_change', sql`${t.pendingChange} is null or ${t.pendingChange} in ('added', 'removed')`),
  ],
);

/** Receipt numbers are counted per edition without gaps from concurrent senders colliding. */
export const receiptCounters = pgTable('receipt_counters', {
  editionId: integer('edition_id')
    .primaryKey()
    .references(() => editions.id),
  lastNumber: integer('last_number').notNull().default(0),
});

/**
 * "Send mig mit link igen": a link e-mailed to the nominator's address that, once confirmed,
 * gives a nomination a new private link (the old one stops working). Only the hash of the
 * token is stored, and no address: the row points at the nomination, whose address it went to.
 * A request never revokes anything by itself, so a stranger asking for someone's link only
 * fills that person's own inbox, capped by LINK_RECOVERY_CAP working links per nomination.
 */
export const nominationLinkRecoveries = pgTable(
  'nomination_link_recoveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('nomination_link_recoveries_token_uq').on(t.tokenHash), index('nomination_link_recoveries_nomination_idx').on(t.nominationId)],
);
