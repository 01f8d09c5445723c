import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Ballot, SchulzeBallotError, SchulzeCandidateError, pairwisePreferences, schulze, strongestPaths, validateBallot } from './schulze.js';

const ABCDE = ['A', 'B', 'C', 'D', 'E'];

function repeat(n: number, ranking: string): Ballot[] {
  return Array.from({ length: n }, () => ranking.split(''));
}

// Wikipedia, "Schulze method", section "Example": 45 voters, 5 candidates.
const wikipedia: Ballot[] = [
  ...repeat(5, 'ACBED'),
  ...repeat(5, 'ADECB'),
  ...repeat(8, 'BEDAC'),
  ...repeat(3, 'CABED'),
  ...repeat(7, 'CAEBD'),
  ...repeat(2, 'CBADE'),
  ...repeat(7, 'DCEBA'),
  ...repeat(8, 'EBADC'),
];

test('Wikipedia example: pairwise preferences d', () => {
  const r = schulze(ABCDE, wikipedia);
  assert.equal(r.ballotCount, 45);
  assert.deepEqual(r.d, [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
  ]);
});

test('Wikipedia example: strongest paths p', () => {
  const r = schulze(ABCDE, wikipedia);
  assert.deepEqual(r.p, [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
  ]);
});

test('Wikipedia example: E wins, order E > A > C > B > D', () => {
  const r = schulze(ABCDE, wikipedia);
  assert.deepEqual(r.winners, ['E']);
  assert.equal(r.tie, false);
  assert.deepEqual(r.ordering, ['E', 'A', 'C', 'B', 'D']);
  assert.deepEqual(r.ranking, [['E'], ['A'], ['C'], ['B'], ['D']]);
});

test('Wikipedia example: candidate order of the input does not change the outcome', () => {
  const r = schulze(['D', 'C', 'E', 'A', 'B'], wikipedia);
  assert.deepEqual(r.winners, ['E']);
  assert.deepEqual(r.ordering, ['E', 'A', 'C', 'B', 'D']);
  // d is indexed by the given order: d[E][D] = 31, d[D][E] = 14.
  assert.equal(r.d[2]![0], 31);
  assert.equal(r.d[0]![2], 14);
});

test('a Condorcet cycle resolved by hand: 4 ABC, 3 BCA, 2 CAB gives A > B > C', () => {
  // d: A>B 6–3, B>C 7–2, C>A 5–4. p[A][C] = min(6,7) = 6 > p[C][A] = 5;
  // p[B][A] = min(7,5) = 5 < 6; p[C][B] = min(5,6) = 5 < 7.
  const r = schulze(['A', 'B', 'C'], [...repeat(4, 'ABC'), ...repeat(3, 'BCA'), ...repeat(2, 'CAB')]);
  assert.deepEqual(r.d, [
    [0, 6, 4],
    [3, 0, 7],
    [5, 2, 0],
  ]);
  assert.deepEqual(r.p, [
    [0, 6, 6],
    [5, 0, 7],
    [5, 5, 0],
  ]);
  assert.deepEqual(r.ordering, ['A', 'B', 'C']);
});

test('a perfect three-way cycle is a three-way tie', () => {
  const r = schulze(['A', 'B', 'C'], [...repeat(1, 'ABC'), ...repeat(1, 'BCA'), ...repeat(1, 'CAB')]);
  assert.deepEqual(r.winners, ['A', 'B', 'C']);
  assert.equal(r.tie, true);
  assert.deepEqual(r.ranking, [['A', 'B', 'C']]);
  assert.equal(r.ordering, null);
});

test('two candidates, one ballot each way: a tie', () => {
  const r = schulze(
    ['A', 'B'],
    [
      ['A', 'B'],
      ['B', 'A'],
    ],
  );
  assert.deepEqual(r.d, [
    [0, 1],
    [1, 0],
  ]);
  assert.deepEqual(r.p, [
    [0, 0],
    [0, 0],
  ]);
  assert.deepEqual(r.winners, ['A', 'B']);
  assert.equal(r.tie, true);
  assert.equal(r.ordering, null);
});

