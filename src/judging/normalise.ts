/**
 * The committee overview: raw statistics, per-member normalisation and ranks. Pure.
 *
 * Input is sparse: one `Score` per (member, nomination, criterion) that was actually given.
 * A conflicted member simply has no scores for that nomination; a member may also skip a
 * criterion.
 *
 * Definitions (all standard deviations are population sds, dividing by n):
 * - z-score: per member over ALL their scores (every nomination and criterion):
 *   z = (x − mean) / sd. A member whose scores are all equal (or who gave one score) has
 *   sd 0: every z is 0 and the member is reported with status 'no-spread'.
 * - raw total of one member for one nomination: the sum of that member's criterion scores,
 *   counted only when the member scored every criterion of the edition (a complete review);
 *   partial reviews are counted in `partialReviews` and left out of the total's statistics
 *   (they still count per criterion).
 * - normalised total of a nomination: for each member who scored it, the mean of their
 *   z-scores over the criteria they scored; then the mean of that over those members.
 * - ranks: higher is better; standard competition ranking ("1224"): equal values share the
 *   best rank and the next rank skips. Values closer than 1e-9 count as equal. A
 *   nomination without a value has rank null.
 * - `tooFewForNormalisation`: fewer than 3 members or fewer than 3 nominations scored.
 *   Everything is still computed; the flag tells the overview to show raw figures first.
 */

export interface Score {
  memberId: string;
  nominationId: string;
  criterionId: string;
  score: number;
}

export interface Stats {
  count: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  /** max − min */
  range: number;
  /** population standard deviation */
  sd: number;
}

export interface MemberNormalisation {
  memberId: string;
  status: 'ok' | 'no-spread';
  scoreCount: number;
  mean: number;
  sd: number;
}

export interface NominationOverview {
  nominationId: string;
  /** Members with at least one score for this nomination. */
  memberCount: number;
  /** Raw statistics per criterion id (criteria nobody scored here are absent). */
  criteria: Record<string, Stats>;
  /** Raw statistics of complete reviews' totals; null when there is no complete review. */
  total: Stats | null;
  /** Reviews (members) with some but not all criteria scored. */
  partialReviews: number;
  normalisedTotal: number | null;
  rankRaw: number | null;
  rankNormalised: number | null;
}

export type TooFewReason = 'few-members' | 'few-nominations';

export interface Overview {
  criteria: string[];
  members: MemberNormalisation[];
  nominations: NominationOverview[];
  tooFewForNormalisation: { code: TooFewReason; reason: string } | null;
}

export const MIN_MEMBERS_FOR_NORMALISATION = 3;
export const MIN_NOMINATIONS_FOR_NORMALISATION = 3;

export class ScoreInputError extends Error {
  override readonly name = 'ScoreInputError';
  constructor(
    readonly problem: 'duplicate' | 'not-finite' | 'unknown-criterion',
    readonly score: Score,
  ) {
    super(`${problem}: member ${score.memberId}, nomination ${score.nominationId}, criterion ${score.criterionId}`);
  }
}

/**
 * The values in ascending order, as a new array. The overview sorts some 1,700 short lists (a
 * nomination's scores of one criterion: one per member) and a few long ones (a member's every
 * score): insertion sort is fastest for the short, a typed array's numeric sort for the long.
 */
function sortedNumbers(values: readonly number[]): ArrayLike<number> {
  if (values.length > 32) return Float64Array.from(values).sort();
  const sorted = values.slice();
  for (let i = 1; i < sorted.length; i++) {
    const v = sorted[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]! > v) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = v;
  }
  return sorted;
}

export function stats(values: readonly number[]): Stats | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = sortedNumbers(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (sorted[i]! - mean) ** 2;
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  return { count: n, mean, median, min, max, range: max - min, sd: Math.sqrt(sq / n) };
}

const EPS = 1e-9;

/** Standard competition ranking, higher value = better (rank 1). Null values get null. */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const ranks: (number | null)[] = values.map(() => null);
  let prev: number | null = null;
  let prevRank = 0;
  order.forEach(({ v, i }, pos) => {
    const rank: number = prev !== null && Math.abs(prev - v) <= EPS * Math.max(1, Math.abs(v)) ? prevRank : pos + 1;
    ranks[i] = rank;
    prev = v;
    prevRank = rank;
  });
  return ranks;
}

export interface OverviewOptions {
  /** The edition's criteria, in display order. Defaults to the criteria seen in the scores (first seen first). */
  criteria?: readonly string[];
  /** Nominations to list even without scores (e.g. every screened nomination). Defaults to those scored. */
  nominations?: readonly string[];
}

