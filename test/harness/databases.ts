import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openPostgres, pgliteHandle, type DatabaseHandle, type Engine } from '../../src/db/database.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

/**
 * Fresh, migrated databases for tests on both engines.
 * - PGlite: loaded from a migrated data-folder dump (TEST_PGLITE_TEMPLATE, made once by the
 *   test runner), so no test pays for initdb; without it, a new instance is migrated.
 * - PostgreSQL: a new database copied from a migrated template database on the server the
 *   runner started (TEST_PG_URL); a file run on its own starts its own server.
 */
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export const TEMPLATE_DB = 'prisportal_template';

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

/** Creates the migrated template database on a server reached through `admin`. */
export async function createTemplate(admin: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists ${TEMPLATE_DB}`);
    await client.query(`create database ${TEMPLATE_DB} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
  } finally {
    await client.end();
  }
  const handle = await openPostgres(withDatabase(admin, TEMPLATE_DB), 1);
  await handle.migrate();
  await handle.close();
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export type TestDatabase = DatabaseHandle & { url?: string };

export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    if (template) {
      const blob = new Blob([readFileSync(template)]);
      const client = await PGlite.create({ loadDataDir: blob, extensions: { pg_trgm } });
      return pgliteHandle(client);
    }
    const client = await PGlite.create({ extensions: { pg_trgm } });
    const handle = pgliteHandle(client);
    await handle.migrate();
    return handle;
  }
  const admin = await adminUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await client.end();
  }
  return openDroppedOnClose(admin, name, 4);
}

/** Opens database `name` on the server; closing it drops the database. */
async function openDroppedOnClose(admin: string, name: string, poolSize: number): Promise<TestDatabase> {
  const url = withDatabase(admin, name);
  const handle = await openPostgres(url, poolSize);
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
  if (engine === 'pglite') return pgliteHandle(await PGlite.create({ extensions: { pg_trgm } }));
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
