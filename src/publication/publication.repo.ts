import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, organisations } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { shortlistEntries } from '../judging/judging.schema.js';
import { editionMembers } from '../members/members.schema.js';
import { users } from '../accounts/accounts.schema.js';
import type { NomineeSource } from './public-result.js';
import { publicationNotices } from './publication.schema.js';

// SQL only.

const nomineeColumns = {
  id: nominations.id,
  status: nominations.status,
  title: nominations.title,
  summary: nominations.summary,
  nomineeKind: nominations.nomineeKind,
  nomineeNames: nominations.nomineeNames,
  nomineeUnit: nominations.nomineeUnit,
  nomineeOrganisation: nominations.nomineeOrganisation,
  nomineeConsent: nominations.nomineeConsent,
  originOrganisation: nominations.originOrganisation,
  // The idea bank's origin link (ideabank/: solution_nominations with role 'origin'). The outer
  // table is named in full: drizzle writes an unqualified "id", which the join would capture.
  originSolutionId: sql<
    number | null
  >`(select sn.solution_id from solution_nominations sn where sn.nomination_id = nominations.id and sn.role = 'origin' limit 1)`,
  originSolutionTitle: sql<
    string | null
  >`(select s.title from solution_nominations sn join solutions s on s.id = sn.solution_id where sn.nomination_id = nominations.id and sn.role = 'origin' limit 1)`,
  solutionId: sql<
    number | null
  >`(select sn.solution_id from solution_nominations sn where sn.nomination_id = nominations.id and sn.role = 'nominated' limit 1)`,
};

/** The edition a nomination belongs to, or null when there is no such nomination. */
export async function findEditionIdOfNomination(db: Database, nominationId: number): Promise<number | null> {
  const [row] = await db.select({ editionId: nominations.editionId }).from(nominations).where(eq(nominations.id, nominationId)).limit(1);
  return row?.editionId ?? null;
}

/** The publishable columns of the given nominations (one query). */
export async function findNomineeSources(db: Database, ids: readonly number[]): Promise<NomineeSource[]> {
  if (ids.length === 0) return [];
  return db
    .select(nomineeColumns)
    .from(nominations)
    .where(inArray(nominations.id, [...ids]));
}

/** The shortlists of several editions in the chair's order, keyed by edition (one query). */
export async function findShortlistIds(db: Database, editionIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (editionIds.length === 0) return out;
  const rows = await db
    .select({ editionId: shortlistEntries.editionId, nominationId: shortlistEntries.nominationId })
    .from(shortlistEntries)
    .where(inArray(shortlistEntries.editionId, [...editionIds]))
    .orderBy(asc(shortlistEntries.editionId), asc(shortlistEntries.position));
  for (const r of rows) {
    const list = out.get(r.editionId) ?? [];
    list.push(r.nominationId);
    out.set(r.editionId, list);
  }
  return out;
}

/** Editions whose `column` instant is at or before `now`, with award and organisation. */
export async function findEditionsPastInstant(db: Database, column: 'nominees' | 'winner', now: Date) {
  // A draft round is seen by no one outside its organisation, whatever its dates say.
  const col = column === 'nominees' ? editions.nomineesPublishedAt : editions.winnerAnnouncedAt;
  return db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(and(isNotNull(editions.publishedAt), isNotNull(col), lte(col, now)))
    .orderBy(asc(col), asc(editions.id));
}

/** Who a nomination's people are and in which language to write to them, with its screening (for the not-eligible reason). */
const CONTACT_COLUMNS = {
  nominatorName: nominations.nominatorName,
  nominatorEmail: nominations.nominatorEmail,
  nomineeNames: nominations.nomineeNames,
  nomineeEmail: nominations.nomineeEmail,
  language: nominations.language,
  nomineeLanguage: nominations.nomineeLanguage,
  screening: nominations.screening,
  screeningReason: nominations.screeningReason,
};

/** Who to tell about a nomination: its nominator and its nominee, with the addresses they gave (one query). */
export async function findNominationContacts(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: nominations.id, status: nominations.status, title: nominations.title, ...CONTACT_COLUMNS })
    .from(nominations)
    .where(inArray(nominations.id, [...ids]));
}

/** The sent nominations of an edition with their contacts and screening (withdrawn ones are not asked for). */
export async function findSentNominationContacts(db: Database, editionId: number) {
  return db
    .select({ id: nominations.id, title: nominations.title, ...CONTACT_COLUMNS })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), eq(nominations.status, 'sent')))
    .orderBy(asc(nominations.id));
}

/** The active members of an edition's committee and panel, with their language. */
export async function findRoundMembers(db: Database, editionId: number) {
  return db
    .select({ id: editionMembers.id, role: editionMembers.role, name: users.name, email: users.email, language: users.language })
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .where(and(eq(editionMembers.editionId, editionId), isNull(editionMembers.removedAt)))
    .orderBy(asc(editionMembers.id));
}

/**
 * Editions whose `kind` instant is in [since, now] and that have no notice of that kind yet,
 * with award and organisation (one query).
 */
export async function findEditionsDueForNotice(db: Database, kind: 'nominees' | 'winner', since: Date, now: Date) {
  const col = kind === 'nominees' ? editions.nomineesPublishedAt : editions.winnerAnnouncedAt;
  return db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .leftJoin(publicationNotices, and(eq(publicationNotices.editionId, editions.id), eq(publicationNotices.kind, kind)))
    .where(and(isNotNull(editions.publishedAt), isNotNull(col), lte(col, now), gte(col, since), isNull(publicationNotices.editionId)))
    .orderBy(asc(col), asc(editions.id));
}

/** Claims the notice of `kind` for an edition: true when this call inserted the row (call it in the mails' transaction). */
export async function claimNotice(db: Database, editionId: number, kind: 'nominees' | 'winner', now: Date): Promise<boolean> {
  const took = await db
    .insert(publicationNotices)
    .values({ editionId, kind, enqueuedAt: now })
    .onConflictDoNothing()
    .returning({ editionId: publicationNotices.editionId });
  return took.length > 0;
}

/** The nominations that go to the committee (sent and screened eligible), by receipt number, in full (one query). */
export async function findEligibleNominationsInFull(db: Database, editionId: number) {
  return db
    .select()
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), eq(nominations.status, 'sent'), eq(nominations.screening, 'eligible')))
    .orderBy(sql`${nominations.receiptNumber} asc nulls last`, asc(nominations.id));
}
