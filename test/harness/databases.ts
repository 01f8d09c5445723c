import { unlabelledAuditKeys } from './audit-labels.js';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import pg from 'pg';
import { DatabaseUnavailableError, openPostgres, PGLITE_OPTIONS, pgliteHandle, type DatabaseHandle, type Engine } from '../../src/db/database.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

/**
 * Fresh, migrated databases for tests on both engines.
 * - PGlite: loaded from a migrated data-folder dump (TEST_PGLITE_TEMPLATE, made once by the
 *   test runner), so no test pays for initdb; without it, a new instance is migrated.
 * - PostgreSQL: a new database copied from a migrated template database on the server the
 *   runner started (TEST_PG_URL); a file run on its own starts its own server.
 * Seeded ones (openSeededTestDatabase) are copied the same way from a second template that
 * also holds the demo data as seeded at SEEDED_AT (TEST_PGLITE_SEEDED_TEMPLATE, and
 * SEEDED_TEMPLATE_DB on the server), so most tests do not pay for seeding either. Every test
 * still gets a database of its own.
 */
export const ENGINES: Engine[] = ['pglite', 'postgres'];

/**
 * The engine of the apps the browser tests drive (browser.ts, signed-in-app.ts, the OpenID
 * Connect test): the test PostgreSQL server, the engine of production. What a browser test
 * checks is the pages; the embedded engine's queries, which every repository and HTTP test also
 * runs on PGlite, cost several times the CPU there (WebAssembly).
 */
export const BROWSER_TEST_ENGINE: Engine = 'postgres';

export const TEMPLATE_DB = 'prisportal_template';
export const SEEDED_TEMPLATE_DB = 'prisportal_template_seeded';

/** The instant the seeded templates hold the demo data for (the default of the test apps). */
export const SEEDED_AT = '2026-11-24T12:00:00Z';

let ownServer: Promise<PostgresServer> | null = null;

async function adminUrl(): Promise<string> {
  if (process.env.TEST_PG_URL) return process.env.TEST_PG_URL;
  ownServer ??= startPostgresServer().then(async (server) => {
    process.once('exit', () => server.stop());
    await createTemplate(server.url('postgres'));
    return server;
  });
  return (await ownServer).url('postgres');
}

/**
 * Creates the template databases on a server reached through `admin`: TEMPLATE_DB migrated,
 * and SEEDED_TEMPLATE_DB a copy of it with the demo data seeded at SEEDED_AT.
 */
export async function createTemplate(admin: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists ${SEEDED_TEMPLATE_DB}`);
    await client.query(`drop database if exists ${TEMPLATE_DB}`);
    await client.query(`create database ${TEMPLATE_DB} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
    const handle = await openPostgresPatiently(withDatabase(admin, TEMPLATE_DB), 1);
    await handle.migrate();
    await handle.close();
    await client.query(`create database ${SEEDED_TEMPLATE_DB} template ${TEMPLATE_DB}`);
    const seeded = await openPostgresPatiently(withDatabase(admin, SEEDED_TEMPLATE_DB), 1);
    await seedAt(seeded.db, SEEDED_AT);
    await seeded.close();
  } finally {
    await client.end();
  }
}

/**
 * openPostgres, tried again for up to a minute: the app gives up after 5 s (a production pool
 * should fail fast), but a test server on a machine busy with the static checks and other test
 * processes may take longer to accept a connection. A test must not fail for that.
 */
async function openPostgresPatiently(url: string, poolSize: number): Promise<DatabaseHandle> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await openPostgres(url, poolSize);
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError) || Date.now() > deadline) throw err;
    }
  }
}

/** The demo data as the test apps seed it (loaded when first needed: it imports much of the app). */
async function seedAt(db: DatabaseHandle['db'], at: Date | string): Promise<void> {
  const { seedDemoData } = await import('../../src/db/seed/seed.js');
  await seedDemoData(db, new Date(at));
}

