import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL's byte string; Buffer on node-postgres, Uint8Array on PGlite (file-store.ts reads both). */
const bytea = customType<{ data: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
});

/**
 * The bytes of every uploaded file (nomination attachments, idea-bank images), in the database
 * so that any number of app processes share them with nothing but the database, and backups,
 * restores, retention and erasure cover them with no extra step.
 *
 * A file belongs to exactly one row of the module that owns it (`nomination_attachments`,
 * `solution_images`): that row's `storage_key` references `key`, the file is written in the
 * transaction that writes the row, and a trigger on the owner's table deletes the file (and,
 * by cascade, its chunks) in the transaction that deletes the row, whatever deletes it (a
 * nominator, erasure, retention, a cascade from the nomination or solution).
 *
 * `onDisk` marks a file whose bytes are still in ATTACHMENTS_DIR, written by a version that kept
 * files on disk: the migration that made this table listed them, and `moveDiskFilesIntoDatabase`
 * moves them in at start-up.
 *
 * `stagedAt` marks an upload whose bytes are written but that no change has taken yet
 * (`stageUpload` streams the request into chunk rows before the content checks, so that no
 * upload is ever held whole in memory). Such a file is invisible: no owner row references it and
 * `openStoredFile` does not read it. The change's own transaction takes it (`claimStagedFile`
 * clears the mark while it writes the owner's row), so the file still becomes visible exactly
 * when that change commits; a refused or failed change deletes it (`discardStagedFile`), and
 * one left behind by a crash is swept after STAGED_FILE_TTL_MS.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    /** 128 random bits as 32 hex digits (`newStorageKey`), never from anything a client sent. */
    key: text('key').primaryKey(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** SHA-256 of the whole file, hex. */
    sha256: text('sha256').notNull(),
    onDisk: boolean('on_disk').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set while the file is an upload not yet taken by a change (see above); null once taken. */
    stagedAt: timestamp('staged_at', { withTimezone: true, mode: 'date' }),
  },
  // Only the few staged files are indexed: the sweep finds the abandoned ones without a scan.
  (t) => [index('stored_files_staged_idx').on(t.stagedAt).where(sql`${t.stagedAt} is not null`)],
);

/**
 * A file's bytes in pieces of CHUNK_BYTES (the last one shorter), numbered from 0, so that an
 * upload is written and a download read one piece at a time with bounded memory on both engines
 * (PGlite has no large objects).
 */
export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    fileKey: text('file_key')
      .notNull()
      .references(() => storedFiles.key, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileKey, t.seq] })],
);
