/**
 * Stored script, in a real Chromium. A nominator sends, through the nomination form (every
 * step, as a browser posts it), text full of markup and script: <script>, <img onerror>,
 * <svg onload>, a javascript: link, an attribute break-out. Then every page that shows that
 * text is opened — the nominator's own check page, receipt and form steps, and the
 * administrator's list, nomination page and person search — and on each: no dialog opens,
 * no script runs (no element the payloads would create exists, no console error, no CSP
 * violation), the text is shown literally, and axe finds no WCAG 2.1 A/AA violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { awards, editions, formSections, nominations } from '../../src/db/schema.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { accessCookieName } from '../../src/nominations/access.js';
import { expectAccessible, launchBrowser, newContext, openPage } from '../harness/browser.js';
import { Client, serveSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

const PAYLOADS = {
  nominatorName: '<script>alert("navn")</script>Lise',
  nominatorWorkplace: '<img src=x onerror=alert("arbejdsplads")>',
  nomineeNames: '"><svg onload=alert("kandidat")>',
  nomineeUnit: "';alert('enhed');//",
  nomineeOrganisation: '<iframe src="javascript:alert(\'org\')"></iframe>',
  title: '<a href="javascript:alert(\'titel\')">Klik</a> <b>fed</b>',
  summary: 'javascript:alert("resume") <style>body{display:none}</style>',
  section: '<details open ontoggle=alert("afsnit")>x</details> {{constructor.constructor("alert(1)")()}}',
};
const EMAIL = 'xss@eksempel.dk';

describe('stored script never runs (Chromium)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSignedInTestApp>>;
  const contexts: BrowserContext[] = [];
  let id = 0;
  let token = '';
  let editionId = 0;

  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveSignedInTestApp(NOW, { demoSignIn: true })]);
    await seedDemoAdministrator(server.db);
    const [e] = await server.db
      .select({ id: editions.id, year: editions.year })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
      .orderBy(desc(editions.year))
      .limit(1);
    editionId = e!.id;
    const sections = await server.db.select().from(formSections).where(eq(formSections.editionId, e!.id));
    const version = async () => String((await server.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.version);

    // Through the form, step by step, as a browser without JavaScript posts it.
    const agent = new Client(server.app, { ip: '10.8.0.1' });
    const start = `/priser/aarets-borgerinddragende-initiativ/${e!.year}/indstil/om-dig`;
    await agent.get(start);
    const r1 = await agent.post(start, {
      nominatorName: PAYLOADS.nominatorName,
      nominatorEmail: EMAIL,
      nominatorIsCitizen: 'no',
      nominatorWorkplace: PAYLOADS.nominatorWorkplace,
      handling: 'fortsaet',
    });
    assert.equal(r1.statusCode, 303, r1.body.slice(0, 300));
    id = Number(/\/indstillinger\/(\d+)\//.exec(String(r1.headers.location))![1]);
    token = agent.cookies.get(accessCookieName(id))!;
    await agent.get(`/indstillinger/${id}/kandidat`);
    const r2 = await agent.post(`/indstillinger/${id}/kandidat`, {
      nomineeKind: 'team',
      nomineeNames: PAYLOADS.nomineeNames,
      nomineeUnit: PAYLOADS.nomineeUnit,
      nomineeOrganisation: PAYLOADS.nomineeOrganisation,
      nomineeEmail: 'team@eksempel.dk',
      version: await version(),
      handling: 'fortsaet',
    });
    assert.equal(r2.statusCode, 303, r2.body.slice(0, 300));
    const page = await agent.get(`/indstillinger/${id}/loesning`);
    const criterion = /name="criterionIds" value="(\d+)"/.exec(page.body)![1]!;
    const r3 = await agent.post(`/indstillinger/${id}/loesning`, {
      title: PAYLOADS.title,
      summary: PAYLOADS.summary,
      criterionIds: criterion,
      version: await version(),
      handling: 'fortsaet',
    });
    assert.equal(r3.statusCode, 303, r3.body.slice(0, 300));
    await agent.get(`/indstillinger/${id}/beskrivelse`);
    const r4 = await agent.post(`/indstillinger/${id}/beskrivelse`, {
      ...Object.fromEntries(sections.map((s) => [`section-${s.id}`, PAYLOADS.section])),
      version: await version(),
      handling: 'fortsaet',
    });
    assert.equal(r4.headers.location, `/indstillinger/${id}/tjek`, r4.body.slice(0, 300));
    await agent.get(`/indstillinger/${id}/tjek`);
    const sent = await agent.post(`/indstillinger/${id}/tjek`, { version: await version() });
    assert.equal(sent.statusCode, 303);
    const [row] = await server.db.select().from(nominations).where(eq(nominations.id, id));
    assert.equal(row!.title, PAYLOADS.title, 'stored exactly as typed');
    assert.equal(row!.status, 'sent');
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  /** With `searchEmail`: the page is a search form (the address goes in a POST body, never in a URL); the result is checked. */
  async function visitAll(context: BrowserContext, paths: string[], expectText: string[], searchEmail?: string) {
    for (const path of paths) {
      const watched = await openPage(context);
      const dialogs: string[] = [];
      watched.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      let res = await watched.page.goto(path, { waitUntil: 'load' });
      if (searchEmail !== undefined) {
        await watched.page.getByLabel('E-mailadresse').fill(searchEmail);
        [res] = await Promise.all([watched.page.waitForNavigation({ waitUntil: 'load' }), watched.page.getByRole('button', { name: 'Søg' }).click()]);
      }
      assert.equal(res?.status(), 200, path);
      await watched.page.waitForTimeout(200);
      assert.deepEqual(dialogs, [], `no dialog on ${path}`);
      const injected = await watched.page.evaluate(
        () => document.querySelectorAll('img[src="x"], svg[onload], iframe, details[ontoggle], style:not([nonce]) ~ *[data-xss]').length,
      );
      assert.equal(injected, 0, `no element from a payload on ${path}`);
      const text = await watched.page.evaluate(() => document.body.innerText);
      for (const t of expectText) assert.ok(text.includes(t), `${path} shows ${JSON.stringify(t)} literally`);
      await expectAccessible(watched.page, path);
      watched.expectNoProblems();
      await watched.page.close();
    }
  }

  test("the nominator's pages show the text literally and run nothing", async () => {
    const c = await newContext(browser, server.baseUrl);
    contexts.push(c);
    await c.addCookies([{ name: accessCookieName(id), value: token, url: `${server.baseUrl}/indstillinger/${id}`, httpOnly: true, sameSite: 'Lax' }]);
    await visitAll(
      c,
      [`/indstillinger/${id}/tjek`],
      [PAYLOADS.nominatorName, PAYLOADS.nominatorWorkplace, PAYLOADS.title, PAYLOADS.nomineeNames, PAYLOADS.nomineeOrganisation],
    );
    await visitAll(c, [`/indstillinger/${id}/kvittering`], []);
    // The form again (changes are allowed until the deadline): the text is back in the inputs, as values.
    await visitAll(c, [`/indstillinger/${id}/om-dig`, `/indstillinger/${id}/kandidat`, `/indstillinger/${id}/loesning`], []);
    const watched = await openPage(c);
    for (const [path, field, value] of [
      ['om-dig', 'nominatorName', PAYLOADS.nominatorName],
      ['om-dig', 'nominatorWorkplace', PAYLOADS.nominatorWorkplace],
      ['kandidat', 'nomineeNames', PAYLOADS.nomineeNames],
      ['kandidat', 'nomineeUnit', PAYLOADS.nomineeUnit],
      ['loesning', 'title', PAYLOADS.title],
      ['loesning', 'summary', PAYLOADS.summary],
    ] as const) {
      await watched.page.goto(`/indstillinger/${id}/${path}`, { waitUntil: 'load' });
      assert.equal(await watched.page.locator(`[name="${field}"]`).inputValue(), value, `${field} is shown back exactly`);
    }
    await watched.page.close();
  });

  test("the administrator's pages show the text literally and run nothing", async () => {
    const c = await newContext(browser, server.baseUrl);
    contexts.push(c);
    const p = await c.newPage();
    await p.goto('/log-ind');
    await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Log ind som demo-administrator' }).click()]);
    await p.close();
    await visitAll(c, [`/admin/indstillinger/${id}`], [PAYLOADS.nominatorName, PAYLOADS.nominatorWorkplace, PAYLOADS.title, PAYLOADS.nomineeUnit]);
    await visitAll(c, [`/admin/udgaver/${editionId}/indstillinger`], [PAYLOADS.title.replace(/\s+/g, ' ')]);
    await visitAll(c, ['/admin/personer'], [PAYLOADS.title], EMAIL);
  });
});
