/**
 * Sign-in through OpenID Connect against a real provider (oidc-provider on loopback), on both
 * engines: the whole authorization code flow with PKCE over HTTP (the app through
 * `app.inject`, the provider over the network, its login form posted), users keyed on
 * (issuer, subject), administrators from the provider's list, and every bad answer refused
 * with a plain page, a log line and no 500: wrong tenant, replayed callback, state mismatch,
 * expired attempt, the provider's error, a response naming another issuer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../src/platform/audit.schema.js';
import { identityProviders, organisationAdmins, sessions, users } from '../../src/db/schema.js';
import { accountTexts } from '../../src/accounts/i18n.js';
import { ENGINES } from '../harness/databases.js';
import { HttpAgent } from '../harness/http-agent.js';
import { startOidcTestApp, type TestAccount } from '../harness/oidc-provider.js';
import { createUser } from '../harness/accounts.js';

const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const t = accountTexts('da').oidc;

const ACCOUNTS: TestAccount[] = [
  { sub: 'anna-0001', email: 'anna.holm@rm.dk', name: 'Anna Holm', tid: TENANT },
  { sub: 'bo-0002', email: 'bo.lund@rm.dk', name: 'Bo Lund', tid: TENANT },
  { sub: 'impostor-0003', email: 'anna.holm@rm.dk', name: 'Anden Anna', tid: TENANT },
  { sub: 'chef-0004', email: 'chef@rm.dk', name: 'Chef Sørensen', tid: TENANT },
  { sub: 'unverified-0005', email: 'kontor@rm.dk', name: 'Kontor', tid: TENANT, emailVerified: false },
  { sub: 'outsider-0006', email: 'ole@andet-sted.dk', name: 'Ole Udefra', tid: '00000000-0000-0000-0000-000000000000' },
  { sub: 'noemail-0007', email: '', name: 'Uden E-mail', tid: TENANT },
  { sub: 'member-0008', email: 'komite@eksempel.dk', name: 'Komitémedlem', tid: TENANT },
  { sub: 'tenantless-0009', email: 'uden.tid@rm.dk', name: 'Uden Tid' },
  { sub: 'attacker-0010', email: 'ny.medlem@rm.dk', name: 'Ny Medlem', tid: TENANT, emailVerified: false },
  { sub: 'entra-0011', email: 'entra.bruger@rm.dk', name: 'Entra Bruger', tid: TENANT, emailVerified: null },
];

/** The h1 and first paragraph of a page: what the person reads. */
const message = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  h1: /<h1[^>]*>([^<]*)<\/h1>/.exec(res.body)?.[1],
  p: /<\/h1>\s*<p[^>]*>([^<]*)<\/p>/.exec(res.body)?.[1],
});
const unescapeHtml = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

