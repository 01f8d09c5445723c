import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openPostgres } from '../../src/db/database.js';
import { identityProviders, organisations } from '../../src/db/schema.js';
import { gatherFacts, productionFindings } from '../../src/doctor.js';
import { projectRoot } from '../../src/platform/paths.js';
import { openTestDatabase, type TestDatabase } from '../harness/databases.js';
import { startOidcProvider, type TestOidcProvider } from '../harness/oidc-provider.js';
import { freePort } from '../harness/postgres-server.js';
import { compileCache, spawnServer, waitForOk } from '../harness/server-process.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';

/**
 * `npm run doctor` against the real parts: the PostgreSQL server of the tests, the SMTP
 * harness server and the OpenID Connect test provider; and what it says when each is away.
 * The rules themselves are table-tested in src/doctor.test.ts.
 */
describe('the production check against a real database, SMTP relay and identity provider', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let idp: TestOidcProvider;
  let silent: Server;
  let silentPort: number;
  const silentSockets = new Set<Socket>();
  const extraDatabases: string[] = [];

  const adminUrl = () => {
    const u = new URL(db.url!);
    u.pathname = '/postgres';
    return u.toString();
  };
  const urlOf = (name: string) => {
    const u = new URL(db.url!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  const env = (over: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://prisportal.region.test',
    TRUST_PROXY: 'true',
    DATABASE_URL: db.url!,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Prisportal <noreply@region.dk>',
    BALLOT_KEY: 'k'.repeat(44),
    DOCTOR_TEST_OIDC_SECRET: idp.clientSecret,
    ...over,
  });
  const findings = async (e: NodeJS.ProcessEnv) => productionFindings(await gatherFacts(loadConfig(e, [], { production: 'report' }), e, { timeoutMs: 1_500 }));
  const ids = (list: { id: string }[]) => list.map((f) => f.id);

  before(async () => {
    db = await openTestDatabase('postgres');
    smtp = await startSmtpServer();
    idp = await startOidcProvider({ redirectUris: ['https://prisportal.region.test/log-ind/oidc/callback'], accounts: [] });
    // A port that accepts connections and never says a word: the probes must give up on their own.
    silent = createServer((socket) => {
      silentSockets.add(socket);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
    const [org] = await db.db.insert(organisations).values({ slug: 'doctor-org', name: 'Doctor' }).returning();
    await db.db.insert(identityProviders).values({
      organisationId: org!.id,
      label: 'Test IdP',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretEnv: 'DOCTOR_TEST_OIDC_SECRET',
    });
  });
  after(async () => {
    for (const name of extraDatabases) await admin(`drop database if exists ${name} with (force)`).catch(() => {});
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await idp.close();
    await smtp.close();
    await db.close();
  });

  test('a good production environment: only what the test server itself lacks (Danish collation, a role of its own)', async () => {
    // The tests' server is initdb'd with C.UTF-8 and the tests connect as its superuser.
    assert.deepEqual(ids(await findings(env())), ['database-collation', 'database-superuser']);
  });

  test('an SMTP relay that is down, or that never greets, is named within the short timeout', async () => {
    await smtp.halt();
    try {
      const down = await findings(env());
      assert.ok(ids(down).includes('smtp-unreachable'), JSON.stringify(down));
    } finally {
      await smtp.resume();
    }
    const mute = await findings(env({ SMTP_URL: `smtp://127.0.0.1:${silentPort}` }));
    const f = mute.find((x) => x.id === 'smtp-unreachable');
    assert.ok(f, JSON.stringify(mute));
    assert.equal(f.severity, 'error');
  });

  test('an identity provider that is away, or whose secret is unset, is named', async () => {
    const [org] = await db.db.insert(organisations).values({ slug: 'doctor-org-2', name: 'Doctor 2' }).returning();
    const [away] = await db.db
      .insert(identityProviders)
      .values({ organisationId: org!.id, label: 'Away', issuer: `http://127.0.0.1:${silentPort}/away`, clientId: 'x', clientSecretEnv: 'DOCTOR_TEST_AWAY' })
      .returning();
    try {
      const found = await findings(env());
      assert.deepEqual(
        found.filter((f) => f.id.startsWith('identity-provider')).map((f) => [f.id, f.message.split(':')[0]]),
        [
          ['identity-provider-secret', 'Away'],
          ['identity-provider-unreachable', 'Away'],
        ],
      );
    } finally {
      const { eq } = await import('drizzle-orm');
      await db.db.delete(identityProviders).where(eq(identityProviders.id, away!.id));
    }
  });

  test('a database server that is not there is named, and so is a non-UTF-8 database', async () => {
    const gone = await findings(env({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/prisportal` }));
    assert.ok(ids(gone).includes('database-unreachable'), JSON.stringify(gone));

    const ascii = `doctor_ascii_${process.pid}`;
    extraDatabases.push(ascii);
    await admin(`create database ${ascii} encoding 'SQL_ASCII' lc_ctype 'C' lc_collate 'C' template template0`);
    const found = ids(await findings(env({ DATABASE_URL: urlOf(ascii) })));
    assert.ok(found.includes('database-encoding') && found.includes('database-ctype'), found.join(', '));
  });

  test('the database and role made as docs/production.md says: migrations run as that role, names sort Danish, no finding', async () => {
    const name = `doctor_da_${process.pid}`;
    const role = `doctor_app_${process.pid}`;
    extraDatabases.push(name);
    // The guide's SQL (docs/production.md, "Least-privilege role"), with this test's names.
    await admin(`create role ${role} login password 'doctor-test' nosuperuser nocreatedb nocreaterole noreplication nobypassrls`);
    await admin(`create database ${name} owner ${role} template template0 encoding 'UTF8' locale_provider icu icu_locale 'da-DK' locale 'C.UTF-8'`);
    await admin(`revoke all on database ${name} from public`);
    const u = new URL(urlOf(name));
    u.username = role;
    u.password = 'doctor-test';
    const asApp = u.toString();
    try {
      const handle = await openPostgres(asApp, 2);
      try {
        await handle.migrate(); // DDL, triggers and CREATE EXTENSION pg_trgm as the owner, no superuser
      } finally {
        await handle.close();
      }
      const found = await findings(env({ DATABASE_URL: asApp }));
      // No provider in this new database: the only finding is that no employee can sign in yet.
      assert.deepEqual(ids(found), ['identity-provider-none']);
      const c = new pg.Client({ connectionString: asApp });
      await c.connect();
      try {
        const { rows } = await c.query<{ w: string }>(`select w from (values ('Åbyhøj'), ('Ølstykke'), ('Ærø'), ('Zealand'), ('Aarhus')) v(w) order by w`);
        const at = (w: string) => rows.findIndex((r) => r.w === w);
        const order = rows.map((r) => r.w).join(', ');
        assert.ok(at('Zealand') < at('Ærø') && at('Ærø') < at('Ølstykke') && at('Ølstykke') < at('Åbyhøj'), order);
        // Danish rule: a double a is the letter å.
        assert.ok(at('Ølstykke') < at('Aarhus'), order);
      } finally {
        await c.end();
      }
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
      await admin(`drop role if exists ${role}`);
    }
  });

  test('the server runs the same check once at start in production and logs each finding by name', async () => {
    const port = await freePort();
    const proc = spawnServer({ ...(env({ PORT: String(port), HOST: '127.0.0.1' }) as Record<string, string>) });
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`, proc, 120_000);
      const deadline = Date.now() + 30_000;
      while (!proc.stdout().includes('production check done') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const lines = proc
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; finding?: string; errors?: number; warnings?: number });
      // The tests' server: C.UTF-8 and a superuser, as in the first test above; warnings (40), no error.
      assert.deepEqual(
        lines.filter((l) => l.finding).map((l) => [l.finding, l.level]),
        [
          ['database-collation', 40],
          ['database-superuser', 40],
        ],
      );
      const done = lines.find((l) => l.msg === 'production check done');
      assert.deepEqual([done?.errors, done?.warnings], [0, 2]);
      assert.doesNotMatch(proc.stdout(), new RegExp(idp.clientSecret), 'no secret value is logged');
    } finally {
      await proc.stop();
    }
  });

  test('npm run doctor: the command names every finding and exits 1 on an error, 0 on warnings only', async () => {
    const build = process.env.TEST_BUILD_DIR;
    const entry = build ? [join(build, 'src', 'doctor.cli.js')] : ['--import', 'tsx', 'src/doctor.cli.ts'];
    const run = (e: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          entry,
          { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...compileCache(), ...e }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const ok = await run(env());
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /! warning database-collation: /);

    const bad = await run(env({ PUBLIC_BASE_URL: 'http://prisportal.region.test', SMTP_URL: '', BALLOT_KEY: '' }));
    assert.equal(bad.code, 1, bad.out);
    for (const id of ['base-url-not-https', 'smtp-missing', 'secret-missing']) assert.match(bad.out, new RegExp(`✗ error {3}${id}: `));
    assert.doesNotMatch(bad.out, new RegExp(idp.clientSecret), 'no secret value is printed');

    const invalid = await run(env({ PORT: 'abc' }));
    assert.equal(invalid.code, 2, invalid.out);
    assert.match(invalid.out, /config-invalid: Invalid environment variable PORT/);
  });
});
