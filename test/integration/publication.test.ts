import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { awards, editions, nominations, solutionNominations, solutions } from '../../src/db/schema.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { ballots } from '../../src/panel/panel.schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildNomination } from '../harness/factories.js';

const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const PAGE = '/priser/aarets-borgerinddragende-initiativ/2021';
const FILM = 'https://film.example.dk/abi-2021-vinder';

type Element = { name: string; ns: string; attrs: Record<string, string>; text: string; children: Element[] };

/** Parses XML with namespaces (throws on anything not well-formed) into a small tree. */
function parseXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Element[] = [];
  let root: Element | null = null;
  parser.on('opentag', (tag) => {
    const el: Element = {
      name: tag.local!,
      ns: tag.uri!,
      attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [(a as { local: string }).local, (a as { value: string }).value])),
      text: '',
      children: [],
    };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  assert.ok(root);
  return root;
}
const child = (el: Element, name: string) => el.children.filter((c) => c.name === name);

for (const engine of ENGINES) {
  describe(`publication on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let cached: FastifyInstance;
    let nomineesAt: Date;
    let winnerAt: Date;
    let editionId: number;
    const ids: Record<'accepted' | 'declined' | 'pending' | 'outside' | 'withdrawn', number> = {
      accepted: 0,
      declined: 0,
      pending: 0,
      outside: 0,
      withdrawn: 0,
    };

    before(async () => {
      t = await startTestApp(engine, '2026-11-24T12:00:00Z');
      const db = t.database.db;
      const [row] = await db
        .select({ edition: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'aarets-borgerinddragende-initiativ'), eq(editions.year, 2021)));
      assert.ok(row);
      editionId = row.edition.id;
      nomineesAt = row.edition.nomineesPublishedAt!;
      winnerAt = row.edition.winnerAnnouncedAt!;
      await db.update(editions).set({ filmUrl: FILM }).where(eq(editions.id, editionId));
      const at = new Date('2020-12-01T10:00:00Z');
      const make = async (title: string, over: Parameters<typeof buildNomination>[1]) => (await buildNomination(db, { ...over, title }, { at })).id;
      ids.accepted = await make('Patientstemmer i sengeafsnittet', {
        editionId,
        nomineeNames: 'Team Samtale',
        nomineeUnit: 'Medicinsk Afdeling',
        nomineeOrganisation: 'Regionshospitalet Randers',
        nomineeConsent: 'accepted',
        summary: 'Patienter hjælper med at planlægge.',
      });
      ids.declined = await make('Pårørendecafé', {
        editionId,
        nomineeNames: 'Hemmelig Hansen',
        nomineeUnit: 'Skjult Afsnit',
        nomineeOrganisation: 'Aarhus Universitetshospital',
        nomineeConsent: 'declined',
        summary: 'Et fast mødested.',
      });
      ids.pending = await make('Borgerpanel om ventetid', {
        editionId,
        nomineeNames: 'Afventende Andersen',
        nomineeUnit: 'Ventende Afdeling',
        nomineeOrganisation: 'Hospitalsenheden Vest',
        nomineeConsent: 'pending',
        summary: 'Et panel af borgere.',
      });
      ids.outside = await make('Ikke udvalgt løsning', { editionId, nomineeConsent: 'accepted' });
      ids.withdrawn = await make('Trukket tilbage', { editionId, status: 'withdrawn', nomineeConsent: 'accepted' });
      await db.insert(shortlists).values({ editionId, decidedAt: at });
      await db
        .insert(shortlistEntries)
        .values([ids.pending, ids.accepted, ids.declined, ids.withdrawn].map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
      // Three ballots: the declined nominee wins the Schulze count outright.
      const ranking = [ids.declined, ids.accepted, ids.pending, ids.withdrawn];
      await db.insert(ballots).values([1, 2, 3].map((i) => ({ editionId, voterKey: `v${i}`, ranking })));
      cached = await buildApp({ db, clock: t.clock, pageCacheMs: 60 * 60_000, publicBaseUrl: 'http://prisportal.test' });
    });
    after(async () => {
      await cached?.close();
      await t?.close();
    });

    const get = async (url: string, app: FastifyInstance = t.app) => {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      return res;
    };
    const api = async () => (await get(`/api/v1/editions/${editionId}`)).json();
    const feedEntries = async () => child(parseXml((await get('/feeds/vindere.atom')).body), 'entry');

    test('one millisecond before the nominees instant nothing is public anywhere', async () => {
      t.clock.set(ms(nomineesAt, -1));
      const page = (await get(PAGE)).body;
      for (const title of ['Patientstemmer i sengeafsnittet', 'Pårørendecafé', 'Borgerpanel om ventetid']) assert.ok(!page.includes(title), title);
      assert.ok(page.includes('De nominerede offentliggøres 15. februar 2021 kl. 12.00.'));
      assert.ok(!page.includes(FILM));
      const body = await api();
      assert.equal(body.nominees, null);
      assert.equal(body.winner, null);
      assert.equal(body.filmUrl, null);
      const archive = (await get('/arkiv')).body;
      assert.ok(!archive.includes('Patientstemmer'));
      assert.deepEqual(await feedEntries(), []);
    });

    test('at the nominees instant the shortlist is public, with names only by consent', async () => {
      t.clock.set(nomineesAt);
      const body = await api();
      assert.deepEqual(body.nominees, [
        {
          nominationId: ids.pending,
          title: 'Borgerpanel om ventetid',
          summary: 'Et panel af borgere.',
          organisation: 'Hospitalsenheden Vest',
          names: null,
          unit: null,
          origin: null,
        },
        {
          nominationId: ids.accepted,
          title: 'Patientstemmer i sengeafsnittet',
          summary: 'Patienter hjælper med at planlægge.',
          organisation: 'Regionshospitalet Randers',
          names: 'Team Samtale',
          unit: 'Medicinsk Afdeling',
          origin: null,
        },
        {
          nominationId: ids.declined,
          title: 'Pårørendecafé',
          summary: 'Et fast mødested.',
          organisation: 'Aarhus Universitetshospital',
          names: null,
          unit: null,
          origin: null,
        },
      ]);
      assert.equal(body.winner, null);
      assert.equal(body.filmUrl, null);
      const page = (await get(PAGE)).body;
      assert.ok(page.includes('Komitéen har nomineret 3 løsninger.'));
      assert.ok(page.includes('Team Samtale, Medicinsk Afdeling, Regionshospitalet Randers'));
      for (const hidden of ['Hemmelig Hansen', 'Skjult Afsnit', 'Afventende Andersen', 'Ventende Afdeling', 'Ikke udvalgt løsning', 'Trukket tilbage', FILM])
        assert.ok(!page.includes(hidden), hidden);
      assert.ok(page.includes('Vinderen offentliggøres 25. marts 2021 kl. 12.00.'));
      const archive = (await get('/arkiv')).body;
      assert.ok(archive.includes('<strong lang="da">Pårørendecafé</strong> <span>(Aarhus Universitetshospital)</span>'));
      assert.ok(!archive.includes('Hemmelig Hansen'));
      assert.deepEqual(await feedEntries(), []);
    });

    test('one millisecond before the winner instant the winner is hidden', async () => {
      t.clock.set(ms(winnerAt, -1));
      assert.equal((await api()).winner, null);
      const page = (await get(PAGE)).body;
      assert.ok(!page.includes('(Vinder)'));
      assert.deepEqual(await feedEntries(), []);
    });

    test('at the winner instant the winner is public on the page, in the API, the archive and the feed', async () => {
      t.clock.set(winnerAt);
      const body = await api();
      assert.deepEqual(body.winner, {
        nominationId: ids.declined,
        title: 'Pårørendecafé',
        summary: 'Et fast mødested.',
        organisation: 'Aarhus Universitetshospital',
        names: null,
        unit: null,
        origin: null,
      });
      assert.equal(body.filmUrl, FILM);
      const page = (await get(PAGE)).body;
      // The winner is the round's status: a success alert that names it, "Vinderen er offentliggjort" once.
      assert.match(
        page,
        /<div class="alert alert-success edition-status" id="edition-status">[\s\S]*?<h2 class="alert-heading">Vinderen er offentliggjort<\/h2>[\s\S]*?<div class="winner" id="winner"><p><span>Vinderen: <\/span><strong lang="da">Pårørendecafé<\/strong><\/p>/,
      );
      assert.equal(page.split('Vinderen er offentliggjort').length, 2);
      assert.ok(page.includes(`<a href="${FILM}">Se filmen om vinderen</a>`));
      assert.ok(!page.includes('Hemmelig Hansen'));
      const archive = (await get('/arkiv')).body;
      assert.match(archive, /<strong lang="da">Pårørendecafé<\/strong><br\/><span>Aarhus Universitetshospital<\/span>/);

      const res = await get('/feeds/vindere.atom');
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const feed = parseXml(res.body);
      assert.equal(feed.name, 'feed');
      assert.equal(feed.ns, 'http://www.w3.org/2005/Atom');
      for (const required of ['id', 'title', 'updated', 'author']) assert.equal(child(feed, required).length, 1, required);
      assert.equal(child(feed, 'updated')[0]!.text, winnerAt.toISOString());
      assert.equal(child(feed, 'link').find((l) => l.attrs.rel === 'self')?.attrs.href, 'http://prisportal.test/feeds/vindere.atom');
      const entries = child(feed, 'entry');
      assert.equal(entries.length, 1);
      const entry = entries[0]!;
      assert.equal(child(entry, 'title')[0]!.text, 'Årets Borgerinddragende Initiativ 2021: Pårørendecafé');
      assert.equal(child(entry, 'updated')[0]!.text, '2021-03-25T11:00:00.000Z');
      assert.equal(child(entry, 'id')[0]!.text, `http://prisportal.test${PAGE}#vinder-${ids.declined}`);
      assert.equal(child(entry, 'link')[0]!.attrs.href, `http://prisportal.test${PAGE}`);
      assert.equal(child(entry, 'summary')[0]!.text, 'Aarhus Universitetshospital. Et fast mødested.');
    });

    test('a tie shows no winner even after the instant', async () => {
      t.clock.set(ms(winnerAt, 1000));
      const extra = [ids.accepted, ids.declined, ids.pending, ids.withdrawn];
      await t.database.db.insert(ballots).values([4, 5, 6].map((i) => ({ editionId, voterKey: `v${i}`, ranking: extra })));
      try {
        assert.equal((await api()).winner, null);
        assert.deepEqual(await feedEntries(), []);
        const page = (await get(PAGE)).body;
        assert.ok(page.includes('<h2 class="alert-heading">Vinderen er ikke offentliggjort endnu</h2>'));
        assert.ok(!page.includes('Vinderen er offentliggjort'), 'never beside "ikke offentliggjort endnu"');
      } finally {
        await t.database.db.delete(ballots).where(and(eq(ballots.editionId, editionId), eq(ballots.voterKey, 'v4')));
        await t.database.db.delete(ballots).where(and(eq(ballots.editionId, editionId), eq(ballots.voterKey, 'v5')));
        await t.database.db.delete(ballots).where(and(eq(ballots.editionId, editionId), eq(ballots.voterKey, 'v6')));
      }
    });

    test('cached pages and the feed are never served stale across the instants', async () => {
      for (const [before, at] of [
        [ms(nomineesAt, -1), nomineesAt],
        [ms(winnerAt, -1), winnerAt],
      ] as const) {
        t.clock.set(before);
        const pageBefore = (await get(PAGE, cached)).body;
        const archiveBefore = (await get('/arkiv', cached)).body;
        const feedBefore = (await get('/feeds/vindere.atom', cached)).body;
        t.clock.set(at);
        const pageAt = (await get(PAGE, cached)).body;
        const archiveAt = (await get('/arkiv', cached)).body;
        const feedAt = (await get('/feeds/vindere.atom', cached)).body;
        if (at === nomineesAt) {
          assert.ok(!pageBefore.includes('Pårørendecafé') && pageAt.includes('Pårørendecafé'));
          assert.ok(!archiveBefore.includes('Pårørendecafé') && archiveAt.includes('Pårørendecafé'));
        } else {
          assert.ok(!pageBefore.includes('Se filmen om vinderen') && pageAt.includes('Se filmen om vinderen'));
          assert.ok(
            !archiveBefore.includes('<strong lang="da">Pårørendecafé</strong><br/>') && archiveAt.includes('<strong lang="da">Pårørendecafé</strong><br/>'),
          );
          assert.ok(!feedBefore.includes('<entry>') && feedAt.includes('<entry>'));
        }
      }
    });

    test("a nominee's origin (where it was first developed) links to its solution in the idea bank", async () => {
      const db = t.database.db;
      t.clock.set(nomineesAt);
      await db.update(nominations).set({ originOrganisation: 'Region Syddanmark' }).where(eq(nominations.id, ids.accepted));
      const [solution] = await db
        .insert(solutions)
        .values({ title: 'Patientstemmer – oprindelsen', summary: 'Først afprøvet i Odense.', organisationName: 'Region Syddanmark', year: 2018 })
        .returning({ id: solutions.id });
      await db
        .insert(solutionNominations)
        .values({ nominationId: ids.accepted, role: 'origin', solutionId: solution!.id, linkedBy: 'admin', linkedAt: nomineesAt });
      const body = await api();
      const accepted = (body.nominees as { nominationId: number; origin: unknown }[]).find((n) => n.nominationId === ids.accepted)!;
      assert.deepEqual(accepted.origin, { organisation: 'Region Syddanmark', solution: { id: solution!.id, title: 'Patientstemmer – oprindelsen' } });
      assert.equal((body.nominees as { nominationId: number; origin: unknown }[]).find((n) => n.nominationId === ids.pending)!.origin, null);
      const page = (await get(PAGE)).body;
      assert.ok(
        page.includes(
          `Først udviklet:</span> <span lang="da">Region Syddanmark</span> – <a href="/idebank/loesninger/${solution!.id}" lang="da">Patientstemmer – oprindelsen</a>`,
        ),
        page.slice(page.indexOf('Først udviklet') - 200, page.indexOf('Først udviklet') + 400),
      );
    });

    test('an edition id that does not exist still gives a problem, and the OpenAPI document lists the new fields', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/editions/999999' });
      assert.equal(res.statusCode, 404);
      const doc = (await get('/api/v1/openapi.json')).json();
      const schema = doc.paths['/api/v1/editions/{id}'].get.responses['200'].content['application/json'].schema;
      assert.ok(schema.properties.nominees);
      assert.ok(schema.properties.winner);
      assert.ok(schema.required.includes('nominees') && schema.required.includes('winner'));
    });
  });
}
