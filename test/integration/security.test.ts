/**
 * Headers and secrets, on both engines.
 *
 * 1. Every GET route the app has (whoever added it), a 404, an API problem and a refused
 *    form answer with the strict Content-Security-Policy (no 'unsafe-inline' or
 *    'unsafe-eval', scripts only from 'self', no framing), HSTS, X-Content-Type-Options:
 *    nosniff and X-Frame-Options.
 * 2. The secrets the app issues during a session of use — a nominator's draft token, session
 *    ids (an administrator's and the one planted before sign-in), a personal API token and the
 *    CSRF secret — never appear in a log line, in any page or API answer, or in any response
 *    header other than the Set-Cookie that delivers them. The one exception by design is the
 *    page that shows a new API token once.
 *
 * Session fixation and forged CSRF tokens: test/integration/accounts.test.ts ("no session
 * fixation…", "a missing or forged CSRF token…"), nomination-flow.test.ts and
 * attachments.test.ts (forged tokens on forms and uploads).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { awards, editions } from '../../src/db/schema.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { accessCookieName } from '../../src/nominations/access.js';
import { ENGINES } from '../harness/databases.js';
import { fillRouteUrl, routeIds, type RouteIds } from '../harness/route-fixture.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

function assertSecurityHeaders(res: LightMyRequestResponse, label: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.ok(csp, `${label}: Content-Security-Policy`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${label}: no unsafe-inline, unsafe-eval or wildcard`);
  assert.match(csp, /(^|;)\s*script-src 'self'(;|$)/, `${label}: scripts only from self`);
  assert.match(csp, /(^|;)\s*default-src 'self'(;|$)/, `${label}: default-src self`);
  assert.match(csp, /frame-ancestors 'none'/, `${label}: no framing`);
  assert.match(csp, /object-src 'none'/, `${label}: no plugins`);
  assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', `${label}: HSTS`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${label}: X-Frame-Options`);
}

for (const engine of ENGINES) {
  describe(`security headers and secrets on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let ids: RouteIds;
    let openPath = '';

    before(async () => {
      t = await startSignedInTestApp(engine, NOW, { demoSignIn: true });
      await seedDemoAdministrator(t.db);
      ids = await routeIds(t.db);
      const [open] = await t.db
        .select({ year: editions.year })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
        .orderBy(desc(editions.year))
        .limit(1);
      openPath = `/priser/aarets-borgerinddragende-initiativ/${open!.year}/indstil/om-dig`;
    });
    after(async () => t?.close());

    test('every GET route, a 404, an API problem and a refused form carry the security headers', async () => {
      const admin = new Client(t.app);
      await admin.get('/log-ind');
      assert.equal((await admin.post('/log-ind/demo')).statusCode, 303);
      const routes = t.app.routeAccess.filter((r) => r.method === 'GET');
      assert.ok(routes.length >= 30);
      for (const r of routes) {
        const res = await admin.get(fillRouteUrl(r.url, ids));
        // The organisation's drawn mark is an image, never a document: a stricter policy of its own.
        if (r.url === '/organisationer/:slug/maerke.svg') assert.equal(res.headers['content-security-policy'], "default-src 'none'; sandbox", r.url);
        else assertSecurityHeaders(res, `GET ${r.url}`);
      }
      assertSecurityHeaders(await admin.get('/findes-ikke'), '404');
      assertSecurityHeaders(await t.app.inject('/api/v1/editions/999999'), 'API 404');
      const refused = await admin.post('/log-ud', {}, { csrf: 'forfalsket' });
      assert.equal(refused.statusCode, 403);
      assertSecurityHeaders(refused, 'CSRF refusal');
    });

    test("a caller's x-request-id reaches the response header and the log only as a plain token (finding 7: no input in a header unencoded)", async () => {
      const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
      assert.equal(kept.headers['x-request-id'], 'lb-1234.abc');
      for (const hostile of ['\u00e6\u00f8\u00e5', 'a b', 'x'.repeat(300), '<script>']) {
        const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': hostile } });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, JSON.stringify(hostile).slice(0, 40));
      }
    });

    test('no log line, page, API answer or header (but its own Set-Cookie) holds a draft token, a session id, an API token or the CSRF secret', async () => {
      const seen: { label: string; res: LightMyRequestResponse }[] = [];
      const keep = (label: string, res: LightMyRequestResponse) => {
        seen.push({ label, res });
        return res;
      };
      const logsBefore = t.logs.length;

      // A nominator types a draft and asks for the link by e-mail ("Gem kladde").
      const nominator = new Client(t.app, { ip: '10.9.0.1' });
      keep('start', await nominator.get(openPath));
      const started = keep(
        'om-dig',
        await nominator.post(openPath, {
          nominatorName: 'Lise Jensen',
          nominatorEmail: 'lise@eksempel.dk',
          nominatorIsCitizen: 'no',
          nominatorWorkplace: 'AUH',
          handling: 'gem',
        }),
      );
      assert.equal(started.statusCode, 200, started.body.slice(0, 200));
      const cookieName = [...nominator.cookies.keys()].find((k) => k.startsWith('indstilling_'))!;
      const draftToken = nominator.cookies.get(cookieName)!;
      const nominationId = Number(cookieName.slice('indstilling_'.length));
      assert.equal(cookieName, accessCookieName(nominationId));
      for (const step of ['om-dig', 'kandidat', 'loesning', 'beskrivelse', 'bilag', 'tjek', 'kladde', 'kladde.txt', 'traek-tilbage'])
        keep(step, await nominator.get(`/indstillinger/${nominationId}/${step}`));
      // The private link itself, as from the e-mail (the token is in the path: the log must mask it).
      const fresh = new Client(t.app, { ip: '10.9.0.2' });
      keep('private link', await fresh.get(`/indstillinger/adgang/${draftToken}`));

      // An administrator: a session cookie planted before sign-in (fixation attempt), then sign-in.
      const admin = new Client(t.app, { ip: '10.9.0.3' });
      const planted = 'P'.repeat(43);
      admin.setCookie(SESSION_COOKIE, planted);
      keep('log-ind', await admin.get('/log-ind'));
      keep('demo', await admin.post('/log-ind/demo'));
      const session = admin.cookies.get(SESSION_COOKIE)!;
      assert.ok(session && session !== planted);
      const csrfSecret = admin.cookies.get('_csrf')!;
      keep('api-noegler', await admin.get('/min-side/api-noegler'));
      const created = await admin.post('/min-side/api-noegler', { navn: 'Rapport', name: 'Rapport' });
      const apiToken = /pp_[A-Za-z0-9_-]{20,}/.exec(created.body)?.[0];
      assert.ok(apiToken, `the new API token is shown once: ${created.body.slice(0, 200)}`);
      for (const r of t.app.routeAccess.filter((r) => r.method === 'GET' && !r.url.includes('*')))
        keep(`GET ${r.url}`, await admin.get(fillRouteUrl(r.url, ids)));
      for (const url of [
        '/api/v1/admin/editions',
        `/api/v1/admin/editions/${ids.rmEdition}`,
        `/api/v1/admin/editions/${ids.rmEdition}/nominations`,
        '/api/v1/admin/awards',
      ]) {
        keep(url, await t.app.inject({ url, headers: { authorization: `Bearer ${apiToken}` } }));
      }
      keep('bad token', await t.app.inject({ url: '/api/v1/admin/editions', headers: { authorization: `Bearer ${apiToken}x` } }));
      keep('log-ud', await admin.post('/log-ud'));

      const secrets = { draftToken, session, planted, apiToken: apiToken!, csrfSecret };
      const problems: string[] = [];
      for (const { label, res } of seen) {
        const headers = Object.entries(res.headers)
          .filter(([k]) => k !== 'set-cookie')
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join('\n');
        for (const [what, secret] of Object.entries(secrets)) {
          if (res.body.includes(secret)) problems.push(`${what} in the body of ${label}`);
          if (headers.includes(secret)) problems.push(`${what} in a header of ${label}`);
        }
      }
      const lines = t.logs.slice(logsBefore);
      assert.ok(lines.length > seen.length, `requests were logged (${lines.length} lines)`);
      assert.ok(
        lines.some((l) => l.includes('/indstillinger/adgang/[redacted]')),
        'the private link was logged, masked',
      );
      for (const line of lines)
        for (const [what, secret] of Object.entries(secrets)) if (line.includes(secret)) problems.push(`${what} in a log line: ${line.slice(0, 200)}`);
      assert.deepEqual(problems, []);
    });
  });
}
