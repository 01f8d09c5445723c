import type { Database } from '../db/database.js';
import { anonymousLabels, anonymousOrder } from './anonymous-labels.js';
import { krippendorffAlphaInterval, type AlphaResult } from './krippendorff.js';
import { committeeOverview, reliabilityMatrix, type Score, type Stats } from './normalise.js';
import {
  findJudgingEdition,
  listCommitteeMembers,
  listConflicts,
  listCriteria,
  listEligibleNominations,
  listReviews,
  type JudgingEdition,
} from './judging.repo.js';
import { flagLikelyConflicts, inForce, isComplete, type Progress } from './review.service.js';

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
  reviews: ReturnType<typeof listReviews>;
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
  const reads: OverviewReads = {
    edition: findJudgingEdition(db, editionId),
    members: listCommitteeMembers(db, editionId),
    eligible: listEligibleNominations(db, editionId),
    criteria: listCriteria(db, editionId),
    reviews: listReviews(db, editionId),
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
    edition: known ?? findJudgingEdition(db, editionId),
    members: listCommitteeMembers(db, editionId),
    eligible: listEligibleNominations(db, editionId),
    criteria: listCriteria(db, editionId),
    reviews: listReviews(db, editionId),
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
  reviewRows: Awaited<ReturnType<typeof listReviews>>;
  conflictRows: Awaited<ReturnType<typeof listConflicts>>;
};

