/**
 * Backups (scripts/backup.ts, scripts/restore.ts), run as the commands an operator runs:
 * seed a database with nominations, back it up, restore it into a fresh folder or database,
 * and find every nomination there, field for field; the restored database passes the app's
 * readiness check (all migrations applied). On the embedded database the backup refuses while
 * the folder is open, and the restore refuses to overwrite an existing database. Attachments
 * are rows of the database, so the restored copy serves the same bytes with no extra step.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import pg from 'pg';
import { checkReadiness, inTransaction, openPglite, openPostgres, type Database } from '../../src/db/database.js';
import { editions, nominationAttachments, nominations } from '../../src/db/schema.js';
import { openStoredFile, storeFile } from '../../src/platform/storage/file-store.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildNomination } from '../harness/factories.js';
import { compileCache } from '../harness/server-process.js';

const SEEDED_AT = new Date('2026-11-24T12:00:00Z');
const COUNT = 25;

/**
 * Runs `npm run backup|restore` as the operator would, with the given environment: the script
 * as npm test compiled it (TEST_BUILD_DIR, so no TypeScript loader starts for each of the
 * seven runs), or through tsx when this file runs on its own. V8's compile cache is kept when
 * the runner set one.
 */
function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const build = process.env.TEST_BUILD_DIR;
  const entry = build ? ['--enable-source-maps', join(build, 'scripts', `${script}.js`)] : ['--import', 'tsx', `scripts/${script}.ts`];
  return spawnSync(process.execPath, [...entry, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...compileCache(), ...env },
    encoding: 'utf8',
  });
}

async function seedNominations(db: Database) {
  const { editionsCreated } = await seedDemoData(db, SEEDED_AT);
  assert.ok(editionsCreated > 0);
  const [edition] = await db.select({ id: editions.id }).from(editions).orderBy(asc(editions.id)).limit(1);
  for (let i = 0; i < COUNT; i++) {
    const n = await buildNomination(db, { editionId: edition!.id, title: `Løsning ${i} – æøå <b>`, nominatorEmail: `person${i}@eksempel.dk` });
    // A few attachments of several chunks each (256 KB a chunk).
    if (i < 3)
      await inTransaction(db, async (tx) => {
        const file = await storeFile(tx, randomBytes(600_000 + i), SEEDED_AT);
        await tx.insert(nominationAttachments).values({
          nominationId: n.id,
          fileName: `bilag ${i}.pdf`,
          mediaType: 'application/pdf',
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey: file.key,
        });
      });
  }
  const snap = await snapshot(db);
  assert.equal(snap.files.length, 3);
  return snap;
}

/** Every nomination field for field, and every attachment with the SHA-256 of the bytes the app serves. */
async function snapshot(db: Database) {
  const rows = (await db.select().from(nominations).orderBy(asc(nominations.id))).map((n) => ({
    id: n.id,
    receipt: n.receiptNumber,
    title: n.title,
    email: n.nominatorEmail,
    answers: n.answers,
    sentAt: n.sentAt?.toISOString(),
  }));
  const files = [];
  for (const a of await db.select().from(nominationAttachments).orderBy(asc(nominationAttachments.id))) {
    const stream = await openStoredFile(db, a.storageKey);
    assert.ok(stream, `the bytes of ${a.fileName} are there`);
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    files.push({ nominationId: a.nominationId, name: a.fileName, sha256: a.sha256, served: hash.digest('hex') });
  }
  for (const f of files) assert.equal(f.served, f.sha256);
  return { rows, files };
}

describe('backup and restore', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'prisportal-backup-'));
    dirs.push(d);
    return d;
  };

  test('embedded database: a snapshot of the data folder restores every nomination', { timeout: 120_000 }, async () => {
    const dataDir = tmp();
    const handle = await openPglite(join(dataDir, 'pglite'));
    await handle.migrate();
    const before = await seedNominations(handle.db);
    assert.ok(before.rows.length >= COUNT);
    const out = join(tmp(), 'prisportal.tar.gz');

    const busy = run('backup', ['--out', out], { DATA_DIR: dataDir });
    assert.equal(busy.status, 1, 'refused while the app has the folder open');
    assert.match(busy.stderr, /is in use \(postmaster\.pid is there\)\. Stop Prisportal and try again/);
    await handle.close();

    const made = run('backup', ['--out', out], { DATA_DIR: dataDir });
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Backup written to .*PGlite data folder, tar\.gz/);

    const target = tmp();
    const restored = run('restore', [out], { DATA_DIR: target });
    assert.equal(restored.status, 0, restored.stderr);
    const again = run('restore', [out], { DATA_DIR: target });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds a database\. Stop Prisportal, move that folder away/);

    const copy = await openPglite(join(target, 'pglite'));
    try {
      assert.deepEqual(await snapshot(copy.db), before);
      assert.deepEqual(await checkReadiness(copy.db), { ok: true });
    } finally {
      await copy.close();
    }
  });

  test('PostgreSQL: pg_dump and pg_restore into a new database restore every nomination', { timeout: 120_000 }, async () => {
    const admin = process.env.TEST_PG_URL;
    assert.ok(admin, 'run through npm test, which starts the PostgreSQL server');
    const names = { from: `backup_src_${process.pid}`, to: `backup_dst_${process.pid}` };
    const url = (name: string) => {
      const u = new URL(admin);
      u.pathname = `/${name}`;
      return u.toString();
    };
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      for (const n of Object.values(names)) await c.query(`create database ${n} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`);
      const source = await openPostgres(url(names.from), 2);
      await source.migrate();
      const before = await seedNominations(source.db);
      await source.close();

      const out = join(tmp(), 'prisportal.dump');
      const made = run('backup', ['--out', out], { DATABASE_URL: url(names.from) });
      assert.equal(made.status, 0, made.stderr);
      assert.match(made.stdout, /pg_dump custom format/);
      const restored = run('restore', [out], { DATABASE_URL: url(names.to) });
      assert.equal(restored.status, 0, restored.stderr);

      const copy = await openPostgres(url(names.to), 2);
      try {
        assert.deepEqual(await snapshot(copy.db), before);
        assert.deepEqual(await checkReadiness(copy.db), { ok: true });
      } finally {
        await copy.close();
      }
      const twice = run('restore', [out], { DATABASE_URL: url(names.to) });
      assert.equal(twice.status, 1, 'a database that is not empty is refused');
      assert.match(twice.stderr, /pg_restore failed \(is the target database new and empty\?\)/);
    } finally {
      for (const n of Object.values(names)) await c.query(`drop database if exists ${n} with (force)`).catch(() => {});
      await c.end();
    }
  });
});
