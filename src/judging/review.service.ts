import { type Database, inTransaction } from '../db/database.js';
import { forCommittee } from './blind-review.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import {
  decideFlag,
  deleteReview,
  findCommitteeMember,
  findConflict,
  findEligibleNomination,
  findJudgingEdition,
  insertFlags,
  listConflicts,
  listCriteria,
  listEligibleNominations,
  listFormSections,
  listReviews,
  upsertDeclaredConflict,
  writeReview,
  type CommitteeMember,
  type ConflictRow,
  type EligibleNomination,
  type JudgingEdition,
  type ReviewRow,
} from './judging.repo.js';
import { canScore, likelyConflicts, parseScore, reviewWindow, windowOpen, type ReviewWindow, type ScorePermission } from './review-rules.js';

// A committee member's work: the eligible nominations with their state, the review form of
// one nomination (scores per criterion and a comment), and conflicts of interest (declared by
// the member, or flagged by the system for the member to confirm or dismiss).

/** The longest comment and conflict reason the forms accept. */
export const COMMENT_MAX = 5000;
export const CONFLICT_REASON_MAX = 1000;

/** A conflict is in force unless it is a flag the member dismissed (fail closed). */
export function inForce(c: ConflictRow | null | undefined): boolean {
  return c !== null && c !== undefined && c.status !== 'dismissed';
}

const pairKey = (memberId: number, nominationId: number) => `${memberId}:${nominationId}`;

/** The conflicts of an edition by member and nomination. */
export function conflictIndex(rows: readonly ConflictRow[]): Map<string, ConflictRow> {
  return new Map(rows.map((c) => [pairKey(c.memberId, c.nominationId), c]));
}

export function conflictOf(index: Map<string, ConflictRow>, memberId: number, nominationId: number): ConflictRow | null {
  return index.get(pairKey(memberId, nominationId)) ?? null;
}

/**
 * Flags the likely conflicts of every member with every eligible nomination that has no
 * conflict row yet (see review-rules.ts likelyConflict, likelyConflicts). Idempotent; safe with two processes.
 * Side effects: inserts 'flagged'/'pending' rows in conflicts_of_interest. Returns how many were new.
 */
export async function flagLikelyConflicts(
  db: Database,
  members: readonly CommitteeMember[],
  eligible: readonly EligibleNomination[],
  now: Date,
): Promise<number> {
  return insertFlags(db, likelyConflicts(members, eligible), now);
}

export type Progress = { done: number; total: number };

/** A review is complete when every criterion of the edition has a score. */
export function isComplete(review: ReviewRow | undefined, criterionIds: readonly number[]): boolean {
  return review !== undefined && criterionIds.every((c) => review.scores.has(c));
}

/** How far a member is: complete reviews of the eligible nominations they are not conflicted with. */
export function progressOf(
  memberId: number,
  eligible: readonly { id: number }[],
  conflicts: Map<string, ConflictRow>,
  reviewsByPair: Map<string, ReviewRow>,
  criterionIds: readonly number[],
): Progress {
  let done = 0;
  let total = 0;
  for (const n of eligible) {
    if (inForce(conflictOf(conflicts, memberId, n.id))) continue;
    total++;
    if (isComplete(reviewsByPair.get(pairKey(memberId, n.id)), criterionIds)) done++;
  }
  return { done, total };
}

export function reviewIndex(rows: readonly ReviewRow[]): Map<string, ReviewRow> {
  return new Map(rows.map((r) => [pairKey(r.memberId, r.nominationId), r]));
}

export function reviewOf(index: Map<string, ReviewRow>, memberId: number, nominationId: number): ReviewRow | null {
  return index.get(pairKey(memberId, nominationId)) ?? null;
}

export type NominationState = 'todo' | 'partial' | 'done' | 'conflict' | 'flagged';

export type MemberEditionOverview = {
  edition: JudgingEdition;
  member: CommitteeMember;
  window: ReviewWindow | null;
  open: ScorePermission;
  progress: Progress;
  nominations: { id: number; title: string; receiptNumber: string | null; state: NominationState }[];
};

/**
 * The edition as one committee member works on it, or null when the user has no active
 * committee seat in it. Side effects: flags likely conflicts (flagLikelyConflicts).
 */
