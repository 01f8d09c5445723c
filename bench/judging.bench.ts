/**
 * `npm run bench:judging` (part of `npm run bench`): the committee overview and the panel count,
 * computed in memory, against reading the same rows from the database with the app's own queries.
 *
 * - committee overview: 300 nominations × 9 members × 5 criteria (about 1 in 20 reviews
 *   missing as for a conflict of interest), normalised totals and ranks, plus Krippendorff's
 *   alpha over nomination × criterion (as judging/overview.service.ts computes it).
 * - panel count: Schulze for 7 candidates × 10,000 ballots.
 *
 * Part 1 (pure) times the computations on generated rows. Part 2 writes the same rows into the
 * real tables (nominations, edition_members, reviews, review_scores, shortlists, ballots) of a
 * throwaway PostgreSQL server (initdb/pg_ctl as the tests use; fsync off) and of an in-memory
 * PGlite, then times (a) reading them back with the queries the app runs (judging.repo.ts as
 * loadCommitteeOverview calls them; shortlist + ballots as panel/winner.service.ts countBallots),
 * (b) the computation on what was read, and (c) the app's whole function end to end. The ratio
 * compute ÷ read says whether the arithmetic or the database sets the pace.
 *
 * Writes its figures between the bench:judging markers of BENCHMARKS.md.
 * BENCH_JUDGING_ENGINES=postgres,pglite (default) picks the engines; BENCH_JUDGING_RUNS (15) the runs.
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { postgresVersion } from './lib/postgres.js';
import { createDatabase } from '../test/faults/lib.js';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import { type Score, committeeOverview, reliabilityMatrix } from '../src/judging/normalise.js';
import { krippendorffAlphaInterval } from '../src/judging/krippendorff.js';
import { type Ballot, schulze } from '../src/panel/schulze.js';
import { openPglite, openPostgres, type Database, type DatabaseHandle, type Engine } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { awards, criteria as criteriaTable, editionMembers, editions, nominations, users } from '../src/db/schema.js';
import { reviewScores, reviews, shortlistEntries, shortlists } from '../src/judging/judging.schema.js';
import { ballots as ballotsTable } from '../src/panel/panel.schema.js';
import { listCommitteeMembers, listConflicts, listCriteria, listEligibleNominations, listReviews } from '../src/judging/judging.repo.js';
import { loadCommitteeOverview } from '../src/judging/overview.service.js';
import { conflictIndex, conflictOf, inForce } from '../src/judging/review.service.js';
import { findShortlist } from '../src/judging/shortlist.repo.js';
import { countBallots } from '../src/panel/winner.service.js';
import { startPostgresServer, type PostgresServer } from '../test/harness/postgres-server.js';

const NOMINATIONS = 300;
const MEMBERS = 9;
const CRITERIA = 5;
const CANDIDATES = 7;
const BALLOTS = 10_000;
const RUNS = Math.max(3, Number(process.env.BENCH_JUDGING_RUNS ?? 15) || 15);
const SEEDED_AT = new Date('2026-11-24T12:00:00Z');

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

type Timing = { median: number; min: number; max: number; runs: number };

async function time<T>(label: string, runs: number, fn: () => T | Promise<T>): Promise<{ result: T; t: Timing }> {
  let result = await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const t = { median: ms[Math.floor(ms.length / 2)]!, min: ms[0]!, max: ms[ms.length - 1]!, runs };
  console.log(`${label.padEnd(60)} median ${t.median.toFixed(2)} ms  (min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)}, ${runs} runs)`);
  return { result, t };
}

// --- The generated data: the same for the pure part and the database part --------------------
const rand = rng(2026);
/** Scores by (member index, nomination index) → five scores; a missing pair is a conflict. */
const reviewsGen: { m: number; n: number; scores: number[] }[] = [];
const quality = Array.from({ length: NOMINATIONS }, () => rand() * 4);
for (let m = 0; m < MEMBERS; m++) {
  const leniency = rand() * 2 - 1;
  for (let n = 0; n < NOMINATIONS; n++) {
    if (rand() < 0.05) continue; // conflict of interest
    const scores = Array.from({ length: CRITERIA }, () => Math.max(1, Math.min(5, Math.round(1 + quality[n]! + leniency + (rand() - 0.5) * 2))));
    reviewsGen.push({ m, n, scores });
  }
}
const criteriaIds = Array.from({ length: CRITERIA }, (_, i) => `c${i + 1}`);
const pureScores: Score[] = reviewsGen.flatMap((r) =>
  r.scores.map((score, i) => ({ memberId: `m${r.m}`, nominationId: `n${r.n}`, criterionId: criteriaIds[i]!, score })),
);
const candidateIdx = Array.from({ length: CANDIDATES }, (_, i) => i);
const ballotsGen: number[][] = Array.from({ length: BALLOTS }, () => {
  const a = [...candidateIdx];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() ** 1.3 * (i + 1)); // a mild bias so there is a winner
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
});

