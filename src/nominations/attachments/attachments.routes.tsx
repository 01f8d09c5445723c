import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { sendErrorPage } from '../../platform/errors.js';
import { render } from '../../platform/ui/index.js';
import { readUploadFormToStorage } from '../../platform/multipart-upload.js';
import { discardStagedFile } from '../../platform/storage/file-store.js';
import { pageContext } from '../../platform/page-context.js';
import { requireNominationAccess, type NominationAccess } from '../access.js';
import { nominationTexts } from '../i18n.js';
import { countRemovedAttachments, listAttachments } from './attachments.repo.js';
import {
  addAttachment,
  canChangeAttachments,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  openAttachment,
  removeAttachment,
  type Upload,
} from './attachments.service.js';
import { attachmentDisposition } from './file-name.js';
import { AttachmentsPage, attachmentPaths, type AttachmentErrorCode, type AttachmentNotice } from './views/attachments-page.js';
import { nominationsUrls as urls } from '../urls.js';

export type AttachmentRouteOptions = AppDeps;

const ID = /^[1-9]\d{0,8}$/;
const FILE_FIELD = 'fil';

type Params = { id: string };
type FileParams = { id: string; attachmentId: string };

/**
 * The nominator's attachments: `/indstillinger/:id/bilag` (list, upload, delete) and each
 * file's download. Every route needs the nomination's private link (requireNominationAccess);
 * changes also need the window open (attachments.service.ts) and a CSRF token.
 *
 * Multipart parsing is registered in this plugin only: one file per request, streamed into the
 * database as it arrives (readUploadFormToStorage), at most MAX_ATTACHMENT_BYTES + 1 bytes read
 * (the rest is dropped by the parser, and what was written is deleted), so a file that is too
 * big gets the Danish message instead of a 413.
 */
