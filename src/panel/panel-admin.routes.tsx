import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { administeredEdition } from '../platform/http.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import { panelTexts } from './i18n.js';
import { getPanelAdminPage, saveSummary } from './panel-admin.service.js';
import { PanelAdminView, type SummaryForm } from './views/admin-panel-page.js';
import { titleOf } from './views/ballot-pages.js';
import { parseId, sendPage } from '../platform/http.js';
import { panelUrls as urls } from './urls.js';

/**
 * The administrators' page of an edition's patient panel (/admin/udgaver/:id/panel): the
 * nominees' plain-language summaries with their LIX and an edit form each, who has voted of
 * how many (never what), and the Schulze count once voting has closed.
 */
export async function panelAdminRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  /** The edition's id when the actor administers its organisation; otherwise the 404 or 403 page is sent and null returned. */
  const editionFor = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<number | null> =>
    administeredEdition(deps, request, reply, request.params.id);

  const show = async (request: FastifyRequest, reply: FastifyReply, editionId: number, form: SummaryForm, saved: number | null, status: number) => {
    const page = await getPanelAdminPage(db, editionId, clock.now());
    if (!page) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, status, PanelAdminView({ ctx: pageContext(request), csrf: csrfToken(reply), page, form, saved }));
  };

  app.get<{ Params: { id: string }; Querystring: { gemt?: string } }>(urls.adminPanel.pattern, { config: { access: 'admin' } }, async (request, reply) => {
    const editionId = await editionFor(request, reply);
    if (editionId === null) return reply;
    const saved = typeof request.query.gemt === 'string' ? parseId(request.query.gemt) : null;
    return show(request, reply, editionId, null, saved, 200);
  });

  app.post<{ Params: { id: string; nominationId: string } }>(
    urls.summary.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await editionFor(request, reply);
      if (editionId === null) return reply;
      const nominationId = parseId(request.params.nominationId);
      if (nominationId === null) return sendErrorPage(request, reply, 404, 'notFound');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = typeof body.resume === 'string' ? body.resume : '';
      const result = await saveSummary({ db, actor: request.actor, editionId, nominationId, text, now: clock.now() });
      if (result.ok) return reply.redirect(`${urls.adminPanel({ id: editionId }, { gemt: nominationId })}#summary-${nominationId}-heading`, 303);
      if (result.reason === 'not-nominee') return sendErrorPage(request, reply, 404, 'notFound');
      // The administrator's text is kept as typed, to correct it.
      const p = panelTexts(pageContext(request).locale);
      const page = await getPanelAdminPage(db, editionId, clock.now());
      const nominee = page?.nominees?.find((n) => n.id === nominationId) ?? { title: '' };
      const title = titleOf(p, nominee);
      const error = result.problem.code === 'required' ? p.admin.summaryRequired(title) : p.admin.summaryTooLong(result.problem.max, title);
      return show(request, reply, editionId, { nominationId, text: text.slice(0, 20_000), error }, null, 400);
    },
  );
}
