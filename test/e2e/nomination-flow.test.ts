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
import { samplePng } from '../../src/nominations/attachments/sample-files.js';
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

  /** The bottom of the step's first field, in CSS pixels from the top of the page (must be in the first screen). */
  const firstFieldBottom = async (page: Page) => {
    const box = await page.locator('#nomination-form .form-group').first().boundingBox();
    return box ? box.y + box.height : Number.POSITIVE_INFINITY;
  };

  test('from the award page to a receipt, on a phone, with JavaScript', async () => {
    const ctx = await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const w = await openPage(ctx);
    const { page } = w;
    await page.goto('/priser/aarets-borgerinddragende-initiativ');
    await page.getByRole('link', { name: 'Indstil nu' }).click();
    await page.waitForURL(/\/indstil$/);
    await checkPage(w, 'start page');
    await page.getByRole('link', { name: 'Start indstilling' }).click();
    await page.waitForURL(/\/indstil\/om-dig$/);
    await checkPage(w, 'step 1');
    // Phone first: the compact step indicator, so the first field is in the first screen (390 × 844).
    assert.ok((await firstFieldBottom(page)) < 844, `step 1's first field ends at ${await firstFieldBottom(page)} px`);

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
    assert.ok((await firstFieldBottom(page)) < 844, `step 2's first field ends at ${await firstFieldBottom(page)} px`);
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
    assert.ok((await firstFieldBottom(page)) < 844 * 1.5, 'the first description field starts near the top');
    // One privacy note for the step, not one under every field; the files come before the buttons.
    assert.equal(await page.getByText('Skriv ikke navne, CPR-numre eller helbredsoplysninger om patienter.').count(), 1);
    const order = await page.evaluate(() => {
      const attach = document.getElementById('attachments-heading');
      const next = document.querySelector('button[value="fortsaet"]');
      return attach && next ? attach.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    assert.ok(order, 'the attachments come before Fortsæt');
    // Full width on a phone.
    const widths = await page.evaluate(() => {
      const area = document.querySelector('textarea[data-word-limit]') as HTMLElement;
      return { area: area.getBoundingClientRect().width, form: (document.getElementById('nomination-form') as HTMLElement).getBoundingClientRect().width };
    });
    assert.ok(widths.area >= widths.form - 2, `the text area fills the form (${widths.area} of ${widths.form} px)`);

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
    // "Redigér" of a section's answer lands on its field.
    const sectionEdit = await page.locator('a.function-link[href*="/beskrivelse#section-"]').first().getAttribute('href');
    const fieldId = sectionEdit!.split('#')[1]!;
    await page.locator(`a.function-link[href="${sectionEdit}"]`).click();
    await page.waitForURL(/\/beskrivelse#section-\d+$/);
    assert.ok(await page.locator(`#${fieldId}`).isVisible());
    const top = (await page.locator(`#${fieldId}`).boundingBox())!.y;
    assert.ok(top >= 0 && top < 844, `the field is in view (${top} px)`);
    await page.goBack();
    await page.waitForURL(/\/tjek$/);

    await page.getByRole('button', { name: 'Send indstilling' }).click();
    await page.waitForURL(/\/kvittering$/);
    await checkPage(w, 'receipt');
    const receipt = await page.locator('.receipt-number').innerText();
    assert.match(receipt, /^ABI-\d{4}-\d{4}$/);
    assert.ok((await page.locator('main').innerText()).includes('Hvad sker der nu?'));

    // A file attached after sending waits for "Send ændringer": marked on the attachments page and
    // the check page, listed on the receipt only once the changes are sent.
    await page.getByRole('link', { name: 'Ændr indstillingen' }).click();
    await page.waitForURL(/\/tjek$/);
    await page.getByRole('link', { name: 'Tilføj eller slet bilag' }).click();
    await page.waitForURL(/\/bilag$/);
    await page.setInputFiles('#fil', { name: 'efter-afsendelse.png', mimeType: 'image/png', buffer: samplePng() });
    await page.getByRole('button', { name: 'Vedhæft filen' }).click();
    await page.waitForURL(/\/bilag\?tilfoejet=\d+$/);
    assert.match(await page.locator('.alert-success').innerText(), /Den bliver sendt med, når du sender dine ændringer/);
    assert.equal(await page.locator('table tbody tr .badge').innerText(), 'Ikke sendt endnu');
    await checkPage(w, 'attachments page of a sent nomination with a file not sent');
    await page.getByRole('link', { name: 'Gå til Tjek dine svar' }).click();
    await page.waitForURL(/\/tjek$/);
    assert.match(await page.locator('main').innerText(), /Du har ændringer, der ikke er sendt[\s\S]*efter-afsendelse\.png[\s\S]*Ikke sendt endnu/);
    await checkPage(w, 'check page with a file not sent');
    await page.getByRole('button', { name: 'Send ændringer' }).click();
    await page.waitForURL(/\/kvittering$/);
    await checkPage(w, 'receipt after the changes');
    assert.match(await page.locator('main').innerText(), /Bilag[\s\S]*efter-afsendelse\.png/);

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

  test('"Send mig mit link igen" on a phone and a desktop: the form, its error, the answer and the confirmation', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const ctx = await context({ viewport });
      const w = await openPage(ctx);
      const { page } = w;
      await page.goto('/priser/aarets-borgerinddragende-initiativ');
      await page.getByRole('link', { name: 'Indstil nu' }).click();
      await page.getByRole('link', { name: 'Har du mistet dit link?' }).click();
      await page.waitForURL(/\/indstillinger\/mistet-link$/);
      await checkPage(w, `lost link form ${viewport.width}`);
      await page.getByLabel('Din e-mail').fill('ikke en adresse');
      await page.getByRole('button', { name: 'Send mig mit link igen' }).click();
      await page.waitForSelector('#error-summary');
      await checkPage(w, `lost link error ${viewport.width}`, 400);
      await page.getByLabel('Din e-mail').fill('lise@eksempel.dk');
      await page.getByRole('button', { name: 'Send mig mit link igen' }).click();
      await page.waitForSelector('text=Tjek din e-mail');
      await checkPage(w, `lost link answer ${viewport.width}`);
    }
    const mail = (await server.database.db.select().from(outboxMessages).orderBy(outboxMessages.id))
      .filter((m) => m.kind === 'nomination-link-recovery')
      .at(-1);
    assert.ok(mail, 'the nominator of the first test gets a link');
    const path = /(\/indstillinger\/genskab\/[A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
    const w = await openPage(await context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }));
    await w.page.goto(path);
    await checkPage(w, 'recovery confirmation');
    await w.page.getByRole('button', { name: 'Åbn min indstilling' }).click();
    await w.page.waitForURL(/\/indstillinger\/\d+\/(kvittering|om-dig|kandidat|loesning|beskrivelse|tjek)$/);
    await checkPage(w, 'nomination opened by the recovery link');
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

  test('the description step on a desktop: text areas at reading width; without JavaScript the counter shows the saved text', async () => {
    const ctx = await context({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const w = await openPage(ctx);
    const { page } = w;
    await page.goto('/priser/aarets-borgerinddragende-initiativ');
    await page.getByRole('link', { name: 'Indstil nu' }).click();
    await page.getByRole('link', { name: 'Start indstilling' }).click();
    await fillAboutYou(page);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(/\/kandidat$/);
    const id = /\/indstillinger\/(\d+)\//.exec(page.url())![1]!;
    await page.goto(`/indstillinger/${id}/beskrivelse`);
    const area = page.locator('textarea[data-word-limit]').first();
    await area.fill('Borgerne var med fra start og hele vejen.');
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.waitForSelector('text=Kladden er gemt');
    await page.goto(`/indstillinger/${id}/beskrivelse`);
    const counter = await page.locator(`#${await area.getAttribute('id')}-count`).innerText();
    assert.match(counter, /^Du har skrevet 8 af \d+ ord/, 'the server counts what is saved');
    w.expectNoProblems();
    // The same step with JavaScript at 1280 px: a long answer gets the reading width, and axe passes.
    const withJs = await context({ viewport: { width: 1280, height: 800 } });
    await withJs.addCookies(await ctx.cookies());
    const desktop = await openPage(withJs);
    await desktop.page.goto(`/indstillinger/${id}/beskrivelse`);
    const width = (await desktop.page.locator('textarea[data-word-limit]').first().boundingBox())!.width;
    assert.ok(width > 500, `a long answer gets the reading width (${width} px), not a field's 320 px`);
    await checkPage(desktop, 'description step at 1280 px');
  });
});
