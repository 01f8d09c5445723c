import type { Database } from '../db/database.js';
import { anonymousLabels, anonymousOrder } from './anonymous-labels.js';
import { krippendorffAlphaOfUnits, type AlphaResult } from './krippendorff.js';
import { committeeOverviewOfColumns, reliabilityUnitsOfColumns, type Stats } from './normalise.js';
import {
  findJudgingEdition,
  listCommitteeMembers,
  listConflicts,
  listCriteria,
  listEligibleNominations,
  listReviewColumns,
  type JudgingEdition,
} from './judging.repo.js';
import { flagLikelyConflicts, inForce, type Progress } from './review.service.js';

// The committee's overview for the meeting, as plain data: raw statistics per criterion and
// in total, the total normalised per member (z-scores), ranks by both, and Krippendorff's
// alpha. The pages, the admin page and the XLSX export all call loadCommitteeOverview.

export type OverviewMember = {
  id: number;
  /** The member's name, or "Medlem 1", "Medlem 2" … when anonymised. */
  label: string;
  isChair: boolean;
  /** Party letter or organisation represented; null when anonymised. */
  affiliation: string | null;
  progress: Progress;
  /** Normalisation: the member's mean and sd over all their scores; null without scores. */
  mean: number | null;
  sd: number | null;
  noSpread: boolean;
  /** The member's comments the viewer may see, in the nominations' order. */
  comments: { nominationId: number; receiptNumber: string | null; title: string; text: string }[];
};

/** One member's comment on one nomination, under the member's label. */
export type OverviewComment = { memberId: number; label: string; text: string };

export type OverviewNomination = {
  id: number;
  title: string;
  receiptNumber: string | null;
  /** Raw statistics per criterion id; null where nobody scored it. */
  criteria: Record<number, Stats | null>;
  total: Stats | null;
  partialReviews: number;
  memberCount: number;
  normalisedTotal: number | null;
  rankRaw: number | null;
  rankNormalised: number | null;
  /** Labels of the members absent because of a conflict of interest (declared, confirmed or not yet dismissed). */
  absent: string[];
  /** Set for the viewer's own conflicts: the figures and comments are left out (null, empty) for them. */
  hiddenForViewer: boolean;
  /** The members' comments, in the members' order (empty comments left out). */
  comments: OverviewComment[];
};

/**
 * How to name the members: `false` by name; `{ secret }` as "Medlem 1" … in a random order per
 * edition derived from the server secret BALLOT_KEY (anonymous-labels.ts), for sharing.
 */
export type Anonymise = false | { secret: string };

export type CommitteeOverviewData = {
  editionId: number;
  awardName: string;
  year: number;
  organisationId: number;
  scale: { min: number; max: number };
  criteria: { id: number; title: string; titleEn: string | null }[];
  members: OverviewMember[];
  nominations: OverviewNomination[];
  alpha: AlphaResult;
  /** Set when normalisation means little (too few members or nominations scored), with the reason in Danish. */
  tooFew: { code: 'few-members' | 'few-nominations'; reason: string } | null;
  scoreCount: number;
  /**
   * The viewer has a conflict of interest with a nomination: then no rank, normalised total or
   * member's mean and spread is shown to them at all, since the ranks of the others (2–5 shown,
   * 1 hidden), the zero-sum normalised totals and the members' means over all their scores would
   * each give away the figures hidden from them.
   */
  ranksHiddenForViewer: boolean;
};

/**
 * The overview's reads of an edition, started at once and side by side (startOverviewReads):
 * the edition itself, its members, eligible nominations, criteria, reviews and conflicts.
 */
export type OverviewReads = {
  edition: Promise<JudgingEdition | null>;
  members: ReturnType<typeof listCommitteeMembers>;
  eligible: ReturnType<typeof listEligibleNominations>;
  criteria: ReturnType<typeof listCriteria>;
  reviews: ReturnType<typeof listReviewColumns>;
  conflicts: ReturnType<typeof listConflicts>;
};

/**
 * Starts every read of the overview side by side, the edition's included, without writing
 * anything. The administrators' page starts them before it has checked, from the edition, that
 * the administrator may see it: the check would otherwise cost a round trip to the database
 * before the reads could start. Refused or not found, the rows are read and dropped, never
 * shown; flagging likely conflicts (a write) happens only in loadCommitteeOverview, after the
 * check. A read that fails while nobody waits for it is not an unhandled rejection (a caught
 * copy is attached); whoever awaits it still gets the error.
 */
