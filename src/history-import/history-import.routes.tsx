import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../accounts/index.js';
import { csrfToken } from '../platform/csrf.js';
import type { AppDeps } from '../platform/deps.js';
import { sendErrorPage } from '../platform/errors.js';
import { mayAdminister, parseId, sendPage } from '../platform/http.js';
import { readUploadForm } from '../platform/multipart-upload.js';
import { pageContext } from '../platform/page-context.js';
import { contentDisposition } from '../platform/spreadsheet.js';
import { applyFormSchema } from './apply-form.js';
import { findAppliedImports } from './history-import.repo.js';
import { applyHistoryImport, findAwardForImport, previewHistoryImport, uploadHistoryFile, type ImportAward } from './history-import.service.js';
import { historyImportTexts, uploadRefusalText } from './i18n.js';
import { MAX_UPLOAD_BYTES } from './parse.js';
import { APPLY_STATUS, UPLOAD_STATUS } from './refusals.js';
import { sampleRoundsCsv, sampleSolutionsCsv, sampleXlsx } from './sample.js';
import { historyImportUrls as urls } from './urls.js';
import { PreviewPage, UploadPage } from './views/import-pages.js';

type UserActor = Extract<Actor, { kind: 'user' }>;
type Params = { Params: { id: string; importId?: string } };

function userOf(request: FastifyRequest): UserActor {
  const actor = request.actor;
  if (actor.kind !== 'user') throw Object.assign(new Error('not signed in'), { statusCode: 401 });
  return actor;
}

/**
 * The import of earlier years under /admin/priser/<award>/import, for administrators of the
 * organisation that owns the award: the upload page (with the sample files and the columns), the
 * upload (multipart, at most MAX_UPLOAD_BYTES kept), the preview (the dry run, each row with its
 * errors) and the apply (POST with the file's SHA-256; one transaction, audited). A refused upload
 * shows the page again with the reason beside the file field; nothing is stored.
 */
export async function historyImportRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, pageCache } = deps;
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 3, fieldSize: 2048, fieldNameSize: 100, parts: 5, headerPairs: 20 },
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const opts = { config: { access: 'admin' as const } };

  /** The award of the URL when the actor administers its organisation; else the 404 or 403 page is sent. */
  const awardOf = async (request: FastifyRequest<Params>, reply: FastifyReply): Promise<ImportAward | null> => {
    const id = parseId(request.params.id);
    const award = id === null ? null : await findAwardForImport(db, id);
    return (await mayAdminister(request, reply, award?.organisation.id ?? null)) ? award : null;
  };

  const uploadPage = async (request: FastifyRequest, reply: FastifyReply, status: number, award: ImportAward, error: string | null) => {
    const recent = await findAppliedImports(db, award.award.id);
    return sendPage(reply, status, UploadPage({ ctx: pageContext(request), csrf: csrfToken(reply), award, error, recent }));
  };

  app.get<Params>(urls.upload.pattern, opts, async (request, reply) => {
    const award = await awardOf(request, reply);
    if (!award) return reply;
    return uploadPage(request, reply, 200, award, null);
  });

  app.post<Params>(urls.upload.pattern, opts, async (request, reply) => {
    const received = await readUploadForm(app, request, reply, 'fil');
    const award = await awardOf(request, reply);
    if (!award) return reply;
    const h = historyImportTexts(pageContext(request).locale);
    if (!received.ok) return uploadPage(request, reply, 400, award, uploadRefusalText(h, { reason: 'incomplete' }));
    const result = await uploadHistoryFile({ db, actor: userOf(request), award, upload: received.file, now: clock.now() });
    if (!result.ok) return uploadPage(request, reply, UPLOAD_STATUS[result.reason], award, uploadRefusalText(h, result));
    return reply.redirect(urls.preview({ id: award.award.id, importId: result.importId }), 303);
  });

  app.get<Params>(urls.preview.pattern, opts, async (request, reply) => {
    const award = await awardOf(request, reply);
    if (!award) return reply;
    const importId = parseId(request.params.importId ?? '');
    const preview = importId === null ? null : await previewHistoryImport({ db, award, importId, now: clock.now() });
    if (!preview) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, 200, PreviewPage({ ctx: pageContext(request), csrf: csrfToken(reply), award, preview, error: null }));
  });

  app.post<Params>(urls.preview.pattern, { ...opts, preHandler: app.csrfProtection }, async (request, reply) => {
    const award = await awardOf(request, reply);
    if (!award) return reply;
    const importId = parseId(request.params.importId ?? '');
    if (importId === null) return sendErrorPage(request, reply, 404, 'notFound');
    const form = applyFormSchema.safeParse(request.body ?? {});
    const now = clock.now();
    const result = form.success
      ? await applyHistoryImport({ db, actor: userOf(request), award, importId, sha256: form.data.sha256, now })
      : ({ ok: false, reason: 'changed' } as const);
    if (result.ok) {
      pageCache.clear();
      return reply.redirect(urls.preview({ id: award.award.id, importId }), 303);
    }
    // A double press lands here: the first press applied it, so the page shows what it did.
    if (result.reason === 'already-applied') return reply.redirect(urls.preview({ id: award.award.id, importId }), 303);
    const preview = await previewHistoryImport({ db, award, importId, now });
    if (!preview) return sendErrorPage(request, reply, 404, 'notFound');
    const h = historyImportTexts(pageContext(request).locale);
    return sendPage(
      reply,
      APPLY_STATUS[result.reason],
      PreviewPage({ ctx: pageContext(request), csrf: csrfToken(reply), award, preview, error: h.applyError[result.reason] }),
    );
  });

  // The sample files: fixed content, the same for every administrator.
  const download = (reply: FastifyReply, type: string, name: string, body: Buffer) =>
    reply.type(type).header('content-disposition', contentDisposition(name)).header('x-content-type-options', 'nosniff').send(body);
  app.get(urls.sampleXlsx.pattern, opts, async (_request, reply) =>
    download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'prisportal-eksempel-tidligere-aar.xlsx', await sampleXlsx()),
  );
  app.get(urls.sampleRoundsCsv.pattern, opts, async (_request, reply) =>
    download(reply, 'text/csv; charset=utf-8', 'prisportal-eksempel-runder.csv', sampleRoundsCsv()),
  );
  app.get(urls.sampleSolutionsCsv.pattern, opts, async (_request, reply) =>
    download(reply, 'text/csv; charset=utf-8', 'prisportal-eksempel-loesninger.csv', sampleSolutionsCsv()),
  );
}
