/**
 * `npx tsx bench/deadline-day.bench.ts`: a deadline day on one and on two app processes
 * (`src/server.ts` in child processes) and one PostgreSQL server on this machine, at 10× the
 * busiest hour a real round would see. Files live in the database, so the two processes share
 * nothing but it; each request goes to the next process in turn (no sticky sessions).
 *
 * The busiest hour (1×), per hour:
 * - 500 nominations sent (the last hour before the deadline);
 * - 750 nominators at work on the form (1 in 3 does not send within the hour): each opens the
 *   first step and saves the four steps (om dig, kandidat, løsning, beskrivelse: a GET and a
 *   POST each), and 40 % of them attach one 2 MB PDF (upload, then the attachments page);
 *   those who send open "Tjek dine svar" and send (the POST is the "sent nomination");
 * - 10,000 public page views (20 per sent nomination: the front page 20 %, award and round
 *   pages 50 %, the idea bank's front page 10 %, idea-bank solution pages 20 %), and 2,500
 *   idea-bank searches (5 per sent nomination, the Danish test queries in turn).
 * At 10× that is, per second: 1.4 sent nominations, 2.1 nominators starting, 16.7 step
 * requests, 0.83 uploads of 2 MB, 27.8 public pages and 6.9 searches (≈ 55 requests/s).
 *
 * The load is open-loop: arrivals follow the schedule whatever the answers' latency (a slow
 * server gets queues, not fewer visitors), so p99 includes waiting. A nominator's steps are
 * 0.5–1.5 s apart (a compressed think time). After BENCH_DAY_WARMUP seconds (default 20) of the same load, not counted, arrivals run for BENCH_DAY_SECONDS (default 60),
 * then the started nominators finish.
 *
 * Reported per kind: requests, throughput (answered ÷ wall time), p50 and p99 latency, errors;
 * and what was lost: a sent nomination whose receipt page was shown (303) but which is not in
 * the database as sent with that receipt number, an upload acknowledged (303) whose row or bytes
 * (SHA-256 of what the app serves back) differ, a saved step whose text is not in the draft.
 * Goal: p99 < 1 s for every kind and nothing lost, on one and on two processes.
 *
 * Env: BENCH_DAY_SCALE (default 10), BENCH_DAY_SECONDS (default 60), BENCH_DAY_PROCESSES
 * ("1,2" default: both runs, each on a fresh database).
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { searchTestSet } from '../src/ideabank/search-test-set.js';
import { startPostgresServer, type PostgresServer } from '../test/harness/postgres-server.js';
import type { ServerProcess } from '../test/harness/server-process.js';
import { createDatabase, freePort, openEdition, startApp } from '../test/faults/lib.js';

const SCALE = Number(process.env.BENCH_DAY_SCALE ?? 10);
const SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? 60);
/** Seconds of the same load before the measured window, not counted: a fresh database server and fresh processes are slow at first (the first configuration measured was much slower than the second, in either order). */
const WARMUP = Number(process.env.BENCH_DAY_WARMUP ?? 20);
const RUNS = (process.env.BENCH_DAY_PROCESSES ?? '1,2').split(',').map(Number);
const FILE_BYTES = 2 * 1024 * 1024;
const GOAL_MS = 1000;
const START = '<!-- bench:deadline-day:start -->';
const END = '<!-- bench:deadline-day:end -->';

/** Per hour at 1×. */
const HOUR = { sent: 500, nominators: 750, pages: 10_000, searches: 2_500, attachShare: 0.4 };
const PUBLIC_MIX = 'the front page 20 %, award and round pages 50 %, the idea bank 10 %, idea-bank solutions 20 %';
const perSecond = (perHour: number) => (perHour * SCALE) / 3600;

type Kind = 'public page' | 'idea-bank search' | 'nomination step' | 'attachment upload' | 'sent nomination';
const KINDS: Kind[] = ['public page', 'idea-bank search', 'nomination step', 'attachment upload', 'sent nomination'];
type Sample = { kind: Kind; ms: number; ok: boolean; status: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function pdf(size: number): Buffer {
  const head = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(1024, 0x20)]);
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** Sends each request to the next process in turn. */
class Processes {
  private next = 0;
  constructor(readonly bases: string[]) {}
  base(): string {
    return this.bases[this.next++ % this.bases.length]!;
  }
}