/** What loadCommitteeOverview computes from its rows (normalise + alpha). */
function computeOverview(scores: Score[], criteria: string[], nominationIds: string[]) {
  const o = committeeOverview(scores, { criteria, nominations: nominationIds });
  const alpha = krippendorffAlphaInterval(reliabilityMatrix(scores, { criteria }).data);
  return { o, alpha };
}

type EngineResult = {
  engine: string;
  version: string;
  loadS: number;
  committee: { read: Timing; compute: Timing; endToEnd: Timing; scores: number };
  panel: { read: Timing; compute: Timing; endToEnd: Timing; ballots: number };
  winner: string;
};

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Writes the generated rows into the real tables; returns the committee and panel edition ids. */
async function load(db: Database): Promise<{ committeeEdition: number; panelEdition: number }> {
  await seedDemoData(db, SEEDED_AT);
  const editionOf = async (slug: string, year: number) => {
    const [row] = await db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, slug), eq(editions.year, year)));
    return row!.id;
  };
  const committeeEdition = await editionOf('initiativprisen', 2024); // five criteria
  const panelEdition = await editionOf('aarets-borgerinddragende-initiativ', 2021); // a patient panel
  const crit = await db.select({ id: criteriaTable.id }).from(criteriaTable).where(eq(criteriaTable.editionId, committeeEdition));
  if (crit.length !== CRITERIA) throw new Error(`expected ${CRITERIA} criteria, found ${crit.length}`);
  const at = new Date('2024-08-01T10:00:00Z');
  const nominationRow = (editionId: number, i: number, prefix: string) => ({
    editionId,
    status: 'sent' as const,
    screening: 'eligible' as const,
    receiptNumber: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    accessTokenHash: createHash('sha256').update(`${prefix}:${i}`).digest('hex'),
    title: `Løsning ${i + 1}`,
    summary: `Resumé af løsning ${i + 1}.`,
    nomineeOrganisation: 'Region Midtjylland',
    nominatorEmail: `n${i}@example.dk`,
    createdAt: at,
    updatedAt: at,
    sentAt: at,
    firstSentAt: at,
  });
  const nomIds: number[] = [];
  for (const part of chunks(
    Array.from({ length: NOMINATIONS }, (_, i) => nominationRow(committeeEdition, i, 'BENCH')),
    100,
  )) {
    nomIds.push(...(await db.insert(nominations).values(part).returning({ id: nominations.id })).map((r) => r.id));
  }
  const memberIds: number[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const [u] = await db
      .insert(users)
      .values({ email: `medlem${m}@example.dk`, name: `Medlem ${m + 1}` })
      .returning({ id: users.id });
    const [em] = await db
      .insert(editionMembers)
      .values({ editionId: committeeEdition, userId: u!.id, role: 'committee', isChair: m === 0 })
      .returning({ id: editionMembers.id });
    memberIds.push(em!.id);
  }
  for (const part of chunks(reviewsGen, 500)) {
    const ids = await db
      .insert(reviews)
      .values(part.map((r) => ({ memberId: memberIds[r.m]!, nominationId: nomIds[r.n]!, createdAt: at, updatedAt: at })))
      .returning({ id: reviews.id });
    const scoreRows = part.flatMap((r, k) => r.scores.map((score, c) => ({ reviewId: ids[k]!.id, criterionId: crit[c]!.id, score })));
    for (const s of chunks(scoreRows, 2000)) await db.insert(reviewScores).values(s);
  }
  // The panel: seven shortlisted nominees and 10,000 ballots.
  const panelIds = (
    await db
      .insert(nominations)
      .values(candidateIdx.map((i) => nominationRow(panelEdition, i, 'PANEL')))
      .returning({ id: nominations.id })
  ).map((r) => r.id);
  await db.insert(shortlists).values({ editionId: panelEdition, decidedAt: at });
  await db.insert(shortlistEntries).values(panelIds.map((nominationId, i) => ({ editionId: panelEdition, nominationId, position: i + 1 })));
  for (const part of chunks(
    ballotsGen.map((b, i) => ({ editionId: panelEdition, voterKey: `voter-${i}`, ranking: b.map((c) => panelIds[c]!) })),
    2000,
  )) {
    await db.insert(ballotsTable).values(part);
  }
  return { committeeEdition, panelEdition };
}

