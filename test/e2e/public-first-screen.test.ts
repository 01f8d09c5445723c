/**
 * Issue 16, the public and the nominator, in a real Chromium at a phone (390 × 844) and a
 * desktop (1280 × 800) size: what the first screen shows is measured, every page passes axe,
 * and the pages work without JavaScript.
 *
 * - An award page with an open round has "Indstil nu" as a primary button in the first screen;
 *   one with no round open says when the next opens (here: not announced) in the first screen,
 *   and every award page has a prize section.
 * - The idea bank's first hit is in the first screen (its filters behind "Filtrér"); sorting
 *   applies on change with JavaScript and by the "Sortér" button without.
 * - The organisation's name, mark and colour are in the header of its pages.
 * - The nominee's page, the privacy policy and the accessibility statement.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage, expectAccessibleWithoutScripts, launchBrowser, newContext, openPage, serveTestApp, visitPage } from '../harness/browser.js';
import { seedDemoJudgedRound } from '../../src/db/seed/demo-round.js';

// The demo's Årets Borgerinddragende Initiativ is open at this instant; Initiativprisen's last round (2025, demo) is finished.
const NOW = '2026-11-24T12:00:00Z';

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

/** Where an element is on the page (CSS pixels from the top of the document) and whether it ends within the first screen. */
async function position(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top + window.scrollY), bottom: Math.round(r.bottom + window.scrollY), screen: window.innerHeight };
    });
}

