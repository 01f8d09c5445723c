/**
 * A round's life before the public sees it (issue 14, "Draft, preview, publish"): a new round
 * and next year's copy start as drafts, seen on no public route, feed or API; the
 * organisation's administrators and the round's committee see a preview; publishing checks
 * the round; a published round returns to draft only before it opens; an empty draft can be
 * deleted. Every step is audited. On both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { and, asc, eq } from 'drizzle-orm';
import { awards, criteria, editions, formSections, organisations } from '../../src/db/schema.js';
import { auditEvents } from '../../src/platform/audit.schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import type { HttpAgent } from '../harness/http-agent.js';

const NOW = '2026-11-24T12:00:00Z';
const SLUG = 'aarets-sundhedsinnovation';

const summaryOf = (res: LightMyRequestResponse) =>
  [...res.body.matchAll(/<a href="#[^"]+" class="function-link">([^<]*)<\/a>/g)].map((m) =>
    m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );

function dates(d: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['opensAt', 'closesAt', 'reviewStartsAt', 'nomineesPublishedAt', 'votingOpensAt', 'votingClosesAt', 'winnerAnnouncedAt']) {
    out[`${k}-date`] = d[k] ?? '';
    out[`${k}-time`] = '12:00';
  }
  return out;
}

const ROUND_2027 = {
  year: '2027',
  theme: 'Nære løsninger',
  ...dates({ opensAt: '2027-03-01', closesAt: '2027-04-30', nomineesPublishedAt: '2027-09-26', winnerAnnouncedAt: '2027-11-03' }),
};

for (const engine of ENGINES) {
  describe(`draft, preview, publish and delete a round on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let rmAdmin: HttpAgent;
    let rmAdminId: number;
    let drAdmin: HttpAgent;
    let awardId: number;
    const db = () => t.database.db;
    const agentFor = (userId: number) => signedInAgent(t.app, db(), userId, t.clock.now());
    const editionOf = async (year: number) =>
      (
        await db()
          .select()
          .from(editions)
          .where(and(eq(editions.awardId, awardId), eq(editions.year, year)))
      )[0];
    const events = async (action: string) => (await db().select().from(auditEvents).orderBy(asc(auditEvents.id))).filter((e) => e.action === action);
    const pub = (url: string) => t.app.inject(url);

    before(async () => {
      t = await startTestApp(engine, NOW);
      const orgs = await db().select().from(organisations);
      const rm = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const dr = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      rmAdminId = (await createUser(db(), { email: 'hr@rm.dk', adminOf: [rm] })).id;
      rmAdmin = await agentFor(rmAdminId);
      drAdmin = await agentFor((await createUser(db(), { email: 'sek@regioner.dk', adminOf: [dr] })).id);
      const [award] = await db()
        .insert(awards)
        .values({
          organisationId: rm,
          slug: SLUG,
          name: 'Årets sundhedsinnovation',
          summary: 'En pris.',
          description: 'En pris til prøve.',
          establishedYear: 2026,
        })
        .returning();
      awardId = award!.id;
    });
    after(async () => t?.close());

    async function create(fields: Record<string, string>) {
      const url = `/admin/priser/${awardId}/udgaver/ny`;
      await rmAdmin.get(url);
      const res = await rmAdmin.post(url, fields);
      assert.equal(res.statusCode, 303, summaryOf(res).join('\n'));
      return (await editionOf(Number(fields.year)))!;
    }
    async function action(agent: HttpAgent, editionId: number, path: string, fields: Record<string, string> = {}) {
      await agent.get(`/admin/udgaver/${editionId}/rediger`);
      return agent.post(`/admin/udgaver/${editionId}/${path}`, fields);
    }

    test('a new round is a draft: on no public page, feed or API, and no one can nominate to it', async () => {
      const e = await create(ROUND_2027);
      assert.equal(e.publishedAt, null);
      const [created] = await events('edition.create');
      assert.equal(created!.editionId, e.id);

      assert.equal((await pub(`/priser/${SLUG}/2027`)).statusCode, 404);
      assert.doesNotMatch((await pub(`/priser/${SLUG}`)).body, /Nære løsninger/);
      assert.doesNotMatch((await pub('/')).body, /Nære løsninger/);
      assert.doesNotMatch((await pub('/arkiv')).body, /Nære løsninger/);
      assert.doesNotMatch((await pub('/feeds/vindere.atom')).body, /Nære løsninger/);
      assert.equal((await pub(`/api/v1/editions/${e.id}`)).statusCode, 404);
      assert.doesNotMatch((await pub('/api/v1/awards')).body, new RegExp(`/api/v1/editions/${e.id}"`));
      assert.equal((await pub(`/priser/${SLUG}/2027/indstil`)).statusCode, 404);
      const api = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${e.id}/nominations`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({}),
      });
      assert.ok([400, 404].includes(api.statusCode), `the nomination API refuses a draft: ${api.statusCode}`);
      assert.notEqual(api.statusCode, 201);
    });

    test("the organisation's administrators and the round's committee see a preview; no one else does", async () => {
      const e = (await editionOf(2027))!;
      const preview = await rmAdmin.get(`/priser/${SLUG}/2027`);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /id="preview-banner"/);
      assert.match(preview.body, /Forhåndsvisning/);
      assert.match(preview.body, /Nære løsninger/);
      assert.match(String(preview.headers['cache-control']), /no-store/);

      const committee = await agentFor((await createUser(db(), { email: 'k@rm.dk', members: [{ editionId: e.id, role: 'committee' }] })).id);
      assert.equal((await committee.get(`/priser/${SLUG}/2027`)).statusCode, 200);
      const panel = await agentFor((await createUser(db(), { email: 'p@borger.dk', members: [{ editionId: e.id, role: 'panel' }] })).id);
      assert.equal((await panel.get(`/priser/${SLUG}/2027`)).statusCode, 404);
      // The panel meets the round once it is published: not on their page, no ballot.
      assert.doesNotMatch((await panel.get('/mine-udgaver')).body, /Årets sundhedsinnovation 2027/);
      assert.notEqual((await panel.get(`/panel/udgaver/${e.id}`)).statusCode, 200);
      assert.match((await committee.get('/mine-udgaver')).body, /Årets sundhedsinnovation 2027/);
      assert.equal((await drAdmin.get(`/priser/${SLUG}/2027`)).statusCode, 404);
      // The preview never reaches the shared cache: the public still gets 404.
      assert.equal((await pub(`/priser/${SLUG}/2027`)).statusCode, 404);
    });

    test('publishing checks the round and names what is missing, each message linking to the fix', async () => {
      const e = (await editionOf(2027))!;
      assert.equal((await action(drAdmin, e.id, 'offentliggoer')).statusCode, 403, "another organisation's administrator");
      const refused = await action(rmAdmin, e.id, 'offentliggoer');
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(summaryOf(refused), [
        'Tilføj mindst ét kriterium, før runden offentliggøres.',
        'Tilføj mindst ét afsnit til formularen, før runden offentliggøres.',
      ]);
      assert.match(refused.body, /href="#edition-criteria-link"/);
      assert.equal((await editionOf(2027))!.publishedAt, null);

      await db().insert(criteria).values({ editionId: e.id, position: 1, title: 'Nærhed', description: 'Tæt på borgeren.' });
      await db().insert(formSections).values({ editionId: e.id, position: 1, heading: 'Løsningen', help: '', wordLimit: 300, required: true });
      const ok = await action(rmAdmin, e.id, 'offentliggoer');
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/admin/udgaver/${e.id}/rediger?offentliggjort=1`);
      assert.equal((await editionOf(2027))!.publishedAt?.toISOString(), new Date(NOW).toISOString());
      assert.equal((await events('edition.publish')).length, 1);

      const page = await pub(`/priser/${SLUG}/2027`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /preview-banner/);
      assert.equal((await pub(`/api/v1/editions/${e.id}`)).statusCode, 200);
    });

    test('a published round returns to draft before it opens; a draft can be deleted, a published one cannot', async () => {
      const e = (await editionOf(2027))!;
      const notDeleted = await action(rmAdmin, e.id, 'slet', { bekraeft: 'ja' });
      assert.equal(notDeleted.statusCode, 409);
      assert.deepEqual(summaryOf(notDeleted), ['En offentliggjort runde kan ikke slettes. Gør den til kladde først, hvis den ikke er åbnet.']);

      const back = await action(rmAdmin, e.id, 'til-kladde');
      assert.equal(back.statusCode, 303);
      assert.equal((await editionOf(2027))!.publishedAt, null);
      assert.equal((await events('edition.unpublish')).length, 1);
      assert.equal((await pub(`/priser/${SLUG}/2027`)).statusCode, 404);

      const unconfirmed = await action(rmAdmin, e.id, 'slet', {});
      assert.equal(unconfirmed.statusCode, 400);
      assert.deepEqual(summaryOf(unconfirmed), ['Sæt kryds for at bekræfte, at runden skal slettes.']);
      const deleted = await action(rmAdmin, e.id, 'slet', { bekraeft: 'ja' });
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, `/admin/priser/${awardId}?slettet=2027`);
      assert.equal(await editionOf(2027), undefined);
      assert.equal((await db().select().from(criteria).where(eq(criteria.editionId, e.id))).length, 0);
      const [ev] = await events('edition.delete');
      assert.equal((ev!.before as Record<string, unknown>).theme, 'Nære løsninger');
      assert.match((await rmAdmin.get(`/admin/priser/${awardId}?slettet=2027`)).body, /Runden for 2027 er slettet\./);
    });

    test('an opening in the past is published only when confirmed, and the round then cannot go back to draft', async () => {
      const e = await create({
        year: '2027',
        theme: 'Allerede i gang',
        ...dates({ opensAt: '2026-11-01', closesAt: '2026-12-15', nomineesPublishedAt: '2027-02-01', winnerAnnouncedAt: '2027-03-01' }),
      });
      await db().insert(criteria).values({ editionId: e.id, position: 1, title: 'Nærhed', description: '' });
      await db().insert(formSections).values({ editionId: e.id, position: 1, heading: 'Løsningen', help: '', wordLimit: null, required: true });
      const page = await rmAdmin.get(`/admin/udgaver/${e.id}/rediger`);
      assert.match(page.body, /id="confirmPastOpening"/);
      const refused = await rmAdmin.post(`/admin/udgaver/${e.id}/offentliggoer`, {});
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(summaryOf(refused), [
        'Indstillingsperioden startede 1. november 2026 kl. 12.00, så runden åbner, så snart den offentliggøres. Flyt datoen, eller sæt kryds for at bekræfte.',
      ]);
      const ok = await action(rmAdmin, e.id, 'offentliggoer', { confirmPastOpening: 'ja' });
      assert.equal(ok.statusCode, 303);
      const [ev] = await events('edition.publish');
      assert.ok(ev);
      const published = (await events('edition.publish')).at(-1)!;
      assert.equal((published.after as Record<string, unknown>).confirmedPastOpening, new Date('2026-11-01T11:00:00Z').toISOString());
      assert.equal((await pub(`/priser/${SLUG}/2027/indstil`)).statusCode, 200, 'open for nominations at once');

      const back = await action(rmAdmin, e.id, 'til-kladde');
      assert.equal(back.statusCode, 409);
      assert.deepEqual(summaryOf(back), ['Runden åbnede for indstillinger 1. november 2026 kl. 12.00 og kan ikke længere gøres til kladde.']);
    });

    test("next year's round is a draft without last year's theme", async () => {
      const source = (await editionOf(2027))!;
      await rmAdmin.get(`/admin/udgaver/${source.id}/rediger`);
      const res = await rmAdmin.post(`/admin/udgaver/${source.id}/naeste-aar`, {});
      assert.equal(res.statusCode, 303);
      const copy = (await editionOf(2028))!;
      assert.equal(copy.publishedAt, null);
      assert.equal(copy.theme, null);
      assert.equal((await pub(`/priser/${SLUG}/2028`)).statusCode, 404);
    });

    test('the admin API publishes, returns to draft and deletes with the same rules', async () => {
      const e = (await editionOf(2028))!;
      const bearer = (await createApiToken(db(), rmAdminId, 'drafts', t.clock.now())).token;
      const call = (method: 'POST' | 'DELETE', url: string, body?: unknown) =>
        t.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
      const notReady = await call('POST', `/api/v1/admin/editions/${e.id}/publish`);
      assert.equal(notReady.statusCode, 409, notReady.body);
      const problem = notReady.json() as { errors: { path: string; message: string }[] };
      assert.deepEqual(problem.errors, [{ path: 'theme', message: 'Write the round’s theme before publishing it.' }]);
      const removed = await call('DELETE', `/api/v1/admin/editions/${e.id}`);
      assert.equal(removed.statusCode, 204);
      assert.equal(await editionOf(2028), undefined);
      assert.equal((await call('POST', `/api/v1/admin/editions/${e.id}/unpublish`)).statusCode, 404);
    });
  });
}