export async function loadMemberEdition(db: Database, editionId: number, userId: number, now: Date): Promise<MemberEditionOverview | null> {
  const member = await findCommitteeMember(db, editionId, userId);
  if (!member) return null;
  const edition = await findJudgingEdition(db, editionId);
  if (!edition) return null;
  const [eligible, criteria] = await Promise.all([listEligibleNominations(db, editionId), listCriteria(db, editionId)]);
  await flagLikelyConflicts(db, [member], eligible, now);
  const [conflictRows, reviewRows] = await Promise.all([listConflicts(db, editionId), listReviews(db, editionId, member.id)]);
  const conflicts = conflictIndex(conflictRows);
  const reviewsByPair = reviewIndex(reviewRows);
  const criterionIds = criteria.map((c) => c.id);
  const window = reviewWindow(edition);
  return {
    edition,
    member,
    window,
    open: windowOpen(window, now),
    progress: progressOf(member.id, eligible, conflicts, reviewsByPair, criterionIds),
    nominations: eligible.map((n) => {
      const c = conflictOf(conflicts, member.id, n.id);
      const r = reviewsByPair.get(pairKey(member.id, n.id));
      const state: NominationState =
        c && c.status === 'pending' ? 'flagged' : inForce(c) ? 'conflict' : isComplete(r, criterionIds) ? 'done' : r && r.scores.size > 0 ? 'partial' : 'todo';
      return { id: n.id, title: n.title, receiptNumber: n.receiptNumber, state };
    }),
  };
}

export type ReviewPage = {
  edition: JudgingEdition;
  member: CommitteeMember;
  nomination: NonNullable<Awaited<ReturnType<typeof findEligibleNomination>>>;
  /** The English texts (null: none given) are for English pages; the Danish ones stand in, marked lang="da". */
  sections: { id: number; heading: string; headingEn: string | null }[];
  criteria: { id: number; title: string; description: string; titleEn: string | null; descriptionEn: string | null }[];
  review: ReviewRow | null;
  conflict: ConflictRow | null;
  permission: ScorePermission;
  /** Whether the review window is open (whatever the member's conflicts). */
  open: ScorePermission;
  window: ReviewWindow | null;
  /** The eligible nominations' ids in order, for "previous" and "next". */
  order: number[];
};

/** One nomination as a committee member reviews it: 'not-member' (403) or 'not-found' (404) otherwise. */
export async function loadReviewPage(
  db: Database,
  editionId: number,
  nominationId: number,
  userId: number,
  now: Date,
): Promise<ReviewPage | 'not-member' | 'not-found'> {
  const member = await findCommitteeMember(db, editionId, userId);
  if (!member) return 'not-member';
  const [edition, nomination] = await Promise.all([findJudgingEdition(db, editionId), findEligibleNomination(db, editionId, nominationId)]);
  if (!edition || !nomination) return 'not-found';
  const eligible = await listEligibleNominations(db, editionId);
  await flagLikelyConflicts(
    db,
    [member],
    eligible.filter((n) => n.id === nominationId),
    now,
  );
  const [sections, criteria, conflict, reviewRows] = await Promise.all([
    listFormSections(db, editionId),
    listCriteria(db, editionId),
    findConflict(db, member.id, nominationId),
    listReviews(db, editionId, member.id),
  ]);
  const window = reviewWindow(edition);
  return {
    edition,
    member,
    // Blind review: the fields hidden from the committee never reach the page (blind-review.ts).
    nomination: forCommittee(nomination, edition.blindReview),
    sections,
    criteria,
    review: reviewRows.find((r) => r.nominationId === nominationId) ?? null,
    conflict,
    permission: canScore({ conflicted: inForce(conflict) }, window, now),
    open: windowOpen(window, now),
    window,
    order: eligible.map((n) => n.id),
  };
}

export type ScoreProblem = { criterionId: number; problem: 'not-a-number' | 'out-of-scale' };

export type SaveReviewResult =
  | { ok: true; complete: boolean }
  | { ok: false; reason: 'not-member' | 'not-found' }
  | { ok: false; reason: 'refused'; refusal: Exclude<ScorePermission, { ok: true }>['reason'] }
  | { ok: false; reason: 'invalid'; problems: ScoreProblem[]; commentTooLong: boolean };

/**
 * Saves a committee member's scores and comment on one eligible nomination of the edition:
 * `scores` holds the typed value per criterion id (empty: not scored yet). Everything is
 * checked first and then written in one transaction, so nothing is half-saved; saving the
 * same form twice gives the same review.
 *
 * Refuses: 'not-member' (no active committee seat), 'not-found' (not an eligible nomination
 * of the edition), 'refused' with the reason of canScore (conflict, before the review starts,
 * after the deadline, after the chair closed scoring early), 'invalid' (a score that is not a whole number on the scale, or a
 * comment over COMMENT_MAX characters).
 *
 * Side effects: upserts the row in `reviews` and replaces its `review_scores`; audit
 * 'review.save' with the scores and comment before and after (when anything changed). No e-mail.
 */
