/**
 * `npx tsx bench/breakdown.ts`: where the award page's time goes. Not part of `npm run bench`
 * and writes nothing; it measures, in one run, a ladder of servers that all send the award
 * page's bytes: bare node:http, a bare Fastify route, then Fastify with each piece the app adds
 * (request id, cookies, helmet), the same stack with helmet's headers computed once instead
 * of per request, and the real app (PGlite, page cache on). Each step's drop is what that
 * piece costs per request.
 *
 * Env: BENCH_DURATION (default 5), BENCH_CONNECTIONS (default 50).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import { buildApp } from '../src/app.js';
import { openPglite } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { systemClock } from '../src/platform/clock.js';
import { measure } from './lib/load.js';

const AWARD_PATH = '/priser/aarets-borgerinddragende-initiativ';
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const helmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
};

type Variant = { requestId?: boolean; cookie?: boolean; helmet?: boolean; staticHeaders?: boolean; buffer?: boolean };

/**
 * The headers helmet sets with the app's options, computed once. @fastify/helmet 13 calls
 * `helmet(options)` (validating and compiling every option) on each request; these are the
 * same headers for a fraction of the cost.
 */
function precomputedSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(helmetOptions)({} as never, res as never, () => {});
  return headers;
}

async function fastifyVariant(body: string, v: Variant): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    ...(v.requestId ? { requestIdHeader: 'x-request-id', genReqId: () => randomUUID() } : {}),
  });
  if (v.requestId) {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  }
  if (v.cookie) await app.register(fastifyCookie);
  if (v.helmet) await app.register(fastifyHelmet, helmetOptions);
  if (v.staticHeaders) {
    const headers = precomputedSecurityHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  }
  const buf = Buffer.from(body);
  app.get(AWARD_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(v.buffer ? buf : body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${AWARD_PATH}`;

async function main() {
  const handle = await openPglite(undefined);
  await handle.migrate();
  await seedDemoData(handle.db, systemClock.now());
  const real = await buildApp({ db: handle.db, clock: systemClock });
  await real.listen({ host: '127.0.0.1', port: 0 });
  const realUrl = urlOf(real.server);
  const body = await (await fetch(realUrl)).text();
  const bytes = Buffer.from(body);

  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));

  const ladder: { name: string; url: string; close: () => Promise<unknown> }[] = [
    { name: 'bare node:http', url: urlOf(bare), close: () => new Promise((r) => (bare.closeAllConnections(), bare.close(r))) },
  ];
  const variants: [string, Variant][] = [
    ['fastify, string body', {}],
    ['fastify, Buffer body', { buffer: true }],
    ['+ request id (randomUUID + hook)', { requestId: true }],
    ['+ cookie plugin', { requestId: true, cookie: true }],
    ['+ helmet (all of app.ts)', { requestId: true, cookie: true, helmet: true }],
    ['app.ts stack, precomputed headers', { requestId: true, cookie: true, staticHeaders: true }],
    ['  … and a Buffer body', { requestId: true, cookie: true, staticHeaders: true, buffer: true }],
  ];
  for (const [name, v] of variants) {
    const app = await fastifyVariant(body, v);
    ladder.push({ name, url: urlOf(app.server), close: () => app.close() });
  }
  ladder.push({ name: 'real app (page cache on)', url: realUrl, close: () => real.close() });

  for (const step of ladder) await measure(step.url, { duration: 1, connections });
  const results: { name: string; rps: number[]; p99: number[] }[] = ladder.map((s) => ({ name: s.name, rps: [], p99: [] }));
  // Forward then backward, best of two.
  const order = [...ladder.keys(), ...[...ladder.keys()].reverse()];
  for (const i of order) {
    const m = await measure(ladder[i]!.url, { duration, connections });
    results[i]!.rps.push(m.reqPerSec);
    results[i]!.p99.push(m.p99Ms);
    console.log(`# ${ladder[i]!.name}: ${Math.round(m.reqPerSec)} req/s, p99 ${m.p99Ms} ms`);
  }
  const ceiling = Math.max(...results[0]!.rps);
  console.log(`\n${bytes.length}-byte page, ${connections} connections, ${duration} s runs, best of 2\n`);
  for (const r of results) {
    const best = Math.max(...r.rps);
    console.log(`${r.name.padEnd(36)} ${String(Math.round(best)).padStart(7)} req/s  ${((best / ceiling) * 100).toFixed(1).padStart(5)} %  p99 ${Math.min(...r.p99)} ms`);
  }
  for (const step of ladder) await step.close();
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
