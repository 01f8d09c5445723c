/**
 * `npm run bench:dashboard` (part of `npm run bench`): a round's dashboard (/admin/udgaver/:id)
 * and the committee's overview for administrators (/admin/udgaver/:id/bedoemmelse) at 300
 * nominations × 9 members × 5 criteria on PostgreSQL: the server's time per page against the
 * time of the same queries run directly, in one run.
 *
 * The data: a round in review (an award of its own in Region Midtjylland, on top of the demo
 * data), 300 sent nominations (30 not yet screened, 30 screened out, 240 eligible; a third with
 * consent pending), 9 committee members (about 1 in 20 pairs a declared conflict, 1 in 50 a
 * review left partial), 3 panel members, written with a fixed seed into the real tables of a
 * throwaway PostgreSQL server (initdb/pg_ctl as the tests use; fsync off), then VACUUM ANALYZE.
 *
 * Page: the signed-in GET over HTTP on loopback, sent by a client in a worker thread (its own
 * event loop, as a browser's would be), timed by the server itself: Fastify's elapsed time, from
 * its first onRequest hook (session, route gate, the page's queries, rendering) to the response's
 * last byte handed to the socket. This "server time" is what the goal is judged on (issue 14:
 * "server time per page"); the client's time to the last byte is shown beside it. The earlier
 * runs' measure, `app.inject` from the call to the decoded body, is kept beside it too: it also
 * counts the test client's work (the fake request, and gathering and decoding the body again).
 * Ceiling: the SQL statements the page sent (caught through Drizzle's logger, with their
 * parameters) replayed through one `pg` connection one after another, and also all at once on a
 * pool of the app's size (the app runs some of them side by side). Order per round: queries,
 * inject, HTTP, HTTP, inject, queries; the median of each counts. Goal: server time ÷ queries
 * (one after another) ≤ 1.5×. Also shown: the server thread's CPU time per page (user + system,
 * process.threadCpuUsage), which other work on a shared machine does not stretch the way it
 * stretches wall-clock time.
 *
 * Writes its figures between the bench:dashboard markers of BENCHMARKS.md.
 * BENCH_DASHBOARD_RUNS (default 40) sets the rounds.
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { startHttpClient } from './lib/http-client.js';
import { postgresVersion } from './lib/postgres.js';
import { createDatabase } from '../test/faults/lib.js';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { createSession, SESSION_COOKIE } from '../src/accounts/sessions.js';
import { openPostgres, type Database } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import {
  awards,
  conflictsOfInterest,
  criteria as criteriaTable,
  editionMembers,
  editions,
  nominations,
  organisationAdmins,
  organisations,
  users,
} from '../src/db/schema.js';
import { reviewScores, reviews } from '../src/judging/judging.schema.js';
import { fixedClock } from '../src/platform/clock.js';
import { copenhagen } from '../src/platform/time.js';
import { startPostgresServer, type PostgresServer } from '../test/harness/postgres-server.js';

const NOMINATIONS = 300;
const MEMBERS = 9;
const CRITERIA = 5;
const RUNS = Math.max(5, Number(process.env.BENCH_DASHBOARD_RUNS ?? 40) || 40);
const POOL = 10;
const NOW = new Date('2026-11-24T12:00:00Z');
const GOAL = 1.5;
const START = '<!-- bench:dashboard:start -->';
const END = '<!-- bench:dashboard:end -->';

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

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
// The calling thread's CPU time (Node 23.9 and later; not yet in the installed @types/node).
const threadCpuUsage = (previous?: NodeJS.CpuUsage): NodeJS.CpuUsage =>
  (process as NodeJS.Process & { threadCpuUsage: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage(previous);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Writes the round; returns its id and an administrator's user id. */
