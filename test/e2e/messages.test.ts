/**
 * A round's e-mail templates in a real Chromium, at desktop and phone width: the list, a
 * template with its example for a real recipient, a refused save (an unknown placeholder, the
 * error summary focused and the text kept), a save, the confidential notice's time, and a reset.
 * axe-core finds no WCAG 2.0/2.1 A or AA violation on any of them; nothing goes wrong in the
 * browser; the page does not widen on a phone. Without JavaScript the forms work the same.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { awards, editions, organisations } from '../../src/db/schema.js';
import { messageTemplates } from '../../src/messages/messages.schema.js';
import { createUser } from '../harness/accounts.js';
import { checkPage, launchBrowser, newContext, openPage, signInContext, visitPage } from '../harness/browser.js';
import { buildNomination } from '../harness/factories.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const DESKTOP = { viewport: { width: 1280, height: 900 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;
/** The refused save answers 400 on purpose: Chromium logs the document's status. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of 400 \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/admin[/?)]/;

describe('e-mail templates in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let adminId: number;
  let edition: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW)]);
    const db = server.db;
    const rm = (await db.select().from(organisations)).find((o) => o.slug === 'region-midtjylland')!.id;
    adminId = (await createUser(db, { email: 'beskeder.e2e@example.dk', name: 'Bente Admin', adminOf: [rm] })).id;
    const [row] = await db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)))
      .orderBy(desc(editions.year))
      .limit(1);
    edition = row!.id;
    await buildNomination(db, { editionId: edition, title: 'Hurtigere svar på blodprøver', nominatorName: 'Hanne Hansen', receiptNumber: 'IP-2024-0042' });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function signedIn(options: BrowserContextOptions, javaScript = true): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, { ...options, javaScriptEnabled: javaScript });
    contexts.push(c);
    return signInContext(c, server.db, adminId, server.clock.now(), server.baseUrl);
  }

  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).click()]);
    return res?.status() ?? 0;
  }

  const fitsWidth = async (page: Page) => {
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll! <= inner!, `page width ${scroll} within the window ${inner}`);
  };

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`the list, a template, a refused save, a save, the confidential notice and a reset pass axe at ${size} width`, async () => {
      const ctx = await signedIn(options);
      await server.db.delete(messageTemplates); // each size starts from the defaults
      const list = await visitPage(ctx, `/admin/udgaver/${edition}/e-mails`);
      assert.equal(await list.page.locator('h1').innerText(), 'E-mails i Initiativprisen 2024');
      await fitsWidth(list.page);

      const watched = await visitPage(ctx, `/admin/udgaver/${edition}/e-mails/receipt/da`);
      const { page } = watched;
      assert.match(await page.locator('#preview').innerText(), /Kære Hanne Hansen[\s\S]*Kvitteringsnummer: IP-2024-0042/);
      await fitsWidth(page);

      // An unknown placeholder: refused, the summary focused, the text kept.
      await page.locator('#body').fill('Kære {{recipient}}\n\nSe {{nominee}}.');
      assert.equal(await submit(page, 'button[value="gem"]'), 400);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });
      await checkPage(watched, `${size}: refused save`, EXPECTED_DOCUMENT_STATUS);
      assert.match(await page.locator('.form-error-message').first().innerText(), /\{\{nominee\}\} i linje 3, tegn 4/);
      assert.equal(await page.locator('#body').inputValue(), 'Kære {{recipient}}\n\nSe {{nominee}}.');

      // A good text: the example first, then saved.
      await page.locator('#body').fill('Kære {{recipient}}\n\nTak for "{{title}}". Dit nummer er {{receipt}}.');
      assert.equal(await submit(page, 'button[value="vis"]'), 200);
      assert.match(await page.locator('#preview').innerText(), /Tak for "Hurtigere svar på blodprøver"\. Dit nummer er IP-2024-0042\./);
      assert.equal(await submit(page, 'button[value="gem"]'), 200);
      await checkPage(watched, `${size}: saved`, EXPECTED_DOCUMENT_STATUS);
      assert.match(await page.locator('.alert-success').innerText(), /Teksten er gemt/);

      // Reset to the default.
      assert.equal(await submit(page, 'form[action$="/nulstil"] button'), 200);
      await checkPage(watched, `${size}: reset`, EXPECTED_DOCUMENT_STATUS);
      assert.match(await page.locator('.alert-success').innerText(), /Standardteksten bruges nu/);
      assert.match(await page.locator('#preview').innerText(), /Tak for din indstilling til Initiativprisen 2024/);

      // The confidential notice has a time of the organiser's choosing.
      const secret = await visitPage(ctx, `/admin/udgaver/${edition}/e-mails/winner-confidential/da`);
      await fitsWidth(secret.page);
      await secret.page.locator('#sendAt-date').fill('2024-10-20');
      await secret.page.locator('#sendAt-time').fill('09:00');
      assert.equal(await submit(secret.page, 'form[action$="/fortrolig-tidspunkt"] button[value="gem"]'), 200);
      await checkPage(secret, `${size}: the notice's time`);
      assert.match(await secret.page.locator('#schedule-heading + p + p').innerText(), /Sendes 20\. oktober 2024 kl\. 09\.00\./);
      assert.equal(await submit(secret.page, 'form[action$="/fortrolig-tidspunkt"] button[value="ryd"]'), 200);
    });
  }

  test('without JavaScript a template is saved and reset the same way', async () => {
    const ctx = await signedIn(DESKTOP, false);
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto(`/admin/udgaver/${edition}/e-mails/voting-opens/en`, { waitUntil: 'load' });
    await page.locator('#subject').fill('Vote now: {{edition}}');
    assert.equal(await submit(page, 'button[value="gem"]'), 200);
    assert.match(await page.locator('#preview').innerText(), /Emne: Vote now: Initiativprisen 2024/);
    assert.equal(await submit(page, 'form[action$="/nulstil"] button'), 200);
    watched.expectNoProblems();
  });
});
