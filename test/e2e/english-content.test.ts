/**
 * Issue 16, item 4, in a real Chromium with axe (WCAG 2.1 A+AA) at desktop and phone sizes: the
 * English award page and round page show the administrators' English texts, and a Danish text
 * standing in for a missing English one is marked lang="da" with "(in Danish)".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { and, asc, eq } from 'drizzle-orm';
import { expectAccessible, launchBrowser, newContext, openPage, serveTestApp } from '../harness/browser.js';
import { awards, criteria, editions } from '../../src/db/schema.js';
import { awardsUrls } from '../../src/awards/urls.js';

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
  });

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
  }
});
