/**
 * For the accounts, permission and administration tests: an app built with the options those
 * tests need (demo sign-in, a proxy in front, a logger whose lines are kept), and a client
 * that keeps cookies, remembers the CSRF token of the last page, and can come from a given
 * address or over https.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp, type BuildOptions } from '../../src/app.js';
import type { Engine } from '../../src/db/database.js';
import { fixedClock } from '../../src/platform/clock.js';
import { requestSerializer } from '../../src/platform/log-redaction.js';
import { BROWSER_TEST_ENGINE, openSeededTestDatabase, type TestDatabase } from './databases.js';

export type AppOptions = Omit<BuildOptions, 'db' | 'clock' | 'logger'>;

/**
 * The logger of production (src/server.ts: the same serializer and redaction) writing into
 * `lines`, so a test can read what would have been logged.
 */
export function capturingLogger(lines: string[]) {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return pino(
    {
      level: 'info',
      serializers: { req: requestSerializer as never },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    stream,
  );
}

/**
 * A seeded database of the engine at a fixed instant, and an app on it whose log lines are
 * kept in `logs`. `another()` builds a second app process on the same database and clock.
 */
export async function startSignedInTestApp(engine: Engine, at: string, options: AppOptions = {}) {
  const clock = fixedClock(at);
  const database: TestDatabase = await openSeededTestDatabase(engine, clock.now());
  const logs: string[] = [];
  const base = { pageCacheMs: 0, publicBaseUrl: 'http://prisportal.test', componentPage: true, ...options };
  const app: FastifyInstance = await buildApp({ ...base, db: database.db, clock, logger: capturingLogger(logs) });
  const others: FastifyInstance[] = [];
  return {
    app,
    db: database.db,
    clock,
    database,
    logs,
    async another(more: AppOptions = {}) {
      const other = await buildApp({ ...base, ...more, db: database.db, clock });
      others.push(other);
      return other;
    },
    async close() {
      for (const o of others) await o.close();
      await app.close();
      await database.close();
    },
  };
}

type Cookie = { name: string; value: string; path?: string; maxAge?: number; expires?: Date; httpOnly?: boolean; sameSite?: string; secure?: boolean };

/** A browser stand-in for `app.inject`: cookies, the last page's CSRF token, an address, https or not. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';
  /** Every Set-Cookie this client received, in order. */
  readonly received: Cookie[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly opts: { ip?: string; https?: boolean } = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...(this.opts.https ? { 'x-forwarded-proto': 'https' } : {}), ...extra };
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Cookie[]) {
      this.received.push(c);
      const gone = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: this.headers(headers), remoteAddress: this.opts.ip ?? '127.0.0.1' });
    this.remember(res);
    return res;
  }

  /** Posts a form (urlencoded) with the last page's CSRF token, or the one given, or none (`null`). */
  async post(url: string, fields: Record<string, string> = {}, { csrf = this.csrf as string | null, headers = {} as Record<string, string> } = {}) {
    const body = new URLSearchParams(fields);
    if (csrf !== null) body.set('_csrf', csrf);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      remoteAddress: this.opts.ip ?? '127.0.0.1',
    });
    this.remember(res);
    return res;
  }
}

/** The Set-Cookie of `name` in a response, if any. */
export function setCookie(res: LightMyRequestResponse, name: string): Cookie | undefined {
  return (res.cookies as Cookie[]).find((c) => c.name === name);
}

/** The app of `startSignedInTestApp` on BROWSER_TEST_ENGINE, listening on a free local port (for Chromium). */
export async function serveSignedInTestApp(at: string, options: AppOptions = {}) {
  const t = await startSignedInTestApp(BROWSER_TEST_ENGINE, at, options);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as { port: number };
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
