/**
 * `npm run bench:rush`: the last minutes before a deadline. On a PostgreSQL server, 500
 * simulated nominators send complete nominations through the API within seconds of each
 * other. Afterwards every acknowledged receipt must be in the database exactly once, receipt
 * numbers must be unique, and the outbox must hold exactly one receipt e-mail (and one nominee
 * notice) per acknowledged nomination. The process exits non-zero when that fails.
 *
 * Figures: nominations per second (all acknowledged ÷ wall time), p50/p99 latency, and the
 * ratio against a ceiling measured in the same run on the same server: the same rows (same
 * column values, copied from what the app wrote) inserted by a plain loop of single-row
 * INSERT statements through `pg`, one at a time and with the same concurrency. The rush runs
 * BENCH_RUSH_ROUNDS times (default 3), each with nominators of its own, and a ceiling run at the
 * same concurrency follows each round: on a shared machine a single sub-second rush scattered by
 * a fifth from run to run, so both sides are measured several times, alternating. The figure is
 * the median of each round's ratio to the ceiling run right after it (a change in the machine's
 * other load reaches both of a pair); best ÷ best is printed too.
 *
 * By default every nominator is ready at once and at most BENCH_RUSH_CONCURRENCY requests are
 * in flight, so the figure is what the app can take, not what was offered; the goal is that
 * all of them are acknowledged within 10 s. BENCH_RUSH_WINDOW=10 spreads the arrivals evenly
 * over 10 s instead (latency of a server that is not saturated; nominations/s then follows the
 * arrival rate).
 *
 * The simulated nominators run in a worker thread (own event loop); each has its own client
 * address (X-Forwarded-For behind a trusted proxy, documentation range 2001:db8::/32) and the
 * app gets rate limits far above the load, so the rate limiter is exercised but never refuses.
 *
 * Env: BENCH_RUSH_ROUNDS (default 3), BENCH_RUSH_NOMINATORS (per round, default 500), BENCH_RUSH_CONCURRENCY (default 50),
 * BENCH_RUSH_WINDOW (seconds, default 0), BENCH_RUSH_WARMUP (nominations, default 20),
 * BENCH_RUSH_STEPS (draft steps saved after the rush, default 500), BENCH_RUSH_ENGINE=pglite (the
 * app on PGlite in memory instead; the ceiling on the same instance; figures printed, not written),
 * BENCH_RUSH_STATEMENTS=1 (pg_stat_statements loaded: PostgreSQL's time per nomination by statement, printed).
 *
 * CPU per nomination is read from Linux's /proc for the app's main thread, the load generator's
 * worker thread and every process of the PostgreSQL server (bench/lib/process-cpu.ts): on a
 * shared machine the rates scatter with the other work, the CPU a nomination costs much less.
 */
import { postgresVersion } from './lib/postgres.js';
import { createDatabase } from '../test/faults/lib.js';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app.js';
import type { RateLimits } from '../src/platform/deps.js';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { systemClock } from '../src/platform/clock.js';
import { canNominate, loadEditionForForm, startNomination, type EditionForForm } from '../src/nominations/nomination.service.js';
import { readAllSteps } from '../src/nominations/form.js';
import { startPostgresServer, type PostgresServer } from '../test/harness/postgres-server.js';
import type { RushInput, RushJob, RushOutput, RushResult } from './lib/rush-client.js';
import { median, updateRushSection, type RushReport } from './lib/rush-report.js';
import { parentPid, processTreeCpuS, threadCpuS } from './lib/process-cpu.js';

const DATABASE = 'prisportal_rush';
const AWARD_SLUG = 'aarets-borgerinddragende-initiativ';
const GOAL_S = 10;
/** The app's own default (openPostgres): the benchmark measures the production setting. */
const APP_POOL_SIZE = 10;
const CEILING_TABLE = 'nominations_ceiling';

function envNumber(name: string, fallback: number, { integer, min }: { integer: boolean; min: number }): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
  }
  return n;
}

// --- The simulated nominators ------------------------------------------------------------------

const PARAGRAPH =
  'Borgerne var med fra det første møde, hvor vi spurgte, hvad der fylder mest i en hverdag med dialyse. ' +
  'Svaret var „den lange vej“ til hospitalet – tre gange om ugen – og derfor byggede vi sammen med patienterne ' +
  'og de pårørende en løsning, hvor sygeplejersken ser dem over video. Ændringerne blev afprøvet i små trin, ' +
  'og hver måned mødes et panel af brugere for at se på, hvad der virker, og hvad der skal gøres om.';

/** About `words` words of Danish prose (the nominator's text under a heading). */
function prose(words: number, seed: number): string {
  const source = `${PARAGRAPH} Indstilling ${seed}.`.split(' ');
  const out: string[] = [];
  for (let i = 0; out.length < words; i++) out.push(source[i % source.length]!);
  return out.join(' ');
}

/** A complete nomination as the API takes it, different for every nominator. */
function nominationBody(i: number, edition: EditionForForm): Record<string, unknown> {
  const citizen = i % 7 === 0;
  const criteria = edition.form.criteria;
  return {
    nominator: {
      name: `Indstiller ${i} Ærø-Østergaard`,
      email: `indstiller${i}@eksempel.dk`,
      isCitizen: citizen,
      ...(citizen ? {} : { workplace: 'Akutafdelingen, Aarhus Universitetshospital' }),
    },
    nominee: {
      kind: (['person', 'team', 'workplace'] as const)[i % 3],
      names: `Team Hjemmedialyse ${i}`,
      unit: 'Nyremedicinsk afdeling',
      organisation: 'Aarhus Universitetshospital',
      email: `kontakt${i}@eksempel.dk`,
    },
    title: `Video-konsultationer i eget hjem (${i})`,
    summary: prose(30, i),
    criterionIds: criteria.length ? [criteria[i % criteria.length]!.id] : [],
    answers: Object.fromEntries(edition.form.sections.map((s) => [String(s.id), prose(Math.min(s.wordLimit ?? 150, 150) - 5, i)])),
  };
}

