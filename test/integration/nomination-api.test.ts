import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, criteria, editions, formSections, nominations, outboxMessages } from '../../src/db/schema.js';
import { buildApp } from '../../src/app.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { HttpAgent } from '../harness/http-agent.js';

const SEEDED_AT = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`POST /api/v1/editions/{id}/nominations on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let edition: typeof editions.$inferSelect;
    let body: Record<string, unknown>;

    before(async () => {
      t = await startTestApp(engine, SEEDED_AT);
      const rows = await t.database.db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      edition = rows.map((r) => r.e).sort((a, b) => b.year - a.year)[0]!;
      // The ids a client sends come from the public edition answer, as an integrator reads them.
      const doc = (await t.app.inject(`/api/v1/editions/${edition.id}`)).json() as {
        criteria: { id: number }[];
        formSections: { id: number; heading: string }[];
      };
      const secs = await t.database.db.select().from(formSections).where(eq(formSections.editionId, edition.id));
      const crit = await t.database.db.select().from(criteria).where(eq(criteria.editionId, edition.id));
      assert.deepEqual(doc.formSections.map((s) => s.id).sort(), secs.map((s) => s.id).sort());
      assert.deepEqual(doc.criteria.map((c) => c.id).sort(), crit.map((c) => c.id).sort());
      body = {
        nominator: { name: 'Lise Jensen', email: 'lise@eksempel.dk', isCitizen: false, workplace: 'AUH' },
        nominee: { kind: 'team', names: 'Team Hjemmedialyse', unit: 'Nyremedicinsk', organisation: 'AUH', email: 'team@eksempel.dk' },
        title: 'Video-konsultationer',
        summary: 'Kort resumé.',
        criterionIds: [doc.criteria[0]!.id],
        answers: Object.fromEntries(doc.formSections.map((s) => [String(s.id), `Tekst om ${s.heading}.`])),
      };
    });
    after(async () => t.close());

    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json', ...headers },
      });

    test('creates and sends a nomination with a receipt and the same e-mails as the form', async () => {
      const res = await post(body);
      assert.equal(res.statusCode, 201, res.body);
      const json = res.json();
      assert.match(json.receiptNumber, /^ABI-\d{4}-\d{4}$/);
      assert.equal(json.status, 'sent');
      assert.equal(json.replayed, false);
      const mails = await t.database.db.select().from(outboxMessages);
      const mine = mails.filter((m) => m.subject.includes(json.receiptNumber) || m.toAddress === 'team@eksempel.dk');
      assert.ok(
        mine.some((m) => m.kind === 'nomination-receipt' && m.textBody.includes('/indstillinger/adgang/')),
        'receipt links back privately',
      );
      assert.ok(mine.some((m) => m.kind === 'nominee-notice'));
    });

    test('an Idempotency-Key makes a retried request return the first nomination, never a second', async () => {
      const headers = { 'idempotency-key': 'retry-test-1' };
      const [a, b] = await Promise.all([post(body, headers), post(body, headers)]);
      const codes = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(codes, [200, 201]);
      assert.equal(a.json().id, b.json().id);
      const again = await post(body, headers);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().replayed, true);
      const rows = await t.database.db.select().from(nominations).where(eq(nominations.idempotencyKey, 'retry-test-1'));
      assert.equal(rows.length, 1);
      const receipts = (await t.database.db.select().from(outboxMessages)).filter(
        (m) => m.kind === 'nomination-receipt' && m.subject.includes(rows[0]!.receiptNumber!),
      );
      assert.equal(receipts.length, 1, 'one receipt e-mail');
      const different = await post({ ...body, title: 'Noget andet' }, headers);
      assert.equal(different.statusCode, 422);
      assert.equal(different.json().type, '/problems/idempotency-key-reused');
    });

    test('bad input gets problem JSON, never a 500', async () => {
      const cases: [unknown, number][] = [
        [{}, 400],
        [{ ...body, title: 42 }, 400],
        [{ ...body, extra: 'x' }, 400],
        [{ ...body, criterionIds: ['a'] }, 400],
        [{ ...body, nominee: { ...(body.nominee as object), kind: 'alien' } }, 400],
        [{ ...body, title: '' }, 422],
        [{ ...body, nominator: { ...(body.nominator as object), email: 'ikke-en-mail' } }, 422],
        [{ ...body, summary: 'ord '.repeat(61) }, 422],
      ];
      for (const [payload, status] of cases) {
        const res = await post(payload);
        assert.equal(res.statusCode, status, JSON.stringify(payload).slice(0, 120));
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      }
      const incomplete = (await post({ ...body, title: '' })).json();
      assert.deepEqual(
        incomplete.errors.map((e: { path: string }) => e.path),
        ['title'],
      );
      const notJson = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        payload: 'title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(notJson.statusCode, 415);
      const broken = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        payload: '{"title":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/editions/999999/nominations',
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          })
        ).statusCode,
        404,
      );
      assert.equal((await post(body, { 'idempotency-key': 'æøå' })).statusCode, 400);
    });

    test('the deadline applies at the exact instant', async () => {
      try {
        t.clock.set(new Date(edition.closesAt!.getTime() - 1));
        assert.equal((await post({ ...body, title: 'Lige i tide' })).statusCode, 201);
        t.clock.set(edition.closesAt!);
        const late = await post({ ...body, title: 'For sent' });
        assert.equal(late.statusCode, 409);
        assert.equal(late.json().type, '/problems/deadline-passed');
      } finally {
        t.clock.set(SEEDED_AT);
      }
    });

    test('the OpenAPI document describes it', async () => {
      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      const op = doc.paths['/api/v1/editions/{id}/nominations'].post;
      assert.ok(op.requestBody);
      assert.ok(op.responses['201']);
      assert.ok(op.parameters.some((p: { name: string }) => p.name === 'idempotency-key'));
    });
  });

  describe(`rate limits on ${engine}`, () => {
    test('starting and sending nominations are limited per address, shared through the database; the text is kept', async () => {
      const t = await startTestApp(engine, SEEDED_AT);
      try {
        const app = await buildApp({
          db: t.database.db,
          clock: t.clock,
          pageCacheMs: 0,
          publicBaseUrl: 'http://prisportal.test',
          rateLimits: { nominationStart: { name: 'nomination-start', limit: 2, windowMs: 60_000 } },
        });
        const [row] = await t.database.db
          .select({ e: editions })
          .from(editions)
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
        const all = await t.database.db.select().from(editions).where(eq(editions.awardId, row!.e.awardId));
        const year = all.sort((a, b) => b.year - a.year)[0]!.year;
        const url = `/priser/aarets-borgerinddragende-initiativ/${year}/indstil/om-dig`;
        const agent = new HttpAgent(app);
        await agent.get(url);
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await agent.post(url, { nominatorName: `Forsøg ${i}`, handling: 'fortsaet' });
          statuses.push(res.statusCode);
          if (i === 2) {
            assert.match(res.body, /For mange forespørgsler/);
            assert.match(res.body, /value="Forsøg 2"/, 'the text is kept');
            assert.ok(Number(res.headers['retry-after']) > 0);
          }
        }
        assert.deepEqual(statuses, [400, 400, 429]);
        // A second app process on the same database sees the same count.
        const other = await buildApp({
          db: t.database.db,
          clock: t.clock,
          pageCacheMs: 0,
          rateLimits: { nominationStart: { name: 'nomination-start', limit: 2, windowMs: 60_000 } },
        });
        const otherAgent = new HttpAgent(other);
        await otherAgent.get(url);
        assert.equal((await otherAgent.post(url, { nominatorName: 'X', handling: 'fortsaet' })).statusCode, 429);
        // The window restarts.
        t.clock.advance(60_001);
        assert.equal((await otherAgent.post(url, { nominatorName: 'Y', handling: 'fortsaet' })).statusCode, 400);
        await app.close();
        await other.close();
      } finally {
        await t.close();
      }
    });
  });
}

for (const engine of ENGINES) {
  describe(`oversized and odd bodies on ${engine}`, () => {
    test('a 5 MB body gets a clear 413 (Danish page or problem JSON); an unknown content type 415; never a 500', async () => {
      const t = await startTestApp(engine, SEEDED_AT);
      try {
        const big = 'x'.repeat(5 * 1024 * 1024);
        const page = await t.app.inject({
          method: 'POST',
          url: '/indstillinger/1/om-dig',
          payload: `nominatorName=${big}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(page.statusCode, 413);
        assert.match(page.body, /Det, du sendte, er for stort/);
        const api = await t.app.inject({
          method: 'POST',
          url: '/api/v1/editions/1/nominations',
          payload: JSON.stringify({ title: big }),
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(api.statusCode, 413);
        assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
        const odd = await t.app.inject({ method: 'POST', url: '/indstillinger/1/om-dig', payload: '<hej/>', headers: { 'content-type': 'application/xml' } });
        assert.equal(odd.statusCode, 415);
        assert.doesNotMatch(odd.body, /"statusCode":500/);
      } finally {
        await t.close();
      }
    });
  });
}
