import { and, asc, eq, getTableColumns, isNull, sql, type Column } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.js';
import { editionMembers, editions, formSections, nominations, users } from '../db/schema.js';
import { conflictsOfInterest, reviewClosures, reviewScores, reviews } from './judging.schema.js';

// SQL only: the committee's rows. Rules live in the services.

export type JudgingEdition = typeof editions.$inferSelect & {
  awardName: string;
  organisationId: number;
  /** When the chair closed scoring early (review_closures), or null. */
  reviewClosedEarlyAt: Date | null;
};

// The committee overview's small reads (the edition, its members, eligible nominations,
// criteria and conflicts) are fixed raw SQL read as the driver parses it, mapped here as Drizzle
// would map them (the same rows and types on both engines: test/integration/judging.test.ts
// compares them with Drizzle's own selects). The overview starts them side by side with the
// reviews' read, the longest; built by Drizzle's query builder, their building took about
// 0.8 ms of the one thread in the very window the reviews' rows arrive in (issue 14, BENCHMARKS.md).

/** A table's columns as `alias."column" as "key"` and those whose driver value Drizzle maps (dates, jsonb, bigint). */
function rawColumns(table: Parameters<typeof getTableColumns>[0], alias: string) {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  return {
    list: columns.map(([key, column]) => `${alias}."${column.name}" as "${key}"`).join(', '),
    mapped: columns.filter(([, column]) => !['PgInteger', 'PgText', 'PgBoolean'].includes(column.columnType)),
  };
}

/** Maps the `mapped` columns of a raw row in place, as Drizzle does (null stays null). */
function mapRow<T>(row: Record<string, unknown>, mapped: [string, Column][]): T {
  for (const [key, column] of mapped) {
    const v = row[key];
    row[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return row as T;
}

const EDITION = rawColumns(editions, 'e');
const EDITION_SQL = `select ${EDITION.list}, a.name as "awardName", a.organisation_id as "organisationId", c.closed_at as "reviewClosedEarlyAt"
  from editions e join awards a on a.id = e.award_id left join review_closures c on c.edition_id = e.id where e.id = `;
const closedAtColumn = reviewClosures.closedAt as unknown as Column;

/** An edition with its award's name and organisation and the chair's early closing of scoring, or null. */
export async function findJudgingEdition(db: Database, editionId: number, { lock = false } = {}): Promise<JudgingEdition | null> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`${sql.raw(EDITION_SQL)}${editionId}${lock ? sql.raw(' for update of e') : sql``}`);
  if (!row) return null;
  row.reviewClosedEarlyAt = row.reviewClosedEarlyAt === null ? null : closedAtColumn.mapFromDriverValue(row.reviewClosedEarlyAt);
  return mapRow<JudgingEdition>(row, EDITION.mapped);
}

/** Records that the chair closed scoring early; a second call changes nothing (false). */
export async function insertReviewClosure(db: Database, editionId: number, userId: number | null, now: Date): Promise<boolean> {
  const rows = await db
    .insert(reviewClosures)
    .values({ editionId, closedByUserId: userId, closedAt: now })
    .onConflictDoNothing()
    .returning({ editionId: reviewClosures.editionId });
  return rows.length > 0;
}

export type CommitteeMember = {
  id: number;
  userId: number;
  name: string;
  email: string;
  isChair: boolean;
  partyLetter: string | null;
  represents: string | null;
  /** The language of the member's e-mails (null: Danish). */
  language: 'da' | 'en' | null;
};

const memberColumns = {
  id: editionMembers.id,
  userId: editionMembers.userId,
  name: users.name,
  email: users.email,
  isChair: editionMembers.isChair,
  partyLetter: editionMembers.partyLetter,
  represents: editionMembers.represents,
  language: users.language,
};

const MEMBERS_SQL = `select m.id, m.user_id as "userId", u.name, u.email, m.is_chair as "isChair", m.party_letter as "partyLetter",
    m.represents, u.language
  from edition_members m join users u on u.id = m.user_id
  where m.role = 'committee' and m.removed_at is null and m.edition_id = `;

/** The active committee members of an edition, chair first, then by name. */
export async function listCommitteeMembers(db: Database, editionId: number): Promise<CommitteeMember[]> {
  return queryRows<CommitteeMember>(db, sql`${sql.raw(MEMBERS_SQL)}${editionId} order by m.is_chair desc, u.name asc, m.id asc`);
}

/** The user's active committee seat in the edition, or null. */
export async function findCommitteeMember(db: Database, editionId: number, userId: number): Promise<CommitteeMember | null> {
  const [row] = await db
    .select(memberColumns)
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .where(
      and(eq(editionMembers.editionId, editionId), eq(editionMembers.userId, userId), eq(editionMembers.role, 'committee'), isNull(editionMembers.removedAt)),
    );
  return row ?? null;
}

export type EligibleNomination = {
  id: number;
  title: string;
  receiptNumber: string | null;
  nominatorEmail: string;
  nomineeOrganisation: string;
  nomineeUnit: string;
};

