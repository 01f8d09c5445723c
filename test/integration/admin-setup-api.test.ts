/**
 * The setup operations of the admin API, on PGlite and on a real PostgreSQL server: an edition
 * read and changed (the page's rules as 422 problem JSON, moved dates e-mailed and audited),
 * next year's round (201, then 409), a new round of an award, an award read and changed; 403
 * for another organisation's ids, 404 for unknown ones, and the OpenAPI document.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { auditEvents, awards, criteria, editions, formSections, organisations, outboxMessages } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
const PROBLEM = /^application\/problem\+json/;

type Problem = { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
type EditionJson = {
  id: number;
  year: number;
  theme: string | null;
  timeline: Record<string, string | null>;
  nomineeCountMin: number | null;
  nomineeCountMax: number | null;
  asksOrigin: boolean;
  formLockedSince: string | null;
  award: { id: number; slug: string };
  organisation: { id: number; slug: string };
  criteria: { id: number; title: string }[];
  formSections: { id: number; heading: string; wordLimit: number | null; required: boolean }[];
  committeeSeats: { id: number }[];
};

function assertProblem(res: LightMyRequestResponse, status: number, label = ''): Problem {
  assert.equal(res.statusCode, status, `${label} ${res.body}`);
  assert.match(String(res.headers['content-type']), PROBLEM, label);
  const body = res.json() as Problem;
  assert.equal(body.status, status, label);
  return body;
}

for (const engine of ENGINES) {
  describe(`the admin API's setup operations on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let rmAward: number;
    let rmEdition: number;
    let smartEdition: number;
    let drAward: number;
    let drEdition: number;
    let rmAdminId: number;
    let token: string;
    let drToken: string;

    const api = (method: 'GET' | 'POST' | 'PATCH', url: string, opts: { token?: string | null; body?: unknown } = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` }),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
      });
    const auditOf = (action: string, entityId: number) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))))
        .orderBy(asc(auditEvents.id));
    const editionRow = async (id: number) => (await db.select().from(editions).where(eq(editions.id, id)))[0]!;
    const editionId = async (awardSlug: string, year: number) => {
      const [row] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, awardSlug), eq(editions.year, year)));
      assert.ok(row, `${awardSlug} ${year}`);
      return row.id;
    };

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      app = t.app;
      const orgs = await db.select().from(organisations);
      const rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      const allAwards = await db.select().from(awards);
      rmAward = allAwards.find((a) => a.slug === 'initiativprisen')!.id;
      drAward = allAwards.find((a) => a.slug === 'aarets-borgerinddragende-initiativ')!.id;
      rmEdition = await editionId('initiativprisen', 2024);
      smartEdition = await editionId('smartprisen', 2024);
      drEdition = await editionId('aarets-borgerinddragende-initiativ', 2021);
      rmAdminId = (await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] })).id;
      token = (await createApiToken(db, rmAdminId, 'setup', t.clock.now())).token;
      const dr = await createUser(db, { email: 'admin.dr@example.dk', name: 'Admin DR', adminOf: [drOrg] });
      drToken = (await createApiToken(db, dr.id, 'DR', t.clock.now())).token;
    });
    after(async () => t?.close());

    test('GET an edition: fields, timeline as ISO instants, criteria, form sections and seats in order', async () => {
      const res = await api('GET', `/api/v1/admin/editions/${rmEdition}`);
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json() as EditionJson;
      const row = await editionRow(rmEdition);
      assert.equal(e.id, rmEdition);
      assert.equal(e.year, 2024);
      assert.equal(e.award.slug, 'initiativprisen');
      assert.equal(e.organisation.slug, 'region-midtjylland');
      assert.equal(e.timeline.opensAt, row.opensAt!.toISOString());
      assert.equal(e.timeline.closesAt, '2024-06-14T10:00:00.000Z');
      assert.equal(e.timeline.reviewStartsAt, null);
      const c = await db.select().from(criteria).where(eq(criteria.editionId, rmEdition)).orderBy(asc(criteria.position));
      assert.ok(c.length > 0);
      assert.deepEqual(
        e.criteria.map((x) => x.id),
        c.map((x) => x.id),
      );
      const f = await db.select().from(formSections).where(eq(formSections.editionId, rmEdition)).orderBy(asc(formSections.position));
      assert.deepEqual(
        e.formSections.map((x) => [x.id, x.heading, x.wordLimit, x.required]),
        f.map((x) => [x.id, x.heading, x.wordLimit, x.required]),
      );
      assert.ok(Array.isArray(e.committeeSeats));
    });

    test("403 for another organisation's ids, 404 for unknown ones, 401 without a token, on every setup route", async () => {
      const ok = { year: 2031 };
      assertProblem(await api('GET', `/api/v1/admin/editions/${drEdition}`), 403, 'GET edition');
      assertProblem(await api('PATCH', `/api/v1/admin/editions/${drEdition}`, { body: { theme: 'Snig' } }), 403, 'PATCH edition');
      assertProblem(await api('POST', `/api/v1/admin/editions/${drEdition}/next-year`), 403, 'next-year');
      assertProblem(await api('POST', `/api/v1/admin/awards/${drAward}/editions`, { body: ok }), 403, 'create edition');
      assertProblem(await api('GET', `/api/v1/admin/awards/${drAward}`), 403, 'GET award');
      assertProblem(await api('PATCH', `/api/v1/admin/awards/${drAward}`, { body: { summary: 'Snig' } }), 403, 'PATCH award');
      assert.notEqual((await editionRow(drEdition)).theme, 'Snig');
      assert.equal(
        (
          await db
            .select()
            .from(editions)
            .where(and(eq(editions.awardId, drAward), eq(editions.year, 2031)))
        ).length,
        0,
      );
      assert.equal(
        (
          await db
            .select()
            .from(editions)
            .where(and(eq(editions.awardId, drAward), eq(editions.year, 2022)))
        ).length,
        0,
      );

      assertProblem(await api('GET', '/api/v1/admin/editions/999999'), 404);
      assertProblem(await api('PATCH', '/api/v1/admin/editions/999999', { body: { theme: 'x' } }), 404);
      assertProblem(await api('POST', '/api/v1/admin/editions/999999/next-year'), 404);
      assertProblem(await api('POST', '/api/v1/admin/awards/999999/editions', { body: ok }), 404);
      assertProblem(await api('GET', '/api/v1/admin/awards/999999'), 404);
      assertProblem(await api('PATCH', '/api/v1/admin/awards/999999', { body: { summary: 'x' } }), 404);

      assertProblem(await api('GET', `/api/v1/admin/editions/${rmEdition}`, { token: null }), 401);
      assertProblem(await api('PATCH', `/api/v1/admin/editions/${rmEdition}`, { token: null, body: { theme: 'x' } }), 401);
      const own = await api('GET', `/api/v1/admin/editions/${drEdition}`, { token: drToken });
      assert.equal(own.statusCode, 200, 'its own administrator may');
    });

    test('PATCH an edition: only the fields sent change; audited', async () => {
      const before = await editionRow(smartEdition);
      const res = await api('PATCH', `/api/v1/admin/editions/${smartEdition}`, { body: { theme: '  Nyt tema  ', prizeAmountKr: 25000, nomineeCountMax: 6 } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { edition: EditionJson; notified: number };
      assert.equal(body.notified, 0);
      assert.equal(body.edition.theme, 'Nyt tema');
      assert.equal(body.edition.nomineeCountMax, 6);
      const after = await editionRow(smartEdition);
      assert.equal(after.theme, 'Nyt tema');
      assert.equal(after.prizeAmountKr, 25000);
      assert.equal(after.eventName, before.eventName);
      assert.deepEqual(after.opensAt, before.opensAt);
      assert.equal(after.asksOrigin, before.asksOrigin);
      const audits = await auditOf('edition.update', smartEdition);
      assert.equal(audits.length, 1);
      assert.equal(audits[0]!.actorUserId, rmAdminId);
      assert.equal((audits[0]!.after as { theme: string }).theme, 'Nyt tema');
      assert.equal((await auditOf('edition.timeline-change', smartEdition)).length, 0);
    });

    test('PATCH the timeline with ISO instants: moved published dates are e-mailed and audited, as on the page', async () => {
      const n = await buildNomination(
        db,
        { editionId: rmEdition, nominatorEmail: 'flyt.dato@example.dk', nominatorName: 'Flyt Dato' },
        { at: new Date('2024-05-01T10:00:00Z') },
      );
      const res = await api('PATCH', `/api/v1/admin/editions/${rmEdition}`, {
        body: { timeline: { closesAt: '2024-06-21T12:00:00+02:00', reviewStartsAt: '2024-06-24T08:00:00Z' } },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { edition: EditionJson; notified: number };
      assert.ok(body.notified >= 1);
      assert.equal(body.edition.timeline.closesAt, '2024-06-21T10:00:00.000Z');
      assert.equal(body.edition.timeline.reviewStartsAt, '2024-06-24T08:00:00.000Z');
      assert.ok(body.edition.formLockedSince, 'a nomination is sent');
      const [mail] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'edition-timeline-change'), eq(outboxMessages.toAddress, n.nominatorEmail)));
      assert.ok(mail, 'the nominator is told');
      assert.match(mail.textBody, /Fristen for indstillinger: nu/);
      const [audit] = await auditOf('edition.timeline-change', rmEdition);
      assert.deepEqual(audit?.before, { closesAt: '2024-06-14T10:00:00.000Z' });
      assert.deepEqual(audit?.after, { closesAt: '2024-06-21T10:00:00.000Z' });

      // Once a nomination is sent, "asks where the solution came from" is locked, as on the page.
      const locked = assertProblem(await api('PATCH', `/api/v1/admin/editions/${rmEdition}`, { body: { asksOrigin: !body.edition.asksOrigin } }), 422);
      assert.deepEqual(
        locked.errors?.map((e) => e.path),
        ['/asksOrigin'],
      );
    });

    test('PATCH with broken rules: 422 listing the fields; 400 for the wrong shape; 415 for a form body; nothing changes', async () => {
      const before = await editionRow(smartEdition);
      const url = `/api/v1/admin/editions/${smartEdition}`;
      const order = assertProblem(
        await api('PATCH', url, {
          body: { timeline: { closesAt: '2024-01-01T10:00:00Z' }, nomineeCountMin: 9, nomineeCountMax: 2, filmUrl: 'ikke en adresse', theme: 'x'.repeat(201) },
        }),
        422,
      );
      assert.equal(order.type, '/problems/validation');
      assert.deepEqual(
        order.errors?.map((e) => e.path),
        ['/theme', '/timeline/closesAt', '/nomineeCountMax', '/filmUrl'],
      );
      assert.ok(order.errors?.every((e) => e.message.length > 0));
      const missing = assertProblem(await api('PATCH', url, { body: { timeline: { winnerAnnouncedAt: null } } }), 422);
      assert.deepEqual(
        missing.errors?.map((e) => e.path),
        ['/timeline/winnerAnnouncedAt'],
      );

      assertProblem(await api('PATCH', url, { body: { theme: 5 } }), 400, 'wrong type');
      assertProblem(await api('PATCH', url, { body: { slug: 'x' } }), 400, 'unknown field');
      assertProblem(await api('PATCH', url, { body: { timeline: { opensAt: '26/9/2025' } } }), 400, 'not an ISO instant');
      const form = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'theme=x',
      });
      assertProblem(form, 415);
      assert.deepEqual(await editionRow(smartEdition), before);
    });

    test('POST next-year: 201 with the new edition, copied one year on; then 409', async () => {
      const url = `/api/v1/admin/editions/${smartEdition}/next-year`;
      const res = await api('POST', url);
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json() as { id: number; year: number; copiedFrom: number };
      assert.equal(body.year, 2025);
      assert.equal(body.copiedFrom, smartEdition);
      assert.equal(res.headers.location, `/api/v1/admin/editions/${body.id}`);
      const copy = (await api('GET', `/api/v1/admin/editions/${body.id}`)).json() as EditionJson;
      const source = (await api('GET', `/api/v1/admin/editions/${smartEdition}`)).json() as EditionJson;
      assert.equal(copy.criteria.length, source.criteria.length);
      assert.equal(copy.formSections.length, source.formSections.length);
      assert.equal(copy.timeline.nomineesPublishedAt, '2025-09-26T10:00:00.000Z');
      const [audit] = await auditOf('edition.create', body.id);
      assert.equal((audit!.after as { copiedFrom: number }).copiedFrom, 2024);

      const again = assertProblem(await api('POST', url, { body: {} }), 409);
      assert.equal(again.type, '/problems/year-taken');
      assert.match(again.detail ?? '', /2025/);
      const taken = assertProblem(await api('PATCH', `/api/v1/admin/editions/${smartEdition}`, { body: { year: 2025 } }), 422, 'year taken');
      // Taken, and 2025 does not fit the round's 2024 dates either: both said on the year.
      assert.deepEqual(
        taken.errors?.map((e) => e.path),
        ['/year', '/year'],
      );
      assert.match(taken.errors!.map((e) => e.message).join('\n'), /does not fit the date[\s\S]*already has a round for 2025/);
      assert.equal((await editionRow(smartEdition)).year, 2024);
    });

    test('POST an edition of an award: 201 with the edition; the rules as 422', async () => {
      const url = `/api/v1/admin/awards/${rmAward}/editions`;
      const timeline = {
        opensAt: '2030-03-01T11:00:00Z',
        closesAt: '2030-05-01T10:00:00Z',
        nomineesPublishedAt: '2030-09-01T10:00:00Z',
        winnerAnnouncedAt: '2030-10-01T10:00:00Z',
      };
      const res = await api('POST', url, { body: { year: 2030, theme: 'Fremtiden', timeline, hasPatientPanel: true } });
      assert.equal(res.statusCode, 201, res.body);
      const e = res.json() as EditionJson;
      assert.equal(e.year, 2030);
      assert.equal(e.theme, 'Fremtiden');
      assert.equal(e.timeline.opensAt, '2030-03-01T11:00:00.000Z');
      assert.deepEqual(e.criteria, []);
      assert.equal(res.headers.location, `/api/v1/admin/editions/${e.id}`);
      assert.equal((await auditOf('edition.create', e.id)).length, 1);

      const taken = assertProblem(await api('POST', url, { body: { year: 2030 } }), 422);
      assert.deepEqual(
        taken.errors?.map((x) => x.path),
        ['/year'],
      );
      const partial = assertProblem(await api('POST', url, { body: { year: 2031, timeline: { opensAt: timeline.opensAt } } }), 422);
      assert.deepEqual(
        partial.errors?.map((x) => x.path),
        ['/timeline/closesAt', '/timeline/nomineesPublishedAt', '/timeline/winnerAnnouncedAt'],
      );
      assertProblem(await api('POST', url, { body: { theme: 'uden år' } }), 400, 'no year');
      assert.equal(
        (
          await db
            .select()
            .from(editions)
            .where(and(eq(editions.awardId, rmAward), eq(editions.year, 2031)))
        ).length,
        0,
      );
    });

    test("GET and PATCH an award: the page's rules as 422; audited", async () => {
      const res = await api('GET', `/api/v1/admin/awards/${rmAward}`);
      assert.equal(res.statusCode, 200, res.body);
      const a = res.json() as { id: number; slug: string; name: string; organisation: { slug: string }; editions: { id: number; year: number }[] };
      assert.equal(a.slug, 'initiativprisen');
      assert.equal(a.organisation.slug, 'region-midtjylland');
      assert.ok(a.editions.some((e) => e.id === rmEdition));

      const bad = assertProblem(await api('PATCH', `/api/v1/admin/awards/${rmAward}`, { body: { name: '  ', contactEmail: 'ikke-en-email' } }), 422);
      assert.deepEqual(
        bad.errors?.map((e) => e.path),
        ['/name', '/contactEmail'],
      );
      const ok = await api('PATCH', `/api/v1/admin/awards/${rmAward}`, { body: { summary: 'Et nyt resumé.', contactPhone: null } });
      assert.equal(ok.statusCode, 200, ok.body);
      const body = ok.json() as { summary: string; contactPhone: string | null; name: string; slug: string };
      assert.equal(body.summary, 'Et nyt resumé.');
      assert.equal(body.contactPhone, null);
      assert.equal(body.name, a.name);
      assert.equal(body.slug, 'initiativprisen');
      const [audit] = await auditOf('award.update', rmAward);
      assert.equal(audit?.actorUserId, rmAdminId);
      assertProblem(await api('PATCH', `/api/v1/admin/awards/${rmAward}`, { body: { slug: 'ny' } }), 400);
    });

    test('the OpenAPI document lists the setup paths with the bearer scheme', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json() as {
        paths: Record<string, Record<string, { tags?: string[]; security?: Record<string, string[]>[]; responses: Record<string, unknown> }>>;
      };
      const expected: [string, string, string[]][] = [
        ['/api/v1/admin/editions/{id}', 'get', []],
        ['/api/v1/admin/editions/{id}', 'patch', ['422']],
        ['/api/v1/admin/editions/{id}/next-year', 'post', ['201', '409']],
        ['/api/v1/admin/awards/{id}/editions', 'post', ['201', '422']],
        ['/api/v1/admin/awards/{id}', 'get', []],
        ['/api/v1/admin/awards/{id}', 'patch', ['422']],
      ];
      for (const [path, method, codes] of expected) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path} is documented`);
        assert.deepEqual(op.tags, ['admin'], path);
        assert.deepEqual(op.security, [{ bearerAuth: [] }], path);
        for (const code of ['401', '403', '404', ...codes]) assert.ok(op.responses[code], `${method} ${path} documents ${code}`);
      }
    });
  });
}
