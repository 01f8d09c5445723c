import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { historyImports, type HistoryImportSummary } from './history-import.schema.js';

// SQL only.

export type HistoryImportRow = typeof historyImports.$inferSelect;

export async function insertUpload(
  db: Database,
  v: { awardId: number; userId: number | null; fileName: string; sha256: string; bytes: Buffer; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(historyImports)
    .values({
      awardId: v.awardId,
      uploadedByUserId: v.userId,
      fileName: v.fileName,
      sha256: v.sha256,
      sizeBytes: v.bytes.length,
      content: v.bytes.toString('base64'),
      uploadedAt: v.now,
    })
    .returning({ id: historyImports.id });
  return row!.id;
}

/** Unapplied uploads (of any award) from before `before`: deleted, as they hold nominees' names. */
export async function deleteStaleUploads(db: Database, before: Date): Promise<void> {
  await db.delete(historyImports).where(and(isNull(historyImports.appliedAt), lt(historyImports.uploadedAt, before)));
}

export async function findUpload(db: Database, awardId: number, id: number): Promise<HistoryImportRow | null> {
  const [row] = await db
    .select()
    .from(historyImports)
    .where(and(eq(historyImports.id, id), eq(historyImports.awardId, awardId)));
  return row ?? null;
}

/** The upload, locked until the transaction ends (two presses of "Importér" run one after the other). */
export async function lockUpload(tx: Database, awardId: number, id: number): Promise<HistoryImportRow | null> {
  const [row] = await tx
    .select()
    .from(historyImports)
    .where(and(eq(historyImports.id, id), eq(historyImports.awardId, awardId)))
    .for('update');
  return row ?? null;
}

/**
 * One import at a time per award, whatever the upload: two different files naming the same
 * nominee, applied at once, would otherwise both find it missing. Released at commit.
 */
export async function lockAwardForImport(tx: Database, awardId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('history-import'), ${awardId}::int)`);
}

export async function markApplied(tx: Database, id: number, userId: number | null, summary: HistoryImportSummary, now: Date): Promise<void> {
  await tx.update(historyImports).set({ appliedAt: now, appliedByUserId: userId, summary, content: null }).where(eq(historyImports.id, id));
}

/** The award's latest imports that were applied, newest first. */
export async function findAppliedImports(db: Database, awardId: number, limit = 10) {
  return db
    .select({ id: historyImports.id, fileName: historyImports.fileName, appliedAt: historyImports.appliedAt, summary: historyImports.summary })
    .from(historyImports)
    .where(and(eq(historyImports.awardId, awardId), sql`${historyImports.appliedAt} is not null`))
    .orderBy(desc(historyImports.appliedAt))
    .limit(limit);
}
