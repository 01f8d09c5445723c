/**
 * A person's data on request, in Chromium: the administrator goes from the overview to
 * /admin/personer, searches (first with no address: the error summary), downloads the JSON,
 * opens the erase page, sends it without the confirmation (the error summary) and then with
 * it. Every page passes axe (WCAG 2.1 A/AA) with no console error or CSP violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { awards, editions, nominations } from '../../src/db/schema.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { expectAccessible, launchBrowser, newContext, openPage, type WatchedPage } from '../harness/browser.js';
import { buildNomination } from '../harness/factories.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const EMAIL = 'karen.lund@eksempel.dk';
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of 400 \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/admin\/personer/;

describe("a person's data on request (Chromium)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  let context: BrowserContext;
  let nominationId = 0;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW, { demoSignIn: true })]);
    await seedDemoAdministrator(server.db);
    const [e] = await server.db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
    nominationId = (
      await buildNomination(server.db, { editionId: e!.id, nominatorEmail: EMAIL, nominatorName: 'Karen Lund', title: 'Sygeplejersker på cykel' })
    ).id;
    context = await newContext(browser, server.baseUrl, { acceptDownloads: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function check(watched: WatchedPage, label: string) {
    await expectAccessible(watched.page, label);
    const failed = watched.problems.failedRequests;
    // Chromium reports a download (Content-Disposition: attachment) as an aborted navigation.
    for (let i = failed.length - 1; i >= 0; i--) if (/\/admin\/personer\/eksport\.json: net::ERR_ABORTED$/.test(failed[i]!)) failed.splice(i, 1);
    watched.expectNoProblems(EXPECTED_DOCUMENT_STATUS);
  }
  const submit = async (page: Page, name: string) => {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name }).click()]);
    return res?.status() ?? 0;
  };

  test('search, export, erase with confirmation', async () => {
    const watched = await openPage(context);
    const { page } = watched;
    await page.goto('/log-ind');
    await submit(page, 'Log ind som demo-administrator');
    assert.match(page.url(), /\/admin$/);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('link', { name: 'Personoplysninger: se eller slet en persons data' }).click(),
    ]);
    assert.equal(await page.locator('h1').innerText(), 'Personoplysninger');
    await check(watched, 'search');

    assert.equal(await submit(page, 'Søg'), 400);
    assert.match(await page.title(), /^Fejl: Personoplysninger/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-module')), 'error-summary', 'the error summary has focus');
    assert.match(await page.locator('.alert-error').innerText(), /Skriv e-mailadressen/);
    await check(watched, 'search with an error');

    await page.getByLabel('E-mailadresse').fill(EMAIL);
    assert.equal(await submit(page, 'Søg'), 200);
    assert.match(await page.locator('main').innerText(), /Sygeplejersker på cykel/);
    await check(watched, 'result');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent alle oplysninger (JSON)' }).click()]);
    assert.equal(download.suggestedFilename(), 'personoplysninger.json');
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { nominationsAsNominator: { nominator_name: string }[] };
    assert.equal(json.nominationsAsNominator[0]!.nominator_name, 'Karen Lund');

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Slet eller anonymisér oplysningerne' }).click()]);
    await check(watched, 'erase');
    assert.equal(await submit(page, 'Slet oplysningerne'), 400);
    assert.match(await page.title(), /^Fejl: Slet personens oplysninger/);
    await check(watched, 'erase without confirmation');
    await page.getByLabel('Jeg har kontrolleret').check();
    assert.equal(await submit(page, 'Slet oplysningerne'), 200);
    assert.match(await page.locator('h1').innerText(), /Oplysningerne er slettet/);
    await check(watched, 'erased');
    const [row] = await server.db.select().from(nominations).where(eq(nominations.id, nominationId));
    assert.deepEqual([row!.nominatorName, row!.nominatorEmail], ['', '']);
  });
});