export async function attachmentRoutes(app: FastifyInstance, opts: AttachmentRouteOptions) {
  const { db, clock } = opts;

  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 4, fieldSize: 1024, fieldNameSize: 100, parts: 6, headerPairs: 20 },
  });

  const html = (reply: FastifyReply, body: JSX.Element, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(body));

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    a: NominationAccess,
    extra: { error?: AttachmentErrorCode; notice?: AttachmentNotice; status?: number } = {},
  ) {
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    const id = a.nomination.id;
    const change = canChangeAttachments(a.nomination, a.edition, clock.now());
    const notice: AttachmentNotice | undefined = change.ok
      ? extra.notice
      : {
          variant: 'warning',
          heading: t.attachments.closedHeading,
          body: change.reason === 'not-open-yet' ? t.attachments.notOpenBody : t.attachments.closedBody,
        };
    return html(
      reply,
      <AttachmentsPage
        ctx={ctx}
        t={t}
        edition={a.edition}
        nominationId={id}
        attachments={await listAttachments(db, id)}
        isSent={a.nomination.status === 'sent'}
        removedPending={a.nomination.status === 'sent' ? await countRemovedAttachments(db, id) : 0}
        maxFiles={MAX_ATTACHMENTS}
        canChange={change.ok}
        csrf={reply.generateCsrf()}
        error={extra.error}
        notice={notice}
        checkHref={urls.check({ id })}
        descriptionHref={urls.step({ id, step: 'beskrivelse' })}
        backHref={urls.nomination({ id })}
      />,
      extra.status ?? (extra.error ? 400 : 200),
    );
  }

  const receiptOf = (id: number) => urls.receipt({ id });

  // --- List -------------------------------------------------------------------------------

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    urls.attachments.pattern,
    { config: { access: 'nominator' } },
    async (request, reply) => {
      const a = await requireNominationAccess(db, request, reply);
      if (!a) return reply;
      if (a.nomination.status === 'withdrawn') return reply.redirect(receiptOf(a.nomination.id), 303);
      const t = nominationTexts(pageContext(request).locale).attachments;
      const { tilfoejet: added, slettet: removed } = request.query;
      let notice: AttachmentNotice | undefined;
      if (typeof added === 'string' && ID.test(added)) {
        const file = (await listAttachments(db, a.nomination.id)).find((f) => f.id === Number(added));
        const sent = a.nomination.status === 'sent';
        if (file) notice = { variant: 'success', heading: t.added, body: sent ? t.addedBodySent(file.fileName) : t.addedBody(file.fileName) };
      } else if (removed === '1') {
        notice = { variant: 'success', heading: t.removed, body: t.removedBody };
      } else if (removed === 'ved-afsendelse') {
        notice = { variant: 'success', heading: t.removed, body: t.removedBodySent };
      }
      return renderPage(request, reply, a, { notice });
    },
  );

  // --- Upload -----------------------------------------------------------------------------

  app.post<{ Params: Params }>(urls.attachments.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await requireNominationAccess(db, request, reply);
    if (!a) return reply;
    // The file streams into a staged stored file as it arrives (never whole in memory);
    // addAttachment takes it or refuses it, and whatever it did the staged file is discarded
    // afterwards (a taken file is not staged any more, so it stays).
    const received = await readUploadFormToStorage(app, request, reply, FILE_FIELD, { db, maxBytes: MAX_ATTACHMENT_BYTES, now: clock.now() });
    if (!received.ok) return renderPage(request, reply, a, { error: received.error });
    const file = received.file;
    // Browsers send ", CR and LF of a file name as %22, %0D and %0A (HTML's multipart/form-data encoding).
    const upload: Upload = file
      ? { clientName: file.fileName.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n'), file: file.file, tooBig: file.tooBig }
      : { clientName: '', file: null, tooBig: false };
    let result: Awaited<ReturnType<typeof addAttachment>>;
    try {
      result = await addAttachment({ db, edition: a.edition, nomination: a.nomination, upload, now: clock.now() });
    } finally {
      if (upload.file) await discardStagedFile(db, upload.file.key);
    }
    if (result.ok) {
      request.log.info({ attachmentId: result.attachment.id, bytes: result.attachment.sizeBytes, mediaType: result.attachment.mediaType }, 'attachment added');
      return reply.redirect(`${attachmentPaths.page(a.nomination.id)}?tilfoejet=${result.attachment.id}`, 303);
    }
    switch (result.reason) {
      case 'withdrawn':
        return reply.redirect(receiptOf(a.nomination.id), 303);
      case 'not-open-yet':
      case 'deadline-passed':
        return renderPage(request, reply, a, { status: 409 });
      default:
        request.log.info({ reason: result.reason, detail: result.detail, bytes: upload.file?.sizeBytes ?? 0 }, 'attachment refused');
        return renderPage(request, reply, a, { error: result.reason });
    }
  });

  // --- Delete -----------------------------------------------------------------------------

  app.post<{ Params: FileParams }>(
    urls.deleteAttachment.pattern,
    { config: { access: 'nominator' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (!ID.test(request.params.attachmentId)) return sendErrorPage(request, reply, 404, 'notFound');
      const a = await requireNominationAccess(db, request, reply);
      if (!a) return reply;
      const result = await removeAttachment({
        db,
        edition: a.edition,
        nomination: a.nomination,
        attachmentId: Number(request.params.attachmentId),
        now: clock.now(),
      });
      if (result.ok) {
        // A sent file is marked, not deleted: it goes when the changes are sent, and the notice says so.
        const when = result.removed.pendingChange === 'removed' ? 'ved-afsendelse' : '1';
        return reply.redirect(`${attachmentPaths.page(a.nomination.id)}?slettet=${when}`, 303);
      }
      switch (result.reason) {
        case 'withdrawn':
          return reply.redirect(receiptOf(a.nomination.id), 303);
        case 'not-found':
          // Already gone (a second click): the list shows what is left.
          return reply.redirect(attachmentPaths.page(a.nomination.id), 303);
        default:
          return renderPage(request, reply, a, { status: 409 });
      }
    },
  );

  // --- Download ---------------------------------------------------------------------------

  app.get<{ Params: FileParams }>(urls.attachment.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    if (!ID.test(request.params.attachmentId)) return sendErrorPage(request, reply, 404, 'notFound');
    const a = await requireNominationAccess(db, request, reply);
    if (!a) return reply;
    const found = await openAttachment({ db, nominationId: a.nomination.id, attachmentId: Number(request.params.attachmentId) });
    if (!found) return sendErrorPage(request, reply, 404, 'notFound');
    if (!found.stream) {
      request.log.error({ attachmentId: found.attachment.id }, 'attachment bytes not in the database (not moved from disk?)');
      return sendErrorPage(request, reply, 404, 'notFound');
    }
    const f = found.attachment;
    return reply
      .code(200)
      .type(f.mediaType)
      .header('content-length', String(f.sizeBytes))
      .header('content-disposition', attachmentDisposition(f.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'same-origin')
      .header('cache-control', 'private, no-store')
      .send(found.stream);
  });
}
