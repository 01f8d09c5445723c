/**
 * The idea bank in a real Chromium: search from the form, a facet, a solution with its spread
 * diagram and table, a misspelt word, the most-spread list, a refused search, "Vi har taget løsningen i brug"
 * with errors and then accepted, and a new solution whose similar solutions appear while
 * typing (public/ideabank.js). Every page is checked with axe-core (WCAG 2.0/2.1 A and AA)
 * and must load without console errors, CSP violations or failed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { organisations, solutions } from '../../src/db/schema.js';
import { expectAccessibleWithoutScripts, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage, checkPage } from '../harness/browser.js';
import { createUser, sessionFor } from '../harness/accounts.js';

const NOW = '2026-11-24T12:00:00Z';
/** Pages that answer 4xx on purpose (a refused search, a form with errors). */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of 400 \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/idebank[/?)]/;

describe('the idea bank in Chromium', () => {
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

  async function context(): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl);
    contexts.push(c);
    return c;
  }

  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  test('search, a facet, a solution with its spread diagram, and the most spread', async () => {
    const watched = await openPage(await context());
    const { page } = watched;
    await page.goto('/idebank');
    await check(watched, '/idebank');
    assert.equal(await page.locator('header a[href="/idebank"]').textContent(), 'Idébank');
    await page.getByLabel('Søg i idébanken').fill('klinik');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.waitForURL(/\/idebank\?q=klinik/);
    await check(watched, '/idebank?q=klinik');
    assert.equal(await page.locator('#results-heading').textContent(), '4 løsninger matcher "klinik"');
    assert.equal(await page.locator('.ideabank-hit h3').first().textContent(), 'Sygeplejerskeklinikken på Ærø');
    assert.equal(await page.locator('.ideabank-hit h3 mark').first().textContent(), 'klinik');

    await page.locator('.ideabank-facets a', { hasText: 'Spredt' }).click();
    await page.waitForURL(/status=spredt/);
    await check(watched, '/idebank?q=klinik&status=spredt');
    assert.equal(await page.locator('.ideabank-hit').count(), 2);

    await page.getByRole('link', { name: 'Sygeplejerskeklinikken på Ærø' }).click();
    await page.waitForURL(/\/idebank\/loesninger\/\d+$/);
    await check(watched, 'solution page');
    assert.equal(await page.locator('h1').textContent(), 'Sygeplejerskeklinikken på Ærø');
    const svg = page.getByRole('img', { name: 'Spredningsdiagram' });
    assert.equal(await svg.count(), 1);
    assert.equal(await page.locator('table caption').textContent(), 'Enheder, der har taget løsningen i brug');
    assert.equal(await page.locator('table tbody tr').count(), 3, 'the origin and two adoptions');

    // A misspelt word: the page says which resembling words its solutions hold instead.
    await page.goto('/idebank');
    await page.getByLabel('Søg i idébanken').fill('sygeplejerke');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.waitForURL(/\/idebank\?q=sygeplejerke/);
    await check(watched, '/idebank?q=sygeplejerke');
    assert.equal(await page.locator('#results-heading').textContent(), '3 løsninger med ord, der ligner "sygeplejerke"');
    assert.match(
      (await page.locator('.ideabank-resembling').textContent()) ?? '',
      /^Ingen løsninger indeholder "sygeplejerke"\. Viser i stedet løsninger med ord som: /,
    );

    await page.goto('/idebank/mest-spredte');
    await check(watched, '/idebank/mest-spredte');
    assert.equal(await page.locator('tbody tr').first().locator('th').textContent(), 'SMS-påmindelse med mulighed for at aflyse');
    await watched.page.close();
  });

  test('a refused search keeps the text and says how to fix it; without JavaScript too', async () => {
    const watched = await openPage(await context());
    const res = await watched.page.goto(`/idebank?q=${'sygeplejerske '.repeat(20)}&status=fantastisk`);
    assert.equal(res?.status(), 400);
    await check(watched, 'refused search');
    assert.match(await watched.page.title(), /^Fejl: Idébank/);
    assert.equal(await watched.page.evaluate(() => document.activeElement?.id), 'error-summary');
    assert.equal((await watched.page.getByLabel('Søg i idébanken').inputValue()).length, 'sygeplejerske '.repeat(20).trim().length);
    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: server.baseUrl, locale: 'da-DK' });
    contexts.push(noJs);
    const p = await noJs.newPage();
    await p.goto('/idebank?q=pårørende');
    await expectAccessibleWithoutScripts(p, browser);
  });

  test('"Vi har taget løsningen i brug" and a new solution with suggestions while typing', async () => {
    // Staff of Region Midtjylland (only staff write to the idea bank, in their own organisation's name).
    const [rm] = await server.database.db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
    const user = await createUser(server.database.db, { email: 'medarbejder@example.dk', name: 'Mette Medarbejder', adminOf: [rm!.id] });
    const ctx = await context();
    const s = await sessionFor(server.database.db, user.id, server.clock.now());
    await ctx.addCookies([{ name: s.name, value: s.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const [row] = await server.database.db.select({ id: solutions.id }).from(solutions).where(eq(solutions.title, 'Demensvenligt sengeafsnit'));
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto(`/idebank/loesninger/${row!.id}`);
    await check(watched, 'solution page, signed in');
    await page.getByLabel('Organisation').fill('Region Midtjylland');
    await page.getByRole('button', { name: 'Tilføj jeres enhed' }).click();
    await page.waitForLoadState('load');
    await check(watched, 'adoption with errors');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    assert.equal(await page.getByLabel('Organisation').inputValue(), 'Region Midtjylland');
    await page.getByLabel('Hospital og afdeling').fill('Aalborg Universitetshospital, Geriatri');
    await page.getByLabel('Hvornår tog I den i brug?').fill('01-10-2026');
    await page.getByRole('button', { name: 'Tilføj jeres enhed' }).click();
    await page.waitForURL(/tak=1/);
    await check(watched, 'adoption saved');
    assert.equal(await page.locator('table tbody tr').count(), 2);
    assert.equal(await page.getByRole('img', { name: 'Spredningsdiagram' }).count(), 1);

    await page.goto('/idebank/ny');
    await check(watched, '/idebank/ny');
    await page.getByLabel('Titel', { exact: true }).fill('Sygeplejerskeklinik');
    await page.getByLabel('Kort resumé', { exact: true }).fill('En klinik på øen for borgere med kroniske sygdomme');
    await page.locator('[data-similar-list] a', { hasText: 'Sygeplejerskeklinikken på Ærø' }).waitFor();
    assert.match((await page.locator('[data-similar-status]').textContent()) ?? '', /lignende løsning/);
    await check(watched, '/idebank/ny with suggestions');
    await page.getByLabel('Organisation', { exact: true }).fill('Region Midtjylland');
    await page.getByLabel('Afprøvet').check();
    await page.getByLabel('Hvilket år begyndte I?').fill('2025');
    await page.getByRole('button', { name: 'Gem løsningen' }).click();
    await page.waitForURL(/\/idebank\/loesninger\/\d+$/);
    await check(watched, 'new solution');
    assert.equal(await page.locator('h1').textContent(), 'Sygeplejerskeklinik');
    await page.getByRole('link', { name: 'Redigér løsningen' }).click();
    await page.waitForURL(/\/rediger$/);
    await check(watched, 'edit page with images');
    await page.getByLabel('Beskriv billedet').fill('Sygeplejerske og borger i klinikken');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await page.getByLabel('Billede', { exact: true }).setInputFiles({ name: 'klinik.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Tilføj billedet' }).click();
    await page.waitForURL(/billede=tilfoejet/);
    await check(watched, 'edit page after an image');
    assert.equal(await page.getByRole('img', { name: 'Sygeplejerske og borger i klinikken' }).count(), 1);
  });
});
