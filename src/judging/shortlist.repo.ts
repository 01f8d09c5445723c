import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { shortlistEntries, shortlists } from './judging.schema.js';

export type Shortlist = {
  editionId: number;
  decidedAt: Date;
  decidedByUserId: number | null;
  /** The nominees, in the chair's order. */
  nominationIds: number[];
};

/** The chair's recorded shortlist of an edition, or null while none is recorded. SQL only. */
export async function findShortlist(db: Database, editionId: number): Promise<Shortlist | null> {
  const [head] = await db.select().from(shortlists).where(eq(shortlists.editionId, editionId));
  if (!head) return null;
  const entries = await db
    .select({ nominationId: shortlistEntries.nominationId })
    .from(shortlistEntries)
    .where(eq(shortlistEntries.editionId, editionId))
    .orderBy(asc(shortlistEntries.position));
  return { editionId, decidedAt: head.decidedAt, decidedByUserId: head.decidedByUserId, nominationIds: entries.map((e) => e.nominationId) };
}

/** Replaces the edition's shortlist with `nominationIds` in this order, decided by `userId` at `now`. SQL only. */
export async function writeShortlist(db: Database, editionId: number, nominationIds: readonly number[], userId: number | null, now: Date): Promise<void> {
  await db
    .insert(shortlists)
    .values({ editionId, decidedByUserId: userId, decidedAt: now })
    .onConflictDoUpdate({ target: shortlists.editionId, set: { decidedByUserId: userId, decidedAt: now } });
  await db.delete(shortlistEntries).where(eq(shortlistEntries.editionId, editionId));
  if (nominationIds.length > 0)
    await db.insert(shortlistEntries).values(nominationIds.map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
}
