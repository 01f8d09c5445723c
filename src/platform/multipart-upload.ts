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
