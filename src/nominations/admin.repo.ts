import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, criteria, editions, formSections, nominationAttachments, nominations, organisations } from '../db/schema.js';
import { inSentSet } from './attachments/attachments.repo.js';

// SQL only, for the administrators' pages and exports. Every function is a fixed number of
// queries whatever the number of nominations (no query per row). Drafts are the nominator's
// private work: no function here ever returns one.

export type NominationRow = typeof nominations.$inferSelect;
export type NominationStatus = NominationRow['status'];
export type ScreeningState = NominationRow['screening'];

/** The statuses administrators see. */
export const VISIBLE_STATUSES = ['sent', 'withdrawn'] as const satisfies readonly NominationStatus[];
export type VisibleStatus = (typeof VISIBLE_STATUSES)[number];

export const SORT_KEYS = ['receipt', 'title', 'nominee', 'nominator', 'sent', 'status', 'screening'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export type NominationListQuery = {
  sort: SortKey;
  direction: SortDirection;
  status: VisibleStatus | null;
  screening: ScreeningState | null;
  /** 'missing': only sent nominations whose nominee has no contact address (a citizen's nomination). */
  contact: 'missing' | null;
  /** Searched as a substring of title, nominee and nominator; '' for no search. */
  text: string;
};

/** Every edition with its award, organiser and number of sent nominations (one query). */
export async function findEditionsWithSentCounts(db: Database) {
  const sent = db
    .select({ editionId: nominations.editionId, n: count().as('n') })
    .from(nominations)
    .where(eq(nominations.status, 'sent'))
    .groupBy(nominations.editionId)
    .as('sent');
  return db
    .select({ edition: editions, award: awards, organisation: organisations, sentCount: sql<number>`coalesce(${sent.n}, 0)::int` })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .leftJoin(sent, eq(sent.editionId, editions.id))
    .orderBy(asc(organisations.name), asc(awards.establishedYear), asc(awards.name), desc(editions.year));
}

/** The form sections and criteria of an edition, in their order (two queries). */
export async function findFormOfEdition(db: Database, editionId: number) {
  const [sections, crit] = await Promise.all([
    db.select().from(formSections).where(eq(formSections.editionId, editionId)).orderBy(asc(formSections.position)),
    db.select().from(criteria).where(eq(criteria.editionId, editionId)).orderBy(asc(criteria.position)),
  ]);
  return { sections, criteria: crit };
}

/** `text` for use inside ILIKE: the wildcards % and _ and the escape character itself match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const sortColumns: Record<SortKey, SQL[]> = {
  receipt: [sql`${nominations.receiptNumber}`],
  title: [sql`lower(${nominations.title})`],
  nominee: [sql`lower(${nominations.nomineeNames})`],
  nominator: [sql`lower(${nominations.nominatorName})`],
  sent: [sql`${nominations.sentAt}`],
  status: [sql`${nominations.status}`],
  screening: [sql`${nominations.screening}`],
};

/**
 * A sent nomination whose text changed after it was screened and after an administrator last
 * opened it (screening_seen_at): the decision may no longer fit what it says.
 */
export const changedAfterScreening = sql<boolean>`(${nominations.status} = 'sent' and ${nominations.screenedAt} is not null
  and ${nominations.updatedAt} > greatest(${nominations.screenedAt}, coalesce(${nominations.screeningSeenAt}, ${nominations.screenedAt})))`;

/**
 * A sent nomination whose nominee has no contact address: a citizen may send without one, and
 * the organiser then reaches the nominee (nominee-contact.service.ts).
 */
export const nomineeUnreachable = sql<boolean>`(${nominations.status} = 'sent' and ${nominations.nomineeEmail} = '')`;

export const listColumns = {
  id: nominations.id,
  receiptNumber: nominations.receiptNumber,
  title: nominations.title,
  nomineeNames: nominations.nomineeNames,
  nomineeOrganisation: nominations.nomineeOrganisation,
  nominatorName: nominations.nominatorName,
  sentAt: nominations.sentAt,
  withdrawnAt: nominations.withdrawnAt,
  status: nominations.status,
  screening: nominations.screening,
  nomineeConsent: nominations.nomineeConsent,
  changedAfterScreening: changedAfterScreening.mapWith(Boolean),
  nomineeUnreachable: nomineeUnreachable.mapWith(Boolean),
};

/**
 * The sent and withdrawn nominations of an edition, filtered and sorted (one query), with
 * the number of sent and withdrawn nominations before filtering (one more).
 */
export async function listNominationsOfEdition(db: Database, editionId: number, q: NominationListQuery) {
  const visible = and(eq(nominations.editionId, editionId), inArray(nominations.status, [...VISIBLE_STATUSES]));
  const conditions: (SQL | undefined)[] = [visible];
  if (q.status) conditions.push(eq(nominations.status, q.status));
  if (q.screening) conditions.push(eq(nominations.screening, q.screening));
  if (q.contact === 'missing') conditions.push(nomineeUnreachable);
  if (q.text) {
    const pattern = `%${escapeLike(q.text)}%`;
    conditions.push(or(ilike(nominations.title, pattern), ilike(nominations.nomineeNames, pattern), ilike(nominations.nominatorName, pattern)));
  }
  const dir = q.direction === 'asc' ? sql`asc` : sql`desc`;
  const order = [...sortColumns[q.sort].map((c) => sql`${c} ${dir} nulls last`), sql`${nominations.receiptNumber} asc`, sql`${nominations.id} asc`];
  const [rows, totals] = await Promise.all([
    db
      .select(listColumns)
      .from(nominations)
      .where(and(...conditions))
      .orderBy(...order),
    db.select({ n: count() }).from(nominations).where(visible),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** A sent or withdrawn nomination with its edition, award and organiser; null for drafts and unknown ids. */
export async function findVisibleNomination(db: Database, id: number) {
  const rows = await db
    .select({
      nomination: nominations,
      edition: editions,
      award: awards,
      organisation: organisations,
      changedAfterScreening: changedAfterScreening.mapWith(Boolean),
    })
    .from(nominations)
    .innerJoin(editions, eq(editions.id, nominations.editionId))
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(and(eq(nominations.id, id), inArray(nominations.status, [...VISIBLE_STATUSES])))
    .limit(1);
  return rows[0] ?? null;
}

/** A nomination's files as last sent: a file attached since is not seen until the nominator sends the changes; one deleted since still is. */
export async function findAttachments(db: Database, nominationId: number) {
  return db
    .select({
      id: nominationAttachments.id,
      fileName: nominationAttachments.fileName,
      mediaType: nominationAttachments.mediaType,
      sizeBytes: nominationAttachments.sizeBytes,
    })
    .from(nominationAttachments)
    .where(and(eq(nominationAttachments.nominationId, nominationId), inSentSet))
    .orderBy(asc(nominationAttachments.id));
}

/** Every sent and withdrawn nomination of an edition in receipt order, for the exports (one query). */
export async function findNominationsForExport(db: Database, editionId: number): Promise<NominationRow[]> {
  return db
    .select()
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), inArray(nominations.status, [...VISIBLE_STATUSES])))
    .orderBy(sql`${nominations.receiptNumber} asc nulls last`, asc(nominations.id));
}

/**
 * The sent and withdrawn nominations of an edition in receipt order, as ids (one query): the
 * detail page's previous and next.
 */
export async function findNominationOrder(db: Database, editionId: number): Promise<{ id: number; receiptNumber: string | null }[]> {
  return db
    .select({ id: nominations.id, receiptNumber: nominations.receiptNumber })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), inArray(nominations.status, [...VISIBLE_STATUSES])))
    .orderBy(sql`${nominations.receiptNumber} asc nulls last`, asc(nominations.id));
}

