/**
 * `npm run bench:ideabank`: the idea bank's search with 100,000 generated solutions, on a
 * throwaway PostgreSQL server and on PGlite. For a mixed set of queries it measures, in the
 * same run, the latency of the search page through HTTP (GET /idebank?…, rendered HTML) and of
 * the same search run directly (searchSolutions: the same transaction, statement timeout and
 * two SQL statements, no HTTP and no rendering). It reports p50 and p95 of each and the ratio
 * page ÷ raw (goal: within 2×; p95 of the page under 50 ms on PostgreSQL).
 *
 * Requests go one at a time (latency, not throughput). Env: BENCH_SOLUTIONS (default
 * 100000), BENCH_ROUNDS (passes over the query set per target, default 10),
 * BENCH_SKIP_PGLITE=1 to measure PostgreSQL only.
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { createDatabase } from '../test/faults/lib.js';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { buildApp } from '../src/app.js';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { systemClock } from '../src/platform/clock.js';
import { analyseSolutions, generateSolutions } from '../src/ideabank/generate.js';
import { searchSolutions, similarSolutions } from '../src/ideabank/ideabank.service.js';
import { parseSearchQuery } from '../src/ideabank/search-query.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';

const START = '<!-- bench:idea-bank:start -->';
const END = '<!-- bench:idea-bank:end -->';
const DATABASE = 'prisportal_ideabank_bench';

/** The mixed query set: words, compounds, typos, phrases, filters, later pages, date sort. */
const QUERIES: Record<string, string>[] = [
  { q: 'klinik' },
  { q: 'sygeplejerke' },
  { q: 'hjertesvigt' },
  { q: 'pårørende samtale' },
  { q: 'video' },
  { q: 'demens' },
  { q: 'ærø' },
  { q: 'akutmodtagelsen' },
  { q: 'smerteskole' },
  { q: '"eget hjem"' },
  { q: 'telemedicin', status: 'spredt' },
  { q: 'børn', organisation: 'Region Midtjylland' },
  { q: 'kræft', sortering: 'nyeste' },
  { q: 'medicin', side: '3' },
  { q: 'diabetes ambulatorium' },
  { q: 'søvn', emne: 'arbejdsmiljø' },
  { q: 'patientsikkerhed' },
  { q: 'genoptræning' },
  { q: 'xyzzy' },
  { status: 'ide', aar: '2020' },
  {},
];

/** Texts being written (a title, a title and summary) for the similar solutions while typing. */
const DRAFTS: string[] = [
  'Video',
  'Videokonsultationer til patienter med hjertesvigt',
  'Sygeplejersker tager imod borgere med kroniske sygdomme i en klinik på øen, så de sparer færgeturen',
  'Telemedicin for børn med diabetes og deres forældre i eget hjem',
  'Sygeplejerke klinik',
];

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

type Stats = { p50: number; p95: number; n: number };
const stats = (ms: number[]): Stats => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), n: s.length };
};

function get(port: number, path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: keepAlive }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

type EngineResult = {
  engine: string;
  solutions: number;
  loadSeconds: number;
  page: Stats;
  raw: Stats;
  ratioP50: number;
  ratioP95: number;
  pageBytes: number;
  perQuery: { query: string; total: number; p50: number }[];
  similar: Stats;
};

