import { and, asc, eq, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';
import { awards, criteria, editions, formSections, nominationLinkRecoveries, nominations, organisations, receiptCounters } from '../db/schema.js';
import type { NominationFields } from './form.js';

// SQL only. Rules live in nomination.service.ts.

export type NominationRow = typeof nominations.$inferSelect;

/** The form's fields as columns (also a working copy applied on sending): an unanswered choice is null in the database. */
export function fieldColumns(f: NominationFields) {
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

/**
 * Locks the edition row against a change of its form (FOR KEY SHARE: many senders at once do
 * not wait for each other, but a save of the criteria or form sections, which locks the row FOR
 * UPDATE, waits for them, and they for it) and returns a fingerprint of what a nomination is
 * checked against: the sections' ids, word limits and required flags, the criteria's ids and
 * whether the origin is asked. Null when the edition does not exist.
 */
export async function lockEditionForm(db: Database, editionId: number): Promise<string | null> {
  const [locked] = await queryRows<{ id: number }>(db, sql`select id from editions where id = ${editionId} for key share`);
  if (!locked) return null;
  // A second statement: under READ COMMITTED it reads a snapshot taken after the lock was
  // granted, so it sees a form saved by the transaction the lock waited for.
  const [row] = await queryRows<{ fingerprint: string }>(
    db,
    sql`select e.asks_origin::text
          || '|' || coalesce((select string_agg(fs.id || ':' || coalesce(fs.word_limit, 0) || ':' || fs.required::text, ',' order by fs.position)
                                from form_sections fs where fs.edition_id = e.id), '')
          || '|' || coalesce((select string_agg(c.id::text, ',' order by c.position) from criteria c where c.edition_id = e.id), '') as fingerprint
        from editions e where e.id = ${editionId}`,
  );
  return row?.fingerprint ?? null;
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

export async function insertDraft(
  db: Database,
  v: { editionId: number; accessTokenHash: string; fields: NominationFields; now: Date; language?: 'da' | 'en' },
) {
  const [row] = await db
    .insert(nominations)
    .values({
      editionId: v.editionId,
      accessTokenHash: v.accessTokenHash,
      ...fieldColumns(v.fields),
      ...(v.language ? { language: v.language } : {}),
      createdAt: v.now,
      updatedAt: v.now,
    })
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
      ...fieldColumns(v.fields),
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

/** The nomination whose private link (or the latest reminder's link, src/outreach) has this hash. */
export async function findNominationByAccessHash(db: Database, hash: string): Promise<NominationRow | null> {
  const [row] = await db
    .select()
    .from(nominations)
    .where(or(eq(nominations.accessTokenHash, hash), eq(nominations.reminderTokenHash, hash)))
    .limit(1);
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

/**
 * Saves fields if the row is still at `expectedVersion`; null when someone saved in between.
 * `asWorkingCopy` (a sent nomination): into the working copy, leaving the sent version and its
 * `updated_at` (which screening compares with) as they are.
 */
export async function updateFields(
  db: Database,
  id: number,
  fields: NominationFields,
  expectedVersion: number,
  now: Date,
  asWorkingCopy = false,
  language?: 'da' | 'en',
) {
  const values = asWorkingCopy ? { workingCopy: fields, workingCopySavedAt: now } : { ...fieldColumns(fields), updatedAt: now };
  const [row] = await db
    .update(nominations)
    .set({ ...values, ...(language ? { language } : {}), version: sql`${nominations.version} + 1` })
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

/** Draft and sent nominations whose nominator wrote `email` (any case), with the number of working recovery links of each at `now`. */
export async function findNominationsForRecovery(db: Database, email: string, now: Date) {
  return queryRows<{ id: number; edition_id: number; working: number }>(
    db,
    sql`select n.id, n.edition_id,
               (select count(*)::int from nomination_link_recoveries r
                 where r.nomination_id = n.id and r.used_at is null and r.expires_at > ${now.toISOString()}::timestamptz) as working
          from nominations n
         where lower(n.nominator_email) = lower(${email}) and n.status in ('draft', 'sent')
         order by n.id`,
  );
}

export async function insertLinkRecovery(db: Database, v: { nominationId: number; tokenHash: string; now: Date; expiresAt: Date }) {
  await db.insert(nominationLinkRecoveries).values({ nominationId: v.nominationId, tokenHash: v.tokenHash, createdAt: v.now, expiresAt: v.expiresAt });
}

/** A recovery link by its token's hash, locked until the transaction ends (two clicks use it once), with its nomination's status. */
export async function lockLinkRecovery(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      id: nominationLinkRecoveries.id,
      nominationId: nominationLinkRecoveries.nominationId,
      usedAt: nominationLinkRecoveries.usedAt,
      expiresAt: nominationLinkRecoveries.expiresAt,
      nominationStatus: nominations.status,
      title: nominations.title,
    })
    .from(nominationLinkRecoveries)
    .innerJoin(nominations, eq(nominations.id, nominationLinkRecoveries.nominationId))
    .where(eq(nominationLinkRecoveries.tokenHash, tokenHash))
    .for('update', { of: nominationLinkRecoveries })
    .limit(1);
  return row ?? null;
}

export async function markLinkRecoveryUsed(db: Database, id: number, now: Date) {
  await db.update(nominationLinkRecoveries).set({ usedAt: now }).where(eq(nominationLinkRecoveries.id, id));
}
