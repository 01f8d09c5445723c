import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { cleanText, isEmail } from '../platform/fields.js';
import { sendPage } from '../platform/http.js';
import { pageContext } from '../platform/page-context.js';
import { hitRateLimit } from '../platform/rate-limit.js';
import { looksLikeToken } from '../platform/tokens.js';
import { setAccessCookie } from './access.js';
import { nominationTexts } from './i18n.js';
import { checkLinkRecovery, requestLinkRecovery, useLinkRecovery } from './link-recovery.service.js';
import { nominationsUrls as urls } from './urls.js';
import { LinkRecoveryPage, LostLinkPage } from './views/link-recovery-pages.js';

/** "Send mig mit link igen" (link-recovery.service.ts): the request form and the e-mailed link's confirmation. */
export async function linkRecoveryRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  const noStore = { 'cache-control': 'no-store' };

  app.get(urls.lostLink.pattern, { config: { access: 'public' } }, async (request, reply) =>
    sendPage(reply.headers(noStore), 200, LostLinkPage({ ctx: pageContext(request), csrf: csrfToken(reply), email: '' })),
  );

  app.post(urls.lostLink.pattern, { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale).linkRecovery;
    const email = cleanText((request.body as Record<string, unknown> | undefined)?.email, false).slice(0, 300);
    reply.headers(noStore);
    if (!isEmail(email)) return sendPage(reply, 400, LostLinkPage({ ctx, csrf: csrfToken(reply), email, error: t.emailRequired }));
    const now = clock.now();
    // Limited per client, with a 429 to that client only; what one nomination receives is capped quietly.
    const byClient = await hitRateLimit(db, deps.rateLimits.nominationLinkRecovery, `ip:${request.ip}`, now);
    if (!byClient.allowed) {
      reply.header('retry-after', String(byClient.retryAfterSeconds));
      const e = ctx.t.errors;
      return sendPage(
        reply,
        429,
        LostLinkPage({ ctx, csrf: csrfToken(reply), email, notice: { variant: 'error', heading: e.tooManyTitle, body: e.tooManyBody } }),
      );
    }
    await requestLinkRecovery({ db, email, now, mail: { baseUrl: deps.publicBaseUrl } });
    // The same answer whether or not the address has nominations: nothing leaks.
    return sendPage(
      reply,
      200,
      LostLinkPage({ ctx, csrf: csrfToken(reply), email: '', notice: { variant: 'success', heading: t.sentHeading, body: t.sentBody } }),
    );
  });

  // GET only shows a button: mail scanners that open links must not use up the single-use link.
  app.get<{ Params: { token: string } }>(urls.linkRecovery.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const { token } = request.params;
    const checked = looksLikeToken(token) ? await checkLinkRecovery(db, token, clock.now()) : ({ ok: false, reason: 'unknown' } as const);
    reply.headers({ ...noStore, 'referrer-policy': 'no-referrer' });
    const page = LinkRecoveryPage({
      ctx: pageContext(request),
      csrf: csrfToken(reply),
      token,
      title: checked.ok ? checked.title : null,
      refusal: checked.ok ? null : checked.reason,
    });
    return sendPage(reply, checked.ok ? 200 : checked.reason === 'unknown' ? 404 : 410, page);
  });

  app.post<{ Params: { token: string } }>(
    urls.linkRecovery.pattern,
    { config: { access: 'public' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { token } = request.params;
      const used = looksLikeToken(token) ? await useLinkRecovery({ db, token, now: clock.now() }) : ({ ok: false, reason: 'unknown' } as const);
      reply.headers({ ...noStore, 'referrer-policy': 'no-referrer' });
      if (!used.ok) {
        const page = LinkRecoveryPage({ ctx: pageContext(request), csrf: csrfToken(reply), token, title: null, refusal: used.reason });
        return sendPage(reply, used.reason === 'unknown' ? 404 : 410, page);
      }
      setAccessCookie(reply, used.nominationId, used.accessToken);
      return reply.redirect(urls.nomination({ id: used.nominationId }), 303);
    },
  );
}
