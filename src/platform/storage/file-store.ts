import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rmdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { type Database, inTransaction, queryRows } from '../../db/database.js';
import type { FileBytes } from './file-bytes.js';
import { assertStorageKey, isStorageKey, newStorageKey } from './store.js';

/**
 * Files in the database (files.schema.ts): written in the caller's transaction, read back one
 * chunk at a time. Nothing here knows which module a file belongs to; the owner's row holds the
 * key, and the owner's delete trigger removes the file.
 */

/** Bytes per chunk row: large enough that a 10 MB file is 40 rows, small enough that one piece in memory per transfer is cheap. */
export const CHUNK_BYTES = 256 * 1024;

export type StoredFile = { key: string; sizeBytes: number; sha256: string };

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Cuts a stream of pieces of any size into CHUNK_BYTES pieces (the last one shorter), holding at most one chunk. */
async function* rechunk(source: Buffer | AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    // subarray shares the memory: a buffered upload is not copied.
    for (let at = 0; at < source.length; at += CHUNK_BYTES) yield source.subarray(at, at + CHUNK_BYTES);
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let rest = asBuffer(piece);
    while (rest.length > 0) {
      const take = Math.min(CHUNK_BYTES - pendingBytes, rest.length);
      pending.push(rest.subarray(0, take));
      pendingBytes += take;
      rest = rest.subarray(take);
      if (pendingBytes === CHUNK_BYTES) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Writes a file's bytes as chunk rows and its `stored_files` row (size, SHA-256) under a new
 * random key (or `key`, for the move from disk). Call it with the transaction of the change the
 * file belongs to and write the owner's row in the same one: then the file and its row are
 * committed or rolled back together.
 */
export async function storeFile(tx: Database, data: Buffer | AsyncIterable<Uint8Array>, now: Date, key = newStorageKey()): Promise<StoredFile> {
  assertStorageKey(key);
  // The file row first (chunks reference it); its size and hash are filled in at the end.
  await tx.execute(
    sql`insert into stored_files (key, size_bytes, sha256, created_at) values (${key}, 0, '', ${now.toISOString()}::timestamptz)
        on conflict (key) do update set size_bytes = 0, sha256 = '', on_disk = false`,
  );
  await tx.execute(sql`delete from stored_file_chunks where file_key = ${key}`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let seq = 0;
  for await (const chunk of rechunk(data)) {
    hash.update(chunk);
    sizeBytes += chunk.length;
    await tx.execute(sql`insert into stored_file_chunks (file_key, seq, bytes) values (${key}, ${seq++}, ${chunk})`);
  }
  const sha256 = hash.digest('hex');
  await tx.execute(sql`update stored_files set size_bytes = ${sizeBytes}, sha256 = ${sha256} where key = ${key}`);
  return { key, sizeBytes, sha256 };
}

/**
 * The bytes of a stored file as a stream that reads one chunk row per pull (so a slow client
 * holds no database connection and at most about one chunk of memory), or null when there is
 * no such file or its bytes have not been moved from disk yet. A file deleted while it is being
 * read ends the stream with an error (the response is cut off, never padded).
 */
export async function openStoredFile(db: Database, key: string): Promise<Readable | null> {
  if (!isStorageKey(key)) return null;
  const [file] = await queryRows<{ chunks: number; size_bytes: string | number }>(
    db,
    sql`select (select count(*)::int from stored_file_chunks c where c.file_key = f.key) as chunks, f.size_bytes
        from stored_files f where f.key = ${key} and not f.on_disk and f.staged_at is null`,
  );
  if (!file) return null;
  const chunks = Number(file.chunks);
  async function* read() {
    for (let seq = 0; seq < chunks; seq++) {
      const [row] = await queryRows<{ bytes: Uint8Array }>(db, sql`select bytes from stored_file_chunks where file_key = ${key} and seq = ${seq}`);
      if (!row) throw new Error(`stored file ${key} lost chunk ${seq} while it was read`);
      yield asBuffer(row.bytes);
    }
  }
  // Byte mode with a small high-water mark: the stream asks for the next chunk only when the last is nearly sent.
  return Readable.from(read(), { objectMode: false, highWaterMark: 64 * 1024 });
}

/**
 * How long a staged upload may wait for its change. An upload is staged, checked and taken in
 * one request, so a staged file older than this was left by a process that stopped in between
 * (or a request that took an hour): it is deleted by the next upload's sweep.
 */
export const STAGED_FILE_TTL_MS = 60 * 60 * 1000;

export type StagedUpload = { ok: true; file: StoredFile } | { ok: false; reason: 'too-big' };

/**
 * Streams an upload into a staged stored file, one CHUNK_BYTES row at a time, so that an upload
 * holds about one chunk in memory whatever its size (busboy pauses the request while a chunk is
 * written). Each row is its own short statement: no connection or lock is held while the client
 * sends, and on PGlite other requests run between the chunks.
 *
 * The file is staged (`stored_files.staged_at`): invisible until a change takes it with
 * `claimStagedFile` in its own transaction. More than `maxBytes` stops the writing, reads the
 * rest of the upload to its end without keeping it, deletes what was written and answers
 * 'too-big'. A stream that breaks off or a failed write deletes what was written and throws.
 * Call `discardStagedFile` once the change is done (it does nothing to a file the change took).
 *
 * Side effects: sweeps staged files older than STAGED_FILE_TTL_MS (a crash between staging and
 * the change) before it writes.
 */
export async function stageUpload(db: Database, source: AsyncIterable<Uint8Array>, opts: { maxBytes: number; now: Date }): Promise<StagedUpload> {
  const { maxBytes, now } = opts;
  await sweepStagedFiles(db, now);
  const key = newStorageKey();
  const stamp = now.toISOString();
  await db.execute(
    sql`insert into stored_files (key, size_bytes, sha256, created_at, staged_at) values (${key}, 0, '', ${stamp}::timestamptz, ${stamp}::timestamptz)`,
  );
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let seq = 0;
  let tooBig = false;
  try {
    for await (const chunk of rechunk(source)) {
      if (tooBig) continue; // read to the end without keeping, so the form's other parts (and the answer) still come
      if (sizeBytes + chunk.length > maxBytes) {
        tooBig = true;
        await discardStagedFile(db, key);
        continue;
      }
      hash.update(chunk);
      sizeBytes += chunk.length;
      await db.execute(sql`insert into stored_file_chunks (file_key, seq, bytes) values (${key}, ${seq++}, ${chunk})`);
    }
    if (tooBig) return { ok: false, reason: 'too-big' };
    const sha256 = hash.digest('hex');
    await db.execute(sql`update stored_files set size_bytes = ${sizeBytes}, sha256 = ${sha256} where key = ${key}`);
    return { ok: true, file: { key, sizeBytes, sha256 } };
  } catch (err) {
    await discardStagedFile(db, key).catch(() => {});
    throw err;
  }
}

/**
 * Takes a staged upload for the change running in `tx` (write the owner's row in the same
 * transaction): from its commit on the file is an ordinary stored file. False when the file is
 * not staged any more (taken already, or swept).
 */
export async function claimStagedFile(tx: Database, key: string): Promise<boolean> {
  const rows = await queryRows<{ key: string }>(tx, sql`update stored_files set staged_at = null where key = ${key} and staged_at is not null returning key`);
  return rows.length === 1;
}

/** Deletes a staged upload (its chunks by cascade); a file that a change has taken is left alone. */
export async function discardStagedFile(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from stored_files where key = ${key} and staged_at is not null`);
}

/** Deletes staged uploads older than STAGED_FILE_TTL_MS, a few at a time (each sweep is short). */
export async function sweepStagedFiles(db: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - STAGED_FILE_TTL_MS).toISOString();
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from stored_files where key in (select key from stored_files where staged_at < ${cutoff}::timestamptz limit 20) returning key`,
  );
  return rows.length;
}

/**
 * Random access to a stored file's bytes (staged or not) for the content checks: reads the
 * chunk rows a range needs, keeping the last few chunks read (at most CACHED_CHUNKS × CHUNK_BYTES
 * in memory), since the checks read small pieces near each other (headers one after another, a
 * ZIP's directory entry by entry). A chunk missing (the file deleted meanwhile) throws.
 */
export function storedFileBytes(db: Database, file: Pick<StoredFile, 'key' | 'sizeBytes'>): FileBytes {
  const cache = new Map<number, Buffer>();
  async function chunk(seq: number): Promise<Buffer> {
    const hit = cache.get(seq);
    if (hit) {
      cache.delete(seq);
      cache.set(seq, hit); // most recent last
      return hit;
    }
    const [row] = await queryRows<{ bytes: Uint8Array }>(db, sql`select bytes from stored_file_chunks where file_key = ${file.key} and seq = ${seq}`);
    if (!row) throw new Error(`stored file ${file.key} has no chunk ${seq}`);
    const bytes = asBuffer(row.bytes);
    cache.set(seq, bytes);
    if (cache.size > CACHED_CHUNKS) cache.delete(cache.keys().next().value!);
    return bytes;
  }
  return {
    size: file.sizeBytes,
    async read(start, end) {
      const from = Math.max(0, start);
      const to = Math.min(file.sizeBytes, end);
      if (to <= from) return Buffer.alloc(0);
      const first = Math.floor(from / CHUNK_BYTES);
      const last = Math.floor((to - 1) / CHUNK_BYTES);
      if (first === last) return (await chunk(first)).subarray(from - first * CHUNK_BYTES, to - first * CHUNK_BYTES);
      const parts: Buffer[] = [];
      for (let seq = first; seq <= last; seq++) {
        const bytes = await chunk(seq);
        const base = seq * CHUNK_BYTES;
        parts.push(bytes.subarray(Math.max(from, base) - base, Math.min(to, base + bytes.length) - base));
      }
      return Buffer.concat(parts, to - from);
    },
  };
}

const CACHED_CHUNKS = 3;

export type DiskMove = { moved: number; missing: string[]; damaged: string[] };

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * Moves the bytes of files still marked `on_disk` from `dir` (the old ATTACHMENTS_DIR layout,
 * `<dir>/<first two hex digits>/<key>`) into the database, one file per transaction, checking
 * size and SHA-256 against the row; the disk copy is deleted after its transaction commits.
 *
 * Safe to run twice (a moved file is no longer marked) and from several processes starting at
 * once: each claims a file with FOR UPDATE SKIP LOCKED, so no file is moved twice and no process
 * waits for another. A file missing or different on disk is left marked (its download is a 404,
 * as before) and reported, so an operator can put it back and restart.
 */
export async function moveDiskFilesIntoDatabase(db: Database, dir: string, now: Date): Promise<DiskMove> {
  const root = resolve(dir);
  const result: DiskMove = { moved: 0, missing: [], damaged: [] };
  let after = '';
  for (;;) {
    const step = await inTransaction(db, async (tx) => {
      const [row] = await queryRows<{ key: string; size_bytes: string | number; sha256: string }>(
        tx,
        sql`select key, size_bytes, sha256 from stored_files where on_disk and key > ${after} order by key limit 1 for update skip locked`,
      );
      if (!row) return null;
      const key = row.key;
      if (!isStorageKey(key)) return { key, outcome: 'damaged' as const };
      const path = join(root, key.slice(0, 2), key);
      try {
        const size = (await stat(path)).size;
        if (size !== Number(row.size_bytes)) return { key, outcome: 'damaged' as const };
      } catch (err) {
        if (isMissing(err)) return { key, outcome: 'missing' as const };
        throw err;
      }
      const stored = await storeFile(tx, createReadStream(path, { highWaterMark: CHUNK_BYTES }), now, key);
      if (stored.sha256 !== row.sha256 || stored.sizeBytes !== Number(row.size_bytes)) {
        // Put the row back as it was: the transaction is rolled back by the throw.
        throw new DamagedFile(key);
      }
      return { key, outcome: 'moved' as const, path };
    }).catch((err: unknown) => {
      if (err instanceof DamagedFile) return { key: err.key, outcome: 'damaged' as const };
      throw err;
    });
    if (!step) break;
    after = step.key;
    if (step.outcome === 'moved') {
      result.moved++;
      await unlink(step.path).catch(() => {});
      await rmdir(join(root, step.key.slice(0, 2))).catch(() => {}); // only when empty
    } else {
      result[step.outcome].push(step.key);
    }
  }
  return result;
}

class DamagedFile extends Error {
  constructor(readonly key: string) {
    super(`stored file ${key} differs from its row`);
  }
}
