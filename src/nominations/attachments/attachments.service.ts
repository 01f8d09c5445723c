import type { Readable } from 'node:stream';
import { type Database, inTransaction } from '../../db/database.js';
import { canNominate, fieldsOf, type EditionForForm } from '../nomination.service.js';
import { lockNomination, updateNomination, type NominationRow } from '../nominations.repo.js';
import { countAttachments, deleteAttachment, findAttachment, insertAttachment, markAttachmentRemoved, type AttachmentRow } from './attachments.repo.js';
import { cleanFileName } from './file-name.js';
import { FILE_KINDS, inspectFile, type RefusalReason } from './sniff.js';
import { claimStagedFile, openStoredFile, storedFileBytes, type StoredFile } from '../../platform/storage/file-store.js';

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

/**
 * A file as it arrived: the name the browser sent (untrusted) and its bytes staged in the
 * database (platform/storage `stageUpload`, read from the request chunk by chunk), or `tooBig`
 * when it had more than MAX_ATTACHMENT_BYTES (nothing of it was kept). `file` null and no name:
 * no file was chosen. addAttachment checks the staged bytes by ranges (sniff.ts, never the whole
 * file) and takes the file in its transaction (claimStagedFile), so the stored file of its side
 * effects is this one; a refusal or a rollback leaves it staged. The caller discards the staged
 * file once addAttachment is done, whatever the outcome (a taken file is left alone).
 */
export type Upload = { clientName: string; file: StoredFile | null; tooBig: boolean };

export type UploadRefusal = 'no-file' | 'too-big' | 'too-many' | 'incomplete' | RefusalReason;

export type AddResult =
  | { ok: true; attachment: AttachmentRow }
  | { ok: false; reason: UploadRefusal | Exclude<ChangeCheck, { ok: true }>['reason']; detail?: string };

/**
 * Attaches a file to a nomination, if the rules allow it: the window is open, the nomination
 * is a draft or sent, the nominator has fewer than MAX_ATTACHMENTS files (the working set: a
 * file deleted since sending no longer counts, one attached since does), the file is 1 byte to
 * MAX_ATTACHMENT_BYTES and its content is a PDF, JPEG, PNG or DOCX (see sniff.ts).
 *
 * Side effects, in one transaction while the nomination row is locked (so two uploads at once
 * cannot pass the cap): the bytes as a stored file under a new random key (platform/storage,
 * written in chunks) and one `nomination_attachments` row (cleaned name, sniffed type, size,
 * SHA-256, key). On a sent nomination the row is 'added' (others do not see it until the
 * changes are sent) and the nomination gets a working copy (changeWorkingCopy). A refusal or a
 * failure rolls everything back.
 */
