/**
 * Files in the database (platform/storage/file-store.ts) on both engines: bytes written in
 * chunks in the caller's transaction and read back as a stream; a rolled-back change leaves no
 * file; deleting the owning row (or its nomination) deletes the file and its chunks; uploads
 * staged chunk by chunk (invisible until a change takes them in its transaction, nothing left
 * when too big, broken off, refused or abandoned) and read back by ranges; and the one-time move
 * of files from the old ATTACHMENTS_DIR layout, run twice and twice at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq, sql } from 'drizzle-orm';
import { type Database, inTransaction, openPostgres, queryRows } from '../../src/db/database.js';
import { editions, nominationAttachments, nominations, storedFiles } from '../../src/db/schema.js';
import {
  CHUNK_BYTES,
  claimStagedFile,
  discardStagedFile,
  moveDiskFilesIntoDatabase,
  openStoredFile,
  STAGED_FILE_TTL_MS,
  stageUpload,
  storedFileBytes,
  storeFile,
} from '../../src/platform/storage/file-store.js';
import { newStorageKey } from '../../src/platform/storage/store.js';
import { ENGINES, openSeededTestDatabase, SEEDED_AT, type TestDatabase } from '../harness/databases.js';
import { buildAttachment, buildNomination, storedFileRows } from '../harness/factories.js';

const NOW = new Date(SEEDED_AT);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function read(db: Database, key: string): Promise<Buffer | null> {
  const stream = await openStoredFile(db, key);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** What the migration that made stored_files leaves for a file uploaded before it: an owner row and a file row marked on disk. */
async function oldAttachment(db: Database, nominationId: number, data: Buffer, dir: string | null) {
  const key = newStorageKey();
  await db.insert(storedFiles).values({ key, sizeBytes: data.length, sha256: sha(data), onDisk: true, createdAt: NOW });
  await db
    .insert(nominationAttachments)
    .values({ nominationId, fileName: 'gammel.pdf', mediaType: 'application/pdf', sizeBytes: data.length, sha256: sha(data), storageKey: key, createdAt: NOW });
  if (dir) {
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, key.slice(0, 2), key), data);
  }
  return key;
}

