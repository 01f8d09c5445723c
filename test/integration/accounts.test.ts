/**
 * Accounts, on PGlite and on a real PostgreSQL server: sign-in by a single-use e-mail link
 * (used once, for 15 minutes, no leak of whether an account exists, limited per address and
 * per account, CSRF-protected), sessions in the database (idle and absolute timeouts, shared
 * by two app processes, sign-out, sign-out everywhere, no session fixation, cookie flags),
 * the demo administrator, the timeout warning's markup and status, and logs without tokens.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { awards, editions, emailSignInLinks, organisations, outboxMessages, rateLimitBuckets, sessions } from '../../src/db/schema.js';
import { seedDemoAdministrator } from '../../src/accounts/sign-in.routes.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { hashToken } from '../../src/platform/tokens.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { Client, setCookie, startSignedInTestApp } from '../harness/signed-in-app.js';
import { buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';
const MINUTE = 60 * 1000;

const USED = 'Linket er allerede brugt. Bed om et nyt link nedenfor.';
const EXPIRED = 'Linket er udløbet. Det virker kun i 15 minutter. Bed om et nyt link nedenfor.';
const TOO_MANY = 'Du har bedt om for mange links. Vent lidt, og prøv igen.';
const CSRF_TITLE = 'Formularen er udløbet';

for (const engine of ENGINES) {
  describe(`accounts on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let rmOrg: number;
    let drOrg: number;
    let rmEdition: number;
    let member: Awaited<ReturnType<typeof createUser>>;
    let admin: Awaited<ReturnType<typeof createUser>>;
    /** Every session and link token handed out, to look for in the logs at the end. */
    const secrets: string[] = [];
    let ipCounter = 0;
    /** A fresh address per test, so the sign-in link limits of one test do not touch the next. */
    const freshIp = () => `10.1.${Math.floor(++ipCounter / 200)}.${ipCounter % 200}`;

    const restoreClock = () => t.clock.set(NOW);
    const session = async (userId: number) => {
      const s = await sessionFor(t.db, userId, t.clock.now());
      secrets.push(s.value);
      return s.value;
    };
    const signedIn = async (userId: number, ip = freshIp()) => {
      const c = new Client(t.app, { ip });
      c.setCookie(SESSION_COOKIE, await session(userId));
      return c;
    };
    const lastLink = async (to: string) => {
      const [m] = await t.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'sign-in-link'), eq(outboxMessages.toAddress, to)))
        .orderBy(desc(outboxMessages.id))
        .limit(1);
      assert.ok(m, `a sign-in e-mail to ${to}`);
      const url = /http:\/\/prisportal\.test(\/log-ind\/link\/[A-Za-z0-9_-]{43}(?:\?[^\s]*)?)/.exec(m.textBody);
      assert.ok(url, m.textBody);
      const path = url[1]!;
      secrets.push(path.split('/')[3]!.split('?')[0]!);
      return { path, message: m };
    };
    /** Asks for a link as a new visitor from a new address; returns the client and the answer. */
    const askForLink = async (email: string, ip = freshIp()) => {
      const c = new Client(t.app, { ip });
      await c.get('/log-ind');
      const res = await c.post('/log-ind/email', { email });
      return { c, res };
    };
    const sessionCookie = (res: LightMyRequestResponse) => {
      const c = setCookie(res, SESSION_COOKIE);
      if (c?.value) secrets.push(c.value);
      return c;
    };

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      const orgs = await t.db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      const [e] = await t.db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
      rmEdition = e!.id;
      member = await createUser(t.db, {
        email: 'komite@example.dk',
        name: 'Karen Komité',
        members: [{ editionId: rmEdition, role: 'committee', isChair: true, partyLetter: 'A' }],
      });
      admin = await createUser(t.db, { email: 'admin.rm@example.dk', name: 'Anne Admin', adminOf: [rmOrg] });
    });
    after(async () => t?.close());
    // Each test starts with no sign-in link requests counted and no working links (the limits
    // are tested on their own).
    beforeEach(async () => {
      await t.db.delete(rateLimitBuckets);
      await t.db.delete(emailSignInLinks);
    });

    describe('sign-in by e-mail link', () => {
      test('request → e-mail in the outbox → the link shows a button (and is not used up) → POST signs in → Min side shows the roles', async () => {
        const { c, res } = await askForLink('Komite@Example.dk');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<h1>Tjek din e-mail<\/h1>/);
        assert.match(res.body, /Hvis Komite@Example\.dk hører til en konto i Prisportal, har vi sendt et link til den\./);
        const { path, message } = await lastLink('komite@example.dk');
        assert.equal(message.subject, 'Dit link til at logge ind i Prisportal');
        assert.match(message.textBody, /^Kære Karen Komité/);
        assert.match(message.textBody, /virker én gang og i 15 minutter/);

        // Opening the link (twice, as a mail scanner might) only shows a button.
        for (let i = 0; i < 2; i++) {
          const page = await c.get(path);
          assert.equal(page.statusCode, 200);
          assert.match(page.body, /<h1>Log ind med dit link<\/h1>/);
          assert.match(page.body, new RegExp(`<form method="post" action="${path.replace(/[?]/g, '\\?')}">`));
          assert.equal(sessionCookie(page), undefined, 'no session from a GET');
        }
        const token = path.split('/')[3]!;
        const [row] = await t.db
          .select()
          .from(emailSignInLinks)
          .where(eq(emailSignInLinks.tokenHash, hashToken(token)));
        assert.equal(row!.usedAt, null, 'the GET did not use the link');

        const signIn = await c.post(path);
        assert.equal(signIn.statusCode, 303);
        assert.equal(signIn.headers.location, '/min-side');
        const cookie = sessionCookie(signIn);
        assert.ok(cookie?.value);
        const mine = await c.get('/min-side');
        assert.equal(mine.statusCode, 200);
        assert.match(mine.body, /<h1>Min side<\/h1>/);
        assert.match(mine.body, /Du er logget ind som Karen Komité \(komite@example\.dk\)\./);
        assert.match(mine.body, /<li>Initiativprisen 2024: formand for komitéen<\/li>/);
        assert.doesNotMatch(mine.body, /Du er administrator for/);
        const [stored] = await t.db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashToken(cookie.value)));
        assert.equal(stored!.method, 'email-link');
        assert.equal(stored!.userId, member.id);

        // An administrator's page names the organisation and links to the administration.
        const a = await signedIn(admin.id);
        const adminPage = await a.get('/min-side');
        assert.match(adminPage.body, /<h2 class="h4">Du er administrator for<\/h2>\s*<ul>\s*<li>Region Midtjylland<\/li>/);
        assert.match(adminPage.body, /<a href="\/admin" class="button button-primary">Gå til administration<\/a>/);
      });

      test('a link works once: a second POST (or GET) is refused with a Danish message and logged', async () => {
        const { c } = await askForLink('komite@example.dk');
        const { path } = await lastLink('komite@example.dk');
        await c.get(path);
        assert.equal((await c.post(path)).statusCode, 303);
        const replay = new Client(t.app, { ip: freshIp() });
        await replay.get('/log-ind');
        const again = await replay.post(path);
        assert.equal(again.statusCode, 410);
        assert.ok(again.body.includes(USED), again.body.slice(0, 500));
        assert.equal(sessionCookie(again), undefined);
        const shown = await replay.get(path);
        assert.equal(shown.statusCode, 410);
        assert.ok(shown.body.includes(USED));
        assert.match(shown.body, /<h1>Log ind<\/h1>/, 'the sign-in page, to ask for a new link');
        assert.ok(t.logs.some((l) => l.includes('"msg":"sign-in link refused"') && l.includes('"reason":"used"')));
      });

      test('a link expires after 15 minutes', async () => {
        try {
          const { c } = await askForLink('komite@example.dk');
          const { path } = await lastLink('komite@example.dk');
          t.clock.advance(15 * MINUTE - 1000);
          assert.equal((await c.get(path)).statusCode, 200, 'still good at 14:59');
          t.clock.advance(1000);
          const late = await c.post(path);
          assert.equal(late.statusCode, 410);
          assert.ok(late.body.includes(EXPIRED));
          assert.equal(sessionCookie(late), undefined);
          assert.ok((await c.get(path)).body.includes(EXPIRED));
          assert.ok(t.logs.some((l) => l.includes('"msg":"sign-in link refused"') && l.includes('"reason":"expired"')));
        } finally {
          restoreClock();
        }
      });

      test('an unknown or malformed link is refused the same way', async () => {
        const c = new Client(t.app, { ip: freshIp() });
        for (const token of ['A'.repeat(43), 'kort', `${'B'.repeat(43)}x`]) {
          const res = await c.get(`/log-ind/link/${token}`);
          assert.equal(res.statusCode, 410, token);
          assert.ok(res.body.includes('Linket er ugyldigt. Bed om et nyt link nedenfor.'));
          await c.get('/log-ind');
          assert.equal((await c.post(`/log-ind/link/${token}`)).statusCode, 410);
        }
      });

      test('an unknown e-mail gets the same page and no e-mail: nothing tells whether an account exists', async () => {
        const before = (await t.db.select().from(outboxMessages)).length;
        const unknown = await askForLink('ingen.konto@example.dk');
        const known = await askForLink('komite@example.dk');
        assert.equal(unknown.res.statusCode, known.res.statusCode);
        const strip = (html: string) => html.replace(/ingen\.konto@example\.dk|komite@example\.dk/g, 'E').replace(/value="[^"]*"/g, '');
        assert.equal(strip(unknown.res.body), strip(known.res.body));
        const after = await t.db.select().from(outboxMessages);
        assert.equal(after.length, before + 1, 'only the known address got an e-mail');
        assert.ok(!after.some((m) => m.toAddress === 'ingen.konto@example.dk'));
      });

      test('a missing or malformed e-mail gets the DKFDS error, with the text kept', async () => {
        const c = new Client(t.app, { ip: freshIp() });
        await c.get('/log-ind');
        const empty = await c.post('/log-ind/email', { email: '  ' });
        assert.equal(empty.statusCode, 400);
        assert.match(empty.body, /<title>Fejl: Log ind – Prisportal<\/title>/);
        assert.match(empty.body, /<a href="#email" class="function-link">Skriv din e-mail<\/a>/);
        const bad = await c.post('/log-ind/email', { email: 'karen<at>example' });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /Skriv e-mailen i formatet navn@eksempel\.dk/);
        assert.match(bad.body, /value="karen&lt;at>example"|value="karen<at>example"/);
        assert.match(bad.body, /aria-invalid="true" aria-describedby="email-hint email-error"/);
      });

      test('links are limited per address (5 in 15 minutes) with 429 and a Danish message, and logged', async () => {
        try {
          const ip = freshIp();
          for (let i = 1; i <= 5; i++) assert.equal((await askForLink(`adresse${i}@example.dk`, ip)).res.statusCode, 200, `request ${i}`);
          const sixth = await askForLink('komite@example.dk', ip);
          assert.equal(sixth.res.statusCode, 429);
          assert.ok(sixth.res.body.includes(TOO_MANY));
          const retry = Number(sixth.res.headers['retry-after']);
          assert.ok(retry > 0 && retry <= 15 * 60, String(retry));
          assert.ok(t.logs.some((l) => l.includes('"msg":"sign-in link rate limit"')));
          // Another address is not affected; after the window this one may ask again.
          assert.equal((await askForLink('komite@example.dk')).res.statusCode, 200);
          t.clock.advance(15 * MINUTE);
          assert.equal((await askForLink('komite@example.dk', ip)).res.statusCode, 200);
        } finally {
          restoreClock();
        }
      });

      test("five requests for a victim's address from other clients do not lock the victim out: the same answer, at most three e-mails, and the links still work (finding 6)", async () => {
        try {
          const victim = 'panel.limit@example.dk';
          await createUser(t.db, { email: victim, members: [{ editionId: rmEdition, role: 'panel' }] });
          for (let i = 1; i <= 5; i++) {
            const { res } = await askForLink(i % 2 ? victim : victim.toUpperCase());
            assert.equal(res.statusCode, 200, `attacker request ${i}`);
            assert.match(res.body, /<h1>Tjek din e-mail<\/h1>/);
          }
          const sent = () => t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, victim)).orderBy(asc(outboxMessages.id));
          assert.equal((await sent()).length, 3, 'no more than three e-mails to the address');

          // The victim's own request: the same answer, no 429; no fourth e-mail while three links work.
          t.clock.advance(MINUTE);
          const own = await askForLink(victim);
          assert.equal(own.res.statusCode, 200);
          assert.equal(own.res.headers['retry-after'], undefined);
          assert.match(own.res.body, /<h1>Tjek din e-mail<\/h1>/);
          assert.equal((await sent()).length, 3);
          assert.ok(t.logs.some((l) => l.includes('"msg":"sign-in link not sent"') && l.includes('links-outstanding')));

          // The first link sent still signs the victim in; having used it, they may get a new one.
          const first = /http:\/\/prisportal\.test(\/log-ind\/link\/[A-Za-z0-9_-]{43})/.exec((await sent())[0]!.textBody)![1]!;
          secrets.push(first.split('/')[3]!);
          await own.c.get(first);
          const signedIn = await own.c.post(first);
          assert.equal(signedIn.statusCode, 303);
          assert.ok(sessionCookie(signedIn)?.value);
          assert.equal((await askForLink(victim)).res.statusCode, 200);
          assert.equal((await sent()).length, 4, 'a new link once one was used');

          // An address without an account gets the same answer and no e-mail.
          for (let i = 1; i <= 5; i++) assert.equal((await askForLink('findes.ikke@example.dk')).res.statusCode, 200);
          assert.equal((await t.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'findes.ikke@example.dk'))).length, 0);

          // After the links expire, the address may get links again.
          t.clock.advance(15 * MINUTE);
          await askForLink(victim);
          assert.equal((await sent()).length, 5);
        } finally {
          restoreClock();
        }
      });

      test('a return path with a right-to-left override (U+202E) is encoded: the link signs in and the language switch answers 303, never a 500 (finding 7)', async () => {
        const c = new Client(t.app, { ip: freshIp() });
        await c.get('/log-ind?tilbage=/%E2%80%AE');
        assert.equal((await c.post('/log-ind/email?tilbage=/%E2%80%AE', { email: 'komite@example.dk' })).statusCode, 200);
        const { path } = await lastLink('komite@example.dk');
        assert.ok(path.endsWith('?tilbage=%2F%25E2%2580%25AE'), path);
        const confirm = await c.get(path);
        assert.equal(confirm.statusCode, 200);
        const signedIn = await c.post(path);
        assert.equal(signedIn.statusCode, 303, signedIn.body.slice(0, 300));
        assert.equal(signedIn.headers.location, '/%E2%80%AE');
        assert.ok(sessionCookie(signedIn)?.value, 'signed in');
        for (const url of ['/sprog/en?tilbage=/%E2%80%AE', '/sprog/da?tilbage=/%C3%A6%0D%0AX-Injected:1', '/sprog/da?tilbage=/%ED%A0%80']) {
          const res = await c.get(url);
          assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 200)}`);
          assert.match(String(res.headers.location), /^\/[\x21-\x7e]*$/, url);
        }
        assert.equal((await c.get('/sprog/en?tilbage=/%E2%80%AE')).headers.location, '/%E2%80%AE');
        assert.equal((await c.get('/sprog/da?tilbage=/%C3%A6')).headers.location, '/%C3%A6');
      });

      test('a missing or forged CSRF token is refused with 403, changes nothing, and is logged', async () => {
        const c = new Client(t.app, { ip: freshIp() });
        await c.get('/log-ind');
        const before = (await t.db.select().from(outboxMessages)).length;
        for (const csrf of [null, 'forfalsket', `${c.csrf.slice(0, -2)}xx`]) {
          const res = await c.post('/log-ind/email', { email: 'komite@example.dk' }, { csrf });
          assert.equal(res.statusCode, 403, String(csrf));
          assert.match(res.body, new RegExp(`<h1>${CSRF_TITLE}</h1>`));
        }
        assert.equal((await t.db.select().from(outboxMessages)).length, before);
        // The link is not used by a forged POST.
        await askForLink('komite@example.dk');
        const { path } = await lastLink('komite@example.dk');
        assert.equal((await c.post(path, {}, { csrf: 'forfalsket' })).statusCode, 403);
        await c.get(path);
        assert.equal((await c.post(path)).statusCode, 303, 'still usable');
        // Signed in: sign-out everywhere and "stay signed in" need the token too.
        const s = await signedIn(member.id);
        await s.get('/min-side');
        assert.equal((await s.post('/log-ud/overalt', {}, { csrf: null })).statusCode, 403);
        assert.equal((await s.post('/log-ud', {}, { csrf: 'forfalsket' })).statusCode, 403);
        const extend = await s.app.inject({
          method: 'POST',
          url: '/session/forlaeng',
          headers: { cookie: `${SESSION_COOKIE}=${s.cookies.get(SESSION_COOKIE)}; _csrf=${s.cookies.get('_csrf')}`, 'csrf-token': 'forfalsket' },
        });
        assert.equal(extend.statusCode, 403);
        assert.equal((await s.get('/min-side')).statusCode, 200, 'still signed in');
        assert.ok(t.logs.some((l) => l.includes('"msg":"csrf check failed"')));
      });
    });

    describe('sessions', () => {
      test('the session cookie is HttpOnly, SameSite=Lax, for the whole site, 12 hours; Secure behind TLS', async () => {
        const plain = await askForLink('komite@example.dk');
        const { path } = await lastLink('komite@example.dk');
        await plain.c.get(path);
        const cookie = sessionCookie(await plain.c.post(path))!;
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.equal(cookie.path, '/');
        assert.equal(cookie.maxAge, 12 * 60 * 60);
        assert.equal(cookie.secure, undefined, 'not Secure over plain http');
        assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);

        // Behind a TLS-terminating proxy (trustProxy, X-Forwarded-Proto: https) the cookies are Secure.
        const behindProxy = await t.another({ trustProxy: true });
        const c = new Client(behindProxy, { ip: freshIp(), https: true });
        const page = await c.get('/log-ind');
        assert.equal(setCookie(page, '_csrf')?.secure, true, 'the CSRF secret cookie too');
        await c.post('/log-ind/email', { email: 'komite@example.dk' });
        const link = await lastLink('komite@example.dk');
        await c.get(link.path);
        const secure = sessionCookie(await c.post(link.path))!;
        assert.equal(secure.secure, true);
        assert.equal(secure.httpOnly, true);
        assert.equal(secure.sameSite, 'Lax');
      });

      test('with an https:// PUBLIC_BASE_URL every cookie is Secure, also without a trusted proxy (production safe by default)', async () => {
        const app = await t.another({ publicBaseUrl: 'https://prisportal.test', trustProxy: false });
        const c = new Client(app, { ip: freshIp() });
        const page = await c.get('/log-ind');
        assert.equal(setCookie(page, '_csrf')?.secure, true, 'the CSRF secret cookie');
        await c.post('/log-ind/email', { email: 'komite@example.dk' });
        const [m] = await t.db
          .select()
          .from(outboxMessages)
          .where(and(eq(outboxMessages.kind, 'sign-in-link'), eq(outboxMessages.toAddress, 'komite@example.dk')))
          .orderBy(desc(outboxMessages.id))
          .limit(1);
        const path = /https:\/\/prisportal\.test(\/log-ind\/link\/[A-Za-z0-9_-]{43})/.exec(m!.textBody)![1]!;
        await c.get(path);
        assert.equal(sessionCookie(await c.post(path))?.secure, true, 'the session cookie');
        assert.equal(setCookie(await c.get('/sprog/en?tilbage=/'), 'lang')?.secure, true, 'the language cookie');
        const n = await buildNomination(t.db, { editionId: rmEdition });
        const access = await c.get(`/indstillinger/adgang/${n.accessToken}`);
        assert.equal(access.statusCode, 303);
        assert.equal(setCookie(access, `indstilling_${n.id}`)?.secure, true, "a nominator's private-link cookie");
      });

      test('signed out after 30 minutes without activity; activity keeps the session alive', async () => {
        try {
          const c = await signedIn(member.id);
          assert.equal((await c.get('/min-side')).statusCode, 200);
          t.clock.advance(20 * MINUTE);
          assert.equal((await c.get('/min-side')).statusCode, 200);
          t.clock.advance(20 * MINUTE);
          assert.equal((await c.get('/min-side')).statusCode, 200, '40 minutes in, 20 since the last request');
          t.clock.advance(31 * MINUTE);
          const out = await c.get('/min-side');
          assert.equal(out.statusCode, 303);
          assert.equal(out.headers.location, '/log-ind?tilbage=%2Fmin-side');
          const page = await c.get('/log-ind?tilbage=%2Fmin-side');
          assert.match(page.body, /<h1>Log ind<\/h1>/);
        } finally {
          restoreClock();
        }
      });

      test('the status check and static files do not count as activity; "stay signed in" does', async () => {
        try {
          const c = await signedIn(member.id);
          await c.get('/min-side');
          const status = async () => {
            const res = await c.get('/session/status');
            assert.equal(res.headers['cache-control'], 'no-store');
            return { code: res.statusCode, body: res.json() as { signedIn: boolean; secondsLeft?: number; warnSeconds?: number; csrf?: string } };
          };
          t.clock.advance(10 * MINUTE);
          // Nor do static files the browser fetches on its own (a favicon, a font, late).
          for (const url of ['/static/favicon.svg', '/dkfds/css/dkfds.min.css', '/static/app.js']) assert.equal((await c.get(url)).statusCode, 200, url);
          let s = await status();
          assert.equal(s.code, 200);
          assert.equal(s.body.secondsLeft, 20 * 60);
          assert.equal(s.body.warnSeconds, 5 * 60);
          assert.equal(typeof s.body.csrf, 'string');
          t.clock.advance(16 * MINUTE);
          assert.equal((await status()).body.secondsLeft, 4 * 60, 'the earlier status did not move the timeout');
          const extend = await c.app.inject({
            method: 'POST',
            url: '/session/forlaeng',
            headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'csrf-token': s.body.csrf! },
          });
          assert.equal(extend.statusCode, 200, extend.body);
          assert.deepEqual(extend.json(), { signedIn: true, secondsLeft: 30 * 60 });
          assert.equal((await status()).body.secondsLeft, 30 * 60);
          t.clock.advance(30 * MINUTE);
          s = await status();
          assert.equal(s.code, 200);
          assert.deepEqual(s.body, { signedIn: false });
          // Without a session, "stay" needs a sign-in.
          const late = await c.app.inject({
            method: 'POST',
            url: '/session/forlaeng',
            headers: { cookie: `${SESSION_COOKIE}=${c.cookies.get(SESSION_COOKIE)}` },
          });
          assert.equal(late.statusCode, 401);
        } finally {
          restoreClock();
        }
      });

      test('signed out after 12 hours whatever happens', async () => {
        try {
          const c = await signedIn(member.id);
          for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
            t.clock.set(new Date(Date.parse(NOW) + minutes * MINUTE));
            assert.equal((await c.get('/min-side')).statusCode, 200, `${minutes} minutes in`);
          }
          t.clock.set(new Date(Date.parse(NOW) + (12 * 60 - 10) * MINUTE));
          assert.equal((await c.get('/session/status')).json().secondsLeft, 10 * 60, 'the idle timeout stops at the absolute one');
          t.clock.set(new Date(Date.parse(NOW) + 12 * 60 * MINUTE));
          assert.equal((await c.get('/min-side')).statusCode, 303);
        } finally {
          restoreClock();
        }
      });

      test('two app processes on one database share sessions and sign-outs', async () => {
        const second = await t.another();
        const token = await session(member.id);
        const one = new Client(t.app);
        const two = new Client(second);
        one.setCookie(SESSION_COOKIE, token);
        two.setCookie(SESSION_COOKIE, token);
        assert.equal((await one.get('/min-side')).statusCode, 200);
        const onTwo = await two.get('/min-side');
        assert.equal(onTwo.statusCode, 200);
        assert.match(onTwo.body, /Karen Komité/);
        assert.equal((await two.post('/log-ud')).statusCode, 200);
        assert.equal((await one.get('/min-side')).statusCode, 303, 'signed out in the first process too');
      });

      test('signing out revokes the session and clears the cookie', async () => {
        const c = await signedIn(member.id);
        const token = c.cookies.get(SESSION_COOKIE)!;
        await c.get('/min-side');
        const res = await c.post('/log-ud');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<h1>Du er logget ud\.<\/h1>/);
        assert.equal(setCookie(res, SESSION_COOKIE)?.value, '');
        assert.ok(!c.cookies.has(SESSION_COOKIE));
        const [row] = await t.db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashToken(token)));
        assert.ok(row!.revokedAt, 'revoked in the database');
        const replay = new Client(t.app);
        replay.setCookie(SESSION_COOKIE, token);
        assert.equal((await replay.get('/min-side')).statusCode, 303, 'the old cookie opens nothing');
      });

      test('signing out everywhere ends every session of the user, and only theirs', async () => {
        const user = await createUser(t.db, { email: 'mange.enheder@example.dk', members: [{ editionId: rmEdition, role: 'panel' }] });
        const phone = await signedIn(user.id);
        const laptop = await signedIn(user.id);
        const tablet = await signedIn(user.id);
        const someoneElse = await signedIn(member.id);
        await laptop.get('/min-side');
        const res = await laptop.post('/log-ud/overalt');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Du er logget ud på alle enheder \(3 sessioner\)\./);
        assert.equal(setCookie(res, SESSION_COOKIE)?.value, '');
        assert.ok(!laptop.cookies.has(SESSION_COOKIE), 'the cookie is cleared here');
        for (const [name, c] of [
          ['phone', phone],
          ['tablet', tablet],
        ] as const)
          assert.equal((await c.get('/min-side')).statusCode, 303, name);
        const alive = await t.db
          .select()
          .from(sessions)
          .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
        assert.equal(alive.length, 0);
        assert.equal((await someoneElse.get('/min-side')).statusCode, 200);
        // The public cannot use it.
        const anon = new Client(t.app);
        await anon.get('/log-ind');
        assert.equal((await anon.post('/log-ud/overalt')).statusCode, 401);
      });

      test('no session fixation: a session cookie planted before sign-in is replaced by a new token and revoked', async () => {
        const attacker = await createUser(t.db, { email: 'angriber@example.dk' });
        const planted = await session(attacker.id);
        for (const before of [planted, 'C'.repeat(43)]) {
          const c = new Client(t.app, { ip: freshIp() });
          c.setCookie(SESSION_COOKIE, before);
          await c.get('/log-ind');
          await c.post('/log-ind/email', { email: 'komite@example.dk' });
          const { path } = await lastLink('komite@example.dk');
          await c.get(path);
          const res = await c.post(path);
          assert.equal(res.statusCode, 303);
          const fresh = sessionCookie(res)!;
          assert.notEqual(fresh.value, before);
          assert.match((await c.get('/min-side')).body, /Karen Komité/);
        }
        const [row] = await t.db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashToken(planted)));
        assert.ok(row!.revokedAt, 'the planted session is revoked');
        const replay = new Client(t.app);
        replay.setCookie(SESSION_COOKIE, planted);
        assert.equal((await replay.get('/min-side')).statusCode, 303);
      });

      test('a forged or malformed session cookie is the public', async () => {
        for (const value of ['D'.repeat(43), 'kort', `${'E'.repeat(42)}!`, '']) {
          const c = new Client(t.app);
          c.setCookie(SESSION_COOKIE, value);
          const res = await c.get('/min-side');
          assert.equal(res.statusCode, 303, value);
          assert.equal(res.headers.location, '/log-ind?tilbage=%2Fmin-side');
        }
      });
    });

    describe('demo sign-in', () => {
      test('is offered and works only when demo sign-in is on', async () => {
        await seedDemoAdministrator(t.db);
        const off = new Client(t.app, { ip: freshIp() });
        const page = await off.get('/log-ind');
        assert.doesNotMatch(page.body, /demo-administrator/i);
        const refused = await off.post('/log-ind/demo');
        assert.equal(refused.statusCode, 404);
        assert.equal(sessionCookie(refused), undefined);

        const demoApp = await t.another({ demoSignIn: true });
        const on = new Client(demoApp, { ip: freshIp() });
        const offered = await on.get('/log-ind');
        assert.match(offered.body, /<h2 id="demo-heading">Demo<\/h2>/);
        assert.match(offered.body, /<button type="submit" class="button button-secondary">Log ind som demo-administrator<\/button>/);
        assert.equal((await on.post('/log-ind/demo', {}, { csrf: null })).statusCode, 403, 'CSRF applies');
        const res = await on.post('/log-ind/demo');
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/admin');
        const cookie = sessionCookie(res)!;
        const [row] = await t.db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashToken(cookie.value)));
        assert.equal(row!.method, 'demo');
        const overview = await on.get('/admin');
        assert.equal(overview.statusCode, 200);
        for (const name of ['Initiativprisen', 'Smartprisen', 'Årets Borgerinddragende Initiativ']) assert.ok(overview.body.includes(name), name);
      });
    });

    describe('pages of a signed-in visitor', () => {
      test('carry the timeout warning with the seconds left; public pages and the page cache never do', async () => {
        try {
          const c = await signedIn(member.id);
          // A request moves the timeout (written at most once a minute): 30 minutes from now.
          t.clock.advance(2 * MINUTE);
          const mine = await c.get('/min-side');
          assert.match(
            mine.body,
            /<div class="fds-modal-container"><div class="fds-modal" id="session-timeout" aria-hidden="true" role="dialog" aria-modal="true" aria-labelledby="session-timeout-title" aria-describedby="session-timeout-text" data-modal-forced-action data-seconds-left="1800" data-warn-seconds="300"/,
          );
          assert.match(mine.body, /<h2 class="modal-title" id="session-timeout-title">Du bliver snart logget ud<\/h2>/);
          assert.match(mine.body, /<strong data-session-countdown>5 minutter<\/strong>/);
          assert.match(mine.body, /<button type="button" class="button button-primary" data-session-stay>Forbliv logget ind<\/button>/);
          assert.match(mine.body, /<form method="post" action="\/log-ud" data-session-leave><input type="hidden" name="_csrf" value=""\/?>/);
          assert.match(mine.body, /<a class="button button-primary" href="\/log-ind\?tilbage=%2Fmin-side" data-session-sign-in hidden>Log ind igen<\/a>/);
          const privacy = await c.get('/privatliv');
          assert.match(privacy.body, /id="session-timeout"/);
          const anon = new Client(t.app);
          for (const url of ['/privatliv', '/log-ind', '/']) assert.doesNotMatch((await anon.get(url)).body, /session-timeout/, url);

          // A page from the page cache is the same for everybody: no session in it, whoever came first.
          const cached = await t.another({ pageCacheMs: 60_000 });
          const viaCache = new Client(cached);
          viaCache.setCookie(SESSION_COOKIE, c.cookies.get(SESSION_COOKIE)!);
          for (const url of ['/', '/priser/initiativprisen']) {
            const first = await viaCache.get(url);
            assert.equal(first.statusCode, 200);
            assert.doesNotMatch(first.body, /session-timeout/, url);
            assert.doesNotMatch((await cached.inject(url)).body, /session-timeout/, url);
          }
        } finally {
          restoreClock();
        }
      });
    });

    describe('another organisation', () => {
      test("an administrator changing the id in the URL to another organisation's edition is refused with 403 and logged", async () => {
        const other = await createUser(t.db, { email: 'admin.dr@example.dk', adminOf: [drOrg] });
        const c = await signedIn(other.id);
        const n = await buildNomination(t.db, { editionId: rmEdition });
        for (const url of [`/admin/udgaver/${rmEdition}/indstillinger`, `/admin/udgaver/${rmEdition}/indstillinger.csv`, `/admin/indstillinger/${n.id}`]) {
          const res = await c.get(url);
          assert.equal(res.statusCode, 403, url);
          assert.match(res.body, /<h1>Du har ikke adgang til siden<\/h1>/);
        }
        assert.ok(t.logs.some((l) => l.includes('"msg":"administrator refused for another organisation"') && l.includes(`"organisationId":${rmOrg}`)));
      });
    });

    // Last: everything above has been logged by now.
    test('no session or sign-in link token ever reaches the log', () => {
      assert.ok(t.logs.length > 100, `${t.logs.length} log lines`);
      assert.ok(secrets.length > 20, `${secrets.length} tokens handed out`);
      assert.ok(
        t.logs.some((l) => l.includes('/log-ind/link/[redacted]')),
        'link requests are logged, masked',
      );
      const leaked = secrets.filter((s) => t.logs.some((l) => l.includes(s)));
      assert.deepEqual(leaked, []);
      for (const l of t.logs) assert.doesNotMatch(l, /session=|"cookie"|set-cookie/i);
    });
  });
}
