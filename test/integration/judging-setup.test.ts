/**
 * The judging settings of an edition, on PGlite and on a real PostgreSQL server: the
 * administrators' edition page (review deadline in Copenhagen time, blind review, the scale and
 * what each step means), its rules with clear Danish messages and nothing saved, the scale
 * locked once scores are given, the audit record, and the same through the admin API's PATCH.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { auditEvents, awards, criteria, editionMembers, editions, organisations, reviewScores, reviews } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { HttpAgent } from '../harness/http-agent.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

for (const engine of ENGINES) {
  describe(`judging settings of an edition on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let edition: number;
    let admin: HttpAgent;
    let token: string;

    const url = () => `/admin/udgaver/${edition}/rediger`;
    const row = async () => (await db.select().from(editions).where(eq(editions.id, edition)))[0]!;
    /** The form as the page shows it (every text, date and time input), with changes. */
    const formWith = async (changes: Record<string, string>) => {
      const page = await admin.get(url());
      assert.equal(page.statusCode, 200);
      const fields = Object.fromEntries(
        [...page.body.matchAll(/<input class="form-input[^"]*" type="(?:text|date|time|url|email|tel)" id="([^"]+)" name="[^"]+" value="([^"]*)"/g)].map(
          (m) => [m[1]!, decode(m[2]!)],
        ),
      );
      return { ...fields, ...changes };
    };
    const judgingColumns = async () => {
      const e = await row();
      return {
        reviewClosesAt: e.reviewClosesAt?.toISOString() ?? null,
        blindReview: e.blindReview,
        scoreScaleMin: e.scoreScaleMin,
        scoreScaleMax: e.scoreScaleMax,
        scoreLabels: e.scoreLabels,
      };
    };

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      app = t.app;
      const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
      const [e] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
      edition = e!.id;
      const user = await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [org!.id] });
      admin = new HttpAgent(app);
      const s = await sessionFor(db, user.id, t.clock.now());
      admin.setCookie(s.name, s.value);
      token = (await createApiToken(db, user.id, 'setup', t.clock.now())).token;
    });
    after(async () => t?.close());

    test('the page shows the defaults, and saves the deadline in Copenhagen time, blind review, the scale and its labels', async () => {
      const page = decode((await admin.get(url())).body);
      assert.match(page, /Frist for komitéens bedømmelse/);
      assert.match(page, /id="scoreScaleMin" name="scoreScaleMin" value="1"/);
      assert.match(page, /id="scoreScaleMax" name="scoreScaleMax" value="5"/);
      assert.deepEqual(await judgingColumns(), { reviewClosesAt: null, blindReview: false, scoreScaleMin: 1, scoreScaleMax: 5, scoreLabels: null });
      const fields = await formWith({ 'reviewClosesAt-date': '2024-09-20', 'reviewClosesAt-time': '12:00', scoreScaleMin: '0', scoreScaleMax: '3' });
      const res = await admin.post(url(), { ...fields, blindReview: 'ja', scoreLabels: '0 – slet ikke\r\n1 – lidt\n\n2 – en del\n3 – fuldt ud\n' });
      assert.equal(res.statusCode, 303, decode(res.body).slice(0, 400));
      assert.deepEqual(await judgingColumns(), {
        reviewClosesAt: '2024-09-20T10:00:00.000Z', // summer time, UTC+2
        blindReview: true,
        scoreScaleMin: 0,
        scoreScaleMax: 3,
        scoreLabels: ['0 – slet ikke', '1 – lidt', '2 – en del', '3 – fuldt ud'],
      });
      const shown = decode((await admin.get(url())).body);
      assert.match(shown, /id="reviewClosesAt-time" name="reviewClosesAt-time" value="12:00"/);
      assert.match(shown, /0 – slet ikke\n1 – lidt\n2 – en del\n3 – fuldt ud<\/textarea>/);
      const [ev] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'edition.update'), eq(auditEvents.entityId, String(edition))))
        .orderBy(asc(auditEvents.id));
      const after = ev!.after as Record<string, unknown>;
      assert.deepEqual([after.reviewClosesAt, after.blindReview, after.scoreScaleMin, after.scoreScaleMax], ['2024-09-20T10:00:00.000Z', true, 0, 3]);
    });

    test('bad settings are refused with a clear message beside the field, and nothing is saved', async () => {
      const before = await judgingColumns();
      const cases: [Record<string, string>, string, RegExp][] = [
        [
          { 'reviewClosesAt-date': '2024-06-14', 'reviewClosesAt-time': '12:00' },
          'reviewClosesAt',
          /Fristen for komitéens bedømmelse skal ligge efter fristen for indstillinger/,
        ],
        [{ 'reviewClosesAt-date': '2024-09-26', 'reviewClosesAt-time': '12:01' }, 'reviewClosesAt', /senest når de nominerede offentliggøres/],
        [{ 'reviewClosesAt-date': '31.02.2024', 'reviewClosesAt-time': '12:00' }, 'reviewClosesAt', /Skriv fristen for komitéens bedømmelse som en dato/],
        [{ scoreScaleMin: '5', scoreScaleMax: '5' }, 'scoreScaleMax', /Højeste point skal være større end laveste point/],
        [{ scoreScaleMin: 'en', scoreScaleMax: '5' }, 'scoreScaleMin', /Laveste point skal være et helt tal fra 0 til 100/],
        [{ scoreScaleMin: '1', scoreScaleMax: '101' }, 'scoreScaleMax', /Højeste point skal være et helt tal fra 0 til 100/],
        [{ scoreScaleMin: '0', scoreScaleMax: '3', scoreLabels: 'a\nb' }, 'scoreLabels', /Skriv én linje for hvert af de 4 point \(du har skrevet 2\)/],
      ];
      for (const [changes, fieldName, message] of cases) {
        const fields = await formWith(changes);
        const res = await admin.post(url(), { scoreLabels: '0 – slet ikke\n1 – lidt\n2 – en del\n3 – fuldt ud', blindReview: 'ja', ...fields, ...changes });
        assert.equal(res.statusCode, 400, JSON.stringify(changes));
        const body = decode(res.body);
        assert.match(body, /<title>Fejl: /);
        assert.match(body, message);
        assert.match(body, new RegExp(`id="${fieldName}-error"`), `the message sits beside ${fieldName}`);
        assert.deepEqual(await judgingColumns(), before);
      }
    });

    test('the scale cannot change once the committee has given scores', async () => {
      const [c] = await db.insert(criteria).values({ editionId: edition, position: 99, title: 'Test', description: 'Test' }).returning();
      const nomination = await buildNomination(db, { editionId: edition, screening: 'eligible', sentAt: new Date('2024-03-01T10:00:00Z') });
      const member = await createUser(db, { email: 'komite@example.dk', members: [{ editionId: edition, role: 'committee' }] });
      const [m] = await db.select().from(editionMembers).where(eq(editionMembers.userId, member.id));
      const [r] = await db
        .insert(reviews)
        .values({ memberId: m!.id, nominationId: nomination.id, createdAt: new Date(NOW), updatedAt: new Date(NOW) })
        .returning();
      await db.insert(reviewScores).values({ reviewId: r!.id, criterionId: c!.id, score: 2 });
      const fields = await formWith({ scoreScaleMin: '1', scoreScaleMax: '5' });
      const res = await admin.post(url(), { ...fields, blindReview: 'ja', scoreLabels: '' });
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Skalaen kan ikke ændres, når komitéen har givet point/);
      assert.equal((await row()).scoreScaleMax, 3);
      // Other fields still save when the scale stays.
      const same = await formWith({});
      assert.equal((await admin.post(url(), { ...same, scoreLabels: '' })).statusCode, 303);
      assert.deepEqual(await judgingColumns(), {
        reviewClosesAt: '2024-09-20T10:00:00.000Z',
        blindReview: false,
        scoreScaleMin: 0,
        scoreScaleMax: 3,
        scoreLabels: null,
      });
      await db.delete(reviews).where(eq(reviews.id, r!.id));
    });

    test('the admin API reads and changes the same settings with the same rules', async () => {
      const api = (method: 'GET' | 'PATCH', body?: unknown) =>
        app.inject({
          method,
          url: `/api/v1/admin/editions/${edition}`,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
      const got = (await api('GET')).json() as Record<string, unknown>;
      assert.deepEqual(
        [got.reviewClosesAt, got.blindReview, got.scoreScaleMin, got.scoreScaleMax, got.scoreLabels],
        ['2024-09-20T10:00:00.000Z', false, 0, 3, null],
      );
      let res = await api('PATCH', {
        reviewClosesAt: '2024-09-25T09:30:15Z',
        blindReview: true,
        scoreScaleMin: 1,
        scoreScaleMax: 4,
        scoreLabels: ['Dårlig', 'Nogenlunde', 'God', 'Fremragende'],
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await judgingColumns(), {
        reviewClosesAt: '2024-09-25T09:30:15.000Z',
        blindReview: true,
        scoreScaleMin: 1,
        scoreScaleMax: 4,
        scoreLabels: ['Dårlig', 'Nogenlunde', 'God', 'Fremragende'],
      });
      res = await api('PATCH', { reviewClosesAt: '2024-06-01T10:00:00Z' });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(
        (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path),
        ['/reviewClosesAt'],
      );
      res = await api('PATCH', { scoreLabels: ['a'] });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(
        (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path),
        ['/scoreLabels'],
      );
      res = await api('PATCH', { reviewClosesAt: null, scoreLabels: null });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(await judgingColumns(), { reviewClosesAt: null, blindReview: true, scoreScaleMin: 1, scoreScaleMax: 4, scoreLabels: null });
    });
  });
}
