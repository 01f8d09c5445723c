/**
 * `npm run backup -- --out <file>`: a consistent backup of the database the app is configured
 * for (the same environment as `npm start`).
 *
 * - PostgreSQL (DATABASE_URL set): `pg_dump --format=custom` of the database, a consistent
 *   snapshot taken while the app keeps running. Restore with `npm run restore -- <file>`
 *   (pg_restore into an empty database).
 * - Embedded PGlite (DATA_DIR/pglite): a gzipped tar of the data folder made by PGlite's own
 *   dumpDataDir. Only one process may have the folder open, so stop the app first: the script
 *   refuses while the folder is in use (PGlite keeps `postmaster.pid` in it while open).
 *
 * Attachments and idea-bank images are rows of the database (stored_files, stored_file_chunks),
 * so the backup holds them: there is no folder to copy.
 * pg_dump is taken from PG_BIN, else Debian's /usr/lib/postgresql/<newest>/bin, else PATH;
 * use a pg_dump at least as new as the server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ConfigError, loadConfig } from '../src/config.js';

export class BackupError extends Error {}

/** The path of a PostgreSQL client tool (pg_dump, pg_restore). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  if (existsSync('/usr/lib/postgresql')) {
    const newest = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => join('/usr/lib/postgresql', v, 'bin', name))
      .find((p) => existsSync(p));
    if (newest) return newest;
  }
  return name;
}

/** The embedded database's folder, as the app opens it (src/db/database.ts). */
export const pgliteDir = (dataDir: string) => resolve(dataDir, 'pglite');

/** Refuses when a process has the PGlite folder open. */
export function assertPgliteNotInUse(dir: string): void {
  if (existsSync(join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database in ${dir} is in use (postmaster.pid is there). Stop Prisportal and try again. ` +
        'If Prisportal is not running (it stopped abruptly), start it and stop it once, then try again.',
    );
  }
}

export async function backupPglite(dataDir: string, out: string): Promise<{ bytes: number }> {
  const dir = pgliteDir(dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`There is no embedded database in ${dir} (DATA_DIR=${dataDir}).`);
  assertPgliteNotInUse(dir);
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  try {
    // A checkpoint, so the files hold every committed change.
    await db.exec('checkpoint');
    const dump = await db.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, bytes);
    return { bytes: bytes.length };
  } finally {
    await db.close();
  }
}

export function backupPostgres(databaseUrl: string, out: string): { bytes: number } {
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const r = spawnSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${databaseUrl}`], {
    encoding: 'utf8',
  });
  if (r.error) throw new BackupError(`pg_dump could not run (${r.error.message}). Install the PostgreSQL client tools or set PG_BIN.`);
  if (r.status !== 0) throw new BackupError(`pg_dump failed: ${r.stderr.trim()}`);
  return { bytes: statSync(out).size };
}

function outArg(argv: string[]): string | null {
  const i = argv.indexOf('--out');
  if (i >= 0) return argv[i + 1] ?? null;
  const eq = argv.find((a) => a.startsWith('--out='));
  return eq ? eq.slice('--out='.length) : null;
}

async function main() {
  const out = outArg(process.argv.slice(2));
  if (!out) {
    console.error('Usage: npm run backup -- --out <file>   (e.g. --out backups/prisportal-2026-11-24.dump)');
    process.exit(2);
  }
  const config = loadConfig();
  const started = Date.now();
  const { bytes } = config.databaseUrl ? backupPostgres(config.databaseUrl, out) : await backupPglite(config.dataDir, out);
  console.log(
    `Backup written to ${out} (${bytes.toLocaleString('da-DK')} bytes, ${config.databaseUrl ? 'pg_dump custom format' : 'PGlite data folder, tar.gz'}) in ${Date.now() - started} ms.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof BackupError || err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
