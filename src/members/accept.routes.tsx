import type { FastifyInstance } from 'fastify';
import { signIn } from '../accounts/index.js';
import { csrfToken } from '../platform/csrf.js';
import type { AppDeps } from '../platform/deps.js';
import { sendPage } from '../platform/http.js';
import { pageContext } from '../platform/page-context.js';
import { looksLikeToken } from '../platform/tokens.js';
import { membersTexts } from './i18n.js';
import { canAcceptInvitation } from './invitation-rules.js';
import { acceptInvitation, findInvitationByToken, invitationUrl } from './invitations.service.js';
import { AcceptInvitationPage, InvitationRefusedPage } from './views/accept-page.js';
import { membersUrls as urls } from './urls.js';

/**
 * The invitation link: GET /invitation/:token shows what it is for and a button (changing
 * nothing, so a mail scanner cannot use it up); POST accepts it, signs the person in as the
 * invited address's account and goes to the edition under "Mine udgaver". A link that cannot
 * be used answers 410 (404 for one that never existed) with the reason in plain words.
 */
export async function acceptInvitationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  app.get<{ Params: { token: string } }>(urls.invitation.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const { token } = request.params;
    const found = looksLikeToken(token) ? await findInvitationByToken(db, token) : null;
    const may = canAcceptInvitation(found?.invitation ?? null, clock.now());
    if (!may.ok || !found) {
      const reason = may.ok ? 'unknown' : may.reason;
      request.log.warn({ reason }, 'invitation link refused');
      return sendPage(reply, reason === 'unknown' ? 404 : 410, InvitationRefusedPage({ ctx, reason }));
    }
    const { invitation, edition } = found;
    return sendPage(
      reply,
      200,
      AcceptInvitationPage({
        ctx,
        csrf: csrfToken(reply),
        action: invitationUrl(token),
        group: membersTexts(ctx.locale).group[invitation.role],
        edition: ctx.t.award.edition(edition.award.name, edition.edition.year),
        organisation: edition.organisation.name,
      }),
    );
  });

  app.post<{ Params: { token: string } }>(urls.invitation.pattern, { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const { token } = request.params;
    const result = looksLikeToken(token) ? await acceptInvitation({ db, token, now: clock.now() }) : ({ ok: false, reason: 'unknown' } as const);
    if (!result.ok) {
      request.log.warn({ reason: result.reason }, 'invitation link refused');
      return sendPage(reply, result.reason === 'unknown' ? 404 : 410, InvitationRefusedPage({ ctx, reason: result.reason }));
    }
    await signIn(deps, request, reply, result.userId, 'email-link');
    request.log.info({ userId: result.userId, memberId: result.memberId }, 'invitation accepted');
    return reply.header('cache-control', 'no-store').redirect(urls.myEdition({ editionId: result.editionId }), 303);
  });
}