function jobs(prefix: string, count: number, edition: EditionForForm, offset: number): RushJob[] {
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    return { key: `${prefix}-${i}`, body: JSON.stringify(nominationBody(i, edition)), forwardedFor: `2001:db8::${(i + 1).toString(16)}` };
  });
}

/** The client runs in a worker; Node 20 does not apply tsx's loader to a worker's entry file, so it is registered inside the worker first. */
async function runInWorker(input: RushInput): Promise<RushOutput> {
  const entry = new URL('./lib/rush-client.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    workerData: { rushClient: true },
  });
  try {
    return await new Promise<RushOutput>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the load worker exited (${code}) before answering`)));
      worker.on('message', (m: { ready?: true; ok?: boolean; out?: RushOutput; error?: string }) => {
        if (m.ready) worker.postMessage(input);
        else if (m.ok) resolve(m.out!);
        else reject(new Error(`load worker failed: ${m.error}`));
      });
    });
  } finally {
    await worker.terminate();
  }
}

type Ack = { key: string; id: number; receiptNumber: string; status: string; replayed: boolean };

function acknowledged(results: RushResult[]): { acks: Ack[]; failures: RushResult[] } {
  const acks: Ack[] = [];
  const failures: RushResult[] = [];
  for (const r of results) {
    if (r.status === 201 || r.status === 200) {
      const json = JSON.parse(r.body) as { id: number; receiptNumber: string; status: string; replayed: boolean };
      acks.push({ key: r.key, id: json.id, receiptNumber: json.receiptNumber, status: json.status, replayed: json.replayed });
    } else failures.push(r);
  }
  return { acks, failures };
}

/**
 * CPU seconds (user + system) of the app's main thread, the one that serves HTTP and talks to
 * PostgreSQL; the simulated nominators run in a worker thread of the same process, so the
 * process's own figure would count them too. Linux /proc; null elsewhere.
 */
const mainThreadCpuS = threadCpuS;

/** CPU seconds of the PostgreSQL server (every process of it) now; null on PGlite or without /proc. */
type ServerCpu = () => number | null;

/** CPU ms per item of a before/after pair of CPU seconds. */
const cpuText = (ms: number | null) => (ms === null ? 'n/a' : `${ms.toFixed(2)} ms`);

const msPer = (s0: number | null, s1: number | null, n: number) => (s0 === null || s1 === null || n === 0 ? null : ((s1 - s0) * 1000) / n);

/** What several load runs cost, added up (seconds of CPU, ms of the event loop; null where /proc is missing). */
type Tally = {
  results: RushResult[];
  appCpuS: number | null;
  busyMs: number;
  loopMs: number;
  serverS: number | null;
  loadS: number | null;
  statements: number;
};
const newTally = (): Tally => ({ results: [], appCpuS: 0, busyMs: 0, loopMs: 0, serverS: 0, loadS: 0, statements: 0 });

/** A tally per request: CPU in ms of the app's main thread, PostgreSQL and the load worker, statements, and the event loop's busy share. */
function costPer(t: Tally) {
  const n = t.results.length;
  return {
    appMs: msPer(0, t.appCpuS, n),
    serverMs: msPer(0, t.serverS, n),
    loadMs: msPer(0, t.loadS, n),
    statements: n === 0 ? 0 : t.statements / n,
    busy: t.loopMs === 0 ? 0 : t.busyMs / t.loopMs,
  };
}

/**
 * Counts the statements the app sends to PostgreSQL (every `query` of a pg client: one round
 * trip each, BEGIN and COMMIT included); on PGlite, every statement its protocol ends with a Sync.
 */
function countStatements(lite?: PGlite): { stop(): number } {
  if (lite) {
    const original = lite.execProtocolStream.bind(lite);
    let n = 0;
    lite.execProtocolStream = ((message: Uint8Array, options?: unknown) => {
      if (message[0] === 0x53) n++;
      return original(message, options as never);
    }) as typeof lite.execProtocolStream;
    return {
      stop() {
        lite.execProtocolStream = original;
        return n;
      },
    };
  }
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  return {
    stop() {
      proto.query = original;
      return n;
    },
  };
}

// --- Where PostgreSQL spends a nomination (BENCH_RUSH_STATEMENTS=1) ----------------------------

const statementStats = process.env.BENCH_RUSH_STATEMENTS === '1';

/** Restarts the throwaway server with pg_stat_statements loaded (Debian's postgresql-contrib) and creates the extension. */
async function enableStatementStats(server: PostgresServer, url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
  await c.end();
  server.halt();
  server.resume();
  const again = new pg.Client({ connectionString: url });
  await again.connect();
  await again.query('create extension if not exists pg_stat_statements');
  await again.query('alter system set pg_stat_statements.track_planning = on');
  await again.query('select pg_reload_conf()');
  await again.end();
}

async function resetStatementStats(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('select pg_stat_statements_reset()');
  await c.end();
}

/** The statements of the rush by time spent in the server (planning and execution), per nomination. */
async function printStatementStats(url: string, nominations: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ calls: string; plan_ms: number; exec_ms: number; query: string }>(
    `select calls, total_plan_time as plan_ms, total_exec_time as exec_ms, query from pg_stat_statements
      where query not like '%pg_stat_statements%' order by total_plan_time + total_exec_time desc limit 12`,
  );
  await c.end();
  console.log(`# PostgreSQL's time per nomination by statement (pg_stat_statements, planning + execution, ms):`);
  for (const r of rows)
    console.log(
      `#   ${((r.plan_ms + r.exec_ms) / nominations).toFixed(3)} ms (plan ${(r.plan_ms / nominations).toFixed(3)}) × ${(Number(r.calls) / nominations).toFixed(2)} calls: ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
}

// --- Draft steps: saving the description step of a draft --------------------------------------

/** The 300-word text a nominator saves in the first section of the description step. */
const STEP_WORDS = 300;

type Draft = { id: number; token: string; text: string };

/**
 * Drafts complete but for nothing, each with its private token, and the CSRF cookie and token of
 * a step page (one pair serves every draft: the token is checked against the cookie's secret).
 */
async function prepareDrafts(app: Awaited<ReturnType<typeof buildApp>>, db: DatabaseHandle['db'], edition: EditionForForm, count: number, offset: number) {
  const drafts: Draft[] = [];
  for (let k = 0; k < count; k++) {
    const i = offset + k;
    const body = nominationBody(i, edition) as {
      nominator: { name: string; email: string; workplace?: string };
      nominee: { kind: string; names: string; unit: string; organisation: string; email: string };
      title: string;
      summary: string;
      criterionIds: number[];
      answers: Record<string, string>;
    };
    const fields = readAllSteps(
      {
        nominatorName: body.nominator.name,
        nominatorEmail: body.nominator.email,
        nominatorIsCitizen: body.nominator.workplace === undefined,
        nominatorWorkplace: body.nominator.workplace,
        nomineeKind: body.nominee.kind,
        nomineeNames: body.nominee.names,
        nomineeUnit: body.nominee.unit,
        nomineeOrganisation: body.nominee.organisation,
        nomineeEmail: body.nominee.email,
        title: body.title,
        summary: body.summary,
        criterionIds: body.criterionIds,
        answers: body.answers,
      },
      edition.form,
    );
    const started = await startNomination({ db, edition, fields, now: systemClock.now() });
    if (!started.ok) throw new Error(`could not start draft ${i}: ${started.reason}`);
    drafts.push({ id: started.nomination.id, token: started.token, text: prose(STEP_WORDS, i) });
  }
  const first = drafts[0]!;
  const page = await app.inject({
    method: 'GET',
    url: `/indstillinger/${first.id}/beskrivelse`,
    headers: { cookie: `indstilling_${first.id}=${first.token}` },
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const cookies = (page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`);
  if (page.statusCode !== 200 || !csrf) throw new Error(`the step page answered ${page.statusCode} without a CSRF token`);
  return { drafts, csrf, cookies };
}

