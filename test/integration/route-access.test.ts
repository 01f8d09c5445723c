/**
 * Every route declares who may use it (`config: { access }`), and this table-driven test
 * calls every route the app has — whoever added it — as every role, on PGlite and on a real
 * PostgreSQL server, and checks the answer against the declared rule:
 *
 *  - public: nobody gets 401 or 403
 *  - nominator / consent-link: without the private link, everybody gets 403 or 404
 *  - signed-in: the public is sent to /log-ind (GET) or gets 401; every user gets in, except on
 *    the idea bank's writing routes (STAFF_ONLY): only staff of an organisation (here the
 *    administrators) get in, committee and panel members signed in by e-mail link get 403
 *  - admin: the public as above; committee and panel members get 403; an administrator of
 *    the owning organisation (Region Midtjylland) gets in; an administrator of another
 *    organisation (Danske Regioner) gets 403 where the URL names Region Midtjylland's things
 *  - member: the public as above; an administrator who is no member gets 403
 *
 * and no route answers 500 to anybody. A route added without a rule fails the first test.
 * POSTs carry a valid CSRF token, so the answer is the access rule's and not the CSRF check's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { recordRouteAccess, routeGate, type RouteRecord } from '../../src/accounts/route-access.js';
import { ACCESS_LEVELS } from '../../src/accounts/permissions.js';
import { ENGINES } from '../harness/databases.js';
import { sessionFor } from '../harness/accounts.js';
import { csrfPair, fillRouteUrl, routeIds, routeUsers, type RouteIds } from '../harness/route-fixture.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

type Role = 'public' | 'admin-rm' | 'admin-dr' | 'committee' | 'panel';
const ROLES: Role[] = ['public', 'admin-rm', 'admin-dr', 'committee', 'panel'];

/**
 * Signed-in routes that only staff of an organisation may use (ideabank/write-rules.ts): adding a
 * solution and recording an adoption. The adoption's URL names a solution the fixture does not
 * have, so every role gets 404 there before the rule; the rule itself is in ideabank.test.ts.
 */
const STAFF_ONLY = new Set(['GET /idebank/ny', 'POST /idebank/ny']);

/** The routes without a declared rule: what the first test lists. */
export function undeclared(routes: RouteRecord[]): string[] {
  return routes.filter((r) => r.access === undefined || !(ACCESS_LEVELS as readonly string[]).includes(r.access)).map((r) => `${r.method} ${r.url}`);
}

test('a route added without an access rule is caught', async () => {
  const app = Fastify();
  const routes = recordRouteAccess(app);
  app.get('/med-regel', { config: { access: 'public' } }, async () => 'ok');
  app.get('/uden-regel', async () => 'ok');
  app.post('/uden-regel', { config: {} }, async () => 'ok');
  await app.ready();
  assert.deepEqual(undeclared(routes), ['GET /uden-regel', 'POST /uden-regel']);
  await app.close();
});

test('a route without an access rule is open to nobody (the gate fails closed)', async () => {
  const app = Fastify();
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', (request, _reply, done) => {
    request.actor = { kind: 'public' };
    done();
  });
  app.addHook('preHandler', routeGate);
  app.get('/med-regel', { config: { access: 'public' } }, async () => 'ok');
  app.get('/uden-regel', async () => 'hemmeligt');
  assert.equal((await app.inject('/med-regel')).statusCode, 200);
  const refused = await app.inject('/uden-regel');
  assert.equal(refused.statusCode, 403);
  assert.doesNotMatch(refused.body, /hemmeligt/);
  assert.equal((await app.inject('/findes-ikke')).statusCode, 404);
  await app.close();
});