export function startOverviewReads(db: Database, editionId: number): OverviewReads {
  // The reviews first: the longest read is sent before the others' statements are built.
  const reviews = listReviewColumns(db, editionId);
  const reads: OverviewReads = {
    edition: findJudgingEdition(db, editionId),
    members: listCommitteeMembers(db, editionId),
    eligible: listEligibleNominations(db, editionId),
    criteria: listCriteria(db, editionId),
    reviews,
    conflicts: listConflicts(db, editionId),
  };
  for (const read of Object.values(reads) as Promise<unknown>[]) read.catch(() => {});
  return reads;
}

/**
 * The committee overview of an edition, or null when it does not exist. `anonymise` replaces
 * members' names by "Medlem 1" … (in a random order per edition, the members listed in that
 * order) and leaves out affiliations, for sharing. `viewerMemberId`: a committee member looking;
 * figures of nominations they are conflicted with are left out, and if there is any such
 * nomination, so are all ranks, normalised totals and members' means and spreads
 * (`ranksHiddenForViewer`). Only eligible nominations and active members count; scores of
 * members whose conflict is in force are never used (they are deleted when a conflict is
 * declared), nor are their comments; the viewer sees no comment on a nomination hidden from them.
 * Side effects: flags likely conflicts of every member (idempotent).
 */
export async function loadCommitteeOverview(
  db: Database,
  editionId: number,
  {
    anonymise,
    viewerMemberId,
    now,
    edition: known,
    reads: started,
  }: {
    anonymise: Anonymise;
    viewerMemberId?: number;
    now?: Date;
    /** The edition when the caller has just read it (findJudgingEdition): not read again. */
    edition?: JudgingEdition;
    /** The reads when the caller has started them (startOverviewReads): not started again. */
    reads?: OverviewReads;
  },
): Promise<CommitteeOverviewData | null> {
  // Everything is read side by side, the conflicts too: flagging the likely ones (as soon as the
  // members and nominations are in, while the reviews are still being read) rarely finds a new
  // one, and only then are the conflicts read again (reviews are not touched by flagging). Read
  // one after the other, the conflicts waited for the slowest read and the flagging.
  const reads: Omit<OverviewReads, 'edition'> & { edition: Promise<JudgingEdition | null> | JudgingEdition } = started ?? {
    // (The reviews first, as startOverviewReads says.)
    reviews: listReviewColumns(db, editionId),
    edition: known ?? findJudgingEdition(db, editionId),
    members: listCommitteeMembers(db, editionId),
    eligible: listEligibleNominations(db, editionId),
    criteria: listCriteria(db, editionId),
    conflicts: listConflicts(db, editionId),
  };
  const flagged = now ? Promise.all([reads.members, reads.eligible]).then(([m, e]) => flagLikelyConflicts(db, m, e, now)) : Promise.resolve(0);
  const [edition, members, eligible, criteria, reviewRows, conflictsRead, newFlags] = await Promise.all([
    reads.edition,
    reads.members,
    reads.eligible,
    reads.criteria,
    reads.reviews,
    reads.conflicts,
    flagged,
  ]);
  if (!edition) return null;
  const conflictRows = newFlags > 0 ? await listConflicts(db, editionId) : conflictsRead;
  return composeOverview({ edition, members, eligible, criteria, reviewRows, conflictRows }, { editionId, anonymise, viewerMemberId });
}

/** What the overview is computed from, as read (loadCommitteeOverview). */
export type OverviewInput = {
  edition: JudgingEdition;
  members: Awaited<ReturnType<typeof listCommitteeMembers>>;
  eligible: Awaited<ReturnType<typeof listEligibleNominations>>;
  criteria: Awaited<ReturnType<typeof listCriteria>>;
  reviewRows: Awaited<ReturnType<typeof listReviewColumns>>;
  conflictRows: Awaited<ReturnType<typeof listConflicts>>;
};