for (const engine of ENGINES) {
  describe(`OIDC sign-in on ${engine}`, () => {
    let app: Awaited<ReturnType<typeof startOidcTestApp>>;

    before(async () => {
      app = await startOidcTestApp(engine, { accounts: ACCOUNTS, tenantId: TENANT, adminEmails: ['Chef@RM.dk', 'kontor@rm.dk'] });
    });
    after(async () => app?.close());

    /** Starts a sign-in as a new browser; returns the agent, the provider's URL and the attempt cookie. */
    async function start(back?: string) {
      const agent = new HttpAgent(app.app);
      const res = await agent.get(`/log-ind/oidc/${app.idp.id}${back ? `?tilbage=${encodeURIComponent(back)}` : ''}`);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const location = new URL(res.headers.location as string);
      const state = location.searchParams.get('state')!;
      const cookie = (res.cookies as { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; maxAge?: number }[]).find(
        (c) => c.name === `oidc_${state.slice(0, 16)}`,
      );
      assert.ok(cookie, 'the attempt cookie is set');
      return { agent, location, state, cookie };
    }

    /** Signs in at the provider as `login` and returns the callback path the provider sends the browser to. */
    async function atProvider(location: URL, login: string, opts: { deny?: boolean } = {}) {
      const callback = await app.provider.signInAt(location.href, login, opts);
      assert.equal(`${callback.origin}${callback.pathname}`, 'http://prisportal.test/log-ind/oidc/callback');
      return `${callback.pathname}${callback.search}`;
    }

    async function signInAs(login: string, back?: string) {
      const s = await start(back);
      const callback = await atProvider(s.location, login);
      const res = await s.agent.get(callback);
      return { ...s, callback, res };
    }

    const userBySubject = async (sub: string) =>
      (
        await app.db
          .select()
          .from(users)
          .where(and(eq(users.oidcIssuer, app.provider.issuer), eq(users.oidcSubject, sub)))
      )[0];

    const lastRefusal = () => app.refusals().at(-1);

    test('the sign-in page links to the provider, which is asked for a code with PKCE (S256), state and nonce', async () => {
      const page = await app.app.inject('/log-ind?tilbage=%2Fmin-side');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`href="/log-ind/oidc/${app.idp.id}\\?tilbage=%2Fmin-side"[^>]*>Log ind med Region Midtjylland<`));

      const { location, cookie } = await start();
      assert.equal(`${location.origin}${location.pathname}`, `${app.provider.issuer}/auth`);
      const q = location.searchParams;
      assert.equal(q.get('client_id'), app.provider.clientId);
      assert.equal(q.get('redirect_uri'), 'http://prisportal.test/log-ind/oidc/callback');
      assert.equal(q.get('response_type'), 'code');
      assert.equal(q.get('scope'), 'openid email profile');
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.match(q.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
      assert.match(q.get('state')!, /^[A-Za-z0-9_-]{43}$/);
      assert.match(q.get('nonce')!, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/log-ind/oidc/callback');
      assert.equal(cookie.maxAge, 600);
      assert.ok(!cookie.value.includes(q.get('code_challenge')!));
    });

    test('happy path: a first sign-in creates the user keyed on issuer and subject, starts an OIDC session and lands on Min side', async () => {
      const { agent, res } = await signInAs('anna-0001');
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.equal(res.headers.location, '/min-side');
      assert.ok(agent.cookie('session'), 'a session cookie is set');

      const user = await userBySubject('anna-0001');
      assert.ok(user);
      assert.equal(user.email, 'anna.holm@rm.dk');
      assert.equal(user.name, 'Anna Holm');
      assert.equal(user.oidcIssuer, app.provider.issuer);
      const [session] = await app.db.select().from(sessions).where(eq(sessions.userId, user.id));
      assert.equal(session!.method, 'oidc');

      const mine = await agent.get('/min-side');
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /Du er logget ind som Anna Holm \(anna\.holm@rm\.dk\)/);
      assert.ok(app.logs.some((l) => l.msg === 'oidc sign-in' && l.userId === user.id && l.created === true));
    });

    test('the return path is kept, and one that leaves the site becomes the front page', async () => {
      const kept = await signInAs('anna-0001', '/priser?side=2');
      assert.equal(kept.res.headers.location, '/priser?side=2');
      const outside = await signInAs('anna-0001', '//evil.example/');
      assert.equal(outside.res.headers.location, '/');
    });

    test('same subject with a changed e-mail and name: the same user, brought up to date', async () => {
      await signInAs('bo-0002');
      const before = await userBySubject('bo-0002');
      app.provider.accounts.get('bo-0002')!.email = 'bo.lund.nielsen@rm.dk';
      app.provider.accounts.get('bo-0002')!.name = 'Bo Lund Nielsen';
      const { res } = await signInAs('bo-0002');
      assert.equal(res.statusCode, 303);
      const afterChange = await userBySubject('bo-0002');
      assert.equal(afterChange!.id, before!.id);
      assert.equal(afterChange!.email, 'bo.lund.nielsen@rm.dk');
      assert.equal(afterChange!.name, 'Bo Lund Nielsen');
      assert.equal((await app.db.select().from(users).where(eq(users.oidcSubject, 'bo-0002'))).length, 1);
    });

    test('a different subject with the same e-mail is not matched to the existing user: refused, with the same page as no e-mail at all', async () => {
      await signInAs('anna-0001');
      const anna = await userBySubject('anna-0001');
      const { res, agent } = await signInAs('impostor-0003');
      assert.equal(res.statusCode, 401);
      assert.equal(agent.cookie('session'), undefined);
      assert.equal(await userBySubject('impostor-0003'), undefined);
      assert.equal(
        (await app.db.select().from(sessions).where(eq(sessions.userId, anna!.id))).every((s) => s.method === 'oidc'),
        true,
      );
      assert.equal(lastRefusal()?.reason, 'email-in-use');
      assert.doesNotMatch(res.body, /anna\.holm@rm\.dk/);

      const none = await signInAs('noemail-0007');
      assert.equal(lastRefusal()?.reason, 'no-email');
      // Nothing on the page tells an existing account from a missing e-mail.
      assert.deepEqual(message(none.res), message(res));
      assert.equal(unescapeHtml(message(res).p!), t.noAccount);
    });

    test('an e-mail-link user (a committee member) is not taken over by a work account with the same e-mail', async () => {
      const member = await createUser(app.db, { email: 'komite@eksempel.dk', name: 'Komitémedlem' });
      const { res } = await signInAs('member-0008');
      assert.equal(res.statusCode, 401);
      const [row] = await app.db.select().from(users).where(eq(users.id, member.id));
      assert.equal(row!.oidcSubject, null);
      assert.equal(lastRefusal()?.reason, 'email-in-use');
    });

    test("an e-mail in the provider's admin list (any case) makes the user administrator of the organisation, audited once", async () => {
      const first = await signInAs('chef-0004', '/admin');
      assert.equal(first.res.headers.location, '/admin');
      const chef = await userBySubject('chef-0004');
      const admins = await app.db.select().from(organisationAdmins).where(eq(organisationAdmins.userId, chef!.id));
      assert.deepEqual(
        admins.map((a) => a.organisationId),
        [app.organisationId],
      );
      await signInAs('chef-0004');
      const events = await app.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'organisation-admin.grant'), eq(auditEvents.entityId, String(chef!.id))));
      assert.equal(events.length, 1);
      assert.equal(events[0]!.organisationId, app.organisationId);
      assert.equal(events[0]!.actorLabel, 'system');
      const mine = await first.agent.get('/min-side');
      assert.match(mine.body, /Du er administrator for/);

      // An e-mail the provider does not vouch for (email_verified: false) makes nobody administrator
      // (nor a user at all: finding 2).
      const unverified = await signInAs('unverified-0005');
      assert.equal(unverified.res.statusCode, 401);
      assert.equal(await userBySubject('unverified-0005'), undefined);
      assert.equal((await app.db.select().from(users).where(eq(users.email, 'kontor@rm.dk'))).length, 0);
    });

    test('an e-mail the provider has not verified makes no user, so it cannot take over an invitation to that address (finding 2)', async () => {
      const { res, agent } = await signInAs('attacker-0010');
      assert.equal(res.statusCode, 401);
      assert.equal(agent.cookie('session'), undefined);
      assert.equal(lastRefusal()?.reason, 'email-unverified');
      assert.equal(unescapeHtml(message(res).p!), t.emailUnverified);
      assert.equal((await app.db.select().from(users).where(eq(users.email, 'ny.medlem@rm.dk'))).length, 0, 'no user with the unverified e-mail');

      // A signed-in user whose provider now sends an unverified e-mail keeps the e-mail Prisportal has.
      await signInAs('bo-0002');
      const bo = await userBySubject('bo-0002');
      const account = app.provider.accounts.get('bo-0002')!;
      const verifiedEmail = account.email;
      Object.assign(account, { email: 'someone.else@rm.dk', emailVerified: false });
      try {
        const again = await signInAs('bo-0002');
        assert.equal(again.res.statusCode, 303, 'the subject still signs in');
        assert.equal((await userBySubject('bo-0002'))!.email, bo!.email);
      } finally {
        Object.assign(account, { email: verifiedEmail, emailVerified: true });
      }
    });

    test('without an email_verified claim (as Entra ID sends) the e-mail is used only when the organisation vouches for its provider (finding 2)', async () => {
      const refused = await signInAs('entra-0011');
      assert.equal(refused.res.statusCode, 401);
      assert.equal(lastRefusal()?.reason, 'email-unverified');
      assert.equal(await userBySubject('entra-0011'), undefined);
      await app.db.update(identityProviders).set({ trustsEmail: true }).where(eq(identityProviders.id, app.idp.id));
      try {
        const { res } = await signInAs('entra-0011');
        assert.equal(res.statusCode, 303);
        assert.equal((await userBySubject('entra-0011'))!.email, 'entra.bruger@rm.dk');
      } finally {
        await app.db.update(identityProviders).set({ trustsEmail: false }).where(eq(identityProviders.id, app.idp.id));
      }
    });

    test('a token from another tenant, or without a tenant, is refused', async () => {
      const { res, agent } = await signInAs('outsider-0006');
      assert.equal(res.statusCode, 401);
      assert.equal(unescapeHtml(message(res).p!), t.wrongTenant('Region Midtjylland'));
      assert.equal(message(res).h1, t.refusedTitle);
      assert.equal(agent.cookie('session'), undefined);
      assert.equal(await userBySubject('outsider-0006'), undefined);
      assert.equal(lastRefusal()?.reason, 'wrong-tenant');
      assert.equal(lastRefusal()?.level, 40);

      const none = await signInAs('tenantless-0009');
      assert.equal(none.res.statusCode, 401);
      assert.equal(lastRefusal()?.reason, 'wrong-tenant');
    });

    test('a replayed callback is refused: in the same browser (attempt used) and with the old cookie put back (state used)', async () => {
      const { agent, callback, res, cookie } = await signInAs('anna-0001');
      assert.equal(res.statusCode, 303);
      const again = await agent.get(callback);
      assert.equal(again.statusCode, 400);
      assert.equal(unescapeHtml(message(again).p!), t.expired);
      assert.equal(lastRefusal()?.reason, 'attempt-missing');

      const thief = new HttpAgent(app.app);
      thief.setCookie(cookie.name, cookie.value, '/log-ind/oidc/callback');
      const replay = await thief.get(callback);
      assert.equal(replay.statusCode, 400);
      assert.equal(lastRefusal()?.reason, 'state-replayed');
      assert.equal(thief.cookie('session'), undefined);
    });

    test('a callback whose state does not match the attempt is refused, and the attempt is spent', async () => {
      const s = await start();
      const callback = new URL(await atProvider(s.location, 'anna-0001'), 'http://prisportal.test');
      const real = callback.searchParams.get('state')!;
      const forged = new URL(callback);
      forged.searchParams.set('state', `${real.slice(0, 16)}${'A'.repeat(real.length - 16)}`);
      const res = await s.agent.get(`${forged.pathname}${forged.search}`);
      assert.equal(res.statusCode, 400);
      assert.equal(lastRefusal()?.reason, 'attempt-mismatch');
      const other = await s.agent.get(`${callback.pathname}?code=x&state=${'B'.repeat(43)}`);
      assert.equal(other.statusCode, 400);
      assert.equal(lastRefusal()?.reason, 'attempt-missing');
      assert.equal(s.agent.cookie('session'), undefined);
    });

    test('an attempt older than ten minutes is refused', async () => {
      const s = await start();
      const callback = await atProvider(s.location, 'anna-0001');
      app.clock.advance(11 * 60 * 1000);
      try {
        const res = await s.agent.get(callback);
        assert.equal(res.statusCode, 400);
        assert.equal(lastRefusal()?.reason, 'attempt-expired');
      } finally {
        app.clock.advance(-11 * 60 * 1000);
      }
    });

    test("the provider's error (the person said no) is a plain page, not a sign-in", async () => {
      const s = await start();
      const callback = await atProvider(s.location, '', { deny: true });
      assert.match(callback, /error=access_denied/);
      const res = await s.agent.get(callback);
      assert.equal(res.statusCode, 401);
      assert.equal(unescapeHtml(message(res).p!), t.denied);
      assert.match(res.body, new RegExp(`href="/log-ind/oidc/${app.idp.id}\\?tilbage=%2Fmin-side"`), 'a way to try again');
      assert.equal(lastRefusal()?.reason, 'access-denied');
      assert.equal(s.agent.cookie('session'), undefined);

      // Also without the attempt cookie (another browser), and for other errors.
      const bare = await app.app.inject('/log-ind/oidc/callback?error=server_error&error_description=boom');
      assert.equal(bare.statusCode, 401);
      assert.equal(unescapeHtml(message(bare).p!), t.providerError);
    });

    test('a response that names another issuer is refused before the code is used', async () => {
      const s = await start();
      const callback = new URL(await atProvider(s.location, 'anna-0001'), 'http://prisportal.test');
      callback.searchParams.set('iss', 'https://login.microsoftonline.com/evil/v2.0');
      const res = await s.agent.get(`${callback.pathname}${callback.search}`);
      assert.equal(res.statusCode, 401);
      assert.equal(unescapeHtml(message(res).p!), t.invalidResponse);
      assert.equal(lastRefusal()?.reason, 'invalid-response');
      assert.equal(s.agent.cookie('session'), undefined);
    });

    test('a code that is not the one the provider issued is refused', async () => {
      const s = await start();
      const callback = new URL(await atProvider(s.location, 'anna-0001'), 'http://prisportal.test');
      callback.searchParams.set('code', 'not-a-real-code');
      const res = await s.agent.get(`${callback.pathname}${callback.search}`);
      assert.equal(res.statusCode, 401);
      assert.equal(lastRefusal()?.reason, 'invalid-response');
    });

    test('without its client secret in the environment the provider is shown as unavailable', async () => {
      const secret = process.env[app.secretEnv];
      delete process.env[app.secretEnv];
      try {
        const res = await app.app.inject(`/log-ind/oidc/${app.idp.id}`);
        assert.equal(res.statusCode, 503);
        assert.equal(message(res).h1, t.unavailableTitle);
        assert.equal(unescapeHtml(message(res).p!), t.notConfigured('Region Midtjylland'));
        assert.ok(app.logs.some((l) => l.msg.startsWith('oidc client secret missing') && l.env === app.secretEnv));
      } finally {
        process.env[app.secretEnv] = secret;
      }
    });

    test('a provider that does not answer is a 503 page, not a 500', async () => {
      const [down] = await app.db
        .insert(identityProviders)
        .values({ organisationId: app.organisationId, label: 'Nede', issuer: 'http://127.0.0.1:9/nede', clientId: 'x', clientSecretEnv: app.secretEnv })
        .returning();
      const res = await app.app.inject(`/log-ind/oidc/${down!.id}`);
      assert.equal(res.statusCode, 503);
      assert.equal(unescapeHtml(message(res).p!), t.providerDown('Nede'));
      assert.equal(lastRefusal()?.reason, 'provider-unreachable');
      await app.db.delete(identityProviders).where(eq(identityProviders.id, down!.id));
    });

    test('unknown and disabled providers are 404; a bare callback is 400', async () => {
      assert.equal((await app.app.inject('/log-ind/oidc/999999')).statusCode, 404);
      assert.equal((await app.app.inject('/log-ind/oidc/abc')).statusCode, 404);
      await app.db.update(identityProviders).set({ enabled: false }).where(eq(identityProviders.id, app.idp.id));
      try {
        assert.equal((await app.app.inject(`/log-ind/oidc/${app.idp.id}`)).statusCode, 404);
      } finally {
        await app.db.update(identityProviders).set({ enabled: true }).where(eq(identityProviders.id, app.idp.id));
      }
      const bare = await app.app.inject('/log-ind/oidc/callback');
      assert.equal(bare.statusCode, 400);
      assert.equal(unescapeHtml(message(bare).p!), t.expired);
      const junk = await app.app.inject({ url: '/log-ind/oidc/callback?state=x&state=y&code[]=1', headers: { cookie: 'oidc_xxxxxxxxxxxxxxxx=%%%' } });
      assert.equal(junk.statusCode, 400);
    });
  });
}
