/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup` into the database the
 * app is configured for (the same environment as `npm start`), with the app stopped.
 *
 * - A pg_dump file (PostgreSQL, DATABASE_URL set): pg_restore into that database, which must
 *   be new and empty (create it with `createdb --encoding=UTF8 --lc-ctype=C.UTF-8
 *   --lc-collate=C.UTF-8 --template=template0 <name>`); one transaction, stops at the first error.
 * - A PGlite tar.gz (embedded database): unpacked into DATA_DIR/pglite, which must not exist
 *   yet (move the old folder away first, so nothing is overwritten by mistake).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ConfigError, loadConfig } from '../src/config.js';
import { BackupError, pgliteDir, pgTool } from './backup.js';

/** 'pg_dump' for a custom-format dump (starts with "PGDMP"), 'pglite' for a gzip file. */
export function backupKind(file: string): 'pg_dump' | 'pglite' {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new BackupError(`${file} is not a Prisportal backup (neither a pg_dump custom-format file nor a PGlite tar.gz).`);
}

export async function restorePglite(file: string, dataDir: string): Promise<void> {
  const dir = pgliteDir(dataDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new BackupError(`${dir} already holds a database. Stop Prisportal, move that folder away, and run the restore again.`);
  }
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { loadDataDir: new Blob([readFileSync(file)]), extensions: { pg_trgm } });
  try {
    await db.query('select 1');
  } finally {
    await db.close();
  }
}

export function restorePostgres(file: string, databaseUrl: string): void {
  const r = spawnSync(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseUrl}`, file], {
    encoding: 'utf8',
  });
  if (r.error) throw new BackupError(`pg_restore could not run (${r.error.message}). Install the PostgreSQL client tools or set PG_BIN.`);
  if (r.status !== 0) throw new BackupError(`pg_restore failed (is the target database new and empty?): ${r.stderr.trim()}`);
}

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file || !existsSync(file)) {
    console.error(file ? `No such file: ${file}` : 'Usage: npm run restore -- <backup file>');
    process.exit(2);
  }
  const config = loadConfig();
  const kind = backupKind(file);
  if (kind === 'pg_dump') {
    if (!config.databaseUrl) throw new BackupError('This is a PostgreSQL backup: set DATABASE_URL to the new, empty database to restore it into.');
    restorePostgres(file, config.databaseUrl);
  } else {
    if (config.databaseUrl) throw new BackupError('This is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to restore it.');
    await restorePglite(file, config.dataDir);
  }
  console.log(
    `Restored ${file} into ${config.databaseUrl ? 'the PostgreSQL database of DATABASE_URL' : pgliteDir(config.dataDir)}. Start Prisportal as usual; it applies any newer migrations.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof BackupError || err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
