/**
 * The public pages in a real Chromium: every page visited is checked with axe-core against
 * WCAG 2.0/2.1 A and AA, and must load without console errors, CSP violations or failed
 * requests. Also: the skip link, DKFDS styles and script, the language switcher, the pages
 * without JavaScript and on a phone-sized screen.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { expectAccessible, expectAccessibleWithoutScripts, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage } from '../harness/browser.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import { awards, organisations } from '../../src/db/schema.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { winnerDecisions } from '../../src/panel/panel.schema.js';
import { seedDemoJudgedRound } from '../../src/db/seed/demo-round.js';

// The demo data's open edition of Årets Borgerinddragende Initiativ is seeded relative to this instant.
const NOW = '2026-11-24T12:00:00Z';

describe('public pages in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];
  let danish: BrowserContext;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    danish = await context();
    await seedWinners();
  });

  /**
   * Rounds whose winner is public: the finished demo round (Initiativprisen 2025) and
   * "Statusprisen 2026" (winner announced on 1 October 2026, the committee's choice); and
   * "Fortidsprisen 2026", a round with every date in the past and no decision.
   */
  async function seedWinners() {
    const db = server.database.db;
    await seedDemoJudgedRound(db, new Date(NOW));
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
    const timeline = {
      year: 2026,
      opensAt: new Date('2026-01-10T11:00:00Z'),
      closesAt: new Date('2026-03-01T11:00:00Z'),
      nomineesPublishedAt: new Date('2026-05-01T10:00:00Z'),
      winnerAnnouncedAt: new Date('2026-10-01T10:00:00Z'),
    };
    const award = async (slug: string, name: string) =>
      (
        await db
          .insert(awards)
          .values({ organisationId: org!.id, slug, name, summary: `${name} i kort form.`, description: 'En pris til prøve.', establishedYear: 2020 })
          .returning()
      )[0]!.id;
    const e = await buildEdition(db, { awardId: await award('statusprisen', 'Statusprisen'), ...timeline, hasPatientPanel: false });
    const at = new Date('2026-02-01T10:00:00Z');
    const win = await buildNomination(
      db,
      { editionId: e.id, title: 'Vindende løsning', nomineeOrganisation: 'Regionshospitalet Viborg', summary: 'Den vandt.' },
      { at },
    );
    const other = await buildNomination(db, { editionId: e.id, title: 'Anden nomineret', nomineeOrganisation: 'Regionshospitalet Horsens' }, { at });
    await db.insert(shortlists).values({ editionId: e.id, decidedAt: at });
    await db.insert(shortlistEntries).values([win.id, other.id].map((nominationId, i) => ({ editionId: e.id, nominationId, position: i + 1 })));
    await db.insert(winnerDecisions).values({ editionId: e.id, nominationId: win.id, basis: 'committee', decidedAt: at });
    await buildEdition(db, { awardId: await award('fortidsprisen', 'Fortidsprisen'), ...timeline });
  }

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function context(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  }

  /**
   * Opens `path` in a new page of `ctx`, checks the status, runs axe, and checks that nothing
   * went wrong in the browser. The page stays open for further checks by the caller.
   */
  async function visit(path: string, { ctx = danish, status = 200 }: { ctx?: BrowserContext; status?: number } = {}): Promise<WatchedPage> {
    const watched = await openPage(ctx);
    const res = await watched.page.goto(path, { waitUntil: 'load' });
    assert.ok(res, `no response for ${path}`);
    assert.equal(res.status(), status, `status of ${path}`);
    await expectAccessible(watched.page, path);
    // Chromium logs the error status of the main document itself as a console error.
    watched.expectNoProblems(status >= 400 ? new RegExp(`status of ${status} \\(.*\\) \\(${escapeRegExp(server.baseUrl + path)}\\)$`) : undefined);
    return watched;
  }

  const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

  test('front page: lists the open demo edition and all awards, styled by DKFDS', async () => {
    const { page } = await visit('/');
    assert.equal(await htmlLang(page), 'da');
    assert.equal(await text(page, 'h1'), 'Innovationspriser i sundhedsvæsenet');
    assert.match(await page.title(), /^Innovationspriser i sundhedsvæsenet – Prisportal$/);
    const main = await text(page, 'main');
    for (const expected of ['Åbent for indstillinger nu', 'Alle priser', 'Initiativprisen', 'Smartprisen', 'Årets Borgerinddragende Initiativ']) {
      assert.ok(main.includes(expected), `front page should show ${expected}`);
    }

    // dkfds.min.css is applied: its font stack on body, its skip-link and header styles.
    const styles = await page.evaluate(async () => {
      await document.fonts.ready;
      const sheet = [...document.styleSheets].find((s) => /\/dkfds\/v[\d.]+\/css\/dkfds\.min\.css$/.test(s.href ?? ''));
      return {
        bodyFont: getComputedStyle(document.body).fontFamily,
        dkfdsRules: sheet ? sheet.cssRules.length : 0,
        plexLoaded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'IBM Plex Sans' && f.status === 'loaded'),
        skipnavPosition: getComputedStyle(document.querySelector('.skipnav')!).position,
        dkfdsScript: typeof (window as unknown as { DKFDS?: { init?: unknown } }).DKFDS?.init,
      };
    });
    assert.match(styles.bodyFont, /IBM Plex Sans/, 'body font-family comes from dkfds.min.css');
    assert.ok(styles.dkfdsRules > 100, `dkfds.min.css loaded with its rules (${styles.dkfdsRules})`);
    assert.ok(styles.plexLoaded, 'the IBM Plex Sans web font was downloaded (font-src and font paths work)');
    assert.equal(styles.skipnavPosition, 'absolute', 'the skip link is hidden off-screen by DKFDS until focused');
    assert.equal(styles.dkfdsScript, 'function', 'dkfds.min.js ran under the CSP');
  });

  test('the skip link is the first focusable element and moves focus to main', async () => {
    const { page } = await visit('/priser/aarets-borgerinddragende-initiativ');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { cls: el.className, text: el.textContent?.trim(), href: el.getAttribute('href') };
    });
    assert.deepEqual(first, { cls: 'skipnav', text: 'Gå til sidens indhold', href: '#main-content' });
    // DKFDS slides the focused skip link into view (a 0.2 s transition).
    await page.waitForFunction(
      () => {
        const r = document.activeElement!.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight;
      },
      undefined,
      { timeout: 2_000 },
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    assert.equal(new URL(page.url()).hash, '#main-content');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
    // The next Tab goes on from main, to the first link in its content, not back to the header.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({
      inMain: !!document.activeElement?.closest('main'),
      isFirstLinkInMain: document.activeElement === document.querySelector('main a[href]'),
    }));
    assert.deepEqual(next, { inMain: true, isFirstLinkInMain: true });
  });

  test('award page /priser/initiativprisen', async () => {
    const { page } = await visit('/priser/initiativprisen');
    assert.equal(await htmlLang(page), 'da');
    assert.equal(await text(page, 'h1'), 'Initiativprisen');
    assert.equal(await page.locator('nav[aria-label="Brødkrummesti"] [aria-current="page"]').innerText(), 'Initiativprisen');
    assert.equal(await page.locator('footer h2').first().innerText(), 'Region Midtjylland');
    assert.ok(await page.locator('#history').isVisible());
  });

  test('award page /priser/aarets-borgerinddragende-initiativ shows the current, open demo edition', async () => {
    const { page } = await visit('/priser/aarets-borgerinddragende-initiativ');
    assert.equal(await text(page, 'h1'), 'Årets Borgerinddragende Initiativ');
    assert.match(await text(page, '#edition'), /^Årets Borgerinddragende Initiativ \d{4}$/);
    assert.equal(await text(page, '.edition-status .alert-heading'), 'Åben for indstillinger');
    assert.match(await text(page, '.edition-status .alert-text'), /^Du kan indstille frem til \d+\. \p{L}+ \d{4} kl\. 12\.00\.$/u);
    assert.ok((await text(page, 'main')).includes('Sundhed tæt på borgeren (demo)'));
    assert.ok(await page.locator('.alert-success.edition-status').isVisible(), 'the open status is a DKFDS success alert');
  });

  test('award page for 2021 shows that year’s timeline, committee and prize', async () => {
    const { page } = await visit('/priser/aarets-borgerinddragende-initiativ/2021');
    assert.equal(await text(page, 'h1'), 'Årets Borgerinddragende Initiativ 2021');
    const main = await text(page, 'main');
    for (const expected of ['Tema: Digitalisering', '18. december 2020 kl. 12.00', 'Lægeforeningen', '10.000 kr.', 'Højst 200 ord']) {
      assert.ok(main.includes(expected), `2021 page should show ${expected}`);
    }
    const crumbs = await page.locator('.breadcrumbs__list-item').allInnerTexts();
    assert.deepEqual(
      crumbs.map((c) => c.trim()),
      ['Forside', 'Årets Borgerinddragende Initiativ', 'Årets Borgerinddragende Initiativ 2021'],
    );
  });

  test('privacy and accessibility statements', async () => {
    const privacy = await visit('/privatliv');
    assert.equal(await text(privacy.page, 'h1'), 'Privatlivspolitik');
    const a11y = await visit('/tilgaengelighed');
    assert.equal(await text(a11y.page, 'h1'), 'Tilgængelighedserklæring');
    // Reached from the footer of any page.
    await a11y.page.getByRole('contentinfo').getByRole('link', { name: 'Privatlivspolitik' }).click();
    await a11y.page.waitForURL('**/privatliv');
    assert.equal(await text(a11y.page, 'h1'), 'Privatlivspolitik');
    a11y.expectNoProblems();
  });

  test('a page that does not exist is a Danish 404 page in the normal frame', async () => {
    const { page } = await visit('/priser/findes-ikke', { status: 404 });
    assert.equal(await text(page, 'h1'), 'Siden findes ikke');
    assert.match(await page.title(), /^Siden findes ikke – Prisportal$/);
    assert.equal(await page.getByRole('link', { name: 'Gå til forsiden' }).getAttribute('href'), '/');
  });

  test('English from the footer’s language switcher returns to the same page, in English', async () => {
    const english = await context();
    const watched = await visit('/priser/initiativprisen', { ctx: english });
    const { page } = watched;
    const switcher = page.getByRole('navigation', { name: 'Vælg sprog' });
    assert.equal(await switcher.getByRole('link', { name: 'Dansk' }).getAttribute('aria-current'), 'true');
    const [redirect] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/sprog/en'),
      switcher.getByRole('link', { name: 'English' }).click(),
    ]);
    assert.equal(redirect.status(), 303);
    assert.equal(redirect.headers().location, '/priser/initiativprisen');
    await page.waitForURL((url) => url.pathname === '/priser/initiativprisen');
    await page.waitForLoadState('load');

    assert.equal(new URL(page.url()).pathname, '/priser/initiativprisen', 'back on the page the switch was made from');
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await text(page, 'h1'), 'Initiativprisen');
    assert.match(await page.title(), /– Prisportal$/);
    const main = await text(page, 'main');
    assert.ok(main.includes('Earlier years'), 'English headings');
    assert.ok(main.includes('Established 2015'), 'English texts');
    assert.equal(await text(page, '.skipnav'), 'Skip to main content');
    assert.equal(await page.locator('nav[aria-label="Breadcrumb"] a').first().innerText(), 'Home');
    const enSwitcher = page.getByRole('navigation', { name: 'Choose language' });
    assert.equal(await enSwitcher.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');
    assert.equal(await enSwitcher.getByRole('link', { name: 'Dansk' }).getAttribute('aria-current'), null);
    await expectAccessible(page, '/priser/initiativprisen (English)');
    watched.expectNoProblems();

    // The choice is remembered for the next page.
    const next = await visit('/priser/aarets-borgerinddragende-initiativ/2021', { ctx: english });
    assert.equal(await htmlLang(next.page), 'en');
    assert.ok((await text(next.page, 'main')).includes('Nomination deadline'));
  });

  test('the award page works with JavaScript disabled and shows the timeline', async () => {
    const noJs = await context({ javaScriptEnabled: false });
    const watched = await openPage(noJs);
    const { page } = watched;
    const res = await page.goto('/priser/aarets-borgerinddragende-initiativ/2021');
    assert.equal(res?.status(), 200);
    assert.equal(await page.evaluate(() => typeof (window as unknown as { DKFDS?: unknown }).DKFDS), 'undefined', 'no page script ran');
    assert.equal(await text(page, 'h1'), 'Årets Borgerinddragende Initiativ 2021');
    const timeline = page.locator('dl.timeline-list');
    assert.ok(await timeline.isVisible(), 'the timeline is shown');
    const terms = await timeline.locator('dt').allInnerTexts();
    assert.deepEqual(terms.slice(0, 2), ['Åbner for indstillinger', 'Frist for indstillinger']);
    assert.ok((await timeline.innerText()).includes('18. december 2020 kl. 12.00'));
    assert.match(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily), /IBM Plex Sans/, 'styled without JS');
    watched.expectNoProblems();
    await expectAccessibleWithoutScripts(page, browser);
  });

  for (const [size, options] of [
    ['desktop (1280×800)', { viewport: { width: 1280, height: 800 } }],
    ['phone (375×740)', { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ] as const) {
    test(`public states at ${size}: the winner in a success alert, a round without a winner says so, the front page names the winner`, async () => {
      const ctx = await context(options);
      const won = (await visit('/priser/statusprisen', { ctx })).page;
      const status = won.locator('.alert-success.edition-status');
      assert.ok(await status.isVisible(), 'the winner is a DKFDS success alert');
      assert.equal(await status.locator('.alert-heading').innerText(), 'Vinderen er offentliggjort');
      assert.match(await status.innerText(), /Vindende løsning/);
      assert.equal(await won.locator('.alert-warning').count(), 0, 'no warning');
      assert.equal((await text(won, 'main')).split('Vinderen er offentliggjort').length - 1, 1, '"Vinderen er offentliggjort" once');

      const demo = (await visit('/priser/initiativprisen/2025', { ctx })).page;
      assert.match(await demo.locator('.alert-success.edition-status').innerText(), /Hjem med hjertet/);

      const past = (await visit('/priser/fortidsprisen/2026', { ctx })).page;
      assert.equal(await text(past, '.edition-status .alert-heading'), 'Vinderen er ikke offentliggjort endnu');
      assert.ok(!(await text(past, 'main')).includes('Vinderen er offentliggjort'));

      const front = (await visit('/', { ctx })).page;
      const card = await front.locator('li', { has: front.locator('a', { hasText: /^Statusprisen$/ }) }).innerText();
      assert.match(card, /Vinder 2026: Vindende løsning/);
      assert.doesNotMatch(card, /2026: Vinderen er offentliggjort/);
      for (const page of [won, demo, past, front]) {
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(widths.scroll <= widths.client, `scrolls sideways at ${size}: ${widths.scroll} > ${widths.client}`);
      }
    });
  }

  test('phone-sized screen (375×740): front page and award page', async () => {
    const phone = await context({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    for (const path of ['/', '/priser/aarets-borgerinddragende-initiativ/2021']) {
      const { page } = await visit(path, { ctx: phone });
      // WCAG 1.4.10 Reflow: no sideways scrolling of the page at 320–375 CSS px.
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `${path} scrolls sideways on a phone: ${widths.scroll} > ${widths.client}`);
      assert.ok(await page.locator('h1').isVisible());
    }
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
