/**
 * The idea bank on PGlite and on a real PostgreSQL server: the Danish search test set
 * (compounds, typos, æ/ø/å) against the demo solutions, facets with exact counts, sorting and
 * paging in the URL, bad input (empty, 2,000 characters, tsquery syntax, SQL-looking text,
 * unknown facet values, pages out of range) answered clearly and never with a 5xx, the
 * statement timeout, the JSON API, the CSV export (formula-safe), the Atom feed, adoptions,
 * ownership of edits, similar solutions, and an administrator putting a nomination in the bank.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/database.js';
import {
  adoptions,
  auditEvents,
  awards,
  editions,
  identityProviders,
  organisations,
  solutionImages,
  solutionNominations,
  solutionSearch,
  solutions,
  users,
} from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { derivedCountsOutOfStep } from '../harness/idea-bank.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildNomination, storedFileRows } from '../harness/factories.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';
import { demoSolutions } from '../../src/ideabank/demo-solutions.js';
import { searchTestSet } from '../../src/ideabank/search-test-set.js';
import { isStatementTimeout, searchSolutions, seedDemoSolutions } from '../../src/ideabank/ideabank.service.js';
import { withSearchLimits } from '../../src/ideabank/ideabank.repo.js';
import { parseSearchQuery } from '../../src/ideabank/search-query.js';

const NOW = '2026-11-24T12:00:00Z';
const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'");
const titlesIn = (html: string) =>
  [...html.matchAll(/<h3 class="h4"><a href="\/idebank\/loesninger\/\d+">([\s\S]*?)<\/a><\/h3>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')));

for (const engine of ENGINES) {
  describe(`idea bank on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    const idOf = async (title: string) => (await db.select({ id: solutions.id }).from(solutions).where(eq(solutions.title, title)))[0]!.id;
    const signedIn = async (userId: number) => {
      const c = new Client(t.app);
      const s = await sessionFor(db, userId, t.clock.now());
      c.setCookie(s.name, s.value);
      return c;
    };

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      db = t.db;
    });
    after(async () => t?.close());

    test('the demo solutions are seeded once, whatever the number of starts', async () => {
      assert.equal(await seedDemoSolutions(db, t.clock.now()), 0);
      const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(solutions);
      assert.equal(c!.n, demoSolutions.length);
      const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(adoptions);
      assert.equal(
        a!.n,
        demoSolutions.reduce((n, d) => n + (d.adoptions?.length ?? 0), 0),
      );
    });

    test(`each of the ${searchTestSet.length} Danish test queries finds its solutions in the first five`, async () => {
      assert.ok(searchTestSet.length >= 30);
      const misses: string[] = [];
      for (const q of searchTestSet) {
        const r = await searchSolutions(db, parseSearchQuery({ q: q.query }).query);
        const top = r.hits.slice(0, 5).map((h) => h.title);
        for (const want of q.expect) if (!top.includes(want)) misses.push(`"${q.query}" (${q.why}) missed "${want}"; got ${top.join(' | ')}`);
      }
      assert.deepEqual(misses, []);
    });

    test('the search page: hits with highlighted snippets, the query kept in the field and the URL', async () => {
      const res = await t.app.inject('/idebank?q=klinik');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>klinik – Idébank – /);
      assert.equal(titlesIn(res.body)[0], 'Sygeplejerskeklinikken på Ærø');
      // The compound is highlighted inside the title, and ts_headline's mark in the snippet.
      assert.match(res.body, /<span>Sygeplejerske<\/span><mark>klinik<\/mark><span>ken på Ærø<\/span>/);
      assert.match(res.body, /i en <\/span><mark>klinik<\/mark><span> på øen/);
      assert.match(res.body, /<input class="form-input" type="search" id="q" name="q" value="klinik"/);
      assert.match(res.body, /href="\/idebank\/soeg\.csv\?q=klinik"/);
      assert.match(res.body, /href="\/feeds\/loesninger\.atom"/);
      assert.match(res.body, /href="\/feeds\/vindere\.atom"/);
    });

    test('facets count the matching solutions, and a facet link narrows the search', async () => {
      const spread = demoSolutions.filter((d) => d.status === 'spread').length;
      const all = await t.app.inject('/idebank');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, new RegExp(`${demoSolutions.length} løsninger`));
      assert.match(all.body, new RegExp(`href="/idebank\\?status=spredt"><span>Spredt</span> <span class="facet-count">\\(${spread}\\)</span>`));
      const narrowed = await t.app.inject('/idebank?status=spredt&emne=telemedicin');
      const want = demoSolutions
        .filter((d) => d.status === 'spread' && d.tags.includes('telemedicin'))
        .map((d) => d.title)
        .sort();
      assert.deepEqual(titlesIn(narrowed.body).sort(), want);
      const rm = await t.app.inject(`/idebank?organisation=${encodeURIComponent('Region Syddanmark')}`);
      assert.deepEqual(
        titlesIn(rm.body).sort(),
        demoSolutions
          .filter((d) => d.organisation === 'Region Syddanmark')
          .map((d) => d.title)
          .sort(),
      );
      const year = await t.app.inject('/idebank?aar=2015');
      assert.deepEqual(
        titlesIn(year.body).sort(),
        demoSolutions
          .filter((d) => d.year === 2015)
          .map((d) => d.title)
          .sort(),
      );
    });

    test('a misspelt word: the page and the API say which title words the solutions shown hold instead', async () => {
      const page = await t.app.inject(`/idebank?q=${encodeURIComponent('sygeplejerke')}`);
      assert.equal(page.statusCode, 200);
      const text = decode(page.body);
      assert.match(text, /3 løsninger med ord, der ligner "sygeplejerke"/);
      assert.match(text, /Ingen løsninger indeholder "sygeplejerke"\. Viser i stedet løsninger med ord som: [^<]*sygeplejerskeklinikken/);
      // The resembling word is marked in the titles.
      assert.match(page.body, /<mark>Sygeplejerskeklinikken<\/mark>/);
      const api = (await t.app.inject('/api/v1/solutions?q=sygeplejerke')).json();
      assert.ok(api.resembling.includes('sygeplejerskeklinikken'), api.resembling);
      assert.equal(api.total, 3);
      // An exact match says nothing of the kind.
      const exact = (await t.app.inject('/api/v1/solutions?q=klinik')).json();
      assert.deepEqual(exact.resembling, []);
      assert.doesNotMatch(decode((await t.app.inject('/idebank?q=klinik')).body), /ligner/);
    });

    test('sorting by date and paging are in the URL', async () => {
      const page1 = await t.app.inject('/idebank?sortering=nyeste');
      const page2 = await t.app.inject('/idebank?side=2');
      const newestFirst = [...demoSolutions].reverse().map((d) => d.title);
      assert.deepEqual(titlesIn(page1.body), newestFirst.slice(0, 20));
      assert.deepEqual(titlesIn(page2.body), newestFirst.slice(20, 40));
      assert.match(page1.body, /href="\/idebank\?sortering=nyeste&amp;side=2"/);
      assert.match(page2.body, /<a href="\/idebank\?side=2" class="button current-page" aria-label="Side 2" aria-current="page">2<\/a>/);
      // Relevance is the default: a search's sort order is only in the URL when it is "nyeste".
      assert.match(page2.body, /<option value="relevans" selected>Bedste match<\/option>/);
    });

    test('bad input gets a clear answer and never a 5xx', async () => {
      const cases: [string, number, RegExp][] = [
        ['/idebank?q=', 200, /32 løsninger|løsninger/],
        [`/idebank?q=${'sygeplejerske '.repeat(143)}`, 400, /Søgningen er for lang\. Skriv højst 200 tegn/],
        [`/idebank?q=${encodeURIComponent(`&|!():*'"\\ <>`)}`, 200, /løsninger|Ingen løsninger/],
        [`/idebank?q=${encodeURIComponent("klinik:* & !'")}`, 200, /<span>Sygeplejerske<\/span><mark>klinik<\/mark>/],
        [`/idebank?q=${encodeURIComponent("'; drop table solutions; --")}`, 200, /Ingen løsninger matcher din søgning/],
        [`/idebank?q=${encodeURIComponent('1 OR 1=1')}`, 200, /matcher/],
        ['/idebank?status=fantastisk', 400, /Den valgte status findes ikke\. Vælg idé, afprøvet, implementeret eller spredt/],
        ['/idebank?sortering=tilfaeldig', 400, /Sorteringen findes ikke/],
        ['/idebank?side=0', 400, /Sidetallet skal være et helt tal fra 1 til 500/],
        ['/idebank?side=99999999999', 400, /Sidetallet skal være et helt tal/],
        ['/idebank?side=400', 200, /Siden findes ikke\. Søgningen har 2 sider\./],
        ['/idebank?aar=tyve', 400, /Året skal skrives med fire cifre/],
        ['/idebank?emne=findes-ikke&organisation=Ingen', 200, /Ingen løsninger matcher din søgning/],
        ['/idebank?q=a&q=b', 200, /matcher "a"/],
      ];
      for (const [url, status, body] of cases) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, status, url);
        assert.match(decode(res.body), body, url);
        if (status === 400) {
          assert.match(res.body, /<title>Fejl: /, url);
          assert.match(res.body, /class="alert alert-error" role="alert" aria-labelledby="error-summary-heading" data-module="error-summary"/, url);
        }
      }
      // "-ærø" excludes, also inside titles and units.
      const without = await searchSolutions(db, parseSearchQuery({ q: 'sygeplejerske -ærø' }).query);
      assert.ok(without.total > 0);
      assert.ok(!without.hits.some((h) => h.title === 'Sygeplejerskeklinikken på Ærø'));
      // The 2,000-character query is shown back in the field, not thrown away.
      const long = 'x'.repeat(2000);
      const res = await t.app.inject(`/idebank?q=${long}`);
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes(`value="${long}"`));
      const api = await t.app.inject(`/api/v1/solutions?q=${long}`);
      assert.equal(api.statusCode, 400);
      assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.match(api.json().detail, /too long/);
    });

    test('every search runs under a statement timeout', async () => {
      // The same transaction settings as a search. PostgreSQL cancels a statement slower than
      // the limit; PGlite (single-threaded WebAssembly) accepts the setting but has no timer
      // to cancel with, so there the limit is the search's own bounds (words, page depth).
      if (engine === 'postgres') {
        await assert.rejects(
          withSearchLimits(db, async (tx) => tx.execute(sql`select pg_sleep(3)`)),
          (err) => isStatementTimeout(err),
        );
      }
      const [setting] = await withSearchLimits(
        db,
        async (tx) => ((await tx.execute(sql`select current_setting('statement_timeout') as v`)) as unknown as { rows: { v: string }[] }).rows,
      );
      assert.equal(setting!.v, '2s');
    });

    test('the JSON API: the same search, facets and paging; one solution; problem JSON', async () => {
      const res = await t.app.inject('/api/v1/solutions?q=ærø');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.total, 1);
      assert.equal(body.solutions[0].title, 'Sygeplejerskeklinikken på Ærø');
      assert.equal(body.links.html, '/idebank?q=%C3%A6r%C3%B8');
      assert.deepEqual(body.facets.organisation, [{ value: 'Region Syddanmark', label: 'Region Syddanmark', count: 1 }]);
      const one = await t.app.inject(body.solutions[0].url);
      assert.equal(one.statusCode, 200);
      const s = one.json();
      assert.deepEqual(
        s.adoptions.map((a: { unit: string }) => a.unit),
        ['Regionshospitalet Randers, Sygeplejerskeklinikken Grenaa', 'Nykøbing Falster Sygehus, Lollandsklinikken'],
      );
      const paged = (await t.app.inject('/api/v1/solutions?side=2')).json();
      assert.equal(paged.page, 2);
      assert.equal(paged.solutions.length, demoSolutions.length - 20);
      assert.equal(paged.links.next, null);
      assert.equal(paged.links.previous, '/api/v1/solutions');
      const missing = await t.app.inject('/api/v1/solutions/999999');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().type, '/problems/not-found');
      const bad = await t.app.inject('/api/v1/solutions?status=xyz');
      assert.equal(bad.statusCode, 400);
      const spec = (await t.app.inject('/api/v1/openapi.json')).json();
      assert.ok(spec.paths['/api/v1/solutions']);
      assert.ok(spec.paths['/api/v1/solutions/{id}']);
    });

    test('the CSV export holds the search and neutralises formulas', async () => {
      const rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!;
      const owner = await createUser(db, { email: 'csv@example.dk', adminOf: [rm.id] });
      const c = await signedIn(owner.id);
      await c.get('/idebank/ny');
      const made = await c.post('/idebank/ny', {
        title: '=HYPERLINK("http://x")',
        summary: '+Formelsøgning i regneark',
        organisationName: 'Region Midtjylland',
        status: 'idea',
        year: '2025',
      });
      assert.equal(made.statusCode, 303);
      const res = await t.app.inject('/idebank/soeg.csv?q=formels%C3%B8gning');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(lines.length, 2);
      assert.match(lines[1]!, /;"'=HYPERLINK\(""http:\/\/x""\)";'\+Formelsøgning i regneark;Region Midtjylland;/);
      await db.delete(solutions).where(eq(solutions.title, '=HYPERLINK("http://x")'));
    });

    test('the Atom feed of new solutions', async () => {
      const res = await t.app.inject('/feeds/loesninger.atom');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
      assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      const entries = res.body.match(/<entry>/g) ?? [];
      assert.equal(entries.length, demoSolutions.length);
      const first = /<entry>\s*<id>([^<]+)<\/id>\s*<title>([^<]+)<\/title>/.exec(res.body);
      assert.equal(first![2], demoSolutions.at(-1)!.title);
      assert.match(first![1]!, /^http:\/\/prisportal\.test\/idebank\/loesninger\/\d+$/);
    });

    test('"Vi har taget løsningen i brug": signed-in users add their unit; the diagram and table show it', async () => {
      const id = await idOf('Aftenambulatorium for patienter i arbejde');
      const publicPage = await t.app.inject(`/idebank/loesninger/${id}`);
      assert.equal(publicPage.statusCode, 200);
      assert.match(publicPage.body, /Log ind for at fortælle, at I har taget løsningen i brug/);
      // No spread diagram yet (the page's other svgs are the DKFDS icons).
      assert.doesNotMatch(publicPage.body, /<svg viewBox=/);
      const dr = (await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner')))[0]!;
      const user = await createUser(db, { email: 'adopter@example.dk', adminOf: [dr.id] });
      const c = await signedIn(user.id);
      await c.get(`/idebank/loesninger/${id}`);
      const bad = await c.post(`/idebank/loesninger/${id}/ibrug`, {
        organisation: 'Region Nordjylland',
        unit: '',
        adoptedOn: '31-02-2025',
        changes: 'Aften hver torsdag',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Fejl: Aftenambulatorium/);
      assert.match(bad.body, /Skriv hospital og afdeling/);
      assert.match(bad.body, /Skriv datoen som dd-mm-åååå, fx 01-03-2025/);
      assert.match(bad.body, /value="Region Nordjylland"/);
      assert.match(bad.body, />Aften hver torsdag<\/textarea>/);
      const future = await c.post(`/idebank/loesninger/${id}/ibrug`, {
        organisation: 'Region Nordjylland',
        unit: 'Aalborg Universitetshospital, Gastroenterologi',
        adoptedOn: '01-01-2027',
      });
      assert.match(future.body, /Datoen må ikke ligge i fremtiden/);
      const ok = await c.post(`/idebank/loesninger/${id}/ibrug`, {
        organisation: 'Danske Regioner',
        unit: 'Aalborg Universitetshospital, Gastroenterologi',
        adoptedOn: '1-9-2026',
        changes: 'Aften hver torsdag',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/idebank/loesninger/${id}?tak=1#adopt-heading`);
      const [row] = await db.select().from(adoptions).where(eq(adoptions.solutionId, id));
      assert.equal(row!.adoptedOn, '2026-09-01');
      assert.equal(row!.createdByUserId, user.id);
      const [s] = await db.select({ status: solutions.status }).from(solutions).where(eq(solutions.id, id));
      assert.equal(s!.status, 'spread');
      const audit = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'solution.adopted'), eq(auditEvents.entityId, String(id))));
      assert.equal(audit.length, 1);
      const page = await c.get(`/idebank/loesninger/${id}?tak=1`);
      assert.match(page.body, /Tak\. Jeres enhed står nu på listen/);
      assert.match(page.body, /<svg viewBox="0 0 760 120" width="100%" role="img" aria-labelledby="spread-title spread-desc"/);
      assert.match(
        page.body,
        /<th scope="row">Aalborg Universitetshospital, Gastroenterologi<\/th><td>Danske Regioner<\/td><td><time datetime="2026-09-01">1\. september 2026<\/time><\/td><td>Aften hver torsdag<\/td>/,
      );
      // Adopted elsewhere: it is on the list of the most spread solutions.
      const most = await t.app.inject('/idebank/mest-spredte');
      assert.match(most.body, new RegExp(`href="/idebank/loesninger/${id}"`));
    });

    test('only staff write to the idea bank, and only in their own organisation’s name (issue 13, finding 10)', async () => {
      const rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!;
      const id = await idOf('Sygeplejerskeklinikken på Ærø');
      const [before] = await db.select({ status: solutions.status }).from(solutions).where(eq(solutions.id, id));
      const countOf = async () => ({
        solutions: (await db.select({ n: sql<number>`count(*)::int` }).from(solutions))[0]!.n,
        adoptions: (await db.select({ n: sql<number>`count(*)::int` }).from(adoptions).where(eq(adoptions.solutionId, id)))[0]!.n,
      });
      const start = await countOf();
      const solution = {
        title: 'Borgerens egen løsning',
        summary: 'Udgivet i en regions navn',
        organisationName: 'Region Midtjylland',
        status: 'idea',
        year: '2025',
      };
      const adoption = { organisation: 'Region Midtjylland', unit: 'Regionshospitalet Randers', adoptedOn: '01-09-2026' };

      // A patient panel citizen (signed in by e-mail link) is staff of no organisation.
      const citizen = await createUser(db, { email: 'borger.idebank@example.dk', name: 'Bo Borger' });
      const c = await signedIn(citizen.id);
      const form = await c.get('/idebank/ny');
      assert.equal(form.statusCode, 403);
      assert.match(form.body, /Kun ansatte i en organisation kan tilføje løsninger/);
      const page = await c.get(`/idebank/loesninger/${id}`);
      assert.match(decode(page.body), /Kun ansatte i en organisation kan fortælle, at deres enhed har taget løsningen i brug/);
      assert.doesNotMatch(page.body, /action="\/idebank\/loesninger\/\d+\/ibrug"/);
      assert.equal((await c.get('/min-side')).statusCode, 200);
      assert.ok(c.csrf, 'a CSRF token, so the refusal below is the rule’s');
      const made = await c.post('/idebank/ny', solution);
      assert.equal(made.statusCode, 403);
      assert.match(made.body, /Kun ansatte kan skrive i idébanken/);
      const adopted = await c.post(`/idebank/loesninger/${id}/ibrug`, adoption);
      assert.equal(adopted.statusCode, 403);
      assert.deepEqual(await countOf(), start, 'nothing saved');

      // Staff of Region Midtjylland (an administrator) in another organisation's name: refused, text kept.
      const staff = await createUser(db, { email: 'rm.idebank@example.dk', adminOf: [rm.id] });
      const s = await signedIn(staff.id);
      await s.get('/idebank/ny');
      const asOther = await s.post('/idebank/ny', { ...solution, organisationName: 'Danske Regioner' });
      assert.equal(asOther.statusCode, 400);
      assert.match(decode(asOther.body), /Du kan kun skrive i din egen organisations navn\. Skriv «Region Midtjylland»\./);
      assert.match(asOther.body, /value="Borgerens egen løsning"/);
      await s.get(`/idebank/loesninger/${id}`);
      const adoptOther = await s.post(`/idebank/loesninger/${id}/ibrug`, { ...adoption, organisation: 'Danske Regioner' });
      assert.equal(adoptOther.statusCode, 400);
      assert.match(decode(adoptOther.body), /Du kan kun skrive i din egen organisations navn/);
      assert.deepEqual(await countOf(), start, 'nothing saved');
      const [still] = await db.select({ status: solutions.status }).from(solutions).where(eq(solutions.id, id));
      assert.equal(still!.status, before!.status);

      // In their own name (written another way): saved, owned by the organisation, in its exact name.
      await s.get('/idebank/ny');
      const own = await s.post('/idebank/ny', { ...solution, title: 'Personalets egen løsning', organisationName: ' region midtjylland ' });
      assert.equal(own.statusCode, 303);
      const [row] = await db.select().from(solutions).where(eq(solutions.title, 'Personalets egen løsning'));
      assert.equal(row!.organisationName, 'Region Midtjylland');
      assert.equal(row!.ownerOrganisationId, rm.id);
      // … and cannot be moved to another organisation's name afterwards.
      await s.get(`/idebank/loesninger/${row!.id}/rediger`);
      const moved = await s.post(`/idebank/loesninger/${row!.id}/rediger`, {
        ...solution,
        title: 'Personalets egen løsning',
        organisationName: 'Danske Regioner',
      });
      assert.equal(moved.statusCode, 400);
      assert.equal((await db.select().from(solutions).where(eq(solutions.id, row!.id)))[0]!.organisationName, 'Region Midtjylland');
      await s.get(`/idebank/loesninger/${id}`);
      assert.equal((await s.post(`/idebank/loesninger/${id}/ibrug`, adoption)).statusCode, 303);
      await db.delete(solutions).where(eq(solutions.id, row!.id));
      await db.delete(adoptions).where(and(eq(adoptions.solutionId, id), eq(adoptions.unitName, 'Regionshospitalet Randers')));
      await db.update(solutions).set({ status: before!.status }).where(eq(solutions.id, id));
    });

    test('employees add and edit their own solutions; others get 403; admins of the organisation may edit', async () => {
      const rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!;
      // The owner is an employee of Region Midtjylland: signed in through its identity provider.
      await db.insert(identityProviders).values({
        organisationId: rm.id,
        label: 'Region Midtjylland',
        issuer: 'https://login.rm.example/ideabank-test',
        clientId: 'prisportal',
        clientSecretEnv: 'PRISPORTAL_UNUSED_SECRET',
      });
      const owner = await createUser(db, { email: 'ejer@example.dk' });
      await db.update(users).set({ oidcIssuer: 'https://login.rm.example/ideabank-test', oidcSubject: 'ejer' }).where(eq(users.id, owner.id));
      const dr = (await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner')))[0]!;
      const other = await createUser(db, { email: 'anden@example.dk', adminOf: [dr.id] });
      const c = await signedIn(owner.id);
      await c.get('/idebank/ny');
      const empty = await c.post('/idebank/ny', { title: '', summary: '', organisationName: '', status: '', year: '20' });
      assert.equal(empty.statusCode, 400);
      for (const msg of [
        'Skriv løsningens titel',
        'Skriv et kort resumé af løsningen',
        'Skriv navnet på organisationen',
        'Vælg, hvor langt løsningen er',
        'Skriv året med fire cifre, fra 1990 til 2026',
      ])
        assert.ok(empty.body.includes(msg), msg);
      const made = await c.post('/idebank/ny', {
        title: 'Sygeplejerskeklinik i Skanderborg',
        summary: 'En sygeplejerskeklinik for borgere med kroniske sygdomme',
        organisationName: 'Region Midtjylland',
        unitName: 'Regionshospitalet Horsens',
        tags: 'Nærhed, telemedicin, nærhed',
        status: 'tested',
        year: '2025',
      });
      assert.equal(made.statusCode, 303);
      const id = Number(/\/idebank\/loesninger\/(\d+)$/.exec(String(made.headers.location))![1]);
      const [row] = await db.select().from(solutions).where(eq(solutions.id, id));
      assert.deepEqual(row!.tags, ['nærhed', 'telemedicin']);
      assert.equal(row!.ownerUserId, owner.id);
      // The new solution is found at once (generated search columns).
      const found = await searchSolutions(db, parseSearchQuery({ q: 'skanderborg' }).query);
      assert.deepEqual(
        found.hits.map((h) => h.title),
        ['Sygeplejerskeklinik i Skanderborg'],
      );
      // The solution page suggests the similar Ærø clinic.
      const page = await c.get(`/idebank/loesninger/${id}`);
      assert.match(page.body, /Lignende løsninger[\s\S]*Sygeplejerskeklinikken på Ærø/);
      assert.match(page.body, /Redigér løsningen/);
      const otherClient = await signedIn(other.id);
      assert.equal((await otherClient.get(`/idebank/loesninger/${id}/rediger`)).statusCode, 403);
      assert.equal((await otherClient.post(`/idebank/loesninger/${id}/rediger`, { title: 'Overtaget' })).statusCode, 403);
      const edit = await c.get(`/idebank/loesninger/${id}/rediger`);
      assert.equal(edit.statusCode, 200);
      const saved = await c.post(`/idebank/loesninger/${id}/rediger`, {
        title: 'Sygeplejerskeklinik i Skanderborg og Odder',
        summary: 'En klinik',
        organisationName: 'Region Midtjylland',
        status: 'implemented',
        year: '2025',
      });
      assert.equal(saved.statusCode, 303);
      // An administrator of the organisation that owns a demo-free solution may edit it.
      await db.update(solutions).set({ ownerOrganisationId: rm.id }).where(eq(solutions.id, id));
      const admin = await createUser(db, { email: 'rm-admin-idebank@example.dk', adminOf: [rm.id] });
      assert.equal((await (await signedIn(admin.id)).get(`/idebank/loesninger/${id}/rediger`)).statusCode, 200);
      const audit = await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, String(id)));
      assert.deepEqual(audit.map((a) => a.action).sort(), ['solution.created', 'solution.updated']);
      await db.delete(solutions).where(eq(solutions.id, id));
    });

    test('images: the owner adds a PNG with a description; wrong files, missing descriptions and other users are refused', async () => {
      const owner = await createUser(db, { email: 'billeder@example.dk' });
      const other = await createUser(db, { email: 'billeder-anden@example.dk' });
      const id = await idOf('Cykeltaxa for indlagte patienter');
      await db.update(solutions).set({ ownerUserId: owner.id }).where(eq(solutions.id, id));
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
      const upload = async (c: Client, fields: { alt: string }, file: { name: string; type: string; data: Buffer } | null) => {
        const boundary = `----idebank${Math.random().toString(16).slice(2)}`;
        const parts: Buffer[] = [];
        const field = (name: string, value: string) =>
          parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
        field('_csrf', c.csrf);
        field('alt', fields.alt);
        if (file) {
          parts.push(
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="billede"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
            file.data,
            Buffer.from('\r\n'),
          );
        }
        parts.push(Buffer.from(`--${boundary}--\r\n`));
        const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        return t.app.inject({
          method: 'POST',
          url: `/idebank/loesninger/${id}/billeder`,
          payload: Buffer.concat(parts),
          headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
      };
      const c = await signedIn(owner.id);
      const edit = await c.get(`/idebank/loesninger/${id}/rediger`);
      assert.match(edit.body, /Løsningen har ingen billeder endnu\./);
      const noAlt = await upload(c, { alt: ' ' }, { name: 'cykel.png', type: 'image/png', data: png });
      assert.equal(noAlt.statusCode, 303);
      assert.equal(noAlt.headers.location, `/idebank/loesninger/${id}/rediger?billedfejl=alt-missing&alt=%20#billeder`);
      const shown = await c.get(String(noAlt.headers.location).replace(/#.*$/, ''));
      assert.match(shown.body, /<title>Fejl: /);
      assert.match(shown.body, /Beskriv billedet for dem, der ikke kan se det/);
      const svg = await upload(
        c,
        { alt: 'Et billede' },
        { name: 'x.png', type: 'image/png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      );
      assert.match(String(svg.headers.location), /billedfejl=wrong-type&alt=Et%20billede/);
      // Over 5 MB: refused while it streams in; no refusal leaves a staged upload behind.
      const big = await upload(c, { alt: 'Stort' }, { name: 'stor.png', type: 'image/png', data: Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]) });
      assert.match(String(big.headers.location), /billedfejl=too-big&alt=Stort/);
      const staged = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stored_files where staged_at is not null`))[0]!.n;
      assert.equal(await staged(), 0, 'no staged upload left by a refusal');
      const ok = await upload(c, { alt: 'Frivillig cykler en patient rundt om hospitalet' }, { name: 'cykel.png', type: 'image/png', data: png });
      assert.equal(ok.headers.location, `/idebank/loesninger/${id}/rediger?billede=tilfoejet#billeder`);
      const [img] = await db.select().from(solutionImages).where(eq(solutionImages.solutionId, id));
      assert.equal(img!.mediaType, 'image/png');
      assert.equal(img!.altText, 'Frivillig cykler en patient rundt om hospitalet');
      const page = await t.app.inject(`/idebank/loesninger/${id}`);
      assert.match(
        page.body,
        new RegExp(`<img src="/idebank/billeder/${img!.id}" alt="Frivillig cykler en patient rundt om hospitalet" width="360" loading="lazy"/>`),
      );
      const bytes = await t.app.inject(`/idebank/billeder/${img!.id}`);
      assert.equal(bytes.statusCode, 200);
      assert.equal(bytes.headers['content-type'], 'image/png');
      assert.equal(bytes.headers['x-content-type-options'], 'nosniff');
      assert.ok(bytes.rawPayload.equals(png));
      assert.deepEqual(await storedFileRows(db, img!.storageKey), { files: 1, chunks: 1 }, 'the bytes are in the database');
      const o = await signedIn(other.id);
      await o.get(`/idebank/loesninger/${id}`);
      assert.equal((await upload(o, { alt: 'Overtaget' }, { name: 'cykel.png', type: 'image/png', data: png })).statusCode, 403);
      assert.equal(await staged(), 0, 'nor by someone who may not change the solution');
      assert.equal((await o.post(`/idebank/billeder/${img!.id}/slet`)).statusCode, 403);
      await c.get(`/idebank/loesninger/${id}/rediger`);
      assert.equal((await c.post(`/idebank/billeder/${img!.id}/slet`)).statusCode, 303);
      assert.equal((await db.select().from(solutionImages).where(eq(solutionImages.solutionId, id))).length, 0);
      assert.equal((await t.app.inject(`/idebank/billeder/${img!.id}`)).statusCode, 404);
      assert.deepEqual(await storedFileRows(db, img!.storageKey), { files: 0, chunks: 0 }, 'deleted with its row');
      const audit = await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, String(id)));
      assert.deepEqual(
        audit
          .map((a) => a.action)
          .filter((a) => a.startsWith('solution.image'))
          .sort(),
        ['solution.image-added', 'solution.image-removed'],
      );
    });

    test('similar solutions for a text being written (JSON for the browser)', async () => {
      const res = await t.app.inject(`/idebank/lignende?tekst=${encodeURIComponent('Sygeplejerskeklinik på Ærø for kroniske patienter')}`);
      assert.equal(res.statusCode, 200);
      const list = res.json().solutions as { title: string }[];
      assert.ok(list.length >= 1 && list.length <= 5);
      assert.equal(list[0]!.title, 'Sygeplejerskeklinikken på Ærø');
      assert.deepEqual((await t.app.inject('/idebank/lignende?tekst=')).json(), { solutions: [] });
      const first = async (text: string, exclude?: number) =>
        (await t.app.inject(`/idebank/lignende?tekst=${encodeURIComponent(text)}${exclude ? `&undtagen=${exclude}` : ''}`)).json().solutions[0]?.title;
      // A part of a compound, a typo, and a rare shared word outweighing common ones.
      assert.equal(await first('klinik på Ærø'), 'Sygeplejerskeklinikken på Ærø');
      assert.equal(await first('Sygeplejerke klinik'), 'Sygeplejerskeklinikken på Ærø');
      assert.equal(await first('Video til patienter med hjertesvigt'), 'Videokonsultationer til patienter med hjertesvigt');
      assert.equal(await first('patienter patienter sepsis'), 'Tidlig opsporing af sepsis med fast screeningsskema');
      assert.equal((await t.app.inject(`/idebank/lignende?tekst=${'&|!'.repeat(900)}`)).statusCode, 200);
    });

    test('"Tjek dine svar" of a nomination suggests similar solutions (no JavaScript needed), and the solution step has the live box', async () => {
      const now = t.clock.now();
      const [open] = await db
        .select({ id: editions.id })
        .from(editions)
        .where(and(sql`${editions.opensAt} <= ${now.toISOString()}::timestamptz`, sql`${editions.closesAt} > ${now.toISOString()}::timestamptz`))
        .limit(1);
      assert.ok(open, 'an open demo edition');
      const n = await buildNomination(db, {
        editionId: open.id,
        status: 'draft',
        title: 'Pårørendedagbog på børneintensiv',
        summary: 'Forældre skriver dagbog til barnet på intensivafdelingen',
      });
      const c = new Client(t.app);
      c.setCookie(`indstilling_${n.id}`, n.accessToken);
      const check = await c.get(`/indstillinger/${n.id}/tjek`);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /<h2 class="h4">Findes løsningen allerede\?<\/h2>/);
      assert.match(check.body, /<a href="\/idebank\/loesninger\/\d+">Pårørendedagbog på intensivafdelingen<\/a>/);
      const step = await c.get(`/indstillinger/${n.id}/loesning`);
      assert.equal(step.statusCode, 200);
      assert.match(step.body, /<div class="ideabank-similar" data-similar-box hidden/);
      assert.match(step.body, /<script type="module" src="\/static\/ideabank\.[0-9a-f]+\.js"><\/script>/);
    });

    test('an administrator puts an eligible, published nomination in the idea bank, and links a Smartprisen origin', async () => {
      const rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!;
      const dr = (await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner')))[0]!;
      const [smart] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'smartprisen'))
        .limit(1);
      const n = await buildNomination(db, {
        editionId: smart!.id,
        title: 'Videokonsultationer i Horsens',
        summary: 'Vi har taget videokonsultationer til hjertesvigt i brug',
        originOrganisation: 'Regionshospitalet Gødstrup',
        sentAt: new Date('2026-03-01T10:00:00Z'),
      });
      const admin = await createUser(db, { email: 'link-admin@example.dk', adminOf: [rm.id] });
      const drAdmin = await createUser(db, { email: 'link-dr@example.dk', adminOf: [dr.id] });
      const c = await signedIn(admin.id);
      assert.equal((await (await signedIn(drAdmin.id)).get(`/idebank/indstillinger/${n.id}`)).statusCode, 403);
      const notReady = await c.get(`/idebank/indstillinger/${n.id}`);
      assert.match(notReady.body, /Indstillingen er ikke fundet egnet endnu/);
      await db.execute(sql`update nominations set screening = 'eligible', nominee_consent = 'accepted' where id = ${n.id}`);
      const page = await c.get(`/idebank/indstillinger/${n.id}`);
      assert.match(page.body, /Knyt til &#34;Videokonsultationer til patienter med hjertesvigt&#34;/);
      const none = await c.post(`/idebank/indstillinger/${n.id}`, {});
      assert.equal(none.statusCode, 400);
      const made = await c.post(`/idebank/indstillinger/${n.id}`, { loesning: 'ny' });
      assert.equal(made.statusCode, 303);
      const solutionId = Number(/(\d+)$/.exec(String(made.headers.location))![1]);
      // Idempotent: a second decision keeps the first link.
      const again = await c.post(`/idebank/indstillinger/${n.id}`, { loesning: 'ny' });
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, made.headers.location);
      const links = await db.select().from(solutionNominations).where(eq(solutionNominations.nominationId, n.id));
      assert.deepEqual(
        links.map((l) => [l.role, l.solutionId]),
        [['nominated', solutionId]],
      );
      const origin = await idOf('Videokonsultationer til patienter med hjertesvigt');
      await c.get(`/idebank/indstillinger/${n.id}`);
      assert.equal((await c.post(`/idebank/indstillinger/${n.id}/oprindelse`, { oprindelse: String(origin) })).statusCode, 303);
      const originPage = await t.app.inject(`/idebank/loesninger/${origin}`);
      assert.match(originPage.body, /Oprindelsen til en indstilling til Smartprisen/);
      const nominatedPage = await t.app.inject(`/idebank/loesninger/${solutionId}`);
      assert.match(nominatedPage.body, /Indstillet til Smartprisen/);
      const byPrize = (await t.app.inject('/api/v1/solutions?pris=smartprisen')).json();
      assert.deepEqual(
        byPrize.solutions.map((s: { id: number }) => s.id),
        [solutionId],
      );
    });

    test('the search table follows inserts, updates (title, tags, status) and deletes of solutions, row for row', async () => {
      // Every solution has exactly one search row, with the same values as the solution itself.
      const outOfStep = async () =>
        (
          await queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from solutions s full join solution_search ss on ss.solution_id = s.id
              where s.id is null or ss.solution_id is null or ss.search_vector <> s.search_vector or ss.search_text <> s.search_text
                or ss.title_lower <> lower(s.title) or ss.organisation_name <> s.organisation_name or ss.unit_name <> s.unit_name
                or ss.status <> s.status or ss.year <> s.year or ss.tags <> s.tags or ss.created_at <> s.created_at
                or ss.organisation_key is distinct from (select key from solution_facet_counts where facet = 'organisation' and value = s.organisation_name)
                or ss.unit_key is distinct from (select key from solution_facet_counts where facet = 'unit' and value = s.unit_name)
                or ss.status_key is distinct from (select key from solution_facet_counts where facet = 'status' and value = s.status)
                or ss.tag_list_key is distinct from (select key from solution_facet_counts where facet = 'tag list' and value = s.tags::text)`,
          )
        )[0]!.n;
      const row = async (id: number) => (await db.select().from(solutionSearch).where(eq(solutionSearch.solutionId, id)))[0] ?? null;
      const found = async (q: Record<string, string>) => (await searchSolutions(db, parseSearchQuery(q).query)).hits.map((h) => h.id);
      const count = async (table: typeof solutions | typeof solutionSearch) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
      const searchRows = await count(solutionSearch);
      assert.equal(searchRows, await count(solutions));
      assert.equal(await outOfStep(), 0);

      const [made] = await db
        .insert(solutions)
        .values({
          title: 'Kvæsterbøtten i Skagen',
          summary: 'En kasse med forbindinger.',
          organisationName: 'Region Nordjylland',
          unitName: 'Akutklinikken',
          year: 2024,
          tags: ['førstehjælp'],
          createdAt: new Date(NOW),
        })
        .returning({ id: solutions.id });
      const id = made!.id;
      const inserted = await row(id);
      assert.equal(inserted?.titleLower, 'kvæsterbøtten i skagen');
      assert.equal(inserted?.searchText, 'kvæsterbøtten i skagen en kasse med forbindinger. region nordjylland akutklinikken');
      assert.deepEqual(
        [inserted?.organisationName, inserted?.unitName, inserted?.status, inserted?.year, inserted?.tags],
        ['Region Nordjylland', 'Akutklinikken', 'idea', 2024, ['førstehjælp']],
      );
      assert.equal(await outOfStep(), 0);
      assert.deepEqual(await found({ q: 'kvæsterbøtte' }), [id]);
      assert.deepEqual(await found({ q: 'kvæsterbøtte', emne: 'førstehjælp', status: 'ide', aar: '2024' }), [id]);

      await db.update(solutions).set({ title: 'Plasterskabet i Skagen' }).where(eq(solutions.id, id));
      assert.equal((await row(id))?.titleLower, 'plasterskabet i skagen');
      assert.equal(await outOfStep(), 0);
      assert.deepEqual(await found({ q: 'kvæsterbøtte' }), []);
      assert.deepEqual(await found({ q: 'plasterskab' }), [id]);

      await db
        .update(solutions)
        .set({ tags: ['sårpleje', 'akut'], status: 'spread' })
        .where(eq(solutions.id, id));
      const changed = await row(id);
      assert.deepEqual([changed?.tags, changed?.status], [['sårpleje', 'akut'], 'spread']);
      assert.notEqual(changed?.tagListKey, inserted?.tagListKey);
      assert.notEqual(changed?.statusKey, inserted?.statusKey);
      assert.equal(await outOfStep(), 0);
      assert.deepEqual(await found({ q: 'plasterskab', emne: 'førstehjælp' }), []);
      assert.deepEqual(await found({ q: 'plasterskab', emne: 'sårpleje', status: 'spredt' }), [id]);
      assert.deepEqual(await found({ q: 'plasterskab', status: 'ide' }), []);

      await db.delete(solutions).where(eq(solutions.id, id));
      assert.equal(await row(id), null);
      assert.equal(await outOfStep(), 0);
      assert.deepEqual(await found({ q: 'plasterskab' }), []);
      assert.equal(await count(solutionSearch), searchRows);
    });

    test('the counts of the bare idea bank, the title words of typo matching and the lexemes of similar solutions are kept exact through every kind of change, also by concurrent writers', async () => {
      // Every kept count against the same count made from scratch out of solutions.
      const outOfStep = () => derivedCountsOutOfStep(db);
      const bare = async () => searchSolutions(db, parseSearchQuery({}).query);
      assert.deepEqual(await outOfStep(), []);
      const before = await bare();
      assert.equal(before.total, (await db.select({ n: sql<number>`count(*)::int` }).from(solutions))[0]!.n);

      // Two solutions in one statement, sharing a tag and a new organisation.
      const made = await db
        .insert(solutions)
        .values([
          {
            title: "Tælleværket A: O'Briens \\ 'kasse'",
            summary: 'Første.',
            organisationName: 'Tælleregionen',
            unitName: 'Enhed Æ',
            year: 2031,
            tags: ['tælletag', 'ét'],
            createdAt: new Date(NOW),
          },
          {
            title: 'Tælleværket B',
            summary: 'Anden.',
            organisationName: 'Tælleregionen',
            unitName: 'Enhed Ø',
            year: 2031,
            tags: ['tælletag'],
            createdAt: new Date(NOW),
          },
        ])
        .returning({ id: solutions.id });
      const [a, b] = made.map((m) => m.id) as [number, number];
      assert.deepEqual(await outOfStep(), []);
      const after2 = await bare();
      assert.equal(after2.total, before.total + 2);
      assert.deepEqual(
        after2.facets.year.find((v) => v.value === '2031'),
        { value: '2031', label: '2031', count: 2 },
      );
      // A misspelt title word finds the new solutions through the title words just counted.
      const typo = await searchSolutions(db, parseSearchQuery({ q: 'tællevræket' }).query);
      assert.deepEqual(typo.hits.map((h) => h.id).sort(), [a, b].sort());
      assert.equal((await searchSolutions(db, parseSearchQuery({ q: "o'brins kase" }).query)).hits[0]?.id, a);

      // An update of what is not counted (the contact person) and one of what is.
      await db.update(solutions).set({ contactName: 'Ny kontakt' }).where(eq(solutions.id, a));
      assert.deepEqual(await outOfStep(), []);
      await db
        .update(solutions)
        .set({ organisationName: 'Anden tælleregion', tags: ['ét', 'to'], status: 'spread', year: 2032 })
        .where(eq(solutions.id, a));
      assert.deepEqual(await outOfStep(), []);
      await db.update(solutions).set({ unitName: 'Fælles enhed' }).where(sql`${solutions.id} in (${a}, ${b})`);
      assert.deepEqual(await outOfStep(), []);

      // Concurrent writers (two connections on PostgreSQL): inserts, updates and deletes at once.
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .insert(solutions)
              .values({
                title: `Samtidig ${i}`,
                summary: 'Samtidig skrivning.',
                organisationName: 'Tælleregionen',
                unitName: `Enhed ${i % 2}`,
                year: 2031,
                tags: ['tælletag', `nr${i}`],
                createdAt: new Date(NOW),
              })
              .returning({ id: solutions.id });
            await tx.update(solutions).set({ status: 'tested' }).where(eq(solutions.id, row!.id));
            if (i % 3 === 0) await tx.delete(solutions).where(eq(solutions.id, row!.id));
          }),
        ),
      );
      assert.deepEqual(await outOfStep(), []);

      // Deletes, one and several; a value whose last solution went is no facet value any more.
      await db.delete(solutions).where(sql`${solutions.title} like 'Samtidig %'`);
      await db.delete(solutions).where(eq(solutions.id, a));
      assert.deepEqual(await outOfStep(), []);
      await db.delete(solutions).where(eq(solutions.id, b));
      assert.deepEqual(await outOfStep(), []);
      const end = await bare();
      assert.equal(end.total, before.total);
      assert.deepEqual(end.facets, before.facets);
      assert.equal(
        end.facets.organisation.some((v) => v.value === 'Tælleregionen'),
        false,
      );
    });
  });
}