/** The section the 300 words go into: the one with the most room (no limit, else the highest). */
function stepSection(edition: EditionForForm) {
  const room = (s: EditionForForm['form']['sections'][number]) => s.wordLimit ?? Number.POSITIVE_INFINITY;
  return edition.form.sections.reduce((a, b) => (room(b) > room(a) ? b : a));
}

/** One POST of the description step per draft: 300 words in one section (stepSection), the others as the rush's nominations fill them. */
function stepJobs(prepared: Awaited<ReturnType<typeof prepareDrafts>>, edition: EditionForForm, offset: number): RushJob[] {
  const target = stepSection(edition);
  return prepared.drafts.map((d, k) => {
    const form = new URLSearchParams({ _csrf: prepared.csrf, version: '1' });
    for (const s of edition.form.sections) form.set(`section-${s.id}`, s === target ? d.text : prose(Math.min(s.wordLimit ?? 150, 150) - 5, offset + k));
    return {
      key: `step-${d.id}`,
      url: `/indstillinger/${d.id}/beskrivelse`,
      body: form.toString(),
      forwardedFor: `2001:db8:1::${(offset + k + 1).toString(16)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...prepared.cookies, `indstilling_${d.id}=${d.token}`].join('; ') },
    };
  });
}

/** Every step was answered with a redirect and its 300 words are saved, once (version 2). */
async function verifySteps(client: pg.Client, edition: EditionForForm, drafts: Draft[], results: RushResult[]) {
  const problems: string[] = [];
  const refused = results.filter((r) => r.status !== 303);
  if (refused.length)
    problems.push(
      `${refused.length} step saves were not answered 303 (${refused
        .slice(0, 2)
        .map((r) => `${r.status} ${r.body.slice(0, 120)}`)
        .join(' | ')})`,
    );
  const sectionId = String(stepSection(edition).id);
  const { rows } = await client.query<{ id: number; text: string | null; version: number; status: string }>(
    `select id, answers ->> $2 as text, version, status from nominations where id = any($1::int[])`,
    [drafts.map((d) => d.id), sectionId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lost = drafts.filter((d) => byId.get(d.id)?.text !== d.text).length;
  const twice = rows.filter((r) => r.version !== 2 || r.status !== 'draft').length;
  if (lost) problems.push(`${lost} drafts do not hold the 300 words their step saved`);
  if (twice) problems.push(`${twice} drafts were saved other than once (version ≠ 2) or are not drafts`);
  return {
    ok: problems.length === 0,
    lines: [
      `${drafts.length - lost} of ${drafts.length} drafts hold their 300 words, each saved once: ${lost + twice === 0 ? 'yes' : 'no'}.`,
      ...problems.map((p) => `PROBLEM: ${p}`),
    ],
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;

// --- Verification -------------------------------------------------------------------------------

/**
 * Nothing lost, nothing twice: every acknowledged receipt is one row with the acknowledged id
 * and key; the run's keys made exactly one row each and no more; receipt numbers are unique in
 * the edition; each acknowledged nomination has exactly one receipt e-mail (to the nominator,
 * naming the receipt) and one nominee notice in the outbox.
 */
async function verify(client: pg.Client, editionId: number, sentKeys: string[], acks: Ack[], failures: RushResult[], warmup: number) {
  const problems: string[] = [];
  const lines: string[] = [];
  if (failures.length) {
    const sample = failures.slice(0, 3).map((f) => `${f.key}: ${f.status} ${f.body.slice(0, 160)}`);
    problems.push(`${failures.length} of ${sentKeys.length} nominators got no receipt (${sample.join(' | ')})`);
  }
  const notSent = acks.filter((a) => a.status !== 'sent');
  if (notSent.length) problems.push(`${notSent.length} acknowledgements did not say "sent"`);

  const { rows } = await client.query<{ id: number; receipt_number: string | null; idempotency_key: string; status: string; nominator_email: string }>(
    `select id, receipt_number, idempotency_key, status, nominator_email from nominations where edition_id = $1 and idempotency_key = any($2::text[])`,
    [editionId, sentKeys],
  );
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r]);
  const twice = [...byKey.values()].filter((v) => v.length > 1).length;
  if (twice) problems.push(`${twice} idempotency keys made more than one nomination`);
  const byReceipt = new Map<string, number>();
  for (const r of rows) if (r.receipt_number) byReceipt.set(r.receipt_number, (byReceipt.get(r.receipt_number) ?? 0) + 1);
  let lost = 0;
  let mismatched = 0;
  for (const a of acks) {
    const found = rows.filter((r) => r.receipt_number === a.receiptNumber);
    if (found.length === 0) lost++;
    else if (found.length > 1 || found[0]!.id !== a.id || found[0]!.idempotency_key !== a.key || found[0]!.status !== 'sent') mismatched++;
  }
  if (lost) problems.push(`${lost} acknowledged receipts are not in the database`);
  if (mismatched) problems.push(`${mismatched} acknowledged receipts do not match their row (id, key, status) or occur twice`);
  const ackedReceipts = new Set(acks.map((a) => a.receiptNumber));
  if (ackedReceipts.size !== acks.length) problems.push(`${acks.length - ackedReceipts.size} receipt numbers were acknowledged twice`);
  const extra = rows.filter((r) => !ackedReceipts.has(r.receipt_number ?? '')).length;
  if (extra) problems.push(`${extra} nominations exist that no nominator was told about`);
  lines.push(
    `${acks.length} of ${sentKeys.length} nominators acknowledged${warmup ? ` (the warm-up's ${warmup} included)` : ''}; ${rows.length} rows carry the run's idempotency keys; each acknowledged receipt found exactly once: ${lost + mismatched === 0 ? 'yes' : 'no'}.`,
  );

  const dup = await client.query<{ receipt_number: string; n: string }>(
    `select receipt_number, count(*) as n from nominations where edition_id = $1 and receipt_number is not null group by receipt_number having count(*) > 1`,
    [editionId],
  );
  if (dup.rows.length) problems.push(`${dup.rows.length} receipt numbers occur more than once in the edition (e.g. ${dup.rows[0]!.receipt_number})`);
  const numbers = await client.query<{ n: string; distinct_n: string }>(
    `select count(*) as n, count(distinct receipt_number) as distinct_n from nominations where edition_id = $1 and receipt_number is not null`,
    [editionId],
  );
  lines.push(`Receipt numbers in the edition: ${numbers.rows[0]!.n}, all different: ${dup.rows.length === 0 ? 'yes' : 'no'}.`);

  const ids = acks.map((a) => a.id);
  const mail = await client.query<{ nid: number; kind: string; to_address: string; subject: string }>(
    `select split_part(dedupe_key, ':', 2)::int as nid, kind, to_address, subject from outbox_messages
      where kind in ('nomination-receipt', 'nominee-notice') and split_part(dedupe_key, ':', 2) ~ '^[0-9]+$'
        and split_part(dedupe_key, ':', 2)::int = any($1::int[])`,
    [ids],
  );
  const emailOf = new Map(rows.map((r) => [r.id, r.nominator_email]));
  const receipts = new Map<number, typeof mail.rows>();
  const notices = new Map<number, number>();
  for (const m of mail.rows) {
    if (m.kind === 'nomination-receipt') receipts.set(m.nid, [...(receipts.get(m.nid) ?? []), m]);
    else notices.set(m.nid, (notices.get(m.nid) ?? 0) + 1);
  }
  let badReceipts = 0;
  let badNotices = 0;
  for (const a of acks) {
    const r = receipts.get(a.id) ?? [];
    if (r.length !== 1 || r[0]!.to_address !== emailOf.get(a.id) || !r[0]!.subject.includes(a.receiptNumber)) badReceipts++;
    if ((notices.get(a.id) ?? 0) !== 1) badNotices++;
  }
  if (badReceipts) problems.push(`${badReceipts} acknowledged nominations do not have exactly one receipt e-mail to the nominator naming the receipt`);
  if (badNotices) problems.push(`${badNotices} acknowledged nominations do not have exactly one nominee notice`);
  lines.push(
    `Outbox: ${[...receipts.values()].reduce((n, v) => n + v.length, 0)} 'nomination-receipt' and ${[...notices.values()].reduce((n, v) => n + v, 0)} 'nominee-notice' messages for ${acks.length} acknowledged nominations; exactly one each: ${badReceipts + badNotices === 0 ? 'yes' : 'no'}.`,
  );
  return { ok: problems.length === 0, lines: [...lines, ...problems.map((p) => `PROBLEM: ${p}`)] };
}

// --- The ceiling: plain single-row INSERTs of the same rows --------------------------------------

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Every value as PostgreSQL's own text, sent back as text: the server parses it into the column's type, so the values are the same. */
const asText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

async function prepareCeiling(client: pg.Client, ids: number[]) {
  const cols = (
    await client.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = 'public' and table_name = 'nominations' and column_name <> 'id' and is_generated = 'NEVER'
        order by ordinal_position`,
    )
  ).rows.map((r) => r.column_name);
  // Same columns, defaults, checks, indexes and identity as nominations; LIKE leaves out the foreign key, so add it.
  await client.query(`drop table if exists ${CEILING_TABLE}`);
  await client.query(`create table ${CEILING_TABLE} (like nominations including all)`);
  await client.query(`alter table ${CEILING_TABLE} add foreign key (edition_id) references editions (id)`);
  const { rows } = await client.query<string[]>({
    text: `select ${cols.map(quoteIdent).join(', ')} from nominations where id = any($1::int[]) order by id`,
    values: [ids],
    rowMode: 'array',
    types: asText,
  });
  const insert = `insert into ${CEILING_TABLE} (${cols.map(quoteIdent).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
  return { rows, insert };
}

/** Rows per second, and PostgreSQL's CPU per row read while the ceiling's connections are open (an ended backend's CPU reaches its parent only once reaped). */
async function ceilingRun(
  url: string,
  admin: pg.Client,
  c: { rows: string[][]; insert: string },
  concurrency: number,
  serverCpuS: ServerCpu,
): Promise<{ perSec: number; serverMsPerRow: number | null }> {
  await admin.query(`truncate ${CEILING_TABLE} restart identity`);
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  try {
    // Open every connection before the clock starts, as the app's pool is warm too.
    const held = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
    for (const h of held) h.release();
    let next = 0;
    const server0 = serverCpuS();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < c.rows.length) await pool.query(c.insert, c.rows[next++]!);
      }),
    );
    const s = (performance.now() - t0) / 1000;
    const serverMsPerRow = msPer(server0, serverCpuS(), c.rows.length);
    const count = Number((await admin.query<{ n: string }>(`select count(*) as n from ${CEILING_TABLE}`)).rows[0]!.n);
    if (count !== c.rows.length) throw new Error(`ceiling inserted ${count} rows, expected ${c.rows.length}`);
    return { perSec: c.rows.length / s, serverMsPerRow };
  } finally {
    await pool.end();
  }
}

/**
 * The ceiling on PGlite: the same rows inserted one statement each into a table of the same
 * definition, each value sent as text and cast to its column's type; "in flight" means that many
 * statements handed to PGlite at once (it runs them one at a time).
 */
async function pgliteCeiling(lite: PGlite, ids: number[], concurrency: number): Promise<number> {
  const cols = (
    await lite.query<{ column_name: string; type: string }>(
      `select a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a join information_schema.columns c on c.table_name = 'nominations' and c.table_schema = 'public' and c.column_name = a.attname
        where a.attrelid = 'nominations'::regclass and a.attnum > 0 and not a.attisdropped and a.attname <> 'id' and c.is_generated = 'NEVER'
        order by a.attnum`,
    )
  ).rows;
  await lite.exec(`drop table if exists ${CEILING_TABLE}; create table ${CEILING_TABLE} (like nominations including all);
                   alter table ${CEILING_TABLE} add foreign key (edition_id) references editions (id)`);
  const { rows } = await lite.query<unknown[]>(
    `select ${cols.map((c) => `${quoteIdent(c.column_name)}::text`).join(', ')} from nominations where id = any($1::int[]) order by id`,
    [ids],
    { rowMode: 'array' },
  );
  const insert = `insert into ${CEILING_TABLE} (${cols.map((c) => quoteIdent(c.column_name)).join(', ')}) values (${cols.map((c, i) => `$${i + 1}::text::${c.type}`).join(', ')})`;
  await lite.exec(`truncate ${CEILING_TABLE} restart identity`);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rows.length) await lite.query(insert, rows[next++]!);
    }),
  );
  const perSec = rows.length / ((performance.now() - t0) / 1000);
  const count = Number((await lite.query<{ n: number }>(`select count(*)::int as n from ${CEILING_TABLE}`)).rows[0]!.n);
  if (count !== rows.length) throw new Error(`ceiling inserted ${count} rows, expected ${rows.length}`);
  return perSec;
}