for (const engine of ENGINES) {
  describe(`every route as every role on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let ids: RouteIds;
    let users: Partial<Record<Role, number>> = {};
    /** The API is used with personal API tokens, the pages with session cookies. */
    let apiTokens: Partial<Record<Role, string>> = {};
    let csrf = { secret: '', token: '' };

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      ids = await routeIds(t.db);
      ({ users, apiTokens } = await routeUsers(t.db, ids, ['admin-rm', 'admin-dr', 'committee', 'panel'], 'route-access', t.clock.now()));
      csrf = await csrfPair(t.app);
      assert.ok(csrf.secret && csrf.token);
    });
    after(async () => t?.close());

    test('every route declares who may use it', () => {
      const routes = t.app.routeAccess;
      assert.ok(routes.length >= 50, `${routes.length} routes recorded`);
      assert.deepEqual(undeclared(routes), [], 'routes without `config: { access }`');
    });

    async function call(route: RouteRecord, role: Role): Promise<LightMyRequestResponse> {
      const url = fillRouteUrl(route.url, ids);
      const isApi = url.startsWith('/api/');
      const cookies: Record<string, string> = { _csrf: csrf.secret };
      const headers: Record<string, string> = {};
      // A new session for every call (some routes sign out); the API takes the role's API token.
      if (role !== 'public' && isApi) headers.authorization = `Bearer ${apiTokens[role]}`;
      else if (role !== 'public') cookies[SESSION_COOKIE] = (await sessionFor(t.db, users[role]!, t.clock.now())).value;
      headers.cookie = Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      counter = (counter + 1) % 250;
      const remoteAddress = `10.20.${ROLES.indexOf(role)}.${counter}`;
      if (route.method === 'GET' || route.method === 'HEAD') return t.app.inject({ method: route.method, url, headers, remoteAddress });
      return t.app.inject({
        method: route.method as 'POST',
        url,
        headers: { ...headers, 'content-type': isApi ? 'application/json' : 'application/x-www-form-urlencoded', 'csrf-token': csrf.token },
        payload: isApi ? '{}' : new URLSearchParams({ _csrf: csrf.token }).toString(),
        remoteAddress,
      });
    }
    let counter = 0;

    const isCsrfRefusal = (res: LightMyRequestResponse) => res.statusCode === 403 && /Formularen er udløbet|CSRF/.test(res.body);
    const isSignInRedirect = (res: LightMyRequestResponse) => res.statusCode === 303 && String(res.headers.location).startsWith('/log-ind?tilbage=');
    const refusesPublic = (route: RouteRecord, res: LightMyRequestResponse) =>
      route.method === 'GET' && !route.url.startsWith('/api/') ? isSignInRedirect(res) : res.statusCode === 401;
    const entersAs = (res: LightMyRequestResponse) => res.statusCode !== 401 && res.statusCode !== 403;
    /** Routes whose URL names a thing (an edition, a nomination …) that belongs to an organisation. */
    const namesAThing = (route: RouteRecord) => /\/:/.test(route.url);

    test('every route answers every role as its rule says, and never with a 5xx', async () => {
      const problems: string[] = [];
      const answers: string[] = [];
      // Reading routes first, then the changing ones; within a route, the owner of the data last.
      const reading = (r: RouteRecord) => r.method === 'GET' || r.method === 'HEAD';
      const routes = [...t.app.routeAccess.filter(reading), ...t.app.routeAccess.filter((r) => !reading(r))];
      for (const route of routes) {
        if (route.access === undefined) continue; // reported by the test above
        const got = {} as Record<Role, LightMyRequestResponse>;
        for (const role of ['public', 'committee', 'panel', 'admin-dr', 'admin-rm'] as const) got[role] = await call(route, role);
        const label = `${route.method} ${route.url} [${route.access}]`;
        answers.push(`${label}: ${ROLES.map((r) => `${r}=${got[r].statusCode}`).join(' ')}`);
        const expect = (role: Role, ok: boolean, what: string) => {
          if (!ok)
            problems.push(
              `${label} as ${role}: expected ${what}, got ${got[role].statusCode} ${String(got[role].headers.location ?? '')} ${got[role].body.slice(0, 120).replace(/\s+/g, ' ')}`,
            );
        };
        for (const role of ROLES) {
          expect(role, got[role].statusCode < 500, 'no 5xx');
          if (route.method === 'POST') expect(role, !isCsrfRefusal(got[role]), 'the CSRF token to be accepted');
        }
        switch (route.access) {
          case 'public':
            for (const role of ROLES) expect(role, entersAs(got[role]), 'neither 401 nor 403');
            break;
          case 'nominator':
          case 'consent-link':
            for (const role of ROLES) expect(role, [403, 404].includes(got[role].statusCode), '403 or 404 without the private link');
            break;
          case 'signed-in':
            expect('public', refusesPublic(route, got.public), 'a redirect to /log-ind (GET) or 401');
            if (STAFF_ONLY.has(`${route.method} ${route.url}`)) {
              for (const role of ['committee', 'panel'] as const) expect(role, got[role].statusCode === 403, '403 (staff of no organisation)');
              for (const role of ['admin-rm', 'admin-dr'] as const) expect(role, entersAs(got[role]), 'to get in (staff)');
            } else for (const role of ROLES.filter((r) => r !== 'public')) expect(role, entersAs(got[role]), 'to get in');
            break;
          case 'admin':
            expect('public', refusesPublic(route, got.public), 'a redirect to /log-ind (GET) or 401');
            expect('committee', got.committee.statusCode === 403, '403');
            expect('panel', got.panel.statusCode === 403, '403');
            expect('admin-rm', entersAs(got['admin-rm']), 'to get in (owning organisation)');
            if (namesAThing(route)) {
              // Another organisation's administrator: 403 where the thing exists. Only where the
              // owner gets no further either may the answer match the owner's: 404 (no such
              // thing), or 400 for a body the route's schema refuses before anything is looked up.
              const owner = got['admin-rm'].statusCode;
              const other = got['admin-dr'].statusCode;
              const ok = other === 403 || (owner === 404 && other === 404) || (owner === 400 && other === 400 && !reading(route));
              expect('admin-dr', ok, '403 (another organisation)');
            } else {
              expect('admin-dr', entersAs(got['admin-dr']), 'to get in (a page that lists only their own)');
            }
            break;
          case 'member':
            expect('public', refusesPublic(route, got.public), 'a redirect to /log-ind (GET) or 401');
            expect('admin-rm', got['admin-rm'].statusCode === 403, '403 (an administrator is no member)');
            expect('admin-dr', got['admin-dr'].statusCode === 403, '403 (an administrator is no member)');
            expect('committee', got.committee.statusCode < 500 && (entersAs(got.committee) || entersAs(got.panel)), 'a member to get in');
            break;
        }
      }
      if (process.env.SHOW_ROUTE_ANSWERS) console.log(answers.join('\n'));
      assert.deepEqual(problems, [], `${problems.length} answers break the rules:\n${problems.join('\n')}`);
    });

    test('the cross-organisation refusals that matter most, spelled out', async () => {
      const dr = (await sessionFor(t.db, users['admin-dr']!, t.clock.now())).value;
      const rm = (await sessionFor(t.db, users['admin-rm']!, t.clock.now())).value;
      for (const url of [
        `/admin/udgaver/${ids.rmEdition}/indstillinger`,
        `/admin/udgaver/${ids.rmEdition}/indstillinger.csv`,
        `/admin/udgaver/${ids.rmEdition}/indstillinger.xlsx`,
        `/admin/indstillinger/${ids.rmNomination}`,
        `/admin/priser/${ids.rmAward}/import`,
      ]) {
        assert.equal((await t.app.inject({ url, cookies: { [SESSION_COOKIE]: dr } })).statusCode, 403, url);
        assert.equal((await t.app.inject({ url, cookies: { [SESSION_COOKIE]: rm } })).statusCode, 200, url);
      }
      const post = await t.app.inject({
        method: 'POST',
        url: `/admin/indstillinger/${ids.rmNomination}/screening`,
        cookies: { [SESSION_COOKIE]: dr, _csrf: csrf.secret },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf.token, beslutning: 'egnet' }).toString(),
      });
      assert.equal(post.statusCode, 403);
    });
  });
}
