import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq } from 'drizzle-orm';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { awards, committeeSeats, editions, organisations } from '../../src/db/schema.js';
import { getAwardPage, listAwards } from '../../src/awards/awards.service.js';
import { copenhagen } from '../../src/platform/time.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';

// The same repository, service and HTTP tests on PGlite and on a real PostgreSQL server.
for (const engine of ENGINES) {
  describe(`awards on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    before(async () => {
      t = await startTestApp(engine, '2026-11-24T12:00:00Z');
    });
    after(async () => t.close());

    const abi2021Id = async () => {
      const [row] = await t.database.db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'aarets-borgerinddragende-initiativ'), eq(editions.year, 2021)));
      assert.ok(row);
      return row.id;
    };

    test('demo data holds the organisers, awards and editions of the seeds', async () => {
      const orgs = await t.database.db.select().from(organisations);
      assert.deepEqual(orgs.map((o) => o.name).sort(), ['Danske Regioner', 'Region Midtjylland']);
      const a = await t.database.db.select().from(awards);
      assert.deepEqual(a.map((x) => [x.name, x.establishedYear]).sort(), [
        ['Initiativprisen', 2015],
        ['Smartprisen', 2016],
        ['Årets Borgerinddragende Initiativ', 2016],
      ]);
      const page = await getAwardPage(t.database.db, 'aarets-borgerinddragende-initiativ', t.clock.now(), 2021);
      assert.ok(page?.edition);
      assert.equal(page.edition.theme, 'Digitalisering');
      assert.equal(page.edition.timeline?.opensAt.toISOString(), '2020-11-11T11:00:00.000Z');
      assert.equal(page.edition.timeline?.closesAt.toISOString(), '2020-12-18T11:00:00.000Z');
      assert.equal(page.edition.row.prizeAmountKr, 10_000);
      assert.deepEqual(
        page.edition.committee.map((m) => m.represents),
        ['Danske Patienter', 'SIND', 'Lægeforeningen', 'FOA', 'KL', 'Regionerne'],
      );
      assert.deepEqual(
        page.edition.formSections.map((s) => s.heading),
        ['Baggrund', 'Initiativet i praksis', 'Resultat', 'Evaluering'],
      );
      const themes = page.others.filter((e) => e.year <= 2020).map((e) => [e.year, e.theme]);
      assert.deepEqual(themes, [
        [2020, 'Psykiatri'],
        [2019, 'Pårørende'],
        [2018, 'Særligt sårbare'],
        [2017, 'Børn, unge og familier'],
        [2016, 'God patientinddragelse'],
      ]);
      const rm = await getAwardPage(t.database.db, 'initiativprisen', t.clock.now(), 2024);
      assert.deepEqual(
        rm?.edition?.committee.map((m) => `${m.name} (${m.partyLetter})`),
        ['Birgit Marie Christensen (A)', 'Bo Jensen (C)', 'Per Møller Jensen (A)', 'Steen Jakobsen (V)', 'Thrine Rimdal Nørgaard (V)'],
      );
      assert.equal(rm?.edition?.criteria.length, 5);
      assert.equal(rm?.edition?.timeline?.nomineesPublishedAt.toISOString(), copenhagen(2024, 9, 26, 12).toISOString());
    });

    test('one edition is open at the instant the demo data was seeded', async () => {
      const list = await listAwards(t.database.db, t.clock.now());
      const open = list.awards.filter((a) => a.current?.phase === 'open');
      assert.equal(open.length, 1);
      assert.equal(open[0]!.award.slug, 'aarets-borgerinddragende-initiativ');
    });

    test('seeding again changes nothing', async () => {
      const before = await t.database.db.select({ n: count() }).from(editions);
      const seats = await t.database.db.select({ n: count() }).from(committeeSeats);
      const again = await seedDemoData(t.database.db, t.clock.now());
      assert.equal(again.editionsCreated, 0);
      assert.deepEqual(await t.database.db.select({ n: count() }).from(editions), before);
      assert.deepEqual(await t.database.db.select({ n: count() }).from(committeeSeats), seats);
    });

    test('the phase changes at the exact instant of opening and of closing, in the API', async () => {
      const id = await abi2021Id();
      const phase = async (iso: string) => {
        t.clock.set(iso);
        const res = await t.app.inject(`/api/v1/editions/${id}`);
        assert.equal(res.statusCode, 200);
        return res.json().phase as string;
      };
      try {
        assert.equal(await phase('2020-11-11T10:59:59.999Z'), 'upcoming');
        assert.equal(await phase('2020-11-11T11:00:00.000Z'), 'open');
        assert.equal(await phase('2020-12-18T10:59:59.999Z'), 'open');
        assert.equal(await phase('2020-12-18T11:00:00.000Z'), 'closed');
        assert.equal(await phase('2021-03-25T11:00:00.000Z'), 'winner-announced');
      } finally {
        t.clock.set('2026-11-24T12:00:00Z');
      }
    });

    test('the award page tells the status in Danish at the instants', async () => {
      const at = async (iso: string) => {
        t.clock.set(iso);
        const res = await t.app.inject('/priser/aarets-borgerinddragende-initiativ/2021');
        assert.equal(res.statusCode, 200);
        return res.body;
      };
      try {
        assert.match(await at('2020-11-11T10:59:59.999Z'), /Linket aktiveres 11\. november 2020 kl\. 12\.00\./);
        assert.match(await at('2020-11-11T11:00:00.000Z'), /Du kan indstille frem til 18\. december 2020 kl\. 12\.00\./);
        assert.match(await at('2020-12-18T11:00:00.000Z'), /Fristen for at indstille til Årets Borgerinddragende Initiativ 2021 er overskredet\./);
        t.clock.set('2020-11-01T12:00:00Z');
        const front = await t.app.inject('/');
        assert.match(front.body, /Åbner 11\. november 2020 kl\. 12\.00/);
      } finally {
        t.clock.set('2026-11-24T12:00:00Z');
      }
    });

    test('the award page shows timeline, criteria, committee, prize, contact and history', async () => {
      const res = await t.app.inject('/priser/aarets-borgerinddragende-initiativ/2021');
      const html = res.body;
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      for (const expected of [
        '<html lang="da">',
        'Digitalisering',
        '18. december 2020 kl. 12.00',
        'Danske Regioners Generalforsamling',
        'Lægeforeningen',
        '10.000 kr.',
        'fysiske rammer på afdelingen',
        'Martin Bredgaard Sørensen',
        'mailto:mbs@regioner.dk',
        'Pårørende',
        'Tilgængelighedserklæring',
        'Højst 200 ord',
      ]) {
        assert.ok(html.includes(expected), `award page should contain ${expected}`);
      }
      const rm = (await t.app.inject('/priser/initiativprisen')).body;
      assert.ok(rm.includes('Thrine Rimdal Nørgaard (V)'));
      assert.ok(rm.includes('Transformation og nytænkning'));
      assert.ok(rm.includes('26. september 2024 kl. 12.00'));
      assert.ok(rm.includes('Innovationsdagen 2024'));
    });

    test('the English version is chosen in the footer and remembered', async () => {
      const res = await t.app.inject('/sprog/en?tilbage=%2Fpriser%2Fsmartprisen');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/priser/smartprisen');
      const cookie = res.cookies.find((c) => c.name === 'lang');
      assert.equal(cookie?.value, 'en');
      assert.equal(cookie?.httpOnly, true);
      const page = await t.app.inject({ url: '/priser/smartprisen', cookies: { lang: 'en' } });
      assert.ok(page.body.includes('<html lang="en">'));
      assert.ok(page.body.includes('Accessibility statement'));
      // An open redirect through the language switcher is refused.
      const evil = await t.app.inject('/sprog/en?tilbage=%2F%2Fevil.example');
      assert.equal(evil.headers.location, '/');
    });

    test('unknown pages and malformed ids get a Danish 404 page or problem JSON, never a 500', async () => {
      for (const url of [
        '/findes-ikke',
        '/priser/findes-ikke',
        '/priser/UPPER',
        '/priser/initiativprisen/20x4',
        '/priser/initiativprisen/1999',
        '/priser/%00',
        `/priser/${'a'.repeat(300)}`,
      ]) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /Siden findes ikke/, url);
        assert.match(res.headers['content-type'] as string, /text\/html/);
      }
      for (const [url, status] of [
        ['/api/v1/editions/abc', 400],
        ['/api/v1/editions/0', 400],
        ['/api/v1/editions/-1', 400],
        ['/api/v1/editions/1.5', 400],
        ['/api/v1/editions/99999999999', 400],
        ['/api/v1/editions/999999', 404],
        ['/api/v1/findes-ikke', 404],
      ] as const) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, status, url);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
        const body = res.json();
        assert.equal(body.status, status);
        assert.equal(typeof body.title, 'string');
        assert.equal(typeof body.type, 'string');
      }
    });

    test('GET /api/v1/awards lists awards with phases; editions carry ISO instants', async () => {
      const res = await t.app.inject('/api/v1/awards');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.awards.length, 3);
      const abi = body.awards.find((a: { slug: string }) => a.slug === 'aarets-borgerinddragende-initiativ');
      assert.equal(abi.currentEdition.phase, 'open');
      const ed = (await t.app.inject(`/api/v1/editions/${await abi2021Id()}`)).json();
      assert.equal(ed.timeline.opensAt, '2020-11-11T11:00:00.000Z');
      assert.equal(ed.criteria.length, 4);
      assert.equal(ed.formSections[0].heading, 'Baggrund');
      assert.equal(ed.phase, 'archived');
    });

    test('the OpenAPI 3.1 document describes the public API', async () => {
      const res = await t.app.inject('/api/v1/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/v1/awards'].get);
      assert.ok(doc.paths['/api/v1/editions/{id}'].get);
      assert.ok(doc.paths['/api/v1/editions/{id}'].get.responses['404']);
      assert.equal(
        Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1/')),
        false,
      );
    });

    test('health and readiness', async () => {
      assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await t.app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready' });
    });

    test('security headers: strict CSP without inline scripts, no sniffing, no framing, request id', async () => {
      const res = await t.app.inject('/');
      const csp = res.headers['content-security-policy'] as string;
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['x-request-id']);
      assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script elements');
      const echoed = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-123' } });
      assert.equal(echoed.headers['x-request-id'], 'lb-123');
    });

    test('DKFDS is served from the installed package', async () => {
      const css = await t.app.inject('/dkfds/css/dkfds.min.css');
      assert.equal(css.statusCode, 200);
      assert.match(css.headers['content-type'] as string, /text\/css/);
      const js = await t.app.inject('/dkfds/js/dkfds.min.js');
      assert.equal(js.statusCode, 200);
      const traversal = await t.app.inject('/dkfds/../package.json');
      assert.notEqual(traversal.statusCode, 200);
    });
  });
}
