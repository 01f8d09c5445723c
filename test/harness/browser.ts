/**
 * A real Chromium for end-to-end tests: Debian's Chromium driven by playwright-core, a page
 * helper that records console errors, CSP violations and failed requests, and an axe-core
 * check against WCAG 2.0/2.1 A and AA.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium } from './chromium.js';
import { startTestApp } from './app.js';
import { sessionFor } from './accounts.js';
import type { Database } from '../../src/db/database.js';
import { BROWSER_TEST_ENGINE } from './databases.js';

/**
 * Starts a Chromium process. Fails (never skips) when it is not installed.
 * `--process-per-site`: the pages of one site in one context share a renderer process (as Chrome
 * does when it reaches its process limit), instead of a new process, with its own Blink set-up,
 * DKFDS stylesheet and axe compiled afresh, for every page a test opens. Every page still gets a
 * document, a CSP and an axe check of its own. Measured on the browser tests (`npx tsx
 * bench/cpu-by-process.ts npm run test:only -- test/e2e`, three alternating pairs on 2026-12-06):
 * Chromium's CPU 178.9/158.8/158.9 s without it, 164.0/139.4/142.9 s with it.
 */
function startChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) return Promise.reject(new Error(CHROMIUM_MISSING));
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--process-per-site',
    ],
  });
}

/**
 * The test process's one Chromium, shared by the browser test files it runs one after another
 * (npm test runs several files per process). Each file still gets a browser of its own to the
 * tests: everything a test sees lives in a context (cookies, storage, cache, pages), and a
 * file's `close()` closes every context it made. The process is closed a moment after the
 * last file using it let it go, unless another file takes it up in the meantime.
 */
let shared: Promise<Browser> | null = null;
let users = 0;
let idleTimer: NodeJS.Timeout | undefined;
/** How long an unused Chromium waits for the next file of the process before it is closed. */
const IDLE_MS = 1_000;

/**
 * A browser for one test file: Chromium shared within the process (see above), whose
 * `close()` closes the contexts this file made and lets the process go. Fails (never skips)
 * when Chromium is not installed.
 */
export async function launchBrowser(): Promise<Browser> {
  clearTimeout(idleTimer);
  if (!shared) {
    const starting: Promise<Browser> = startChromium().then((b) => {
      // A Chromium that died is not handed to the next file.
      b.once('disconnected', () => {
        if (shared === starting) shared = null;
      });
      return b;
    });
    shared = starting;
    starting.catch(() => {
      if (shared === starting) shared = null;
    });
  }
  const starting = shared;
  const browser = await starting;
  users++;
  const contexts = new Set<BrowserContext>();
  let closed = false;
  const newContextOf = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
    if (--users > 0) return;
    idleTimer = setTimeout(() => {
      if (users > 0 || shared !== starting) return;
      shared = null;
      void browser.close().catch(() => {});
    }, IDLE_MS);
  };
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newContext') return newContextOf;
      if (prop === 'close') return close;
      if (prop === 'contexts') return () => [...contexts];
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The app on a fresh seeded database (BROWSER_TEST_ENGINE) at a fixed instant, listening on a free local port. */
export async function serveTestApp(at: Date | string) {
  const t = await startTestApp(BROWSER_TEST_ENGINE, at);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/** A browser context with short timeouts, so a broken page fails quickly instead of hanging the file. */
export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'da-DK', ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

/** What went wrong in a page while it was watched. */
export type PageProblems = {
  consoleErrors: string[];
  cspViolations: string[];
  pageErrors: string[];
  failedRequests: string[];
};

export type WatchedPage = {
  page: Page;
  problems: PageProblems;
  /** Fails when anything was recorded; `allow` drops console errors matching it (e.g. the 404 of a 404 page). */
  expectNoProblems(allow?: RegExp): void;
};

/**
 * Opens a page that records console errors, CSP violations (both the `Refused to ...` console
 * messages and `securitypolicyviolation` events), uncaught page errors and failed requests.
 */
export async function openPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], cspViolations: [], pageErrors: [], failedRequests: [] };

  page.on('console', (msg) => {
    const text = msg.text();
    const where = msg.location().url ? ` (${msg.location().url})` : '';
    // Chromium words these "Refused to ..." or, in newer versions, "... violates the following Content Security Policy directive ...".
    if (/^Refused to |Content Security Policy/.test(text)) problems.cspViolations.push(`${text}${where}`);
    else if (msg.type() === 'error') problems.consoleErrors.push(`${text}${where}`);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? 'failed';
    // A sub-resource cancelled on purpose — a superseded suggestion fetch, or an icon, image or
    // fetch still loading when the test moves the page on — is not a fault of the page: a
    // missing or refused resource shows as an HTTP error (below), a CSP violation or another
    // network error, and those are all recorded.
    if (error === 'net::ERR_ABORTED' && req.resourceType() !== 'document') return;
    problems.failedRequests.push(`${req.method()} ${req.url()}: ${error}`);
  });
  page.on('response', (res) => {
    // The main document of an error page is meant to answer 4xx; its sub-resources are not.
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      problems.failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
    }
  });

  // The binding and the init script are installed through the DevTools protocol, so the
  // page's CSP (no inline scripts) does not stop them. They do nothing when JS is disabled.
  await page.exposeFunction('__reportCspViolation', (v: string) => problems.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
      void report(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}`,
      );
    });
  });

  return {
    page,
    problems,
    expectNoProblems(allow?: RegExp) {
      const consoleErrors = problems.consoleErrors.filter((m) => !allow?.test(m));
      const all = [
        ...problems.cspViolations.map((m) => `CSP violation: ${m}`),
        ...consoleErrors.map((m) => `console error: ${m}`),
        ...problems.pageErrors.map((m) => `page error: ${m}`),
        ...problems.failedRequests.map((m) => `failed request: ${m}`),
      ];
      assert.deepEqual(all, [], `problems in the browser:\n  ${all.join('\n  ')}`);
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_TIMEOUT_MS = 15_000;
let axeSource: string | null = null;

/** The WCAG tags every page is checked against. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function formatViolations(violations: AxeResult[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map(
        (n) => `      - ${n.target.map(String).join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`,
      );
      return `  ${v.id} [${v.impact ?? 'unknown'}]: ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}`;
    })
    .join('\n');
}

/**
 * Runs axe-core in the page against WCAG 2.0/2.1 A and AA and fails with a readable list of
 * violations. axe's source is evaluated through the DevTools protocol (not a script tag), as
 * the page's CSP forbids inline scripts.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  // Every rule of the tags runs and every violation is reported in full. `resultTypes` only
  // spares axe from describing every node of the rules that passed (or were incomplete or
  // inapplicable: at most one node each), and only the violations and the number of rules that
  // passed cross the DevTools protocol: those descriptions were most of the bytes and CPU.
  const run = page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => ({ violations: r.violations, passes: r.passes.length })),
    WCAG_TAGS,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe did not finish within ${AXE_TIMEOUT_MS} ms on ${label} (is JavaScript disabled?)`)), AXE_TIMEOUT_MS);
  });
  const results = await Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  if (results.violations.length > 0) {
    assert.fail(`axe found ${results.violations.length} WCAG violation(s) on ${label}:\n${formatViolations(results.violations)}`);
  }
  // A check that found nothing because nothing ran would pass silently.
  assert.ok(results.passes > 0, `axe ran no checks on ${label}`);
}

