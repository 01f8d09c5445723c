import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.js';
import { loadConfig } from '../config.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { render } from '../platform/layout.js';
import { pageContext } from '../platform/page-context.js';
import { decideScreening, SCREENING_REASON_MAX, type ScreeningDecision } from '../nominations/screening.service.js';
import { getAdminOverview, getNominationDetail, getNominationExport, getNominationList } from './admin.service.js';
import { ADMIN_COOKIE, ADMIN_COOKIE_PATH, SESSION_MS, issueSession, safeReturnPath, sessionIsValid, tokenMatches } from './auth.js';
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from './sign-in-limit.js';
import { contentDisposition } from '../nominations/export.js';
import { parseListQuery } from './list-query.js';
import { NominationListPage } from './views/nomination-list.js';
import { NominationPage, type ScreeningForm } from './views/nomination-page.js';
import { OverviewPage } from './views/overview.js';
import type { FieldErrors } from './views/parts.js';
import { NotConfiguredPage, SignInPage, TooManyAttemptsPage } from './views/sign-in.js';

export type AdminDeps = AppDeps & {
  /**
   * The shared administrator token. `undefined`: read ADMIN_TOKEN from the environment
   * (validated at start-up by loadConfig); `null`: administration is off.
   */
  adminToken?: string | null;
};

/** Database ids are positive int4; anything else in the URL is a page that does not exist. */
function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : null;
}

function sendPage(reply: FastifyReply, status: number, page: JSX.Element): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(page));
}

const DECISIONS: Record<string, ScreeningDecision> = { egnet: 'eligible', 'ikke-egnet': 'not-eligible' };

/**
 * The administrators' pages under /admin: sign-in with the shared token (until the accounts
 * issue brings personal sign-in), the editions, each edition's nominations (list, exports),
 * each nomination in full with its screening.
 */