export async function addAttachment(args: { db: Database; edition: EditionForForm; nomination: NominationRow; upload: Upload; now: Date }): Promise<AddResult> {
  const { db, edition, nomination, upload, now } = args;
  const window = canChangeAttachments(nomination, edition, now);
  if (!window.ok) return window;
  const staged = upload.file;
  if (!upload.tooBig && (staged?.sizeBytes ?? 0) === 0 && upload.clientName === '') return { ok: false, reason: 'no-file' };
  if ((await countAttachments(db, nomination.id)) >= MAX_ATTACHMENTS) return { ok: false, reason: 'too-many' };
  if (upload.tooBig || (staged?.sizeBytes ?? 0) > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too-big' };
  if (!staged) return { ok: false, reason: 'empty', detail: 'no bytes' };
  const inspection = await inspectFile(storedFileBytes(db, staged));
  if (!inspection.ok) return { ok: false, reason: inspection.reason, detail: inspection.detail };

  const kind = FILE_KINDS[inspection.kind];
  return inTransaction(db, async (tx): Promise<AddResult> => {
    const row = await lockNomination(tx, nomination.id);
    if (!row) return { ok: false, reason: 'withdrawn' };
    const again = canChangeAttachments(row, edition, now);
    if (!again.ok) return again;
    if ((await countAttachments(tx, row.id)) >= MAX_ATTACHMENTS) return { ok: false, reason: 'too-many' };
    // Not staged any more only if swept (an hour old): as if it never arrived.
    if (!(await claimStagedFile(tx, staged.key))) return { ok: false, reason: 'incomplete', detail: 'staged upload gone' };
    const file = staged;
    const attachment = await insertAttachment(tx, {
      nominationId: row.id,
      fileName: cleanFileName(upload.clientName, inspection.kind),
      mediaType: kind.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      storageKey: file.key,
      now,
      pendingChange: row.status === 'sent' ? 'added' : null,
    });
    if (row.status === 'sent') await changeWorkingCopy(tx, row, now);
    return { ok: true, attachment };
  });
}

export type RemoveResult = { ok: true; removed: AttachmentRow } | { ok: false; reason: 'not-found' | Exclude<ChangeCheck, { ok: true }>['reason'] };

/**
 * Removes one of the nominator's files while the rules allow changes (as addAttachment).
 * Side effects, under the nomination's lock: a draft's file, or a file attached since sending,
 * is deleted, its stored file with it (the row's delete trigger); a sent file is marked
 * 'removed' and stays (others still see it) until the changes are sent. On a sent nomination
 * the working copy is changed as by addAttachment.
 */
export async function removeAttachment(args: {
  db: Database;
  edition: EditionForForm;
  nomination: NominationRow;
  attachmentId: number;
  now: Date;
}): Promise<RemoveResult> {
  const { db, edition, nomination, attachmentId, now } = args;
  const window = canChangeAttachments(nomination, edition, now);
  if (!window.ok) return window;
  return inTransaction(db, async (tx): Promise<RemoveResult> => {
    const row = await lockNomination(tx, nomination.id);
    if (!row) return { ok: false, reason: 'not-found' };
    const again = canChangeAttachments(row, edition, now);
    if (!again.ok) return again;
    const file = await findAttachment(tx, row.id, attachmentId);
    if (!file) return { ok: false, reason: 'not-found' };
    // A file no one else has seen (a draft's, or attached since sending) simply goes.
    const removed =
      row.status === 'draft' || file.pendingChange === 'added' ? await deleteAttachment(tx, row.id, file.id) : await markAttachmentRemoved(tx, row.id, file.id);
    if (!removed) return { ok: false, reason: 'not-found' };
    if (row.status === 'sent') await changeWorkingCopy(tx, row, now);
    return { ok: true, removed };
  });
}

/**
 * A change of a sent nomination's files is a change of its working copy, as a saved field is
 * (saveNomination): the working copy exists (the fields as they stand, if the nominator had
 * changed none), its time is now and the version goes up. So "Tjek dine svar" offers "Send
 * ændringer", the receipt says there are changes not sent, and a "Send" from a page read before
 * the change is refused as a version conflict instead of sending files the nominator did not see.
 */
async function changeWorkingCopy(tx: Database, row: NominationRow, now: Date): Promise<void> {
  await updateNomination(tx, row.id, { workingCopy: row.workingCopy ?? fieldsOf(row), workingCopySavedAt: now, version: row.version + 1 });
}

/**
 * One of a nomination's files with its bytes as a stream read chunk by chunk, or null when the
 * row is missing (`stream` null: the bytes are not in the database, e.g. not yet moved from
 * disk). No rule on time: the nominator may always fetch their own files.
 */
export async function openAttachment(args: {
  db: Database;
  nominationId: number;
  attachmentId: number;
}): Promise<{ attachment: AttachmentRow; stream: Readable } | { attachment: AttachmentRow; stream: null } | null> {
  const attachment = await findAttachment(args.db, args.nominationId, args.attachmentId);
  if (!attachment) return null;
  return { attachment, stream: await openStoredFile(args.db, attachment.storageKey) };
}