export async function saveReview(args: {
  db: Database;
  /** Who saves: the audit log names them. */
  actor: Actor;
  editionId: number;
  nominationId: number;
  userId: number;
  scores: Record<string, unknown>;
  comment: string;
  now: Date;
}): Promise<SaveReviewResult> {
  const { editionId, nominationId, now } = args;
  return inTransaction(args.db, async (db): Promise<SaveReviewResult> => {
    const member = await findCommitteeMember(db, editionId, args.userId);
    if (!member) return { ok: false, reason: 'not-member' };
    // The edition row is locked so a change of its deadline or scale cannot interleave.
    const edition = await findJudgingEdition(db, editionId, { lock: true });
    const nomination = edition ? await findEligibleNomination(db, editionId, nominationId) : null;
    if (!edition || !nomination) return { ok: false, reason: 'not-found' };
    const conflict = await findConflict(db, member.id, nominationId);
    const permission = canScore({ conflicted: inForce(conflict) }, reviewWindow(edition), now);
    if (!permission.ok) return { ok: false, reason: 'refused', refusal: permission.reason };
    const criteria = await listCriteria(db, editionId);
    const scale = { min: edition.scoreScaleMin, max: edition.scoreScaleMax };
    const problems: ScoreProblem[] = [];
    const values = new Map<number, number>();
    for (const c of criteria) {
      const parsed = parseScore(args.scores[String(c.id)], scale);
      if (!parsed.ok) problems.push({ criterionId: c.id, problem: parsed.problem });
      else if (parsed.value !== null) values.set(c.id, parsed.value);
    }
    const comment = args.comment.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    const commentTooLong = comment.length > COMMENT_MAX;
    if (problems.length > 0 || commentTooLong) return { ok: false, reason: 'invalid', problems, commentTooLong };
    const [previous] = (await listReviews(db, editionId, member.id)).filter((r) => r.nominationId === nominationId);
    const snapshot = (scores: Map<number, number>, text: string) => ({ scores: Object.fromEntries([...scores].sort(([a], [b]) => a - b)), comment: text });
    const before = previous ? snapshot(previous.scores, previous.comment) : null;
    const after = snapshot(values, comment);
    await writeReview(db, member.id, nominationId, comment, values, now);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(
        db,
        {
          actor: args.actor,
          action: 'review.save',
          entityType: 'nomination',
          entityId: nominationId,
          organisationId: edition.organisationId,
          editionId,
          before,
          after: { memberId: member.id, ...after },
        },
        now,
      );
    }
    return { ok: true, complete: values.size === criteria.length };
  });
}

export type ConflictAction = 'declare' | 'confirm' | 'dismiss';

export type ConflictResult =
  | { ok: true }
  | { ok: false; reason: 'not-member' | 'not-found' | 'no-flag' | 'reason-required' | 'reason-too-long' | 'deadline-passed' };

/**
 * A committee member declares a conflict of interest with a nomination (a reason is
 * required), or confirms or dismisses the system's flag. Declaring or confirming removes the
 * member's review of the nomination (no score from a conflicted member). Allowed until the
 * review deadline (or until the chair closes scoring early).
 *
 * Side effects, in one transaction: the conflicts_of_interest row; the member's review of
 * the nomination deleted when the conflict is in force; an audit record
 * ('conflict.declare', 'conflict.confirm' or 'conflict.dismiss').
 */
export async function decideConflict(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  nominationId: number;
  userId: number;
  action: ConflictAction;
  reason: string;
  now: Date;
}): Promise<ConflictResult> {
  const { editionId, nominationId, now, action } = args;
  const reason = args.reason.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (reason.length > CONFLICT_REASON_MAX) return { ok: false, reason: 'reason-too-long' };
  if (action === 'declare' && reason === '') return { ok: false, reason: 'reason-required' };
  return inTransaction(args.db, async (db): Promise<ConflictResult> => {
    const member = await findCommitteeMember(db, editionId, args.userId);
    if (!member) return { ok: false, reason: 'not-member' };
    const edition = await findJudgingEdition(db, editionId);
    const nomination = edition ? await findEligibleNomination(db, editionId, nominationId) : null;
    if (!edition || !nomination) return { ok: false, reason: 'not-found' };
    // Conflicts can change until scoring ends: the review deadline, or the chair's early closing.
    const open = windowOpen(reviewWindow(edition), now);
    if (!open.ok && open.reason !== 'not-started') return { ok: false, reason: 'deadline-passed' };
    const before = await findConflict(db, member.id, nominationId);
    if (action === 'declare') {
      await upsertDeclaredConflict(db, member.id, nominationId, reason, now);
    } else {
      if (before?.origin !== 'flagged') return { ok: false, reason: 'no-flag' };
      await decideFlag(db, member.id, nominationId, action === 'confirm' ? 'confirmed' : 'dismissed', reason, now);
    }
    if (action !== 'dismiss') await deleteReview(db, member.id, nominationId);
    await recordAudit(
      db,
      {
        actor: args.actor,
        action: `conflict.${action}`,
        entityType: 'nomination',
        entityId: nominationId,
        organisationId: edition.organisationId,
        editionId,
        before: before ? { status: before.status, origin: before.origin, flag: before.flag } : null,
        after: { memberId: member.id, status: action === 'dismiss' ? 'dismissed' : 'confirmed', reason },
      },
      now,
    );
    return { ok: true };
  });
}