export async function adminRoutes(app: FastifyInstance, opts: AdminDeps) {
  const { db, clock } = opts;
  const token = opts.adminToken === undefined ? loadConfig().adminToken : (opts.adminToken ?? undefined);

  if (!token) {
    // Every administration address says how to turn administration on.
    const notConfigured = async (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, 503, NotConfiguredPage({ ctx: pageContext(request) }));
    app.route({ method: ['GET', 'POST'], url: '/admin', handler: notConfigured });
    app.route({ method: ['GET', 'POST'], url: '/admin/*', handler: notConfigured });
    return;
  }

  app.get('/admin/log-ind', async (request, reply) => {
    const returnTo = safeReturnPath((request.query as Record<string, unknown>).tilbage);
    return sendPage(reply, 200, SignInPage({ ctx: pageContext(request), csrf: csrfToken(reply), returnTo, errors: [] }));
  });

  app.post('/admin/log-ind', { preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const now = clock.now();
    const waitMs = await signInBlockedFor(db, request.ip, now);
    if (waitMs > 0) {
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return sendPage(reply, 429, TooManyAttemptsPage({ ctx }));
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const given = typeof body.token === 'string' ? body.token.trim() : '';
    const returnTo = safeReturnPath(body.tilbage);
    const again = (status: number, message: string) =>
      sendPage(reply, status, SignInPage({ ctx, csrf: csrfToken(reply), returnTo, errors: [{ field: 'token', target: 'token', message }] }));
    if (given === '') return again(400, ctx.t.admin.tokenMissing);
    if (!tokenMatches(given, token)) {
      await recordFailedSignIn(db, request.ip, now);
      request.log.warn({ ip: request.ip }, 'wrong administrator token');
      return again(403, ctx.t.admin.tokenWrong);
    }
    await clearFailedSignIns(db, request.ip);
    request.log.info({ ip: request.ip }, 'administrator signed in');
    reply.setCookie(ADMIN_COOKIE, issueSession(token, now), {
      path: ADMIN_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: 'auto',
      maxAge: SESSION_MS / 1000,
    });
    return reply.redirect(returnTo, 303);
  });

  app.post('/admin/log-ud', { preHandler: app.csrfProtection }, async (_request, reply) => {
    reply.clearCookie(ADMIN_COOKIE, { path: ADMIN_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: 'auto' });
    return reply.redirect('/admin/log-ind', 303);
  });

  // Everything else needs a signed-in administrator.
  await app.register(async (admin) => {
    admin.addHook('preHandler', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (sessionIsValid(request.cookies[ADMIN_COOKIE], token, clock.now())) return;
      const back = request.method === 'GET' ? safeReturnPath(request.url) : '/admin';
      const target = back === '/admin' ? '/admin/log-ind' : `/admin/log-ind?tilbage=${encodeURIComponent(back)}`;
      return reply.redirect(target, 303);
    });

    admin.get('/admin', async (request, reply) => {
      const awards = await getAdminOverview(db, clock.now());
      return sendPage(reply, 200, OverviewPage({ ctx: pageContext(request), csrf: csrfToken(reply), awards }));
    });

    admin.get<{ Params: { id: string } }>('/admin/udgaver/:id/indstillinger', async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return sendErrorPage(request, reply, 404, 'notFound');
      const list = await getNominationList(db, id, parseListQuery(request.query));
      if (!list) return sendErrorPage(request, reply, 404, 'notFound');
      return sendPage(reply, 200, NominationListPage({ ctx: pageContext(request), csrf: csrfToken(reply), list }));
    });

    const exportRoute = (format: 'csv' | 'xlsx') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const id = parseId(request.params.id);
      if (id === null) return sendErrorPage(request, reply, 404, 'notFound');
      const file = await getNominationExport(db, id, pageContext(request).t.admin, format);
      if (!file) return sendErrorPage(request, reply, 404, 'notFound');
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.body);
    };
    admin.get('/admin/udgaver/:id/indstillinger.csv', exportRoute('csv'));
    admin.get('/admin/udgaver/:id/indstillinger.xlsx', exportRoute('xlsx'));

    admin.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/admin/indstillinger/:id', async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return sendErrorPage(request, reply, 404, 'notFound');
      const detail = await getNominationDetail(db, id);
      if (!detail) return sendErrorPage(request, reply, 404, 'notFound');
      const form: ScreeningForm = { decision: null, reason: '', errors: [], saved: request.query.gemt === '1' };
      return sendPage(reply, 200, NominationPage({ ctx: pageContext(request), csrf: csrfToken(reply), detail, form }));
    });

    admin.post<{ Params: { id: string } }>('/admin/indstillinger/:id/screening', { preHandler: admin.csrfProtection }, async (request, reply) => {
      const id = parseId(request.params.id);
      if (id === null) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      const a = ctx.t.admin;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const decision = typeof body.beslutning === 'string' ? (DECISIONS[body.beslutning] ?? null) : null;
      const reason = typeof body.begrundelse === 'string' ? body.begrundelse.normalize('NFC').replace(/\r\n?/g, '\n') : '';
      const errors: FieldErrors = [];
      if (!decision) errors.push({ field: 'decision', target: 'decision-eligible', message: a.decisionMissing });
      if (reason.trim().length > SCREENING_REASON_MAX) errors.push({ field: 'reason', target: 'reason', message: a.reasonTooLong(SCREENING_REASON_MAX) });

      let status = 400;
      if (decision && errors.length === 0) {
        const result = await decideScreening({ db, nominationId: id, decision, reason, now: clock.now() });
        if (result.ok) return reply.redirect(`/admin/indstillinger/${id}?gemt=1`, 303);
        if (result.reason === 'not-found' || result.reason === 'not-sent') return sendErrorPage(request, reply, 404, 'notFound');
        if (result.reason === 'reason-required') errors.push({ field: 'reason', target: 'reason', message: a.reasonRequired });
        // Withdrawn meanwhile: the page shows that it is withdrawn, without the form.
        if (result.reason === 'withdrawn') status = 409;
      }
      const detail = await getNominationDetail(db, id);
      if (!detail) return sendErrorPage(request, reply, 404, 'notFound');
      const form: ScreeningForm = { decision, reason, errors, saved: false };
      return sendPage(reply, status, NominationPage({ ctx, csrf: csrfToken(reply), detail, form }));
    });
  });
}
