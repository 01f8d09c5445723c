/**
 * Accounts in a real Chromium: the sign-in page (with and without an error), "check your
 * e-mail", the e-mail link's confirmation page, Min side, the sign-out pages, a used link,
 * the demo sign-in, and the timeout warning — the DKFDS modal that opens five minutes before
 * the session times out (focus moves in and stays in; Escape and "Forbliv logget ind" keep
 * the session; "Log ud nu" signs out; after the timeout it says so and links to sign-in).
 * The server's clock and the browser's clock are both moved by the test. Every page and
 * state is checked with axe-core against WCAG 2.0/2.1 A and AA, with no console errors,
 * CSP violations or failed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { awards, editions, outboxMessages } from '../../src/db/schema.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { expectAccessible, launchBrowser, newContext, openPage, type WatchedPage } from '../harness/browser.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { serveSignedInTestApp } from '../harness/signed-in-app.js';
import { startSmtpServer } from '../harness/smtp.js';
import { sendDueMail } from '../../src/mail/worker.js';
import { createSmtpTransport } from '../../src/mail/transport.js';

const NOW = '2026-11-24T12:00:00Z';
const MINUTE = 60 * 1000;
/** Pages that answer 4xx on purpose (a form with errors, a used link) log that as a console error. */
const EXPECTED_DOCUMENT_STATUS = /the server responded with a status of (400|410) \([^)]*\) \(http:\/\/127\.0\.0\.1:\d+\/log-ind/;

describe('accounts in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let member: { id: number };

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW, { demoSignIn: true })]);
    await seedDemoAdministrator(server.db);
    const [e] = await server.db
      .select({ id: editions.id })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
    member = await createUser(server.db, { email: 'panel@example.dk', name: 'Per Panel', members: [{ editionId: e!.id, role: 'panel' }] });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function context(options: Parameters<typeof newContext>[2] = {}) {
    const c = await newContext(browser, server.baseUrl, options);
    contexts.push(c);
    return c;
  }

  /** A browser already signed in (a session made in the database, as a sign-in would). */
  async function signedInContext(userId: number) {
    const c = await context();
    const s = await sessionFor(server.db, userId, server.clock.now());
    await c.addCookies([{ name: SESSION_COOKIE, value: s.value, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    return c;
  }

  async function check(w: WatchedPage, label: string) {
    await expectAccessible(w.page, label);
    w.expectNoProblems(EXPECTED_DOCUMENT_STATUS);
    for (const list of Object.values(w.problems)) list.length = 0;
  }

  async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<number> {
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    return res?.status() ?? 0;
  }

  test('sign-in by e-mail link: the sign-in page, an error, "check your e-mail", the link, Min side, sign-out, a used link', async () => {
    const w = await openPage(await context());
    const { page } = w;
    await page.goto('/min-side');
    assert.equal(new URL(page.url()).pathname, '/log-ind');
    assert.equal(new URL(page.url()).searchParams.get('tilbage'), '/min-side');
    assert.equal(await page.locator('h1').innerText(), 'Log ind');
    await check(w, 'sign-in page');

    assert.equal(await submit(page, page.getByRole('button', { name: 'Send mig et link' })), 400);
    assert.match(await page.title(), /^Fejl: Log ind – Prisportal$/);
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    await check(w, 'sign-in page with an error');
    await page.locator('#error-summary a[href="#email"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');

    await page.getByLabel('Din e-mail').fill('panel@example.dk');
    assert.equal(await submit(page, page.getByRole('button', { name: 'Send mig et link' })), 200);
    assert.equal(await page.locator('h1').innerText(), 'Tjek din e-mail');
    await check(w, 'check your e-mail');

    // The e-mail goes out of the outbox over SMTP to a real SMTP server, and the link is
    // taken from the message as it arrived there.
    const [queued] = await server.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'sign-in-link')).orderBy(desc(outboxMessages.id)).limit(1);
    assert.equal(queued!.toAddress, 'panel@example.dk');
    const smtp = await startSmtpServer();
    let link = '';
    try {
      const quiet = { info() {}, warn() {}, error() {} };
      const sent = await sendDueMail({
        db: server.db,
        transport: createSmtpTransport(smtp.url),
        now: server.clock.now(),
        logger: quiet,
        from: 'Prisportal <noreply@prisportal.test>',
      });
      assert.ok(sent.sent >= 1, JSON.stringify(sent));
      const arrived = (await smtp.waitFor(1)).find((m) => m.envelope.to.includes('panel@example.dk'));
      assert.ok(arrived, 'the sign-in e-mail arrived over SMTP');
      assert.equal(arrived.parsed.subject, 'Dit link til at logge ind i Prisportal');
      link = /http:\/\/prisportal\.test(\/log-ind\/link\/\S+)/.exec(arrived.parsed.text ?? '')![1]!;
    } finally {
      await smtp.close();
    }
    await page.goto(link);
    assert.equal(await page.locator('h1').innerText(), 'Log ind med dit link');
    await check(w, 'link confirmation');
    assert.equal(await submit(page, page.getByRole('button', { name: 'Log ind', exact: true })), 200);
    assert.equal(new URL(page.url()).pathname, '/min-side', 'back where the visitor was going');
    assert.equal(await page.locator('h1').innerText(), 'Min side');
    assert.match(await page.locator('main').innerText(), /Du er logget ind som Per Panel \(panel@example\.dk\)\./);
    assert.match(await page.locator('main').innerText(), /Initiativprisen 2024: patientpanelet/);
    assert.equal(await page.locator('#session-timeout').isVisible(), false, 'the timeout warning waits');
    await check(w, 'min side');
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie.includes('session=')), false, 'not readable from scripts');

    assert.equal(await submit(page, page.getByRole('button', { name: 'Log ud', exact: true })), 200);
    assert.equal(await page.locator('h1').innerText(), 'Du er logget ud.');
    await check(w, 'signed out');
    await page.goto('/min-side');
    assert.equal(new URL(page.url()).pathname, '/log-ind');

    // The link works once.
    await page.goto(link);
    assert.match(await page.locator('.alert-warning').innerText(), /Linket er allerede brugt/);
    await check(w, 'used link');
  });

  test('sign-out everywhere: the page, and the other browser is signed out too', async () => {
    const phone = await signedInContext(member.id);
    const w = await openPage(await signedInContext(member.id));
    const { page } = w;
    await page.goto('/min-side');
    assert.equal(await submit(page, page.getByRole('button', { name: 'Log ud på alle enheder' })), 200);
    assert.equal(await page.locator('h1').innerText(), 'Du er logget ud.');
    assert.match(await page.locator('main').innerText(), /Du er logget ud på alle enheder \(2 sessioner\)\./);
    await check(w, 'signed out everywhere');
    const other = await phone.newPage();
    await other.goto('/min-side');
    assert.equal(new URL(other.url()).pathname, '/log-ind');
  });

  test('the demo administrator signs in with one button', async () => {
    const w = await openPage(await context());
    const { page } = w;
    await page.goto('/log-ind');
    assert.equal(await page.locator('#demo-heading').innerText(), 'Demo');
    assert.equal(await submit(page, page.getByRole('button', { name: 'Log ind som demo-administrator' })), 200);
    assert.equal(new URL(page.url()).pathname, '/admin');
    assert.equal(await page.locator('h1').innerText(), 'Administration');
    await check(w, 'administration after demo sign-in');
  });

  describe('the timeout warning', () => {
    const dialogOpen = (page: Page) => page.waitForSelector('#session-timeout[aria-hidden="false"]', { state: 'visible', timeout: 5_000 });
    const dialogClosed = (page: Page) => page.waitForSelector('#session-timeout[aria-hidden="true"]', { state: 'hidden', timeout: 5_000 });
    const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
    /** The answer to the page's request to extend the session (public/app.js, "Forbliv logget ind" and Escape). */
    const extended = (page: Page) => page.waitForResponse((r) => new URL(r.url()).pathname === '/session/forlaeng' && r.request().method() === 'POST');
    const secondsLeft = async (page: Page) => (await page.evaluate(() => fetch('/session/status').then((r) => r.json()))).secondsLeft as number;

    /** A signed-in page at the server's NOW, with the browser's clock under the test's control. */
    async function signedInPage() {
      server.clock.set(NOW);
      const w = await openPage(await signedInContext(member.id));
      await w.page.clock.install({ time: new Date(NOW) });
      await w.page.goto('/min-side');
      assert.equal(await w.page.locator('#session-timeout').getAttribute('data-seconds-left'), '1800');
      return w;
    }
    /** Moves both clocks. */
    async function advance(page: Page, ms: number) {
      server.clock.advance(ms);
      await page.clock.fastForward(ms);
    }

    test('opens 5 minutes before the timeout with focus inside; Tab stays inside; Escape and "Forbliv logget ind" keep the session', async () => {
      try {
        const w = await signedInPage();
        const { page } = w;
        await advance(page, 24 * MINUTE);
        assert.equal(await page.locator('#session-timeout').isVisible(), false, 'not yet at 24 minutes');
        await advance(page, MINUTE);
        await dialogOpen(page);
        assert.equal(await page.locator('#session-timeout-title').innerText(), 'Du bliver snart logget ud');
        assert.match(await page.locator('#session-timeout-text').innerText(), /logger vi dig ud om 5 minutter\./);
        await page.waitForFunction(() => document.activeElement?.id === 'session-timeout-title');
        await check(w, 'timeout warning');

        // The focus is trapped: Tab and Shift+Tab go round the dialog's two buttons.
        await page.keyboard.press('Tab');
        assert.equal(await focused(page), 'Forbliv logget ind');
        await page.keyboard.press('Tab');
        assert.equal(await focused(page), 'Log ud nu');
        await page.keyboard.press('Tab');
        assert.equal(await focused(page), 'Forbliv logget ind');
        await page.keyboard.press('Shift+Tab');
        assert.equal(await focused(page), 'Log ud nu');
        // The page behind is inert while the dialog is open.
        assert.equal(await page.locator('header.header').getAttribute('inert'), '');

        // The countdown runs on.
        await page.clock.fastForward(61_000);
        await page.waitForFunction(() => document.querySelector('[data-session-countdown]')?.textContent === '4 minutter');

        // Escape = stay signed in: the session gets its 30 minutes again (once the page's request
        // to extend it is answered: the status read below could otherwise overtake it).
        await Promise.all([extended(page), page.keyboard.press('Escape')]);
        await dialogClosed(page);
        assert.equal(await secondsLeft(page), 30 * 60);
        assert.equal(await page.locator('header.header').getAttribute('inert'), null, 'the page is usable again');

        // 25 minutes later it opens again; the button does the same as Escape.
        await advance(page, 25 * MINUTE);
        await dialogOpen(page);
        await Promise.all([extended(page), page.getByRole('button', { name: 'Forbliv logget ind' }).click()]);
        await dialogClosed(page);
        assert.equal(await secondsLeft(page), 30 * 60);
        await check(w, 'after staying signed in');
      } finally {
        server.clock.set(NOW);
      }
    });

    test('"Log ud nu" signs out', async () => {
      try {
        const w = await signedInPage();
        const { page } = w;
        await advance(page, 25 * MINUTE);
        await dialogOpen(page);
        assert.equal(await submit(page, page.getByRole('button', { name: 'Log ud nu' })), 200);
        assert.equal(await page.locator('h1').innerText(), 'Du er logget ud.');
        await check(w, 'signed out from the warning');
        await page.goto('/min-side');
        assert.equal(new URL(page.url()).pathname, '/log-ind');
      } finally {
        server.clock.set(NOW);
      }
    });

    test('after the timeout it says so and links to the sign-in page', async () => {
      try {
        const w = await signedInPage();
        const { page } = w;
        await advance(page, 25 * MINUTE);
        await dialogOpen(page);
        await advance(page, 5 * MINUTE + 1000);
        await page.waitForSelector('[data-session-expired]', { state: 'visible', timeout: 5_000 });
        assert.equal(await page.locator('#session-timeout-title').innerText(), 'Du er logget ud');
        assert.equal(
          await page.locator('[data-session-expired]').innerText(),
          'Du er blevet logget ud, fordi du ikke har været aktiv. Log ind igen for at fortsætte.',
        );
        assert.equal(await page.getByRole('button', { name: 'Forbliv logget ind' }).isVisible(), false);
        await page.waitForFunction(() => document.activeElement?.id === 'session-timeout-title');
        await check(w, 'timed out');
        // Escape does not hide what happened.
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('#session-timeout').isVisible(), true);
        const signIn = page.getByRole('link', { name: 'Log ind igen' });
        assert.equal(await signIn.getAttribute('href'), '/log-ind?tilbage=%2Fmin-side');
        await Promise.all([page.waitForNavigation(), signIn.click()]);
        assert.equal(await page.locator('h1').innerText(), 'Log ind');
      } finally {
        server.clock.set(NOW);
      }
    });
  });
});