/** One member's scores of one nomination, in the order given: criteria by their index in the edition's list. */
type Review = { criteria: number[]; values: number[]; nomination: NominationTally };
/** What a nomination gathers from its reviews: the scores per criterion (by index), complete totals, z means. */
type NominationTally = { byCriterion: (number[] | undefined)[]; totals: number[]; partial: number; zMeans: number[]; members: number };

export function committeeOverview(scores: readonly Score[], options: OverviewOptions = {}): Overview {
  const criteria = options.criteria ? [...options.criteria] : [...new Set(scores.map((s) => s.criterionId))];
  // Criteria by their first place in the list; a review's scores are kept as short arrays of
  // criterion indices and values rather than a Map per review (2,000 of them at 300 nominations
  // × 9 members), and a run of scores of the same member and nomination (as the scores are
  // read) finds its review without a lookup.
  const criterionIndex = new Map<string, number>();
  criteria.forEach((c, i) => {
    if (!criterionIndex.has(c)) criterionIndex.set(c, i);
  });

  const tallies = new Map<string, NominationTally>();
  const nominationOrder: string[] = options.nominations ? [...options.nominations] : [];
  const newTally = (): NominationTally => ({ byCriterion: [], totals: [], partial: 0, zMeans: [], members: 0 });
  for (const id of nominationOrder) if (!tallies.has(id)) tallies.set(id, newTally());

  // member → nomination → review
  const byMember = new Map<string, Map<string, Review>>();
  let lastMember: string | undefined;
  let lastNomination: string | undefined;
  let reviews: Map<string, Review> | undefined;
  let review: Review | undefined;
  for (const s of scores) {
    if (typeof s.score !== 'number' || !Number.isFinite(s.score)) throw new ScoreInputError('not-finite', s);
    const criterion = criterionIndex.get(s.criterionId);
    if (criterion === undefined) throw new ScoreInputError('unknown-criterion', s);
    if (reviews === undefined || s.memberId !== lastMember) {
      reviews = byMember.get(s.memberId);
      if (!reviews) {
        reviews = new Map();
        byMember.set(s.memberId, reviews);
      }
      lastMember = s.memberId;
      review = undefined;
    }
    if (review === undefined || s.nominationId !== lastNomination) {
      review = reviews.get(s.nominationId);
      if (!review) {
        let tally = tallies.get(s.nominationId);
        if (!tally) {
          tally = newTally();
          tallies.set(s.nominationId, tally);
          nominationOrder.push(s.nominationId);
        }
        review = { criteria: [], values: [], nomination: tally };
        reviews.set(s.nominationId, review);
      }
      lastNomination = s.nominationId;
    }
    if (review.criteria.includes(criterion)) throw new ScoreInputError('duplicate', s);
    review.criteria.push(criterion);
    review.values.push(s.score);
  }

  // Per-member mean and sd over all their scores; then each review's z-scores (z = (x − mean) / sd;
  // 0 throughout for a member without spread) and the nominations' tallies.
  const members: MemberNormalisation[] = [];
  for (const [memberId, ofMember] of byMember) {
    const all: number[] = [];
    for (const r of ofMember.values()) for (const v of r.values) all.push(v);
    const st = stats(all)!;
    const noSpread = st.sd <= EPS * Math.max(1, Math.abs(st.mean));
    members.push({ memberId, status: noSpread ? 'no-spread' : 'ok', scoreCount: st.count, mean: st.mean, sd: st.sd });
    const sd = noSpread ? 0 : st.sd;
    for (const r of ofMember.values()) {
      const tally = r.nomination;
      tally.members++;
      let total = 0;
      let zSum = 0;
      for (let k = 0; k < r.values.length; k++) {
        const v = r.values[k]!;
        const c = r.criteria[k]!;
        const list = tally.byCriterion[c];
        if (list) list.push(v);
        else tally.byCriterion[c] = [v];
        total += v;
        zSum += sd === 0 ? 0 : (v - st.mean) / sd;
      }
      if (r.values.length === criteria.length) tally.totals.push(total);
      else tally.partial++;
      tally.zMeans.push(zSum / r.values.length);
    }
  }

  const rows = nominationOrder.map((nominationId) => {
    const tally = tallies.get(nominationId)!;
    const critStats: Record<string, Stats> = {};
    criteria.forEach((c, i) => {
      const list = tally.byCriterion[i];
      if (list) critStats[c] = stats(list)!;
    });
    const normalised = stats(tally.zMeans);
    return {
      nominationId,
      memberCount: tally.members,
      criteria: critStats,
      total: stats(tally.totals),
      partialReviews: tally.partial,
      normalisedTotal: normalised ? normalised.mean : null,
      rankRaw: null as number | null,
      rankNormalised: null as number | null,
    };
  });
  const rawRanks = competitionRanks(rows.map((r) => (r.total ? r.total.mean : null)));
  const normRanks = competitionRanks(rows.map((r) => r.normalisedTotal));
  rows.forEach((r, i) => {
    r.rankRaw = rawRanks[i]!;
    r.rankNormalised = normRanks[i]!;
  });

  const memberCount = byMember.size;
  const scoredNominations = rows.filter((r) => r.memberCount > 0).length;
  let tooFew: Overview['tooFewForNormalisation'] = null;
  if (memberCount < MIN_MEMBERS_FOR_NORMALISATION) {
    tooFew = {
      code: 'few-members',
      reason: `Kun ${memberCount} ${memberCount === 1 ? 'medlem' : 'medlemmer'} har givet point. Normaliserede point kræver mindst ${MIN_MEMBERS_FOR_NORMALISATION}, så brug de rå point.`,
    };
  } else if (scoredNominations < MIN_NOMINATIONS_FOR_NORMALISATION) {
    tooFew = {
      code: 'few-nominations',
      reason: `Kun ${scoredNominations} ${scoredNominations === 1 ? 'indstilling' : 'indstillinger'} har fået point. Normaliserede point kræver mindst ${MIN_NOMINATIONS_FOR_NORMALISATION}, så brug de rå point.`,
    };
  }

  return { criteria, members, nominations: rows, tooFewForNormalisation: tooFew };
}

