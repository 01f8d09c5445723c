import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { isMemberOf } from '../accounts/index.js';
import { sendErrorPage } from '../platform/errors.js';
import { parseId, sendPage } from '../platform/http.js';
import { pageContext } from '../platform/page-context.js';
import { getMemberEdition, listMyEditions } from './members.service.js';
import { MemberEditionView, MyEditionsPage } from './views/member-pages.js';
import { membersUrls as urls } from './urls.js';

/**
 * The pages of committee and patient panel members: their editions, and each edition as they
 * see it. The route gate lets in any member; each route then shows only the user's own
 * active memberships (request.actor is read from the database on every request, so a removed
 * member loses access at once).
 */
export async function memberRoutes(app: FastifyInstance, { db, clock }: AppDeps) {
  app.get(urls.myEditions.pattern, { config: { access: 'member' } }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
    const editions = await listMyEditions(db, actor.memberships, clock.now());
    return sendPage(reply, 200, MyEditionsPage({ ctx: pageContext(request), editions }));
  });

  app.get<{ Params: { editionId: string } }>(urls.myEdition.pattern, { config: { access: 'member' } }, async (request, reply) => {
    const actor = request.actor;
    const raw = request.params.editionId;
    const editionId = parseId(raw);
    if (editionId === null) return sendErrorPage(request, reply, 404, 'notFound');
    // 403 whether or not the edition exists: a member learns nothing about other editions.
    const allowed = isMemberOf(actor, editionId);
    if (!allowed.ok || actor.kind !== 'user') {
      request.log.info({ editionId, reason: allowed.ok ? 'not-signed-in' : allowed.reason }, 'member refused for another edition');
      return sendErrorPage(request, reply, 403, 'forbidden');
    }
    const page = await getMemberEdition(db, actor.memberships, editionId, clock.now());
    if (!page) return sendErrorPage(request, reply, 403, 'forbidden');
    return sendPage(reply, 200, MemberEditionView({ ctx: pageContext(request), page }));
  });
}
