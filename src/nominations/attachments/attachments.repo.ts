import { and, asc, count, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { nominationAttachments } from '../nominations.schema.js';

// SQL only. Rules live in attachments.service.ts.
//
// After sending, a change of the files waits in `pending_change` until "Send ændringer"
// (nominations.schema.ts). Two views of a nomination's files follow from it:
// - the working set, what the nominator sees and changes: every file but those 'removed';
// - the sent set, what everyone else sees (administrators, committee, exports, the receipt):
//   every file but those 'added'.

export type AttachmentRow = typeof nominationAttachments.$inferSelect;

/** What the pages show of an attachment (never the storage key). */
export type AttachmentSummary = Pick<AttachmentRow, 'id' | 'fileName' | 'mediaType' | 'sizeBytes' | 'createdAt' | 'pendingChange'>;

const summaryColumns = {
  id: nominationAttachments.id,
  fileName: nominationAttachments.fileName,
  mediaType: nominationAttachments.mediaType,
  sizeBytes: nominationAttachments.sizeBytes,
  createdAt: nominationAttachments.createdAt,
  pendingChange: nominationAttachments.pendingChange,
};

const pending = nominationAttachments.pendingChange;
/** The nominator's files: not deleted since sending. */
const inWorkingSet: SQL = or(isNull(pending), eq(pending, 'added'))!;
/** The files as last sent (or a draft's): not attached since sending. */
export const inSentSet: SQL = or(isNull(pending), eq(pending, 'removed'))!;

/** A nomination's files as the nominator sees them (the working set), in the order they were added. */
export async function listAttachments(db: Database, nominationId: number): Promise<AttachmentSummary[]> {
  return db
    .select(summaryColumns)
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.nominationId, nominationId), inWorkingSet))
    .orderBy(asc(nominationAttachments.id));
}

/** A nomination's files as last sent, in the order they were added: the receipt's list. */
export async function listSentAttachments(db: Database, nominationId: number): Promise<AttachmentSummary[]> {
  return db
    .select(summaryColumns)
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.nominationId, nominationId), inSentSet))
    .orderBy(asc(nominationAttachments.id));
}

/** How many files the nominator has (the working set): what the cap counts. */
export async function countAttachments(db: Database, nominationId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.nominationId, nominationId), inWorkingSet));
  return Number(row?.n ?? 0);
}

/** How many sent files the nominator deleted since sending (they go when the changes are sent). */
export async function countRemovedAttachments(db: Database, nominationId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.nominationId, nominationId), eq(pending, 'removed')));
  return Number(row?.n ?? 0);
}

/** One of the nominator's files (the working set), only if it belongs to the nomination. */
export async function findAttachment(db: Database, nominationId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.id, attachmentId), eq(nominationAttachments.nominationId, nominationId), inWorkingSet))
    .limit(1);
  return row ?? null;
}

export async function insertAttachment(
  db: Database,
  v: {
    nominationId: number;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    now: Date;
    /** 'added' when the nomination is sent: the file waits for "Send ændringer". */
    pendingChange?: 'added' | null;
  },
): Promise<AttachmentRow> {
  const [row] = await db
    .insert(nominationAttachments)
    .values({
      nominationId: v.nominationId,
      fileName: v.fileName,
      mediaType: v.mediaType,
      sizeBytes: v.sizeBytes,
      sha256: v.sha256,
      storageKey: v.storageKey,
      createdAt: v.now,
      pendingChange: v.pendingChange ?? null,
    })
    .returning();
  return row!;
}

/** Deletes the row and returns it (for its storage key), or null when there was none. */
export async function deleteAttachment(db: Database, nominationId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const [row] = await db
    .delete(nominationAttachments)
    .where(and(eq(nominationAttachments.id, attachmentId), eq(nominationAttachments.nominationId, nominationId)))
    .returning();
  return row ?? null;
}

/** Marks a sent file deleted by the nominator; it stays, and stays seen by others, until the changes are sent. */
export async function markAttachmentRemoved(db: Database, nominationId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const [row] = await db
    .update(nominationAttachments)
    .set({ pendingChange: 'removed' })
    .where(and(eq(nominationAttachments.id, attachmentId), eq(nominationAttachments.nominationId, nominationId), isNull(pending)))
    .returning();
  return row ?? null;
}
