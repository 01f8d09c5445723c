/**
 * Publication in a real Chromium: the edition page with its nominees and winner, and the
 * archive, in Danish and English, each checked with axe-core (WCAG 2.1 A and AA) and without
 * console errors, CSP violations or failed requests; the footer leads to the archive.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { awards, editions } from '../../src/db/schema.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { ballots } from '../../src/panel/panel.schema.js';
import { expectAccessible, launchBrowser, newContext, serveTestApp, type WatchedPage, visitPage } from '../harness/browser.js';
import { buildNomination } from '../harness/factories.js';

const PAGE = '/priser/aarets-borgerinddragende-initiativ/2021';

describe('publication in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  let danish: BrowserContext;
  let english: BrowserContext;
  let nomineesAt: Date;
  let winnerAt: Date;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveTestApp('2026-11-24T12:00:00Z')]);
    const db = server.database.db;
    const [row] = await db
      .select({ edition: editions })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'aarets-borgerinddragende-initiativ'), eq(editions.year, 2021)));
    const editionId = row!.edition.id;
    nomineesAt = row!.edition.nomineesPublishedAt!;
    winnerAt = row!.edition.winnerAnnouncedAt!;
    await db.update(editions).set({ filmUrl: 'https://film.example.dk/vinder' }).where(eq(editions.id, editionId));
    const at = new Date('2020-12-01T10:00:00Z');
    const ids: number[] = [];
    for (const [title, consent] of [
      ['Patientstemmer i sengeafsnittet', 'accepted'],
      ['Pårørendecafé', 'declined'],
      ['Borgerpanel om ventetid', 'pending'],
    ] as const) {
      ids.push(
        (
          await buildNomination(
            db,
            { editionId, title, nomineeNames: `Team ${title}`, nomineeConsent: consent, nomineeOrganisation: 'Aarhus Universitetshospital' },
            { at },
          )
        ).id,
      );
    }
    await db.insert(shortlists).values({ editionId, decidedAt: at });
    await db.insert(shortlistEntries).values(ids.map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
    await db.insert(ballots).values([1, 2, 3].map((i) => ({ editionId, voterKey: `v${i}`, ranking: [ids[1]!, ids[0]!, ids[2]!] })));
    danish = await newContext(browser, server.baseUrl);
    english = await newContext(browser, server.baseUrl, { locale: 'en-GB' });
    await english.addCookies([{ name: 'lang', value: 'en', url: server.baseUrl }]);
  });

  after(async () => {
    await danish?.close().catch(() => {});
    await english?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const visit = (ctx: BrowserContext, path: string): Promise<WatchedPage> => visitPage(ctx, path);

  test('before the nominees instant the page says when they come; the archive says not yet', async () => {
    server.clock.set(new Date(nomineesAt.getTime() - 1));
    const { page } = await visit(danish, PAGE);
    const main = await page.locator('main').innerText();
    assert.ok(main.includes('De nominerede offentliggøres 15. februar 2021 kl. 12.00.'));
    assert.ok(!main.includes('Pårørendecafé'));
    await page.close();
  });

  test('after the winner instant: winner, nominees and film on the edition page, in Danish and English', async () => {
    server.clock.set(winnerAt);
    const da = await visit(danish, PAGE);
    // The winner is the round's status: a success alert naming it (issue 14, item 8).
    assert.equal(await da.page.locator('.alert-success.edition-status .alert-heading').innerText(), 'Vinderen er offentliggjort');
    assert.equal(await da.page.locator('.alert-success.edition-status #winner strong').innerText(), 'Pårørendecafé');
    assert.equal(await da.page.locator('.nominee-list > li').count(), 3);
    assert.equal(await da.page.getByRole('link', { name: 'Se filmen om vinderen' }).getAttribute('href'), 'https://film.example.dk/vinder');
    const main = await da.page.locator('main').innerText();
    assert.ok(main.includes('Team Patientstemmer i sengeafsnittet'));
    assert.ok(!main.includes('Team Pårørendecafé') && !main.includes('Team Borgerpanel om ventetid'));
    await da.page.close();

    const en = await visit(english, PAGE);
    assert.equal(await en.page.locator('.edition-status .alert-heading').innerText(), 'Winner announced');
    assert.match(await en.page.locator('#winner').innerText(), /^The winner: Pårørendecafé/);
    assert.ok((await en.page.locator('main').innerText()).includes('The committee has nominated 3 solutions.'));
    await en.page.close();
  });

  test('the footer leads to the archive, which lists every award by year with nominees and winner', async () => {
    server.clock.set(winnerAt);
    const front = await visit(danish, '/');
    await Promise.all([front.page.waitForURL('**/arkiv'), front.page.locator('footer').getByRole('link', { name: 'Arkiv' }).click()]);
    await expectAccessible(front.page, '/arkiv (from the footer)');
    assert.equal(await front.page.locator('h1').innerText(), 'Arkiv: alle år, nominerede og vindere');
    const row2021 = front.page.locator('tr', { has: front.page.getByRole('link', { name: '2021', exact: true }) });
    assert.match(await row2021.innerText(), /Digitalisering\s+Pårørendecafé/);
    front.expectNoProblems();
    await front.page.close();

    const en = await visit(english, '/arkiv');
    assert.equal(await en.page.locator('h1').innerText(), 'Archive: every year, nominees and winners');
    await en.page.close();

    const feed = await fetch(`${server.baseUrl}/feeds/vindere.atom`);
    assert.equal(feed.status, 200);
    assert.ok((await feed.text()).includes('<title>Årets Borgerinddragende Initiativ 2021: Pårørendecafé</title>'));
  });
});