// --- Main ---------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<boolean> {
  const nominators = envNumber('BENCH_RUSH_NOMINATORS', 500, { integer: true, min: 1 });
  const concurrency = envNumber('BENCH_RUSH_CONCURRENCY', 50, { integer: true, min: 1 });
  const windowS = envNumber('BENCH_RUSH_WINDOW', 0, { integer: false, min: 0 });
  const warmup = envNumber('BENCH_RUSH_WARMUP', 20, { integer: true, min: 0 });
  const stepCount = envNumber('BENCH_RUSH_STEPS', 500, { integer: true, min: 0 });
  const rounds = envNumber('BENCH_RUSH_ROUNDS', 3, { integer: true, min: 1 });
  const engine = process.env.BENCH_RUSH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
  const started = Date.now();

  let pgServer: PostgresServer | undefined;
  let handle: DatabaseHandle | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let admin: pg.Client | undefined;
  const stopPg = () => pgServer?.stop();
  process.once('exit', stopPg);
  const onSignal = (code: number) => () => process.exit(code);
  process.once('SIGINT', onSignal(130));
  process.once('SIGTERM', onSignal(143));

  try {
    let url = '';
    let lite: PGlite | undefined;
    let postgres: string;
    let serverCpuS: ServerCpu = () => null;
    if (engine === 'pglite') {
      // PGlite in memory, as `npm start` runs it without DATABASE_URL (in a folder there): one
      // connection in the app's process. The verification reads through the same instance.
      console.log('# opening PGlite, migrating and seeding…');
      handle = await openPglite(undefined);
      await handle.migrate();
      await seedDemoData(handle.db, systemClock.now());
      lite = (handle.db as unknown as { $client: PGlite }).$client;
      const through = lite;
      admin = { query: (text: string, values?: unknown[]) => through.query(text, values), end: async () => {} } as unknown as pg.Client;
      postgres = 'PGlite (in memory, in the app process)';
    } else {
      console.log('# starting PostgreSQL, migrating and seeding…');
      pgServer = await startPostgresServer();
      await createDatabase(pgServer, DATABASE);
      url = pgServer.url(DATABASE);
      if (statementStats) await enableStatementStats(pgServer, url);
      handle = await openPostgres(url, APP_POOL_SIZE);
      await handle.migrate();
      await seedDemoData(handle.db, systemClock.now());
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      postgres = await postgresVersion(url);
      // The server runs on this machine: its postmaster is the parent of the admin connection's backend.
      const backend = (await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const postmaster = parentPid(backend);
      if (postmaster !== null) serverCpuS = () => processTreeCpuS(postmaster);
    }

    const candidates = await admin.query<{ id: number }>(
      `select e.id from editions e join awards a on a.id = e.award_id where a.slug = $1 order by e.year desc`,
      [AWARD_SLUG],
    );
    let edition: EditionForForm | null = null;
    for (const { id } of candidates.rows) {
      const e = await loadEditionForForm(handle.db, id);
      if (e && canNominate(e.timeline, systemClock.now()).ok) {
        edition = e;
        break;
      }
    }
    if (!edition) throw new Error(`no open edition of ${AWARD_SLUG} after seeding`);
    const editionId = edition.edition.id;

    // Far above the load: the limiter still runs its SQL on every request, but never refuses.
    const generous: Partial<RateLimits> = {
      nominationStart: { name: 'nomination-start', limit: 1_000_000, windowMs: 60 * 60 * 1000 },
      nominationSend: { name: 'nomination-send', limit: 1_000_000, windowMs: 60 * 60 * 1000 },
    };
    app = await buildApp({ db: handle.db, clock: systemClock, trustProxy: true, rateLimits: generous, publicBaseUrl: 'https://prisportal.example' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const target = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/editions/${editionId}/nominations`;
    console.log(`# target: ${edition.award.name} ${edition.edition.year} (edition ${editionId}), ${edition.form.sections.length} sections; ${postgres}`);

    const base = { url: target, concurrency, maxAttempts: 4, timeoutMs: 30_000 };
    const warmJobs = jobs('rush-warm', warmup, edition, 0);
    let warm: RushResult[] = [];
    if (warmup > 0) {
      process.stdout.write(`# warm-up: ${warmup} nominations… `);
      warm = (await runInWorker({ ...base, jobs: warmJobs, concurrency: Math.min(concurrency, 10), windowMs: 0 })).results;
      console.log(`${acknowledged(warm).acks.length} acknowledged`);
    }

    // The rush is run `rounds` times, each with nominators of its own, and after each one its
    // draft steps and the ceiling at the same concurrency: they alternate, so a change in the
    // machine's other load reaches both sides of a round's ratio. The first round's rows are the
    // ceiling's.
    const ceilingRuns = { sequential: [] as number[], concurrent: [] as number[] };
    /** PostgreSQL's CPU per row of each ceiling run at the rush's concurrency. */
    const ceilingServerMs: (number | null)[] = [];
    let ceiling: { rows: string[][]; insert: string } | null = null;
    let ceilingIds: number[] = [];
    async function ceilingOnce(kind: 'sequential' | 'concurrent') {
      process.stdout.write(`# ceiling: ${ceilingIds.length} single-row INSERTs, ${kind === 'sequential' ? 'one at a time' : `${concurrency} in flight`}… `);
      const inFlight = kind === 'sequential' ? 1 : concurrency;
      const { perSec, serverMsPerRow: serverMs } = lite
        ? { perSec: await pgliteCeiling(lite, ceilingIds, inFlight), serverMsPerRow: null }
        : await ceilingRun(url, admin!, ceiling!, inFlight, serverCpuS);
      ceilingRuns[kind].push(perSec);
      if (kind === 'concurrent') ceilingServerMs.push(serverMs);
      console.log(`${fmt(perSec)} rows/s${serverMs === null ? '' : `, PostgreSQL CPU ${cpuText(serverMs)} per row`}`);
    }

    /**
     * Runs `list` in the load worker and adds what it cost to `tally`: the app's main-thread CPU
     * and event loop, PostgreSQL's and the load worker's CPU and the statements sent, counted over
     * the run only (the ceiling's client runs on the same thread between runs). Prints the run's
     * window on the monotonic clock (µs), which `node --cpu-prof` stamps its samples with:
     * bench/lib/cpu-profile.ts summarises that window.
     */
    async function measuredRun(tally: Tally, label: string, list: RushJob[], windowMs: number): Promise<RushOutput> {
      const server0 = serverCpuS();
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = mainThreadCpuS();
      const statements = countStatements(lite);
      const window0 = process.hrtime.bigint() / 1000n;
      const out = await runInWorker({ ...base, jobs: list, windowMs });
      const window1 = process.hrtime.bigint() / 1000n;
      tally.statements += statements.stop();
      const cpu1 = mainThreadCpuS();
      const elu = performance.eventLoopUtilization(elu0);
      tally.busyMs += elu.active;
      tally.loopMs += elu.active + elu.idle;
      tally.appCpuS = tally.appCpuS === null || cpu0 === null || cpu1 === null ? null : tally.appCpuS + (cpu1 - cpu0);
      const server1 = serverCpuS();
      tally.serverS = tally.serverS === null || server0 === null || server1 === null ? null : tally.serverS + (server1 - server0);
      tally.loadS = tally.loadS === null || out.cpuS === null ? null : tally.loadS + out.cpuS;
      tally.results.push(...out.results);
      console.log(`# ${label} window (monotonic µs): ${window0} ${window1}`);
      return out;
    }

    const rushJobs: RushJob[] = [];
    const rush = newTally();
    const roundRates: number[] = [];
    const roundWallsS: number[] = [];
    const stepTally = newTally();
    const stepRates: number[] = [];
    const stepChecks: { ok: boolean; lines: string[] }[] = [];
    if (statementStats) await resetStatementStats(url);
    for (let round = 0; round < rounds; round++) {
      const roundJobs = jobs(`rush${round}`, nominators, edition, warmup + round * nominators);
      rushJobs.push(...roundJobs);
      console.log(
        `# rush ${round + 1} of ${rounds}: ${nominators} nominators, ${concurrency} in flight, ${windowS > 0 ? `arrivals over ${windowS} s` : 'all ready at once'}…`,
      );
      const out = await measuredRun(rush, 'rush', roundJobs, windowS * 1000);
      const roundAcks = acknowledged(out.results).acks;
      roundRates.push(roundAcks.length / (out.wallMs / 1000));
      roundWallsS.push(out.wallMs / 1000);
      console.log(`#   ${roundAcks.length} acknowledged in ${fmt(out.wallMs / 1000, 2)} s: ${fmt(roundRates.at(-1)!, 1)} nominations/s`);
      if (round === 0) {
        ceilingIds = roundAcks.map((a) => a.id);
        ceiling = lite ? null : await prepareCeiling(admin, ceilingIds);
      }
      if (stepCount > 0) {
        // Draft steps: as many nominators save the description step (300 words in a section) of their draft, at the same concurrency.
        const offset = warmup + rounds * nominators + round * stepCount;
        const prepared = await prepareDrafts(app, handle.db, edition, stepCount, offset);
        const stepList = stepJobs(prepared, edition, offset);
        console.log(
          `# draft steps ${round + 1} of ${rounds}: ${stepCount} saves of the description step (${STEP_WORDS} words in a section), ${concurrency} in flight…`,
        );
        const out = await measuredRun(stepTally, 'draft steps', stepList, 0);
        stepRates.push(out.results.filter((r) => r.status === 303).length / (out.wallMs / 1000));
        stepChecks.push(await verifySteps(admin, edition, prepared.drafts, out.results));
        console.log(`#   ${fmt(stepRates.at(-1)!, 1)} steps saved/s`);
      }
      await ceilingOnce('concurrent');
    }
    if (statementStats) await printStatementStats(url, rush.results.length);
    const rushCost = costPer(rush);
    const { acks, failures } = acknowledged(rush.results);
    const latencies = rush.results.map((r) => r.latencyMs).sort((a, b) => a - b);
    const retries = rush.results.reduce((n, r) => n + r.attempts - 1, 0);
    const bestRound = roundRates.indexOf(Math.max(...roundRates));
    const http = {
      perSec: roundRates[bestRound]!,
      rounds: roundRates,
      wallS: roundWallsS[bestRound]!,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies.at(-1) ?? NaN,
      retries,
      acknowledged: acks.length,
      // How busy the app's event loop was during the rushes: near 100 % means the app's own CPU work is the limit, not the database.
      appBusy: rushCost.busy,
      cpuMsPerNomination: rushCost.appMs,
      serverCpuMsPerNomination: rushCost.serverMs,
      loadCpuMsPerNomination: rushCost.loadMs,
      statementsPerNomination: rushCost.statements,
    };
    console.log(
      `#   rounds in all: ${acks.length} acknowledged, p50 ${fmt(http.p50Ms)} ms, p99 ${fmt(http.p99Ms)} ms, max ${fmt(http.maxMs)} ms, ${retries} retries, ${failures.length} without receipt; app event loop busy ${fmt(http.appBusy * 100)} %, CPU per nomination: app main thread ${cpuText(http.cpuMsPerNomination)}, PostgreSQL ${cpuText(http.serverCpuMsPerNomination)}, load worker ${cpuText(http.loadCpuMsPerNomination)}; ${fmt(http.statementsPerNomination, 1)} statements per nomination`,
    );
    // Verify every nomination of the run, the warm-up's too, before anything else touches the database.
    const warmed = acknowledged(warm);
    const verification = await verify(
      admin,
      editionId,
      [...warmJobs, ...rushJobs].map((j) => j.key),
      [...warmed.acks, ...acks],
      [...warmed.failures, ...failures],
      warmup,
    );
    for (const l of verification.lines) console.log(`#   ${l}`);

    // Draft steps, over the rounds.
    let steps: RushReport['steps'] = null;
    if (stepCount > 0) {
      const lat = stepTally.results.map((r) => r.latencyMs).sort((a, b) => a - b);
      const ok = stepChecks.every((c) => c.ok);
      const cost = costPer(stepTally);
      steps = {
        count: stepCount,
        perSec: Math.max(...stepRates),
        rounds: stepRates,
        p50Ms: percentile(lat, 0.5),
        p99Ms: percentile(lat, 0.99),
        appBusy: cost.busy,
        cpuMsPerStep: cost.appMs,
        serverCpuMsPerStep: cost.serverMs,
        loadCpuMsPerStep: cost.loadMs,
        statementsPerStep: cost.statements,
        verification: { ok, lines: [...new Set(stepChecks.flatMap((c) => c.lines))] },
      };
      console.log(
        `#   draft steps, rounds in all: ${fmt(steps.perSec, 1)} steps saved/s at best (rounds ${stepRates.map((r) => fmt(r, 1)).join(', ')}), p50 ${fmt(steps.p50Ms)} ms, p99 ${fmt(steps.p99Ms)} ms; app event loop busy ${fmt(steps.appBusy * 100)} %, CPU per step: app main thread ${cpuText(steps.cpuMsPerStep)}, PostgreSQL ${cpuText(steps.serverCpuMsPerStep)}, load worker ${cpuText(steps.loadCpuMsPerStep)}; ${fmt(steps.statementsPerStep, 1)} statements per step`,
      );
      for (const l of steps.verification.lines) console.log(`#   ${l}`);
    }

    // The ceiling one at a time, twice (its runs at the rush's concurrency alternated with the rounds).
    await ceilingOnce('sequential');
    await ceilingOnce('sequential');
    if (!lite) await admin.query(`drop table ${CEILING_TABLE}`);
    const runs = ceilingRuns;

    const ratio = {
      concurrent: http.perSec / Math.max(...runs.concurrent),
      sequential: http.perSec / Math.max(...runs.sequential),
      // Each round against the ceiling run right after it.
      rounds: roundRates.map((r, i) => r / runs.concurrent[i]!),
      steps: stepRates.map((r, i) => r / runs.concurrent[i]!),
    };
    const goalMet = failures.length === 0 && roundWallsS.every((s) => s <= GOAL_S);
    const cpu = cpus();
    const report: RushReport = {
      env: {
        date: new Date().toISOString(),
        node: process.version,
        machine: `${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${cpu.length} cores`,
        command: 'npm run bench:rush',
        postgres,
      },
      setup: { nominators, rounds, concurrency, windowS, appPoolSize: APP_POOL_SIZE, goalS: GOAL_S, warmup },
      http,
      ceiling: { ...runs, serverCpuMsPerRow: ceilingServerMs.every((m) => m !== null) && ceilingServerMs.length ? Math.min(...ceilingServerMs) : null },
      ratio,
      steps,
      verification,
      goalMet,
      runS: (Date.now() - started) / 1000,
    };
    console.log('');
    console.log(
      `nominations over HTTP:         ${fmt(http.perSec, 1)}/s (rounds ${roundRates.map((r) => fmt(r, 1)).join(', ')}; p50 ${fmt(http.p50Ms)} ms, p99 ${fmt(http.p99Ms)} ms)`,
    );
    console.log(`plain INSERT, ${concurrency} in flight: ${fmt(Math.max(...runs.concurrent))} rows/s (runs ${runs.concurrent.map((r) => fmt(r)).join(', ')})`);
    console.log(`plain INSERT, one at a time:   ${fmt(Math.max(...runs.sequential))} rows/s (runs ${runs.sequential.map((r) => fmt(r)).join(', ')})`);
    console.log(
      `ratio HTTP ÷ INSERT (same concurrency), each round ÷ the ceiling run after it: ${ratio.rounds.map((r) => `${(r * 100).toFixed(1)} %`).join(', ')}, median ${(median(ratio.rounds) * 100).toFixed(1)} %; best ÷ best ${(ratio.concurrent * 100).toFixed(1)} %; ${(ratio.sequential * 100).toFixed(1)} % of one at a time`,
    );
    if (goalMet) console.log(`✓ all ${nominators} of each round acknowledged within ${GOAL_S} s`);
    else
      console.warn(
        `⚠ WARNING: goal missed: ${acks.length} of ${rounds * nominators} acknowledged, the slowest round in ${fmt(Math.max(...roundWallsS), 1)} s (goal: each round's all within ${GOAL_S} s)`,
      );
    if (steps)
      console.log(
        `draft steps saved:             ${fmt(steps.perSec, 1)}/s at best; ratio ÷ INSERT (same concurrency), each round ÷ the ceiling run after it: ${ratio.steps.map((r) => `${(r * 100).toFixed(1)} %`).join(', ')}, median ${(median(ratio.steps) * 100).toFixed(1)} %`,
      );
    if (verification.ok) console.log('✓ verification passed: nothing lost, nothing twice');
    else console.error('✗ verification FAILED');
    // The section of BENCHMARKS.md is PostgreSQL's; a PGlite run only prints its figures.
    if (!lite) {
      const file = updateRushSection(report);
      console.log(`# figures written to ${file} (${fmt(report.runS)} s in all)`);
    } else console.log(`# PGlite: figures not written to BENCHMARKS.md (${fmt(report.runS)} s in all)`);
    return verification.ok && (steps?.verification.ok ?? true);
  } finally {
    if (admin) await admin.end().catch(() => {});
    if (app) await app.close().catch(() => {});
    if (handle) await handle.close().catch(() => {});
    stopPg();
    process.off('exit', stopPg);
  }
}

main().then(
  (ok) => {
    if (!ok) process.exitCode = 1;
  },
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