async function measureEngine(engine: string, handle: DatabaseHandle, count: number, rounds: number): Promise<EngineResult> {
  const db = handle.db;
  const t0 = performance.now();
  await seedDemoData(db, systemClock.now());
  await generateSolutions(db, count, systemClock.now());
  await analyseSolutions(db);
  const loadSeconds = (performance.now() - t0) / 1000;
  const app = await buildApp({ db, clock: systemClock, pageCacheMs: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const pageMs: number[] = [];
  const rawMs: number[] = [];
  const perQueryMs = new Map<string, number[]>();
  const totals = new Map<string, number>();
  let pageBytes = 0;
  // Warm-up: every query once through both paths.
  for (const q of QUERIES) {
    await searchSolutions(db, parseSearchQuery(q).query);
    const r = await get(port, `/idebank?${qs(q)}`);
    if (r.status !== 200) throw new Error(`GET /idebank?${qs(q)} answered ${r.status}`);
  }
  // Interleaved: for each query, the raw search then the page, so both see the same machine state.
  for (let round = 0; round < rounds; round++) {
    for (const q of QUERIES) {
      const query = parseSearchQuery(q).query;
      let s = performance.now();
      const result = await searchSolutions(db, query);
      const took = performance.now() - s;
      rawMs.push(took);
      perQueryMs.set(qs(q), [...(perQueryMs.get(qs(q)) ?? []), took]);
      totals.set(qs(q), result.total);
      s = performance.now();
      const r = await get(port, `/idebank?${qs(q)}`);
      pageMs.push(performance.now() - s);
      pageBytes = Math.max(pageBytes, r.bytes);
    }
  }
  await app.close();
  // Similar solutions for texts being written (no HTTP: the JSON endpoint adds nothing to measure).
  const similarMs: number[] = [];
  for (const text of DRAFTS) await similarSolutions(db, text, 5);
  for (let round = 0; round < rounds; round++) {
    for (const text of DRAFTS) {
      const s = performance.now();
      await similarSolutions(db, text, 5);
      similarMs.push(performance.now() - s);
    }
  }
  const page = stats(pageMs);
  const raw = stats(rawMs);
  const perQuery = [...perQueryMs].map(([query, list]) => ({ query, total: totals.get(query) ?? 0, p50: stats(list).p50 })).sort((a, b) => b.p50 - a.p50);
  return {
    engine,
    solutions: count,
    loadSeconds,
    page,
    raw,
    ratioP50: page.p50 / raw.p50,
    ratioP95: page.p95 / raw.p95,
    pageBytes,
    perQuery,
    similar: stats(similarMs),
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function renderSection(results: EngineResult[], env: { date: string; node: string; machine: string; rounds: number }): string {
  const pgRes = results.find((r) => r.engine === 'PostgreSQL');
  const goal = pgRes
    ? `PostgreSQL: page p95 ${ms(pgRes.page.p95)} (goal < 50 ms: **${pgRes.page.p95 < 50 ? 'met' : 'missed'}**), page ÷ raw at p50 ${pgRes.ratioP50.toFixed(2)}× and at p95 ${pgRes.ratioP95.toFixed(2)}× (goal ≤ 2×: **${pgRes.ratioP50 <= 2 && pgRes.ratioP95 <= 2 ? 'met' : 'missed'}**).`
    : '';
  return [
    START,
    '## Idea bank search: page through HTTP vs. the same search run directly',
    '',
    `Last run: ${env.date} · Node ${env.node} · ${env.machine} · \`npm run bench:ideabank\``,
    '',
    `${results[0]?.solutions.toLocaleString('en-US')} generated solutions (src/ideabank/generate.ts) plus the demo solutions, VACUUM ANALYZE after loading. ${QUERIES.length} mixed queries (words, closed compounds, typos, a phrase, filters, a later page, date sort, a query with no hits, a filter without text, the bare /idebank), ${env.rounds} interleaved rounds, one request at a time over a keep-alive connection. "Raw" is \`searchSolutions\`: the same transaction and settings (statement timeout, trigram threshold, page cost), the same SQL, without HTTP or HTML.`,
    '',
    '| engine | load (s) | page p50 | page p95 | raw p50 | raw p95 | ratio p50 | ratio p95 | samples |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.loadSeconds.toFixed(0)} | ${ms(r.page.p50)} | ${ms(r.page.p95)} | ${ms(r.raw.p50)} | ${ms(r.raw.p95)} | ${r.ratioP50.toFixed(2)}× | ${r.ratioP95.toFixed(2)}× | ${r.page.n} |`,
    ),
    '',
    goal,
    '',
    "Where the time goes: a search costs about its number of matching solutions. The matching set, total, facets, rank and order come from `solution_search`, a narrow copy of what searching needs (about 780 bytes a row, most of it the search document, ~400 bytes, and the search text, ~200 bytes, which every match needs for the recheck and the rank); `solutions` is read for the page of hits only. The generator's vocabulary is small, so most of its words match 10–14 % of the 100,000 solutions; those searches (~30–39 ms on PostgreSQL) set the p95, and of their time about two thirds is reading the matching rows (a bitmap heap scan over ~7,000–9,000 of the table's ~10,000 pages, bound by memory access), the rest copying the matches, counting them by facet (~4 ms), ranking and the page. Narrow searches take 2–20 ms; the bare `/idebank` reads counts kept in advance (~3 ms). A busy machine (2 cores shared with other work) moves p95 by 10–30 ms from run to run. The public's pages are also kept in the page cache for a few seconds, which this benchmark turns off.",
    '',
    "What changed on 2026-11-25, first step (src/ideabank/ideabank.repo.ts; the same hits, order, snippets, facets and exact counts: compared with the previous query on 41 queries at 100,000 solutions, and the 40-query Danish test set on both engines): (1) the facets in one pass: one hash aggregation (grouping sets: organisation, unit, status, year, tag list, and the total) over the matching set, instead of a grouping-sets pass, a pass that unpacked every match's tag list and a count; the tag lists are unpacked once per distinct list (~200), not once per match. (2) The rank (ts_rank and the title test) only when the page is sorted by relevance. (3) The bare `/idebank` no longer copies all 100,000 rows into a materialized CTE (which spilled to disk): its total and facets read the table once and its page comes from the created_at index (224 → ~95 ms). (4) Stable plans: the planner over-estimated the OR of text conditions about twice and, depending on ANALYZE's sample, switched broad words to a scan of the whole table (`akutmodtagelsen` 115 ms instead of 43 ms, `børn` in Region Midtjylland 99 ms instead of 62 ms); with search words the search's transaction now sets `enable_seqscan = off` (every text condition has a GIN index), and a single plain word leaves out its full-text condition, which its prefix condition implies. (5) The substring test comes first in the OR, as most broad matches are compounds. Before (2026-11-24 23:28): PostgreSQL page p50 40.0 ms, p95 62.1 ms; PGlite 39.8 / 76.9 ms.",
    '',
    "What changed on 2026-11-25, second step (migrations 0012 and 0013, src/ideabank/ideabank.schema.ts and ideabank.repo.ts; the same hits, order, snippets, facets and exact counts, the 40-query Danish test set on both engines): a narrow table `solution_search` (solution id, year, created_at, status, organisation, unit, tag list as jsonb and as text, lowercased title, search text and search document; fixed-width columns first) kept row for row by a trigger after every insert, update and delete of `solutions` (on both engines; an integration test follows inserts, updates of title, tags and status, and deletes), holding the search indexes (full text, trigrams of the search text and of the title, tags, created_at, status and year), which moved from `solutions`. Searches and similar solutions read it and join `solutions` only for the page of hits (snippets and full fields); `solutions` keeps only its created_at (feed), owner and seed-key indexes. The facet counts group the tag lists by their text instead of the jsonb (hashing jsonb cost ~0.2 µs per row: ~20 ms of the bare `/idebank`). Raw p50 on PostgreSQL, before → after (one run each on a quiet machine): the bare `/idebank` 102 → 57 ms, `børn` in Region Midtjylland 63 → 47 ms, `video` 54 → 40 ms, `klinik` 51 → 38 ms, `akutmodtagelsen` 45 → 34 ms. Before (2026-11-25 00:06): PostgreSQL page p50 33.6 ms, p95 67.9 ms; PGlite 41.4 / 80.8 ms. The p95 goal is at the edge (about 50 ms on a quiet machine, more on a busy one): what remains is reading ~800 bytes per match (the search document and the search text are needed for every match) and the bare `/idebank`'s facet counts over all 100,000 rows; a clear margin would take facet counts kept in advance (at least for the bare `/idebank`).",
    '',
    "What changed on 2026-11-25, third step (migration 0014, src/ideabank/ideabank.repo.ts; exact counts throughout: an integration test compares every kept count with one made from scratch after inserts, updates, deletes and concurrent writers on both engines, the facets of 10 queries were checked against counts made in JavaScript from the solutions, and the 40-query Danish test set passes on both engines): (1) the bare `/idebank` reads its total and facets from `solution_facet_counts`, kept exact by statement-level triggers on `solution_search` (56 → 3 ms); `solution_search` itself now follows `solutions` per statement, not per row. (2) Typos: the misspelt word is compared with the titles' words (`solution_title_words`, trigger-kept, ~540 words here) instead of with all 100,000 titles, and the titles holding the resembling words are found through the full-text index; ranked by whether a title holds the closest word (`sygeplejerke` 43 → ~22 ms alone, ~30 ms in this benchmark, which first tries the exact search). Of 265 one-letter typos of the demo titles' words that reach the typo search, 257 find the same solutions as before, 5 find more (a word resembling the typo in another title) and 3 fewer (`foløb`, `fosårsklinik`: similarity is now measured within one title word, not across neighbouring words). (3) btree indexes on the search table's organisation and unit, and `random_page_cost = 1.1` in the search's transaction (the tables are read from memory): a search narrowed by an organisation now ANDs the bitmaps instead of reading every organisation's rows (`børn` in Region Midtjylland 47 → 37 ms). (4) Matches are copied and counted by integer numbers of their facet values instead of texts (`klinik` 40 → 35 ms, `video` 43 → 39 ms). Before (2026-11-25 00:29): PostgreSQL page p50 27.0 ms, p95 51.7 ms; after (1) alone (01:40): p50 23.3 ms, p95 51.7 ms.",
    '',
    `Similar solutions while writing (\`similarSolutions\`, ${DRAFTS.length} texts from one word to a title and summary, ${env.rounds} rounds): ${results.map((r) => `${r.engine} p50 ${ms(r.similar.p50)}, p95 ${ms(r.similar.p95)}`).join('; ')}. Shared words count by their rarity, and candidates come through the text's rarest words only (as many as match about 1,000 solutions together), so the cost does not grow with the idea bank; before (every solution sharing any word scored) a title and summary took 0.5–0.9 s at 100,000 solutions on PostgreSQL. A single common word (\`Video\`, in 14 % of the solutions) is the slowest, since its candidates are all its solutions.`,
    '',
    'Raw p50 per query (matches in brackets), slowest first:',
    '',
    ...results.map(
      (r) =>
        `- ${r.engine}: ${r.perQuery.map((x) => `\`${decodeURIComponent(x.query.replace(/\+/g, ' ')) || '(none)'}\` ${ms(x.p50)} (${x.total.toLocaleString('en-US')})`).join(', ')}`,
    ),
    END,
  ].join('\n');
}

function updateBenchmarksFile(section: string) {
  writeBenchmarkSection(section, { start: START, end: END });
}

async function main() {
  const count = Number(process.env.BENCH_SOLUTIONS ?? 100_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const results: EngineResult[] = [];

  const server = await startPostgresServer();
  try {
    const handle = await openPostgres(await createDatabase(server, DATABASE), 10);
    await handle.migrate();
    console.log(`PostgreSQL: loading ${count} solutions …`);
    results.push(await measureEngine('PostgreSQL', handle, count, rounds));
    console.log({ ...results.at(-1), perQuery: undefined });
    await handle.close();
  } finally {
    server.stop();
  }

  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const handle = await openPglite(undefined);
    await handle.migrate();
    console.log(`PGlite: loading ${count} solutions …`);
    results.push(await measureEngine('PGlite', handle, count, rounds));
    console.log({ ...results.at(-1), perQuery: undefined });
    await handle.close();
  }

  const section = renderSection(results, {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    node: process.version,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    rounds,
  });
  updateBenchmarksFile(section);
  console.log(section);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