const eligibleWhere = (editionId: number) => and(eq(nominations.editionId, editionId), eq(nominations.status, 'sent'), eq(nominations.screening, 'eligible'));

const ELIGIBLE_SQL = `select n.id, n.title, n.receipt_number as "receiptNumber", n.nominator_email as "nominatorEmail",
    n.nominee_organisation as "nomineeOrganisation", n.nominee_unit as "nomineeUnit"
  from nominations n where n.status = 'sent' and n.screening = 'eligible' and n.edition_id = `;

/** The nominations that go to the committee: sent (not withdrawn) and screened eligible, by receipt number. */
export async function listEligibleNominations(db: Database, editionId: number): Promise<EligibleNomination[]> {
  return queryRows<EligibleNomination>(db, sql`${sql.raw(ELIGIBLE_SQL)}${editionId} order by n.receipt_number asc nulls last, n.id asc`);
}

/** One eligible nomination of the edition in full, or null (another edition, not eligible, withdrawn, missing). */
export async function findEligibleNomination(db: Database, editionId: number, nominationId: number) {
  const [row] = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.id, nominationId), eligibleWhere(editionId)));
  return row ?? null;
}

export type CriterionRow = { id: number; title: string; description: string; titleEn: string | null; descriptionEn: string | null };

/** The edition's criteria in their order. */
export async function listCriteria(db: Database, editionId: number): Promise<CriterionRow[]> {
  return queryRows<CriterionRow>(
    db,
    sql`select c.id, c.title, c.description, c.title_en as "titleEn", c.description_en as "descriptionEn" from criteria c where c.edition_id = ${editionId} order by c.position asc`,
  );
}

export async function listFormSections(db: Database, editionId: number) {
  return db
    .select({ id: formSections.id, heading: formSections.heading, headingEn: formSections.headingEn })
    .from(formSections)
    .where(eq(formSections.editionId, editionId))
    .orderBy(asc(formSections.position));
}

export type ConflictRow = typeof conflictsOfInterest.$inferSelect;

const CONFLICT = rawColumns(conflictsOfInterest, 'k');
const CONFLICTS_SQL = `select ${CONFLICT.list} from conflicts_of_interest k join edition_members m on m.id = k.member_id where m.edition_id = `;

/** Every conflict row of the edition's committee. */
export async function listConflicts(db: Database, editionId: number): Promise<ConflictRow[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`${sql.raw(CONFLICTS_SQL)}${editionId}`);
  return rows.map((row) => mapRow<ConflictRow>(row, CONFLICT.mapped));
}

export async function findConflict(db: Database, memberId: number, nominationId: number): Promise<ConflictRow | null> {
  const [row] = await db
    .select()
    .from(conflictsOfInterest)
    .where(and(eq(conflictsOfInterest.memberId, memberId), eq(conflictsOfInterest.nominationId, nominationId)));
  return row ?? null;
}

/**
 * Records flags the system found; a pair that already has a row (flagged or declared) is left
 * alone. Returns how many rows were new (0 when every flag was already there).
 */
