/**
 * Outreach's pages in a real Chromium, at desktop width (with JavaScript) and phone width
 * (without): "Send besked" (form, refusal, preview, receipt) for an administrator, and "Få
 * besked, når der åbnes" (the award page's link, the sign-up with a refusal, the answer, the
 * confirmation and the unsubscribe pages) for a visitor. axe-core finds no WCAG 2.1 A or AA
 * violation on any of them and nothing goes wrong in the browser.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { awards, openingSubscriptions, organisations, outboxMessages } from '../../src/db/schema.js';
import { DEVELOPMENT_BALLOT_KEY } from '../../src/config.js';
import { unsubscribeToken } from '../../src/outreach/outreach-rules.js';
import { outreachUrls } from '../../src/outreach/urls.js';
import { createUser } from '../harness/accounts.js';
import { checkPage, launchBrowser, newContext, openPage, signInContext, visitPage } from '../harness/browser.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const DESKTOP = { viewport: { width: 1280, height: 900 } } satisfies BrowserContextOptions;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;
/** A refused form answers 400 (or 409): the browser logs that status, which is meant. */
const REFUSED = /status of 40[09]/;

describe('outreach in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let adminId: number;
  let round: number;
  let rm: number;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW)]);
    const db = server.db;
    rm = (await db.select().from(organisations)).find((o) => o.slug === 'region-midtjylland')!.id;
    adminId = (await createUser(db, { email: 'outreach.e2e@example.dk', name: 'Olga Admin', adminOf: [rm] })).id;
    const [award] = await db
      .insert(awards)
      .values({ organisationId: rm, slug: 'beskedprisen', name: 'Beskedprisen', summary: 'Til prøve.', description: 'Til prøve.', establishedYear: 2020 })
      .returning({ id: awards.id });
    const now = server.clock.now();
    const e = await buildEdition(db, {
      awardId: award!.id,
      year: 2027,
      opensAt: new Date(now.getTime() - 10 * 86_400_000),
      closesAt: new Date(now.getTime() + 10 * 86_400_000),
      nomineesPublishedAt: new Date(now.getTime() + 40 * 86_400_000),
      winnerAnnouncedAt: new Date(now.getTime() + 80 * 86_400_000),
    });
    round = e.id;
    for (let i = 0; i < 4; i++) await buildNomination(db, { editionId: e.id, nominatorEmail: `e2e-${i}@example.dk` });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const context = async (options: BrowserContextOptions) => {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  };

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`"Send besked": form, refusal, preview and receipt pass axe at ${size}`, async () => {
      const ctx = await signInContext(await context(options), server.db, adminId, server.clock.now(), server.baseUrl);
      const dashboard = await visitPage(ctx, `/admin/udgaver/${round}`);
      await dashboard.page.getByRole('link', { name: 'Send besked til indstillere, komité eller panel' }).click();
      await checkPage(dashboard, 'messages form');
      const { page } = dashboard;
      assert.equal(await page.locator('h1').innerText(), 'Send besked: Beskedprisen 2027');
      // Nothing chosen or written: the summary links each field; the page title says "Fejl".
      await page.getByRole('button', { name: 'Se beskeden, før du sender' }).click();
      await checkPage(dashboard, 'messages form with errors', REFUSED);
      assert.match(await page.title(), /^Fejl: /);
      assert.deepEqual(await page.locator('#error-summary a').allInnerTexts(), ['Vælg, hvem der skal have beskeden', 'Skriv et emne', 'Skriv en besked']);
      await page.getByLabel('Alle, der har sendt en indstilling').check();
      await page.locator('#subject').fill(`Fristen nærmer sig (${size})`);
      await page.locator('#body').fill('Hej\n\n<b>Husk</b> at tjekke dine oplysninger.');
      await page.getByRole('button', { name: 'Se beskeden, før du sender' }).click();
      await checkPage(dashboard, 'preview', REFUSED);
      assert.equal(await page.locator('#recipient-count').innerText(), 'Beskeden sendes til 4 personer: alle, der har sendt en indstilling.');
      assert.equal(await page.locator('#preview-body').innerText(), 'Hej\n\n<b>Husk</b> at tjekke dine oplysninger.');
      await page.getByRole('button', { name: 'Send til 4 personer' }).click();
      await checkPage(dashboard, 'sent', REFUSED);
      assert.equal(await page.locator('h1').innerText(), 'Beskeden er sendt');
    });

    test(`"Få besked, når der åbnes": award page, sign-up, answer, confirmation and unsubscription pass axe at ${size}`, async () => {
      const db = server.db;
      const slug = `tilmeld-${size.startsWith('desktop') ? 'd' : 'p'}`;
      await db
        .insert(awards)
        .values({ organisationId: rm, slug, name: `Tilmeldprisen ${size}`, summary: 'Til prøve.', description: 'Til prøve.', establishedYear: 2020 });
      const ctx = await context(options);
      const award = await visitPage(ctx, `/priser/${slug}`);
      const { page } = award;
      await page.getByRole('link', { name: 'Få besked på e-mail' }).click();
      await checkPage(award, 'sign-up');
      await page.locator('#email').fill('ikke-en-adresse');
      await page.getByRole('button', { name: 'Send mig et bekræftelseslink' }).click();
      await checkPage(award, 'sign-up with an error', REFUSED);
      assert.deepEqual(await page.locator('#error-summary a').allInnerTexts(), ['Skriv en e-mail i formen navn@eksempel.dk']);
      await page.locator('#email').fill(`${slug}@example.dk`);
      await page.getByRole('button', { name: 'Send mig et bekræftelseslink' }).click();
      await checkPage(award, 'check your e-mail', REFUSED);
      assert.equal(await page.locator('h1').innerText(), 'Tjek din e-mail');

      const [sub] = await db
        .select()
        .from(openingSubscriptions)
        .where(eq(openingSubscriptions.email, `${slug}@example.dk`));
      const [mail] = await db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.about, `opening-subscription:${sub!.id}`))
        .orderBy(asc(outboxMessages.id));
      const confirm = new URL(/http\S+\/faa-besked\/bekraeft\/\S+/.exec(mail!.textBody)![0]!).pathname;
      const confirmPage = await visitPage(ctx, confirm);
      await confirmPage.page.getByRole('button', { name: 'Bekræft' }).click();
      await checkPage(confirmPage, 'confirmed');
      assert.equal(await confirmPage.page.locator('h1').innerText(), 'Du er tilmeldt');

      const unsubscribe = await visitPage(ctx, outreachUrls.unsubscribe({ token: unsubscribeToken(DEVELOPMENT_BALLOT_KEY, sub!) }));
      await unsubscribe.page.getByRole('button', { name: 'Afmeld' }).click();
      await checkPage(unsubscribe, 'unsubscribed');
      assert.equal(await unsubscribe.page.locator('h1').innerText(), 'Du er afmeldt');
      const invalid = await openPage(ctx);
      const res = await invalid.page.goto(outreachUrls.confirmSubscription({ token: 'x'.repeat(43) }));
      assert.equal(res?.status(), 404);
      await checkPage(invalid, 'invalid link', /status of 404/);
    });
  }

  test('both flows work without JavaScript', async () => {
    const ctx = await signInContext(await context({ ...DESKTOP, javaScriptEnabled: false }), server.db, adminId, server.clock.now(), server.baseUrl);
    const page = await ctx.newPage();
    await page.goto(outreachUrls.messages({ id: round }));
    await page.getByLabel('Alle, der har sendt en indstilling').check();
    await page.locator('#subject').fill('Uden JavaScript');
    await page.locator('#body').fill('Det virker også sådan.');
    await page.getByRole('button', { name: 'Se beskeden, før du sender' }).click();
    await page.getByRole('button', { name: 'Ret beskeden' }).click();
    assert.equal(await page.locator('#body').inputValue(), 'Det virker også sådan.', 'the text comes back to be corrected');
    await page.getByRole('button', { name: 'Se beskeden, før du sender' }).click();
    await page.getByRole('button', { name: 'Send til 4 personer' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Beskeden er sendt');
    await page.goto('/priser/beskedprisen/faa-besked');
    await page.locator('#email').fill('uden-js@example.dk');
    await page.getByRole('button', { name: 'Send mig et bekræftelseslink' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Tjek din e-mail');
  });
});
