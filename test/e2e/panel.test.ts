/**
 * The patient panel in a real Chromium: a panel member on a phone finds the vote from "Mine
 * udgaver", ranks the nominees (an error first, with a focused summary), checks the ranking and
 * gets the receipt; another member does the same without JavaScript; the administrators' panel
 * page while voting is open and after it has closed (the count); and the chair breaking the tie.
 * Every page is checked with axe-core against WCAG 2.0/2.1 A and AA and must load without
 * console errors, CSP violations or failed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { awards, nomineeSummaries, organisations, shortlistEntries, shortlists } from '../../src/db/schema.js';
import { lix } from '../../src/judging/lix.js';
import { expectAccessibleWithoutScripts, launchBrowser, newContext, openPage, serveTestApp, type WatchedPage, checkPage } from '../harness/browser.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';

const NOW = '2027-02-20T12:00:00Z';
const CLOSES = new Date('2027-03-08T11:00:00Z');
/** Pages that answer 4xx on purpose (a form with errors): Chromium logs the document's status. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of 400 \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/(panel|bedoemmelse)[/?)]/;

const SUMMARIES = [
  'Patienter skriver selv i deres journal. De kan se, hvad lægen skriver. Det giver ro.',
  'Pårørende mødes på en café på sygehuset. De taler med hinanden og med personalet.',
  'Borgere sidder i et panel. De giver råd om, hvordan psykiatrien kan blive bedre.',
];

describe('the patient panel in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];
  let editionId: number;
  const nominees: { id: number; title: string }[] = [];
  let anna: number;
  let bent: number;
  let chair: number;
  let admin: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner'));
    const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
    const e = await buildEdition(db, {
      awardId: award!.id,
      year: 2091,
      theme: 'Borgerinddragelse',
      opensAt: new Date('2027-01-10T11:00:00Z'),
      closesAt: new Date('2027-02-01T11:00:00Z'),
      nomineesPublishedAt: new Date('2027-02-10T11:00:00Z'),
      votingOpensAt: new Date('2027-02-15T11:00:00Z'),
      votingClosesAt: CLOSES,
      winnerAnnouncedAt: new Date('2027-03-20T11:00:00Z'),
      hasPatientPanel: true,
    });
    editionId = e.id;
    const titles = ['Patienter skriver selv med', 'Pårørendecafé', 'Borgerpanel i psykiatrien'];
    for (const [i, title] of titles.entries()) {
      const n = await buildNomination(db, { editionId, title, nomineeUnit: 'Psykiatrien', nomineeOrganisation: 'Region Nordjylland' });
      nominees.push({ id: n.id, title });
      await db.insert(nomineeSummaries).values({ nominationId: n.id, text: SUMMARIES[i]!, lix: lix(SUMMARIES[i]!).lix!, updatedAt: new Date(NOW) });
    }
    await db.insert(shortlists).values({ editionId, decidedAt: new Date('2027-02-10T09:00:00Z') });
    await db.insert(shortlistEntries).values(nominees.map((n, i) => ({ editionId, nominationId: n.id, position: i + 1 })));
    anna = (await buildMember(db, { editionId, role: 'panel', email: 'anna@example.dk', name: 'Anna Borger' })).userId;
    bent = (await buildMember(db, { editionId, role: 'panel', email: 'bent@example.dk', name: 'Bent Borger' })).userId;
    chair = (await buildMember(db, { editionId, role: 'committee', isChair: true, email: 'formand@example.dk', name: 'Frida Formand' })).userId;
    admin = (await createUser(db, { email: 'admin@example.dk', name: 'Admin DR', adminOf: [org!.id] })).id;
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function signedIn(userId: number, options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    const s = await sessionFor(server.database.db, userId, server.clock.now());
    await c.addCookies([{ name: s.name, value: s.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    return c;
  }

  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).click()]);
    return res?.status() ?? 0;
  }

  const select = (page: Page, nomineeIndex: number, place: string) => page.selectOption(`#place-${nominees[nomineeIndex]!.id}`, place);

  test('on a phone: from "Mine udgaver" to the ballot, an error, "Tjek din rangering" and the receipt', async () => {
    const ctx = await signedIn(anna, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto('/mine-udgaver', { waitUntil: 'load' });
    await check(watched, 'mine udgaver');
    await page.locator('#panel-ballot-links a').click();
    await page.waitForLoadState('load');
    await check(watched, 'ballot');
    assert.equal(await page.locator('h1').innerText(), 'Ranger de nominerede');
    assert.equal(await page.locator('.panel-nominee').count(), 3);
    assert.match(await page.locator('main').innerText(), /Det giver ro\./);
    // No horizontal scrolling on a phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'fits the phone');

    await select(page, 0, '1');
    await select(page, 1, '1');
    assert.equal(await submit(page, '.panel-ballot button[type=submit]'), 400);
    assert.match(await page.title(), /^Fejl: Ranger de nominerede/);
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', undefined, { timeout: 5_000 });
    assert.match(await page.locator('#error-summary').innerText(), /Placering 1 er brugt mere end én gang/);
    assert.match(await page.locator('#error-summary').innerText(), /Vælg en placering for «Borgerpanel i psykiatrien»/);
    assert.equal(await page.locator(`#place-${nominees[0]!.id}`).inputValue(), '1', 'the choices are kept');
    await check(watched, 'ballot with errors');

    await select(page, 1, '2');
    await select(page, 2, '3');
    assert.equal(await submit(page, '.panel-ballot button[type=submit]'), 200);
    assert.equal(await page.locator('h1').innerText(), 'Tjek din rangering');
    assert.deepEqual(await page.locator('#checked-ranking li').allInnerTexts(), ['Patienter skriver selv med', 'Pårørendecafé', 'Borgerpanel i psykiatrien']);
    await check(watched, 'check page');

    assert.equal(await submit(page, 'button:has-text("Afgiv stemme")'), 200);
    assert.match(new URL(page.url()).pathname, /\/kvittering$/);
    assert.match(await page.locator('main').innerText(), /Tak for din stemme\. Du kan ændre den indtil 8\. marts 2027 kl\. 12\.00\./);
    await check(watched, 'receipt');
  });

  test('without JavaScript: rank, check and cast a ballot', async () => {
    const ctx = await signedIn(bent, { javaScriptEnabled: false });
    const watched = await openPage(ctx);
    const { page } = watched;
    await page.goto(`/panel/udgaver/${editionId}`, { waitUntil: 'load' });
    // The ballot and check pages carry a fresh CSRF token per request, so they cannot be loaded
    // again for expectAccessibleWithoutScripts; the same server-rendered pages were checked with
    // axe in the test above. Without JavaScript nothing is added to them.
    assert.equal(await page.locator('.panel-nominee select').count(), 3);
    await select(page, 0, '2');
    await select(page, 1, '1');
    await select(page, 2, '3');
    assert.equal(await submit(page, '.panel-ballot button[type=submit]'), 200);
    assert.deepEqual(await page.locator('#checked-ranking li').allInnerTexts(), ['Pårørendecafé', 'Patienter skriver selv med', 'Borgerpanel i psykiatrien']);
    assert.equal(await submit(page, 'button:has-text("Afgiv stemme")'), 200);
    assert.deepEqual(await page.locator('#my-ranking li').allInnerTexts(), ['Pårørendecafé', 'Patienter skriver selv med', 'Borgerpanel i psykiatrien']);
    await expectAccessibleWithoutScripts(page, browser, 'receipt (no JavaScript)');
    watched.expectNoProblems();
  });

  test("the administrators' panel page while voting is open, and the count after it has closed", async () => {
    const open = await openPage(await signedIn(admin));
    await open.page.goto(`/admin/udgaver/${editionId}/panel`, { waitUntil: 'load' });
    await check(open, 'admin panel page (open)');
    assert.match(await open.page.locator('#voted-of').innerText(), /2 af 2 medlemmer af patientpanelet har stemt\./);
    assert.match(await open.page.locator('#tally-status').innerText(), /Der er afgivet 2 stemmer\./);
    assert.match(await open.page.locator(`#summary-${nominees[0]!.id}-lix`).innerText(), /^LIX \d+ \(/);

    server.clock.set(CLOSES);
    const closed = await openPage(await signedIn(admin));
    await closed.page.goto(`/admin/udgaver/${editionId}/panel`, { waitUntil: 'load' });
    await check(closed, 'admin panel page (closed)');
    assert.match(await closed.page.locator('#tally-outcome').innerText(), /Stemmelighed mellem Patienter skriver selv med, Pårørendecafé\./);
    assert.equal(await closed.page.locator('#tally-d tbody tr').count(), 3);
  });

  test('the chair breaks the tie', async () => {
    const watched = await openPage(await signedIn(chair));
    const { page } = watched;
    await page.goto(`/mine-udgaver/${editionId}`, { waitUntil: 'load' });
    await check(watched, 'chair edition page');
    await page.locator('#winner-decision-link').click();
    await page.waitForLoadState('load');
    await check(watched, 'winner page');
    assert.equal(await submit(page, 'button:has-text("Gem afgørelse")'), 400);
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', undefined, { timeout: 5_000 });
    await check(watched, 'winner page with error');
    await page.check(`#winner-${nominees[1]!.id}`);
    assert.equal(await submit(page, 'button:has-text("Gem afgørelse")'), 200);
    assert.match(await page.locator('main').innerText(), /Afgørelsen er gemt: Pårørendecafé vinder\./);
    await check(watched, 'winner page after the decision');
  });
});
