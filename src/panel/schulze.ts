/**
 * The Schulze method (Markus Schulze, "A new monotonic, clone-independent, reversal
 * symmetric, and Condorcet-consistent single-winner election method", 2011): the patient
 * panel's count. Pure: no I/O, no clock, no randomness.
 *
 * A `Ballot` is one panel member's full ranking, best first. Each entry is either a
 * candidate id or an array of candidate ids that the member ranks equal (a tie), so
 * `['A', ['B', 'C'], 'D']` means A > B = C > D. Every candidate must appear exactly once
 * on every ballot (the panel ranks all 5–7 nominees); anything else is rejected with a
 * `SchulzeBallotError` that says why.
 *
 * Link strength is "winning votes" as in the paper: d[X][Y] is the number of voters who
 * strictly prefer X to Y, and the link X→Y has strength d[X][Y] only when
 * d[X][Y] > d[Y][X] (otherwise 0). p is the widest-path matrix computed with the
 * Floyd–Warshall variant of the paper (section 2.3). With full rankings, winning votes and
 * margins give the same winners; with ties on ballots they may differ.
 *
 * Matrices are indexed in the order of the `candidates` argument; the diagonal is 0.
 */

export type Ballot = ReadonlyArray<string | ReadonlyArray<string>>;

export type BallotProblem = 'duplicate' | 'missing' | 'unknown' | 'empty-tie';

export class SchulzeBallotError extends Error {
  override readonly name = 'SchulzeBallotError';
  constructor(
    readonly reason: BallotProblem,
    /** Index of the offending ballot in the input. */
    readonly ballotIndex: number,
    /** The candidate that is duplicated, missing or unknown (absent for 'empty-tie'). */
    readonly candidate?: string,
  ) {
    super(
      reason === 'empty-tie'
        ? `Ballot ${ballotIndex} has an empty tie group`
        : `Ballot ${ballotIndex}: candidate ${JSON.stringify(candidate)} is ${reason === 'duplicate' ? 'ranked more than once' : reason === 'missing' ? 'not ranked' : 'not a candidate'}`,
    );
  }
}

export class SchulzeCandidateError extends Error {
  override readonly name = 'SchulzeCandidateError';
  constructor(readonly candidate: string) {
    super(`Candidate ${JSON.stringify(candidate)} is listed more than once`);
  }
}

export interface SchulzeResult {
  candidates: string[];
  ballotCount: number;
  /** d[i][j]: number of ballots that rank candidates[i] strictly above candidates[j]. */
  d: number[][];
  /** p[i][j]: strength of the strongest path from candidates[i] to candidates[j]. */
  p: number[][];
  /** Candidates X with p[X][Y] >= p[Y][X] for every Y, in input order. */
  winners: string[];
  /** More than one winner: the count alone does not decide; a tie-break rule must. */
  tie: boolean;
  /**
   * The Schulze order as tiers, best first: X is above Y when p[X][Y] > p[Y][X]; candidates
   * in one tier are not separated by the count. Within a tier, input order.
   */
  ranking: string[][];
  /** The full order, best first, when every tier holds one candidate; otherwise null. */
  ordering: string[] | null;
}

function matrix(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/** Ranks (0 = best, equal for tied candidates) for one ballot, validated. */
function ballotRanks(ballot: Ballot, index: Map<string, number>, ballotIndex: number): Int32Array {
  const n = index.size;
  const rank = new Int32Array(n).fill(-1);
  let position = 0;
  for (const entry of ballot) {
    const group = typeof entry === 'string' ? [entry] : entry;
    if (group.length === 0) throw new SchulzeBallotError('empty-tie', ballotIndex);
    for (const id of group) {
      const i = index.get(id);
      if (i === undefined) throw new SchulzeBallotError('unknown', ballotIndex, id);
      if (rank[i] !== -1) throw new SchulzeBallotError('duplicate', ballotIndex, id);
      rank[i] = position;
    }
    position++;
  }
  for (const [id, i] of index) {
    if (rank[i] === -1) throw new SchulzeBallotError('missing', ballotIndex, id);
  }
  return rank;
}

/** Checks one ballot without counting; throws `SchulzeBallotError`. */
export function validateBallot(candidates: readonly string[], ballot: Ballot, ballotIndex = 0): void {
  ballotRanks(ballot, candidateIndex(candidates), ballotIndex);
}

function candidateIndex(candidates: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (index.has(c)) throw new SchulzeCandidateError(c);
    index.set(c, i);
  });
  return index;
}

/** Pairwise preference matrix d from ballots (validated). */
export function pairwisePreferences(candidates: readonly string[], ballots: readonly Ballot[]): number[][] {
  const index = candidateIndex(candidates);
  const n = candidates.length;
  const flat = new Int32Array(n * n);
  ballots.forEach((ballot, b) => {
    const rank = ballotRanks(ballot, index, b);
    for (let i = 0; i < n; i++) {
      const ri = rank[i]!;
      for (let j = 0; j < n; j++) {
        if (ri < rank[j]!) flat[i * n + j]!++;
      }
    }
  });
  const d = matrix(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = flat[i * n + j]!;
  return d;
}

/** Strongest paths (winning votes), the Floyd–Warshall variant of Schulze's paper. */
export function strongestPaths(d: readonly (readonly number[])[]): number[][] {
  const n = d.length;
  const p = matrix(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) {
        const dij = d[i]![j]!;
        const dji = d[j]![i]!;
        p[i]![j] = dij > dji ? dij : 0;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const pji = p[j]![i]!;
      for (let k = 0; k < n; k++) {
        if (i === k || j === k) continue;
        const via = Math.min(pji, p[i]![k]!);
        if (via > p[j]![k]!) p[j]![k] = via;
      }
    }
  }
  return p;
}

export function schulze(candidates: readonly string[], ballots: readonly Ballot[]): SchulzeResult {
  const d = pairwisePreferences(candidates, ballots);
  const p = strongestPaths(d);
  const n = candidates.length;
  const beats = (i: number, j: number) => p[i]![j]! > p[j]![i]!;

  const winners = candidates.filter((_, i) => {
    for (let j = 0; j < n; j++) if (j !== i && beats(j, i)) return false;
    return true;
  });

  // The relation "beats" is a strict weak order (Schulze 2011, section 4.1), so peeling
  // off the unbeaten candidates tier by tier gives the full Schulze ranking.
  const ranking: string[][] = [];
  let remaining = candidates.map((_, i) => i);
  while (remaining.length > 0) {
    const tier = remaining.filter((i) => !remaining.some((j) => j !== i && beats(j, i)));
    if (tier.length === 0) throw new Error('Schulze relation is not acyclic (cannot happen)');
    ranking.push(tier.map((i) => candidates[i]!));
    remaining = remaining.filter((i) => !tier.includes(i));
  }

  return {
    candidates: [...candidates],
    ballotCount: ballots.length,
    d,
    p,
    winners,
    tie: winners.length > 1,
    ranking,
    ordering: ranking.every((t) => t.length === 1) ? ranking.map((t) => t[0]!) : null,
  };
}
