/**
 * Issue 16, item 4, in a real Chromium with axe (WCAG 2.1 A+AA) at desktop and phone sizes: the
 * English award page and round page show the administrators' English texts, and a Danish text
 * standing in for a missing English one is marked lang="da" with "(in Danish)". So do the idea
 * bank's search list (the English summary in place of the Danish snippet) and the committee's
 * review page (criteria titles and descriptions).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { and, asc, eq } from 'drizzle-orm';
import { expectAccessible, launchBrowser, newContext, openPage, serveTestApp } from '../harness/browser.js';
import { awards, criteria, editions, solutions } from '../../src/db/schema.js';
import { awardsUrls } from '../../src/awards/urls.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { sessionFor } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';

describe('English content in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    const [award] = await db.select().from(awards).where(eq(awards.slug, 'initiativprisen'));
    await db.update(awards).set({ summaryEn: 'For new solutions in the region’s health service.' }).where(eq(awards.id, award!.id));
    const [edition] = await db
      .select()
      .from(editions)
      .where(and(eq(editions.awardId, award!.id), eq(editions.year, 2024)));
    await db
      .update(editions)
      .set({ theme: 'Bedre forløb', themeEn: 'Better pathways', prizePurpose: 'Til holdets videre arbejde' })
      .where(eq(editions.id, edition!.id));
    const [first] = await db.select().from(criteria).where(eq(criteria.editionId, edition!.id)).orderBy(asc(criteria.position));
    await db.update(criteria).set({ titleEn: 'Patient benefit', descriptionEn: 'How patients gain from it.' }).where(eq(criteria.id, first!.id));
    // The idea bank: one solution with an English title and summary, one with an English title only.
    await db
      .update(solutions)
      .set({ titleEn: 'Video consultations for heart failure', summaryEn: 'Patients with heart failure see their nurse on video.' })
      .where(eq(solutions.title, 'Videokonsultationer til patienter med hjertesvigt'));
    await db.update(solutions).set({ titleEn: 'The nurse clinic on Ærø' }).where(eq(solutions.title, 'Sygeplejerskeklinikken på Ærø'));
    // The committee's review page: one criterion in English, one with an English title only.
    const round = await buildEdition(
      db,
      {
        awardId: award!.id,
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
        formSections: [{ heading: 'Idéen kort' }],
      },
    );
    const [c1, c2] = round.criterionIds as [number, number];
    await db.update(criteria).set({ titleEn: 'Novelty', descriptionEn: 'Is the solution new?' }).where(eq(criteria.id, c1));
    await db.update(criteria).set({ titleEn: 'Value for citizens' }).where(eq(criteria.id, c2));
    const member = await buildMember(db, { editionId: round.id, role: 'committee' });
    const n = await buildNomination(db, { editionId: round.id, screening: 'eligible', criterionIds: [c1, c2], sentAt: new Date('2026-02-01T10:00:00Z') });
    reviewPath = `/bedoemmelse/udgaver/${round.id}/indstillinger/${n.id}`;
    committeeSession = (await sessionFor(db, member.userId, server.clock.now())).value;
    scoreHintOf = (c: 1 | 2) => `#score-${c === 1 ? c1 : c2}-hint`;
  });
  let reviewPath = '';
  let committeeSession = '';
  let scoreHintOf: (c: 1 | 2) => string = () => '';

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  for (const [size, options] of [
    ['desktop (1280×800)', { viewport: { width: 1280, height: 800 } }],
    ['phone (375×740)', { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ] as const) {
    test(`English award page and round page at ${size}: English texts, Danish stand-ins marked, no axe violations`, async () => {
      const ctx = await newContext(browser, server.baseUrl, options);
      contexts.push(ctx);
      await ctx.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
      for (const path of [awardsUrls.award({ slug: 'initiativprisen' }), awardsUrls.edition({ slug: 'initiativprisen', year: 2024 })]) {
        const { page, expectNoProblems } = await openPage(ctx);
        const res = await page.goto(path, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, path);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
        assert.equal(await page.locator('p.font-lead').innerText(), 'For new solutions in the region’s health service.');
        // The description has no English text: shown in Danish, marked as such, with the note.
        const about = page.locator('section[aria-labelledby="about"]');
        assert.match(await about.locator('p[lang="da"]').first().innerText(), /Initiativprisen/);
        assert.match(await about.innerText(), /\(in Danish\)/);
        await expectAccessible(page, `${path} (English, ${size})`);
        expectNoProblems();
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(widths.scroll <= widths.client, `${path} scrolls sideways at ${size}`);
      }
      const { page } = await openPage(ctx);
      await page.goto(awardsUrls.edition({ slug: 'initiativprisen', year: 2024 }));
      const main = await page.locator('main').innerText();
      assert.match(main, /Theme: Better pathways/);
      assert.match(main, /Patient benefit/);
      assert.equal(await page.locator('span[lang="da"]', { hasText: 'Til holdets videre arbejde' }).count(), 1, 'the Danish prize purpose marked');
    });

    test(`English idea-bank list and committee review page at ${size}: English texts, Danish stand-ins marked, no axe violations`, async () => {
      const ctx = await newContext(browser, server.baseUrl, options);
      contexts.push(ctx);
      await ctx.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
      const w = await openPage(ctx);
      const { page } = w;
      // The English summary in place of the Danish snippet; the Danish snippet marked where there is none.
      assert.equal((await page.goto('/idebank?q=videokonsultationer', { waitUntil: 'load' }))?.status(), 200);
      const video = page.locator('li.ideabank-hit', { hasText: 'Video consultations for heart failure' });
      assert.equal(await video.locator('p.ideabank-snippet').innerText(), 'Patients with heart failure see their nurse on video.');
      assert.equal(await video.locator('[lang="da"]').count(), 0);
      await expectAccessible(page, `idea bank list (English, ${size})`);
      w.expectNoProblems();
      assert.equal((await page.goto('/idebank?q=sygeplejerskeklinikken', { waitUntil: 'load' }))?.status(), 200);
      const clinic = page.locator('li.ideabank-hit', { hasText: 'The nurse clinic on Ærø' });
      assert.equal(await clinic.locator('p.ideabank-snippet span[lang="da"]').count(), 1, 'the Danish snippet marked');
      assert.match(await clinic.locator('p.ideabank-snippet').innerText(), /\(in Danish\)$/);
      await expectAccessible(page, `idea bank list with a Danish snippet (English, ${size})`);

      // The committee's review page: the Danish description standing in is marked lang="da".
      await ctx.addCookies([{ name: SESSION_COOKIE, value: committeeSession, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      assert.equal((await page.goto(reviewPath, { waitUntil: 'load' }))?.status(), 200);
      assert.equal(await page.locator(scoreHintOf(1)).innerText(), 'Is the solution new?');
      assert.equal(await page.locator(scoreHintOf(1)).getAttribute('lang'), null);
      assert.equal(await page.locator(scoreHintOf(2)).getAttribute('lang'), 'da');
      assert.equal(await page.locator(scoreHintOf(2)).innerText(), 'Skaber den værdi?');
      assert.equal(await page.locator('legend', { hasText: 'Value for citizens' }).count(), 1);
      await expectAccessible(page, `committee review page (English, ${size})`);
      w.expectNoProblems();
    });
  }
});
