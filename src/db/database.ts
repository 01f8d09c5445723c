import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { migrationsFolder } from '../platform/paths.js';
import * as schema from './schema.js';

/** The typed database handle every repository takes; the same type on both engines. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Engine = 'pglite' | 'postgres';

/**
 * Runs `work` in one transaction and hands it the transaction as a `Database`, so the same
 * repository functions run inside and outside a transaction. Drizzle's transaction type
 * lacks the driver client (`$client`) that `Database` carries and that repositories never
 * use; this is the one place that says so.
 */
export function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Database));
}

export type DatabaseHandle = {
  db: Database;
  engine: Engine;
  /** Applies every migration not yet applied. Safe when several processes start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export class DatabaseUnavailableError extends Error {}

// Any fixed number: the advisory lock that serialises migrations between app processes.
const MIGRATION_LOCK_KEY = 72_531_004;

/** PostgreSQL's type id of `bytea`. */
const BYTEA_OID = 17;

/**
 * How PGlite turns `bytea` values (the chunks of stored files) into the text of the protocol
 * and back: in Node's native hex codec. PGlite's own conversion goes byte by byte through
 * JavaScript strings (`Array.from(bytes).map(b => b.toString(16).padStart(2, '0')).join('')`
 * and a `parseInt` per byte), about a second of CPU for a 10 MB file each way. Same text in,
 * same bytes out (a plain Uint8Array, as PGlite gives), same refusal of anything else.
 */
export const PGLITE_BYTEA_CODEC = {
  serializers: {
    [BYTEA_OID]: (value: unknown): string => {
      if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    },
  },
  parsers: {
    [BYTEA_OID]: (text: string): Uint8Array => {
      // bytea_output is hex: "\x" and two digits a byte. Decoded straight into an array of
      // its own (not a view of Node's shared pool of small buffers).
      const bytes = new Uint8Array((text.length - 2) >>> 1);
      Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
      return bytes;
    },
  },
} satisfies Pick<PGliteOptions, 'serializers' | 'parsers'>;

/** The options of every PGlite the app opens (tests add their own start parameters). */
export const PGLITE_OPTIONS = { extensions: { pg_trgm }, ...PGLITE_BYTEA_CODEC } satisfies PGliteOptions;

/** Opens the embedded PGlite database with its data in `dataDir` (created when missing). */
export async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let client: PGlite;
  if (dataDir === undefined) {
    client = await PGlite.create(PGLITE_OPTIONS);
  } else {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir, PGLITE_OPTIONS);
  }
  return pgliteHandle(client);
}

/** Wraps an already opened PGlite instance (tests load one from a migrated template). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    async migrate() {
      // One process owns a PGlite folder, so no lock is needed here.
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** Opens a pool to a PostgreSQL server. Fails with DatabaseUnavailableError when it cannot connect. */
export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // Bounds every statement so a runaway query cannot hold a connection forever.
    statement_timeout: 15_000,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A checked-out client (in a transaction) that loses its server emits 'error' as well; its
  // query already rejects with the error, so this listener only keeps the process alive.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(describeConnectionError(url, err));
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return {
    db,
    engine: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** PostgreSQL when a URL is given; otherwise PGlite with its files in `<dataDir>/pglite`. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(join(opts.dataDir, 'pglite'));
}