test('a single ballot decides everything', () => {
  const r = schulze(['A', 'B', 'C', 'D'], [['C', 'A', 'D', 'B']]);
  assert.deepEqual(r.winners, ['C']);
  assert.equal(r.tie, false);
  assert.deepEqual(r.ordering, ['C', 'A', 'D', 'B']);
});

test('no ballots: everyone ties', () => {
  const r = schulze(['A', 'B', 'C'], []);
  assert.equal(r.ballotCount, 0);
  assert.deepEqual(r.winners, ['A', 'B', 'C']);
  assert.equal(r.tie, true);
  assert.equal(r.ordering, null);
});

test('one candidate wins alone; no candidates gives an empty result', () => {
  const one = schulze(['A'], [['A'], ['A']]);
  assert.deepEqual(one.winners, ['A']);
  assert.equal(one.tie, false);
  assert.deepEqual(one.ordering, ['A']);
  const none = schulze([], [[], []]);
  assert.deepEqual(none.winners, []);
  assert.equal(none.tie, false);
  assert.deepEqual(none.ordering, []);
});

test('partial order: A first, B and C not separated', () => {
  const r = schulze(
    ['A', 'B', 'C'],
    [
      ['A', 'B', 'C'],
      ['A', 'C', 'B'],
    ],
  );
  assert.deepEqual(r.winners, ['A']);
  assert.equal(r.tie, false);
  assert.deepEqual(r.ranking, [['A'], ['B', 'C']]);
  assert.equal(r.ordering, null);
});

test('ties on a ballot: equal candidates get no preference either way', () => {
  const d = pairwisePreferences(['A', 'B', 'C'], [['A', ['B', 'C']], [['A', 'B', 'C']]]);
  assert.deepEqual(d, [
    [0, 1, 1],
    [0, 0, 0],
    [0, 0, 0],
  ]);
  const r = schulze(
    ['A', 'B', 'C'],
    [
      [['A', 'B'], 'C'],
      ['B', 'A', 'C'],
      ['A', 'B', 'C'],
      ['A', ['C', 'B']],
    ],
  );
  // A>B: 2 (ballots 3, 4), B>A: 1 → A wins.
  assert.deepEqual(r.winners, ['A']);
});

test('a Condorcet winner always wins (Wikipedia ballots plus a landslide for D)', () => {
  const r = schulze(ABCDE, [...wikipedia, ...repeat(50, 'DABCE')]);
  assert.deepEqual(r.winners, ['D']);
});

// ---- validation ----

function throwsReason(fn: () => unknown, reason: string, ballotIndex: number, candidate?: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof SchulzeBallotError);
    assert.equal(e.reason, reason);
    assert.equal(e.ballotIndex, ballotIndex);
    if (candidate !== undefined) assert.equal(e.candidate, candidate);
    return true;
  });
}

test('a ballot that names a candidate twice is rejected as duplicate', () => {
  throwsReason(
    () =>
      schulze(
        ['A', 'B', 'C'],
        [
          ['A', 'B', 'C'],
          ['A', 'B', 'A'],
        ],
      ),
    'duplicate',
    1,
    'A',
  );
  throwsReason(() => schulze(['A', 'B'], [[['A', 'B'], 'B']]), 'duplicate', 0, 'B');
});

test('a ballot that leaves a candidate out is rejected as missing', () => {
  throwsReason(() => schulze(['A', 'B', 'C'], [['A', 'B']]), 'missing', 0, 'C');
  throwsReason(() => schulze(['A', 'B'], [[]]), 'missing', 0, 'A');
});

