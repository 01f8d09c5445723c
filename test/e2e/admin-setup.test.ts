/**
 * Setting up organisations, awards and rounds in a real Chromium: every new page (and its
 * error states) passes axe-core against WCAG 2.0/2.1 A and AA without console errors, CSP
 * violations or failed requests, and one full flow creates an award and a round with its
 * timeline, criteria and form, then next year's round.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { awards, criteria, editions, formSections, organisations } from '../../src/db/schema.js';
import { recordAudit } from '../../src/platform/audit.js';
import { copenhagen } from '../../src/platform/time.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { expectAccessible, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage, checkPage, visitPage } from '../harness/browser.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
/** Chromium logs a main document's 4xx as a console error; pages that answer one on purpose are checked for their status. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|409) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/admin[/?)]/;

describe('setting up awards in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  let ctx: BrowserContext;
  let rm: number;
  let initiativ2024: number;
  let initiativAward: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!.id;
    const [row] = await db
      .select({ e: editions })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
    initiativ2024 = row!.e.id;
    initiativAward = row!.e.awardId;
    // A sent nomination locks the 2024 form; a timeline change gives the log something to show.
    await buildNomination(db, { editionId: initiativ2024 }, { at: new Date('2024-05-01T10:00:00Z') });
    const user = await createUser(db, { email: 'hr@rm.dk', name: 'Hanne Rask', adminOf: [rm] });
    await recordAudit(
      db,
      {
        actor: 'system',
        action: 'edition.timeline-change',
        entityType: 'edition',
        entityId: initiativ2024,
        organisationId: rm,
        editionId: initiativ2024,
        before: { closesAt: '2024-06-14T10:00:00.000Z' },
        after: { closesAt: '2024-06-21T10:00:00.000Z' },
      },
      new Date('2024-06-01T08:00:00Z'),
    );
    ctx = await newContext(browser, server.baseUrl);
    const s = await sessionFor(db, user.id, server.clock.now());
    await ctx.addCookies([{ name: s.name, value: s.value, url: server.baseUrl }]);
  });

  after(async () => {
    await ctx?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  const visit = (path: string, status = 200): Promise<WatchedPage> => visitPage(ctx, path, { status, allow: EXPECTED_DOCUMENT_STATUS });

  /** Presses a button and waits for the page it leads to; returns its status. */
  async function press(page: Page, locator: ReturnType<Page['locator']>): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
    return res?.status() ?? 0;
  }

  const focusedIsErrorSummary = (page: Page) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });

  test('every setup page passes axe, including error and locked states', async () => {
    for (const path of [
      '/admin',
      '/admin/organisationer',
      '/admin/organisationer/ny',
      `/admin/organisationer/${rm}`,
      `/admin/organisationer/${rm}/rediger`,
      `/admin/organisationer/${rm}/priser/ny`,
      `/admin/organisationer/${rm}/log`,
      `/admin/organisationer/${rm}/log?handling=edition.timeline-change`,
      `/admin/priser/${initiativAward}`,
      `/admin/priser/${initiativAward}/udgaver/ny`,
      `/admin/udgaver/${initiativ2024}/rediger`,
      `/admin/udgaver/${initiativ2024}/kriterier`,
      `/admin/udgaver/${initiativ2024}/formular`,
      `/admin/udgaver/${initiativ2024}/udvalg`,
    ]) {
      const watched = await visit(path);
      await watched.page.close();
    }

    // The log with a bad date: error summary focused.
    const log = await visit(`/admin/organisationer/${rm}/log?fra=2026-02-30`, 400);
    await focusedIsErrorSummary(log.page);
    assert.match(await log.page.title(), /^Fejl: Log over ændringer: Region Midtjylland – Prisportal$/);
    await log.page.close();

    // The locked form refuses a change with a clear message (409).
    const locked = await visit(`/admin/udgaver/${initiativ2024}/formular`);
    assert.match(
      await locked.page.locator('main').innerText(),
      /Du kan ikke ændre kriterierne eller formularen, fordi den første indstilling blev sendt 1\. maj 2024 kl\. 12\.00\./,
    );
    assert.equal(await locked.page.locator('form button[name="handling"]').count(), 0);
    await locked.page.close();

    // The organisation form with errors.
    const org = await visit(`/admin/organisationer/${rm}/rediger`);
    await org.page.fill('#name', '');
    await org.page.fill('#websiteUrl', 'rm.dk');
    assert.equal(await press(org.page, org.page.locator('main form button[type=submit]', { hasText: 'Gem oplysningerne' })), 400);
    await focusedIsErrorSummary(org.page);
    assert.equal(await org.page.locator('#websiteUrl').inputValue(), 'rm.dk', 'what was typed is kept');
    await check(org, 'organisation form with errors');
    await org.page.close();
  });

  test('full flow: an award, a round with its timeline, criteria and form, then next year’s round', async () => {
    const watched = await visit(`/admin/organisationer/${rm}`);
    const { page } = watched;
    await press(page, page.locator('a', { hasText: 'Opret en ny pris' }));
    await check(watched, 'new award');
    await page.fill('#name', 'Årets Patientsikkerhed');
    await page.fill('#summary', 'Gives til en løsning, der gør behandlingen mere sikker.');
    await page.fill('#description', 'Prisen blev indstiftet i 2026.\n\nAlle ansatte kan indstille.');
    await page.fill('#establishedYear', '2026');
    await page.fill('#contactName', 'Lise Klarholt');
    await page.fill('#contactEmail', 'lise@rm.dk');
    assert.equal(await press(page, page.locator('main form button[type=submit]', { hasText: 'Opret pris' })), 200);
    assert.match(await page.locator('main').innerText(), /Prisen er oprettet\. Opret nu den første runde\./);
    await check(watched, 'award created');

    await press(page, page.locator('a', { hasText: 'Opret en ny runde' }));
    await check(watched, 'new round');
    assert.equal(await page.locator('#opensAt-time').inputValue(), '12:00', 'noon suggested');
    await page.fill('#year', '2027');
    await page.fill('#theme', 'Sikker overgang');
    // Through the browser's own date and time inputs.
    await page.fill('#opensAt-date', '2027-03-01');
    await page.fill('#opensAt-time', '09:00');
    await page.fill('#closesAt-date', '2027-02-01'); // before opening: refused
    await page.fill('#nomineesPublishedAt-date', '2027-09-26');
    await page.fill('#winnerAnnouncedAt-date', '2027-11-03');
    await page.fill('#winnerAnnouncedAt-time', '15:30');
    await page.fill('#eventName', 'Innovationsdagen 2027');
    await page.fill('#nomineeCountMin', '5');
    await page.fill('#nomineeCountMax', '5');
    await page.fill('#prizeAmountKr', '25.000');
    await page.check('#hasPatientPanel');
    assert.equal(await press(page, page.locator('main form button[type=submit]', { hasText: 'Opret runde' })), 400);
    await focusedIsErrorSummary(page);
    assert.match(await page.title(), /^Fejl: /);
    assert.equal(
      (await page.locator('#closesAt-error').innerText()).replace(/\s+/g, ' '),
      'Fejl: "Frist for indstillinger" skal være efter "Der åbnes for indstillinger" (1. marts 2027 kl. 09.00). Ret datoen eller klokkeslættet.',
    );
    assert.equal(await page.locator('#theme').inputValue(), 'Sikker overgang');
    assert.equal(await page.isChecked('#hasPatientPanel'), true);
    await check(watched, 'round with errors');
    await page.locator('[data-module="error-summary"] a').first().click();
    await page.waitForFunction(() => document.activeElement?.id === 'closesAt-date');
    await page.fill('#closesAt-date', '2027-04-30');
    assert.equal(await press(page, page.locator('main form button[type=submit]', { hasText: 'Opret runde' })), 200);
    assert.match(await page.locator('main').innerText(), /Runden er oprettet som kladde\./);
    await check(watched, 'round created');
    // A draft: publishing it now is refused with what is missing, each message linking to the fix.
    assert.equal(await press(page, page.locator('#publish')), 409);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('[data-module="error-summary"]').innerText(), /Tilføj mindst ét kriterium/);
    await check(watched, 'publish refused');

    const db = server.database.db;
    const award = (await db.select().from(awards).where(eq(awards.slug, 'aarets-patientsikkerhed')))[0]!;
    const round = (
      await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, award.id), eq(editions.year, 2027)))
    )[0]!;
    assert.equal(round.opensAt!.toISOString(), copenhagen(2027, 3, 1, 9).toISOString());
    assert.equal(round.winnerAnnouncedAt!.toISOString(), '2027-11-03T14:30:00.000Z');
    assert.equal(round.prizeAmountKr, 25000);

    // Criteria: add, fill, save.
    await press(page, page.locator('a', { hasText: 'Kriterier (0)' }));
    await check(watched, 'criteria, empty');
    await press(page, page.locator('button', { hasText: 'Tilføj et kriterium' }));
    await page.fill('#r0-title', 'Patientsikkerhed');
    await page.fill('#r0-description', 'Løsningen forebygger fejl.');
    await press(page, page.locator('button', { hasText: 'Tilføj et kriterium' }));
    assert.equal(await page.locator('#r0-title').inputValue(), 'Patientsikkerhed', 'typed text survives adding a row');
    await page.fill('#r1-title', 'Spredning');
    await page.fill('#r1-description', 'Andre kan gøre det samme.');
    // Enter in a text field saves (it does not move a row).
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.press('#r1-title', 'Enter')]);
    assert.match(await page.locator('main').innerText(), /Listen er gemt\./);
    await check(watched, 'criteria saved');
    assert.deepEqual(
      (await db.select().from(criteria).where(eq(criteria.editionId, round.id)).orderBy(asc(criteria.position))).map((c) => c.title),
      ['Patientsikkerhed', 'Spredning'],
    );

    // Form sections: add two, an error, move the second up, save.
    await page.goto(`/admin/udgaver/${round.id}/formular`, { waitUntil: 'load' });
    await press(page, page.locator('button', { hasText: 'Tilføj et afsnit' }));
    await press(page, page.locator('button', { hasText: 'Tilføj et afsnit' }));
    await page.fill('#r0-heading', 'Baggrund');
    await page.fill('#r0-wordLimit', '0');
    await page.fill('#r1-heading', 'Løsningen');
    await page.fill('#r1-wordLimit', '300');
    assert.equal(await press(page, page.locator('button.button-primary', { hasText: 'Gem formularen' })), 400);
    await focusedIsErrorSummary(page);
    await check(watched, 'form sections with an error');
    await page.fill('#r0-wordLimit', '150');
    await press(page, page.locator('button', { hasText: 'Flyt op' }));
    assert.equal(await page.locator('#r0-heading').inputValue(), 'Løsningen');
    await check(watched, 'form sections moved, not saved');
    assert.equal(await press(page, page.locator('button.button-primary', { hasText: 'Gem formularen' })), 200);
    assert.deepEqual(
      (await db.select().from(formSections).where(eq(formSections.editionId, round.id)).orderBy(asc(formSections.position))).map((s) => [
        s.heading,
        s.wordLimit,
      ]),
      [
        ['Løsningen', 300],
        ['Baggrund', 150],
      ],
    );

    // The draft's preview, as the public will see it, under its banner.
    const preview = await visitPublic(`/priser/aarets-patientsikkerhed/2027`);
    assert.match(preview, /Forhåndsvisning/);
    // Publish, now that it has criteria and a form.
    await page.goto(`/admin/udgaver/${round.id}/rediger`, { waitUntil: 'load' });
    assert.equal(await press(page, page.locator('#publish')), 200);
    assert.match(await page.locator('main').innerText(), /Runden er offentliggjort\. Den kan nu ses af alle\./);
    await check(watched, 'round published');

    // Next year's round from the round's page.
    await page.goto(`/admin/udgaver/${round.id}/rediger`, { waitUntil: 'load' });
    assert.equal(await press(page, page.locator('main button', { hasText: 'Opret næste års runde' })), 200);
    assert.match(await page.locator('main').innerText(), /Runden for 2028 er oprettet som kladde ud fra sidste år\./);
    assert.equal(await page.locator('#opensAt-date').inputValue(), '2028-03-01');
    assert.equal(await page.locator('#opensAt-time').inputValue(), '09:00');
    assert.equal(await page.locator('#winnerAnnouncedAt-time').inputValue(), '15:30');
    await check(watched, 'next year created');
    // Twice: refused, clearly.
    await page.goBack({ waitUntil: 'load' });
    assert.equal(await press(page, page.locator('main button', { hasText: 'Opret næste års runde' })), 409);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('[data-module="error-summary"]').innerText(), /Der findes allerede en runde for 2028\./);
    await check(watched, 'next year refused');

    // The public award page shows the round.
    const publicPage = await visitPublic(`/priser/aarets-patientsikkerhed/2027`);
    assert.match(publicPage, /Sikker overgang/);
    assert.doesNotMatch(publicPage, /Forhåndsvisning/);
  });

  async function visitPublic(path: string): Promise<string> {
    const watched = await openPage(ctx);
    await watched.page.goto(path, { waitUntil: 'load' });
    await expectAccessible(watched.page, path);
    const text = await watched.page.locator('main').innerText();
    await watched.page.close();
    return text;
  }
});