describe('issue 16: first screens, brand, nominee, privacy and accessibility pages', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    await seedDemoJudgedRound(server.database.db, new Date(NOW));
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function context(viewport: { width: number; height: number }, javaScriptEnabled = true) {
    const c = await newContext(browser, server.baseUrl, { viewport, javaScriptEnabled });
    contexts.push(c);
    return c;
  }

  for (const size of SIZES) {
    test(`${size.name}: an open round's award page has "Indstil nu" as a primary button in the first screen, in the organisation's look`, async () => {
      const { page } = await visitPage(await context(size.viewport), '/priser/aarets-borgerinddragende-initiativ');
      const button = page.locator('#nominate-now');
      assert.equal(await button.textContent(), 'Indstil nu');
      assert.match((await button.getAttribute('class')) ?? '', /\bbutton-primary\b/);
      const at = await position(page, '#nominate-now');
      console.log(`  ${size.name}: "Indstil nu" at ${at.top}–${at.bottom} px of a ${at.screen} px screen`);
      assert.ok(at.bottom <= at.screen, `"Indstil nu" ends at ${at.bottom} px, below the first screen (${at.screen} px)`);
      // The organisation in the header: its name and drawn mark, its colour on the primary button (theme stylesheet).
      assert.equal((await page.locator('.portal-authority span').textContent())?.trim(), 'Danske Regioner');
      const mark = await page.locator('.portal-mark').evaluate((img: HTMLImageElement) => ({ loaded: img.complete && img.naturalWidth > 0, alt: img.alt }));
      assert.deepEqual(mark, { loaded: true, alt: '' });
      assert.equal(await button.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(107, 36, 80)');
      // The prize: amount, purpose, not paid in cash.
      const prize = await page.locator('#prize-section').innerText();
      for (const expected of ['10.000 kr.', 'fysiske rammer', 'udbetales ikke kontant']) assert.ok(prize.includes(expected), `prize section: ${expected}`);
    });

    test(`${size.name}: an award page with no round open says when the next opens in the first screen, and links its winner`, async () => {
      const { page } = await visitPage(await context(size.viewport), '/priser/initiativprisen');
      assert.equal(await page.locator('#nominate-now').count(), 0);
      const at = await position(page, '#next-round-section');
      console.log(`  ${size.name}: "Næste runde" at ${at.top}–${at.bottom} px of a ${at.screen} px screen`);
      assert.ok(at.bottom <= at.screen, `"Næste runde" ends at ${at.bottom} px, below the first screen (${at.screen} px)`);
      assert.match(await page.locator('#next-round-section').innerText(), /ikke offentliggjort endnu/);
      assert.match(await page.locator('#prize-section').innerText(), /Arrangøren har ikke oplyst, hvad vinderen får/);
      assert.match((await page.locator('#winner a').first().getAttribute('href')) ?? '', /^\/nominerede\/\d+$/);
    });

    test(`${size.name}: the idea bank's first hit is in the first screen`, async () => {
      const { page } = await visitPage(await context(size.viewport), '/idebank');
      const at = await position(page, '.ideabank-hit');
      console.log(`  ${size.name}: first hit at ${at.top} px of a ${at.screen} px screen`);
      assert.ok(at.top < at.screen, `the first hit starts at ${at.top} px, below the first screen (${at.screen} px)`);
      // Filters behind "Filtrér": closed on a phone, open beside the hits on a wide screen.
      assert.equal(await page.locator('#ideabank-filters').evaluate((d: HTMLDetailsElement) => d.open), size.name === 'desktop');
    });

    test(`${size.name}, no JavaScript: the idea bank's first hit is in the first screen, and "Sortér" sorts`, async () => {
      const watched = await openPage(await context(size.viewport, false));
      const { page } = watched;
      await page.goto('/idebank');
      const at = await position(page, '.ideabank-hit');
      assert.ok(at.top < at.screen, `without JavaScript the first hit starts at ${at.top} px, below the first screen (${at.screen} px)`);
      assert.equal(await page.locator('#ideabank-filters').evaluate((d: HTMLDetailsElement) => d.open), false);
      await page.getByLabel('Sortér efter').selectOption('nyeste');
      await page.getByRole('button', { name: 'Sortér', exact: true }).click();
      await page.waitForURL(/sortering=nyeste/);
      await expectAccessibleWithoutScripts(page, browser);
      watched.expectNoProblems();
    });

    test(`${size.name}: the nominee's page, the privacy policy and the accessibility statement pass axe, also without JavaScript`, async () => {
      const ctx = await context(size.viewport);
      const award = await visitPage(ctx, '/priser/initiativprisen');
      const href = (await award.page.locator('#winner a').first().getAttribute('href'))!;
      const nominee = await visitPage(ctx, href);
      assert.match(await nominee.page.locator('h1').innerText(), /Hjem med hjertet/);
      assert.match(await nominee.page.locator('main').innerText(), /Vinder af Initiativprisen 2025/);
      assert.match((await nominee.page.locator('#nominee-solution').getAttribute('href')) ?? '', /^\/idebank\/loesninger\/\d+$/);
      // The winner's solution is in the idea bank.
      await nominee.page.locator('#nominee-solution').click();
      await checkPage(nominee, 'the winner in the idea bank');
      assert.match(await nominee.page.locator('h1').innerText(), /Hjem med hjertet/);

      const policy = await visitPage(ctx, '/privatliv/region-midtjylland');
      const text = await policy.page.locator('main').innerText();
      for (const expected of [
        'Dataansvarlig',
        'Databeskyttelsesrådgiver',
        'artikel 6, stk. 1, litra e',
        'artikel 9',
        '5 år',
        'Datatilsynet',
        'Dine rettigheder',
      ]) {
        assert.ok(text.includes(expected), `privacy policy: ${expected}`);
      }
      const statement = await visitPage(ctx, '/tilgaengelighed');
      const a11y = await statement.page.locator('main').innerText();
      for (const expected of [
        'Overholdelsesstatus',
        'Ikke-tilgængeligt indhold',
        'Udarbejdelse af denne tilgængelighedserklæring',
        'Feedback og kontaktoplysninger',
        'Håndhævelsesprocedure',
        'Digitaliseringsstyrelsen',
      ]) {
        assert.ok(a11y.includes(expected), `accessibility statement: ${expected}`);
      }
      const archive = await visitPage(ctx, '/arkiv');
      assert.ok((await archive.page.locator('.archive-table a[href^="/nominerede/"]').count()) >= 1, 'the archive links nominees');

      const noJs = await context(size.viewport, false);
      for (const path of [href, '/privatliv/region-midtjylland', '/priser/aarets-borgerinddragende-initiativ', '/priser/initiativprisen']) {
        const watched = await openPage(noJs);
        await watched.page.goto(path);
        await expectAccessibleWithoutScripts(watched.page, browser);
        watched.expectNoProblems();
      }
    });
  }

  test('with JavaScript, changing "Sortér efter" sorts at once; the button is hidden', async () => {
    const watched = await openPage(await context(SIZES[1].viewport));
    const { page } = watched;
    await page.goto('/idebank');
    assert.equal(await page.getByRole('button', { name: 'Sortér', exact: true }).count(), 0);
    await page.getByLabel('Sortér efter').selectOption('nyeste');
    await page.waitForURL(/sortering=nyeste/);
    await checkPage(watched, '/idebank?sortering=nyeste');
  });
});
