import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * Helpers for the upload forms (nomination attachments, idea bank images): each registers
 * @fastify/multipart in its own plugin and reads the CSRF token from the form's first part
 * before it keeps any byte of the file.
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

export type UploadForm =
  | { ok: true; file: ReceivedFile | null; fields: Record<string, string> }
  | { ok: false; error: 'one-at-a-time' | 'incomplete'; fields: Record<string, string> };

/**
 * Reads an upload form (multipart, or a plain form without a file). The CSRF token must be the
 * first part (the form's first field), so it is checked before any byte of a file is kept; only
 * the first file of `fileField` is read, any other is read to its end and dropped. The other
 * text fields are returned as they came. On a bad token the rest of the request is read and
 * dropped, then the plugin's CSRF error is thrown (the app answers 403 with its page). A form
 * that breaks off, or has more files than the plugin's limit, is `ok: false` (no file is kept;
 * the text fields read so far are returned, so nothing typed is lost).
 */
export async function readUploadForm(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, fileField: string): Promise<UploadForm> {
  if (!request.isMultipart()) {
    // A form sent without multipart (a script, or a browser without the enctype): no file.
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const refused = csrfFailure(app, request, reply, typeof body._csrf === 'string' ? body._csrf : undefined);
    if (refused) throw refused;
    return { ok: true, file: null, fields: {} };
  }
  let checked = false;
  let refused: Error | null = null;
  let file: ReceivedFile | null = null;
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
      const { data, truncated } = await readPart(part.file);
      file = { fileName: part.filename ?? '', data, truncated };
    }
  } catch (err) {
    if (refused) throw refused;
    const e = err as Error & { code?: string };
    request.log.info({ err: { message: e.message, code: e.code } }, 'upload not read');
    // Nothing is stored on this path, so an unchecked token changes nothing either.
    return { ok: false, error: err instanceof app.multipartErrors.FilesLimitError ? 'one-at-a-time' : 'incomplete', fields };
  }
  if (!checked) refused = csrfFailure(app, request, reply, undefined);
  if (refused) throw refused;
  return { ok: true, file, fields };
}