async function measureEngine(engine: Engine, handle: DatabaseHandle, version: string): Promise<EngineResult> {
  const db = handle.db;
  console.log(
    `\n# ${engine}: writing ${NOMINATIONS} nominations, ${reviewsGen.length} reviews (${pureScores.length} scores), ${BALLOTS.toLocaleString('en-US')} ballots…`,
  );
  const t0 = performance.now();
  const { committeeEdition, panelEdition } = await load(db);
  // As after any bulk write (PGlite has no autovacuum): fresh statistics and visibility maps.
  await db.execute(sql`vacuum analyze`);
  const loadS = (performance.now() - t0) / 1000;
  console.log(`# loaded in ${loadS.toFixed(1)} s`);

  // Committee: the reads loadCommitteeOverview makes, then its arithmetic on what was read.
  const readCommittee = async () => {
    const [members, eligible, crit] = await Promise.all([
      listCommitteeMembers(db, committeeEdition),
      listEligibleNominations(db, committeeEdition),
      listCriteria(db, committeeEdition),
    ]);
    const [conflictRows, reviewRows] = await Promise.all([listConflicts(db, committeeEdition), listReviews(db, committeeEdition)]);
    return { members, eligible, crit, conflictRows, reviewRows };
  };
  const cRead = await time(`${engine}: committee rows read (judging.repo queries)`, RUNS, readCommittee);
  const rows = cRead.result;
  const toScores = () => {
    const conflicts = conflictIndex(rows.conflictRows);
    const memberSet = new Set(rows.members.map((m) => m.id));
    const eligibleSet = new Set(rows.eligible.map((n) => n.id));
    const critSet = new Set(rows.crit.map((c) => c.id));
    const scores: Score[] = [];
    for (const r of rows.reviewRows) {
      if (!memberSet.has(r.memberId) || !eligibleSet.has(r.nominationId) || inForce(conflictOf(conflicts, r.memberId, r.nominationId))) continue;
      for (const [criterionId, score] of r.scores)
        if (critSet.has(criterionId))
          scores.push({ memberId: String(r.memberId), nominationId: String(r.nominationId), criterionId: String(criterionId), score });
    }
    return scores;
  };
  const readScores = toScores();
  if (readScores.length !== pureScores.length) throw new Error(`read ${readScores.length} scores, wrote ${pureScores.length}`);
  const cCompute = await time(`${engine}: committee overview computed (normalise + alpha)`, RUNS, () =>
    computeOverview(
      toScores(),
      rows.crit.map((c) => String(c.id)),
      rows.eligible.map((n) => String(n.id)),
    ),
  );
  const cEnd = await time(`${engine}: loadCommitteeOverview end to end`, RUNS, () => loadCommitteeOverview(db, committeeEdition, { anonymise: false }));

  // Panel: the reads countBallots makes, then Schulze on them.
  const readPanel = async () => {
    const shortlist = await findShortlist(db, panelEdition);
    const rowsRead = await db.select({ ranking: ballotsTable.ranking }).from(ballotsTable).where(eq(ballotsTable.editionId, panelEdition));
    return { ids: shortlist!.nominationIds, rows: rowsRead };
  };
  const pRead = await time(`${engine}: panel rows read (shortlist + ballots)`, RUNS, readPanel);
  const candidates = pRead.result.ids.map(String);
  const pCompute = await time(`${engine}: Schulze on the ballots read`, RUNS, () => {
    const wanted = new Set(candidates);
    const valid = pRead.result.rows
      .map((r) => r.ranking.map(String))
      .filter((r) => r.length === wanted.size && new Set(r).size === r.length && r.every((c) => wanted.has(c)));
    return schulze(candidates, valid);
  });
  const pEnd = await time(`${engine}: countBallots end to end`, RUNS, () => countBallots(db, panelEdition));
  if (pEnd.result.ballotCount !== BALLOTS) throw new Error(`counted ${pEnd.result.ballotCount} ballots`);
  return {
    engine,
    version,
    loadS,
    committee: { read: cRead.t, compute: cCompute.t, endToEnd: cEnd.t, scores: readScores.length },
    panel: { read: pRead.t, compute: pCompute.t, endToEnd: pEnd.t, ballots: pEnd.result.ballotCount },
    winner: `${pCompute.result.winners.length === 1 ? 'one winner' : `tie of ${pCompute.result.winners.length}`}`,
  };
}

// --- Report --------------------------------------------------------------------------------
const START = '<!-- bench:judging:start -->';
const END = '<!-- bench:judging:end -->';
const f2 = (n: number) => n.toFixed(2);
const ratio = (a: Timing, b: Timing) => `${(a.median / b.median).toFixed(2)}×`;

