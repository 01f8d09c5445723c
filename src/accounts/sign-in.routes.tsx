import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../platform/deps.js';
import { awards, editions, organisations } from '../db/schema.js';
import { isEmail } from '../platform/fields.js';
import { looksLikeToken } from '../platform/tokens.js';
import { render } from '../platform/ui/index.js';
import { pageContext } from '../platform/page-context.js';
import { safeReturnPath } from '../platform/return-path.js';
import { hitRateLimit } from '../platform/rate-limit.js';
import { identityProviders, organisationAdmins, users } from './accounts.schema.js';
import { consumeEmailLink, checkEmailLink, findUserByEmail, mailSignInLink } from './email-links.js';
import { accountTexts } from './i18n.js';
import { createSession, revokeAllSessions, revokeSession, SESSION_ABSOLUTE_MS, SESSION_COOKIE, SESSION_WARNING_MS } from './sessions.js';
import { AccountPage, LinkConfirmPage, MessagePage, SignInPage } from './views/sign-in-pages.js';

export const DEMO_ADMIN_EMAIL = 'demo.administrator@prisportal.local';

const html = (reply: FastifyReply, body: JSX.Element, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(body));

/** Starts a session and sets its cookie; a new token every time (no session fixation). */
export async function signIn(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  method: 'oidc' | 'email-link' | 'demo',
) {
  const old = request.cookies[SESSION_COOKIE];
  if (old && looksLikeToken(old)) await revokeSession(deps.db, old, deps.clock.now());
  const token = await createSession(deps.db, userId, method, deps.clock.now());
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

const back = (request: FastifyRequest) => safeReturnPath((request.query as { tilbage?: unknown } | undefined)?.tilbage ?? '/min-side');

/**
 * Sign-in by e-mail link (committee and panel members, and anyone with an account), the demo
 * administrator, "Min side", sign-out and sign-out everywhere, and the session status the
 * timeout warning reads. OpenID Connect sign-in lives in oidc.routes.ts.
 */
export async function signInRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  const providerList = () =>
    db.select({ id: identityProviders.id, label: identityProviders.label }).from(identityProviders).where(eq(identityProviders.enabled, true));

  const signInPage = async (request: FastifyRequest, reply: FastifyReply, extra: { email?: string; error?: string; notice?: string; status?: number } = {}) => {
    const ctx = pageContext(request);
    return html(
      reply,
      <SignInPage
        ctx={ctx}
        t={accountTexts(ctx.locale)}
        csrf={reply.generateCsrf()}
        providers={await providerList()}
        demo={deps.demoSignIn}
        email={extra.email ?? ''}
        error={extra.error}
        notice={extra.notice}
        back={back(request)}
      />,
      extra.status ?? (extra.error ? 400 : 200),
    );
  };

  // Shown to the signed-in too: one may sign in as somebody else (the old session is revoked).
  app.get('/log-ind', { config: { access: 'public' } }, (request, reply) => signInPage(request, reply));

  app.post('/log-ind/email', { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = accountTexts(ctx.locale).signIn;
    const raw = (request.body as { email?: unknown } | undefined)?.email;
    const email = typeof raw === 'string' ? raw.trim().slice(0, 300) : '';
    if (email === '') return signInPage(request, reply, { email, error: t.emailRequired });
    if (!isEmail(email)) return signInPage(request, reply, { email, error: t.emailFormat });
    const now = clock.now();
    // Limited per client, with a 429 to that client only. What one address receives is capped
    // quietly in mailSignInLink, so asking on somebody else's behalf can neither flood their
    // inbox nor lock them out: they get the same answer, and the links they have still work.
    const byClient = await hitRateLimit(db, deps.rateLimits.signInLink, `ip:${request.ip}`, now);
    if (!byClient.allowed) {
      reply.header('retry-after', String(byClient.retryAfterSeconds));
      request.log.warn('sign-in link rate limit');
      return signInPage(request, reply, { email, notice: t.tooMany, status: 429 });
    }
    const to = back(request);
    const mailed = await mailSignInLink({
      db,
      email,
      now,
      mail: (name, token) => ({
        subject: t.mailSubject,
        text: t.mailBody(name, `${deps.publicBaseUrl}/log-ind/link/${token}${to !== '/min-side' ? `?tilbage=${encodeURIComponent(to)}` : ''}`),
      }),
    });
    if (!mailed.sent && mailed.reason === 'links-outstanding') request.log.info({ reason: mailed.reason }, 'sign-in link not sent');
    // The same answer whether or not the account exists: nothing leaks.
    return html(reply, <MessagePage ctx={ctx} title={t.sentTitle} body={t.sentBody(email)} />);
  });

  // GET only shows a button: mail scanners that open links must not use up the single-use link.
  app.get<{ Params: { token: string } }>('/log-ind/link/:token', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = accountTexts(ctx.locale).signIn;
    const { token } = request.params;
    const check = looksLikeToken(token) ? await checkEmailLink(db, token, clock.now()) : ({ ok: false, reason: 'unknown' } as const);
    if (!check.ok) request.log.warn({ reason: check.reason }, 'sign-in link refused');
    if (!check.ok)
      return signInPage(request, reply, {
        notice: t[check.reason === 'used' ? 'linkUsed' : check.reason === 'expired' ? 'linkExpired' : 'linkUnknown'],
        status: 410,
      });
    const q = (request.query as { tilbage?: unknown }).tilbage;
    return html(
      reply,
      <LinkConfirmPage
        ctx={ctx}
        t={accountTexts(ctx.locale)}
        csrf={reply.generateCsrf()}
        action={`/log-ind/link/${token}${q !== undefined ? `?tilbage=${encodeURIComponent(back(request))}` : ''}`}
      />,
    );
  });

  app.post<{ Params: { token: string } }>('/log-ind/link/:token', { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = accountTexts(ctx.locale).signIn;
    const { token } = request.params;
    const used = looksLikeToken(token) ? await consumeEmailLink(db, token, clock.now()) : ({ ok: false, reason: 'unknown' } as const);
    if (!used.ok) {
      request.log.warn({ reason: used.reason }, 'sign-in link refused');
      return signInPage(request, reply, {
        notice: t[used.reason === 'used' ? 'linkUsed' : used.reason === 'expired' ? 'linkExpired' : 'linkUnknown'],
        status: 410,
      });
    }
    await signIn(deps, request, reply, used.userId, 'email-link');
    return reply.redirect(back(request), 303);
  });

  app.post('/log-ind/demo', { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    if (!deps.demoSignIn) return reply.callNotFound();
    const user = await findUserByEmail(db, DEMO_ADMIN_EMAIL);
    if (!user) return reply.callNotFound();
    await signIn(deps, request, reply, user.id, 'demo');
    return reply.redirect(back(request) === '/min-side' ? '/admin' : back(request), 303);
  });

  app.get('/min-side', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return reply.redirect('/log-ind', 303);
    const ctx = pageContext(request);
    const orgIds = [...actor.adminOf];
    const editionIds = actor.memberships.map((m) => m.editionId);
    const [orgs, eds] = await Promise.all([
      orgIds.length ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)) : [],
      editionIds.length
        ? db
            .select({ id: editions.id, year: editions.year, award: awards.name })
            .from(editions)
            .innerJoin(awards, eq(awards.id, editions.awardId))
            .where(inArray(editions.id, editionIds))
        : [],
    ]);
    const notice = (request.query as { besked?: string }).besked;
    const t = accountTexts(ctx.locale);
    return html(
      reply,
      <AccountPage
        ctx={ctx}
        t={t}
        csrf={reply.generateCsrf()}
        actor={actor}
        organisations={orgs}
        editions={actor.memberships.map((m) => {
          const e = eds.find((x) => x.id === m.editionId);
          return { id: m.editionId, label: e ? `${e.award} ${e.year}` : String(m.editionId), role: m.role, isChair: m.isChair };
        })}
        notice={notice === 'ny' ? undefined : undefined}
      />,
    );
  });

  app.post('/log-ud', { config: { access: 'public' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && looksLikeToken(token)) await revokeSession(db, token, clock.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const ctx = pageContext(request);
    return html(reply, <MessagePage ctx={ctx} title={accountTexts(ctx.locale).account.signedOut} body={accountTexts(ctx.locale).account.signedOut} />);
  });

  app.post('/log-ud/overalt', { config: { access: 'signed-in' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return reply.redirect('/log-ind', 303);
    const n = await revokeAllSessions(db, actor.user.id, clock.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const ctx = pageContext(request);
    const a = accountTexts(ctx.locale).account;
    return html(reply, <MessagePage ctx={ctx} title={a.signedOut} body={a.signedOutEverywhere(n)} />);
  });

  /**
   * For the timeout warning (public/app.js): seconds left, without counting as activity, and a
   * CSRF token for its "stay" and "sign out" buttons (pages in the page cache carry none).
   */
  app.get('/session/status', { config: { access: 'public' } }, async (request, reply) => {
    const actor = request.actor;
    reply.header('cache-control', 'no-store');
    // A public route: "not signed in" is an answer, not an error (the page shows "signed out").
    if (actor.kind !== 'user' || !actor.idleExpiresAt) return { signedIn: false };
    const left = Math.max(0, Math.floor((actor.idleExpiresAt.getTime() - clock.now().getTime()) / 1000));
    return { signedIn: true, secondsLeft: left, warnSeconds: Math.floor(SESSION_WARNING_MS / 1000), csrf: reply.generateCsrf() };
  });

  /** "Forbliv logget ind": any signed-in request moves the idle timeout; this one does nothing else. */
  app.post('/session/forlaeng', { config: { access: 'signed-in' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user' || !actor.idleExpiresAt) return reply.code(401).send({ signedIn: false });
    return { signedIn: true, secondsLeft: Math.floor((actor.idleExpiresAt.getTime() - clock.now().getTime()) / 1000) };
  });
}

/** The demo administrator of `npm start`: administers every organisation of the demo data. */
export async function seedDemoAdministrator(db: AppDeps['db']) {
  await db.insert(users).values({ email: DEMO_ADMIN_EMAIL, name: 'Demo-administrator' }).onConflictDoNothing();
  const user = await findUserByEmail(db, DEMO_ADMIN_EMAIL);
  const orgs = await db.select({ id: organisations.id }).from(organisations);
  if (user && orgs.length) {
    await db
      .insert(organisationAdmins)
      .values(orgs.map((o) => ({ organisationId: o.id, userId: user.id })))
      .onConflictDoNothing();
  }
}
