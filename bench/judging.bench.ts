/**
 * Pure judging and panel computations at a generous scale, no database (the inputs are
 * generated in memory; loading scores and ballots from PostgreSQL is not measured here).
 *
 * - committee overview: 300 nominations × 9 members × 5 criteria (13,500 scores, about 1 in
 *   20 reviews missing as for a conflict of interest), normalised totals and ranks, plus
 *   Krippendorff's alpha over nomination totals and over nomination × criterion.
 * - panel count: Schulze for 7 candidates × 10,000 ballots.
 *
 * Run: npx tsx bench/judging.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { type Score, committeeOverview, reliabilityMatrix } from '../src/judging/normalise.js';
import { krippendorffAlphaInterval } from '../src/judging/krippendorff.js';
import { type Ballot, schulze } from '../src/panel/schulze.js';

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

function time<T>(label: string, runs: number, fn: () => T): T {
  let result = fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(`${label.padEnd(52)} median ${median.toFixed(2)} ms  (min ${ms[0]!.toFixed(2)}, max ${ms[ms.length - 1]!.toFixed(2)}, ${runs} runs)`);
  return result;
}

const rand = rng(2026);
const criteria = ['c1', 'c2', 'c3', 'c4', 'c5'];
const scores: Score[] = [];
const quality = Array.from({ length: 300 }, () => rand() * 4);
for (let m = 0; m < 9; m++) {
  const leniency = rand() * 2 - 1;
  for (let n = 0; n < 300; n++) {
    if (rand() < 0.05) continue; // conflict of interest
    for (const c of criteria) {
      const raw = 1 + quality[n]! + leniency + (rand() - 0.5) * 2;
      scores.push({ memberId: `m${m}`, nominationId: `n${n}`, criterionId: c, score: Math.max(1, Math.min(5, Math.round(raw))) });
    }
  }
}
console.log(`committee: ${scores.length} scores (300 nominations × 9 members × 5 criteria, ~5 % conflicts)`);

time('overview (normalised totals, ranks)', 30, () => committeeOverview(scores, { criteria }));
const alpha = time('overview + alpha (totals and per criterion)', 30, () => {
  const o = committeeOverview(scores, { criteria });
  const totals = krippendorffAlphaInterval(reliabilityMatrix(scores, { criteria, byTotal: true }).data);
  const perCriterion = krippendorffAlphaInterval(reliabilityMatrix(scores, { criteria }).data);
  return { o, totals, perCriterion };
});
console.log(`  alpha(totals) = ${alpha.totals.alpha?.toFixed(3)}, alpha(per criterion) = ${alpha.perCriterion.alpha?.toFixed(3)}`);

const candidates = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const ballots: Ballot[] = Array.from({ length: 10_000 }, () => {
  const a = [...candidates];
  for (let i = a.length - 1; i > 0; i--) {
    // a mild bias so there is a winner
    const j = Math.floor(Math.pow(rand(), 1.3) * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
});
const result = time('Schulze, 7 candidates × 10,000 ballots', 30, () => schulze(candidates, ballots));
console.log(`  winners ${result.winners.join(', ')}; ranking ${result.ranking.map((t) => t.join('=')).join(' > ')}`);
