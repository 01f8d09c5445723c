import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Score, ScoreInputError, committeeOverview, competitionRanks, reliabilityMatrix, reliabilityUnitsOfColumns, stats } from './normalise.js';
import { krippendorffAlphaInterval, krippendorffAlphaOfUnits } from './krippendorff.js';

function close(actual: number | null | undefined, expected: number, msg?: string) {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${msg ?? ''} ${actual} ≠ ${expected}`);
}

/** scores('m1', 'n1', [5, 3]) → criteria c1, c2 */
function scores(member: string, nomination: string, values: number[]): Score[] {
  return values.map((score, i) => ({ memberId: member, nominationId: nomination, criterionId: `c${i + 1}`, score }));
}

// Hand-worked committee: m1 uses 1 and 5 (mean 3, sd 2), m2 uses 2 and 4 (mean 3, sd 1),
// m3 gives 3 to everything (no spread).
const handWorked: Score[] = [
  ...scores('m1', 'n1', [5, 5]),
  ...scores('m1', 'n2', [1, 5]),
  ...scores('m1', 'n3', [1, 1]),
  ...scores('m2', 'n1', [4, 4]),
  ...scores('m2', 'n2', [2, 4]),
  ...scores('m2', 'n3', [2, 2]),
  ...scores('m3', 'n1', [3, 3]),
  ...scores('m3', 'n2', [3, 3]),
  ...scores('m3', 'n3', [3, 3]),
];

test('stats: mean, median, min, max, range, population sd', () => {
  assert.deepEqual(stats([]), null);
  assert.deepEqual(stats([7]), { count: 1, mean: 7, median: 7, min: 7, max: 7, range: 0, sd: 0 });
  const s = stats([4, 1, 3, 2])!;
  assert.equal(s.mean, 2.5);
  assert.equal(s.median, 2.5);
  assert.equal(s.min, 1);
  assert.equal(s.max, 4);
  assert.equal(s.range, 3);
  close(s.sd, Math.sqrt(1.25));
  assert.equal(stats([5, 1, 3])!.median, 3);
});

test('competition ranks: ties share the best rank and the next rank skips', () => {
  assert.deepEqual(competitionRanks([10, 8, 8, 5]), [1, 2, 2, 4]);
  assert.deepEqual(competitionRanks([1, 1, 1]), [1, 1, 1]);
  assert.deepEqual(competitionRanks([3, null, 5, 3]), [2, null, 1, 2]);
  assert.deepEqual(competitionRanks([]), []);
  // float noise counts as a tie
  assert.deepEqual(competitionRanks([0.1 + 0.2, 0.3, 0.1]), [1, 1, 3]);
});

test('members: mean and sd per member, no-spread reported', () => {
  const o = committeeOverview(handWorked);
  assert.deepEqual(
    o.members.map((m) => [m.memberId, m.status, m.scoreCount, m.mean, m.sd]),
    [
      ['m1', 'ok', 6, 3, 2],
      ['m2', 'ok', 6, 3, 1],
      ['m3', 'no-spread', 6, 3, 0],
    ],
  );
});

test('normalised totals by hand: 2/3, 0, −2/3', () => {
  // z (m1) n1 (1,1) n2 (−1,1) n3 (−1,−1); m2 the same; m3 all 0.
  const o = committeeOverview(handWorked);
  const [n1, n2, n3] = o.nominations;
  close(n1!.normalisedTotal, 2 / 3);
  close(n2!.normalisedTotal, 0);
  close(n3!.normalisedTotal, -2 / 3);
  assert.deepEqual(
    o.nominations.map((n) => n.rankNormalised),
    [1, 2, 3],
  );
});

test('raw statistics per criterion and total', () => {
  const o = committeeOverview(handWorked);
  assert.deepEqual(o.criteria, ['c1', 'c2']);
  const n1 = o.nominations[0]!;
  assert.equal(n1.memberCount, 3);
  assert.deepEqual(n1.criteria.c1, { count: 3, mean: 4, median: 4, min: 3, max: 5, range: 2, sd: Math.sqrt(2 / 3) });
  // totals 10, 8, 6
  const t = n1.total!;
  assert.equal(t.mean, 8);
  assert.equal(t.median, 8);
  assert.equal(t.min, 6);
  assert.equal(t.max, 10);
  assert.equal(t.range, 4);
  close(t.sd, Math.sqrt(8 / 3));
  assert.deepEqual(
    o.nominations.map((n) => n.total!.mean),
    [8, 6, 4],
  );
  assert.deepEqual(
    o.nominations.map((n) => n.rankRaw),
    [1, 2, 3],
  );
  assert.equal(o.tooFewForNormalisation, null);
});

test('a harsh, wide-ranging member no longer decides alone once normalised', () => {
  // m1 uses 0–10, m2 and m3 use 4–6 and disagree with m1.
  const s = [
    ...scores('m1', 'n1', [10]),
    ...scores('m1', 'n2', [0]),
    ...scores('m1', 'n3', [5]),
    ...scores('m2', 'n1', [4]),
    ...scores('m2', 'n2', [6]),
    ...scores('m2', 'n3', [5]),
    ...scores('m3', 'n1', [4]),
    ...scores('m3', 'n2', [6]),
    ...scores('m3', 'n3', [5]),
  ];
  const o = committeeOverview(s);
  assert.deepEqual(
    o.nominations.map((n) => n.total!.mean),
    [6, 4, 5],
  );
  assert.deepEqual(
    o.nominations.map((n) => n.rankRaw),
    [1, 3, 2],
  );
  // z: m1 (1.2247, −1.2247, 0), m2 = m3 = (−1.2247, 1.2247, 0)
  const z = Math.sqrt(1.5);
  close(o.nominations[0]!.normalisedTotal, (z - 2 * z) / 3);
  close(o.nominations[1]!.normalisedTotal, (2 * z - z) / 3);
  close(o.nominations[2]!.normalisedTotal, 0);
  assert.deepEqual(
    o.nominations.map((n) => n.rankNormalised),
    [3, 1, 2],
  );
});

test('a conflicted member is simply absent for that nomination', () => {
  const s = handWorked.filter((x) => !(x.memberId === 'm1' && x.nominationId === 'n2'));
  const o = committeeOverview(s);
  const n2 = o.nominations.find((n) => n.nominationId === 'n2')!;
  assert.equal(n2.memberCount, 2);
  assert.equal(n2.total!.count, 2);
  assert.deepEqual([n2.total!.min, n2.total!.max], [6, 6]);
  // m1 is now {5,5,1,1}: still mean 3, sd 2; n2 normalised = (0 + 0) / 2
  close(n2.normalisedTotal, 0);
  assert.equal(o.members.find((m) => m.memberId === 'm1')!.scoreCount, 4);
});

test('ties share a rank in both raw and normalised ranks', () => {
  const s = [
    ...scores('m1', 'n1', [4, 4]),
    ...scores('m1', 'n2', [4, 4]),
    ...scores('m1', 'n3', [2, 2]),
    ...scores('m2', 'n1', [5, 3]),
    ...scores('m2', 'n2', [3, 5]),
    ...scores('m2', 'n3', [1, 1]),
    ...scores('m3', 'n1', [1, 1]),
    ...scores('m3', 'n2', [1, 1]),
    ...scores('m3', 'n3', [3, 3]),
  ];
  const o = committeeOverview(s);
  assert.deepEqual(
    o.nominations.map((n) => n.total!.mean),
    [6, 6, 4],
  );
  assert.deepEqual(
    o.nominations.map((n) => n.rankRaw),
    [1, 1, 3],
  );
  assert.equal(o.nominations[0]!.rankNormalised, o.nominations[1]!.rankNormalised);
});

test('a partial review counts per criterion but not in the total', () => {
  const s = [...handWorked, { memberId: 'm4', nominationId: 'n1', criterionId: 'c1', score: 1 }];
  const o = committeeOverview(s);
  const n1 = o.nominations[0]!;
  assert.equal(n1.memberCount, 4);
  assert.equal(n1.partialReviews, 1);
  assert.equal(n1.total!.count, 3);
  assert.equal(n1.criteria.c1!.count, 4);
  assert.equal(n1.criteria.c2!.count, 3);
  // m4 has one score: no spread, z = 0, and it counts in the normalised mean
  close(n1.normalisedTotal, 2 / 4);
  assert.equal(o.members.find((m) => m.memberId === 'm4')!.status, 'no-spread');
});

test('too few members: flagged with a plain reason', () => {
  const s = handWorked.filter((x) => x.memberId !== 'm3');
  const o = committeeOverview(s);
  assert.equal(o.tooFewForNormalisation?.code, 'few-members');
  assert.match(o.tooFewForNormalisation!.reason, /Kun 2 medlemmer/);
  // still computed
  assert.ok(o.nominations.every((n) => n.normalisedTotal !== null));
  assert.equal(committeeOverview(scores('m1', 'n1', [1])).tooFewForNormalisation?.reason.startsWith('Kun 1 medlem '), true);
});

test('too few nominations: flagged with a plain reason', () => {
  const s = handWorked.filter((x) => x.nominationId !== 'n3');
  const o = committeeOverview(s);
  assert.equal(o.tooFewForNormalisation?.code, 'few-nominations');
  assert.match(o.tooFewForNormalisation!.reason, /Kun 2 indstillinger/);
});

test('listed nominations without scores appear with nulls and do not count as scored', () => {
  const s = handWorked.filter((x) => x.nominationId !== 'n3');
  const o = committeeOverview(s, { criteria: ['c1', 'c2'], nominations: ['n1', 'n2', 'n3', 'n4'] });
  assert.deepEqual(
    o.nominations.map((n) => n.nominationId),
    ['n1', 'n2', 'n3', 'n4'],
  );
  const n4 = o.nominations[3]!;
  assert.deepEqual([n4.memberCount, n4.total, n4.normalisedTotal, n4.rankRaw, n4.rankNormalised], [0, null, null, null, null]);
  assert.equal(o.tooFewForNormalisation?.code, 'few-nominations');
});

test('five politicians, six nominations: no flag', () => {
  const s: Score[] = [];
  for (let m = 1; m <= 5; m++) for (let n = 1; n <= 6; n++) s.push(...scores(`m${m}`, `n${n}`, [(m * n) % 7, (m + n) % 5, 3]));
  const o = committeeOverview(s);
  assert.equal(o.tooFewForNormalisation, null);
  assert.equal(o.nominations.length, 6);
});

test('normalised totals do not change when a member rescales their scores (a·x + b, a > 0)', () => {
  const rescaled = handWorked.map((x) => (x.memberId === 'm1' ? { ...x, score: 10 * x.score + 7 } : x));
  const a = committeeOverview(handWorked).nominations.map((n) => n.normalisedTotal!);
  const b = committeeOverview(rescaled).nominations.map((n) => n.normalisedTotal!);
  for (const [i, v] of a.entries()) close(b[i], v);
});

test('each member with spread has z-scores of mean 0 and sd 1', () => {
  // With one criterion and every member scoring every nomination, the per-nomination
  // normalised values are the averages of the members' z-scores; the sum over
  // nominations of a member's z-scores is 0, so the sum of normalised totals is 0.
  const s: Score[] = [];
  for (let m = 1; m <= 4; m++) for (let n = 1; n <= 7; n++) s.push(...scores(`m${m}`, `n${n}`, [(m * n * 3) % 11]));
  const o = committeeOverview(s);
  const sum = o.nominations.reduce((t, n) => t + n.normalisedTotal!, 0);
  close(sum, 0);
  // and single-member check: m1 alone → normalised totals are its z-scores
  const one = committeeOverview(s.filter((x) => x.memberId === 'm1'));
  const z = one.nominations.map((n) => n.normalisedTotal!);
  close(stats(z)!.mean, 0);
  close(stats(z)!.sd, 1);
});

test('input order does not change the result', () => {
  const a = committeeOverview(handWorked, { criteria: ['c1', 'c2'], nominations: ['n1', 'n2', 'n3'] });
  const b = committeeOverview([...handWorked].reverse(), { criteria: ['c1', 'c2'], nominations: ['n1', 'n2', 'n3'] });
  assert.deepEqual(
    b.nominations.map((n) => [n.nominationId, n.total, n.rankRaw, n.rankNormalised]),
    a.nominations.map((n) => [n.nominationId, n.total, n.rankRaw, n.rankNormalised]),
  );
  for (const [i, n] of b.nominations.entries()) close(n.normalisedTotal, a.nominations[i]!.normalisedTotal!);
});

test('bad input is rejected: duplicates, non-finite scores, unknown criteria', () => {
  const dup = [...handWorked, { memberId: 'm1', nominationId: 'n1', criterionId: 'c1', score: 2 }];
  assert.throws(
    () => committeeOverview(dup),
    (e) => e instanceof ScoreInputError && e.problem === 'duplicate',
  );
  assert.throws(
    () => committeeOverview([{ memberId: 'm', nominationId: 'n', criterionId: 'c', score: NaN }]),
    (e) => e instanceof ScoreInputError && e.problem === 'not-finite',
  );
  assert.throws(
    () => committeeOverview(handWorked, { criteria: ['c1'] }),
    (e) => e instanceof ScoreInputError && e.problem === 'unknown-criterion',
  );
});

test('no scores at all: empty overview, flagged', () => {
  const o = committeeOverview([]);
  assert.deepEqual(o.members, []);
  assert.deepEqual(o.nominations, []);
  assert.equal(o.tooFewForNormalisation?.code, 'few-members');
});

test('reliabilityMatrix feeds Krippendorff alpha (per criterion and per total)', () => {
  const per = reliabilityMatrix(handWorked);
  assert.deepEqual(per.members, ['m1', 'm2', 'm3']);
  assert.equal(per.units.length, 6);
  assert.deepEqual(per.units[0], { nominationId: 'n1', criterionId: 'c1' });
  assert.deepEqual(per.data[0], [5, 5, 1, 5, 1, 1]);
  const byTotal = reliabilityMatrix(handWorked, { byTotal: true });
  assert.deepEqual(byTotal.data, [
    [10, 6, 2],
    [8, 6, 4],
    [6, 6, 6],
  ]);
  assert.ok(krippendorffAlphaInterval(byTotal.data).alpha !== null);
  // partial reviews are left out of totals
  const partial = reliabilityMatrix([...handWorked, { memberId: 'm4', nominationId: 'n1', criterionId: 'c1', score: 1 }], { byTotal: true });
  assert.deepEqual(partial.data[3], [null, null, null]);
});

test('alpha from scores column by column is alpha of reliabilityMatrix’s data for the same scores, to the last digit', () => {
  // A fixed pseudo-random committee: 4 members × 6 nominations × 3 criteria, some pairs left out, read in a shuffled order.
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const random: Score[] = [];
  for (let m = 1; m <= 4; m++)
    for (let n = 1; n <= 6; n++) {
      if (next() < 0.2) continue;
      for (let c = 1; c <= 3; c++)
        if (next() < 0.9) random.push({ memberId: `m${m}`, nominationId: `n${n}`, criterionId: `c${c}`, score: 1 + Math.floor(next() * 5) });
    }
  random.sort(() => next() - 0.5);
  for (const scores of [handWorked, random]) {
    const index = (ids: string[]) => new Map([...new Set(ids)].map((id, i) => [id, i]));
    const members = index(scores.map((s) => s.memberId));
    const nominations = index(scores.map((s) => s.nominationId));
    const criteria = index(scores.map((s) => s.criterionId));
    const columns = {
      memberCount: members.size,
      nominationCount: nominations.size,
      criterionCount: criteria.size,
      length: scores.length,
      member: scores.map((s) => members.get(s.memberId)!),
      nomination: scores.map((s) => nominations.get(s.nominationId)!),
      criterion: scores.map((s) => criteria.get(s.criterionId)!),
      score: scores.map((s) => s.score),
    };
    const units = reliabilityUnitsOfColumns(columns);
    // Every value once, by unit.
    assert.equal(units.start[units.unitCount], scores.length);
    assert.deepStrictEqual(krippendorffAlphaOfUnits(units), krippendorffAlphaInterval(reliabilityMatrix(scores).data));
  }
});
