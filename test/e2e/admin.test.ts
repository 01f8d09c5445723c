/**
 * Administration in a real Chromium: every page visited (the sign-in page the public is sent
 * to, the overview, the list with filters and sorting, a nomination, the screening form with
 * an error and saved, a withdrawn nomination, the 403 pages of a committee member and of an
 * administrator of another organisation, the signed-out page) is checked with axe-core
 * against WCAG 2.0/2.1 A and AA and must load without console errors, CSP violations or
 * failed requests. Also: the DKFDS error summary gets focus, the print stylesheet leaves a
 * clean page, the exports download with their file names, and the demo administrator signs
 * in with and without JavaScript.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { awards, editions, organisations } from '../../src/db/schema.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { launchBrowser, newContext, openPage, type WatchedPage, checkPage, visitPage } from '../harness/browser.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|403|409) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/admin[/?)]/;

describe('administration in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  /** The demo administrator (of both organisations), signed in by the first test. */
  let signedIn: BrowserContext;
  let edition: number;
  let sentId: number;
  let withdrawnId: number;
  let rmEdition: number;
  let rmNominationId: number;
  let rmOrg: number;
  let drOrg: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW, { demoSignIn: true })]);
    const db = server.db;
    await seedDemoAdministrator(db);
    const editionOf = async (slug: string, year: number) => {
      const [row] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, slug), eq(editions.year, year)));
      return row!.id;
    };
    edition = await editionOf('aarets-borgerinddragende-initiativ', 2021);
    rmEdition = await editionOf('initiativprisen', 2024);
    const orgs = await db.select().from(organisations);
    rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
    drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
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
    withdrawnId = (
      await buildNomination(db, {
        editionId: edition,
        receiptNumber: 'ABI-2021-0003',
        status: 'withdrawn',
        title: 'Trukket',
        sentAt: new Date('2020-12-15T09:00:00Z'),
      })
    ).id;
    await buildNomination(db, { editionId: edition, status: 'draft', title: 'Hemmelig kladde' });
    rmNominationId = (await buildNomination(db, { editionId: rmEdition, title: 'Region Midtjyllands indstilling' })).id;
    signedIn = await context();
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

  /** A browser signed in as the user (a session made in the database, as a sign-in would). */
  async function contextAs(userId: number): Promise<BrowserContext> {
    const c = await context();
    const s = await sessionFor(server.db, userId, server.clock.now());
    await c.addCookies([{ name: SESSION_COOKIE, value: s.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    return c;
  }

  /** After a navigation: axe, and nothing wrong in the browser (the main document's own 4xx is allowed). */
  // Chromium logs the 4xx of a main document as a console error; the pages that answer one
  // on purpose (a form with errors, a refusal) are checked for it above.
  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  const visit = (path: string, { ctx = signedIn, status = 200 }: { ctx?: BrowserContext; status?: number } = {}) =>
    visitPage(ctx, path, { status, allow: EXPECTED_DOCUMENT_STATUS });

  /** Submits the form of `button` and returns the status of the page it leads to. */
  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).click()]);
    return res?.status() ?? 0;
  }

  const focusedIsErrorSummary = (page: Page) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });

  test('the public is sent to sign in; the demo administrator signs in and comes back', async () => {
    const watched = await openPage(signedIn);
    const { page } = watched;
    await page.goto(`/admin/udgaver/${edition}/indstillinger`, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/log-ind');
    assert.equal(new URL(page.url()).searchParams.get('tilbage'), `/admin/udgaver/${edition}/indstillinger`);
    assert.equal(await page.locator('h1').innerText(), 'Log ind');
    await check(watched, 'sign-in');

    assert.equal(await submit(page, 'form[action^="/log-ind/demo"] button[type=submit]'), 200);
    assert.equal(new URL(page.url()).pathname, `/admin/udgaver/${edition}/indstillinger`, 'back where the visitor was going');
    await check(watched, 'list after sign-in');
    const session = (await signedIn.cookies()).find((c) => c.name === SESSION_COOKIE);
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
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
    const printed = await page.evaluate(
      (selectors) => Object.fromEntries(Object.entries(selectors).map(([k, sel]) => [k, [...document.querySelectorAll(sel)].some((e) => e.checkVisibility())])),
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
    await check(watched, 'screening with error');

    await page.fill('#reason', 'Initiativet er ikke gennemført endnu.');
    assert.equal(await submit(page, '.admin-screening button[type=submit]'), 200);
    assert.match(await page.locator('main').innerText(), /Screeningen er gemt\./);
    assert.match(await page.locator('main').innerText(), /Initiativet er ikke gennemført endnu\./);
    await check(watched, 'screening saved');
  });

  test("a citizen's nomination without the nominee's contact: the organiser adds one (desktop and phone)", async () => {
    const db = server.db;
    const citizenId = (
      await buildNomination(db, {
        editionId: edition,
        receiptNumber: 'ABI-2021-0004',
        title: 'En borgers indstilling',
        nominatorIsCitizen: 'yes',
        nomineeEmail: '',
        nomineeUnit: '',
        nomineeConsentTokenHash: null,
        sentAt: new Date('2020-12-14T09:00:00Z'),
      })
    ).id;
    const phone = await context({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addCookies(await signedIn.cookies());
    const onPhone = await visit(`/admin/indstillinger/${citizenId}`, { ctx: phone });
    assert.equal(await onPhone.page.locator('#nominee-contact').count(), 1);
    const watched = await visit(`/admin/indstillinger/${citizenId}`);
    const { page } = watched;
    await page.fill('#contact-email', 'ikke en adresse');
    assert.equal(await submit(page, '#nominee-contact button[type=submit]'), 400);
    await focusedIsErrorSummary(page);
    assert.equal(await page.inputValue('#contact-email'), 'ikke en adresse', 'what was typed is kept');
    await check(watched, 'nominee contact with error');
    await page.fill('#contact-email', 'leder@auh.rm.dk');
    assert.equal(await submit(page, '#nominee-contact button[type=submit]'), 200);
    assert.match(await page.locator('main').innerText(), /Kontaktpersonen er gemt/);
    assert.equal(await page.locator('#nominee-contact').count(), 0);
    await check(watched, 'nominee contact saved');
  });

  test('a withdrawn nomination shows as withdrawn, without the screening form', async () => {
    const { page } = await visit(`/admin/indstillinger/${withdrawnId}`);
    assert.match(await page.locator('main').innerText(), /Den kan ikke screenes/);
    assert.equal(await page.locator('.admin-screening').count(), 0);
  });

  test('a committee member gets 403 on the administration; an administrator of another organisation gets 403 for its nomination', async () => {
    const member = await createUser(server.db, { email: 'komite@example.dk', members: [{ editionId: rmEdition, role: 'committee', isChair: true }] });
    const committee = await contextAs(member.id);
    for (const path of ['/admin', `/admin/udgaver/${rmEdition}/indstillinger`]) {
      const { page } = await visit(path, { ctx: committee, status: 403 });
      assert.equal(await page.locator('h1').innerText(), 'Du har ikke adgang til siden');
    }

    const drAdmin = await createUser(server.db, { email: 'admin.dr@example.dk', adminOf: [drOrg] });
    const dr = await contextAs(drAdmin.id);
    await visit(`/admin/indstillinger/${sentId}`, { ctx: dr });
    for (const path of [`/admin/indstillinger/${rmNominationId}`, `/admin/udgaver/${rmEdition}/indstillinger`]) {
      const { page } = await visit(path, { ctx: dr, status: 403 });
      assert.equal(await page.locator('h1').innerText(), 'Du har ikke adgang til siden');
      assert.ok(!(await page.locator('main').innerText()).includes('Region Midtjyllands indstilling'));
    }
    // The administrator of the owning organisation sees it.
    const rmAdmin = await createUser(server.db, { email: 'admin.rm@example.dk', adminOf: [rmOrg] });
    const { page } = await visit(`/admin/indstillinger/${rmNominationId}`, { ctx: await contextAs(rmAdmin.id) });
    assert.equal(await page.locator('h1').innerText(), 'Region Midtjyllands indstilling');
  });

  // Last: it signs the shared browser out.
  test("signing out with the administration's button, and the demo sign-in without JavaScript", async () => {
    const watched = await visit('/admin');
    const { page } = watched;
    assert.equal(await submit(page, 'form.admin-signout button'), 200);
    assert.equal(await page.locator('h1').innerText(), 'Du er logget ud.');
    await check(watched, 'signed out');
    await page.goto('/admin');
    assert.equal(new URL(page.url()).pathname, '/log-ind');

    const noJs = await context({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto('/log-ind?tilbage=%2Fadmin');
    await Promise.all([p.waitForNavigation(), p.locator('form[action^="/log-ind/demo"] button').click()]);
    assert.equal(new URL(p.url()).pathname, '/admin');
    assert.equal(await p.locator('h1').innerText(), 'Administration');
  });
});
