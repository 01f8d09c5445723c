import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { identityProviders, organisations } from '../../src/db/schema.js';
import { freePort } from '../harness/postgres-server.js';
import { spawnServer, waitForOk } from '../harness/server-process.js';

// The real `src/server.ts` start-up path, in child processes.

/** The exit code of a server expected to stop at start, or 'still running' (then stopped) after `ms`. */
async function exitCode(proc: ReturnType<typeof spawnServer>, ms = 60_000): Promise<number | null | 'still running'> {
  const code = await Promise.race([proc.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms).unref())]);
  if (code === 'still running') await proc.stop();
  return code;
}
describe('start-up', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a wrong variable stops start-up with one line naming it', async () => {
    const proc = spawnServer({ PORT: 'abc' });
    assert.equal(await proc.exited, 2);
    assert.equal(proc.stderr().trim(), 'Invalid environment variable PORT="abc": expected an integer between 1 and 65535');
  });

  test('a database that is down at start gives a clear message and a non-zero exit', async () => {
    const port = await freePort();
    const proc = spawnServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/prisportal`, PORT: String(await freePort()) });
    assert.equal(await proc.exited, 1);
    assert.match(proc.stderr(), new RegExp(`Prisportal cannot start: Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/prisportal \\(DATABASE_URL\\)`));
  });

  test('on PGlite: data lives under DATA_DIR and survives a restart; logs are JSON with request ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prisportal-data-'));
    dirs.push(dir);
    const port = await freePort();
    // What `npm start` asks for: the demo data (SEED_DEMO here, as the spawned server gets no --demo).
    const env = { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true' };
    const first = spawnServer(env);
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, first);
      const res = await fetch(`http://127.0.0.1:${port}/priser/initiativprisen`, { headers: { 'x-request-id': 'test-req-1' } });
      assert.equal(res.status, 200);
    } finally {
      await first.stop();
    }
    const lines = first
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((l) => l.reqId === 'test-req-1' && (l.res as { statusCode?: number } | undefined)?.statusCode === 200));
    assert.ok(lines.some((l) => l.msg === 'demo data seeded' && (l.editionsCreated as number) > 0));

    const second = spawnServer(env);
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, second);
      const awards = (await (await fetch(`http://127.0.0.1:${port}/api/v1/awards`)).json()) as { awards: unknown[] };
      assert.equal(awards.awards.length, 3);
    } finally {
      await second.stop();
    }
    assert.ok(second.stdout().includes('"editionsCreated":0'), 'the second start seeds nothing new');
  });

  test('on PostgreSQL: two processes starting at once migrate and seed once', async () => {
    const admin = process.env.TEST_PG_URL;
    assert.ok(admin, 'run through npm test, which starts the PostgreSQL server');
    const name = `startup_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const [p1, p2] = [await freePort(), await freePort()];
    const a = spawnServer({ DATABASE_URL: url.toString(), PORT: String(p1), HOST: '127.0.0.1', SEED_DEMO: 'true' });
    const b = spawnServer({ DATABASE_URL: url.toString(), PORT: String(p2), HOST: '127.0.0.1', SEED_DEMO: 'true' });
    try {
      await Promise.all([waitForOk(`http://127.0.0.1:${p1}/readyz`, a), waitForOk(`http://127.0.0.1:${p2}/readyz`, b)]);
      const one = (await (await fetch(`http://127.0.0.1:${p1}/api/v1/awards`)).json()) as { awards: { editions: unknown[] }[] };
      const two = (await (await fetch(`http://127.0.0.1:${p2}/api/v1/awards`)).json()) as { awards: { editions: unknown[] }[] };
      assert.deepEqual(one, two);
      // The demo data's nine rounds and the finished demo round (Initiativprisen 2025), once.
      assert.equal(
        one.awards.reduce((n, x) => n + x.editions.length, 0),
        10,
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    }
  });

  test('a server with DATABASE_URL that forgot NODE_ENV and SEED_DEMO gets no demo data and no demo sign-in (production safe by default)', async () => {
    const admin = process.env.TEST_PG_URL;
    assert.ok(admin, 'run through npm test, which starts the PostgreSQL server');
    const name = `nodemo_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const port = await freePort();
    const proc = spawnServer({ DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, proc);
      const awards = (await (await fetch(`http://127.0.0.1:${port}/api/v1/awards`)).json()) as { awards: unknown[] };
      assert.equal(awards.awards.length, 0, 'no demo data');
      const signIn = await (await fetch(`http://127.0.0.1:${port}/log-ind`)).text();
      assert.doesNotMatch(signIn, /demo-administrator/);
      assert.doesNotMatch(proc.stdout(), /demo data seeded/);
    } finally {
      await proc.stop();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    }
  });

  test('demo sign-in on an https:// site, or a missing OpenID Connect client secret in production, stops start-up with one line', async () => {
    const demo = spawnServer({ SEED_DEMO: 'true', PUBLIC_BASE_URL: 'https://prisportal.example.dk', PORT: String(await freePort()) });
    assert.equal(await exitCode(demo), 2, demo.stderr());
    const lines = demo.stderr().trim().split('\n');
    assert.equal(lines.length, 1, demo.stderr());
    assert.match(lines[0]!, /^Demo sign-in is on while PUBLIC_BASE_URL="https:\/\/prisportal\.example\.dk" is https:\/\/: .*Set DEMO_SIGN_IN=false/);

    // A production database with a provider whose secret variable is not set.
    const admin = process.env.TEST_PG_URL;
    assert.ok(admin, 'run through npm test, which starts the PostgreSQL server');
    const name = `secret_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
    await db.migrate();
    const [org] = await db.db.insert(organisations).values({ slug: 'test-org', name: 'Test' }).returning();
    await db.db.insert(identityProviders).values({
      organisationId: org!.id,
      label: 'Test Entra',
      issuer: 'https://login.example/tenant/v2.0',
      clientId: 'x',
      clientSecretEnv: 'PRISPORTAL_TEST_MISSING_SECRET',
    });
    await db.close();
    try {
      const prod = spawnServer({
        DATABASE_URL: url.toString(),
        NODE_ENV: 'production',
        BALLOT_KEY: 'b'.repeat(44),
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
      });
      assert.equal(await exitCode(prod), 2, prod.stderr());
      assert.equal(
        prod.stderr().trim(),
        'Prisportal cannot start: Missing OpenID Connect client secret for Test Entra (PRISPORTAL_TEST_MISSING_SECRET): set the environment variable, or disable the provider',
      );
    } finally {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    }
  });
});