/** The overview from the rows read (pure; loadCommitteeOverview's computation). */
export function composeOverview(
  { edition, members, eligible, criteria, reviewRows: reviews, conflictRows }: OverviewInput,
  { editionId, anonymise, viewerMemberId }: { editionId: number; anonymise: Anonymise; viewerMemberId?: number | undefined },
): CommitteeOverviewData {
  // Members, nominations and criteria by their place in their lists, and every (member,
  // nomination) pair at member × nominations + nomination in flat arrays: the review's row (−1
  // for none) and whether a conflict is in force. Each pair is looked up once, on numbers; at 300
  // nominations × 9 members, string keys, maps per member and an object per score were a good
  // part of the page's time and garbage.
  const M = members.length;
  const N = eligible.length;
  const C = criteria.length;
  const memberIndex = new Map(members.map((m, i) => [m.id, i]));
  const nominationIndex = new Map(eligible.map((n, i) => [n.id, i]));
  const criterionIndex = new Map(criteria.map((c, i) => [c.id, i]));
  const reviewAt = new Int32Array(M * N).fill(-1);
  for (let r = 0; r < reviews.memberId.length; r++) {
    const m = memberIndex.get(reviews.memberId[r]!);
    const i = nominationIndex.get(reviews.nominationId[r]!);
    if (m !== undefined && i !== undefined) reviewAt[m * N + i] = r;
  }
  const conflictedAt = new Uint8Array(M * N);
  // The viewer's own conflicts hide a nomination's figures and comments from them.
  const hiddenForViewer: boolean[] = eligible.map(() => false);
  for (const c of conflictRows) {
    if (!inForce(c)) continue;
    const i = nominationIndex.get(c.nominationId);
    if (i === undefined) continue;
    if (c.memberId === viewerMemberId) hiddenForViewer[i] = true;
    const m = memberIndex.get(c.memberId);
    if (m !== undefined) conflictedAt[m * N + i] = 1;
  }

  // The scores that count, column by column, in the order the reviews were read (so members and
  // units are numbered as first seen, as the sums of alpha always ran): active members, eligible
  // nominations, no conflict in force, the edition's criteria. Counted per review on the way: a
  // review is complete with a score for every criterion of the edition (its criteria are distinct).
  const scored = { member: [] as number[], nomination: [] as number[], criterion: [] as number[], score: [] as number[] };
  const scoresOfEdition = new Int32Array(reviews.memberId.length);
  for (let r = 0; r < reviews.memberId.length; r++) {
    const m = memberIndex.get(reviews.memberId[r]!);
    const i = nominationIndex.get(reviews.nominationId[r]!);
    if (m === undefined || i === undefined || conflictedAt[m * N + i] === 1) continue;
    for (let j = reviews.scoreStart[r]!; j < reviews.scoreStart[r + 1]!; j++) {
      const c = criterionIndex.get(reviews.criterionId[j]!);
      if (c === undefined) continue;
      scored.member.push(m);
      scored.nomination.push(i);
      scored.criterion.push(c);
      scored.score.push(reviews.score[j]!);
      scoresOfEdition[r]!++;
    }
  }

  // Per member, in the nominations' order: whether a conflict is in force, the comment the
  // viewer may see and the member's progress (as progressOf counts: complete reviews of the
  // eligible nominations without a conflict in force).
  const pairs = members.map((m, mi) => {
    const conflicted: boolean[] = [];
    const comments: string[] = [];
    const progress: Progress = { done: 0, total: 0 };
    for (let i = 0; i < N; i++) {
      const isConflicted = conflictedAt[mi * N + i] === 1;
      const r = reviewAt[mi * N + i]!;
      conflicted.push(isConflicted);
      if (!isConflicted) {
        progress.total++;
        if (r !== -1 && scoresOfEdition[r] === C) progress.done++;
      }
      // The comments counted as the scores are: active members, eligible nominations, no conflict
      // in force; none on a nomination hidden from the viewer (their own conflict).
      comments.push(hiddenForViewer[i] || isConflicted || r === -1 ? '' : reviews.comment[r]!.trim());
    }
    return { id: m.id, conflictedAt: conflicted, comments, progress };
  });

  const columns = { memberCount: M, nominationCount: N, criterionCount: C, length: scored.score.length, ...scored };
  const stats = committeeOverviewOfColumns(columns);
  const alpha = krippendorffAlphaOfUnits(reliabilityUnitsOfColumns(columns));

  const labels = anonymise
    ? anonymousLabels(
        anonymise.secret,
        editionId,
        members.map((m) => m.id),
      )
    : new Map(members.map((m) => [m.id, m.name || m.email]));
  const pairOf = new Map(pairs.map((p, mi) => [p.id, { ...p, index: mi }]));
  // Anonymised, the members are listed in the order of their labels (never chair first, then by name).
  const listed = anonymise
    ? anonymousOrder(
        anonymise.secret,
        editionId,
        members.map((m) => m.id),
      ).map((id) => members[pairOf.get(id)!.index]!)
    : members;
  const listedPairs = listed.map((m) => ({ label: labels.get(m.id)!, ...pairOf.get(m.id)! }));
  const ranksHidden = hiddenForViewer.some(Boolean);

  return {
    editionId,
    awardName: edition.awardName,
    year: edition.year,
    organisationId: edition.organisationId,
    scale: { min: edition.scoreScaleMin, max: edition.scoreScaleMax },
    criteria: criteria.map((c) => ({ id: c.id, title: c.title, titleEn: c.titleEn })),
    members: listed.map((m, row) => {
      const pair = listedPairs[row]!;
      const z = ranksHidden ? null : stats.members[pair.index];
      const { comments } = pair;
      return {
        id: m.id,
        label: pair.label,
        isChair: m.isChair,
        affiliation: anonymise ? null : (m.partyLetter ?? m.represents ?? null),
        progress: pair.progress,
        mean: z ? z.mean : null,
        sd: z ? z.sd : null,
        noSpread: z ? z.status === 'no-spread' : false,
        comments: commentsOfMember(eligible, comments),
      };
    }),
    nominations: eligible.map((n, i) => {
      const s = stats.nominations[i]!;
      const hidden = hiddenForViewer[i]!;
      const byCriterion: Record<number, Stats | null> = {};
      criteria.forEach((c, ci) => {
        byCriterion[c.id] = hidden ? null : s.criteria[ci]!;
      });
      return {
        id: n.id,
        title: n.title,
        receiptNumber: n.receiptNumber,
        criteria: byCriterion,
        total: hidden ? null : s.total,
        partialReviews: hidden ? 0 : s.partialReviews,
        memberCount: hidden ? 0 : s.memberCount,
        normalisedTotal: hidden || ranksHidden ? null : s.normalisedTotal,
        rankRaw: hidden || ranksHidden ? null : s.rankRaw,
        rankNormalised: hidden || ranksHidden ? null : s.rankNormalised,
        absent: absentAt(listedPairs, i),
        hiddenForViewer: hidden,
        comments: commentsAt(listedPairs, i),
      };
    }),
    alpha,
    tooFew: stats.tooFewForNormalisation,
    scoreCount: scored.score.length,
    ranksHiddenForViewer: ranksHidden,
  };
}

