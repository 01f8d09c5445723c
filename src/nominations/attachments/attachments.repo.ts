import { and, asc, count, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { nominationAttachments } from '../nominations.schema.js';

// SQL only. Rules live in attachments.service.ts.

export type AttachmentRow = typeof nominationAttachments.$inferSelect;

/** What the pages show of an attachment (never the storage key). */
export type AttachmentSummary = Pick<AttachmentRow, 'id' | 'fileName' | 'mediaType' | 'sizeBytes' | 'createdAt'>;

const summaryColumns = {
  id: nominationAttachments.id,
  fileName: nominationAttachments.fileName,
  mediaType: nominationAttachments.mediaType,
  sizeBytes: nominationAttachments.sizeBytes,
  createdAt: nominationAttachments.createdAt,
};

/** A nomination's attachments in the order they were added. */
export async function listAttachments(db: Database, nominationId: number): Promise<AttachmentSummary[]> {
  return db
    .select(summaryColumns)
    .from(nominationAttachments)
    .where(eq(nominationAttachments.nominationId, nominationId))
    .orderBy(asc(nominationAttachments.id));
}

export async function countAttachments(db: Database, nominationId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(nominationAttachments).where(eq(nominationAttachments.nominationId, nominationId));
  return Number(row?.n ?? 0);
}

/** One attachment, only if it belongs to the nomination. */
export async function findAttachment(db: Database, nominationId: number, attachmentId: number): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.id, attachmentId), eq(nominationAttachments.nominationId, nominationId)))
    .limit(1);
  return row ?? null;
}

export async function insertAttachment(
  db: Database,
  v: { nominationId: number; fileName: string; mediaType: string; sizeBytes: number; sha256: string; storageKey: string; now: Date },
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
