import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { sendErrorPage } from '../platform/errors.js';
import { readUploadFormToStorage } from '../platform/multipart-upload.js';
import { discardStagedFile, openStoredFile } from '../platform/storage/file-store.js';
import { findSolution, findSolutionImage } from './ideabank.repo.js';
import { addSolutionImage, canEditSolution, removeSolutionImage, type ImageRefusal } from './ideabank.service.js';
import { MAX_IMAGE_BYTES } from './image-sniff.js';
import { parseId } from '../platform/http.js';

export type ImageRouteOptions = AppDeps;
export type ImageErrorCode = ImageRefusal | 'incomplete';
export const IMAGE_ERROR_CODES: readonly ImageErrorCode[] = ['no-file', 'too-big', 'wrong-type', 'too-many', 'alt-missing', 'alt-too-long', 'incomplete'];

/**
 * Images of solutions: upload (multipart, registered in this plugin only: one file of at most
 * MAX_IMAGE_BYTES + 1 bytes read, streamed into the database as it arrives), show, delete. Only the solution's owner and the
 * administrators of its organisation may change them. The edit page shows the result
 * (`?billedfejl=<code>` keeps the typed description in `alt`).
 */
export async function ideaBankImageRoutes(app: FastifyInstance, { db, clock }: ImageRouteOptions) {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES + 1, files: 1, fields: 4, fieldSize: 2048, fieldNameSize: 100, parts: 6, headerPairs: 20 },
  });

  app.post<{ Params: { solutionId: string } }>('/idebank/loesninger/:solutionId/billeder', { config: { access: 'signed-in' } }, async (request, reply) => {
    const id = parseId(request.params.solutionId);
    // Who may add an image is known from the address and the session: asked before the upload
    // is read, so nobody else gets a byte written (the refusal changes nothing, so it needs no
    // CSRF token).
    const s = id === null ? null : await findSolution(db, id);
    if (!s) return sendErrorPage(request, reply, 404, 'notFound');
    if (!canEditSolution(request.actor, s).ok) return sendErrorPage(request, reply, 403, 'forbidden');
    // The image streams into a staged stored file as it arrives; it is discarded on every way
    // out below unless addSolutionImage took it (a taken file is not staged any more).
    const received = await readUploadFormToStorage(app, request, reply, 'billede', { db, maxBytes: MAX_IMAGE_BYTES, now: clock.now() });
    const staged = received.ok ? received.file : null;
    try {
      const alt = (received.fields.alt ?? '').normalize('NFC').slice(0, 1000);
      const upload = staged ? { clientName: staged.fileName, file: staged.file, tooBig: staged.tooBig } : null;
      const back = (code: ImageErrorCode | null) =>
        reply.redirect(
          `/idebank/loesninger/${s.id}/rediger${code ? `?billedfejl=${code}&alt=${encodeURIComponent(alt.slice(0, 300))}` : '?billede=tilfoejet'}#billeder`,
          303,
        );
      if (!received.ok) return back('incomplete');
      const result = await addSolutionImage({ db, actor: request.actor, solutionId: s.id, upload, altText: alt, now: clock.now() });
      return back(result.ok ? null : result.reason);
    } finally {
      if (staged?.file) await discardStagedFile(db, staged.file.key);
    }
  });

  app.get<{ Params: { imageId: string } }>('/idebank/billeder/:imageId', { config: { access: 'public' } }, async (request, reply) => {
    const id = parseId(request.params.imageId);
    const image = id === null ? null : await findSolutionImage(db, id);
    const stream = image ? await openStoredFile(db, image.storageKey) : null;
    if (!image || !stream) return sendErrorPage(request, reply, 404, 'notFound');
    return reply
      .type(image.mediaType)
      .header('content-length', String(image.sizeBytes))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=86400')
      .send(stream);
  });

  app.post<{ Params: { imageId: string } }>(
    '/idebank/billeder/:imageId/slet',
    { config: { access: 'signed-in' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const id = parseId(request.params.imageId);
      const image = id === null ? null : await findSolutionImage(db, id);
      const s = image ? await findSolution(db, image.solutionId) : null;
      if (!image || !s) return sendErrorPage(request, reply, 404, 'notFound');
      if (!canEditSolution(request.actor, s).ok) return sendErrorPage(request, reply, 403, 'forbidden');
      await removeSolutionImage({ db, actor: request.actor, imageId: image.id, now: clock.now() });
      return reply.redirect(`/idebank/loesninger/${s.id}/rediger#billeder`, 303);
    },
  );
}