/**
 * The reliability matrix for Krippendorff's alpha from the same scores: one row per member,
 * one column per (nomination, criterion) — or per nomination total when `byTotal` is set
 * (complete reviews only).
 */
export function reliabilityMatrix(
  scores: readonly Score[],
  options: { byTotal?: boolean; criteria?: readonly string[] } = {},
): { members: string[]; units: { nominationId: string; criterionId: string | null }[]; data: (number | null)[][] } {
  const criteria = options.criteria ? [...options.criteria] : [...new Set(scores.map((s) => s.criterionId))];
  // Members and units get their index when first seen; a score's cell is found through nested
  // maps (nomination → criterion → unit) rather than by composed string keys, which at 10,000
  // scores cost more than the rest of the committee overview's arithmetic.
  const memberIndex = new Map<string, number>();
  const members: string[] = [];
  const unitIndex = new Map<string, Map<string, number>>();
  const units: { nominationId: string; criterionId: string | null }[] = [];
  const cellOf = new Int32Array(scores.length * 2);
  // A run of scores of the same member and nomination (as the scores are read) reuses the last lookups.
  let lastMember: string | undefined;
  let lastNomination: string | undefined;
  let member = -1;
  let byCriterion: Map<string, number> | undefined;
  for (let k = 0; k < scores.length; k++) {
    const s = scores[k]!;
    if (member === -1 || s.memberId !== lastMember) {
      const known = memberIndex.get(s.memberId);
      if (known === undefined) {
        member = members.length;
        memberIndex.set(s.memberId, member);
        members.push(s.memberId);
      } else member = known;
      lastMember = s.memberId;
    }
    if (byCriterion === undefined || s.nominationId !== lastNomination) {
      byCriterion = unitIndex.get(s.nominationId);
      if (!byCriterion) {
        byCriterion = new Map();
        unitIndex.set(s.nominationId, byCriterion);
      }
      lastNomination = s.nominationId;
    }
    const criterionKey = options.byTotal ? '' : s.criterionId;
    let unit = byCriterion.get(criterionKey);
    if (unit === undefined) {
      unit = units.length;
      byCriterion.set(criterionKey, unit);
      units.push({ nominationId: s.nominationId, criterionId: options.byTotal ? null : s.criterionId });
    }
    cellOf[2 * k] = member;
    cellOf[2 * k + 1] = unit;
  }
  const data = members.map(() => new Array<number | null>(units.length).fill(null));
  const counts = members.map(() => new Uint32Array(units.length));
  for (let k = 0; k < scores.length; k++) {
    const row = data[cellOf[2 * k]!]!;
    const unit = cellOf[2 * k + 1]!;
    row[unit] = (row[unit] ?? 0) + scores[k]!.score;
    counts[cellOf[2 * k]!]![unit]!++;
  }
  // By total, only complete reviews count: a member's total with a criterion missing is left out.
  if (options.byTotal)
    data.forEach((row, m) => {
      for (let u = 0; u < units.length; u++) if (counts[m]![u] !== 0 && counts[m]![u] !== criteria.length) row[u] = null;
    });
  return { members, units, data };
}
