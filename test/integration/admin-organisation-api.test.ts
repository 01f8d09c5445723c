/**
 * Organisations, new awards and an edition's lists in the admin API, on PGlite and on a real
 * PostgreSQL server: the page's rules as 422 problem JSON with paths into the body, the form
 * lock after the first sent nomination (409), audit records, and 403 / 404 / 401 for ids
 * of another organisation, unknown ids and no token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { auditEvents, awards, committeeSeats, criteria, editions, formSections, organisationAdmins, organisations } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';

type Problem = { status: number; type: string; detail?: string; errors?: { path: string; message: string }[] };

function problem(res: LightMyRequestResponse, status: number, label = ''): Problem {
  assert.equal(res.statusCode, status, `${label} ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
  return res.json() as Problem;
}

for (const engine of ENGINES) {
  describe(`organisations and edition lists in the admin API on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let rmOrg: number;
    let drOrg: number;
    let rmAdminId: number;
    let token: string;
    let drEdition: number;
    /** A round of its own (no nominations) whose lists the tests change. */
    let edition: number;

    const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, opts: { token?: string | null; body?: unknown } = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` }),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
      });
    const audits = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id));

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      app = t.app;
      const orgs = await db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      rmAdminId = (await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] })).id;
      token = (await createApiToken(db, rmAdminId, 'setup', t.clock.now())).token;
      const [dr] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'aarets-borgerinddragende-initiativ'), eq(editions.year, 2021)));
      drEdition = dr!.id;
      const award = (await db.select().from(awards).where(eq(awards.slug, 'initiativprisen')))[0]!;
      const created = await api('POST', `/api/v1/admin/awards/${award.id}/editions`, {
        body: {
          year: 2035,
          timeline: {
            opensAt: '2035-03-01T11:00:00Z',
            closesAt: '2035-06-01T10:00:00Z',
            nomineesPublishedAt: '2035-08-01T10:00:00Z',
            winnerAnnouncedAt: '2035-09-01T10:00:00Z',
          },
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      edition = (created.json() as { id: number }).id;
    });
    after(async () => t?.close());

    test('list, read and change an organisation; the address stays; audited', async () => {
      const list = await api('GET', '/api/v1/admin/organisations');
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        (list.json() as { items: { slug: string }[] }).items.map((o) => o.slug),
        ['region-midtjylland'],
      );
      const got = await api('GET', `/api/v1/admin/organisations/${rmOrg}`);
      assert.equal(got.statusCode, 200);
      const org = got.json() as { name: string; awards: { slug: string; editions: { year: number }[] }[] };
      assert.ok(org.awards.some((a) => a.slug === 'initiativprisen' && a.editions.some((e) => e.year === 2024)));

      const changed = await api('PATCH', `/api/v1/admin/organisations/${rmOrg}`, { body: { contactPhone: '+45 7841 0000', websiteUrl: null } });
      assert.equal(changed.statusCode, 200, changed.body);
      const row = (await db.select().from(organisations).where(eq(organisations.id, rmOrg)))[0]!;
      assert.equal(row.contactPhone, '+45 7841 0000');
      assert.equal(row.websiteUrl, null);
      assert.equal(row.slug, 'region-midtjylland');
      assert.equal(row.name, org.name, 'fields not sent are kept');
      const [audit] = (await audits('organisation.update')).slice(-1);
      assert.equal((audit!.after as { contactPhone: string }).contactPhone, '+45 7841 0000');
      assert.equal(audit!.actorUserId, rmAdminId);
    });

    test("the page's rules as 422 with paths: an empty name, a bad e-mail, a bad address", async () => {
      const res = await api('PATCH', `/api/v1/admin/organisations/${rmOrg}`, {
        body: { name: '  ', contactEmail: 'ikke-en-mail', privacyUrl: 'javascript:alert(1)' },
      });
      const p = problem(res, 422);
      assert.deepEqual(p.errors!.map((e) => e.path).sort(), ['/contactEmail', '/name', '/privacyUrl']);
      assert.ok(p.errors!.every((e) => e.message.length > 10));
      assert.notEqual((await db.select().from(organisations).where(eq(organisations.id, rmOrg)))[0]!.name.trim(), '');
      problem(await api('PATCH', `/api/v1/admin/organisations/${rmOrg}`, { body: { name: 42 } }), 400, 'wrong type');
      problem(await api('PATCH', `/api/v1/admin/organisations/${rmOrg}`, { body: { slug: 'ny' } }), 400, 'unknown field');
    });

    test('create an organisation: the caller becomes its administrator; then create an award in it', async () => {
      const res = await api('POST', '/api/v1/admin/organisations', { body: { name: 'Region Nordjylland', contactEmail: 'innovation@rn.dk' } });
      assert.equal(res.statusCode, 201, res.body);
      const org = res.json() as { id: number; slug: string };
      assert.equal(org.slug, 'region-nordjylland');
      assert.equal(res.headers.location, `/api/v1/admin/organisations/${org.id}`);
      const admins = await db.select().from(organisationAdmins).where(eq(organisationAdmins.organisationId, org.id));
      assert.deepEqual(
        admins.map((a) => a.userId),
        [rmAdminId],
      );
      assert.equal((await audits('organisation.create')).filter((a) => a.entityId === String(org.id)).length, 1);

      // A token reads the caller's administrator rights when used: the new organisation is open at once.
      const award = await api('POST', `/api/v1/admin/organisations/${org.id}/awards`, {
        body: { name: 'Nordprisen', summary: 'For nye løsninger.', description: 'En pris for nye løsninger i Region Nordjylland.', establishedYear: 2026 },
      });
      assert.equal(award.statusCode, 201, award.body);
      assert.equal((award.json() as { slug: string }).slug, 'nordprisen');
      const bad = problem(
        await api('POST', `/api/v1/admin/organisations/${org.id}/awards`, { body: { name: '', summary: '', description: 'x', establishedYear: 2026 } }),
        422,
      );
      assert.ok(bad.errors!.some((e) => e.path === '/name'));
    });

    test("replace an edition's criteria, form sections and committee seats; ids keep their rows; audited", async () => {
      const put1 = await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, {
        body: [
          { title: 'Nyskabende', description: 'Løsningen er ny.' },
          { title: 'Værdi for borgerne', description: 'Borgerne mærker forskellen.' },
        ],
      });
      assert.equal(put1.statusCode, 200, put1.body);
      const first = (put1.json() as { items: { id: number; title: string }[] }).items;
      assert.deepEqual(
        first.map((c) => c.title),
        ['Nyskabende', 'Værdi for borgerne'],
      );
      // Reordered, one changed, one kept by id, one new.
      const put2 = await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, {
        body: [
          { id: first[1]!.id, title: 'Værdi for borgere & pårørende', description: 'Borgerne mærker forskellen.' },
          { id: first[0]!.id, title: 'Nyskabende', description: 'Løsningen er ny.' },
          { title: 'Kan spredes', description: 'Andre kan bruge den.' },
        ],
      });
      assert.equal(put2.statusCode, 200, put2.body);
      const rows = await db.select().from(criteria).where(eq(criteria.editionId, edition)).orderBy(asc(criteria.position));
      assert.deepEqual(
        rows.map((r) => [r.id === first[1]!.id, r.title]),
        [
          [true, 'Værdi for borgere & pårørende'],
          [false, 'Nyskabende'],
          [false, 'Kan spredes'],
        ],
      );
      assert.equal(rows[1]!.id, first[0]!.id);
      assert.equal((await audits('criteria.update')).filter((a) => a.editionId === edition).length, 2);

      const sections = await api('PUT', `/api/v1/admin/editions/${edition}/form-sections`, {
        body: [
          { heading: 'Beskrivelse', help: 'Hvad går løsningen ud på?', wordLimit: 300 },
          { heading: 'Bilag', required: false },
        ],
      });
      assert.equal(sections.statusCode, 200, sections.body);
      const f = await db.select().from(formSections).where(eq(formSections.editionId, edition)).orderBy(asc(formSections.position));
      assert.deepEqual(
        f.map((s) => [s.heading, s.wordLimit, s.required]),
        [
          ['Beskrivelse', 300, true],
          ['Bilag', null, false],
        ],
      );

      const seats = await api('PUT', `/api/v1/admin/editions/${edition}/committee-seats`, {
        body: [{ name: 'Anders Kühnau', partyLetter: 'A', isChair: true }, { represents: 'Danske Patienter' }],
      });
      assert.equal(seats.statusCode, 200, seats.body);
      const s = await db.select().from(committeeSeats).where(eq(committeeSeats.editionId, edition)).orderBy(asc(committeeSeats.position));
      assert.deepEqual(
        s.map((x) => [x.name, x.partyLetter, x.represents, x.isChair]),
        [
          ['Anders Kühnau', 'A', null, true],
          [null, null, 'Danske Patienter', false],
        ],
      );
    });

    test('bad lists: 422 with paths into the array, nothing saved; 400 for wrong shapes', async () => {
      const before = await db.select().from(criteria).where(eq(criteria.editionId, edition)).orderBy(asc(criteria.position));
      const p = problem(
        await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, {
          body: [
            { title: 'Fin', description: 'Fin.' },
            { title: '', description: 'Mangler titel' },
            { title: 'x'.repeat(5000), description: 'For lang' },
          ],
        }),
        422,
      );
      assert.deepEqual(
        p.errors!.map((e) => e.path),
        ['/1/title', '/2/title'],
      );
      const sections = problem(await api('PUT', `/api/v1/admin/editions/${edition}/form-sections`, { body: [{ heading: 'A', wordLimit: -3 }] }), 422);
      assert.deepEqual(
        sections.errors!.map((e) => e.path),
        ['/0/wordLimit'],
      );
      const seat = problem(await api('PUT', `/api/v1/admin/editions/${edition}/committee-seats`, { body: [{ partyLetter: 'V' }] }), 422);
      assert.deepEqual(
        seat.errors!.map((e) => e.path),
        ['/0/name'],
      );
      problem(await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, { body: [{ title: '', description: '' }] }), 422, 'an empty item');
      problem(await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, { body: { title: 'ikke en liste' } }), 400);
      problem(await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, { body: [{ title: 'A', description: 'B', weight: 2 }] }), 400);
      problem(
        await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, { body: Array.from({ length: 40 }, () => ({ title: 'A', description: 'B' })) }),
        400,
      );
      const after = await db.select().from(criteria).where(eq(criteria.editionId, edition)).orderBy(asc(criteria.position));
      assert.deepEqual(after, before);
    });

    test('after the first sent nomination the criteria and form are locked (409); the committee is not', async () => {
      await buildNomination(db, { editionId: edition, sentAt: new Date('2035-03-02T10:00:00Z') });
      const p = problem(await api('PUT', `/api/v1/admin/editions/${edition}/criteria`, { body: [{ title: 'Ny', description: 'Ny.' }] }), 409);
      assert.equal(p.type, '/problems/form-locked');
      problem(await api('PUT', `/api/v1/admin/editions/${edition}/form-sections`, { body: [{ heading: 'Ny' }] }), 409);
      const seats = await api('PUT', `/api/v1/admin/editions/${edition}/committee-seats`, { body: [{ represents: 'Danske Handicaporganisationer' }] });
      assert.equal(seats.statusCode, 200, seats.body);
    });

    test("403 for another organisation's ids, 404 for unknown ones, 401 without a token", async () => {
      problem(await api('GET', `/api/v1/admin/organisations/${drOrg}`), 403);
      problem(await api('PATCH', `/api/v1/admin/organisations/${drOrg}`, { body: { name: 'Overtaget' } }), 403);
      problem(
        await api('POST', `/api/v1/admin/organisations/${drOrg}/awards`, { body: { name: 'Snig', summary: 's', description: 'd', establishedYear: 2026 } }),
        403,
      );
      for (const path of ['criteria', 'form-sections', 'committee-seats']) {
        problem(await api('PUT', `/api/v1/admin/editions/${drEdition}/${path}`, { body: [] }), 403, path);
        problem(await api('PUT', `/api/v1/admin/editions/999999/${path}`, { body: [] }), 404, path);
      }
      assert.notEqual((await db.select().from(organisations).where(eq(organisations.id, drOrg)))[0]!.name, 'Overtaget');
      assert.equal((await db.select().from(awards).where(eq(awards.name, 'Snig'))).length, 0);
      problem(await api('GET', '/api/v1/admin/organisations/999999'), 404);
      problem(await api('GET', '/api/v1/admin/organisations', { token: null }), 401);
      problem(await api('POST', '/api/v1/admin/organisations', { token: null, body: { name: 'X' } }), 401);
    });

    test('the OpenAPI document lists the operations with the bearer scheme', async () => {
      const doc = (await app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      for (const [path, method] of [
        ['/api/v1/admin/organisations', 'get'],
        ['/api/v1/admin/organisations', 'post'],
        ['/api/v1/admin/organisations/{id}', 'patch'],
        ['/api/v1/admin/organisations/{id}/awards', 'post'],
        ['/api/v1/admin/editions/{id}/criteria', 'put'],
        ['/api/v1/admin/editions/{id}/form-sections', 'put'],
        ['/api/v1/admin/editions/{id}/committee-seats', 'put'],
      ] as const) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path}`);
        assert.deepEqual(op.security, [{ bearerAuth: [] }]);
      }
    });
  });
}