export async function insertFlags(
  db: Database,
  flags: { memberId: number; nominationId: number; flag: 'same-organisation' | 'same-unit' | 'nominated-it' }[],
  now: Date,
): Promise<number> {
  if (flags.length === 0) return 0;
  const inserted = await db
    .insert(conflictsOfInterest)
    .values(
      flags.map((f) => ({
        memberId: f.memberId,
        nominationId: f.nominationId,
        origin: 'flagged' as const,
        flag: f.flag,
        status: 'pending' as const,
        reason: '',
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: conflictsOfInterest.id });
  return inserted.length;
}

/** A declared conflict: always confirmed; replaces a flag on the same pair. */
export async function upsertDeclaredConflict(db: Database, memberId: number, nominationId: number, reason: string, now: Date) {
  await db
    .insert(conflictsOfInterest)
    .values({ memberId, nominationId, origin: 'declared', flag: null, status: 'confirmed', reason, createdAt: now, decidedAt: now })
    .onConflictDoUpdate({
      target: [conflictsOfInterest.memberId, conflictsOfInterest.nominationId],
      set: { origin: 'declared', flag: null, status: 'confirmed', reason, decidedAt: now },
    });
}

/** Confirms or dismisses a flag; true when a flagged row was changed. */
export async function decideFlag(
  db: Database,
  memberId: number,
  nominationId: number,
  status: 'confirmed' | 'dismissed',
  reason: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(conflictsOfInterest)
    .set({ status, reason, decidedAt: now })
    .where(and(eq(conflictsOfInterest.memberId, memberId), eq(conflictsOfInterest.nominationId, nominationId), eq(conflictsOfInterest.origin, 'flagged')))
    .returning({ id: conflictsOfInterest.id });
  return rows.length > 0;
}

export type ReviewRow = { memberId: number; nominationId: number; comment: string; updatedAt: Date; scores: Map<number, number> };

type ReviewQueryRow = { member_id: number; nomination_id: number; comment: string; updated_ms: number; scores: string | null };

/** The reviews of an edition (or of one member) with their scores; listReviews and listReviewColumns read it. */
function reviewsQuery(db: Database, editionId: number, memberId?: number): Promise<ReviewQueryRow[]> {
  // One row per review with its scores as one text, "criterion:score,…" in the criteria's
  // order, not one row per score: at 300 nominations × 9 members × 5 criteria that is 2,000 rows
  // instead of 10,000 more. Raw SQL read as the driver parses it: Drizzle's mapping of each field
  // of each row cost more than PostgreSQL took to answer (the committee overview reads every
  // review of the edition); and the scores as text, read below digit by digit, rather than as
  // two integer arrays, which the driver's generic array parser took longer over than the rest
  // of the row. The instant comes as milliseconds, which both drivers give as a number.
  return queryRows<ReviewQueryRow>(
    db,
    sql`
      select r.member_id, r.nomination_id, r.comment, (extract(epoch from r.updated_at) * 1000)::float8 as updated_ms,
        string_agg(s.criterion_id || ':' || s.score, ',' order by s.criterion_id) as scores
      from reviews r
      join nominations n on n.id = r.nomination_id
      left join review_scores s on s.review_id = r.id
      where n.edition_id = ${editionId}${memberId === undefined ? sql`` : sql` and r.member_id = ${memberId}`}
      group by r.id
    `,
  );
}

/** Every review of the edition (of eligible and other nominations alike) with its scores. */
export async function listReviews(db: Database, editionId: number, memberId?: number): Promise<ReviewRow[]> {
  const rows = await reviewsQuery(db, editionId, memberId);
  return rows.map((r) => ({
    memberId: r.member_id,
    nominationId: r.nomination_id,
    comment: r.comment,
    updatedAt: new Date(r.updated_ms),
    scores: parseScores(r.scores),
  }));
}

/**
 * Every review of the edition, column by column (the committee overview's read, the same
 * statement as listReviews): review k is member `memberId[k]`'s of nomination `nominationId[k]`
 * with `comment[k]`, and its scores are `criterionId[j]`: `score[j]` for j from `scoreStart[k]`
 * up to `scoreStart[k + 1]`, in the criteria's id order. No object, Date or Map per review.
 */
export type ReviewColumns = {
  memberId: number[];
  nominationId: number[];
  comment: string[];
  scoreStart: number[];
  criterionId: number[];
  score: number[];
};

export async function listReviewColumns(db: Database, editionId: number): Promise<ReviewColumns> {
  const rows = await reviewsQuery(db, editionId);
  const columns: ReviewColumns = { memberId: [], nominationId: [], comment: [], scoreStart: [0], criterionId: [], score: [] };
  for (const r of rows) {
    columns.memberId.push(r.member_id);
    columns.nominationId.push(r.nomination_id);
    columns.comment.push(r.comment);
    parseScoresInto(r.scores, columns.criterionId, columns.score);
    columns.scoreStart.push(columns.score.length);
  }
  return columns;
}

/** "criterion:score,criterion:score" (integers, a score possibly negative) as a map; null or empty for none. */
export function parseScores(text: string | null): Map<number, number> {
  const criteria: number[] = [];
  const scores: number[] = [];
  parseScoresInto(text, criteria, scores);
  return new Map(criteria.map((c, i) => [c, scores[i]!]));
}

/** The same text's pairs appended to `criteria` and `scores` (the committee overview's columns). */
export function parseScoresInto(text: string | null, criteria: number[], scores: number[]): void {
  if (!text) return;
  let criterion = 0;
  let value = 0;
  let negative = false;
  let inScore = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 44; // a ',' after the last pair
    if (ch >= 48 && ch <= 57) value = value * 10 + (ch - 48);
    else if (ch === 58) {
      criterion = value;
      value = 0;
      inScore = true;
    } else if (ch === 45) negative = true;
    else if (ch === 44) {
      if (!inScore) throw new Error(`scores: not "criterion:score" in ${JSON.stringify(text)}`);
      criteria.push(criterion);
      scores.push(negative ? -value : value);
      value = 0;
      negative = false;
      inScore = false;
    } else throw new Error(`scores: unexpected ${JSON.stringify(text[i])} in ${JSON.stringify(text)}`);
  }
}

/** Writes one member's review of one nomination: the comment and exactly the scores given (others removed). */
export async function writeReview(db: Database, memberId: number, nominationId: number, comment: string, scores: Map<number, number>, now: Date) {
  const [review] = await db
    .insert(reviews)
    .values({ memberId, nominationId, comment, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [reviews.memberId, reviews.nominationId], set: { comment, updatedAt: now } })
    .returning({ id: reviews.id });
  await db.delete(reviewScores).where(eq(reviewScores.reviewId, review!.id));
  if (scores.size > 0) await db.insert(reviewScores).values([...scores].map(([criterionId, score]) => ({ reviewId: review!.id, criterionId, score })));
}

/** Removes a member's review of a nomination (when a conflict is declared or confirmed). */
export async function deleteReview(db: Database, memberId: number, nominationId: number) {
  await db.delete(reviews).where(and(eq(reviews.memberId, memberId), eq(reviews.nominationId, nominationId)));
}
