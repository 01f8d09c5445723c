/**
 * Issue 16, item 4, in the idea bank, on PGlite and PostgreSQL: a solution's form takes an
 * optional English title, summary and description (limits like their Danish twins, audited);
 * the English solution page shows them, and the Danish text where none was given, marked
 * lang="da" with "(in Danish)". The Danish page never changes. The search list shows the English
 * summary in place of the Danish snippet when there is one, and the API gives the English texts
 * beside the Danish ones (`en`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditEvents, organisations, solutions } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`English texts of the idea bank on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
    });
    after(async () => t?.close());

    test('the form saves and audits the English texts; the English page shows them or the marked Danish stand-in', async () => {
      const db = t.db;
      const rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!;
      const owner = await createUser(db, { email: 'english@example.dk', adminOf: [rm.id] });
      const c = new Client(t.app);
      const s = await sessionFor(db, owner.id, t.clock.now());
      c.setCookie(s.name, s.value);
      await c.get('/idebank/ny');
      const solution = {
        title: 'Hjemmemonitorering af KOL',
        summary: 'Patienter måler selv iltmætning derhjemme.',
        description: 'Sygeplejersken ser målingerne hver morgen.',
        organisationName: 'Region Midtjylland',
        status: 'idea',
        year: '2025',
      };
      const tooLong = await c.post('/idebank/ny', { ...solution, titleEn: 'x'.repeat(201) });
      assert.equal(tooLong.statusCode, 400, 'refused with the form again');
      assert.match(tooLong.body, /href="#titleEn"/, 'the error links to the English title');
      assert.ok(tooLong.body.includes('x'.repeat(201)), 'what was typed is kept');

      const made = await c.post('/idebank/ny', {
        ...solution,
        titleEn: ' Home monitoring of COPD\u0007 ',
        summaryEn: 'Patients measure oxygen at home.',
        descriptionEn: '  ',
      });
      assert.equal(made.statusCode, 303, made.body);
      const id = Number(/\/idebank\/loesninger\/(\d+)$/.exec(String(made.headers.location))![1]);
      const [row] = await db.select().from(solutions).where(eq(solutions.id, id));
      assert.equal(row!.titleEn, 'Home monitoring of COPD');
      assert.equal(row!.descriptionEn, null, 'blank is no English text');
      const [audit] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'solution.created'), eq(auditEvents.entityId, String(id))));
      assert.equal((audit!.after as Record<string, unknown>).summaryEn, 'Patients measure oxygen at home.');

      const en = await t.app.inject({ url: `/idebank/loesninger/${id}`, cookies: { lang: 'en' } });
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /<title>Home monitoring of COPD/);
      assert.match(en.body, /<h1><span>Home monitoring of COPD<\/span><\/h1>/);
      assert.match(en.body, /<span>Patients measure oxygen at home\.<\/span>/);
      assert.match(en.body, /<p lang="da"><span>Sygeplejersken ser målingerne hver morgen\.<\/span><\/p>/);
      assert.match(en.body, /\(in Danish\)/);

      // The list: the English title and, instead of the (Danish) search snippet, the English summary when given.
      const list = await t.app.inject({ url: '/idebank?q=hjemmemonitorering', cookies: { lang: 'en' } });
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(`<a href="/idebank/loesninger/${id}">Home monitoring of COPD</a>`), 'the English title in the list');
      assert.ok(list.body.includes('<p class="ideabank-snippet"><span>Patients measure oxygen at home.</span></p>'), 'the English summary as its text');
      // The Danish page keeps the Danish snippet with the search words marked.
      const listDa = await t.app.inject({ url: '/idebank?q=hjemmemonitorering' });
      assert.doesNotMatch(listDa.body, /Patients measure oxygen/);
      assert.match(listDa.body, /<p class="ideabank-snippet">[\s\S]*?iltmætning/);

      // An English title without an English summary: the Danish snippet marked lang="da", with the note.
      const titleOnly = await c.post('/idebank/ny', {
        ...solution,
        title: 'Telefonvagt for pårørende',
        summary: 'Pårørende ringer til en fast sygeplejerske om aftenen.',
        description: 'Vagten svarer fra klokken 18 til 22.',
        titleEn: 'Evening phone line for relatives',
      });
      assert.equal(titleOnly.statusCode, 303, titleOnly.body);
      const titleOnlyId = Number(/\/idebank\/loesninger\/(\d+)$/.exec(String(titleOnly.headers.location))![1]);
      const phone = await t.app.inject({ url: '/idebank?q=telefonvagt', cookies: { lang: 'en' } });
      assert.ok(phone.body.includes(`<a href="/idebank/loesninger/${titleOnlyId}">Evening phone line for relatives</a>`));
      assert.match(
        phone.body,
        /<p class="ideabank-snippet"><span lang="da">[\s\S]*?Pårørende[\s\S]*?<\/span> <small class="localized-note">\(in Danish\)<\/small><\/p>/,
      );
      // No English at all: title and snippet in Danish, both marked, the title carrying the note.
      const danishOnly = await c.post('/idebank/ny', {
        ...solution,
        title: 'Rygestop i ambulatoriet',
        summary: 'Patienter får rygestoptilbud ved første besøg.',
        description: 'Sygeplejersken spørger alle.',
      });
      assert.equal(danishOnly.statusCode, 303, danishOnly.body);
      const smoke = await t.app.inject({ url: '/idebank?q=rygestop', cookies: { lang: 'en' } });
      assert.match(smoke.body, /<a href="\/idebank\/loesninger\/\d+" lang="da">[\s\S]*?<\/a> <small class="localized-note">\(in Danish\)<\/small>/);
      assert.match(smoke.body, /<p class="ideabank-snippet" lang="da">/);

      // Similar solutions: the English title where given, else the Danish one marked lang="da" with the note;
      // the suggestions while typing say which titles are Danish (lang), so the script marks them too.
      const similarEn = (await t.app.inject({ url: '/idebank/lignende?tekst=Hjemmemonitorering%20KOL%20iltm%C3%A6tning', cookies: { lang: 'en' } })).json()
        .solutions as { id: number; title: string; lang: string | null }[];
      assert.deepEqual(
        similarEn.find((x) => x.id === id),
        { id, title: 'Home monitoring of COPD', lang: null, organisation: 'Region Midtjylland', unit: '', url: `/idebank/loesninger/${id}` },
      );
      const danishSimilar = similarEn.find((x) => x.id !== id)!;
      assert.equal(danishSimilar.lang, 'da', 'a Danish title says so');
      const similarDa = (await t.app.inject({ url: '/idebank/lignende?tekst=Hjemmemonitorering%20KOL%20iltm%C3%A6tning' })).json().solutions as {
        id: number;
        title: string;
        lang: string | null;
      }[];
      assert.equal(similarDa.find((x) => x.id === id)?.title, 'Hjemmemonitorering af KOL', 'a Danish page gets the Danish titles');
      assert.ok(
        similarDa.every((x) => x.lang === null),
        'unmarked',
      );
      const pageOfOther = await t.app.inject({ url: `/idebank/loesninger/${danishSimilar.id}`, cookies: { lang: 'en' } });
      assert.ok(
        pageOfOther.body.includes(`<li><a href="/idebank/loesninger/${id}">Home monitoring of COPD</a><span>`),
        'the English title among similar solutions',
      );
      const pageOfMine = await t.app.inject({ url: `/idebank/loesninger/${id}`, cookies: { lang: 'en' } });
      assert.match(
        pageOfMine.body,
        new RegExp(`<li><a href="/idebank/loesninger/${danishSimilar.id}" lang="da">[^<]+</a> <small class="localized-note">\\(in Danish\\)</small><span>`),
        'a Danish title among similar solutions marked, with the note',
      );

      // The open data: the English texts beside the Danish ones, null where none was given.
      const found = await t.app.inject({ url: '/api/v1/solutions?q=hjemmemonitorering' });
      assert.equal(found.statusCode, 200);
      const hit = found.json().solutions.find((h: { id: number }) => h.id === id);
      assert.deepEqual(hit.en, { title: 'Home monitoring of COPD', summary: 'Patients measure oxygen at home.' });
      assert.equal(hit.title, 'Hjemmemonitorering af KOL');
      const phoneHit = (await t.app.inject({ url: '/api/v1/solutions?q=telefonvagt' })).json().solutions.find((h: { id: number }) => h.id === titleOnlyId);
      assert.deepEqual(phoneHit.en, { title: 'Evening phone line for relatives', summary: null });
      const one = await t.app.inject({ url: `/api/v1/solutions/${id}` });
      assert.equal(one.statusCode, 200);
      assert.deepEqual(one.json().en, { title: 'Home monitoring of COPD', summary: 'Patients measure oxygen at home.', description: null });
      assert.equal(one.json().description, 'Sygeplejersken ser målingerne hver morgen.');

      const da = await t.app.inject({ url: `/idebank/loesninger/${id}` });
      assert.match(da.body, /<h1><span>Hjemmemonitorering af KOL<\/span><\/h1>/);
      assert.doesNotMatch(da.body, /Home monitoring|\(på dansk\)/);
    });
  });
}