// The lists of the overview's rows, by plain loops: at 240 nominations × 9 members, a callback
// per pair and an array per empty comment (flatMap) were a good part of the overview's garbage.

/** A member's comments the viewer may see ('' for none), with their nominations, in the nominations' order. */
function commentsOfMember(eligible: OverviewInput['eligible'], comments: readonly string[]): OverviewMember['comments'] {
  const out: OverviewMember['comments'] = [];
  for (let i = 0; i < eligible.length; i++) {
    const n = eligible[i]!;
    if (comments[i] !== '') out.push({ nominationId: n.id, receiptNumber: n.receiptNumber, title: n.title, text: comments[i]! });
  }
  return out;
}

type ListedPair = { id: number; label: string; conflictedAt: readonly boolean[]; comments: readonly string[] };

/** The labels of the members absent from nomination i (a conflict in force), in the members' order. */
function absentAt(listed: readonly ListedPair[], i: number): string[] {
  const out: string[] = [];
  for (const p of listed) if (p.conflictedAt[i]) out.push(p.label);
  return out;
}

/** The members' comments on nomination i, in the members' order. */
function commentsAt(listed: readonly ListedPair[], i: number): OverviewComment[] {
  const out: OverviewComment[] = [];
  for (const p of listed) if (p.comments[i] !== '') out.push({ memberId: p.id, label: p.label, text: p.comments[i]! });
  return out;
}

export type OverviewSort = 'raw' | 'normalised' | 'title';

// One collator, made once: `localeCompare(…, 'da')` makes one per comparison (as `toLocaleString`
// with options makes a number format), some 2,000 of them per sort of 240 nominations.
const danish = new Intl.Collator('da');

/** The nominations in the order asked for; unranked last, ties by receipt number. */
export function sortNominations(list: readonly OverviewNomination[], by: OverviewSort): OverviewNomination[] {
  const receipt = (a: OverviewNomination, b: OverviewNomination) => danish.compare(a.receiptNumber ?? '', b.receiptNumber ?? '') || a.id - b.id;
  const rank = (key: 'rankRaw' | 'rankNormalised') => (a: OverviewNomination, b: OverviewNomination) =>
    (a[key] ?? Number.MAX_SAFE_INTEGER) - (b[key] ?? Number.MAX_SAFE_INTEGER) || receipt(a, b);
  const copy = [...list];
  if (by === 'title') return copy.sort((a, b) => danish.compare(a.title, b.title) || receipt(a, b));
  return copy.sort(rank(by === 'raw' ? 'rankRaw' : 'rankNormalised'));
}

export type { Stats, AlphaResult };
