/**
 * The import of earlier years in a real Chromium, at desktop and phone width: from the award's
 * admin page to the import page, the sample file downloaded and uploaded, the preview (the dry
 * run), the apply, and the imported round in the archive and on the award page; a file with bad
 * rows shows each row's errors; and the same flow without JavaScript. axe-core finds no WCAG 2.1
 * A or AA violation on any page, and nothing goes wrong in the browser.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { awards, organisations } from '../../src/db/schema.js';
import { createUser } from '../harness/accounts.js';
import { checkPage, launchBrowser, newContext, openPage, signInContext, visitPage } from '../harness/browser.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const DESKTOP = { viewport: { width: 1280, height: 900 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;
/** The preview of a file with bad rows, and a refused apply, answer 4xx on purpose. */
const EXPECTED_4XX = /the server responded with a status of 4\d\d/;

describe('import of earlier years in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let adminId: number;
  const awardIds: Record<string, number> = {};

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW)]);
    const rm = (await server.db.select().from(organisations)).find((o) => o.slug === 'region-midtjylland')!.id;
    adminId = (await createUser(server.db, { email: 'import.e2e@example.dk', name: 'Ida Import', adminOf: [rm] })).id;
    for (const a of await server.db.select().from(awards)) awardIds[a.slug] = a.id;
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function signedIn(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return signInContext(c, server.db, adminId, server.clock.now(), server.baseUrl);
  }

  // Each size imports the sample into its own prize, so both see a dry run with something to do.
  for (const [size, options, slug, sample, name] of [
    ['desktop', DESKTOP, 'initiativprisen', '/admin/import/eksempel.xlsx', 'eksempel.xlsx'],
    ['phone', PHONE, 'smartprisen', '/admin/import/eksempel-runder.csv', 'eksempel-runder.csv'],
  ] as const) {
    test(`upload the sample, preview, apply and see the archive at ${size} width`, async () => {
      const ctx = await signedIn(options);
      const setup = await visitPage(ctx, `/admin/priser/${awardIds[slug]}`);
      const { page } = setup;
      await Promise.all([page.waitForURL(/\/import$/), page.getByRole('link', { name: 'Importér tidligere år fra Excel eller CSV' }).click()]);
      await checkPage(setup, `import page (${size})`);
      assert.match(await page.locator('h1').innerText(), /^Importér tidligere år: /);
      // The page never scrolls sideways; the tables of columns scroll in their own container.
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `page width ${widths[0]} within the window ${widths[1]}`);

      const file = await page.request.get(sample);
      assert.equal(file.status(), 200);
      await page.getByLabel('Fil med tidligere år (XLSX eller CSV)').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: await file.body() });
      await Promise.all([page.waitForURL(/\/import\/\d+$/), page.getByRole('button', { name: 'Læs filen' }).click()]);
      await checkPage(setup, `preview (${size})`);
      assert.equal(await page.locator('.alert-heading', { hasText: 'Prøvekørsel: intet er gemt endnu' }).count(), 1);
      assert.ok((await page.locator('main').innerText()).includes('Team Aftenro (fiktiv)'));

      await Promise.all([page.waitForURL(/\/import\/\d+$/), page.getByRole('button', { name: 'Importér', exact: true }).click()]);
      await checkPage(setup, `applied (${size})`);
      assert.equal(await page.locator('.alert-heading', { hasText: 'Importen er gemt' }).count(), 1);

      await Promise.all([page.waitForURL(/\/arkiv$/), page.getByRole('link', { name: 'Se arkivet' }).click()]);
      await checkPage(setup, `archive (${size})`);
      assert.ok((await page.locator('main').innerText()).includes('Team Aftenro (fiktiv)'));
      const year = await visitPage(ctx, `/priser/${slug}/2022`);
      const main = await year.page.locator('main').innerText();
      assert.ok(main.includes('Team Aftenro (fiktiv)'), 'the winner on the award page');
      assert.ok(!main.includes('Tidsplan'), 'no made-up timeline');
    });
  }

  test('a file with bad rows: each row with its errors, linked from the error summary, and no apply button', async () => {
    const ctx = await signedIn(PHONE);
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto(`/admin/priser/${awardIds.initiativprisen}/import`);
    const csv = 'År;Tema;Nomineret;Vinder\r\n2019;Tema;Team Ok;ja\r\n2019;;Team To;ja\r\ntyve;;<i>Kursiv</i>;\r\n';
    await page.getByLabel('Fil med tidligere år (XLSX eller CSV)').setInputFiles({ name: 'fejl.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/import\/\d+$/), page.getByRole('button', { name: 'Læs filen' }).click()]);
    await checkPage(watched, 'preview with errors', EXPECTED_4XX);
    assert.match(await page.title(), /^Fejl: /);
    assert.equal(await page.locator('#error-summary a').count(), 2);
    assert.equal(await page.getByRole('button', { name: 'Importér', exact: true }).count(), 0);
    await page.locator('#error-summary a').first().click();
    assert.match(await page.evaluate(() => document.activeElement?.id ?? ''), /^raekke-csv-3$/);
  });

  test('without JavaScript: choose a file, read it, import it', async () => {
    const ctx = await signedIn({ ...DESKTOP, javaScriptEnabled: false });
    const page = await ctx.newPage();
    assert.equal((await page.goto(`/admin/priser/${awardIds['aarets-borgerinddragende-initiativ']}/import`, { waitUntil: 'load' }))?.status(), 403);
    assert.equal((await page.goto(`/admin/priser/${awardIds.initiativprisen}/import`, { waitUntil: 'load' }))?.status(), 200);
    const csv = 'År;Tema;Nomineret;Vinder\r\n2020;Uden JavaScript (fiktiv);Team Uden Skript (fiktiv);ja\r\n';
    await page.getByLabel('Fil med tidligere år (XLSX eller CSV)').setInputFiles({ name: 'nojs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Læs filen' }).click()]);
    assert.match(page.url(), /\/import\/\d+$/);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Importér', exact: true }).click()]);
    assert.ok((await page.locator('main').innerText()).includes('Importen er gemt'));
    assert.equal((await page.goto('/priser/initiativprisen/2020', { waitUntil: 'load' }))?.status(), 200);
    assert.ok((await page.locator('main').innerText()).includes('Team Uden Skript (fiktiv)'));
  });
});