function renderSection(
  pure: { overview: Timing; alpha: Timing; schulze: Timing },
  results: EngineResult[],
  env: { date: string; node: string; machine: string },
): string {
  const lines = [
    START,
    '## Judging: committee overview and panel count vs. reading the rows',
    '',
    `Last run: ${env.date} · Node ${env.node} · ${env.machine} · \`npm run bench:judging\``,
    '',
    `${NOMINATIONS} nominations × ${MEMBERS} members × ${CRITERIA} criteria (${pureScores.length.toLocaleString('en-US')} scores; about 1 in 20 reviews missing, as for a conflict of interest) and ${CANDIDATES} nominees × ${BALLOTS.toLocaleString('en-US')} ballots, generated with a fixed seed and written into the real tables. Each figure is the median of ${RUNS} runs after one warm-up.`,
    '"Read" is the app\'s own queries (judging.repo.ts as `loadCommitteeOverview` calls them; the shortlist and the ballots as `countBallots` reads them); "compute" is the arithmetic on the rows read (normalised totals, ranks and Krippendorff\'s alpha; the Schulze count); "end to end" is the app\'s function.',
    '',
    '**Pure computation** (no database): ' +
      `overview ${f2(pure.overview.median)} ms, overview + alpha (totals and per criterion) ${f2(pure.alpha.median)} ms, Schulze ${f2(pure.schulze.median)} ms.`,
    '',
    '| engine | committee: read | compute | compute ÷ read | end to end | panel: read | Schulze | compute ÷ read | end to end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.version} | ${f2(r.committee.read.median)} ms | ${f2(r.committee.compute.median)} ms | **${ratio(r.committee.compute, r.committee.read)}** | ${f2(r.committee.endToEnd.median)} ms | ${f2(r.panel.read.median)} ms | ${f2(r.panel.compute.median)} ms | **${ratio(r.panel.compute, r.panel.read)}** | ${f2(r.panel.endToEnd.median)} ms |`,
    );
  }
  lines.push(
    '',
    'A ratio below 1× means reading the rows costs more than the arithmetic on them. Loading the rows (not timed above): ' +
      results.map((r) => `${r.engine} ${r.loadS.toFixed(1)} s`).join(', ') +
      '.',
    END,
  );
  return lines.join('\n');
}

function writeSection(section: string): string {
  return writeBenchmarkSection(section, { start: START, end: END });
}

async function main() {
  console.log(`committee: ${pureScores.length} scores (${NOMINATIONS} nominations × ${MEMBERS} members × ${CRITERIA} criteria, ~5 % conflicts)`);
  const overview = await time('pure: overview (normalised totals, ranks)', 30, () => committeeOverview(pureScores, { criteria: criteriaIds }));
  const alpha = await time('pure: overview + alpha (totals and per criterion)', 30, () => {
    const o = committeeOverview(pureScores, { criteria: criteriaIds });
    const totals = krippendorffAlphaInterval(reliabilityMatrix(pureScores, { criteria: criteriaIds, byTotal: true }).data);
    const perCriterion = krippendorffAlphaInterval(reliabilityMatrix(pureScores, { criteria: criteriaIds }).data);
    return { o, totals, perCriterion };
  });
  console.log(`  alpha(totals) = ${alpha.result.totals.alpha?.toFixed(3)}, alpha(per criterion) = ${alpha.result.perCriterion.alpha?.toFixed(3)}`);
  const letters = candidateIdx.map((i) => String.fromCharCode(65 + i));
  const pureBallots: Ballot[] = ballotsGen.map((b) => b.map((i) => letters[i]!));
  const s = await time(`pure: Schulze, ${CANDIDATES} candidates × ${BALLOTS.toLocaleString('en-US')} ballots`, 30, () => schulze(letters, pureBallots));
  console.log(`  winners ${s.result.winners.join(', ')}; ranking ${s.result.ranking.map((t) => t.join('=')).join(' > ')}`);

  const engines = (process.env.BENCH_JUDGING_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as Engine[];
  const results: EngineResult[] = [];
  let server: PostgresServer | undefined;
  process.once('exit', () => server?.stop());
  for (const engine of engines) {
    let handle: DatabaseHandle;
    let version: string;
    if (engine === 'postgres') {
      server = await startPostgresServer();
      const url = await createDatabase(server, 'bench_judging');
      version = await postgresVersion(url);
      handle = await openPostgres(url, 10);
    } else if (engine === 'pglite') {
      handle = await openPglite(undefined);
      version = 'PGlite (in memory)';
    } else throw new Error(`unknown engine ${engine}`);
    try {
      await handle.migrate();
      results.push(await measureEngine(engine, handle, version));
    } finally {
      await handle.close();
      if (engine === 'postgres') server?.stop();
    }
  }
  const cpu = cpus();
  const section = renderSection({ overview: overview.t, alpha: alpha.t, schulze: s.t }, results, {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${cpu.length} cores`,
  });
  console.log(`\n${section}`);
  console.log(`# figures written to ${writeSection(section)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
