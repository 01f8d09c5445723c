/**
 * Issue 16, item 4, on PGlite and PostgreSQL: administrators give English texts beside the
 * Danish ones (the admin API shares the setup forms' schemas: same clean-up and limits, audited);
 * English pages show them, and a Danish text shown in an English one's place is marked lang="da"
 * with "(in Danish)". Danish pages never change.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { auditEvents, awards, criteria, editions, formSections, organisations } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { awardsUrls } from '../../src/awards/urls.js';
import { nominationsUrls } from '../../src/nominations/urls.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';
import { HttpAgent } from '../harness/http-agent.js';

const NOW = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`English content on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let awardId: number;
    let editionId: number;
    let token: string;

    const api = (method: 'GET' | 'PATCH', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const page = async (url: string, lang: 'da' | 'en') => {
      const res = await t.app.inject({ url, cookies: lang === 'en' ? { lang: 'en' } : {} });
      assert.equal(res.statusCode, 200, url);
      return res.body;
    };
    const auditOf = (action: string, entityId: number) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))))
        .orderBy(asc(auditEvents.id));

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      const rmOrg = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!.id;
      awardId = (await db.select().from(awards).where(eq(awards.slug, 'initiativprisen')))[0]!.id;
      editionId = (
        await db
          .select()
          .from(editions)
          .where(and(eq(editions.awardId, awardId), eq(editions.year, 2024)))
      )[0]!.id;
      const admin = await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] });
      token = (await createApiToken(db, admin.id, 'english', t.clock.now())).token;
      // The first criterion and form section get English texts; the others stay Danish only.
      const [c] = await db.select().from(criteria).where(eq(criteria.editionId, editionId)).orderBy(asc(criteria.position));
      await db.update(criteria).set({ titleEn: 'Patient benefit', descriptionEn: 'How patients gain from it.' }).where(eq(criteria.id, c!.id));
      const [s] = await db.select().from(formSections).where(eq(formSections.editionId, editionId)).orderBy(asc(formSections.position));
      await db.update(formSections).set({ headingEn: 'The idea in brief' }).where(eq(formSections.id, s!.id));
    });
    after(async () => await t?.close());

    test('the admin API saves the English texts with the Danish twins’ clean-up, refuses them too long, and audits them', async () => {
      const res = await api('PATCH', `/api/v1/admin/awards/${awardId}`, { summaryEn: '  For initiatives that\u0000 help patients.  ', eligibilityEn: '' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { summaryEn: string | null; eligibilityEn: string | null; descriptionEn: string | null };
      assert.equal(body.summaryEn, 'For initiatives that help patients.');
      assert.equal(body.eligibilityEn, null, 'empty is no English text');
      assert.equal(body.descriptionEn, null);
      const [audit] = (await auditOf('award.update', awardId)).slice(-1);
      assert.equal((audit!.after as Record<string, unknown>).summaryEn, 'For initiatives that help patients.');
      assert.equal((audit!.before as Record<string, unknown>).summaryEn, null);

      const tooLong = await api('PATCH', `/api/v1/admin/awards/${awardId}`, { summaryEn: 'x'.repeat(501) });
      assert.equal(tooLong.statusCode, 422, tooLong.body);
      assert.deepEqual(
        (tooLong.json() as { errors: { path: string }[] }).errors.map((e) => e.path),
        ['/summaryEn'],
      );

      const ed = await api('PATCH', `/api/v1/admin/editions/${editionId}`, {
        theme: 'Bedre forløb',
        themeEn: 'Better pathways',
        prizePurpose: 'Til holdets videre arbejde',
        prizePurposeEn: 'For the team’s further work',
      });
      assert.equal(ed.statusCode, 200, ed.body);
      const e = (ed.json() as { edition: { themeEn: string; prizePurposeEn: string; prizeExtrasEn: string | null; criteria: { titleEn: string | null }[] } })
        .edition;
      assert.equal(e.themeEn, 'Better pathways');
      assert.equal(e.prizeExtrasEn, null);
      assert.equal(e.criteria[0]!.titleEn, 'Patient benefit');
      const [edAudit] = (await auditOf('edition.update', editionId)).slice(-1);
      assert.equal((edAudit!.after as Record<string, unknown>).themeEn, 'Better pathways');
    });

    test('the English round page shows the English texts, and the Danish stand-ins marked lang="da" with a note', async () => {
      const url = awardsUrls.edition({ slug: 'initiativprisen', year: 2024 });
      const [award] = await db.select().from(awards).where(eq(awards.id, awardId));
      const [edition] = await db.select().from(editions).where(eq(editions.id, editionId));
      const en = await page(url, 'en');
      assert.match(en, /<span>For initiatives that help patients\.<\/span>/, 'the English summary, unmarked');
      assert.match(en, /<span>Better pathways<\/span>/, 'the English theme');
      assert.match(en, /<span>Patient benefit<\/span>/, 'the English criterion');
      assert.match(en, /<span>The idea in brief<\/span>/, 'the English form section');
      assert.match(en, /<span>For the team’s further work<\/span>/, 'the English prize purpose');
      // The description has no English text: Danish, marked, with the note.
      const firstParagraph = award!.description
        .split(/\n{2,}/)[0]!
        .trim()
        .split('\n')[0]!;
      assert.ok(en.includes(`<p lang="da"><span>${htmlText(firstParagraph)}`), 'the Danish description marked lang="da"');
      assert.match(en, /\(in Danish\)/);
      assert.doesNotMatch(en, /på dansk/);

      const da = await page(url, 'da');
      assert.ok(da.includes(htmlText(award!.summary)), 'the Danish summary on the Danish page');
      assert.ok(da.includes(htmlText(edition!.theme!)), 'the Danish theme on the Danish page');
      assert.doesNotMatch(da, /For initiatives that help patients|Better pathways|Patient benefit|\(in Danish\)|\(på dansk\)/);
    });

    test('the public API gives the English texts beside the Danish ones (null where none was given)', async () => {
      const res = await t.app.inject(`/api/v1/editions/${editionId}`);
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json() as {
        en: Record<string, string | null>;
        criteria: { en: Record<string, string | null> }[];
        formSections: { en: Record<string, string | null> }[];
      };
      assert.deepEqual(e.en, { theme: 'Better pathways', themeDescription: null, prizePurpose: 'For the team’s further work', prizeExtras: null });
      assert.deepEqual(e.criteria[0]!.en, { title: 'Patient benefit', description: 'How patients gain from it.' });
      assert.deepEqual(e.criteria[1]!.en, { title: null, description: null });
      assert.deepEqual(e.formSections[0]!.en, { heading: 'The idea in brief', help: null });
      const list = (await t.app.inject('/api/v1/awards')).json() as { awards: { slug: string; en: { summary: string | null } }[] };
      assert.equal(list.awards.find((a) => a.slug === 'initiativprisen')!.en.summary, 'For initiatives that help patients.');
    });

    test('the English nomination start page lists the form’s headings in English, the Danish stand-ins marked', async () => {
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const [open] = await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, award!.id), eq(editions.year, 2027)));
      const sections = await db.select().from(formSections).where(eq(formSections.editionId, open!.id)).orderBy(asc(formSections.position));
      assert.ok(sections.length >= 2, 'the open demo round has form sections');
      await db.update(formSections).set({ headingEn: 'What the initiative does' }).where(eq(formSections.id, sections[0]!.id));
      const url = nominationsUrls.start({ slug: award!.slug, year: 2027 });
      const en = await page(url, 'en');
      assert.match(en, /<li><span>What the initiative does<\/span>/);
      assert.ok(en.includes(`<span lang="da">${htmlText(sections[1]!.heading)}</span> <small class="localized-note">(in Danish)</small>`));
      const da = await page(url, 'da');
      assert.ok(da.includes(`<span>${htmlText(sections[0]!.heading)}</span>`));
      assert.doesNotMatch(da, /What the initiative does/);
    });

    test('the English nomination form: English labels where given, Danish stand-ins marked lang="da" with one note', async () => {
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const [open] = await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, award!.id), eq(editions.year, 2027)));
      const sections = await db.select().from(formSections).where(eq(formSections.editionId, open!.id)).orderBy(asc(formSections.position));
      const base = nominationsUrls.start({ slug: award!.slug, year: 2027 });
      const agent = new HttpAgent(t.app);
      await agent.get(base);
      await agent.get(`${base}/om-dig`);
      const made = await agent.post(`${base}/om-dig`, {
        nominatorName: 'Lise Jensen',
        nominatorEmail: 'lise@eksempel.dk',
        nominatorIsCitizen: 'no',
        nominatorWorkplace: 'Akutafdelingen, AUH',
        handling: 'fortsaet',
      });
      assert.equal(made.statusCode, 303, made.body.slice(0, 300));
      const id = Number(/\/indstillinger\/(\d+)\/kandidat/.exec(String(made.headers.location))![1]);
      agent.setCookie('lang', 'en');
      const step = await agent.get(`/indstillinger/${id}/beskrivelse`);
      assert.equal(step.statusCode, 200);
      const first = sections[0]!;
      const second = sections[1]!;
      assert.ok(step.body.includes(`<label class="form-label" for="section-${first.id}"><span>What the initiative does</span>`), 'the English heading');
      assert.ok(
        step.body.includes(`<label class="form-label" for="section-${second.id}"><span lang="da">${htmlText(second.heading)}</span>`),
        'the Danish heading marked',
      );
      assert.equal(step.body.split('Some of the texts here are only in Danish.').length - 1, 1, 'one note for the step');
      agent.setCookie('lang', 'da');
      const da = await agent.get(`/indstillinger/${id}/beskrivelse`);
      assert.doesNotMatch(da.body, /What the initiative does|lang="da"><\/span>|Nogle af teksterne/);
    });

    test('the English award page and front page show the English summary', async () => {
      const en = await page(awardsUrls.award({ slug: 'initiativprisen' }), 'en');
      assert.match(en, /For initiatives that help patients\./);
      const front = await page('/', 'en');
      assert.match(front, /For initiatives that help patients\./);
      assert.match(front, /lang="da"/, 'other awards without English texts are marked Danish');
    });

    test('a criterion shown in Danish on an English page is marked lang="da", title and description each on its own: the form and the review page', async () => {
      // The nomination form: the open round's first criterion gets an English title only.
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const [open] = await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, award!.id), eq(editions.year, 2027)));
      const [first, second] = await db.select().from(criteria).where(eq(criteria.editionId, open!.id)).orderBy(asc(criteria.position));
      await db.update(criteria).set({ titleEn: 'Citizens take part', descriptionEn: null }).where(eq(criteria.id, first!.id));
      const base = nominationsUrls.start({ slug: award!.slug, year: 2027 });
      const agent = new HttpAgent(t.app);
      await agent.get(`${base}/om-dig`);
      const made = await agent.post(`${base}/om-dig`, {
        nominatorName: 'Lise Jensen',
        nominatorEmail: 'lise@eksempel.dk',
        nominatorIsCitizen: 'no',
        nominatorWorkplace: 'Akutafdelingen, AUH',
        handling: 'fortsaet',
      });
      const id = Number(/\/indstillinger\/(\d+)\/kandidat/.exec(String(made.headers.location))![1]);
      agent.setCookie('lang', 'en');
      const step = await agent.get(`/indstillinger/${id}/loesning`);
      assert.equal(step.statusCode, 200);
      const option = (c: typeof first) => {
        const at = step.body.indexOf(`value="${c!.id}"`);
        return step.body.slice(at, step.body.indexOf('</div>', at));
      };
      assert.match(option(first), /<label class="form-label" for="[^"]+">Citizens take part<\/label>/, 'the English title, not marked');
      assert.ok(option(first).includes(`lang="da">${htmlText(first!.description)}</span>`), 'the Danish description marked, though the title is English');
      assert.ok(option(second).includes(`lang="da">${htmlText(second!.title)}</label>`), 'a Danish title marked');
      assert.ok(option(second).includes(`lang="da">${htmlText(second!.description)}</span>`), 'its Danish description marked');
      assert.equal(step.body.split('Some of the texts here are only in Danish.').length - 1, 1, 'one note for the step');
      agent.setCookie('lang', 'da');
      const da = await agent.get(`/indstillinger/${id}/loesning`);
      assert.doesNotMatch(da.body, /Citizens take part|<(?:span|label)[^>]* lang="da"/);

      // "Check your answers" in English: the summary's own words in English, the criteria and section
      // headings the administrators' English texts where given, the Danish ones marked, one note.
      const sections = await db.select().from(formSections).where(eq(formSections.editionId, open!.id)).orderBy(asc(formSections.position));
      await db.update(formSections).set({ headingEn: 'What the initiative does' }).where(eq(formSections.id, sections[0]!.id));
      const version = /name="version" value="(\d+)"/.exec(step.body)![1]!;
      await agent.post(`/indstillinger/${id}/loesning`, { title: 'Video', summary: 'Kort.', criterionIds: [String(first!.id)], version, handling: 'fortsaet' });
      agent.setCookie('lang', 'en');
      const check = await agent.get(`/indstillinger/${id}/tjek`);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /<h2 class="h3" id="answers-0">About you, the nominator<\/h2>/);
      assert.match(check.body, /<dt>Nominating as<\/dt><dd class="answer-text">Employee<\/dd>/);
      assert.match(check.body, /<dt>Criteria<\/dt><dd class="answer-text">Citizens take part<\/dd>/);
      assert.match(check.body, /<h2 class="h3" id="answers-3">What the initiative does<\/h2>/);
      assert.ok(check.body.includes(`<h2 class="h3" id="answers-4" lang="da">${htmlText(sections[1]!.heading)}</h2>`), 'a Danish heading marked');
      assert.equal(check.body.split('Some of the texts here are only in Danish.').length - 1, 1, 'one note');
      agent.setCookie('lang', 'da');
      const checkDa = await agent.get(`/indstillinger/${id}/tjek`);
      assert.match(checkDa.body, /<h2 class="h3" id="answers-0">Om dig, der indstiller<\/h2>/);
      assert.match(checkDa.body, /<dt>Kriterier<\/dt><dd class="answer-text">[^<]+<\/dd>/);
      assert.doesNotMatch(checkDa.body, /What the initiative does|Citizens take part|id="answers-\d" lang="da"/);

      // The committee's review page: English titles and descriptions where given, the Danish ones marked.
      const e = await buildEdition(
        db,
        {
          awardId,
          year: 2041,
          opensAt: new Date('2026-01-01T11:00:00Z'),
          closesAt: new Date('2026-03-01T11:00:00Z'),
          reviewStartsAt: new Date('2026-03-15T11:00:00Z'),
          reviewClosesAt: new Date('2026-12-15T10:00:00Z'),
          nomineesPublishedAt: new Date('2027-01-01T10:00:00Z'),
          winnerAnnouncedAt: new Date('2027-02-01T10:00:00Z'),
        },
        {
          criteria: [
            { title: 'Nyskabelse', description: 'Er løsningen ny?' },
            { title: 'Værdi for borgerne', description: 'Skaber den værdi?' },
          ],
          formSections: [{ heading: 'Idéen kort' }, { heading: 'Resultater' }],
        },
      );
      const [c1, c2] = e.criterionIds as [number, number];
      await db.update(criteria).set({ titleEn: 'Novelty', descriptionEn: 'Is the solution new?' }).where(eq(criteria.id, c1));
      await db.update(criteria).set({ titleEn: 'Value for citizens' }).where(eq(criteria.id, c2));
      await db.update(formSections).set({ headingEn: 'The idea in brief' }).where(eq(formSections.id, e.formSectionIds[0]!));
      const member = await buildMember(db, { editionId: e.id, role: 'committee' });
      const n = await buildNomination(db, { editionId: e.id, screening: 'eligible', criterionIds: [c1, c2], sentAt: new Date('2026-02-01T10:00:00Z') });
      const committee = await signedInAgent(t.app, db, member.userId, t.clock.now());
      committee.setCookie('lang', 'en');
      const review = await committee.get(`/bedoemmelse/udgaver/${e.id}/indstillinger/${n.id}`);
      assert.equal(review.statusCode, 200, review.body.slice(0, 300));
      assert.match(review.body, /<legend class="form-label" id="score-\d+-legend"><span>Novelty<\/span>/);
      assert.match(review.body, new RegExp(`<span class="form-hint" id="score-${c1}-hint">Is the solution new\\?</span>`));
      assert.match(review.body, /<legend class="form-label" id="score-\d+-legend"><span>Value for citizens<\/span>/);
      assert.match(
        review.body,
        new RegExp(`<span class="form-hint" id="score-${c2}-hint" lang="da">Skaber den værdi\\?</span>`),
        'the Danish description marked',
      );
      assert.match(review.body, /<li><span>Novelty<\/span><\/li>/, 'the criteria the nomination claims, in English');
      assert.match(review.body, /<span>The idea in brief<\/span>/);
      assert.match(
        review.body,
        /<span lang="da">Resultater<\/span> <small class="localized-note">\(in Danish\)<\/small>/,
        'a Danish section heading marked with the note',
      );
      assert.equal(review.body.split('Some of the texts here are only in Danish.').length - 1, 1, 'one note for the scores');
      // The committee's overview: the criteria's English titles in every row, a Danish stand-in
      // marked, and one note on the column.
      const overview = await committee.get(`/bedoemmelse/udgaver/${e.id}/oversigt`);
      assert.equal(overview.statusCode, 200, overview.body.slice(0, 300));
      assert.match(overview.body, /<li>Novelty: /);
      assert.match(overview.body, /<li>Value for citizens: /);
      assert.doesNotMatch(overview.body, /Nyskabelse|Værdi for borgerne/);
      await db.update(criteria).set({ titleEn: null }).where(eq(criteria.id, c2));
      const overviewDanishTitle = await committee.get(`/bedoemmelse/udgaver/${e.id}/oversigt`);
      assert.match(overviewDanishTitle.body, /<li><span lang="da">Værdi for borgerne<\/span>: /, 'the Danish title marked');
      assert.equal(overviewDanishTitle.body.split('<small class="localized-note">(in Danish)</small>').length - 1, 1, 'one note, on the column');
      committee.setCookie('lang', 'da');
      const reviewDa = await committee.get(`/bedoemmelse/udgaver/${e.id}/indstillinger/${n.id}`);
      assert.match(reviewDa.body, /<legend class="form-label" id="score-\d+-legend"><span>Værdi for borgerne<\/span>/);
      assert.match(reviewDa.body, new RegExp(`<span class="form-hint" id="score-${c2}-hint">Skaber den værdi\\?</span>`));
      assert.doesNotMatch(reviewDa.body, /Novelty|Nogle af teksterne/);
      const overviewDa = await committee.get(`/bedoemmelse/udgaver/${e.id}/oversigt`);
      assert.match(overviewDa.body, /<li>Værdi for borgerne: /);
      assert.doesNotMatch(overviewDa.body, /Novelty|lang="da">Værdi/);
    });
  });
}

function htmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}
