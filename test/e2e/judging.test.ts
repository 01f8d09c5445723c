/**
 * The committee's pages in a real Chromium: from "Mine udgaver" to the list with its progress
 * bar, a review form (saved; refused with a focused error summary), a flagged conflict, the
 * overview for the meeting (named and anonymised), the chair's shortlist (an error, then
 * saved), the administrators' overview and the edition setup page with the judging settings.
 * Every page is checked with axe-core against WCAG 2.0/2.1 A and AA and must load without
 * console errors, CSP violations or failed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { awards, organisations } from '../../src/db/schema.js';
import { launchBrowser, newContext, serveTestApp, type WatchedPage, checkPage, visitPage, signInContext } from '../harness/browser.js';
import { createUser } from '../harness/accounts.js';
import { buildNomination, buildEdition } from '../harness/factories.js';

const NOW = '2030-03-20T12:00:00Z';
/** Pages that answer 4xx on purpose (a form with errors): Chromium logs the document's status. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|409) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/bedoemmelse[/?)]/;

describe('the committee’s pages in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  const contexts: BrowserContext[] = [];
  let edition: number;
  let c1: number;
  const n: number[] = [];
  let chair: BrowserContext;
  let member: BrowserContext;
  let admin: BrowserContext;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp(NOW)]);
    const db = server.database.db;
    const [award] = await db.select().from(awards).where(eq(awards.slug, 'initiativprisen'));
    const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
    const e = await buildEdition(
      db,
      {
        awardId: award!.id,
        year: 2030,
        theme: 'Test',
        opensAt: new Date('2030-01-01T11:00:00Z'),
        closesAt: new Date('2030-03-01T11:00:00Z'),
        reviewStartsAt: new Date('2030-03-15T11:00:00Z'),
        reviewClosesAt: new Date('2030-04-15T10:00:00Z'),
        nomineesPublishedAt: new Date('2030-05-01T10:00:00Z'),
        winnerAnnouncedAt: new Date('2030-06-01T10:00:00Z'),
        nomineeCountMin: 2,
        nomineeCountMax: 2,
      },
      {
        criteria: [
          { title: 'Nyskabelse', description: 'Er løsningen ny?' },
          { title: 'Værdi for borgerne', description: 'Skaber den værdi?' },
        ],
      },
    );
    edition = e.id;
    c1 = e.criterionIds[0]!;
    const at = new Date('2030-02-01T10:00:00Z');
    for (const [i, title, org2] of [
      [1, 'Hurtigere svar på blodprøver', 'Aarhus Universitetshospital'],
      [2, 'Digital ventetid', 'Regionshospitalet Gødstrup'],
      [3, 'Pårørendecafé', 'Hospitalsenheden Vest'],
    ] as const) {
      n.push(
        (
          await buildNomination(db, {
            editionId: edition,
            screening: 'eligible',
            receiptNumber: `IP-2030-000${i}`,
            title,
            nomineeOrganisation: org2,
            sentAt: at,
          })
        ).id,
      );
    }
    const chairUser = await createUser(db, {
      email: 'formand@example.dk',
      name: 'Fie Formand',
      members: [{ editionId: edition, role: 'committee', isChair: true, partyLetter: 'A' }],
    });
    const memberUser = await createUser(db, {
      email: 'gitte@example.dk',
      name: 'Gitte Gødstrup',
      members: [{ editionId: edition, role: 'committee', represents: 'Regionshospitalet Gødstrup' }],
    });
    const adminUser = await createUser(db, { email: 'admin@example.dk', name: 'Admin RM', adminOf: [org!.id] });
    chair = await signedInContext(chairUser.id);
    member = await signedInContext(memberUser.id);
    admin = await signedInContext(adminUser.id);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function signedInContext(userId: number): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl);
    contexts.push(c);
    return signInContext(c, server.database.db, userId, server.clock.now(), server.baseUrl);
  }

  const check = (watched: WatchedPage, label: string) => checkPage(watched, label, EXPECTED_DOCUMENT_STATUS);

  const visit = (ctx: BrowserContext, path: string, status = 200) => visitPage(ctx, path, { status, allow: EXPECTED_DOCUMENT_STATUS });

  async function submit(page: Page, button: string): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(button).first().click()]);
    return res?.status() ?? 0;
  }

  const focusedIsErrorSummary = (page: Page) =>
    page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5_000 });

  test('a member goes from "Mine udgaver" to the list, scores a nomination, and sees the progress', async () => {
    const watched = await visit(chair, `/mine-udgaver/${edition}`);
    const { page } = watched;
    await page.locator('#review-link').click();
    await page.waitForLoadState('load');
    await check(watched, 'review list');
    assert.equal(await page.locator('h1').innerText(), 'Bedømmelse: Initiativprisen 2030');
    assert.equal(await page.locator('#review-progress-text').innerText(), '0 af 3 bedømt');
    await page.locator('#review-list a', { hasText: 'Hurtigere svar på blodprøver' }).click();
    await page.waitForLoadState('load');
    await check(watched, 'review form');
    await page.check(`#score-${c1}-4`);
    await page.locator('fieldset').nth(1).locator('input[value="5"]').check();
    await page.fill('#comment', 'Stærk indstilling.');
    assert.equal(await submit(page, 'form[data-review-form] button[type=submit]'), 200);
    assert.match(await page.locator('main').innerText(), /Du har givet point for alle kriterier/);
    assert.equal(await page.isChecked(`#score-${c1}-4`), true);
    await check(watched, 'review form after saving');

    // A value off the scale (sent by a changed page): refused, the summary focused, the text kept.
    await page.fill('#comment', 'Ændret kommentar');
    await page.evaluate((id) => {
      const input = document.getElementById(`score-${id}-5`) as HTMLInputElement;
      input.value = '9';
      input.checked = true;
    }, c1);
    assert.equal(await submit(page, 'form[data-review-form] button[type=submit]'), 400);
    assert.match(await page.title(), /^Fejl: /);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator(`#score-${c1}-error`).innerText(), /Point for „Nyskabelse“ skal være fra 1 til 5/);
    assert.equal(await page.inputValue('#comment'), 'Ændret kommentar');
    await check(watched, 'review form with an error');

    const list = await visit(chair, `/bedoemmelse/udgaver/${edition}`);
    assert.equal(await list.page.locator('#review-progress-text').innerText(), '1 af 3 bedømt');
  });

  test('a flagged conflict is shown for the member to confirm or dismiss', async () => {
    const watched = await visit(member, `/bedoemmelse/udgaver/${edition}/indstillinger/${n[1]}`);
    const { page } = watched;
    assert.match(await page.locator('#conflict-flag').innerText(), /Den organisation, du repræsenterer, er også kandidatens organisation/);
    assert.equal(await page.locator('form[data-review-form] button[type=submit]').count(), 0, 'no scoring while flagged');
    assert.equal(await submit(page, 'button[value="bekraeft"]'), 200);
    assert.match(await page.locator('main').innerText(), /Din inhabilitet er registreret/);
    await check(watched, 'review form with a confirmed conflict');
  });

  test('the overview for the meeting, named and anonymised', async () => {
    const watched = await visit(member, `/bedoemmelse/udgaver/${edition}/oversigt`);
    const { page } = watched;
    assert.match(await page.locator('#too-few').innerText(), /Kun 1 medlem har givet point/);
    assert.match(await page.locator('#overview-table').innerText(), /Skjult: du er inhabil/);
    await page.locator('#anonymous-link').click();
    await page.waitForLoadState('load');
    await check(watched, 'anonymised overview');
    assert.doesNotMatch(await page.locator('main').innerText(), /Fie Formand|Gitte Gødstrup/);
    await page.locator('nav a', { hasText: 'Titel' }).click();
    await page.waitForLoadState('load');
    await check(watched, 'overview sorted by title');
    assert.match(page.url(), /sorter=titel&anonym=1$/);
  });

  test('the overview carries the members’ comments and fits 1280 px without a sideways scroll (issue 14)', async () => {
    const watched = await visit(member, `/bedoemmelse/udgaver/${edition}/oversigt`);
    const { page } = watched;
    assert.equal(page.viewportSize()?.width, 1280);
    const widths = await page.evaluate(() => {
      const box = document.getElementById('overview-table')!.closest('.table--responsive-scroll') as HTMLElement;
      return { scroll: box.scrollWidth, client: box.clientWidth };
    });
    assert.ok(widths.scroll <= widths.client, `the table scrolls sideways: ${widths.scroll} > ${widths.client}`);
    // Per nomination: the comment is in a details row, closed until asked for (works without JavaScript: native <details>).
    assert.equal(await page.isVisible(`#comments-${n[0]} dd`), false);
    await page.locator(`#comments-${n[0]} summary`).click();
    assert.match(await page.locator(`#comments-${n[0]}`).innerText(), /Fie Formand\s+Stærk indstilling\./);
    // A comment keeps its line breaks and long words wrap, as every answer text does (the list's
    // class styles its <dd>s, not a class on each).
    assert.deepEqual(
      await page
        .locator(`#comments-${n[0]} dd`)
        .first()
        .evaluate((el) => [getComputedStyle(el).whiteSpace, getComputedStyle(el).overflowWrap]),
      ['pre-wrap', 'anywhere'],
    );
    await check(watched, 'overview with comments open');
    // Per member: each comment is written once, under its nomination; the member's link gathers
    // their comments on the page.
    assert.equal(await page.locator('#member-comments').count(), 0);
    await page.locator('#member-comment-links a', { hasText: 'Fie Formand' }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /medlem=\d+#member-comments$/);
    assert.match(await page.locator('#member-comments').innerText(), /IP-2030-0001 Hurtigere svar på blodprøver\s+Stærk indstilling\./);
    await check(watched, 'overview with a member’s comments gathered');
    const phone = await newContext(browser, server.baseUrl, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(phone);
    const memberUser = await server.database.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.email, 'gitte@example.dk') });
    await signInContext(phone, server.database.db, memberUser!.id, server.clock.now(), server.baseUrl);
    const small = await visit(phone, `/bedoemmelse/udgaver/${edition}/oversigt?anonym=1`);
    await small.page.locator(`#comments-${n[0]} summary`).click();
    assert.match(await small.page.locator(`#comments-${n[0]}`).innerText(), /Medlem \d\s+Stærk indstilling\./);
    await check(small, 'overview on a phone, anonymised, a comment open');
    await small.page.locator('#member-comment-links a').first().click();
    await small.page.waitForLoadState('load');
    assert.match(await small.page.locator('#member-comments').innerText(), /Kommentarer fra Medlem \d/);
    await check(small, 'overview on a phone, anonymised, a member’s comments gathered');
  });

  test('the chair records the nominees: only after closing the review early (confirmed), then a wrong count first, then two', async () => {
    const watched = await visit(chair, `/bedoemmelse/udgaver/${edition}/nominerede`);
    const { page } = watched;
    // The review is under way: no shortlist yet, but the chair may close the review early (issue 14).
    assert.match(await page.locator('#shortlist-waits').innerText(), /De nominerede kan registreres, når fristen for bedømmelse er udløbet/);
    assert.equal(await page.locator('input[name="nominerede"]').count(), 0);
    assert.equal(await submit(page, 'button >> text=Luk bedømmelsen'), 400);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('#close-confirm-error').innerText(), /Sæt kryds ved „Jeg vil lukke bedømmelsen nu“/);
    await check(watched, 'closing the review without confirming');
    await page.check('#close-confirm');
    assert.equal(await submit(page, 'button >> text=Luk bedømmelsen'), 200);
    assert.match(await page.locator('main').innerText(), /Bedømmelsen er lukket\. 2 medlemmer har fået besked på e-mail/);
    await check(watched, 'the review closed early');
    const told = await visit(member, `/bedoemmelse/udgaver/${edition}`);
    assert.match(await told.page.locator('#review-closed-early').innerText(), /Formanden lukkede bedømmelsen før fristen/);
    const phone = await newContext(browser, server.baseUrl, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(phone);
    const chairUser = await server.database.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.email, 'formand@example.dk') });
    await signInContext(phone, server.database.db, chairUser!.id, server.clock.now(), server.baseUrl);
    await visit(phone, `/bedoemmelse/udgaver/${edition}/indstillinger/${n[0]}`);
    await visit(phone, `/bedoemmelse/udgaver/${edition}/nominerede`);

    await page.locator(`input[value="${n[0]}"]`).check();
    assert.equal(await submit(page, 'form button[type=submit] >> text=Registrér de nominerede'), 400);
    await focusedIsErrorSummary(page);
    assert.match(await page.locator('#nominees-error').innerText(), /Vælg præcis 2 nominerede\. Du har valgt 1\./);
    assert.equal(await page.isChecked(`input[value="${n[0]}"]`), true, 'the choice is kept');
    await check(watched, 'shortlist with an error');
    await page.locator(`input[value="${n[2]}"]`).check();
    assert.equal(await submit(page, 'form button[type=submit] >> text=Registrér de nominerede'), 200);
    assert.deepEqual(await page.locator('#shortlist li').allInnerTexts(), ['IP-2030-0001 Hurtigere svar på blodprøver', 'IP-2030-0003 Pårørendecafé']);
    await check(watched, 'shortlist saved');
    const other = await visit(member, `/bedoemmelse/udgaver/${edition}/nominerede`);
    assert.match(await other.page.locator('main').innerText(), /Kun komitéens formand kan registrere de nominerede/);
  });

  test('the administrators’ overview and the judging settings of the edition', async () => {
    const watched = await visit(admin, `/admin/udgaver/${edition}/indstillinger`);
    const { page } = watched;
    await page.locator('#judging-overview-link').click();
    await page.waitForLoadState('load');
    await check(watched, 'admin overview');
    assert.match(await page.locator('#members-table').innerText(), /Fie Formand \(formand\)/);
    const setup = await visit(admin, `/admin/udgaver/${edition}/rediger`);
    assert.match(await setup.page.locator('#judging-settings legend').first().innerText(), /Komitéens bedømmelse/);
    assert.equal(await setup.page.inputValue('#reviewClosesAt-date'), '2030-04-15');
  });
});