for (const engine of ENGINES) {
  describe(`stored files on ${engine}`, () => {
    let database: TestDatabase;
    let db: Database;
    let nominationId: number;
    const dirs: string[] = [];
    before(async () => {
      database = await openSeededTestDatabase(engine, NOW);
      db = database.db;
      const [edition] = await db.select({ id: editions.id }).from(editions).orderBy(asc(editions.id)).limit(1);
      nominationId = (await buildNomination(db, { editionId: edition!.id })).id;
    });
    after(async () => {
      await database?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    test('bytes of any size come back as written, in chunks of 256 KB, from a buffer or a stream', async () => {
      for (const size of [1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17]) {
        const data = randomBytes(size);
        // A stream of odd-sized pieces is cut into whole chunks.
        const pieces = Readable.from([data.subarray(0, 1000), data.subarray(1000, 70_001), data.subarray(70_001)].filter((p) => p.length > 0));
        for (const source of [data, pieces]) {
          const file = await inTransaction(db, (tx) => storeFile(tx, source, NOW));
          assert.deepEqual([file.sizeBytes, file.sha256], [size, sha(data)]);
          assert.deepEqual(await storedFileRows(db, file.key), { files: 1, chunks: Math.ceil(size / CHUNK_BYTES) }, `${size} bytes`);
          assert.ok((await read(db, file.key))!.equals(data), `${size} bytes read back`);
          await db.delete(storedFiles).where(eq(storedFiles.key, file.key));
          assert.deepEqual(await storedFileRows(db, file.key), { files: 0, chunks: 0 }, 'chunks go with their file');
        }
      }
      assert.equal(await openStoredFile(db, newStorageKey()), null, 'no such file');
      assert.equal(await openStoredFile(db, '../../etc/passwd'), null, 'not a key');
    });

    test('a change that rolls back leaves no file behind', async () => {
      const before = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_file_chunks`))[0]!.n;
      let key = '';
      await assert.rejects(
        inTransaction(db, async (tx) => {
          key = (await storeFile(tx, randomBytes(CHUNK_BYTES * 2), NOW)).key;
          throw new Error('the owner row was refused');
        }),
        /refused/,
      );
      assert.deepEqual(await storedFileRows(db, key), { files: 0, chunks: 0 });
      assert.equal((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_file_chunks`))[0]!.n, before);
    });

    /** An upload as the request parser hands it over: pieces of 64 KB, optionally breaking off after `breakAt` bytes. */
    async function* upload(data: Buffer, breakAt = Number.POSITIVE_INFINITY) {
      for (let at = 0; at < data.length; at += 65_536) {
        if (at >= breakAt) throw new Error('the client went away');
        yield data.subarray(at, at + 65_536);
      }
    }
    const allChunks = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_file_chunks`))[0]!.n;
    const stagedFiles = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_files where staged_at is not null`))[0]!.n;

    test('an upload is staged chunk by chunk: invisible until a change takes it in its own transaction', async () => {
      const data = randomBytes(3 * CHUNK_BYTES + 100);
      const staged = await stageUpload(db, upload(data), { maxBytes: 10 * CHUNK_BYTES, now: NOW });
      assert.ok(staged.ok);
      assert.deepEqual([staged.file.sizeBytes, staged.file.sha256], [data.length, sha(data)]);
      assert.deepEqual(await storedFileRows(db, staged.file.key), { files: 1, chunks: 4 });
      assert.equal(await openStoredFile(db, staged.file.key), null, 'a staged file is not served');
      // Read by ranges, across chunk boundaries, for the content checks.
      const bytes = storedFileBytes(db, staged.file);
      for (const [from, to] of [
        [0, 8],
        [CHUNK_BYTES - 3, CHUNK_BYTES + 5],
        [CHUNK_BYTES - 1, 3 * CHUNK_BYTES + 1],
        [data.length - 22, data.length + 50],
      ] as const) {
        assert.ok((await bytes.read(from, to)).equals(data.subarray(from, to)), `bytes ${from}..${to}`);
      }
      // A change that rolls back leaves it staged; one that commits takes it; discarding then does nothing.
      await assert.rejects(
        inTransaction(db, async (tx) => {
          assert.equal(await claimStagedFile(tx, staged.file.key), true);
          throw new Error('the owner row was refused');
        }),
        /refused/,
      );
      assert.equal(await openStoredFile(db, staged.file.key), null, 'still staged after the rollback');
      assert.equal(await inTransaction(db, (tx) => claimStagedFile(tx, staged.file.key)), true);
      assert.equal(await inTransaction(db, (tx) => claimStagedFile(tx, staged.file.key)), false, 'taken once');
      await discardStagedFile(db, staged.file.key);
      assert.ok((await read(db, staged.file.key))!.equals(data), 'taken, then served whole');
      await db.delete(storedFiles).where(eq(storedFiles.key, staged.file.key));
    });

    test('an upload over the limit, one that breaks off, and one discarded leave nothing behind', async () => {
      const chunks = await allChunks();
      const files = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_files`))[0]!.n;
      const big = await stageUpload(db, upload(randomBytes(2 * CHUNK_BYTES + 1)), { maxBytes: 2 * CHUNK_BYTES, now: NOW });
      assert.deepEqual(big, { ok: false, reason: 'too-big' });
      const exact = await stageUpload(db, upload(randomBytes(2 * CHUNK_BYTES)), { maxBytes: 2 * CHUNK_BYTES, now: NOW });
      assert.ok(exact.ok, 'exactly the limit is accepted');
      await discardStagedFile(db, exact.file.key);
      await assert.rejects(stageUpload(db, upload(randomBytes(3 * CHUNK_BYTES), CHUNK_BYTES + 65_536), { maxBytes: 10 * CHUNK_BYTES, now: NOW }), /went away/);
      assert.equal(await allChunks(), chunks);
      assert.equal((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_files`))[0]!.n, files);
    });

    test('a staged upload abandoned for longer than the limit (a crash between upload and change) is swept by the next upload', async () => {
      const old = await stageUpload(db, upload(randomBytes(CHUNK_BYTES + 1)), { maxBytes: 10 * CHUNK_BYTES, now: NOW });
      assert.ok(old.ok);
      const recent = new Date(NOW.getTime() + STAGED_FILE_TTL_MS - 1000);
      const second = await stageUpload(db, upload(randomBytes(10)), { maxBytes: 100, now: recent });
      assert.ok(second.ok);
      assert.deepEqual(await storedFileRows(db, old.file.key), { files: 1, chunks: 2 }, 'not yet');
      const later = new Date(NOW.getTime() + STAGED_FILE_TTL_MS + 1000);
      const third = await stageUpload(db, upload(randomBytes(10)), { maxBytes: 100, now: later });
      assert.ok(third.ok);
      assert.deepEqual(await storedFileRows(db, old.file.key), { files: 0, chunks: 0 }, 'swept');
      assert.deepEqual(await storedFileRows(db, second.file.key), { files: 1, chunks: 1 }, 'a younger one stays');
      await discardStagedFile(db, second.file.key);
      await discardStagedFile(db, third.file.key);
      assert.equal(await stagedFiles(), 0);
    });

    test('a file goes with its row: deleting the attachment, or its nomination, deletes the chunks in the same transaction', async () => {
      const a = await buildAttachment(db, { nominationId, data: randomBytes(CHUNK_BYTES + 5) });
      assert.deepEqual(await storedFileRows(db, a.storageKey), { files: 1, chunks: 2 });
      await db.delete(nominationAttachments).where(eq(nominationAttachments.id, a.id));
      assert.deepEqual(await storedFileRows(db, a.storageKey), { files: 0, chunks: 0 });

      const [edition] = await db.select({ id: editions.id }).from(editions).orderBy(asc(editions.id)).limit(1);
      const doomed = await buildNomination(db, { editionId: edition!.id });
      const b = await buildAttachment(db, { nominationId: doomed.id });
      await db.delete(nominations).where(eq(nominations.id, doomed.id));
      assert.deepEqual(await storedFileRows(db, b.storageKey), { files: 0, chunks: 0 }, 'a cascade from the nomination fires the trigger too');
      // An owner row cannot point at a file that is not there.
      await assert.rejects(
        db
          .insert(nominationAttachments)
          .values({ nominationId, fileName: 'x.pdf', mediaType: 'application/pdf', sizeBytes: 1, sha256: 'x', storageKey: newStorageKey() }),
      );
    });

    test('files on disk from the old layout move in once: safe twice and twice at once; missing and changed files are reported and left', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'prisportal-old-attachments-'));
      dirs.push(dir);
      const files = [randomBytes(10), randomBytes(CHUNK_BYTES * 2 + 3), randomBytes(CHUNK_BYTES)];
      const keys = [];
      for (const data of files) keys.push(await oldAttachment(db, nominationId, data, dir));
      const missing = await oldAttachment(db, nominationId, randomBytes(20), null);
      const changed = await oldAttachment(db, nominationId, randomBytes(30), null);
      mkdirSync(join(dir, changed.slice(0, 2)), { recursive: true });
      writeFileSync(join(dir, changed.slice(0, 2), changed), randomBytes(30)); // same size, other bytes
      assert.equal(await openStoredFile(db, keys[0]!), null, 'not served before the move');

      // Two processes starting at once: on PostgreSQL a second pool on the same database.
      const second = engine === 'postgres' ? await openPostgres(database.url!, 2) : null;
      try {
        const [one, two] = await Promise.all([moveDiskFilesIntoDatabase(db, dir, NOW), moveDiskFilesIntoDatabase(second?.db ?? db, dir, NOW)]);
        assert.equal(one.moved + two.moved, files.length, 'each file moved exactly once');
        for (const r of [one, two]) {
          for (const k of r.missing) assert.equal(k, missing);
          for (const k of r.damaged) assert.equal(k, changed);
        }
        assert.ok(one.missing.includes(missing) || two.missing.includes(missing));
        assert.ok(one.damaged.includes(changed) || two.damaged.includes(changed));
      } finally {
        await second?.close();
      }
      for (const [i, key] of keys.entries()) {
        assert.ok((await read(db, key))!.equals(files[i]!), `file ${i} is served from the database`);
        assert.ok(!existsSync(join(dir, key.slice(0, 2), key)), `file ${i} is gone from disk`);
      }
      assert.equal(await openStoredFile(db, missing), null);
      assert.equal(await openStoredFile(db, changed), null, 'a file that differs from its row is not served');
      assert.ok(existsSync(join(dir, changed.slice(0, 2), changed)), 'and stays on disk for the operator');

      const again = await moveDiskFilesIntoDatabase(db, dir, NOW);
      assert.deepEqual(again, { moved: 0, missing: [missing], damaged: [changed] }, 'a second start moves nothing again');
      const none = await moveDiskFilesIntoDatabase(db, join(dir, 'does-not-exist'), NOW);
      assert.equal(none.moved, 0, 'no folder: nothing to move, no error');
    });
  });
}