/** Records that an administrator opened a screened nomination: a change before now is no longer flagged. */
export async function markScreeningSeen(db: Database, id: number, now: Date): Promise<void> {
  await db
    .update(nominations)
    .set({ screeningSeenAt: now })
    .where(and(eq(nominations.id, id), sql`${nominations.screenedAt} is not null`));
}

/** Which of `ids` are nominations of the edition (one query): a bulk form may not reach another edition's. */
export async function nominationIdsOfEdition(db: Database, editionId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: nominations.id })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), inArray(nominations.id, [...ids])));
  return rows.map((r) => r.id);
}

/** The status of a nomination, or null when there is none with this id. */
export async function findNominationStatus(db: Database, id: number): Promise<NominationStatus | null> {
  const rows = await db.select({ status: nominations.status }).from(nominations).where(eq(nominations.id, id)).limit(1);
  return rows[0]?.status ?? null;
}

/**
 * Records a screening decision on a nomination that is still sent (a nomination withdrawn
 * meanwhile is left alone). Returns whether a row was changed. Leaves the nominator's
 * `version` and `updatedAt` untouched: screening is not an edit of their text.
 */
export async function updateScreening(
  db: Database,
  id: number,
  decision: { screening: 'eligible' | 'not-eligible'; reason: string | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(nominations)
    .set({ screening: decision.screening, screeningReason: decision.reason, screenedAt: decision.at, screeningSeenAt: decision.at })
    .where(and(eq(nominations.id, id), eq(nominations.status, 'sent')))
    .returning({ id: nominations.id });
  return rows.length > 0;
}