/** Whether a database seeded at `at` is what the seeded templates hold. */
function isSeededInstant(at: Date | string): boolean {
  return new Date(at).getTime() === new Date(SEEDED_AT).getTime();
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export type TestDatabase = DatabaseHandle & { url?: string };

/**
 * Closing a test's database first checks that every key its audit log holds has a Danish and
 * English label (harness/audit-labels.ts), and fails the test file when one has none: so every
 * action any test performs is checked, new ones included. A database that cannot be read any
 * more (an outage test) is closed without the check.
 */
function checkingAuditLabels(handle: TestDatabase): TestDatabase {
  const close = handle.close.bind(handle);
  return {
    ...handle,
    async close() {
      const missing = await unlabelledAuditKeys(handle.db).catch(() => []);
      await close();
      if (missing.length > 0) {
        throw new Error(
          `The audit log holds keys without a Danish and English label (add them to src/audit/i18n.ts fields): ${missing.map((m) => `${m.key} (${m.action})`).join(', ')}`,
        );
      }
    },
  };
}

/** A fresh database of its own, migrated, with no data. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  return checkingAuditLabels(await openUncheckedTestDatabase(engine));
}

async function openUncheckedTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    if (template) return loadPglite(template);
    const client = await PGlite.create(pgliteOptions());
    const handle = pgliteHandle(client);
    await handle.migrate();
    return handle;
  }
  return copyPostgresTemplate(TEMPLATE_DB);
}

/**
 * A fresh database of its own, migrated and holding the demo data as `seedDemoData(db, at)`
 * writes it: a copy of the seeded template when `at` is SEEDED_AT and the template exists,
 * else seeded here.
 */
export async function openSeededTestDatabase(engine: Engine, at: Date | string): Promise<TestDatabase> {
  if (isSeededInstant(at)) {
    if (engine === 'postgres') return checkingAuditLabels(await copyPostgresTemplate(SEEDED_TEMPLATE_DB));
    const template = process.env.TEST_PGLITE_SEEDED_TEMPLATE;
    if (template) return checkingAuditLabels(await loadPglite(template));
  }
  const database = await openTestDatabase(engine);
  await seedAt(database.db, at);
  return database;
}

/**
 * Writes a PGlite dump of a migrated database, and one of it seeded at SEEDED_AT (for the test
 * runner). The dumps leave out PostgreSQL's template0 and template1 databases: no test makes a
 * database inside PGlite, and they are half the files every test's PGlite would otherwise
 * unpack and a third of its start-up.
 */
export async function createPgliteTemplates(file: string, seededFile: string): Promise<void> {
  const pglite = await PGlite.create(pgliteOptions());
  const handle = pgliteHandle(pglite);
  await handle.migrate();
  await pglite.exec(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
  await pglite.exec('drop database template0');
  await pglite.exec('drop database template1');
  writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await seedAt(handle.db, SEEDED_AT);
  writeFileSync(seededFile, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
}

/**
 * The options of every test PGlite. Its shared buffers are 16 MB instead of initdb's 128 MB: a
 * test database is about 10 MB, so it still fits whole, and each instance starts faster
 * (PostgreSQL sets up every buffer at start-up, and a run starts hundreds of instances).
 * Nothing else differs from the app's PGlite (src/db/database.ts).
 */
function pgliteOptions(): PGliteOptions {
  return { ...PGLITE_OPTIONS, startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };
}

/** Each template dump's bytes, read once per test process. */
const templateBytes = new Map<string, ArrayBuffer>();

async function loadPglite(template: string): Promise<TestDatabase> {
  let bytes = templateBytes.get(template);
  if (!bytes) {
    const file = readFileSync(template);
    bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.length);
    templateBytes.set(template, bytes);
  }
  const data = bytes;
  // PGlite only calls arrayBuffer() on what it loads, and copies each file out of it into its
  // own file system. So every instance of the process can be handed the same bytes, instead of a
  // Blob that Node copies again, in small chunks, for each of hundreds of instances.
  const tarball = { type: 'application/x-tar', size: data.byteLength, arrayBuffer: async () => data };
  const client = await PGlite.create({ ...pgliteOptions(), loadDataDir: tarball as unknown as Blob });
  return pgliteHandle(client);
}

async function copyPostgresTemplate(template: string): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${template}`);
  } finally {
    await client.end();
  }
  return openDroppedOnClose(admin, name, 4);
}

/** Opens database `name` on the server; closing it drops the database. */
async function openDroppedOnClose(admin: string, name: string, poolSize: number): Promise<TestDatabase> {
  const url = withDatabase(admin, name);
  const handle = await openPostgresPatiently(url, poolSize);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await c.end();
    },
  };
}

/** A database with no migrations applied (for tests of the upgrade from an earlier schema). */
export async function openEmptyDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') return pgliteHandle(await PGlite.create(pgliteOptions()));
  const admin = await adminUrl();
  const name = `e_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
  } finally {
    await client.end();
  }
  return openDroppedOnClose(admin, name, 2);
}