async function load(db: Database): Promise<{ editionId: number; adminId: number; scores: number }> {
  await seedDemoData(db, NOW);
  const rand = rng(2026);
  const [rm] = await db.select({ id: organisations.id }).from(organisations).where(sql`${organisations.slug} = 'region-midtjylland'`);
  const [award] = await db
    .insert(awards)
    .values({ organisationId: rm!.id, slug: 'benchprisen', name: 'Benchprisen', summary: 'Til måling.', description: 'Til måling.', establishedYear: 2020 })
    .returning({ id: awards.id });
  const [edition] = await db
    .insert(editions)
    .values({
      awardId: award!.id,
      year: 2026,
      theme: 'Måling',
      opensAt: copenhagen(2026, 9, 1, 12),
      closesAt: copenhagen(2026, 10, 1, 12),
      reviewClosesAt: copenhagen(2026, 11, 27, 16),
      nomineesPublishedAt: copenhagen(2026, 12, 15, 12),
      votingOpensAt: copenhagen(2026, 12, 20, 12),
      votingClosesAt: copenhagen(2027, 1, 10, 12),
      winnerAnnouncedAt: copenhagen(2027, 1, 15, 12),
      hasPatientPanel: true,
      publishedAt: new Date('2026-08-01T00:00:00Z'),
    })
    .returning({ id: editions.id });
  const editionId = edition!.id;
  const crit = await db
    .insert(criteriaTable)
    .values(Array.from({ length: CRITERIA }, (_, i) => ({ editionId, position: i + 1, title: `Kriterium ${i + 1}`, description: 'Til måling.' })))
    .returning({ id: criteriaTable.id });
  const sent = await db
    .insert(nominations)
    .values(
      Array.from({ length: NOMINATIONS }, (_, i) => ({
        editionId,
        status: 'sent' as const,
        screening: i % 10 === 0 ? ('pending' as const) : i % 10 === 1 ? ('not-eligible' as const) : ('eligible' as const),
        nomineeConsent: i % 3 === 0 ? ('pending' as const) : ('accepted' as const),
        receiptNumber: `BENCH-${String(i + 1).padStart(4, '0')}`,
        accessTokenHash: createHash('sha256').update(`bench-dashboard:${i}`).digest('hex'),
        title: `Løsning ${i + 1}`,
        summary: `Resumé af løsning ${i + 1}.`,
        nomineeOrganisation: 'Region Midtjylland',
        nomineeUnit: `Afdeling ${i % 40}`,
        nominatorEmail: `n${i}@example.dk`,
        sentAt: new Date('2026-09-15T10:00:00Z'),
        firstSentAt: new Date('2026-09-15T10:00:00Z'),
      })),
    )
    .returning({ id: nominations.id, screening: nominations.screening });
  const eligible = sent.filter((n) => n.screening === 'eligible').map((n) => n.id);
  const members: number[] = [];
  for (let m = 0; m < MEMBERS + 3; m++) {
    const [u] = await db
      .insert(users)
      .values({ email: `bench-member-${m}@example.dk`, name: `Medlem ${m + 1}` })
      .returning({ id: users.id });
    const [row] = await db
      .insert(editionMembers)
      .values({ editionId, userId: u!.id, role: m < MEMBERS ? 'committee' : 'panel', isChair: m === 0, represents: `Afdeling ${100 + m}` })
      .returning({ id: editionMembers.id });
    if (m < MEMBERS) members.push(row!.id);
  }
  const at = new Date('2026-10-15T10:00:00Z');
  const conflicts: (typeof conflictsOfInterest.$inferInsert)[] = [];
  const pairs: { memberId: number; nominationId: number; partial: boolean }[] = [];
  for (const memberId of members)
    for (const nominationId of eligible) {
      if (rand() < 0.05)
        conflicts.push({ memberId, nominationId, origin: 'declared', status: 'confirmed', reason: 'Kender dem', createdAt: at, decidedAt: at });
      else pairs.push({ memberId, nominationId, partial: rand() < 0.02 });
    }
  for (const part of chunks(conflicts, 500)) await db.insert(conflictsOfInterest).values(part);
  let scores = 0;
  for (const part of chunks(pairs, 500)) {
    const ids = await db
      .insert(reviews)
      .values(part.map((p) => ({ memberId: p.memberId, nominationId: p.nominationId, comment: 'Godt arbejde.', createdAt: at, updatedAt: at })))
      .returning({ id: reviews.id });
    const rows = part.flatMap((p, i) =>
      (p.partial ? crit.slice(1) : crit).map((c) => ({ reviewId: ids[i]!.id, criterionId: c.id, score: 1 + Math.floor(rand() * 5) })),
    );
    scores += rows.length;
    for (const s of chunks(rows, 2000)) await db.insert(reviewScores).values(s);
  }
  const [admin] = await db.insert(users).values({ email: 'bench-admin@example.dk', name: 'Bench Admin' }).returning({ id: users.id });
  await db.insert(organisationAdmins).values({ organisationId: rm!.id, userId: admin!.id });
  return { editionId, adminId: admin!.id, scores };
}