test('a ballot that names someone else is rejected as unknown', () => {
  throwsReason(
    () =>
      schulze(
        ['A', 'B'],
        [
          ['A', 'B'],
          ['A', 'B'],
          ['A', 'X'],
        ],
      ),
    'unknown',
    2,
    'X',
  );
  // unknown is reported even when the ballot is also incomplete
  throwsReason(() => schulze(['A', 'B', 'C'], [['Z']]), 'unknown', 0, 'Z');
});

test('an empty tie group is rejected', () => {
  throwsReason(() => schulze(['A', 'B'], [['A', [], 'B']]), 'empty-tie', 0);
});

test('candidate ids are compared exactly (case matters)', () => {
  throwsReason(() => schulze(['A', 'B'], [['a', 'B']]), 'unknown', 0, 'a');
});

test('the error message says what is wrong', () => {
  try {
    validateBallot(['A', 'B'], ['A'], 3);
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof SchulzeBallotError);
    assert.match(e.message, /Ballot 3: candidate "B" is not ranked/);
  }
  assert.doesNotThrow(() => validateBallot(['A', 'B'], [['B', 'A']]));
});

test('a duplicated candidate in the candidate list is rejected', () => {
  assert.throws(() => schulze(['A', 'A'], []), SchulzeCandidateError);
});

// ---- reproducibility and cross-checks ----

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

test('same input gives the same output, and ballot order does not matter', () => {
  const first = schulze(ABCDE, wikipedia);
  assert.deepEqual(schulze(ABCDE, wikipedia), first);
  const rand = rng(7);
  for (let k = 0; k < 20; k++) assert.deepEqual(schulze(ABCDE, shuffle(wikipedia, rand)), first);
});

test('the input is not modified', () => {
  const ballots = wikipedia.map((b) => [...b]);
  const candidates = [...ABCDE];
  schulze(candidates, ballots);
  assert.deepEqual(ballots, wikipedia);
  assert.deepEqual(candidates, ABCDE);
});

/** Widest path by brute force: the largest threshold t such that j is reachable from i. */
function widestPathBrute(d: number[][]): number[][] {
  const n = d.length;
  const link = (i: number, j: number) => (d[i]![j]! > d[j]![i]! ? d[i]![j]! : 0);
  const p = d.map((row) => row.map(() => 0));
  const strengths = [...new Set(d.flat())].filter((x) => x > 0).sort((a, b) => b - a);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      for (const t of strengths) {
        const seen = new Set([i]);
        const queue = [i];
        while (queue.length) {
          const x = queue.pop()!;
          for (let y = 0; y < n; y++) {
            if (!seen.has(y) && link(x, y) >= t) {
              seen.add(y);
              queue.push(y);
            }
          }
        }
        if (seen.has(j)) {
          p[i]![j] = t;
          break;
        }
      }
    }
  }
  return p;
}

test('strongest paths agree with a brute-force widest path on 300 random elections', () => {
  const rand = rng(42);
  const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  for (let k = 0; k < 300; k++) {
    const n = 2 + Math.floor(rand() * 6);
    const cands = ids.slice(0, n);
    const voters = 1 + Math.floor(rand() * 15);
    const ballots = Array.from({ length: voters }, () => shuffle(cands, rand));
    const r = schulze(cands, ballots);
    assert.deepEqual(r.p, widestPathBrute(r.d), `election ${k}`);
    // winners are exactly the unbeaten candidates, and there is always at least one
    assert.ok(r.winners.length >= 1);
    assert.deepEqual(r.ranking[0], r.winners);
    assert.deepEqual(r.ranking.flat().sort(), [...cands].sort());
    // d[i][j] + d[j][i] = voters with strict rankings
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) assert.equal(r.d[i]![j]! + r.d[j]![i]!, voters);
  }
});

test('strongestPaths works on a given d (Wikipedia d gives Wikipedia p)', () => {
  const p = strongestPaths([
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
  ]);
  assert.deepEqual(p[4], [25, 28, 28, 31, 0]);
});
