/**
 * Sign-in with a work account in a real Chromium, against a real OpenID Connect provider on
 * loopback: "Log ind med Region Midtjylland" on /log-ind, the provider's login form, back
 * signed in on /min-side. Also the refusal pages a person can meet (a replayed callback, a
 * cancelled sign-in, a provider not set up). Every Prisportal page visited passes axe-core
 * (WCAG 2.0/2.1 A and AA) without console errors, CSP violations or failed requests; the
 * provider's own pages are not ours and are not checked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { organisationAdmins, users } from '../../src/db/schema.js';
import { expectAccessible, launchBrowser, newContext, openPage, type WatchedPage } from '../harness/browser.js';
import { BROWSER_TEST_ENGINE } from '../harness/databases.js';
import { startOidcTestApp } from '../harness/oidc-provider.js';

const TENANT = '4f1a2b3c-0000-4000-8000-000000000001';
/** Chromium logs a main document's intended 4xx/5xx (a refusal page) as a console error. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|401|503) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/log-ind\/oidc\//;

describe('sign-in with a work account in Chromium', () => {
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startOidcTestApp>>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [browser, app] = await Promise.all([
      launchBrowser(),
      startOidcTestApp(BROWSER_TEST_ENGINE, {
        listen: true,
        tenantId: TENANT,
        adminEmails: ['mette.dahl@rm.dk'],
        accounts: [
          { sub: 'e2e-mette', email: 'mette.dahl@rm.dk', name: 'Mette Dahl', tid: TENANT },
          { sub: 'e2e-jens', email: 'jens.kruse@rm.dk', name: 'Jens Kruse', tid: TENANT },
        ],
      }),
    ]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.close();
  });

  async function context() {
    const c = await newContext(browser, app.baseUrl);
    contexts.push(c);
    return c;
  }

  /** axe on a Prisportal page, and nothing wrong in the browser (a refusal page's own status is allowed). */
  async function check(watched: WatchedPage, label: string) {
    assert.ok(watched.page.url().startsWith(app.baseUrl), `${label} is a Prisportal page`);
    await expectAccessible(watched.page, label);
    watched.expectNoProblems(EXPECTED_DOCUMENT_STATUS);
  }

  /** From /log-ind to the provider's login form. */
  async function toProvider(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Log ind med Region Midtjylland' }).click();
    await page.waitForURL(`${app.provider.issuer}/interaction/**`);
    assert.equal(await page.locator('h1').innerText(), 'Test-login');
  }

  const callbackOf = (page: Page) => page.waitForRequest((r) => r.url().startsWith(`${app.baseUrl}/log-ind/oidc/callback?`)).then((r) => r.url());

  test('click "Log ind med Region Midtjylland", log in at the provider, land signed in on Min side; the callback cannot be used again', async (t) => {
    const watched = await openPage(await context());
    const { page } = watched;
    const res = await page.goto('/log-ind', { waitUntil: 'load' });
    assert.equal(res?.status(), 200);
    await check(watched, '/log-ind');

    const started = Date.now();
    await toProvider(page);
    const callback = callbackOf(page);
    await page.getByLabel('Brugernavn').fill('mette.dahl@rm.dk');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${app.baseUrl}/min-side`);
    const took = Date.now() - started;
    assert.equal(await page.locator('h1').innerText(), 'Min side');
    assert.match(await page.locator('main').innerText(), /Du er logget ind som Mette Dahl \(mette\.dahl@rm\.dk\)/);
    assert.match(await page.locator('main').innerText(), /Du er administrator for/);
    await check(watched, '/min-side after OIDC sign-in');
    assert.ok(took < 10_000, `the round trip took ${took} ms`);
    t.diagnostic(`click to signed in on Min side: ${took} ms`);

    const [user] = await app.db
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, app.provider.issuer), eq(users.oidcSubject, 'e2e-mette')));
    assert.ok(user);
    assert.equal((await app.db.select().from(organisationAdmins).where(eq(organisationAdmins.userId, user.id))).length, 1);
    const cookies = await page.context().cookies(app.baseUrl);
    const session = cookies.find((c) => c.name === 'session');
    assert.ok(session?.httpOnly);
    assert.equal(cookies.filter((c) => c.name.startsWith('oidc_')).length, 0, 'the attempt cookie is gone');

    // The same callback again (back button, a copied URL): a plain refusal page, still signed in as before.
    const again = await page.goto(await callback, { waitUntil: 'load' });
    assert.equal(again?.status(), 400);
    assert.equal(await page.locator('h1').innerText(), 'Du blev ikke logget ind');
    assert.match(await page.locator('main').innerText(), /Start forfra/);
    await check(watched, 'replayed callback');
  });

  test('cancelling at the provider gives a plain page with a way to try again', async () => {
    const watched = await openPage(await context());
    const { page } = watched;
    await page.goto('/log-ind?tilbage=%2Fmin-side', { waitUntil: 'load' });
    await toProvider(page);
    await page.getByRole('button', { name: 'Afvis' }).click();
    await page.waitForURL(`${app.baseUrl}/log-ind/oidc/callback?**`);
    assert.equal(await page.locator('h1').innerText(), 'Du blev ikke logget ind');
    assert.match(await page.locator('main').innerText(), /Log ind blev afbrudt/);
    await check(watched, 'cancelled sign-in');

    // "Prøv igen" starts over at the provider, and this time it works.
    await page.getByRole('link', { name: 'Prøv igen' }).click();
    await page.waitForURL(`${app.provider.issuer}/interaction/**`);
    await page.getByLabel('Brugernavn').fill('e2e-jens');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${app.baseUrl}/min-side`);
    assert.match(await page.locator('main').innerText(), /Jens Kruse/);
  });

  test('a provider whose client secret is not set up is shown as unavailable', async () => {
    const secret = process.env[app.secretEnv];
    delete process.env[app.secretEnv];
    try {
      const watched = await openPage(await context());
      const { page } = watched;
      await page.goto('/log-ind', { waitUntil: 'load' });
      await page.getByRole('link', { name: 'Log ind med Region Midtjylland' }).click();
      await page.waitForURL(`${app.baseUrl}/log-ind/oidc/**`);
      assert.equal(await page.locator('h1').innerText(), 'Log ind med arbejdskonto virker ikke lige nu');
      await check(watched, 'provider not set up');
      await page.getByRole('link', { name: 'Til log ind' }).click();
      await page.waitForURL(`${app.baseUrl}/log-ind?**`);
    } finally {
      process.env[app.secretEnv] = secret;
    }
  });
});
