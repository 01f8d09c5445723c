/**
 * Members and API tokens in a real Chromium: the administrators' members page (empty, with an
 * error and a focused error summary, after an invitation, after a removal), the invited
 * member's way in through the e-mailed link to "Mine udgaver" and their edition, and the API
 * tokens page (a token shown once, listed, revoked). Every page is checked with axe-core
 * against WCAG 2.0/2.1 A and AA and must load without console errors, CSP violations or
 * failed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { awards, editions, organisations, outboxMessages } from '../../src/db/schema.js';
import { launchBrowser, newContext, serveTestApp, type WatchedPage, checkPage, visitPage, signInContext } from '../harness/browser.js';
import { createUser } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
/** Pages that answer 4xx on purpose (a form with errors): Chromium logs the document's status. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|409) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/(admin|min-side)[/?)]/;

describe('members and API tokens in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];
  let admin: BrowserContext;
  let edition: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
    const [row] = await db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(eq(awards.slug, 'initiativprisen'))
      .orderBy(desc(editions.year))
      .limit(1);
    edition = row!.id;
    await buildNomination(db, { editionId: edition, title: 'Hurtigere svar på blodprøver', screening: 'eligible', receiptNumber: 'IP-2024-0001' });
    await buildNomination(db, { editionId: edition, title: 'Ikke screenet endnu', receiptNumber: 'IP-2024-0002' });
    await createUser(db, {
      email: 'eksisterende@example.dk',
      name: 'Karen Komité',
      members: [{ editionId: edition, role: 'committee', isChair: true, represents: 'Danske Patienter' }],
    });
    const user = await createUser(db, { email: 'admin@example.dk', name: 'Admin RM', adminOf: [org!.id] });
    admin = await signedInContext(user.id);
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

  const signedInContext = async (userId: number): Promise<BrowserContext> =>
    signInContext(await context(), server.database.db, userId, server.clock.now(), server.baseUrl);

  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  const visit = (ctx: BrowserContext, path: string, status = 200) => visitPage(ctx, path, { status, allow: EXPECTED_DOCUMENT_STATUS });

  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).click()]);
    return res?.status() ?? 0;
  }

  const focusedIsErrorSummary = (page: Page) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });

  test('the members page: the overview links to it; an error with a focused summary; an invitation; a removal', async () => {
    const watched = await visit(admin, '/admin');
    const { page } = watched;
    await page.locator(`a[href="/admin/udgaver/${edition}/medlemmer"]`).click();
    await page.waitForLoadState('load');
    await check(watched, 'members page');
    assert.equal(await page.locator('h1').innerText(), 'Komité og patientpanel: Initiativprisen 2024');
    assert.deepEqual(await page.locator('#committee-table tbody tr').first().locator('th, td').allInnerTexts(), [
      'Karen Komité',
      'eksisterende@example.dk',
      'Danske Patienter',
      'Formand',
      await page.locator('#committee-table tbody tr td:nth-child(5)').first().innerText(),
      'Fjern',
    ]);

    await page.check('#role-panel');
    await page.check('#isChair');
    await page.fill('#partyLetter', 'V');
    await page.fill('#represents', 'KL');
    assert.equal(await submit(page, '.member-invite button[type=submit]'), 400);
    assert.match(await page.title(), /^Fejl: /);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('#name-error').innerText(), /Skriv personens navn/);
    assert.match(await page.locator('#isChair-error').innerText(), /Kun et medlem af komitéen kan være formand/);
    assert.equal(await page.isChecked('#role-panel'), true, 'the choice is kept');
    await check(watched, 'members page with errors');
    await page.locator('[data-module="error-summary"] a').first().click();
    await page.waitForFunction(() => document.activeElement?.id === 'name');

    await page.fill('#name', 'Pia Panel');
    await page.fill('#email', 'pia.panel@example.dk');
    await page.uncheck('#isChair');
    await page.fill('#partyLetter', '');
    assert.equal(await submit(page, '.member-invite button[type=submit]'), 200);
    assert.match(await page.locator('main').innerText(), /Vi har sendt en invitation til pia\.panel@example\.dk\./);
    // Not a member until the invitation is accepted: listed among the invitations.
    assert.equal(await page.locator('#panel-table').count(), 0);
    assert.deepEqual(await page.locator('#invitations-table tbody th').allInnerTexts(), ['Pia Panel']);
    assert.match(await page.locator('#invitations-table tbody td').nth(1).innerText(), /^Patientpanelet$/);
    await check(watched, 'members page after an invitation');

    await page.locator('#invitations-table button', { hasText: 'Træk tilbage' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /Invitationen er trukket tilbage/);
    assert.equal(await page.locator('#invitations-table').count(), 0);
    await check(watched, 'members page after withdrawing an invitation');
  });

  test('an invited member accepts with the e-mailed link, is signed in and sees "Mine udgaver" and their edition', async () => {
    const adminPage = await visit(admin, `/admin/udgaver/${edition}/medlemmer`);
    await adminPage.page.fill('#name', 'Mads Medlem');
    await adminPage.page.fill('#email', 'mads.medlem@example.dk');
    await adminPage.page.check('#role-committee');
    await adminPage.page.fill('#partyLetter', 'A');
    assert.equal(await submit(adminPage.page, '.member-invite button[type=submit]'), 200);

    const [mail] = await server.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'member-invitation'), eq(outboxMessages.toAddress, 'mads.medlem@example.dk')))
      .orderBy(desc(outboxMessages.id));
    const m = /http:\/\/prisportal\.test(\/invitation\/\S+)/.exec(mail!.textBody);
    assert.ok(m, mail!.textBody);

    const member = await context();
    const watched = await visit(member, m[1]!);
    const { page } = watched;
    assert.equal(await page.locator('h1').innerText(), 'Tag imod invitationen');
    await check(watched, 'accepting an invitation');
    assert.equal(await submit(page, 'main form button[type=submit]'), 200);
    assert.equal(new URL(page.url()).pathname, `/mine-udgaver/${edition}`);
    assert.equal(await page.locator('h1').innerText(), 'Initiativprisen 2024');
    assert.deepEqual(await page.locator('#eligible-nominations li').allInnerTexts(), ['Hurtigere svar på blodprøver']);
    await check(watched, 'member edition page');

    await page.locator('nav a', { hasText: 'Mine udgaver' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').innerText(), 'Mine udgaver');
    assert.deepEqual(await page.locator('#my-editions tbody th').allInnerTexts(), ['Initiativprisen 2024']);
    await check(watched, 'mine udgaver');

    await page.goto('/min-side', { waitUntil: 'load' });
    await page.locator('main a', { hasText: 'Mine udgaver' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/mine-udgaver');
  });

  test('the API tokens page: a token shown once, listed, revoked', async () => {
    const watched = await visit(admin, '/min-side/api-noegler');
    const { page } = watched;
    assert.equal(await page.locator('h1').innerText(), 'API-nøgler');
    assert.match(await page.locator('main').innerText(), /Du har ingen API-nøgler\./);

    assert.equal(await submit(page, 'main form[action="/min-side/api-noegler"] button[type=submit]'), 400);
    await focusedIsErrorSummary(page);
    await check(watched, 'api tokens with an error');

    await page.fill('#token-name', 'Rapport-script');
    assert.equal(await submit(page, 'main form[action="/min-side/api-noegler"] button[type=submit]'), 200);
    const token = await page.locator('#new-token-value').innerText();
    assert.match(token, /^pp_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await page.locator('#api-tokens tbody th').allInnerTexts(), ['Rapport-script']);
    await check(watched, 'api tokens with a new token');

    const api = await fetch(`${server.baseUrl}/api/v1/admin/editions`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.status, 200);

    await page.goto('/min-side/api-noegler', { waitUntil: 'load' });
    assert.equal(await page.locator('#new-token-value').count(), 0, 'shown once');
    await page.locator('#api-tokens button', { hasText: 'Tilbagekald' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /Nøglen er tilbagekaldt/);
    await check(watched, 'api tokens after revoking');
    const refused = await fetch(`${server.baseUrl}/api/v1/admin/editions`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);
  });
});