/** A browser: cookies, the last CSRF token and version seen, the X-Forwarded-For of its address. */
class Visitor {
  private jar = new Map<string, string>();
  csrf = '';
  version = '';
  constructor(
    private processes: Processes,
    private ip: string,
    private samples: Sample[],
  ) {}

  private cookie(): string {
    return [...this.jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(kind: Kind, path: string, init: { method?: string; form?: Record<string, string>; body?: FormData } = {}, okStatus = [200]) {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (this.jar.size) headers.cookie = this.cookie();
    let body: string | FormData | undefined;
    if (init.form) {
      const p = new URLSearchParams({ _csrf: this.csrf, ...init.form });
      body = p.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.body) body = init.body;
    const t0 = performance.now();
    let status = 0;
    let text = '';
    let location = '';
    try {
      const res = await fetch(this.processes.base() + path, {
        method: init.method ?? 'GET',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      text = await res.text();
      status = res.status;
      location = res.headers.get('location') ?? '';
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (value === '' || /max-age=0/i.test(line)) this.jar.delete(name);
        else this.jar.set(name, value);
      }
    } catch (err) {
      text = String(err);
    }
    const ms = performance.now() - t0;
    const ok = okStatus.includes(status);
    this.samples.push({ kind, ms, ok, status });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text);
    if (csrf) this.csrf = csrf[1]!;
    const version = /name="version" value="(\d+)"/.exec(text);
    if (version) this.version = version[1]!;
    return { status, text, location, ok };
  }
}

type Outcome = {
  started: boolean;
  id?: number;
  savedTitle?: string;
  upload?: { attachmentId: number; sha256: string };
  sent?: boolean;
  receiptShown?: string;
};

/** One nominator's way through the form; resolves when done (or given up after a failed step). */
async function nominatorJourney(
  i: number,
  run: string,
  processes: Processes,
  samples: Sample[],
  start: string,
  file: Buffer | null,
  send: boolean,
): Promise<Outcome> {
  const v = new Visitor(processes, `2001:db8:${run}::${(i + 1).toString(16)}`, samples);
  const think = () => sleep(500 + Math.random() * 1000);
  const out: Outcome = { started: false };
  if (!(await v.request('nomination step', start)).ok) return out;
  await think();
  const first = await v.request(
    'nomination step',
    start,
    {
      method: 'POST',
      form: {
        nominatorName: `Indstiller ${i} Ærø`,
        nominatorEmail: `dag${run}-${i}@eksempel.dk`,
        nominatorIsCitizen: 'no',
        nominatorWorkplace: 'Akutafdelingen',
        handling: 'fortsaet',
      },
    },
    [303],
  );
  const m = /\/indstillinger\/(\d+)\//.exec(first.location);
  if (!first.ok || !m) return out;
  const id = Number(m[1]);
  out.started = true;
  out.id = id;
  const step = async (name: string, fields: Record<string, string>) => {
    await think();
    const page = await v.request('nomination step', `/indstillinger/${id}/${name}`);
    if (!page.ok) return null;
    await think();
    const saved = await v.request(
      'nomination step',
      `/indstillinger/${id}/${name}`,
      { method: 'POST', form: { ...fields, version: v.version, handling: 'fortsaet' } },
      [303],
    );
    return saved.ok ? page.text : null;
  };
  if (
    (await step('kandidat', {
      nomineeKind: 'team',
      nomineeNames: `Team ${i}`,
      nomineeUnit: 'Nyremedicinsk afdeling',
      nomineeOrganisation: 'Aarhus Universitetshospital',
      nomineeEmail: `team${i}@eksempel.dk`,
    })) === null
  )
    return out;
  await think();
  const solutionPage = await v.request('nomination step', `/indstillinger/${id}/loesning`);
  if (!solutionPage.ok) return out;
  const criterion = /name="criterionIds" value="(\d+)"/.exec(solutionPage.text)?.[1];
  const title = `Video-konsultationer i eget hjem (${run}-${i})`;
  await think();
  const savedSolution = await v.request(
    'nomination step',
    `/indstillinger/${id}/loesning`,
    {
      method: 'POST',
      form: {
        title,
        summary: 'Patienter i hjemmedialyse taler med sygeplejersken over video, så de slipper den lange vej.',
        ...(criterion ? { criterionIds: criterion } : {}),
        version: v.version,
        handling: 'fortsaet',
      },
    },
    [303],
  );
  if (!savedSolution.ok) return out;
  out.savedTitle = title;
  await think();
  const describe = await v.request('nomination step', `/indstillinger/${id}/beskrivelse`);
  if (!describe.ok) return out;
  const sections = [...describe.text.matchAll(/name="(section-\d+)"/g)].map((s) => s[1]!);
  await think();
  const savedDescription = await v.request(
    'nomination step',
    `/indstillinger/${id}/beskrivelse`,
    {
      method: 'POST',
      form: {
        ...Object.fromEntries(sections.map((s) => [s, `Borgerne var med fra det første møde. Indstilling ${i}.`])),
        version: v.version,
        handling: 'fortsaet',
      },
    },
    [303],
  );
  if (!savedDescription.ok) return out;
  if (file) {
    await think();
    await v.request('nomination step', `/indstillinger/${id}/bilag`);
    const form = new FormData();
    form.append('_csrf', v.csrf);
    form.append('fil', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), `bilag ${i}.pdf`);
    const up = await v.request('attachment upload', `/indstillinger/${id}/bilag`, { method: 'POST', body: form }, [303]);
    const added = /tilfoejet=(\d+)/.exec(up.location);
    if (up.ok && added) {
      out.upload = { attachmentId: Number(added[1]), sha256: sha(file) };
      await v.request('nomination step', up.location);
    }
  }
  if (!send) return out;
  await think();
  const check = await v.request('nomination step', `/indstillinger/${id}/tjek`);
  if (!check.ok) return out;
  await think();
  const sent = await v.request('sent nomination', `/indstillinger/${id}/tjek`, { method: 'POST', form: { version: v.version } }, [303]);
  if (sent.ok && /kvittering/.test(sent.location)) {
    out.sent = true;
    const receipt = await v.request('nomination step', sent.location);
    out.receiptShown = /[A-ZÆØÅ]{2,5}-\d{4}-\d{4}/.exec(receipt.text)?.[0];
  }
  return out;
}

/** Fires `fn` at a steady `rate` per second for `seconds`, without waiting for answers (open loop). */
async function arrivals(rate: number, seconds: number, fn: (i: number) => Promise<unknown>): Promise<unknown[]> {
  const running: Promise<unknown>[] = [];
  if (rate <= 0) return running;
  const t0 = performance.now();
  const count = Math.floor(rate * seconds);
  for (let i = 0; i < count; i++) {
    const at = t0 + (i / rate) * 1000;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(fn(i));
  }
  return Promise.all(running);
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

type RunReport = {
  processes: number;
  wallS: number;
  kinds: { kind: Kind; requests: number; perSecond: number; p50: number; p99: number; errors: number }[];
  lost: { sent: number; uploads: number; steps: number };
  counts: { nominators: number; sent: number; uploads: number };
  /** The machine's 1-minute load average when the arrivals began (other work on the same cores shows here). */
  loadBefore: number;
};

async function runDay(server: PostgresServer, processesWanted: number): Promise<RunReport> {
  const url = await createDatabase(server, `deadline_day_${processesWanted}`);
  const dirs: string[] = [];
  const apps: ServerProcess[] = [];
  try {
    const ports = await Promise.all(Array.from({ length: processesWanted }, () => freePort()));
    apps.push(
      ...(await Promise.all(
        ports.map((port) => {
          const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-day-'));
          dirs.push(dataDir);
          return startApp({ databaseUrl: url, port, dataDir, extra: { LOG_LEVEL: 'warn' } });
        }),
      )),
    );
    const processes = new Processes(ports.map((p) => `http://127.0.0.1:${p}`));
    const edition = await openEdition(url);
    const start = `/priser/${edition.award.slug}/${edition.edition.year}/indstil/om-dig`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const roundPages: string[] = [];
    const solutionPages: string[] = [];
    try {
      const awards = await client.query<{ slug: string; year: number }>(
        `select a.slug, e.year from awards a join editions e on e.award_id = a.id order by e.year desc`,
      );
      for (const a of awards.rows) roundPages.push(`/priser/${a.slug}`, `/priser/${a.slug}/${a.year}`);
      const solutions = await client.query<{ id: number }>(`select id from solutions order by id limit 40`);
      for (const s of solutions.rows) solutionPages.push(`/idebank/loesninger/${s.id}`);
    } finally {
      await client.end();
    }
    const publicPaths = [...new Set(['/', '/idebank', ...roundPages, ...solutionPages])];
    /** The i-th public page view in PUBLIC_MIX's proportions, each kind's pages in turn. */
    const publicPage = (i: number): string => {
      const r = i % 20;
      const k = Math.floor(i / 20);
      if (r < 4) return '/';
      if (r < 14) return roundPages[(k * 10 + r) % roundPages.length]!;
      if (r < 16) return '/idebank';
      return solutionPages[(k * 4 + r) % solutionPages.length]!;
    };
    const queries = searchTestSet.map((q) => q.query);
    const file = pdf(FILE_BYTES);
    const run = String(processesWanted);

    // Warm-up: every public path once on every process, a few searches.
    const warmSamples: Sample[] = [];
    const warm = new Visitor(processes, '2001:db8:ff::1', warmSamples);
    for (const p of publicPaths) for (let k = 0; k < processesWanted; k++) await warm.request('public page', p);
    for (const q of queries.slice(0, 6)) await warm.request('idea-bank search', `/idebank?q=${encodeURIComponent(q)}`);

    /** The day's load for `seconds`: nominators' journeys, public pages and searches, open loop. */
    const load = (seconds: number, runKey: string, into: Sample[]) =>
      Promise.all([
        arrivals(perSecond(HOUR.nominators), seconds, (i) =>
          nominatorJourney(i, runKey, processes, into, start, Math.random() < HOUR.attachShare ? file : null, i % 3 !== 2),
        ) as Promise<Outcome[]>,
        arrivals(perSecond(HOUR.pages), seconds, (i) =>
          new Visitor(processes, `2001:db8:${runKey}:1::${(i + 1).toString(16)}`, into).request('public page', publicPage(i)),
        ),
        arrivals(perSecond(HOUR.searches), seconds, (i) =>
          new Visitor(processes, `2001:db8:${runKey}:2::${(i + 1).toString(16)}`, into).request(
            'idea-bank search',
            `/idebank?q=${encodeURIComponent(queries[i % queries.length]!)}`,
          ),
        ),
      ]);
    if (WARMUP > 0) await load(WARMUP, `a${run}`, []);

    const samples: Sample[] = [];
    const loadBefore = loadavg()[0]!;
    const t0 = performance.now();
    const [journeys] = await load(SECONDS, run, samples);
    const wallS = (performance.now() - t0) / 1000;

    // What was lost: every acknowledgement checked against the database and the bytes served.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    let lostSent = 0;
    let lostUploads = 0;
    let lostSteps = 0;
    try {
      for (const j of journeys) {
        if (!j.id) continue;
        const { rows } = await check.query<{ status: string; receipt_number: string | null; title: string }>(
          `select status, receipt_number, title from nominations where id = $1`,
          [j.id],
        );
        const row = rows[0];
        if (j.savedTitle && row?.title !== j.savedTitle) lostSteps++;
        if (j.sent && (row?.status !== 'sent' || !row.receipt_number || (j.receiptShown && j.receiptShown !== row.receipt_number))) lostSent++;
        if (j.upload) {
          const a = await check.query<{ sha256: string; served: string | null }>(
            `select a.sha256, (select encode(sha256(string_agg(c.bytes, ''::bytea order by c.seq)), 'hex') from stored_file_chunks c where c.file_key = a.storage_key) as served
               from nomination_attachments a where a.id = $1 and a.nomination_id = $2`,
            [j.upload.attachmentId, j.id],
          );
          if (a.rows[0]?.sha256 !== j.upload.sha256 || a.rows[0]?.served !== j.upload.sha256) lostUploads++;
        }
      }
    } finally {
      await check.end();
    }
    const kinds = KINDS.map((kind) => {
      const of = samples.filter((s) => s.kind === kind);
      const ms = of.map((s) => s.ms).sort((a, b) => a - b);
      return {
        kind,
        requests: of.length,
        perSecond: of.length / wallS,
        p50: percentile(ms, 0.5),
        p99: percentile(ms, 0.99),
        errors: of.filter((s) => !s.ok).length,
      };
    });
    const errorStatuses = samples.filter((s) => !s.ok).map((s) => `${s.kind} ${s.status}`);
    if (errorStatuses.length) console.log(`errors (${processesWanted} process): ${[...new Set(errorStatuses)].join(', ')}`);
    return {
      processes: processesWanted,
      wallS,
      kinds,
      lost: { sent: lostSent, uploads: lostUploads, steps: lostSteps },
      loadBefore,
      counts: { nominators: journeys.length, sent: journeys.filter((j) => j.sent).length, uploads: journeys.filter((j) => j.upload).length },
    };
  } finally {
    for (const a of apps) await a.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function render(reports: RunReport[]): string {
  const ms = (n: number) => (Number.isNaN(n) ? '–' : `${Math.round(n)} ms`);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`;
  const met = reports.every((r) => r.kinds.every((k) => k.p99 < GOAL_MS && k.errors === 0) && r.lost.sent + r.lost.uploads + r.lost.steps === 0);
  const lines = [
    START,
    `## Deadline day: ${SCALE}× the busiest hour on one and two app processes`,
    '',
    `Last run: ${date} · Node ${process.versions.node} · ${machine} · \`npx tsx bench/deadline-day.bench.ts\``,
    '',
    `The real \`src/server.ts\` in child processes on one PostgreSQL server (same machine), files in the database; requests alternate between the processes (no sticky sessions). Open-loop arrivals for ${SECONDS} s at ${SCALE}× the busiest hour of a round: per hour at 1×, ${HOUR.sent} nominations sent, ${HOUR.nominators} nominators at work on the form (four steps, a GET and a POST each; ${HOUR.attachShare * 100} % attach a 2 MB PDF; ${Math.round((HOUR.sent / HOUR.nominators) * 100)} % send), ${HOUR.pages.toLocaleString('en-US')} public page views (${PUBLIC_MIX}) and ${HOUR.searches.toLocaleString('en-US')} idea-bank searches. At ${SCALE}× that is about ${(perSecond(HOUR.sent)).toFixed(1)} sent nominations, ${(perSecond(HOUR.nominators) * 8).toFixed(1)} step requests, ${(perSecond(HOUR.nominators) * HOUR.attachShare).toFixed(2)} uploads, ${perSecond(HOUR.pages).toFixed(1)} public pages and ${perSecond(HOUR.searches).toFixed(1)} searches per second. Think time between a nominator's steps 0.5–1.5 s. Each configuration gets ${WARMUP} s of the same load first, not counted. Latency includes queueing.`,
    '',
    '| processes | kind | requests | per second | p50 | p99 | errors |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of reports)
    for (const k of r.kinds)
      lines.push(
        `| ${r.processes} | ${k.kind} | ${k.requests} | ${k.perSecond.toFixed(1)} | ${ms(k.p50)} | ${k.p99 < GOAL_MS ? ms(k.p99) : `**${ms(k.p99)}**`} | ${k.errors} |`,
      );
  lines.push('');
  for (const r of reports)
    lines.push(
      `- ${r.processes} process${r.processes > 1 ? 'es' : ''} (machine load average ${r.loadBefore.toFixed(1)} on ${cpus().length} cores when it began): ${r.counts.nominators} nominators started, ${r.counts.sent} sent, ${r.counts.uploads} files uploaded in ${r.wallS.toFixed(0)} s; lost: ${r.lost.sent} sent nominations, ${r.lost.uploads} files, ${r.lost.steps} saved steps.`,
    );
  lines.push('', `Goal: p99 under 1 s for every kind, no errors and nothing lost, on one and on two processes: **${met ? 'met' : 'missed'}**.`, END);
  return lines.join('\n');
}

async function main() {
  const server = await startPostgresServer();
  try {
    const reports: RunReport[] = [];
    for (const n of RUNS) {
      console.log(`deadline day on ${n} process(es), ${SECONDS} s at ${SCALE}×…`);
      const r = await runDay(server, n);
      for (const k of r.kinds)
        console.log(
          `  ${k.kind.padEnd(18)} ${String(k.requests).padStart(5)} req  ${k.perSecond.toFixed(1).padStart(5)}/s  p50 ${Math.round(k.p50)} ms  p99 ${Math.round(k.p99)} ms  errors ${k.errors}`,
        );
      console.log(`  counts ${JSON.stringify(r.counts)} lost ${JSON.stringify(r.lost)}`);
      reports.push(r);
    }
    const section = render(reports);
    writeBenchmarkSection(section, { start: START, end: END });
    const lost = reports.some((r) => r.lost.sent + r.lost.uploads + r.lost.steps > 0);
    if (lost) process.exitCode = 1;
  } finally {
    server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
