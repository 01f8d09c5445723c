import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { openPostgres, type DatabaseHandle } from '../../src/db/database.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';

// A PostgreSQL server of its own, so it can be stopped while the app runs.
describe('the database goes away while the app runs', () => {
  let server: PostgresServer;
  let handle: DatabaseHandle;
  let app: FastifyInstance;

  before(async () => {
    server = await startPostgresServer({ durable: true });
    handle = await openPostgres(server.url('postgres'), 2);
    await handle.migrate();
    await seedDemoData(handle.db, new Date('2026-11-24T12:00:00Z'));
    app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-24T12:00:00Z'), pageCacheMs: 0 });
  });
  after(async () => {
    await app?.close();
    await handle?.close();
    server?.stop();
  });

  test('pages answer 503 in Danish, the API answers problem JSON, /readyz reports it; then it recovers by itself', async () => {
    assert.equal((await app.inject('/priser/initiativprisen')).statusCode, 200);
    server.halt();

    const page = await app.inject('/priser/initiativprisen');
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /Prisportal er midlertidigt utilgængelig/);
    assert.equal(page.headers['retry-after'], '5');

    const api = await app.inject('/api/v1/awards');
    assert.equal(api.statusCode, 503);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(api.json().type, '/problems/service-unavailable');

    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().status, 'unavailable');
    assert.equal((await app.inject('/healthz')).statusCode, 200, 'the process itself is up');

    server.resume();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.inject('/priser/initiativprisen')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 200);
  });
});
