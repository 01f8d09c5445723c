import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../platform/deps.js';
import { ButtonGroup, ButtonLink, render } from '../platform/ui/index.js';
import { pageContext } from '../platform/page-context.js';
import { safeReturnPath } from '../platform/return-path.js';
import { identityProviders } from './accounts.schema.js';
import { accountTexts } from './i18n.js';
import {
  attemptCookieName,
  clientSecretOf,
  decodeAttempt,
  encodeAttempt,
  finishOidcSignIn,
  findOrCreateOidcUser,
  grantListedAdmin,
  OIDC_ATTEMPT_TTL_MS,
  OIDC_CALLBACK_PATH,
  OidcDiscoveryCache,
  OidcSignInError,
  startOidcSignIn,
  type IdentityProvider,
  type OidcRefusal,
} from './oidc.js';
import { signIn } from './sign-in.routes.js';
import { MessagePage } from './views/sign-in-pages.js';

const STATUS: Record<OidcRefusal, number> = {
  'attempt-missing': 400,
  'attempt-mismatch': 400,
  'attempt-expired': 400,
  'state-replayed': 400,
  'access-denied': 401,
  'provider-error': 401,
  'invalid-response': 401,
  'wrong-tenant': 401,
  'no-email': 401,
  'email-unverified': 401,
  'email-in-use': 401,
  'provider-unreachable': 503,
};

/**
 * Sign-in through an organisation's OpenID Connect provider: GET /log-ind/oidc/:providerId
 * sends the browser to the provider; the provider sends it back to the one redirect URI,
 * GET /log-ind/oidc/callback, which signs the person in. Every refusal is a plain Danish
 * page (400, 401 or 503) and a log line with the reason; no page says whether an account
 * exists.
 */
