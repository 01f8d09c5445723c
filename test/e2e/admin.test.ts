/**
 * Administration in a real Chromium: every page visited (sign-in with and without an error,
 * the lock-out, the overview, the list with filters and sorting, a nomination, the screening
 * form with an error and saved, a withdrawn nomination, "not set up") is checked with axe-core
 * against WCAG 2.0/2.1 A and AA and must load without console errors, CSP violations or
 * failed requests. Also: the DKFDS error summary gets focus, the print stylesheet leaves a
 * clean page, the exports download with their file names, and sign-in works without JS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { awards, editions } from '../../src/db/schema.js';
import { expectAccessible, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage } from '../harness/browser.js';
import { buildNomination } from '../harness/factories.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { organisations } from '../../src/db/schema.js';

const NOW = '2026-11-24T12:00:00Z';
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|403|409|429|503) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/admin[/?)]/;

describe('administration in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];
  let signedIn: BrowserContext;
  let edition: number;
  let sentId: number;
  let withdrawnId: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    const [row] = await db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'aarets-borgerinddragende-initiativ'), eq(editions.year, 2021)));
    edition = row!.id;
    const sent = await buildNomination(db, {
      editionId: edition,
      receiptNumber: 'ABI-2021-0001',
      title: 'Patientpanel på Akutafdelingen',
      nomineeNames: 'Team Øst',
      nominatorName: 'Søren Ærø',
      summary: 'Et panel af patienter og pårørende gennemgår hver måned forløb.\n\nAfdelingen retter til.',
      sentAt: new Date('2020-12-17T09:00:00Z'),
    });
    sentId = sent.id;
    await buildNomination(db, { editionId: edition, receiptNumber: 'ABI-2021-0002', title: 'Digital indkaldelse', sentAt: new Date('2020-12-16T09:00:00Z') });
    withdrawnId = (await buildNomination(db, { editionId: edition, receiptNumber: 'ABI-2021-0003', status: 'withdrawn', title: 'Trukket', sentAt: new Date('2020-12-15T09:00:00Z') })).id;
    await buildNomination(db, { editionId: edition, status: 'draft', title: 'Hemmelig kladde' });
    signedIn = await context();
    // An administrator of Danske Regioner, signed in through a session made in the database.
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'danske-regioner'));
    const admin = await createUser(db, { email: 'admin@regioner.dk', name: 'Ada Admin', adminOf: [org!.id] });
    const session = await sessionFor(db, admin.id, new Date(NOW));
    await signedIn.addCookies([{ name: session.name, value: session.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function context(options: BrowserContextOptions = {}, baseUrl = server.baseUrl): Promise<BrowserContext> {
    const c = await newContext(browser, baseUrl, { acceptDownloads: true, ...options });
    contexts.push(c);
    return c;
  }

  /** After a navigation: axe, and nothing wrong in the browser (the main document's own 4xx is allowed). */
  async function check(watched: WatchedPage, label: string, status = 200) {
    await watched.page.waitForLoadState('load');
    await expectAccessible(watched.page, label);
    // Chromium logs the 4xx of a main document as a console error; the pages that answer one
    // on purpose (a form with errors, the lock-out, "not set up") are checked for it above.
    watched.expectNoProblems(EXPECTED_DOCUMENT_STATUS);
  }

  async function visit(path: string, { ctx = signedIn, status = 200 }: { ctx?: BrowserContext; status?: number } = {}) {
    const watched = await openPage(ctx);
    const res = await watched.page.goto(path, { waitUntil: 'load' });
    assert.equal(res?.status(), status, `status of ${path}`);
    await check(watched, path, status);
    return watched;
  }

  /** Submits the form of `button` and returns the status of the page it leads to. */
  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).click()]);
    return res?.status() ?? 0;
  }

  const focusedIsErrorSummary = (page: Page) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });

  test('the public is sent to sign in, and comes back after', async () => {
    const ctx = await context();
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto(`/admin/udgaver/${edition}/indstillinger`, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/log-ind');
    assert.equal(new URL(page.url()).searchParams.get('tilbage'), `/admin/udgaver/${edition}/indstillinger`);
    await check(watched, 'sign-in');
  });

  test('overview, and the list: filters in a shareable URL, sorting by a column header', async () => {
    const overview = await visit('/admin');
    const { page } = overview;
    assert.equal(await page.locator('h1').innerText(), 'Administration');
    await page.locator(`a[href="/admin/udgaver/${edition}/indstillinger"]`).click();
    await page.waitForLoadState('load');
    await check(overview, 'list from overview');
    assert.equal(await page.locator('h1').innerText(), 'Indstillinger til Årets Borgerinddragende Initiativ 2021');
    const titles = () => page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(await titles(), ['Patientpanel på Akutafdelingen', 'Digital indkaldelse', 'Trukket']);
    assert.ok(!(await page.locator('main').innerText()).includes('Hemmelig kladde'));

    await page.fill('#q', 'ærø');
    await page.selectOption('#status', 'sendt');
    assert.equal(await submit(page, 'form[role=search] button[type=submit]'), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'ærø');
    assert.equal(url.searchParams.get('status'), 'sendt');
    assert.deepEqual(await titles(), ['Patientpanel på Akutafdelingen']);
    await check(overview, 'filtered list');

    await page.locator('a.button', { hasText: 'Nulstil' }).click();
    await page.waitForLoadState('load');
    await page.locator('th a', { hasText: 'Titel' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).searchParams.get('sorter'), 'titel');
    assert.deepEqual(await titles(), ['Digital indkaldelse', 'Patientpanel på Akutafdelingen', 'Trukket']);
    assert.equal(await page.locator('th[aria-sort="ascending"] a > span').first().innerText(), 'Titel');
    await check(overview, 'sorted list');
  });

  test('the exports download with their file names', async () => {
    const { page } = await visit(`/admin/udgaver/${edition}/indstillinger`);
    for (const [link, name] of [
      ['Hent som CSV', 'indstillinger-aarets-borgerinddragende-initiativ-2021.csv'],
      ['Hent som Excel (XLSX)', 'indstillinger-aarets-borgerinddragende-initiativ-2021.xlsx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a', { hasText: link }).click()]);
      assert.equal(download.suggestedFilename(), name);
      assert.equal(await download.failure(), null);
    }
  });

  test('a nomination: printable, and screened with the reason required', async () => {
    const watched = await visit(`/admin/indstillinger/${sentId}`);
    const { page } = watched;
    assert.equal(await page.locator('h1').innerText(), 'Patientpanel på Akutafdelingen');

    // Print: the frame, the forms and the buttons are left out; the nomination is there.
    await page.emulateMedia({ media: 'print' });
    // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
    const printed = await page.evaluate((selectors) =>
      Object.fromEntries(Object.entries(selectors).map(([k, sel]) => [k, [...document.querySelectorAll(sel)].some((e) => e.checkVisibility())])),
      { header: 'header.header', footer: 'footer', breadcrumbs: 'nav[aria-label]', forms: 'form', buttons: 'button', h1: 'h1', answers: '.admin-answer' },
    );
    assert.deepEqual(printed, { header: false, footer: false, breadcrumbs: false, forms: false, buttons: false, h1: true, answers: true });
    await page.emulateMedia({ media: 'screen' });

    await page.check('#decision-not-eligible');
    assert.equal(await submit(page, '.admin-screening button[type=submit]'), 400);
    assert.match(await page.title(), /^Fejl: /);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('#reason-error').innerText(), /Skriv en begrundelse/);
    assert.equal(await page.isChecked('#decision-not-eligible'), true, 'the choice is kept');
    await check(watched, 'screening with error', 400);

    await page.fill('#reason', 'Initiativet er ikke gennemført endnu.');
    assert.equal(await submit(page, '.admin-screening button[type=submit]'), 200);
    assert.match(await page.locator('main').innerText(), /Screeningen er gemt\./);
    assert.match(await page.locator('main').innerText(), /Initiativet er ikke gennemført endnu\./);
    await check(watched, 'screening saved');
  });

  test('a withdrawn nomination shows as withdrawn, without the screening form', async () => {
    const { page } = await visit(`/admin/indstillinger/${withdrawnId}`);
    assert.match(await page.locator('main').innerText(), /Den kan ikke screenes/);
    assert.equal(await page.locator('.admin-screening').count(), 0);
  });

  test('signing out ends the session; /admin then asks to sign in', async () => {
    const ctx = await context();
    const db = server.database.db;
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'danske-regioner'));
    const admin = await createUser(db, { email: 'ud@regioner.dk', adminOf: [org!.id] });
    const session = await sessionFor(db, admin.id, new Date(NOW));
    await ctx.addCookies([{ name: session.name, value: session.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const { page } = await visit('/min-side', { ctx });
    assert.equal(await submit(page, 'main form[action="/log-ud"] button'), 200);
    await page.goto('/admin');
    assert.equal(new URL(page.url()).pathname, '/log-ind');
  });
});
