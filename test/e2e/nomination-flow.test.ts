/**
 * The nomination flow in a real Chromium, as a nominator on a phone would use it: every page
 * visited is checked with axe-core (WCAG 2.1 A/AA) and must show no CSP violation or console
 * error. With JavaScript: live word counters and autosave. Without: the same flow works.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { nominations, outboxMessages } from '../../src/db/schema.js';
import { expectAccessible, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage } from '../harness/browser.js';

const NOW = '2026-11-24T12:00:00Z';

describe('the nomination flow in Chromium', () => {
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

  async function context(options: Parameters<typeof newContext>[2] = {}) {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  }

  /** Checks the page the browser is on now: accessible, no problems. */
  async function checkPage(w: WatchedPage, label: string, allowStatus?: number) {
    await expectAccessible(w.page, label);
    w.expectNoProblems(allowStatus ? new RegExp(`status of ${allowStatus}`) : undefined);
    // What was checked is done with; the next page starts clean.
    for (const list of Object.values(w.problems)) list.length = 0;
  }

  const fillAboutYou = async (page: Page) => {
    await page.getByLabel('Dit navn').fill('Lise Jensen');
    await page.getByLabel('Din e-mail').fill('lise@eksempel.dk');
    await page.getByLabel('Medarbejder').check();
    await page.getByLabel('Din arbejdsplads').fill('Akutafdelingen, AUH');
  };

  test('from the award page to a receipt, on a phone, with JavaScript', async () => {
    const ctx = await context({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const w = await openPage(ctx);
    const { page } = w;
    await page.goto('/priser/aarets-borgerinddragende-initiativ');
    await page.getByRole('link', { name: 'Indstil nu' }).click();
    await page.waitForURL(/\/indstil$/);
    await checkPage(w, 'start page');
    await page.getByRole('link', { name: 'Start indstilling' }).click();
    await page.waitForURL(/\/indstil\/om-dig$/);
    await checkPage(w, 'step 1');

    // Sending an empty step: the error summary above the h1 gets focus and links to the fields.
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForSelector('#error-summary');
    assert.match(await page.title(), /^Fejl: /);
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    await checkPage(w, 'step 1 with errors', 400);
    await page.locator('#error-summary a[href="#nominatorName"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'nominatorName');

    await fillAboutYou(page);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/kandidat$/);
    await checkPage(w, 'step 2');
    await page.getByLabel('Et team').check();
    await page.getByLabel('Navn på personen, teamet eller arbejdspladsen').fill('Team Hjemmedialyse');
    await page.getByLabel('Afdeling eller enhed').fill('Nyremedicinsk afdeling');
    await page.getByLabel('Hospital eller organisation').fill('Aarhus Universitetshospital');
    await page.getByLabel('E-mail til en kontaktperson').fill('team@eksempel.dk');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/loesning$/);
    await checkPage(w, 'step 3');

    await page.getByLabel('Løsningens titel').fill('Video-konsultationer i hjemmedialyse');
    // The live counter uses the same word count as the server.
    await page.getByLabel('Kort resumé').fill('Patienter taler med sygeplejersken over video – 10.000 gange om året.');
    await page.waitForFunction(() => document.getElementById('summary-count')?.textContent?.startsWith('Du har skrevet 10 af 60 ord'));
    await page.locator('input[name="criterionIds"]').first().check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/beskrivelse$/);
    await checkPage(w, 'step 4');

    const areas = page.locator('textarea[data-word-limit]');
    const n = await areas.count();
    assert.ok(n >= 4);
    const first = areas.first();
    const limit = Number(await first.getAttribute('data-word-limit'));
    await first.fill(Array.from({ length: limit + 3 }, (_, i) => `ord${i}`).join(' '));
    const counterId = `${await first.getAttribute('id')}-count`;
    await page.waitForFunction((id) => document.getElementById(id)?.textContent?.includes('3 for mange'), counterId);
    assert.equal(await page.locator(`#${counterId}`).getAttribute('aria-live'), 'polite');
    await checkPage(w, 'step 4 over the limit');
    for (let i = 0; i < n; i++) await areas.nth(i).fill(`Borgerne var med fra start. Afsnit ${i + 1}.`);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/tjek$/);
    await checkPage(w, 'check page');
    assert.ok((await page.locator('main').innerText()).includes('Video-konsultationer i hjemmedialyse'));
    assert.ok((await page.getByRole('link', { name: /Redigér/ }).count()) >= 4);

    await page.getByRole('button', { name: 'Send indstilling' }).click();
    await page.waitForURL(/\/kvittering$/);
    await checkPage(w, 'receipt');
    const receipt = await page.locator('.receipt-number').innerText();
    assert.match(receipt, /^ABI-\d{4}-\d{4}$/);
    assert.ok((await page.locator('main').innerText()).includes('Hvad sker der nu?'));

    await page.getByRole('link', { name: 'Træk indstillingen tilbage' }).click();
    await page.waitForURL(/\/traek-tilbage$/);
    await checkPage(w, 'withdraw page');

    // The nominee's consent page, from the link in their e-mail.
    const notice = (await server.database.db.select().from(outboxMessages).orderBy(outboxMessages.id)).filter((m) => m.kind === 'nominee-notice').at(-1)!;
    const consentPath = /(\/samtykke\/[A-Za-z0-9_-]+)/.exec(notice.textBody)![1]!;
    const nominee = await openPage(await context());
    await nominee.page.goto(consentPath);
    await checkPage(nominee, 'consent page');
    await nominee.page.getByLabel('Ja, I må gerne offentliggøre os').check();
    await nominee.page.getByRole('button', { name: 'Send svar' }).click();
    await nominee.page.waitForSelector('text=Vi har gemt jeres svar');
    await checkPage(nominee, 'consent saved');
  });

  test('autosave keeps what is typed without pressing a button', async () => {
    const ctx = await context();
    const w = await openPage(ctx);
    const { page } = w;
    const year = /(\d{4})/.exec((await (await fetch(`${server.baseUrl}/api/v1/awards`)).text()).match(/"year":(\d{4}),"theme":"Sundhed/)?.[1] ?? '')?.[1];
    await page.goto(`/priser/aarets-borgerinddragende-initiativ/${year}/indstil/om-dig`);
    await fillAboutYou(page);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/kandidat$/);
    const id = Number(/\/indstillinger\/(\d+)\//.exec(page.url())![1]);
    await page.getByLabel('Navn på personen, teamet eller arbejdspladsen').fill('Autogemt team');
    await page.waitForSelector('.autosave-status:has-text("Gemt automatisk")', { timeout: 8_000 });
    const [row] = await server.database.db.select().from(nominations).where(eq(nominations.id, id));
    assert.equal(row!.nomineeNames, 'Autogemt team');
    await checkPage(w, 'step 2 after autosave');
  });

  test('without JavaScript the flow works the same', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const w = await openPage(ctx);
    const { page } = w;
    await page.goto('/priser/aarets-borgerinddragende-initiativ');
    await page.getByRole('link', { name: 'Indstil nu' }).click();
    await page.getByRole('link', { name: 'Start indstilling' }).click();
    await fillAboutYou(page);
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.waitForSelector('text=Kladden er gemt');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/kandidat$/);
    assert.equal(await page.locator('h1').innerText(), 'Hvem indstiller du');
    w.expectNoProblems();
  });
});
