/**
 * Personal API tokens and the admin API, on PGlite and on a real PostgreSQL server: the token
 * page (made and shown once, listed, revoked, audited, CSRF-protected, administrators only),
 * the admin API under /api/v1/admin with a bearer token (editions, nominations, screening,
 * members), 401 without or with a revoked token, 403 for another organisation, 404, 400/415/422
 * as problem JSON, and the OpenAPI document with the bearer scheme.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { apiTokens, auditEvents, awards, editionMembers, editions, nominations, organisations, outboxMessages, users } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser, sessionFor, signedInAgent } from '../harness/accounts.js';
import { HttpAgent } from '../harness/http-agent.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
const PROBLEM = /^application\/problem\+json/;

async function editionOf(db: Database, awardSlug: string, year?: number): Promise<number> {
  const rows = await db
    .select({ id: editions.id, year: editions.year })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(awards.slug, awardSlug))
    .orderBy(desc(editions.year));
  const row = year === undefined ? rows[0] : rows.find((r) => r.year === year);
  assert.ok(row);
  return row.id;
}

function assertProblem(res: LightMyRequestResponse, status: number, label = '') {
  assert.equal(res.statusCode, status, `${label} ${res.body}`);
  assert.match(String(res.headers['content-type']), PROBLEM, label);
  const body = res.json() as { type: string; title: string; status: number };
  assert.equal(body.status, status, label);
  assert.equal(typeof body.type, 'string');
  assert.equal(typeof body.title, 'string');
  return body as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
}

for (const engine of ENGINES) {
  describe(`API tokens and the admin API on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let rmOrg: number;
    let drOrg: number;
    let rmEdition: number;
    let smartEdition: number;
    let drEdition: number;
    let rmAdminId: number;
    let rmAdmin: HttpAgent;
    /** A token of the Region Midtjylland administrator, made through the page. */
    let token: string;
    let drToken: string;

    const signedIn = (userId: number) => signedInAgent(app, db, userId, t.clock.now());
    const api = (method: 'GET' | 'POST' | 'DELETE', url: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` }),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        ...(opts.body !== undefined ? { payload: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
      });
    const auditOf = (action: string, entityId: number | string) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))))
        .orderBy(asc(auditEvents.id));
    /** Makes a token through the page as a browser would; returns the token shown once. */
    const makeToken = async (agent: HttpAgent, name: string) => {
      await agent.get('/min-side/api-noegler');
      const res = await agent.post('/min-side/api-noegler', { navn: name });
      assert.equal(res.statusCode, 200, res.body);
      const m = /<code id="new-token-value" class="api-token-value">(pp_[A-Za-z0-9_-]{43})<\/code>/.exec(res.body);
      assert.ok(m, 'the new token is shown');
      return { token: m[1]!, res };
    };

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      app = t.app;
      const orgs = await db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      rmEdition = await editionOf(db, 'initiativprisen');
      smartEdition = await editionOf(db, 'smartprisen');
      drEdition = await editionOf(db, 'aarets-borgerinddragende-initiativ', 2021);
      const rm = await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] });
      rmAdminId = rm.id;
      rmAdmin = await signedIn(rm.id);
      token = (await makeToken(rmAdmin, 'Rapport-script')).token;
      const dr = await createUser(db, { email: 'admin.dr@example.dk', name: 'Admin DR', adminOf: [drOrg] });
      drToken = (await createApiToken(db, dr.id, 'DR', t.clock.now())).token;
    });
    after(async () => t?.close());

    describe('the API tokens page', () => {
      test('a new token is shown once, listed with its name, and audited without the token itself', async () => {
        const agent = await signedIn(rmAdminId);
        const { token: made, res } = await makeToken(agent, '  Ugerapport  ');
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.match(res.body, /Kopiér nøglen nu\. Den bliver kun vist denne ene gang\./);
        const [row] = await db
          .select()
          .from(apiTokens)
          .where(and(eq(apiTokens.userId, rmAdminId), eq(apiTokens.name, 'Ugerapport')));
        assert.ok(row, 'the name is stored trimmed');
        assert.notEqual(row.tokenHash, made);
        const [audit] = await auditOf('api-token.create', row.id);
        assert.equal(audit?.actorUserId, rmAdminId);
        assert.deepEqual(audit?.after, { name: 'Ugerapport', userId: rmAdminId });
        assert.ok(!JSON.stringify(await db.select().from(auditEvents)).includes(made), 'the token is in no audit row');

        const list = await agent.get('/min-side/api-noegler');
        assert.equal(list.statusCode, 200);
        assert.ok(!list.body.includes(made), 'never shown again');
        assert.match(list.body, /<th scope="row">Ugerapport<\/th>\s*<td>[^<]+<\/td>\s*<td>Aldrig<\/td>/);
        assert.match(list.body, /<th scope="row">Rapport-script<\/th>/);
      });

      test('a token without a name is refused with the error summary', async () => {
        await rmAdmin.get('/min-side/api-noegler');
        const res = await rmAdmin.post('/min-side/api-noegler', { navn: '   ' });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /<title>Fejl: API-nøgler – Prisportal<\/title>/);
        assert.match(res.body, /<a href="#token-name" class="function-link">Skriv et navn på nøglen\.<\/a>/);
        assert.doesNotMatch(res.body, /new-token-value/);
      });

      test('only administrators have the page; the account page links to it', async () => {
        const member = await createUser(db, { email: 'medlem@example.dk', members: [{ editionId: rmEdition, role: 'panel' }] });
        const agent = await signedIn(member.id);
        assert.equal((await agent.get('/min-side/api-noegler')).statusCode, 403);
        const anon = await app.inject({ method: 'GET', url: '/min-side/api-noegler' });
        assert.equal(anon.statusCode, 303);
        const account = await rmAdmin.get('/min-side');
        assert.match(account.body, /<a href="\/min-side\/api-noegler">API-nøgler<\/a>/);
        const overview = await rmAdmin.get('/admin');
        assert.match(overview.body, /href="\/min-side\/api-noegler"/);
        assert.match(
          overview.body,
          new RegExp(`<a href="/admin/udgaver/${rmEdition}/medlemmer" aria-label="Medlemmer af komité og patientpanel for Initiativprisen 2024">Medlemmer</a>`),
        );
      });

      test('every POST checks the CSRF token', async () => {
        await rmAdmin.get('/min-side/api-noegler');
        const before = await db.select({ n: sql<number>`count(*)::int` }).from(apiTokens);
        const [mine] = await db.select().from(apiTokens).where(eq(apiTokens.userId, rmAdminId)).limit(1);
        for (const [url, fields] of [
          ['/min-side/api-noegler', { navn: 'Uden token' }],
          [`/min-side/api-noegler/${mine!.id}/tilbagekald`, {}],
        ] as const) {
          for (const csrf of [null, 'forkert']) {
            const res = await rmAdmin.post(url, fields, { csrf });
            assert.equal(res.statusCode, 403, `${url} ${csrf}`);
            assert.match(res.body, /Formularen er udløbet/);
          }
        }
        const afterCount = await db.select({ n: sql<number>`count(*)::int` }).from(apiTokens);
        assert.equal(afterCount[0]!.n, before[0]!.n);
        const [still] = await db.select().from(apiTokens).where(eq(apiTokens.id, mine!.id));
        assert.equal(still!.revokedAt, null);
      });

      test("a revoked token stops working at once; revoking is audited; nobody revokes another user's token", async () => {
        const agent = await signedIn(rmAdminId);
        const { token: made } = await makeToken(agent, 'Kortlivet');
        const ok = await api('GET', '/api/v1/admin/editions', { token: made });
        assert.equal(ok.statusCode, 200);
        const [row] = await db.select().from(apiTokens).where(eq(apiTokens.name, 'Kortlivet'));
        assert.deepEqual(row!.lastUsedAt, t.clock.now(), 'last use is recorded');
        const listed = await agent.get('/min-side/api-noegler');
        assert.match(listed.body, /<th scope="row">Kortlivet<\/th>\s*<td>[^<]+<\/td>\s*<td>(?!Aldrig)[^<]+<\/td>/);

        const dr = await signedIn((await db.select().from(users).where(eq(users.email, 'admin.dr@example.dk')))[0]!.id);
        await dr.get('/min-side/api-noegler');
        assert.equal((await dr.post(`/min-side/api-noegler/${row!.id}/tilbagekald`, {})).statusCode, 404, "another user's token");
        assert.equal((await api('GET', '/api/v1/admin/editions', { token: made })).statusCode, 200);

        const res = await agent.post(`/min-side/api-noegler/${row!.id}/tilbagekald`, {});
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/min-side/api-noegler?tilbagekaldt=1');
        const page = await agent.get(String(res.headers.location));
        assert.match(page.body, /Nøglen er tilbagekaldt\. Den virker ikke længere\./);
        assert.doesNotMatch(page.body, /Kortlivet/);
        const [audit] = await auditOf('api-token.revoke', row!.id);
        assert.equal(audit?.actorUserId, rmAdminId);

        assertProblem(await api('GET', '/api/v1/admin/editions', { token: made }), 401, 'revoked');
        assert.equal((await agent.post(`/min-side/api-noegler/${row!.id}/tilbagekald`, {})).statusCode, 404, 'twice');
      });
    });

    describe('the admin API', () => {
      test('401 problem JSON without a token, with an unknown token, and with a browser session instead of a token', async () => {
        assertProblem(await api('GET', '/api/v1/admin/editions', { token: null }), 401, 'none');
        assertProblem(await api('GET', '/api/v1/admin/editions', { token: 'pp_unknown-token-0123456789abcdefghijklmnopq' }), 401, 'unknown');
        assertProblem(await api('GET', '/api/v1/admin/editions', { token: null, headers: { authorization: 'Basic abc' } }), 401, 'basic');
        const s = await sessionFor(db, rmAdminId, t.clock.now());
        const viaCookie = await app.inject({ method: 'GET', url: '/api/v1/admin/editions', headers: { cookie: `${s.name}=${s.value}` } });
        const p = assertProblem(viaCookie, 401, 'cookie');
        assert.match(p.detail ?? '', /not a browser session/);
        const post = await app.inject({
          method: 'POST',
          url: `/api/v1/admin/editions/${rmEdition}/members`,
          headers: { cookie: `${s.name}=${s.value}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'X', email: 'x@example.dk', role: 'panel' }),
        });
        assertProblem(post, 401, 'post with cookie');
        assertProblem(
          await api('POST', `/api/v1/admin/editions/${rmEdition}/members`, { token: null, body: { name: 'X', email: 'x@example.dk', role: 'panel' } }),
          401,
          'post without token',
        );
      });

      test("a member's token (no administrator) gets 403", async () => {
        const member = await createUser(db, { email: 'kun.medlem@example.dk', members: [{ editionId: rmEdition, role: 'committee' }] });
        const { token: memberToken } = await createApiToken(db, member.id, 'x', t.clock.now());
        assertProblem(await api('GET', '/api/v1/admin/editions', { token: memberToken }), 403);
      });

      test("GET /api/v1/admin/editions lists the editions of the caller's organisations only", async () => {
        const res = await api('GET', '/api/v1/admin/editions');
        assert.equal(res.statusCode, 200);
        const body = res.json() as { editions: { id: number; organisation: { slug: string }; award: { slug: string }; phase: string; sentCount: number }[] };
        assert.ok(body.editions.length >= 2);
        assert.ok(body.editions.every((e) => e.organisation.slug === 'region-midtjylland'));
        assert.deepEqual(body.editions.map((e) => e.id).sort(), [rmEdition, smartEdition].sort());
        const dr = (await api('GET', '/api/v1/admin/editions', { token: drToken })).json() as typeof body;
        assert.ok(dr.editions.some((e) => e.id === drEdition));
        assert.ok(dr.editions.every((e) => e.organisation.slug === 'danske-regioner'));
      });

      describe('nominations and screening', () => {
        let sentId: number;
        let withdrawnId: number;
        let draftId: number;
        let drNominationId: number;
        before(async () => {
          const at = new Date('2024-03-01T10:00:00Z');
          sentId = (await buildNomination(db, { editionId: rmEdition, title: 'Sendt indstilling', receiptNumber: 'IP-2024-0100' }, { at })).id;
          withdrawnId = (await buildNomination(db, { editionId: rmEdition, title: 'Trukket', status: 'withdrawn', receiptNumber: 'IP-2024-0101' }, { at })).id;
          draftId = (await buildNomination(db, { editionId: rmEdition, title: 'Hemmelig kladde', status: 'draft' }, { at })).id;
          drNominationId = (await buildNomination(db, { editionId: drEdition, title: 'DR' }, { at })).id;
        });

        test('GET nominations lists sent and withdrawn ones with their screening, never drafts; filters work', async () => {
          const res = await api('GET', `/api/v1/admin/editions/${rmEdition}/nominations`);
          assert.equal(res.statusCode, 200);
          const body = res.json() as { editionId: number; nominations: { id: number; title: string; status: string; screening: { state: string } }[] };
          assert.equal(body.editionId, rmEdition);
          const ids = body.nominations.map((n) => n.id);
          assert.ok(ids.includes(sentId) && ids.includes(withdrawnId));
          assert.ok(!ids.includes(draftId));
          assert.ok(!JSON.stringify(body).includes('Hemmelig kladde'));
          const sent = body.nominations.find((n) => n.id === sentId)!;
          assert.deepEqual(sent.screening, { state: 'pending', reason: null, screenedAt: null });
          const filtered = (await api('GET', `/api/v1/admin/editions/${rmEdition}/nominations?status=withdrawn`)).json() as typeof body;
          assert.deepEqual(
            filtered.nominations.map((n) => n.id),
            [withdrawnId],
          );
          assertProblem(await api('GET', `/api/v1/admin/editions/${rmEdition}/nominations?status=draft`), 400);
        });

        test('403 for another organisation, 404 for what does not exist, 400 for a bad id', async () => {
          assertProblem(await api('GET', `/api/v1/admin/editions/${drEdition}/nominations`), 403);
          assertProblem(await api('GET', '/api/v1/admin/editions/999999/nominations'), 404);
          assertProblem(await api('GET', '/api/v1/admin/editions/abc/nominations'), 400);
          assertProblem(await api('GET', '/api/v1/admin/editions/99999999999/nominations'), 400);
          assertProblem(await api('POST', `/api/v1/admin/nominations/${drNominationId}/screening`, { body: { decision: 'eligible' } }), 403);
          assertProblem(await api('POST', '/api/v1/admin/nominations/999999/screening', { body: { decision: 'eligible' } }), 404);
          assertProblem(await api('POST', `/api/v1/admin/nominations/${draftId}/screening`, { body: { decision: 'eligible' } }), 404, 'a draft');
          const [dr] = await db.select().from(nominations).where(eq(nominations.id, drNominationId));
          assert.equal(dr!.screening, 'pending');
        });

        test('POST screening decides with the rules of the page, and is audited', async () => {
          const noReason = assertProblem(await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: { decision: 'not-eligible' } }), 422);
          assert.deepEqual(
            noReason.errors?.map((e) => e.path),
            ['/reason'],
          );
          assertProblem(await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: { decision: 'maybe' } }), 400);
          assertProblem(await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: '{not json' }), 400);
          assertProblem(await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: { decision: 'eligible', extra: 1 } }), 400);
          assertProblem(
            await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: { decision: 'not-eligible', reason: 'x'.repeat(2001) } }),
            422,
          );
          assertProblem(
            await app.inject({
              method: 'POST',
              url: `/api/v1/admin/nominations/${sentId}/screening`,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'decision=eligible',
            }),
            415,
          );
          assertProblem(await api('POST', `/api/v1/admin/nominations/${withdrawnId}/screening`, { body: { decision: 'eligible' } }), 409);

          const res = await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, {
            body: { decision: 'not-eligible', reason: '  Ikke fra regionen.  ' },
          });
          assert.equal(res.statusCode, 200, res.body);
          assert.deepEqual(res.json(), {
            id: sentId,
            screening: { state: 'not-eligible', reason: 'Ikke fra regionen.', screenedAt: t.clock.now().toISOString() },
          });
          const ok = await api('POST', `/api/v1/admin/nominations/${sentId}/screening`, { body: { decision: 'eligible' } });
          assert.equal(ok.statusCode, 200);
          const audits = await auditOf('nomination.screen', sentId);
          assert.equal(audits.length, 2);
          assert.equal(audits[0]!.actorUserId, rmAdminId);
          assert.equal(audits[0]!.organisationId, rmOrg);
          assert.equal(audits[0]!.editionId, rmEdition);
          assert.deepEqual(audits[0]!.before, { state: 'pending', reason: null, screenedAt: null });
          assert.deepEqual(audits[1]!.after, { state: 'eligible', reason: null, screenedAt: t.clock.now().toISOString() });
        });
      });

      describe('members', () => {
        test('POST invites (same service as the page: invitation, e-mail, audit); the link makes the member; GET lists; 409 for a member; DELETE removes and withdraws', async () => {
          const url = `/api/v1/admin/editions/${smartEdition}/members`;
          /** Follows the newest invitation link to the address, as the invited person's browser. */
          const acceptLatest = async (to: string) => {
            const [mail] = await db
              .select()
              .from(outboxMessages)
              .where(and(eq(outboxMessages.kind, 'member-invitation'), eq(outboxMessages.toAddress, to)))
              .orderBy(desc(outboxMessages.id))
              .limit(1);
            const path = /http:\/\/prisportal\.test(\/invitation\/[A-Za-z0-9_-]{43})\n/.exec(mail!.textBody)![1]!;
            const visitor = new HttpAgent(app);
            await visitor.get(path);
            assert.equal((await visitor.post(path, {})).statusCode, 303);
          };
          const res = await api('POST', url, {
            body: { name: 'Api Person', email: 'Api.Person@example.dk', role: 'committee', isChair: true, partyLetter: 'ø' },
          });
          assert.equal(res.statusCode, 201, res.body);
          const body = res.json() as { invitation: Record<string, unknown> & { id: number }; renewed: boolean };
          assert.deepEqual(body, {
            invitation: {
              id: body.invitation.id,
              name: 'Api Person',
              email: 'api.person@example.dk',
              role: 'committee',
              isChair: true,
              partyLetter: 'Ø',
              represents: null,
              invitedAt: t.clock.now().toISOString(),
              expiresAt: new Date(t.clock.now().getTime() + 7 * 24 * 3600 * 1000).toISOString(),
            },
            renewed: false,
          });
          const [audit] = await auditOf('member.invite', body.invitation.id);
          assert.equal(audit?.actorUserId, rmAdminId);
          const pending = await api('GET', `/api/v1/admin/editions/${smartEdition}/invitations`);
          assert.deepEqual(
            (pending.json() as { invitations: { id: number }[] }).invitations.map((i) => i.id),
            [body.invitation.id],
          );
          assert.equal(((await api('GET', url)).json() as { members: unknown[] }).members.length, 0, 'no member before the link is followed');
          await acceptLatest('Api.Person@example.dk');

          const again = assertProblem(await api('POST', url, { body: { name: 'Api Person', email: 'api.person@EXAMPLE.dk', role: 'committee' } }), 409);
          assert.equal(again.type, '/problems/already-member');
          const panel = await api('POST', url, { body: { name: 'Api Person', email: 'api.person@EXAMPLE.dk', role: 'panel', represents: 'Danske Patienter' } });
          assert.equal(panel.statusCode, 201);
          await acceptLatest('Api.Person@example.dk');

          const list = await api('GET', url);
          assert.equal(list.statusCode, 200);
          const members = (list.json() as { members: { id: number; userId: number; email: string; role: string; affiliation: string | null }[] }).members;
          assert.deepEqual(
            members.map((m) => [m.email, m.role, m.affiliation]),
            [
              ['Api.Person@example.dk', 'committee', 'Partibogstav Ø'],
              ['Api.Person@example.dk', 'panel', 'Danske Patienter'],
            ],
          );
          assert.equal(members[0]!.userId, members[1]!.userId, 'the same user');
          const memberId = members[0]!.id;

          const del = await api('DELETE', `${url}/${memberId}`);
          assert.equal(del.statusCode, 204, del.body);
          assert.equal(del.body, '');
          const [row] = await db.select().from(editionMembers).where(eq(editionMembers.id, memberId));
          assert.deepEqual(row!.removedAt, t.clock.now());
          assert.equal((await auditOf('member.remove', memberId)).length, 1);
          assertProblem(await api('DELETE', `${url}/${memberId}`), 404, 'twice');
          assertProblem(await api('DELETE', `/api/v1/admin/editions/${rmEdition}/members/${members[1]!.id}`), 404, 'through another edition');

          const back = await api('POST', url, { body: { name: 'Api Person', email: 'api.person@example.dk', role: 'committee' } });
          assert.equal(back.statusCode, 201);
          const backId = (back.json() as { invitation: { id: number } }).invitation.id;
          assertProblem(await api('DELETE', `/api/v1/admin/editions/${rmEdition}/invitations/${backId}`), 404, 'withdrawn through another edition');
          const withdrawn = await api('DELETE', `/api/v1/admin/editions/${smartEdition}/invitations/${backId}`);
          assert.equal(withdrawn.statusCode, 204, withdrawn.body);
          assert.equal((await auditOf('member.invite-withdraw', backId)).length, 1);
          assertProblem(await api('DELETE', `/api/v1/admin/editions/${smartEdition}/invitations/${backId}`), 404, 'withdrawn twice');
          const [still] = await db.select().from(editionMembers).where(eq(editionMembers.id, memberId));
          assert.notEqual(still!.removedAt, null, 'a withdrawn invitation makes nobody a member again');
        });

        test('bad input: 400 for the wrong shape, 422 with the fields for the rules, 415 for a form body', async () => {
          const url = `/api/v1/admin/editions/${smartEdition}/members`;
          assertProblem(await api('POST', url, { body: { name: 'X', email: 'x@example.dk' } }), 400, 'no role');
          assertProblem(await api('POST', url, { body: { name: 'X', email: 'x@example.dk', role: 'jury' } }), 400, 'unknown role');
          assertProblem(await api('POST', url, { body: { name: 'X', email: 'x@example.dk', role: 'panel', admin: true } }), 400, 'unknown field');
          const p = assertProblem(
            await api('POST', url, { body: { name: ' ', email: 'ikke-en-email', role: 'panel', isChair: true, partyLetter: 'A', represents: 'KL' } }),
            422,
          );
          assert.deepEqual(
            p.errors?.map((e) => e.path),
            ['/name', '/email', '/isChair', '/partyLetter'],
          );
          assert.equal(p.errors?.[1]?.message, 'Enter the e-mail in the format name@example.com.');
          assertProblem(
            await app.inject({
              method: 'POST',
              url,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'name=X&email=x@example.dk&role=panel',
            }),
            415,
          );
          assert.equal((await db.select().from(users).where(eq(users.email, 'x@example.dk'))).length, 0);
        });

        test("403 on another organisation's edition for every member operation; nothing changes", async () => {
          const url = `/api/v1/admin/editions/${drEdition}/members`;
          const drMember = await createUser(db, { email: 'dr.medlem@example.dk', members: [{ editionId: drEdition, role: 'committee' }] });
          const [row] = await db.select().from(editionMembers).where(eq(editionMembers.userId, drMember.id));
          assertProblem(await api('GET', url), 403, 'GET');
          assertProblem(await api('POST', url, { body: { name: 'Snig', email: 'snig@example.dk', role: 'panel' } }), 403, 'POST');
          assertProblem(await api('DELETE', `${url}/${row!.id}`), 403, 'DELETE');
          assertProblem(await api('GET', `/api/v1/admin/editions/${drEdition}/invitations`), 403, 'GET invitations');
          assertProblem(await api('DELETE', `/api/v1/admin/editions/${drEdition}/invitations/1`), 403, 'DELETE invitation');
          assertProblem(await api('GET', '/api/v1/admin/editions/999999/members'), 404);
          const [still] = await db.select().from(editionMembers).where(eq(editionMembers.id, row!.id));
          assert.equal(still!.removedAt, null);
          assert.equal((await db.select().from(users).where(eq(users.email, 'snig@example.dk'))).length, 0);
          const list = await api('GET', url, { token: drToken });
          assert.equal(list.statusCode, 200, 'its own administrator may');
        });
      });

      test('the OpenAPI document lists the admin paths with the bearer scheme', async () => {
        const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
        assert.equal(res.statusCode, 200);
        const doc = res.json() as {
          paths: Record<string, Record<string, { tags?: string[]; security?: Record<string, string[]>[]; responses: Record<string, unknown> }>>;
          components: { securitySchemes: Record<string, { type: string; scheme: string }> };
        };
        assert.deepEqual(
          { type: doc.components.securitySchemes.bearerAuth?.type, scheme: doc.components.securitySchemes.bearerAuth?.scheme },
          { type: 'http', scheme: 'bearer' },
        );
        const expected: [string, string][] = [
          ['/api/v1/admin/editions', 'get'],
          ['/api/v1/admin/editions/{id}/nominations', 'get'],
          ['/api/v1/admin/nominations/{id}/screening', 'post'],
          ['/api/v1/admin/editions/{id}/members', 'get'],
          ['/api/v1/admin/editions/{id}/members', 'post'],
          ['/api/v1/admin/editions/{id}/members/{memberId}', 'delete'],
          ['/api/v1/admin/editions/{id}/invitations', 'get'],
          ['/api/v1/admin/editions/{id}/invitations/{invitationId}', 'delete'],
        ];
        for (const [path, method] of expected) {
          const op = doc.paths[path]?.[method];
          assert.ok(op, `${method} ${path} is documented`);
          assert.deepEqual(op.tags, ['admin'], path);
          assert.deepEqual(op.security, [{ bearerAuth: [] }], path);
          assert.ok(op.responses['401'] && op.responses['403'] && op.responses['404'], `${path} documents 401, 403 and 404`);
        }
        // Every operation under /api/v1/admin, whichever module adds it, takes the bearer token
        // and documents the refusal without one.
        const adminOps = Object.entries(doc.paths)
          .filter(([p]) => p.startsWith('/api/v1/admin'))
          .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => [`${m} ${p}`, op] as const));
        assert.ok(adminOps.length >= expected.length);
        for (const [label, op] of adminOps) {
          assert.deepEqual(op.tags, ['admin'], label);
          assert.deepEqual(op.security, [{ bearerAuth: [] }], label);
          assert.ok(op.responses['401'], `${label} documents 401`);
        }
        assert.deepEqual(doc.paths['/api/v1/awards']?.get?.security, [], 'public routes need no token (they say so: an empty list)');
      });
    });
  });
}
