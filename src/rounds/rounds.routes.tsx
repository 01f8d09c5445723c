import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { mayAdminister, parseId, sendPage } from '../platform/http.js';
import { pageContext } from '../platform/page-context.js';
import { findRound, loadAdminOverview, loadDashboard } from './rounds.service.js';
import { roundsUrls as urls } from './urls.js';
import { AdminOverviewPage } from './views/admin-overview.js';
import { DashboardPage } from './views/dashboard.js';

/** The administration's front page and each round's dashboard: for administrators, never cached. */
export async function roundsRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // Administrators only (the route gate); the page lists only the user's own organisations.
  app.get(urls.adminHome.pattern, { config: { access: 'admin' } }, async (request, reply) => {
    const actor = request.actor;
    const now = clock.now();
    const overview = await loadAdminOverview(db, actor.kind === 'user' ? actor.adminOf : new Set(), now);
    return sendPage(reply, 200, AdminOverviewPage({ ctx: pageContext(request), csrf: csrfToken(reply), overview, now }));
  });

  // The round's organisation is checked before anything of the round is counted or shown.
  app.get<{ Params: { id: string } }>(urls.dashboard.pattern, { config: { access: 'admin' } }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === null) return sendErrorPage(request, reply, 404, 'notFound');
    const found = await findRound(db, id);
    if (!(await mayAdminister(request, reply, found?.organisation.id ?? null))) return reply;
    const now = clock.now();
    const round = await loadDashboard(db, found!, now);
    return sendPage(reply, 200, DashboardPage({ ctx: pageContext(request), csrf: csrfToken(reply), round, now }));
  });
}
