/**
 * Shared parts of the fault tests (`npm run test:faults`): a PostgreSQL database of their own,
 * the real server process (`src/server.ts`) on it, simulated nominators over real HTTP and a
 * browser stand-in with a cookie jar for fetch.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPostgres } from '../../src/db/database.js';
import { canNominate, loadEditionForForm, type EditionForForm } from '../../src/nominations/nomination.service.js';
import { systemClock } from '../../src/platform/clock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import { spawnServer, waitForOk, type ServerProcess } from '../harness/server-process.js';

export const AWARD_SLUG = 'aarets-borgerinddragende-initiativ';

export async function createDatabase(server: PostgresServer, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    await client.query(`create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
  } finally {
    await client.end();
  }
  return server.url(name);
}

/** Starts `src/server.ts` on `port` against `databaseUrl` and waits until /readyz answers 200. */
export async function startApp(opts: {
  databaseUrl: string;
  port: number;
  smtpUrl?: string;
  dataDir: string;
  extra?: Record<string, string>;
}): Promise<ServerProcess> {
  const proc = spawnServer({
    DATABASE_URL: opts.databaseUrl,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    TRUST_PROXY: 'true',
    DATA_DIR: opts.dataDir,
    // Plain http: demo sign-in (used by these tests) refuses to start on an https:// site.
    PUBLIC_BASE_URL: 'http://prisportal.example',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    SEED_DEMO: 'true',
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...opts.extra,
  });
  await waitForOk(`http://127.0.0.1:${opts.port}/readyz`, proc, 90_000);
  return proc;
}

export { freePort };

export type SingleApp = {
  pgServer: PostgresServer;
  url: string;
  port: number;
  base: string;
  app: ServerProcess;
  edition: EditionForForm;
  stop(): Promise<void>;
};

/**
 * One app process on a durable PostgreSQL server of its own (synchronous commits, so an
 * acknowledged write is on disk), with the open demo edition to nominate to. `stop()` ends
 * the process and the server and removes the data folder.
 */
export async function startSingleApp(name: string): Promise<SingleApp> {
  const pgServer = await startPostgresServer({ durable: true });
  const dataDir = mkdtempSync(join(tmpdir(), `prisportal-${name}-`));
  let app: ServerProcess | undefined;
  const stop = async () => {
    await app?.stop();
    pgServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let url: string, port: number, edition: EditionForForm;
  try {
    url = await createDatabase(pgServer, name);
    port = await freePort();
    app = await startApp({ databaseUrl: url, port, dataDir });
    edition = await openEdition(url);
  } catch (err) {
    // A set-up that fails halfway leaves no server or folder behind.
    await stop();
    throw err;
  }
  return {
    pgServer,
    url,
    port,
    base: `http://127.0.0.1:${port}`,
    app,
    edition,
    stop,
  };
}

/** The open demo edition of Årets Borgerinddragende Initiativ (the seed makes one open now). */
export async function openEdition(databaseUrl: string): Promise<EditionForForm> {
  const handle = await openPostgres(databaseUrl, 1);
  try {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: number }>(
      `select e.id from editions e join awards a on a.id = e.award_id where a.slug = $1 order by e.year desc`,
      [AWARD_SLUG],
    );
    await client.end();
    for (const { id } of rows) {
      const e = await loadEditionForForm(handle.db, id);
      if (e && canNominate(e.timeline, systemClock.now()).ok) return e;
    }
    throw new Error(`no open edition of ${AWARD_SLUG}`);
  } finally {
    await handle.close();
  }
}

/** A complete nomination as the API takes it, different for every nominator. */
export function nominationBody(i: number, edition: EditionForForm): Record<string, unknown> {
  const criteria = edition.form.criteria;
  return {
    nominator: { name: `Indstiller ${i} Ærø`, email: `indstiller${i}@eksempel.dk`, isCitizen: false, workplace: 'Akutafdelingen, Aarhus Universitetshospital' },
    nominee: {
      kind: 'team',
      names: `Team Hjemmedialyse ${i}`,
      unit: 'Nyremedicinsk afdeling',
      organisation: 'Aarhus Universitetshospital',
      email: `kontakt${i}@eksempel.dk`,
    },
    title: `Video-konsultationer i eget hjem (${i})`,
    summary: `Patienter i hjemmedialyse taler med sygeplejersken over video. Indstilling ${i}.`,
    criterionIds: criteria.length ? [criteria[i % criteria.length]!.id] : [],
    answers: Object.fromEntries(edition.form.sections.map((s) => [String(s.id), `Borgerne var med fra det første møde. Indstilling ${i}.`])),
  };
}

export type Receipt = { key: string; id: number; receiptNumber: string; latencyMs: number; attempts: number };

/**
 * One nominator who sends with an Idempotency-Key and, like a careful API client, retries the
 * same request on a network error, a 503 or a 429 until `giveUpAt` (at most `maxAttempts` times;
 * the first attempt is always made). Returns the receipt it got.
 */
export async function sendNomination(
  baseUrl: string,
  editionId: number,
  body: Record<string, unknown>,
  key: string,
  forwardedFor: string,
  giveUpAt: number,
  maxAttempts = Infinity,
): Promise<Receipt | { key: string; error: string }> {
  const t0 = performance.now();
  let attempts = 0;
  let last = '';
  while (attempts < maxAttempts && (attempts === 0 || Date.now() < giveUpAt)) {
    attempts++;
    try {
      const res = await fetch(`${baseUrl}/api/v1/editions/${editionId}/nominations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': forwardedFor, accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      if (res.status === 200 || res.status === 201) {
        const json = JSON.parse(text) as { id: number; receiptNumber: string };
        return { key, id: json.id, receiptNumber: json.receiptNumber, latencyMs: performance.now() - t0, attempts };
      }
      last = `${res.status} ${text.slice(0, 200)}`;
      if (res.status !== 503 && res.status !== 429 && res.status < 500) return { key, error: last };
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
  }
  return { key, error: `gave up after ${attempts} attempts: ${last}` };
}

/** Runs `tasks` with at most `concurrency` at a time. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

/** A browser stand-in over real HTTP: keeps cookies (by name, path '/'-scoped or exact prefix) and the last CSRF token. */
export class FetchAgent {
  private jar = new Map<string, { value: string; path: string }>();
  csrf = '';
  constructor(
    public base: string,
    private headers: Record<string, string> = {},
  ) {}

  private cookieHeader(url: string): string | undefined {
    const path = url.split('?')[0]!;
    const pairs = [...this.jar.entries()].filter(([, c]) => c.path === '/' || path === c.path || path.startsWith(`${c.path}/`));
    return pairs.length ? pairs.map(([k, c]) => `${k}=${c.value}`).join('; ') : undefined;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  private async remember(res: Response): Promise<{ status: number; body: string; headers: Headers }> {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const path =
        attrs
          .map((a) => a.trim())
          .find((a) => a.toLowerCase().startsWith('path='))
          ?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a.trim()));
      if (value === '' || expired) this.jar.delete(name);
      else this.jar.set(name, { value, path });
    }
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1]!;
    return { status: res.status, body, headers: res.headers };
  }

  async get(url: string) {
    const cookie = this.cookieHeader(url);
    const res = await fetch(this.base + url, {
      redirect: 'manual',
      headers: { ...this.headers, ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(20_000),
    });
    return this.remember(res);
  }

  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const cookie = this.cookieHeader(url);
    const res = await fetch(this.base + url, {
      method: 'POST',
      redirect: 'manual',
      body: body.toString(),
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(20_000),
    });
    return this.remember(res);
  }
}

/** Polls `check` every 250 ms until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