function describeConnectionError(url: string, err: unknown): string {
  let where = 'the PostgreSQL server';
  try {
    const u = new URL(url);
    where = `PostgreSQL at ${u.hostname}:${u.port || '5432'}/${u.pathname.replace(/^\//, '')}`;
  } catch {
    // The URL was validated by the config; keep the generic wording if it still fails to parse.
  }
  const reason = err instanceof Error ? err.message || err.name : String(err);
  return `Cannot connect to ${where} (DATABASE_URL): ${reason}`;
}

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }`, but the shared
 * database type does not know which, so the cast lives here once.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A statement of a hot path (sending a nomination): fixed SQL text with `$1…` parameters. On
 * PostgreSQL it runs as a named prepared statement, so each pooled connection parses and plans
 * it once, and no query builder runs per request; on PGlite it is an ordinary parameterised query.
 */
export type PreparedStatement = { readonly name: string; readonly text: string };

/** Names a hot-path statement; the name must be unique in the app (one plan per name and connection). */
export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name, text };
}

type RawClient = { query(config: unknown, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Runs a prepared statement in `db` (a transaction or the pool) and returns its rows, as the
 * driver parses them (timestamptz as Date, jsonb as objects, int4 as numbers on both engines).
 * Drizzle's handle keeps its driver client on `session.client` (the pool or the transaction's
 * connection on PostgreSQL, the PGlite instance or its transaction); that is the one place
 * this module reaches past Drizzle's types.
 */
export async function runPrepared<T>(db: Database, statement: PreparedStatement, values: readonly unknown[]): Promise<T[]> {
  const client = (db as unknown as { session: { client: RawClient } }).session.client;
  const isPg = client instanceof pg.Pool || client instanceof pg.Client;
  const result = isPg
    ? await client.query({ name: statement.name, text: statement.text, values: values as unknown[] })
    : await client.query(statement.text, values as unknown[]);
  return result.rows as T[];
}

/**
 * A parenthesised list of bound values for raw SQL, `in ${sqlList(ids)}` → `in ($1, $2)`. An
 * empty list is `(null)`, which matches nothing, so a caller need not special-case it.
 */
export function sqlList(values: readonly (number | string)[]): SQL {
  return values.length
    ? sql`(${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`(null)`;
}

/** How many migrations the code ships with. */
export function shippedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(resolve(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

const shipped = shippedMigrationCount();

/**
 * What /readyz reports: the database answers, every shipped migration is applied and the
 * database stores text as UTF-8.
 */
export async function checkReadiness(db: Database): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const [row] = await queryRows<{ applied: number; encoding: string }>(
      db,
      sql`select (select count(*)::int from drizzle.__drizzle_migrations) as applied,
                 current_setting('server_encoding') as encoding`,
    );
    if (!row) return { ok: false, reason: 'no answer from the database' };
    if (row.applied < shipped) return { ok: false, reason: `migrations applied: ${row.applied} of ${shipped}` };
    if (row.encoding !== 'UTF8') return { ok: false, reason: `database encoding is ${row.encoding}, expected UTF8` };
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Refuses a database whose text encoding is not UTF-8 (Danish letters and search need it). */
export async function assertUtf8(db: Database): Promise<void> {
  const [row] = await queryRows<{ encoding: string; ctype: string }>(
    db,
    sql`select current_setting('server_encoding') as encoding,
               (select datctype from pg_database where datname = current_database()) as ctype`,
  );
  if (row?.encoding !== 'UTF8') {
    throw new Error(`The database must use UTF-8 encoding; it uses ${row?.encoding ?? 'unknown'}. Create it with ENCODING 'UTF8'.`);
  }
  if (!/utf-?8/i.test(row.ctype)) {
    throw new Error(`The database must use a UTF-8 ctype (e.g. C.UTF-8 or da_DK.UTF-8); it uses ${row.ctype}. Create it with LC_CTYPE 'C.UTF-8'.`);
  }
}

/** What `npm run doctor` reads about the database: its text encoding, locale and the app's role. */
export type DatabaseFacts = {
  encoding: string;
  ctype: string;
  collate: string;
  /** 'icu', 'libc' or 'builtin' (PostgreSQL 15+); null on older servers. */
  localeProvider: string | null;
  /** The ICU locale of an ICU database (e.g. 'da-DK'); null otherwise. */
  icuLocale: string | null;
  /** Whether the app connects as a superuser (it needs no such power; see docs/production.md). */
  superuser: boolean;
  serverVersion: string;
};

/**
 * Reads the database's encoding, locale and the app role's power. The row of `pg_database` is
 * read as JSON because its locale columns differ by version (daticulocale in 15–16, datlocale
 * from 17), and 'i'/'c'/'b' in datlocprovider name the provider.
 */
export async function readDatabaseFacts(db: Database): Promise<DatabaseFacts> {
  const [row] = await queryRows<{ encoding: string; version: string; superuser: boolean; d: Record<string, unknown> }>(
    db,
    sql`select current_setting('server_encoding') as encoding,
               current_setting('server_version') as version,
               coalesce((select rolsuper from pg_roles where rolname = current_user), false) as superuser,
               (select to_jsonb(d) from pg_database d where datname = current_database()) as d`,
  );
  if (!row) throw new Error('no answer from the database');
  const d = row.d ?? {};
  const provider = ({ i: 'icu', c: 'libc', b: 'builtin' } as Record<string, string>)[String(d.datlocprovider ?? '')] ?? null;
  const icu = (d.datlocale ?? d.daticulocale ?? null) as string | null;
  return {
    encoding: row.encoding,
    ctype: String(d.datctype ?? ''),
    collate: String(d.datcollate ?? ''),
    localeProvider: provider,
    icuLocale: provider === 'icu' ? icu : null,
    superuser: row.superuser === true,
    serverVersion: row.version,
  };
}
