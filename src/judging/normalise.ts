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

// The buffer stats sorts in, reused: the committee overview takes the statistics of some 1,700
// short lists (a nomination's scores of one criterion: one per member) and a few long ones (a
// member's every score), and a new array or typed array for each was most of its garbage.
let sortBuffer = new Float64Array(64);

/**
 * The statistics of `values[from … to)`, sorted in a reused buffer: insertion sort for the short
 * lists, a typed array's numeric sort for the long ones; then summed in ascending order.
 */
export function statsOfRange(values: ArrayLike<number>, from: number, to: number): Stats | null {
  const n = to - from;
  if (n <= 0) return null;
  if (sortBuffer.length < n) sortBuffer = new Float64Array(Math.max(n, sortBuffer.length * 2));
  const sorted = sortBuffer;
  if (n > 32) {
    for (let i = 0; i < n; i++) sorted[i] = values[from + i]!;
    sorted.subarray(0, n).sort();
  } else
    for (let i = 0; i < n; i++) {
      const v = values[from + i]!;
      let j = i - 1;
      while (j >= 0 && sorted[j]! > v) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = v;
    }
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

export function stats(values: ArrayLike<number>): Stats | null {
  return statsOfRange(values, 0, values.length);
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

/**
 * The scores column by column, as the committee overview has them (judging/overview.service.ts):
 * score k is `score[k]`, given by member `member[k]` to nomination `nomination[k]` on criterion
 * `criterion[k]`, each an index into the caller's lists (0 … memberCount − 1, and so on). No
 * object, string key or map per score: at 300 nominations × 9 members × 5 criteria those 10,000
 * Score objects, their string ids and the maps that grouped them were a good part of the
 * overview's time and garbage. The input must be valid, as committeeOverview checks its Scores
 * before it calls this: finite scores, at most one per member, nomination and criterion.
 */
export interface ScoreColumns {
  memberCount: number;
  nominationCount: number;
  /** How many criteria the edition has: a review with this many scores is complete. */
  criterionCount: number;
  length: number;
  member: ArrayLike<number>;
  nomination: ArrayLike<number>;
  criterion: ArrayLike<number>;
  score: ArrayLike<number>;
}

/** committeeOverview's result by index: members and nominations in the columns' numbering. */
export interface ColumnsOverview {
  /** By member index; null for a member without scores. */
  members: (Omit<MemberNormalisation, 'memberId'> | null)[];
  /** By nomination index, every nomination; `criteria` by criterion index, null where nobody scored it. */
  nominations: (Omit<NominationOverview, 'nominationId' | 'criteria'> & { criteria: (Stats | null)[] })[];
  tooFewForNormalisation: Overview['tooFewForNormalisation'];
}

/** Counting sort: the indices 0 … keys.length − 1 grouped by key (in input order within a key), and where each key's group starts. */
function groupBy(keys: Int32Array, keyCount: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (let k = 0; k < keys.length; k++) start[keys[k]! + 1]!++;
  for (let key = 1; key <= keyCount; key++) start[key]! += start[key - 1]!;
  const next = start.slice(0, keyCount);
  const order = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) order[next[keys[k]!]!++] = k;
  return { start, order };
}

/**
 * The committee overview (see the definitions at the top) from scores column by column. Sums
 * run in the same order as committeeOverview's always did (a review's scores in input order;
 * every other list is sorted before it is summed), so both give the very same figures.
 */
export function committeeOverviewOfColumns(cols: ScoreColumns): ColumnsOverview {
  const { memberCount: M, nominationCount: N, criterionCount: C, length: K } = cols;
  // The scores by review (member × nomination, member by member), and by cell (nomination × criterion).
  const reviewKey = new Int32Array(K);
  const cellKey = new Int32Array(K);
  for (let k = 0; k < K; k++) {
    reviewKey[k] = cols.member[k]! * N + cols.nomination[k]!;
    cellKey[k] = cols.nomination[k]! * C + cols.criterion[k]!;
  }
  const byReview = groupBy(reviewKey, M * N);
  const byCell = groupBy(cellKey, N * C);

  // Per nomination: the complete reviews' totals and every review's mean z-score, M slots each.
  const totals = new Float64Array(N * M);
  const zMeans = new Float64Array(N * M);
  const totalCount = new Int32Array(N);
  const reviewCount = new Int32Array(N);
  const partial = new Int32Array(N);
  const members: ColumnsOverview['members'] = [];
  const memberValues = new Float64Array(K);
  let scoredMembers = 0;
  for (let m = 0; m < M; m++) {
    const from = byReview.start[m * N]!;
    const to = byReview.start[(m + 1) * N]!;
    if (from === to) {
      members.push(null);
      continue;
    }
    scoredMembers++;
    for (let j = from; j < to; j++) memberValues[j - from] = cols.score[byReview.order[j]!]!;
    const st = statsOfRange(memberValues, 0, to - from)!;
    const noSpread = st.sd <= EPS * Math.max(1, Math.abs(st.mean));
    members.push({ status: noSpread ? 'no-spread' : 'ok', scoreCount: st.count, mean: st.mean, sd: st.sd });
    const sd = noSpread ? 0 : st.sd;
    for (let i = 0; i < N; i++) {
      const rFrom = byReview.start[m * N + i]!;
      const rTo = byReview.start[m * N + i + 1]!;
      if (rFrom === rTo) continue;
      let total = 0;
      let zSum = 0;
      for (let j = rFrom; j < rTo; j++) {
        const v = cols.score[byReview.order[j]!]!;
        total += v;
        zSum += sd === 0 ? 0 : (v - st.mean) / sd;
      }
      const count = rTo - rFrom;
      if (count === C) totals[i * M + totalCount[i]!++] = total;
      else partial[i]!++;
      zMeans[i * M + reviewCount[i]!++] = zSum / count;
    }
  }

  const cellValues = new Float64Array(K);
  for (let j = 0; j < K; j++) cellValues[j] = cols.score[byCell.order[j]!]!;
  const nominations: ColumnsOverview['nominations'] = [];
  for (let i = 0; i < N; i++) {
    const criteria: (Stats | null)[] = [];
    for (let c = 0; c < C; c++) criteria.push(statsOfRange(cellValues, byCell.start[i * C + c]!, byCell.start[i * C + c + 1]!));
    const normalised = statsOfRange(zMeans, i * M, i * M + reviewCount[i]!);
    nominations.push({
      memberCount: reviewCount[i]!,
      criteria,
      total: statsOfRange(totals, i * M, i * M + totalCount[i]!),
      partialReviews: partial[i]!,
      normalisedTotal: normalised ? normalised.mean : null,
      rankRaw: null,
      rankNormalised: null,
    });
  }
  rank(nominations);
  return { members, nominations, tooFewForNormalisation: tooFew(scoredMembers, nominations) };
}

/** Sets the raw and normalised ranks of the rows, in place. */
function rank(rows: { total: Stats | null; normalisedTotal: number | null; rankRaw: number | null; rankNormalised: number | null }[]): void {
  const rawRanks = competitionRanks(rows.map((r) => (r.total ? r.total.mean : null)));
  const normRanks = competitionRanks(rows.map((r) => r.normalisedTotal));
  rows.forEach((r, i) => {
    r.rankRaw = rawRanks[i]!;
    r.rankNormalised = normRanks[i]!;
  });
}

function tooFew(memberCount: number, rows: readonly { memberCount: number }[]): Overview['tooFewForNormalisation'] {
  const scoredNominations = rows.filter((r) => r.memberCount > 0).length;
  if (memberCount < MIN_MEMBERS_FOR_NORMALISATION)
    return {
      code: 'few-members',
      reason: `Kun ${memberCount} ${memberCount === 1 ? 'medlem' : 'medlemmer'} har givet point. Normaliserede point kræver mindst ${MIN_MEMBERS_FOR_NORMALISATION}, så brug de rå point.`,
    };
  if (scoredNominations < MIN_NOMINATIONS_FOR_NORMALISATION)
    return {
      code: 'few-nominations',
      reason: `Kun ${scoredNominations} ${scoredNominations === 1 ? 'indstilling' : 'indstillinger'} har fået point. Normaliserede point kræver mindst ${MIN_NOMINATIONS_FOR_NORMALISATION}, så brug de rå point.`,
    };
  return null;
}

/**
 * The committee overview from a list of Scores with string ids: checks them (a ScoreInputError
 * for a score that is not a finite number, of a criterion not in `options.criteria`, or given
 * twice), numbers the members as first seen, the nominations as listed in `options.nominations`
 * and then as first seen, and the criteria by their first place in the list, and computes it by
 * committeeOverviewOfColumns.
 */
export function committeeOverview(scores: readonly Score[], options: OverviewOptions = {}): Overview {
  const criteria = options.criteria ? [...options.criteria] : [...new Set(scores.map((s) => s.criterionId))];
  const criterionIndex = new Map<string, number>();
  criteria.forEach((c, i) => {
    if (!criterionIndex.has(c)) criterionIndex.set(c, i);
  });
  const nominationOrder: string[] = options.nominations ? [...options.nominations] : [];
  const nominationIndex = new Map<string, number>();
  const nominationIds: string[] = [];
  const indexOf = (map: Map<string, number>, ids: string[], id: string) => {
    let index = map.get(id);
    if (index === undefined) {
      index = ids.length;
      map.set(id, index);
      ids.push(id);
    }
    return index;
  };
  for (const id of nominationOrder) indexOf(nominationIndex, nominationIds, id);
  const memberIndex = new Map<string, number>();
  const memberIds: string[] = [];
  const member: number[] = [];
  const nomination: number[] = [];
  const criterion: number[] = [];
  const value: number[] = [];
  const given = new Set<string>();
  for (const s of scores) {
    if (typeof s.score !== 'number' || !Number.isFinite(s.score)) throw new ScoreInputError('not-finite', s);
    const c = criterionIndex.get(s.criterionId);
    if (c === undefined) throw new ScoreInputError('unknown-criterion', s);
    const m = indexOf(memberIndex, memberIds, s.memberId);
    const known = nominationIndex.has(s.nominationId);
    const n = indexOf(nominationIndex, nominationIds, s.nominationId);
    if (!known) nominationOrder.push(s.nominationId);
    const key = `${m}:${n}:${c}`;
    if (given.has(key)) throw new ScoreInputError('duplicate', s);
    given.add(key);
    member.push(m);
    nomination.push(n);
    criterion.push(c);
    value.push(s.score);
  }
  const o = committeeOverviewOfColumns({
    memberCount: memberIds.length,
    nominationCount: nominationIds.length,
    criterionCount: criteria.length,
    length: value.length,
    member,
    nomination,
    criterion,
    score: value,
  });
  const rows = nominationOrder.map((nominationId) => {
    const row = o.nominations[nominationIndex.get(nominationId)!]!;
    const critStats: Record<string, Stats> = {};
    criteria.forEach((c, i) => {
      const st = criterionIndex.get(c) === i ? row.criteria[i] : null;
      if (st) critStats[c] = st;
    });
    return {
      nominationId,
      memberCount: row.memberCount,
      criteria: critStats,
      total: row.total,
      partialReviews: row.partialReviews,
      normalisedTotal: row.normalisedTotal,
      rankRaw: null as number | null,
      rankNormalised: null as number | null,
    };
  });
  // Ranked again over the rows as listed (a nomination listed twice in `options.nominations` is a row twice, as always).
  rank(rows);
  return {
    criteria,
    members: memberIds.map((memberId, m) => ({ memberId, ...o.members[m]! })),
    nominations: rows,
    tooFewForNormalisation: tooFew(memberIds.length, rows),
  };
}

/**
 * Krippendorff's units from scores column by column: one unit per nomination × criterion, its
 * values in the members' order, members and units numbered as first seen, exactly as
 * krippendorffAlphaInterval gathers them from reliabilityMatrix(scores).data for the same scores
 * (so alpha sums in the same order), without a member × unit matrix of nulls or an array per unit.
 */
export function reliabilityUnitsOfColumns(cols: ScoreColumns): { values: Float64Array; start: Int32Array; unitCount: number } {
  const rowOf = new Int32Array(cols.memberCount).fill(-1);
  const unitOf = new Int32Array(cols.nominationCount * cols.criterionCount).fill(-1);
  const rowOfScore = new Int32Array(cols.length);
  const unitOfScore = new Int32Array(cols.length);
  let rows = 0;
  let units = 0;
  for (let k = 0; k < cols.length; k++) {
    const m = cols.member[k]!;
    if (rowOf[m] === -1) rowOf[m] = rows++;
    const cell = cols.nomination[k]! * cols.criterionCount + cols.criterion[k]!;
    if (unitOf[cell] === -1) unitOf[cell] = units++;
    rowOfScore[k] = rowOf[m]!;
    unitOfScore[k] = unitOf[cell]!;
  }
  // Each unit's values in the members' order: the scores member by member, each to its unit's next place.
  const byRow = groupBy(rowOfScore, rows);
  const start = new Int32Array(units + 1);
  for (let k = 0; k < cols.length; k++) start[unitOfScore[k]! + 1]!++;
  for (let u = 1; u <= units; u++) start[u]! += start[u - 1]!;
  const next = start.slice(0, units);
  const values = new Float64Array(cols.length);
  for (let j = 0; j < cols.length; j++) {
    const k = byRow.order[j]!;
    values[next[unitOfScore[k]!]!++] = cols.score[k]!;
  }
  return { values, start, unitCount: units };
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
