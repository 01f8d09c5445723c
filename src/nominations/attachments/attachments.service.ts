import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Database, inTransaction } from '../../db/database.js';
import { canNominate, type EditionForForm } from '../nomination.service.js';
import { lockNomination, type NominationRow } from '../nominations.repo.js';
import { countAttachments, deleteAttachment, findAttachment, insertAttachment, type AttachmentRow } from './attachments.repo.js';
import { cleanFileName } from './file-name.js';
import { FILE_KINDS, inspectFile, type RefusalReason } from './sniff.js';
import { newStorageKey, type AttachmentStore } from '../../platform/storage/store.js';

/** At most this many files per nomination. */
export const MAX_ATTACHMENTS = 5;
/** At most this many bytes per file (10 MB as Windows and macOS count them). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type ChangeCheck = { ok: true } | { ok: false; reason: 'withdrawn' | 'not-open-yet' | 'deadline-passed' };

/** Whether the nominator may add or remove files at `now`: a draft or sent nomination, while the window is open. */
export function canChangeAttachments(nomination: Pick<NominationRow, 'status'>, edition: EditionForForm, now: Date): ChangeCheck {
  if (nomination.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  return canNominate(edition.timeline, now);
}

/** A file as it arrived: the name the browser sent (untrusted), its bytes, and whether the size limit cut it off. */
export type Upload = { clientName: string; data: Buffer; truncated: boolean };

export type UploadRefusal = 'no-file' | 'too-big' | 'too-many' | RefusalReason;

export type AddResult =
  | { ok: true; attachment: AttachmentRow }
  | { ok: false; reason: UploadRefusal | Exclude<ChangeCheck, { ok: true }>['reason']; detail?: string };

/**
 * Attaches a file to a nomination, if the rules allow it: the window is open, the nomination
 * is a draft or sent, it has fewer than MAX_ATTACHMENTS files, the file is 1 byte to
 * MAX_ATTACHMENT_BYTES and its content is a PDF, JPEG, PNG or DOCX (see sniff.ts).
 *
 * Side effects: the bytes are put in `store` under a new random key, then one
 * `nomination_attachments` row (cleaned name, sniffed type, size, SHA-256, key) is written
 * while the nomination row is locked, so two uploads at once cannot pass the cap. When the
 * row is refused or fails, the stored bytes are deleted again.
 */
export async function addAttachment(args: {
  db: Database;
  store: AttachmentStore;
  edition: EditionForForm;
  nomination: NominationRow;
  upload: Upload;
  now: Date;
}): Promise<AddResult> {
  const { db, store, edition, nomination, upload, now } = args;
  const window = canChangeAttachments(nomination, edition, now);
  if (!window.ok) return window;
  if (upload.clientName === '' && upload.data.length === 0) return { ok: false, reason: 'no-file' };
  if ((await countAttachments(db, nomination.id)) >= MAX_ATTACHMENTS) return { ok: false, reason: 'too-many' };
  if (upload.truncated || upload.data.length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too-big' };
  const inspection = await inspectFile(upload.data);
  if (!inspection.ok) return { ok: false, reason: inspection.reason, detail: inspection.detail };

  const kind = FILE_KINDS[inspection.kind];
  const key = newStorageKey();
  await store.put(key, upload.data);
  try {
    const result = await inTransaction(db, async (tx): Promise<AddResult> => {
      const row = await lockNomination(tx, nomination.id);
      if (!row) return { ok: false, reason: 'withdrawn' };
      const again = canChangeAttachments(row, edition, now);
      if (!again.ok) return again;
      if ((await countAttachments(tx, row.id)) >= MAX_ATTACHMENTS) return { ok: false, reason: 'too-many' };
      const attachment = await insertAttachment(tx, {
        nominationId: row.id,
        fileName: cleanFileName(upload.clientName, inspection.kind),
        mediaType: kind.mediaType,
        sizeBytes: upload.data.length,
        sha256: createHash('sha256').update(upload.data).digest('hex'),
        storageKey: key,
        now,
      });
      return { ok: true, attachment };
    });
    if (!result.ok) await store.delete(key);
    return result;
  } catch (err) {
    await store.delete(key).catch(() => {});
    throw err;
  }
}

export type RemoveResult =
  | { ok: true; removed: AttachmentRow; storeError?: unknown }
  | { ok: false; reason: 'not-found' | Exclude<ChangeCheck, { ok: true }>['reason'] };

/**
 * Removes one of a nomination's files while the rules allow changes (as addAttachment).
 * Side effects: the row is deleted (under the nomination's lock), then the bytes. When the
 * store fails, the row is gone anyway and `storeError` says a stray object is left.
 */
export async function removeAttachment(args: {
  db: Database;
  store: AttachmentStore;
  edition: EditionForForm;
  nomination: NominationRow;
  attachmentId: number;
  now: Date;
}): Promise<RemoveResult> {
  const { db, store, edition, nomination, attachmentId, now } = args;
  const window = canChangeAttachments(nomination, edition, now);
  if (!window.ok) return window;
  const result = await inTransaction(db, async (tx): Promise<RemoveResult> => {
    const row = await lockNomination(tx, nomination.id);
    if (!row) return { ok: false, reason: 'not-found' };
    const again = canChangeAttachments(row, edition, now);
    if (!again.ok) return again;
    const removed = await deleteAttachment(tx, row.id, attachmentId);
    return removed ? { ok: true, removed } : { ok: false, reason: 'not-found' };
  });
  if (!result.ok) return result;
  try {
    await store.delete(result.removed.storageKey);
    return result;
  } catch (storeError) {
    return { ...result, storeError };
  }
}

/** One of a nomination's files with its bytes, or null when either is missing. No rule on time: the nominator may always fetch their own files. */
export async function openAttachment(args: {
  db: Database;
  store: AttachmentStore;
  nominationId: number;
  attachmentId: number;
}): Promise<{ attachment: AttachmentRow; stream: Readable } | { attachment: AttachmentRow; stream: null } | null> {
  const attachment = await findAttachment(args.db, args.nominationId, args.attachmentId);
  if (!attachment) return null;
  return { attachment, stream: await args.store.get(attachment.storageKey) };
}
