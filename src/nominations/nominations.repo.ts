import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, criteria, editions, formSections, nominations, organisations, receiptCounters } from '../db/schema.js';
import type { NominationFields } from './form.js';

// SQL only. Rules live in nomination.service.ts.

export type NominationRow = typeof nominations.$inferSelect;

/** The form's fields as columns: an unanswered choice is null in the database. */
function toColumns(f: NominationFields) {
  return { ...f, nominatorIsCitizen: f.nominatorIsCitizen || null, nomineeKind: f.nomineeKind || null };
}

export async function findEditionWithForm(db: Database, editionId: number) {
  const [found] = await db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, editionId))
    .limit(1);
  if (!found) return null;
  const [sections, crit] = await Promise.all([
    db.select().from(formSections).where(eq(formSections.editionId, editionId)).orderBy(asc(formSections.position)),
    db.select().from(criteria).where(eq(criteria.editionId, editionId)).orderBy(asc(criteria.position)),
  ]);
  return { ...found, sections, criteria: crit };
}

export async function findEditionIdByAwardYear(db: Database, slug: string, year: number): Promise<number | null> {
  const [row] = await db
    .select({ id: editions.id })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(and(eq(awards.slug, slug), eq(editions.year, year)))
    .limit(1);
  return row?.id ?? null;
}

export async function insertDraft(db: Database, v: { editionId: number; accessTokenHash: string; fields: NominationFields; now: Date }) {
  const [row] = await db
    .insert(nominations)
    .values({ editionId: v.editionId, accessTokenHash: v.accessTokenHash, ...toColumns(v.fields), createdAt: v.now, updatedAt: v.now })
    .returning();
  return row!;
}

/** Inserts a draft unless its idempotency key is taken; null then (the other request's row wins). */
export async function insertDraftOnce(
  db: Database,
  v: { editionId: number; accessTokenHash: string; fields: NominationFields; now: Date; idempotencyKey: string | null; idempotencyFingerprint: string },
) {
  const [row] = await db
    .insert(nominations)
    .values({
      editionId: v.editionId,
      accessTokenHash: v.accessTokenHash,
      ...toColumns(v.fields),
      idempotencyKey: v.idempotencyKey,
      idempotencyFingerprint: v.idempotencyFingerprint,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findNominationById(db: Database, id: number): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id)).limit(1);
  return row ?? null;
}

/** The row, locked until the transaction ends, so two sends of one nomination queue up. */
export async function lockNomination(db: Database, id: number): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function findNominationByAccessHash(db: Database, hash: string): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.accessTokenHash, hash)).limit(1);
  return row ?? null;
}

export async function findNominationByConsentHash(db: Database, hash: string): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.nomineeConsentTokenHash, hash)).limit(1);
  return row ?? null;
}

export async function findNominationByIdempotencyKey(db: Database, editionId: number, key: string): Promise<NominationRow | null> {
  const [row] = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), eq(nominations.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

/** Saves fields if the row is still at `expectedVersion`; null when someone saved in between. */
export async function updateFields(db: Database, id: number, fields: NominationFields, expectedVersion: number, now: Date) {
  const [row] = await db
    .update(nominations)
    .set({ ...toColumns(fields), version: sql`${nominations.version} + 1`, updatedAt: now })
    .where(and(eq(nominations.id, id), eq(nominations.version, expectedVersion)))
    .returning();
  return row ?? null;
}

export async function updateNomination(db: Database, id: number, values: Partial<typeof nominations.$inferInsert>) {
  const [row] = await db.update(nominations).set(values).where(eq(nominations.id, id)).returning();
  return row!;
}

/** The next receipt number of an edition: 1, 2, 3… without gaps between committed sends. */
export async function nextReceiptNumber(db: Database, editionId: number): Promise<number> {
  const [row] = await db
    .insert(receiptCounters)
    .values({ editionId, lastNumber: 1 })
    .onConflictDoUpdate({ target: receiptCounters.editionId, set: { lastNumber: sql`${receiptCounters.lastNumber} + 1` } })
    .returning({ n: receiptCounters.lastNumber });
  return row!.n;
}
