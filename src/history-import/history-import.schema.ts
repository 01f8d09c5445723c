import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { awards } from '../awards/awards.schema.js';
import { users } from '../accounts/accounts.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What an applied import did, kept on its row and in its audit event. */
export type HistoryImportSummary = {
  roundsCreated: number;
  roundsCompleted: number;
  nomineesCreated: number;
  solutionsCreated: number;
  alreadyThere: number;
  years: number[];
};

/**
 * One uploaded file of earlier years (rounds and idea-bank solutions) for an award. The bytes are
 * kept (base64) between the preview (the dry run) and the apply, so the apply reads exactly the
 * file that was previewed, in any process; they are dropped once applied, and an upload left
 * unapplied is deleted by the first upload or preview more than a day later (it holds nominees' names).
 */
export const historyImports = pgTable(
  'history_imports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    awardId: integer('award_id')
      .notNull()
      .references(() => awards.id, { onDelete: 'cascade' }),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The file's name as the browser gave it (shown on the preview). */
    fileName: text('file_name').notNull(),
    /** SHA-256 of the bytes: the apply form carries it, so a preview of one file never applies another. */
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** The file, base64; null once applied or expired. */
    content: text('content'),
    uploadedAt: instant('uploaded_at').notNull(),
    appliedAt: instant('applied_at'),
    appliedByUserId: integer('applied_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    summary: jsonb('summary').$type<HistoryImportSummary>(),
  },
  (t) => [index('history_imports_award_idx').on(t.awardId, t.uploadedAt)],
);