type Captured = { query: string; params: unknown[] };

/** The SQL statements `fn` sends, with their parameters, through Drizzle's logger. */
async function capture(db: Database, fn: () => Promise<unknown>): Promise<Captured[]> {
  const session = (db as unknown as { session: { logger: unknown } }).session;
  const original = session.logger;
  const out: Captured[] = [];
  session.logger = { logQuery: (query: string, params: unknown[]) => void out.push({ query, params }) };
  try {
    await fn();
  } finally {
    session.logger = original;
  }
  return out;
}

type PageResult = {
  label: string;
  path: string;
  queries: number;
  bytes: number;
  /** `app.inject`, from the call to the decoded body (the measure of the earlier runs). */
  inject: number;
  injectCpu: number;
  /** Over HTTP: the server's time (Fastify's elapsed time, onRequest to the response's last byte handed to the socket). */
  server: number;
  serverCpu: number;
  /** Over HTTP: the client's time from sending the request to the last byte received. */
  lastByte: number;
  sequential: number;
  parallel: number;
};

async function main() {
  let server: PostgresServer | undefined;
  process.once('exit', () => server?.stop());
  server = await startPostgresServer();
  const url = await createDatabase(server, 'bench_dashboard');
  const version = await postgresVersion(url);
  const handle = await openPostgres(url, POOL);
  await handle.migrate();
  const t0 = performance.now();
  const { editionId, adminId, scores } = await load(handle.db);
  await handle.db.execute(sql`vacuum analyze`);
  const loadS = (performance.now() - t0) / 1000;
  console.log(`loaded ${NOMINATIONS} nominations × ${MEMBERS} members × ${CRITERIA} criteria (${scores} scores) in ${loadS.toFixed(1)} s`);

  const clock = fixedClock(NOW);
  const app = await buildApp({ db: handle.db, clock, pageCacheMs: 0, publicBaseUrl: 'http://prisportal.bench' });
  // The server's own time per request: Fastify's elapsed time, from its first onRequest hook to
  // the response's 'finish' (the last byte handed to the socket). Over `app.inject`, 'finish'
  // comes after light-my-request has gathered and decoded the body again, so that time is only
  // read over real HTTP.
  let serverMs = Number.NaN;
  app.addHook('onResponse', (_request, reply, done) => {
    serverMs = reply.elapsedTime;
    done();
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = startHttpClient();
  const session = await createSession(handle.db, adminId, 'email-link', NOW);
  const inject = async (path: string) => {
    const res = await app.inject({ method: 'GET', url: path, cookies: { [SESSION_COOKIE]: session } });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
    return res.body.length;
  };
  const overHttp = async (path: string) => {
    const res = await client.get(`${origin}${path}`, { cookie: `${SESSION_COOKIE}=${session}` });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return { ...res, server: serverMs };
  };
  const direct = new pg.Client({ connectionString: url });
  await direct.connect();
  const pool = new pg.Pool({ connectionString: url, max: POOL });

  const results: PageResult[] = [];
  for (const [label, path] of [
    ['round dashboard', `/admin/udgaver/${editionId}`],
    ["committee overview (administrators')", `/admin/udgaver/${editionId}/bedoemmelse`],
  ] as const) {
    for (let i = 0; i < 3; i++) {
      // warm-up (JIT, plans, flags written once)
      await inject(path);
      await overHttp(path);
    }
    let bytes = 0;
    const statements = await capture(handle.db, async () => {
      bytes = await inject(path);
    });
    const sequentially = async () => {
      for (const s of statements) await direct.query(s.query, s.params as unknown[]);
    };
    const allAtOnce = () => Promise.all(statements.map((s) => pool.query(s.query, s.params as unknown[])));
    for (let i = 0; i < 3; i++) {
      await sequentially();
      await allAtOnce();
    }
    const timed = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const injected: number[] = [];
    const injectCpu: number[] = [];
    const served: number[] = [];
    const serverCpu: number[] = [];
    const lastByte: number[] = [];
    const seq: number[] = [];
    const par: number[] = [];
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const timedInject = async () => {
      // The whole process: the HTTP client's worker is idle meanwhile.
      const cpu = process.cpuUsage();
      injected.push(await timed(() => inject(path)));
      injectCpu.push(cpuMs(process.cpuUsage(cpu)));
    };
    const timedHttp = async () => {
      // The server's thread only, not the client's worker.
      const cpu = threadCpuUsage();
      const res = await overHttp(path);
      serverCpu.push(cpuMs(threadCpuUsage(cpu)));
      // (UTF-8 bytes over HTTP, at least the characters the inject's body has.)
      if (res.bytes < bytes) throw new Error(`${path}: ${res.bytes} bytes over HTTP, ${bytes} characters by inject`);
      served.push(res.server);
      lastByte.push(res.ms);
    };
    for (let i = 0; i < RUNS; i++) {
      seq.push(await timed(sequentially));
      par.push(await timed(allAtOnce));
      await timedInject();
      await timedHttp();
      await timedHttp();
      await timedInject();
      par.push(await timed(allAtOnce));
      seq.push(await timed(sequentially));
    }
    const r: PageResult = {
      label,
      path,
      queries: statements.length,
      bytes,
      inject: median(injected),
      injectCpu: median(injectCpu),
      server: median(served),
      serverCpu: median(serverCpu),
      lastByte: median(lastByte),
      sequential: median(seq),
      parallel: median(par),
    };
    const f2 = (n: number) => n.toFixed(2);
    console.log(
      `${label.padEnd(40)} server ${f2(r.server)} ms (CPU ${f2(r.serverCpu)} ms, last byte ${f2(r.lastByte)} ms)  inject ${f2(r.inject)} ms (CPU ${f2(r.injectCpu)} ms)  queries one after another ${f2(r.sequential)} ms  all at once ${f2(r.parallel)} ms  server ÷ queries ${(r.server / r.sequential).toFixed(2)}×  inject ÷ queries ${(r.inject / r.sequential).toFixed(2)}×  (${r.queries} statements, ${bytes} characters)`,
    );
    results.push(r);
  }
  await client.close();
  await direct.end();
  await pool.end();
  await app.close();
  await handle.close();
  server.stop();

  const cpu = cpus();
  const f2 = (n: number) => n.toFixed(2);
  const ratio = (n: number) => `${n.toFixed(2)}×`;
  const lines = [
    START,
    '## Round dashboard and committee overview: page vs. its own queries',
    '',
    `Last run: ${new Date().toISOString()} · Node ${process.version} · ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${cpu.length} cores (load average ${loadavg()[0]!.toFixed(1)} at the end) · ${version} · \`npm run bench:dashboard\``,
    '',
    `A round in review with ${NOMINATIONS} sent nominations (30 not screened, 30 screened out, 240 eligible), ${MEMBERS} committee members × ${CRITERIA} criteria (${scores.toLocaleString('en-US')} scores; about 1 in 20 pairs a declared conflict, 1 in 50 reviews partial) and 3 panel members, on the demo data, in a throwaway PostgreSQL server (fsync off; VACUUM ANALYZE after loading, ${loadS.toFixed(1)} s). ` +
      `"Queries" replays the very SQL statements the page sent (caught through Drizzle's logger, with their parameters) through \`pg\`: one after another on one connection (the ceiling), and all at once on a pool of ${POOL} (the app runs some side by side). ` +
      `${RUNS} rounds in the order queries, page by \`app.inject\`, page over HTTP twice, page by \`app.inject\`, queries; medians.`,
    '',
    '| page | statements | HTML | queries, one after another | queries, all at once | server time | **server time ÷ queries** | goal ≤ 1.5× | time to last byte | Node CPU per page (server thread) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.label} (\`${r.path.replace(String(editionId), ':id')}\`) | ${r.queries} | ${(r.bytes / 1024).toFixed(1)} KB | ${f2(r.sequential)} ms | ${f2(r.parallel)} ms | ${f2(r.server)} ms | **${ratio(r.server / r.sequential)}** | ${r.server / r.sequential <= GOAL ? 'met' : '**not met**'} | ${f2(r.lastByte)} ms | ${f2(r.serverCpu)} ms |`,
    ),
    '',
    "The measure of the earlier runs, kept beside it: the same page through `app.inject` (Fastify's in-process test client), from the call to the decoded body.",
    '',
    '| page | `app.inject` | `app.inject` ÷ queries | ÷ queries all at once | Node CPU per page (`app.inject`) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.label} | ${f2(r.inject)} ms | ${ratio(r.inject / r.sequential)} | ${ratio(r.inject / r.parallel)} | ${f2(r.injectCpu)} ms |`),
    '',
    "**The goal is judged on the server time**, which is what issue 14 asks for (\"server time per page\"): the signed-in GET sent over HTTP on loopback by a client in a worker thread (its own event loop, as a browser would be), and timed by the server itself as Fastify's elapsed time, from its first onRequest hook (session and role lookup, route gate, the page's queries, the computation, rendering, encoding) to the response's last byte handed to the socket. " +
      '"Time to last byte" is the client\'s view of the same requests (adds the connection, Node\'s HTTP parsing and the transfer). ' +
      "`app.inject` also counts the test client's own work: building the fake request, and after the server is done gathering the body from its chunks and decoding it to a string again (light-my-request), which a browser does elsewhere; it was the measure up to 2026-12-06 and is kept so the runs compare. " +
      'Node CPU per page is `process.threadCpuUsage` of the server\'s thread across the request (over `app.inject`, `process.cpuUsage`): on a shared machine other work stretches wall-clock time (the load average is on the "Last run" line), CPU time much less.',
    '',
    'The dashboard asks a fixed number of statements whatever the round’s size (test/integration/rounds.test.ts counts 5 at 10 nominations × 3 members and at 300 × 9 × 5: session, user and roles 1, the round 1, what waits 3, one per module: nominations, judging, panel). ' +
      'The committee overview (judging’s page) reads the edition, its members, nominations, criteria, conflicts and every review with its scores side by side, flags likely conflicts, computes normalised totals, ranks and Krippendorff’s alpha (judging/overview.service.ts) and renders a 240-row table with every member’s comment once, in a closed details row under its nomination (the comments by member are a link per member that gathers them on the same page, `?medlem=n`). ' +
      'Where its time went and what was changed is under "Committee overview: where the time went" below (CPU profiles, before and after, three rounds).',
    END,
  ];
  const section = lines.join('\n');
  console.log(`\n${section}`);
  const file = writeBenchmarkSection(section, { start: START, end: END });
  console.log(`# figures written to ${file}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