/**
 * axe cannot run in a page with JavaScript disabled: Chromium runs no timers or promise
 * callbacks there, so `axe.run` never settles. This checks the same DOM instead: the no-JS
 * page's URL is loaded in a fresh JS-enabled context whose page scripts are answered with
 * empty bodies, its body is compared with the no-JS page's body, and axe runs there.
 */
export async function expectAccessibleWithoutScripts(noJsPage: Page, browser: Browser, label = `${noJsPage.url()} (no JavaScript)`): Promise<void> {
  const url = noJsPage.url();
  const context = await browser.newContext({ locale: 'da-DK' });
  try {
    context.setDefaultTimeout(10_000);
    const cookies = await noJsPage.context().cookies();
    if (cookies.length) await context.addCookies(cookies);
    await context.route(
      (u) => u.pathname.endsWith('.js'),
      (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: '' }),
    );
    const watched = await openPage(context);
    await watched.page.goto(url, { waitUntil: 'load' });
    const body = (p: Page) => p.evaluate(() => document.body.outerHTML);
    assert.equal(await body(watched.page), await body(noJsPage), 'the page without its scripts has the DOM the no-JS page has');
    await expectAccessible(watched.page, label);
    watched.expectNoProblems();
  } finally {
    await context.close();
  }
}

/**
 * The check of every page a browser test visits: loaded, axe finds nothing, and nothing went
 * wrong on the page (`allow`: the console errors a page answering 4xx on purpose causes).
 */
export async function checkPage(watched: WatchedPage, label: string, allow?: RegExp): Promise<void> {
  await watched.page.waitForLoadState('load');
  await expectAccessible(watched.page, label);
  watched.expectNoProblems(allow);
}

/** Opens `path` in a new page of `context`, expects `status`, and checks the page (checkPage). */
export async function visitPage(
  context: BrowserContext,
  path: string,
  { status = 200, allow }: { status?: number; allow?: RegExp } = {},
): Promise<WatchedPage> {
  const watched = await openPage(context);
  const res = await watched.page.goto(path, { waitUntil: 'load' });
  assert.equal(res?.status(), status, `status of ${path}`);
  await checkPage(watched, path, allow);
  return watched;
}

/** Signs `context` in as `userId`: a real session, its cookie set as the app sets it. */
export async function signInContext(context: BrowserContext, db: Database, userId: number, now: Date, baseUrl: string): Promise<BrowserContext> {
  const s = await sessionFor(db, userId, now);
  await context.addCookies([{ name: s.name, value: s.value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}
