/**
 * The administration's front page and a round's dashboard in a real Chromium, at desktop and
 * phone width and without JavaScript: axe-core finds no WCAG 2.0/2.1 A or AA violation, nothing
 * goes wrong in the browser, the table of rounds scrolls inside its container on a phone (the
 * page does not widen), and an administrator follows /admin → the dashboard → what waits.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { awards, conflictsOfInterest, nominations, organisations } from '../../src/db/schema.js';
import { copenhagen } from '../../src/platform/time.js';
import { createUser } from '../harness/accounts.js';
import { launchBrowser, newContext, signInContext, visitPage } from '../harness/browser.js';
import { buildEdition, buildMember } from '../harness/factories.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const DESKTOP = { viewport: { width: 1280, height: 900 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;

describe('rounds in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let adminId: number;
  let round: number;
  let draft: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW)]);
    const db = server.db;
    const rm = (await db.select().from(organisations)).find((o) => o.slug === 'region-midtjylland')!.id;
    adminId = (await createUser(db, { email: 'rounds.e2e@example.dk', name: 'Runa Admin', adminOf: [rm] })).id;
    const [award] = await db
      .insert(awards)
      .values({ organisationId: rm, slug: 'overblikprisen', name: 'Overblikprisen', summary: 'Til prøve.', description: 'Til prøve.', establishedYear: 2020 })
      .returning({ id: awards.id });
    const e = await buildEdition(
      db,
      {
        awardId: award!.id,
        year: 2026,
        theme: 'Nærhed',
        opensAt: copenhagen(2026, 9, 1, 12),
        closesAt: copenhagen(2026, 10, 1, 12),
        reviewClosesAt: copenhagen(2026, 11, 27, 16, 30),
        nomineesPublishedAt: copenhagen(2026, 12, 15, 12),
        votingOpensAt: copenhagen(2026, 12, 20, 12),
        votingClosesAt: copenhagen(2027, 1, 10, 12),
        winnerAnnouncedAt: copenhagen(2027, 1, 15, 12),
        hasPatientPanel: true,
      },
      { criteria: [{ title: 'Nyt' }, { title: 'Værdi' }] },
    );
    round = e.id;
    const sent = await db
      .insert(nominations)
      .values(
        (['pending', 'eligible', 'eligible'] as const).map((screening, i) => ({
          editionId: e.id,
          status: 'sent' as const,
          screening,
          nomineeConsent: i === 1 ? ('accepted' as const) : ('pending' as const),
          receiptNumber: `OVB-${i + 1}`,
          accessTokenHash: createHash('sha256').update(`overblik-${i}`).digest('hex'),
          title: `Løsning ${i + 1}`,
          nomineeEmail: `kandidat-${i + 1}@example.dk`,
          sentAt: new Date('2026-09-15T10:00:00Z'),
        })),
      )
      .returning({ id: nominations.id });
    const member = await buildMember(db, { editionId: e.id, role: 'committee', isChair: true });
    await buildMember(db, { editionId: e.id, role: 'committee' });
    await db.insert(conflictsOfInterest).values({
      memberId: member.memberId,
      nominationId: sent[1]!.id,
      origin: 'flagged',
      flag: 'same-unit',
      status: 'pending',
      createdAt: new Date('2026-10-02T10:00:00Z'),
    });
    draft = (await buildEdition(db, { awardId: award!.id, year: 2027, publishedAt: null })).id;
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function signedIn(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return signInContext(c, server.db, adminId, server.clock.now(), server.baseUrl);
  }

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`/admin, the dashboard and a draft's dashboard pass axe at ${size} width`, async () => {
      const ctx = await signedIn(options);
      const overview = await visitPage(ctx, '/admin');
      assert.equal(await overview.page.locator('h1').innerText(), 'Administration');
      // The page itself never scrolls sideways; wide tables scroll in their own container.
      const widths = await overview.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `page width ${widths[0]} within the window ${widths[1]}`);
      const dashboard = await visitPage(ctx, `/admin/udgaver/${round}`);
      assert.equal(await dashboard.page.locator('h1').innerText(), 'Overblik: Overblikprisen 2026');
      const waiting = await dashboard.page.locator('section[aria-labelledby="waiting-heading"] li').allInnerTexts();
      assert.deepEqual(waiting, [
        '1 indstilling venter på screening',
        '2 indstillede har ikke svaret på samtykke',
        '2 af 2 komitémedlemmer mangler at bedømme',
        '1 mulig inhabilitet er hverken bekræftet eller afvist',
        'De nominerede er ikke valgt endnu (formanden vælger dem)',
      ]);
      const draftPage = await visitPage(ctx, `/admin/udgaver/${draft}`);
      assert.equal(await draftPage.page.locator('.badge').innerText(), 'Kladde');
    });
  }

  test('an administrator goes from /admin to the dashboard and on to what waits', async () => {
    const ctx = await signedIn(DESKTOP);
    const watched = await visitPage(ctx, '/admin');
    const { page } = watched;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`a[href="/admin/udgaver/${round}"]`).click()]);
    assert.equal(new URL(page.url()).pathname, `/admin/udgaver/${round}`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: '1 indstilling venter på screening' }).click()]);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `/admin/udgaver/${round}/indstillinger?screening=afventer`);
    watched.expectNoProblems();
  });

  test('without JavaScript: the same pages with every link, and what waits is reached by following one', async () => {
    // axe runs on these pages above; the sign-out form's CSRF token differs per request, so the
    // no-JS DOM cannot be compared with a scripted copy (expectAccessibleWithoutScripts).
    const ctx = await signedIn({ ...DESKTOP, javaScriptEnabled: false });
    const page = await ctx.newPage();
    assert.equal((await page.goto('/admin', { waitUntil: 'load' }))?.status(), 200);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`a[href="/admin/udgaver/${round}"]`).click()]);
    assert.equal(await page.locator('section[aria-labelledby="waiting-heading"] a').count(), 5);
    assert.equal(await page.locator('section[aria-labelledby="exports-heading"] a').count(), 4);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('section[aria-labelledby="waiting-heading"] a[href$="/bedoemmelse"]').first().click(),
    ]);
    assert.equal(new URL(page.url()).pathname, `/admin/udgaver/${round}/bedoemmelse`);
  });
});