export async function oidcRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  const discovery = new OidcDiscoveryCache(clock);
  const redirectUri = `${deps.publicBaseUrl}${OIDC_CALLBACK_PATH}`;

  const loadProvider = async (id: number): Promise<IdentityProvider | null> => {
    const [row] = await db
      .select()
      .from(identityProviders)
      .where(and(eq(identityProviders.id, id), eq(identityProviders.enabled, true)))
      .limit(1);
    return row ?? null;
  };

  const page = (request: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string, retry: { providerId?: number; back: string }) => {
    const ctx = pageContext(request);
    const t = accountTexts(ctx.locale).oidc;
    const back = encodeURIComponent(retry.back);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        render(
          <MessagePage ctx={ctx} title={title} body={body}>
            <ButtonGroup>
              {retry.providerId !== undefined ? (
                <ButtonLink variant="primary" href={`/log-ind/oidc/${retry.providerId}?tilbage=${back}`} text={t.tryAgain} />
              ) : (
                ''
              )}
              <ButtonLink variant={retry.providerId !== undefined ? 'secondary' : 'primary'} href={`/log-ind?tilbage=${back}`} text={t.backToSignIn} />
            </ButtonGroup>
          </MessagePage>,
        ),
      );
  };

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: OidcRefusal, provider: IdentityProvider | null, back: string, detail?: string) => {
    const t = accountTexts(pageContext(request).locale).oidc;
    const label = provider?.label ?? '';
    request.log.warn({ reason, providerId: provider?.id ?? null, detail }, 'oidc sign-in refused');
    if (reason === 'provider-unreachable') return page(request, reply, 503, t.unavailableTitle, t.providerDown(label), { providerId: provider?.id, back });
    const body = {
      'attempt-missing': t.expired,
      'attempt-mismatch': t.expired,
      'attempt-expired': t.expired,
      'state-replayed': t.expired,
      'access-denied': t.denied,
      'provider-error': t.providerError,
      'invalid-response': t.invalidResponse,
      'wrong-tenant': t.wrongTenant(label),
      'no-email': t.noAccount,
      'email-unverified': t.emailUnverified,
      'email-in-use': t.noAccount,
    }[reason];
    return page(request, reply, STATUS[reason], t.refusedTitle, body, { providerId: provider?.id, back });
  };

  app.get<{ Params: { providerId: string }; Querystring: { tilbage?: string } }>(
    '/log-ind/oidc/:providerId',
    { config: { access: 'public' } },
    async (request, reply) => {
      const { providerId } = request.params;
      const provider = /^\d{1,9}$/.test(providerId) ? await loadProvider(Number(providerId)) : null;
      if (!provider) return reply.callNotFound();
      const back = safeReturnPath(request.query.tilbage ?? '/min-side');
      const t = accountTexts(pageContext(request).locale).oidc;
      const secret = clientSecretOf(provider);
      if (!secret) {
        request.log.warn({ providerId: provider.id, env: provider.clientSecretEnv }, 'oidc client secret missing: the environment variable is not set');
        return page(request, reply, 503, t.unavailableTitle, t.notConfigured(provider.label), { back });
      }
      let started: Awaited<ReturnType<typeof startOidcSignIn>>;
      try {
        const config = await discovery.get(provider, secret);
        started = await startOidcSignIn({ config, provider, redirectUri, back, now: clock.now() });
      } catch (err) {
        if (err instanceof OidcSignInError) return refuse(request, reply, err.reason, provider, back, err.detail);
        throw err;
      }
      const name = attemptCookieName(started.attempt.state)!;
      reply.setCookie(name, encodeAttempt(started.attempt), {
        path: OIDC_CALLBACK_PATH,
        httpOnly: true,
        sameSite: 'lax',
        maxAge: Math.floor(OIDC_ATTEMPT_TTL_MS / 1000),
      });
      return reply.header('cache-control', 'no-store').redirect(started.url.href, 303);
    },
  );

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(OIDC_CALLBACK_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const q = request.query;
    const state = typeof q.state === 'string' ? q.state : '';
    const cookieName = attemptCookieName(state);
    if (cookieName) reply.clearCookie(cookieName, { path: OIDC_CALLBACK_PATH });
    const attempt = decodeAttempt(cookieName ? request.cookies[cookieName] : undefined);
    if (!attempt) {
      // Without its attempt the answer cannot be checked; an error answer still says what happened.
      const error = typeof q.error === 'string' ? q.error : null;
      const reason: OidcRefusal = error === 'access_denied' ? 'access-denied' : error !== null ? 'provider-error' : 'attempt-missing';
      return refuse(request, reply, reason, null, '/min-side', error ? `${error.slice(0, 100)} (no attempt cookie)` : undefined);
    }
    const back = safeReturnPath(attempt.back);
    const provider = await loadProvider(attempt.providerId);
    if (!provider) return refuse(request, reply, 'attempt-mismatch', null, back, 'provider unknown or disabled');
    const secret = clientSecretOf(provider);
    if (!secret) {
      const t = accountTexts(pageContext(request).locale).oidc;
      request.log.warn({ providerId: provider.id, env: provider.clientSecretEnv }, 'oidc client secret missing: the environment variable is not set');
      return page(request, reply, 503, t.unavailableTitle, t.notConfigured(provider.label), { back });
    }
    const now = clock.now();
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    // As the provider sent the browser here: the registered redirect URI plus the answer.
    const callbackUrl = new URL(`${redirectUri}${query}`);
    try {
      const config = await discovery.get(provider, secret);
      const identity = await finishOidcSignIn({ db, config, provider, attempt, callbackUrl, now });
      const found = await findOrCreateOidcUser(db, identity, provider);
      if (!found.ok) return refuse(request, reply, found.reason, provider, back, `subject ${identity.subject}${found.detail ? ` ${found.detail}` : ''}`);
      if (found.emailKept) request.log.warn({ userId: found.user.id, providerId: provider.id }, 'oidc e-mail change not applied: another user has that e-mail');
      const madeAdmin = await grantListedAdmin(db, provider, found.user, identity, now);
      await signIn(deps, request, reply, found.user.id, 'oidc');
      request.log.info({ userId: found.user.id, providerId: provider.id, created: found.created, madeAdmin }, 'oidc sign-in');
      return reply.header('cache-control', 'no-store').redirect(back, 303);
    } catch (err) {
      if (err instanceof OidcSignInError) return refuse(request, reply, err.reason, provider, back, err.detail);
      throw err;
    }
  });
}
