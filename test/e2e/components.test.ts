/**
 * The DKFDS kit's component page (/komponenter) in a real Chromium: every component in each of
 * its states passes axe (WCAG 2.0/2.1 A and AA) at desktop (1280 px) and phone (375 px) width,
 * with and without JavaScript, and the markup fixes of issue 12 hold: breadcrumbs are DKFDS's
 * horizontal trail with chevrons, alerts and back links show their icons, no alert repeats its
 * heading as its text, steps not reached are not links, and phones get the compact step indicator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expectAccessibleWithoutScripts, launchBrowser, newContext, openPage, serveTestApp, visitPage } from '../harness/browser.js';

const NOW = '2026-11-24T12:00:00Z';
const DESKTOP = { viewport: { width: 1280, height: 900 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;

describe('the component page of the DKFDS kit in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function context(options: BrowserContextOptions): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  }

  const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

  test('desktop (1280 px): 0 axe violations, and the fixed markup', async () => {
    const { page } = await visitPage(await context(DESKTOP), '/komponenter');

    // Breadcrumbs: nav.breadcrumbs > ol.breadcrumbs__list, chevrons between items, one row.
    const trail = page.locator('nav.breadcrumbs').first();
    assert.equal(await trail.locator('> ol.breadcrumbs__list > li.breadcrumbs__list-item').count(), 3);
    assert.equal(await page.locator('ol.breadcrumbs').count(), 0, 'the class sits on the nav, not the ol');
    assert.equal(await trail.locator('li').nth(0).locator('svg').count(), 0, 'no chevron before the first item');
    for (const i of [1, 2]) {
      assert.equal(await trail.locator('li').nth(i).locator('svg.icon-svg use').getAttribute('href'), '#chevron-right');
    }
    assert.equal(await trail.locator('li[aria-current="page"]').innerText(), 'Komponenter');
    const tops = await trail.locator('li').evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the trail is one horizontal row, not a vertical list (tops ${tops.join(', ')})`);
    assert.equal(await trail.locator('ol').evaluate((ol) => getComputedStyle(ol).listStyleType), 'none', 'no numbers');

    // Alerts: every alert (and the error summary) shows its variant's icon, drawn from the sprite.
    const alerts = page.locator('.alert');
    const n = await alerts.count();
    assert.ok(n >= 13, `the page shows every alert state (${n})`);
    for (let i = 0; i < n; i++) {
      const alert = alerts.nth(i);
      const variant = (await alert.getAttribute('class'))?.match(/alert-(info|success|warning|error)/)?.[1];
      assert.ok(variant, 'a DKFDS variant');
      const icon = alert.locator('> svg.alert-icon');
      assert.equal(await icon.locator('use').getAttribute('href'), `#${variant}`);
      assert.ok(await icon.getAttribute('aria-label'), 'the icon is named');
      const box = await icon.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, 'the icon is drawn (no empty gap)');
      assert.equal(await page.locator(`symbol#${variant}`).count(), 1, `the sprite holds #${variant}`);
      // No alert repeats its heading as its text.
      const heading = (await alert.locator('.alert-heading').allInnerTexts()).join('').trim();
      const text = (await alert.locator('.alert-text').allInnerTexts()).join('').trim();
      assert.ok(heading || text, 'an alert says something');
      assert.notEqual(heading, text, `alert ${i} repeats "${heading}"`);
    }
    // An alert with only a heading renders only the heading; one with only text only the text.
    const headingOnly = page.locator('.alert', { has: page.locator('.alert-heading', { hasText: /^Afsluttet$/ }) });
    assert.equal(await headingOnly.count(), 4);
    assert.equal(await headingOnly.locator('.alert-text').count(), 0);
    const textOnly = page.locator('.alert', { has: page.locator('.alert-text', { hasText: /^Din kladde er gemt\.$/ }) });
    assert.equal(await textOnly.count(), 4);
    assert.equal(await textOnly.locator('.alert-heading').count(), 0);

    // Back links show their chevron.
    const backLinks = page.locator('a.back-link');
    assert.equal(await backLinks.count(), 2);
    for (let i = 0; i < 2; i++) {
      const box = await backLinks.nth(i).locator('svg.icon-svg').boundingBox();
      assert.ok(box && box.width > 0, 'the back link icon is drawn');
      assert.equal(await backLinks.nth(i).locator('use').getAttribute('href'), '#chevron-left');
    }

    // Step indicator: desktop shows the list; steps not reached are disabled text, not links.
    assert.ok(await visible(page, 'nav.d-lg-block ol.step-indicator'), 'the full list on a desktop');
    assert.equal(await visible(page, '.step-indicator-button'), false, 'no compact button on a desktop');
    const middle = page.locator('nav[aria-label="Trin i indstillingen (tredje trin)"]').first();
    assert.deepEqual(await middle.locator('li').evaluateAll((items) => items.map((li) => `${li.className}:${li.querySelector('.step')?.tagName}`)), [
      ':A',
      ':A',
      'current:A',
      'disabled:DIV',
    ]);
    assert.equal(await page.locator('li.disabled a').count(), 0, 'a step not reached is no link');
    assert.equal(await middle.locator('li').nth(0).locator('svg').getAttribute('aria-label'), 'Trin 1 gennemført');
    assert.equal(await middle.locator('[aria-current="step"] .step-title').innerText(), 'Løsningen');

    // The error summary links to its fields and takes focus (DKFDS error-summary module).
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', undefined, { timeout: 5_000 });
    assert.equal(await page.locator('#error-summary h2').innerText(), 'Der er problemer');
    assert.equal(await page.locator('#navn-fejl-error .sr-only').innerText(), 'Fejl:');

    // The modal opens from its button and closes again.
    await page.getByRole('button', { name: 'Åbn modalvindue' }).click();
    await page.locator('#eksempel-modal').waitFor({ state: 'visible' });
    await page.locator('#eksempel-modal [data-modal-close]').first().click();
    await page.locator('#eksempel-modal').waitFor({ state: 'hidden' });
  });

  test('phone (375 px): 0 axe violations, and the compact step indicator', async () => {
    const watched = await visitPage(await context(PHONE), '/komponenter');
    const { page } = watched;
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
    assert.equal(await visible(page, 'nav.d-lg-block ol.step-indicator'), false, 'no full list on a phone');
    const button = page.locator('button.step-indicator-button[data-target="trin-midt-modal"]');
    assert.ok(await button.isVisible(), 'the compact button');
    assert.equal((await button.innerText()).replace(/\s+/g, ' ').trim(), 'Trin 3 af 4');
    assert.equal(await visible(page, '[data-step-indicator-fallback]'), false, 'the no-JS line gives way to the button');
    // The button opens the steps in DKFDS's step indicator modal.
    await button.click();
    await page.locator('#trin-midt-modal').waitFor({ state: 'visible' });
    assert.ok(await page.locator('#trin-midt-modal li.current').isVisible());
    assert.equal(await page.locator('#trin-midt-modal li.disabled a').count(), 0);
    await page.locator('#trin-midt-modal [data-modal-close]').click();
    await page.locator('#trin-midt-modal').waitFor({ state: 'hidden' });
    watched.expectNoProblems();
  });

  test('without JavaScript: the page works and passes axe; phones see "Trin 3 af 4" as text', async () => {
    for (const options of [DESKTOP, PHONE]) {
      const ctx = await context({ ...options, javaScriptEnabled: false });
      const watched = await openPage(ctx);
      const res = await watched.page.goto('/komponenter', { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
      await expectAccessibleWithoutScripts(watched.page, browser);
      const page = watched.page;
      assert.equal(await visible(page, '.step-indicator-button'), false, 'no button that could not open');
      if (options === PHONE) {
        const fallback = page.locator('[data-step-indicator-fallback]').nth(1);
        assert.ok(await fallback.isVisible());
        assert.equal(await fallback.innerText(), 'Trin 3 af 4');
      }
      watched.expectNoProblems();
    }
  });

  test('in English the kit speaks English', async () => {
    const ctx = await context(DESKTOP);
    await ctx.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
    const { page } = await visitPage(ctx, '/komponenter');
    assert.equal(await page.locator('#error-summary h2').innerText(), 'There is a problem');
    assert.equal(await page.locator('#navn-fejl-error .sr-only').innerText(), 'Error:');
    assert.equal(await page.locator('.alert-info svg.alert-icon').first().getAttribute('aria-label'), 'Information');
    assert.equal(await page.locator('label[for="navn-valgfri"] .weight-normal').innerText(), ' (optional)');
  });
});
