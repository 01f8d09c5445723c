import { apiTokenTexts } from './i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import type { FieldError } from '../platform/ui/index.js';
import { API_TOKEN_NAME_MAX, checkTokenName, issueApiToken, listApiTokens, withdrawApiToken } from './api-tokens.service.js';
import { ApiTokensPage } from './views/api-tokens-page.js';
import { parseId, sendPage } from '../platform/http.js';

/**
 * /min-side/api-noegler: an administrator makes, sees and revokes their personal API tokens
 * for the admin API. A new token is shown once, in the answer to the POST that made it (never
 * in a URL, never again).
 */
export async function apiTokenRoutes(app: FastifyInstance, { db, clock }: AppDeps) {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; name?: string; errors?: FieldError[]; created?: { name: string; token: string }; notice?: string } = {},
  ) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
    const tokens = await listApiTokens(db, actor.user.id);
    return sendPage(
      reply,
      extra.status ?? 200,
      ApiTokensPage({
        ctx: pageContext(request),
        csrf: csrfToken(reply),
        tokens,
        name: extra.name ?? '',
        errors: extra.errors ?? [],
        created: extra.created,
        notice: extra.notice,
      }),
    );
  };

  app.get<{ Querystring: { tilbagekaldt?: string } }>('/min-side/api-noegler', { config: { access: 'admin' } }, async (request, reply) =>
    page(request, reply, { notice: request.query.tilbagekaldt === '1' ? apiTokenTexts(pageContext(request).locale).revoked : undefined }),
  );

  app.post('/min-side/api-noegler', { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
    const a = apiTokenTexts(pageContext(request).locale);
    const raw = (request.body as { navn?: unknown } | undefined)?.navn;
    const typed = typeof raw === 'string' ? raw.slice(0, 1000) : '';
    const checked = checkTokenName(typed);
    if (!checked.ok) {
      const message = checked.reason === 'required' ? a.nameRequired : a.nameTooLong(API_TOKEN_NAME_MAX);
      return page(request, reply, { status: 400, name: typed, errors: [{ field: 'token-name', message }] });
    }
    const made = await issueApiToken({ db, actor, name: checked.name, now: clock.now() });
    request.log.info({ tokenId: made.row.id }, 'api token created');
    return page(request, reply, { created: { name: made.row.name, token: made.token } });
  });

  app.post<{ Params: { id: string } }>(
    '/min-side/api-noegler/:id/tilbagekald',
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
      const raw = request.params.id;
      const id = parseId(raw);
      // Another user's token, or one already revoked, is a page that does not exist.
      if (id === null || !(await withdrawApiToken({ db, actor, tokenId: id, now: clock.now() }))) return sendErrorPage(request, reply, 404, 'notFound');
      request.log.info({ tokenId: id }, 'api token revoked');
      return reply.redirect('/min-side/api-noegler?tilbagekaldt=1', 303);
    },
  );
}
