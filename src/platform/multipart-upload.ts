import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import { discardStagedFile, stageUpload, type StoredFile } from './storage/file-store.js';

/**
 * Helpers for the upload forms (nomination attachments, idea-bank images, the history import):
 * each registers @fastify/multipart in its own plugin (with its size limit) and reads the CSRF
 * token from the form's first part before it keeps any byte of the file. Attachments and images
 * stream their file into the database as it arrives (`readUploadFormToStorage`); the history
 * import reads its workbook whole (`readUploadForm`).
 */

/** Reads a file part to the end; busboy stops keeping bytes at the size limit and sets `truncated`. */
export async function readPart(file: Readable & { truncated?: boolean }): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return { data: Buffer.concat(chunks), truncated: file.truncated === true };
}

/** Reads a part that is not kept to its end and drops it, so the rest of the form can be read. */
export async function discard(file: Readable): Promise<void> {
  for await (const _ of file) void _;
}

/**
 * Runs the app's CSRF check (@fastify/csrf-protection) on `token` without answering yet,
 * so the rest of the upload can be read first. Returns the plugin's error, or null.
 */
export function csrfFailure(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string | undefined): Error | null {
  let failure: Error | null = null;
  let passed = false;
  const recorder = new Proxy(reply, {
    get(target, prop) {
      if (prop === 'send') {
        return (err: Error) => {
          failure = err;
          return target;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const body = request.body;
  request.body = token === undefined ? {} : { _csrf: token };
  try {
    app.csrfProtection(request, recorder, () => {
      passed = true;
    });
  } finally {
    request.body = body;
  }
  return passed ? null : (failure ?? new Error('csrf check failed'));
}

/** One file of an upload form as it arrived: the name the browser sent (untrusted), its bytes, and whether the size limit cut it off. */
export type ReceivedFile = { fileName: string; data: Buffer; truncated: boolean };

export type UploadForm<F = ReceivedFile> =
  | { ok: true; file: F | null; fields: Record<string, string> }
  | { ok: false; error: 'one-at-a-time' | 'incomplete'; fields: Record<string, string> };

type FilePart = Readable & { truncated?: boolean };

/** How the one kept file of a form is received, and undone when the form turns out incomplete. */
type Keeper<F> = { keep(file: FilePart, fileName: string): Promise<F>; drop(kept: F): Promise<void> };

/**
 * Reads an upload form (multipart, or a plain form without a file) and keeps its file in memory.
 * For the history import only, which needs the whole workbook at once (a spreadsheet's ZIP is
 * read by its directory at the end, then sheet by sheet); attachments and images stream into
 * the database with `readUploadFormToStorage`. See `readForm` for the order of the checks.
 */
export async function readUploadForm(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, fileField: string): Promise<UploadForm> {
  return readForm<ReceivedFile>(app, request, reply, fileField, {
    keep: async (file, fileName) => ({ fileName, ...(await readPart(file)) }),
    drop: async () => {},
  });
}

/**
 * An upload form's file as staged in the database (`stageUpload`): the name the browser sent
 * (untrusted) and the staged file, or `tooBig` when it had more than the limit (nothing is left
 * of it then). The caller's change takes the file with `claimStagedFile` and must call
 * `discardStagedFile` when it is done, whatever the outcome (a taken file is left alone).
 */
export type StagedFormFile = { fileName: string; file: StoredFile; tooBig: false } | { fileName: string; file: null; tooBig: true };

/**
 * Reads an upload form like `readUploadForm`, but streams its file into a staged stored file
 * chunk by chunk as it arrives (platform/storage `stageUpload`), so that an upload holds about
 * one chunk in memory instead of the whole file. More than `maxBytes` is refused while it is
 * read (`tooBig`, nothing kept). A form that breaks off, or brings a second file, after its file
 * was staged deletes the staged file before it answers `ok: false`.
 */
export async function readUploadFormToStorage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  fileField: string,
  store: { db: Database; maxBytes: number; now: Date },
): Promise<UploadForm<StagedFormFile>> {
  return readForm<StagedFormFile>(app, request, reply, fileField, {
    async keep(part, fileName) {
      const staged = await stageUpload(store.db, part, store);
      if (!staged.ok) return { fileName, file: null, tooBig: true };
      if (part.truncated === true) {
        // busboy's own limit cut it off (a plugin limit below maxBytes): too big all the same.
        await discardStagedFile(store.db, staged.file.key);
        return { fileName, file: null, tooBig: true };
      }
      return { fileName, file: staged.file, tooBig: false };
    },
    drop: async (kept) => {
      if (kept.file) await discardStagedFile(store.db, kept.file.key);
    },
  });
}

/**
 * The CSRF token must be the first part (the form's first field), so it is checked before any
 * byte of a file is kept; only the first file of `fileField` is kept, any other is read to its
 * end and dropped. The other text fields are returned as they came. On a bad token the rest of
 * the request is read and dropped, then the plugin's CSRF error is thrown (the app answers 403
 * with its page). A form that breaks off, or has more files than the plugin's limit, is
 * `ok: false` (no file is kept; the text fields read so far are returned, so nothing typed is
 * lost).
 */
async function readForm<F>(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, fileField: string, keeper: Keeper<F>): Promise<UploadForm<F>> {
  if (!request.isMultipart()) {
    // A form sent without multipart (a script, or a browser without the enctype): no file.
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const refused = csrfFailure(app, request, reply, typeof body._csrf === 'string' ? body._csrf : undefined);
    if (refused) throw refused;
    return { ok: true, file: null, fields: {} };
  }
  let checked = false;
  let refused: Error | null = null;
  let file: F | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (!checked) {
        checked = true;
        const token = part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string' ? part.value : undefined;
        refused = csrfFailure(app, request, reply, token);
        if (token !== undefined) continue;
      }
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (refused || file || part.fieldname !== fileField) {
        await discard(part.file);
        continue;
      }
      file = await keeper.keep(part.file, part.filename ?? '');
    }
  } catch (err) {
    if (file) await keeper.drop(file);
    if (refused) throw refused;
    const e = err as Error & { code?: string };
    request.log.info({ err: { message: e.message, code: e.code } }, 'upload not read');
    // Nothing is kept on this path, so an unchecked token changes nothing either.
    return { ok: false, error: err instanceof app.multipartErrors.FilesLimitError ? 'one-at-a-time' : 'incomplete', fields };
  }
  if (!checked) refused = csrfFailure(app, request, reply, undefined);
  if (refused) throw refused;
  return { ok: true, file, fields };
}