/** The overview from the rows read (pure; loadCommitteeOverview's computation). */
export function composeOverview(
  { edition, members, eligible, criteria, reviewRows, conflictRows }: OverviewInput,
  { editionId, anonymise, viewerMemberId }: { editionId: number; anonymise: Anonymise; viewerMemberId?: number | undefined },
): CommitteeOverviewData {
  const eligibleIds = new Set(eligible.map((n) => n.id));
  // Reviews and conflicts by member, then nomination, on the numeric ids: each pair is looked up
  // once below, and a composed string key per lookup (pairKey) cost more than the lookup.
  const reviewsOf = byMemberAndNomination(reviewRows);
  const conflictsOf = byMemberAndNomination(conflictRows);
  const criterionIds = criteria.map((c) => c.id);
  const criterionSet = new Set(criterionIds);
  const viewerConflicts = viewerMemberId === undefined ? undefined : conflictsOf.get(viewerMemberId);

  // Each (member, nomination) pair is looked up once here, into one row per member in the
  // nominations' order: whether a conflict is in force, the comment the viewer may see and the
  // member's progress. The figures, comments and absences below read these rows (at 300
  // nominations × 9 members, looking each pair up again for every use was a good part of the
  // page's time).
  const hiddenForViewer = eligible.map((n) => viewerConflicts !== undefined && inForce(viewerConflicts.get(n.id)));
  const pairs = new Map(
    members.map((m) => {
      const conflictsOfMember = conflictsOf.get(m.id);
      const reviewsOfMember = reviewsOf.get(m.id);
      const conflicted: boolean[] = [];
      const comments: string[] = [];
      const conflictedIds = new Set<number>();
      // As progressOf counts: complete reviews of the eligible nominations without a conflict in force.
      const progress: Progress = { done: 0, total: 0 };
      eligible.forEach((n, i) => {
        const isConflicted = conflictsOfMember !== undefined && inForce(conflictsOfMember.get(n.id));
        const review = reviewsOfMember?.get(n.id);
        conflicted.push(isConflicted);
        if (isConflicted) conflictedIds.add(n.id);
        else {
          progress.total++;
          if (isComplete(review, criterionIds)) progress.done++;
        }
        // The comments counted as the scores are: active members, eligible nominations, no conflict
        // in force; none on a nomination hidden from the viewer (their own conflict).
        comments.push(hiddenForViewer[i] || isConflicted ? '' : (review?.comment.trim() ?? ''));
      });
      return [m.id, { conflicted: conflictedIds, conflictedAt: conflicted, comments, progress }];
    }),
  );

  const scores: Score[] = [];
  for (const r of reviewRows) {
    const pair = pairs.get(r.memberId);
    if (!pair || pair.conflicted.has(r.nominationId) || !eligibleIds.has(r.nominationId)) continue;
    const memberId = String(r.memberId);
    const nominationId = String(r.nominationId);
    r.scores.forEach((score, criterionId) => {
      if (criterionSet.has(criterionId)) scores.push({ memberId, nominationId, criterionId: String(criterionId), score });
    });
  }
  const stats = committeeOverview(scores, { criteria: criterionIds.map(String), nominations: eligible.map((n) => String(n.id)) });
  const matrix = reliabilityMatrix(scores, { criteria: criterionIds.map(String) });
  const alpha = krippendorffAlphaInterval(matrix.data);

  const labels = anonymise
    ? anonymousLabels(
        anonymise.secret,
        editionId,
        members.map((m) => m.id),
      )
    : new Map(members.map((m) => [m.id, m.name || m.email]));
  const memberById = new Map(members.map((m) => [m.id, m]));
  // Anonymised, the members are listed in the order of their labels (never chair first, then by name).
  const listed = anonymise
    ? anonymousOrder(
        anonymise.secret,
        editionId,
        members.map((m) => m.id),
      ).map((id) => memberById.get(id)!)
    : members;
  const listedPairs = listed.map((m) => ({ id: m.id, label: labels.get(m.id)!, ...pairs.get(m.id)! }));
  const ranksHidden = hiddenForViewer.some(Boolean);
  const normalisation = new Map(stats.members.map((m) => [Number(m.memberId), m]));
  const byNomination = new Map(stats.nominations.map((n) => [Number(n.nominationId), n]));

  return {
    editionId,
    awardName: edition.awardName,
    year: edition.year,
    organisationId: edition.organisationId,
    scale: { min: edition.scoreScaleMin, max: edition.scoreScaleMax },
    criteria: criteria.map((c) => ({ id: c.id, title: c.title, titleEn: c.titleEn })),
    members: listed.map((m, row) => {
      const z = ranksHidden ? undefined : normalisation.get(m.id);
      const { comments } = listedPairs[row]!;
      return {
        id: m.id,
        label: listedPairs[row]!.label,
        isChair: m.isChair,
        affiliation: anonymise ? null : (m.partyLetter ?? m.represents ?? null),
        progress: listedPairs[row]!.progress,
        mean: z ? z.mean : null,
        sd: z ? z.sd : null,
        noSpread: z ? z.status === 'no-spread' : false,
        comments: eligible.flatMap((n, i) =>
          comments[i] === '' ? [] : [{ nominationId: n.id, receiptNumber: n.receiptNumber, title: n.title, text: comments[i]! }],
        ),
      };
    }),
    nominations: eligible.map((n, i) => {
      const s = byNomination.get(n.id)!;
      const hidden = hiddenForViewer[i]!;
      return {
        id: n.id,
        title: n.title,
        receiptNumber: n.receiptNumber,
        criteria: Object.fromEntries(criterionIds.map((c) => [c, hidden ? null : (s.criteria[String(c)] ?? null)])),
        total: hidden ? null : s.total,
        partialReviews: hidden ? 0 : s.partialReviews,
        memberCount: hidden ? 0 : s.memberCount,
        normalisedTotal: hidden || ranksHidden ? null : s.normalisedTotal,
        rankRaw: hidden || ranksHidden ? null : s.rankRaw,
        rankNormalised: hidden || ranksHidden ? null : s.rankNormalised,
        absent: listedPairs.filter((p) => p.conflictedAt[i]).map((p) => p.label),
        hiddenForViewer: hidden,
        comments: listedPairs.filter((p) => p.comments[i] !== '').map((p) => ({ memberId: p.id, label: p.label, text: p.comments[i]! })),
      };
    }),
    alpha,
    tooFew: stats.tooFewForNormalisation,
    scoreCount: scores.length,
    ranksHiddenForViewer: ranksHidden,
  };
}

/** Rows by member, then nomination (each pair has at most one review and one conflict row). */
function byMemberAndNomination<T extends { memberId: number; nominationId: number }>(rows: readonly T[]): Map<number, Map<number, T>> {
  const index = new Map<number, Map<number, T>>();
  for (const row of rows) {
    let ofMember = index.get(row.memberId);
    if (!ofMember) {
      ofMember = new Map();
      index.set(row.memberId, ofMember);
    }
    ofMember.set(row.nominationId, row);
  }
  return index;
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
