/**
 * Administration, on PGlite and on a real PostgreSQL server: who may use it (signed-in
 * administrators, each for their own organisation; the public is sent to sign in; committee
 * and panel members are refused), the editions, the list of nominations (sorting, filtering,
 * no drafts, no N+1), a nomination in full, screening, and the XLSX and CSV exports.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { awards, criteria, editions, formSections, nominations, organisations, sessions } from '../../src/db/schema.js';
import { decideScreening } from '../../src/nominations/screening.service.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { hashToken } from '../../src/platform/tokens.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';
import { buildAttachment, buildNomination } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';

/** A browser stand-in: keeps cookies, reads the CSRF token of the last page, posts forms from one address. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie, ...extra } : extra;
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: this.headers(), remoteAddress: this.ip });
    this.remember(res);
    return res;
  }

  async post(url: string, fields: Record<string, string>, { csrf = this.csrf as string | null } = {}) {
    const body = new URLSearchParams(fields);
    if (csrf !== null) body.set('_csrf', csrf);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      remoteAddress: this.ip,
    });
    this.remember(res);
    return res;
  }

  /** Signs in as the user: a session made in the database, as an e-mail link or OIDC sign-in would. */
  async signInAs(db: Database, userId: number, now: Date) {
    const s = await sessionFor(db, userId, now);
    this.cookies.set(s.name, s.value);
    return s.value;
  }
}

/** How many SQL statements `fn` sends (through Drizzle's logger, the same on both engines). */
async function countQueries(db: Database, fn: () => Promise<unknown>): Promise<number> {
  const session = (db as unknown as { session: { logger: unknown } }).session;
  const original = session.logger;
  let n = 0;
  session.logger = { logQuery: () => void n++ };
  try {
    await fn();
  } finally {
    session.logger = original;
  }
  return n;
}

/** The nomination ids in the order the list's table shows them. */
const listedIds = (html: string) => [...html.matchAll(/<a href="\/admin\/indstillinger\/(\d+)"/g)].map((m) => Number(m[1]));

/** RFC 4180 parser for the tests: `;`-separated, quoted fields with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

for (const engine of ENGINES) {
  describe(`administration on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    /** Administrator of both organisations (as the demo administrator is). */
    let admin: Client;
    let rmOrg: number;
    let drOrg: number;
    let abi2021: number;
    let smart2024: number;
    let initiativ2024: number;
    let sections2021: { id: number; heading: string }[];
    let criteria2021: { id: number; title: string }[];

    const editionOf = async (slug: string, year: number) => {
      const [row] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, slug), eq(editions.year, year)));
      assert.ok(row, `${slug} ${year}`);
      return row.id;
    };
    const now = () => t.clock.now();

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      db = t.db;
      const orgs = await db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      abi2021 = await editionOf('aarets-borgerinddragende-initiativ', 2021);
      smart2024 = await editionOf('smartprisen', 2024);
      initiativ2024 = await editionOf('initiativprisen', 2024);
      sections2021 = await db
        .select({ id: formSections.id, heading: formSections.heading })
        .from(formSections)
        .where(eq(formSections.editionId, abi2021))
        .orderBy(formSections.position);
      criteria2021 = await db
        .select({ id: criteria.id, title: criteria.title })
        .from(criteria)
        .where(eq(criteria.editionId, abi2021))
        .orderBy(criteria.position);
      const user = await createUser(db, { email: 'admin.begge@example.dk', name: 'Bente Begge', adminOf: [rmOrg, drOrg] });
      admin = new Client(t.app);
      await admin.signInAs(db, user.id, now());
    });
    after(async () => t?.close());

    describe('who may use it', () => {
      test('the public is sent to the sign-in page, remembering where to return; a POST is refused before its body is read', async () => {
        const anon = new Client(t.app, '10.0.0.1');
        const n = await buildNomination(db, { editionId: abi2021 });
        for (const url of [
          '/admin',
          `/admin/udgaver/${abi2021}/indstillinger?sorter=titel`,
          `/admin/udgaver/${abi2021}/indstillinger.csv`,
          `/admin/udgaver/${abi2021}/indstillinger.xlsx`,
          `/admin/indstillinger/${n.id}`,
        ]) {
          const res = await anon.get(url);
          assert.equal(res.statusCode, 303, url);
          assert.equal(res.headers.location, `/log-ind?tilbage=${encodeURIComponent(url)}`, url);
          assert.ok(!res.body.includes(n.title), url);
        }
        const login = await anon.get('/log-ind?tilbage=%2Fadmin');
        assert.equal(login.statusCode, 200);
        assert.match(login.body, /<h1>Log ind<\/h1>/);
        // A POST without a session is refused with 401 (no CSRF error, no change).
        const post = await t.app.inject({ method: 'POST', url: `/admin/indstillinger/${n.id}/screening`, payload: { beslutning: 'egnet' } });
        assert.equal(post.statusCode, 401);
        assert.match(post.body, /<h1>Du skal logge ind<\/h1>/);
        assert.equal((await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.screening, 'pending');
      });

      test('committee and panel members get 403 on every administration page, and it is logged', async () => {
        const n = await buildNomination(db, { editionId: initiativ2024 });
        for (const role of ['committee', 'panel'] as const) {
          const user = await createUser(db, {
            email: `${role}.admin-test@example.dk`,
            members: [{ editionId: initiativ2024, role, isChair: role === 'committee' }],
          });
          const c = new Client(t.app, '10.0.0.2');
          await c.signInAs(db, user.id, now());
          for (const url of [
            '/admin',
            `/admin/udgaver/${initiativ2024}/indstillinger`,
            `/admin/udgaver/${initiativ2024}/indstillinger.csv`,
            `/admin/indstillinger/${n.id}`,
          ]) {
            const res = await c.get(url);
            assert.equal(res.statusCode, 403, `${role} ${url}`);
            assert.match(res.body, /<h1>Du har ikke adgang til siden<\/h1>/);
            assert.ok(!res.body.includes(n.title));
          }
          assert.equal((await c.get('/min-side')).statusCode, 200, 'still signed in');
          await c.get('/min-side');
          assert.equal((await c.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'egnet' })).statusCode, 403);
          assert.ok(
            t.logs.some((l) => l.includes('"msg":"access refused"') && l.includes(`"userId":${user.id}`)),
            role,
          );
        }
        assert.equal((await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.screening, 'pending');
      });

      test("an administrator of Danske Regioner changing the id in the URL to Region Midtjylland's edition, nomination or export gets 403", async () => {
        const user = await createUser(db, { email: 'admin.dr@example.dk', adminOf: [drOrg] });
        const dr = new Client(t.app, '10.0.0.3');
        await dr.signInAs(db, user.id, now());
        const theirs = await buildNomination(db, { editionId: abi2021 });
        const rm = await buildNomination(db, { editionId: initiativ2024, title: 'Region Midtjyllands hemmelighed' });
        // Their own organisation's pages open.
        assert.equal((await dr.get(`/admin/udgaver/${abi2021}/indstillinger`)).statusCode, 200);
        assert.equal((await dr.get(`/admin/indstillinger/${theirs.id}`)).statusCode, 200);
        assert.equal((await dr.get(`/admin/udgaver/${abi2021}/indstillinger.csv`)).statusCode, 200);
        // The overview lists only their own organisation's awards.
        const overview = await dr.get('/admin');
        assert.equal(overview.statusCode, 200);
        assert.ok(overview.body.includes('Årets Borgerinddragende Initiativ'));
        assert.ok(!overview.body.includes('Initiativprisen') && !overview.body.includes('Smartprisen'));
        assert.ok(!overview.body.includes(`/admin/udgaver/${initiativ2024}/`));
        // Changing the id to Region Midtjylland's: 403, the same Danish page, nothing of theirs shown.
        for (const url of [
          `/admin/udgaver/${initiativ2024}/indstillinger`,
          `/admin/udgaver/${initiativ2024}/indstillinger?q=hemmelighed`,
          `/admin/udgaver/${smart2024}/indstillinger`,
          `/admin/udgaver/${initiativ2024}/indstillinger.csv`,
          `/admin/udgaver/${initiativ2024}/indstillinger.xlsx`,
          `/admin/indstillinger/${rm.id}`,
        ]) {
          const res = await dr.get(url);
          assert.equal(res.statusCode, 403, url);
          assert.match(res.body, /<h1>Du har ikke adgang til siden<\/h1>/, url);
          assert.ok(!res.body.includes('Region Midtjyllands hemmelighed') && !res.body.includes(rm.receiptNumber!), url);
          assert.equal(res.headers['content-disposition'], undefined, url);
        }
        await dr.get(`/admin/indstillinger/${theirs.id}`);
        const post = await dr.post(`/admin/indstillinger/${rm.id}/screening`, { beslutning: 'ikke-egnet', begrundelse: 'Forsøg' });
        assert.equal(post.statusCode, 403);
        assert.equal((await db.select().from(nominations).where(eq(nominations.id, rm.id)))[0]!.screening, 'pending');
        assert.ok(t.logs.some((l) => l.includes('"msg":"administrator refused for another organisation"') && l.includes(`"organisationId":${rmOrg}`)));
        // Ids that do not exist are 404 for them as for anybody, so 403 tells only "not yours".
        assert.equal((await dr.get('/admin/indstillinger/999999')).statusCode, 404);
      });

      test('a forged, revoked or expired session does not open the pages', async () => {
        const user = await createUser(db, { email: 'admin.udloeb@example.dk', adminOf: [rmOrg] });
        const c = new Client(t.app, '10.0.0.4');
        const token = await c.signInAs(db, user.id, now());
        assert.equal((await c.get('/admin')).statusCode, 200);
        for (const v of ['A'.repeat(43), token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), hashToken(token), '']) {
          const res = await t.app.inject({ url: '/admin', cookies: { [SESSION_COOKIE]: v } });
          assert.equal(res.statusCode, 303, v);
        }
        try {
          t.clock.advance(31 * 60 * 1000);
          assert.equal((await t.app.inject({ url: '/admin', cookies: { [SESSION_COOKIE]: token } })).statusCode, 303, 'timed out after 30 idle minutes');
        } finally {
          t.clock.set(NOW);
        }
        const fresh = await c.signInAs(db, user.id, now());
        await db
          .update(sessions)
          .set({ revokedAt: now() })
          .where(eq(sessions.idHash, hashToken(fresh)));
        assert.equal((await c.get('/admin')).statusCode, 303, 'revoked');
      });

      test('POST without the CSRF token is refused with 403 and changes nothing', async () => {
        const n = await buildNomination(db, { editionId: abi2021 });
        await admin.get(`/admin/indstillinger/${n.id}`);
        for (const csrf of [null, 'forfalsket']) {
          const screening = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'egnet' }, { csrf });
          assert.equal(screening.statusCode, 403);
          assert.match(screening.body, /Formularen er udløbet/);
        }
        const [row] = await db.select().from(nominations).where(eq(nominations.id, n.id));
        assert.equal(row!.screening, 'pending');
        assert.equal((await admin.get('/admin')).statusCode, 200, 'still signed in');
      });

      test("the administration's sign-out button ends the session", async () => {
        const user = await createUser(db, { email: 'admin.logud@example.dk', adminOf: [drOrg] });
        const c = new Client(t.app, '10.0.0.7');
        await c.signInAs(db, user.id, now());
        const page = await c.get('/admin');
        assert.match(page.body, /<form method="post" action="\/log-ud" class="admin-signout no-print">/);
        const res = await c.post('/log-ud', {});
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Du er logget ud/);
        assert.ok(!c.cookies.has(SESSION_COOKIE));
        assert.equal((await c.get('/admin')).statusCode, 303);
      });
    });

    describe('editions and the list of nominations', () => {
      let edition: number;
      const ids: Record<string, number> = {};

      before(async () => {
        // A fresh edition of the open demo award, so counts and orders are exact.
        const [award] = await db.select({ id: awards.id }).from(awards).where(eq(awards.slug, 'initiativprisen'));
        const [row] = await db.insert(editions).values({ awardId: award!.id, year: 2031, theme: 'Listetest' }).returning({ id: editions.id });
        edition = row!.id;
        const mk = async (key: string, o: Omit<Parameters<typeof buildNomination>[1], 'editionId'>) => {
          ids[key] = (await buildNomination(db, { ...o, editionId: edition })).id;
        };
        await mk('b', {
          receiptNumber: 'IP-2031-0002',
          title: 'Bedre søvn på afdelingen',
          nomineeNames: 'Åse Ørum',
          nominatorName: 'Carl Berg',
          sentAt: new Date('2030-03-02T10:00:00Z'),
        });
        await mk('a', {
          receiptNumber: 'IP-2031-0001',
          title: 'Aftensmad med patienterne',
          nomineeNames: 'Bo Holm',
          nominatorName: 'Anna Dahl',
          sentAt: new Date('2030-03-01T10:00:00Z'),
          screening: 'eligible',
        });
        await mk('c', {
          receiptNumber: 'IP-2031-0003',
          title: '100% digital indkaldelse',
          nomineeNames: 'Cecilie Ahmed',
          nominatorName: 'Birgit Ry',
          sentAt: new Date('2030-03-03T10:00:00Z'),
          screening: 'not-eligible',
          screeningReason: 'For sent',
        });
        await mk('w', {
          status: 'withdrawn',
          receiptNumber: 'IP-2031-0004',
          title: 'Trukket tilbage',
          nomineeNames: 'Dorte Fisk',
          nominatorName: 'Dan Sø',
          sentAt: new Date('2030-03-04T10:00:00Z'),
        });
        await mk('d', { status: 'draft', title: 'Hemmelig kladde', nomineeNames: 'Kladde Kandidat', nominatorName: 'Kladde Indstiller' });
      });

      test('the overview lists every award with its editions, phases and numbers of sent nominations', async () => {
        const res = await admin.get('/admin');
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        for (const name of ['Initiativprisen', 'Smartprisen', 'Årets Borgerinddragende Initiativ']) assert.ok(res.body.includes(name), name);
        // 2031: three sent (the withdrawn one and the draft are not counted).
        const row = new RegExp(
          `<tr><th scope="row"><a href="/admin/udgaver/${edition}" aria-label="Overblik over Initiativprisen 2031">Initiativprisen 2031</a></th><td>Listetest</td><td>[^<]+</td><td>[^<]*</td><td class="text-align-right">3</td>`,
        );
        assert.match(res.body, row);
        assert.match(res.body, /aria-label="Vis indstillinger til Initiativprisen 2031"/);
      });

      test('sent and withdrawn nominations are listed, drafts never', async () => {
        const res = await admin.get(`/admin/udgaver/${edition}/indstillinger`);
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<h1>Indstillinger til Initiativprisen 2031<\/h1>/);
        assert.deepEqual(listedIds(res.body), [ids.w, ids.c, ids.b, ids.a], 'newest first by default');
        assert.ok(!res.body.includes('Hemmelig kladde'));
        assert.ok(!res.body.includes('Kladde Kandidat'));
        assert.match(res.body, /<h2 class="h4" id="result-heading">4 indstillinger<\/h2>/);
        assert.match(res.body, /<time datetime="2030-03-02T10:00:00.000Z">2\. marts 2030 kl\. 11\.00<\/time>/);
        assert.match(res.body, /<td>Trukket tilbage<\/td>/);
        assert.match(res.body, /<td>Ikke egnet<\/td>/);
        assert.match(res.body, /<th scope="col" aria-sort="descending"><a href="[^"]*sorter=sendt&amp;retning=stigende"/);
      });

      test('the pages and exports follow the chosen language', async () => {
        admin.cookies.set('lang', 'en');
        try {
          const list = await admin.get(`/admin/udgaver/${edition}/indstillinger`);
          assert.match(list.body, /<html lang="en">/);
          assert.match(list.body, /<h1>Nominations for Initiativprisen 2031<\/h1>/);
          assert.match(list.body, /<td>Withdrawn<\/td>/);
          const detail = await admin.get(`/admin/indstillinger/${ids.c}`);
          assert.match(detail.body, /<dd>Not eligible<\/dd>/);
          const csv = await admin.get(`/admin/udgaver/${edition}/indstillinger.csv`);
          assert.ok(csv.rawPayload.subarray(3).toString('utf8').startsWith('Receipt number;Status;Sent;'));
        } finally {
          admin.cookies.delete('lang');
        }
      });

      test('every column sorts both ways through ?sorter=…&retning=…', async () => {
        const order = async (q: string) => listedIds((await admin.get(`/admin/udgaver/${edition}/indstillinger?${q}`)).body);
        const { a, b, c, w } = ids as Record<'a' | 'b' | 'c' | 'w', number>;
        assert.deepEqual(await order('sorter=kvittering&retning=stigende'), [a, b, c, w]);
        assert.deepEqual(await order('sorter=kvittering&retning=faldende'), [w, c, b, a]);
        assert.deepEqual(await order('sorter=titel&retning=stigende'), [c, a, b, w]);
        assert.deepEqual(await order('sorter=titel&retning=faldende'), [w, b, a, c]);
        // Å sorts after the letters a–z, as in Danish.
        assert.deepEqual(await order('sorter=kandidat&retning=stigende'), [a, c, w, b]);
        assert.deepEqual(await order('sorter=indstiller&retning=stigende'), [a, c, b, w]);
        assert.deepEqual(await order('sorter=indstiller&retning=faldende'), [w, b, c, a]);
        assert.deepEqual(await order('sorter=sendt&retning=stigende'), [a, b, c, w]);
        // Status: sent before withdrawn; ties by receipt number.
        assert.deepEqual(await order('sorter=status&retning=stigende'), [a, b, c, w]);
        assert.deepEqual(await order('sorter=status&retning=faldende'), [w, a, b, c]);
        // Screening: eligible, not-eligible, pending (alphabetical by code); ties by receipt number.
        assert.deepEqual(await order('sorter=screening&retning=stigende'), [a, c, b, w]);
        const html = (await admin.get(`/admin/udgaver/${edition}/indstillinger?sorter=titel&retning=stigende`)).body;
        assert.match(
          html,
          /<th scope="col" aria-sort="ascending"><a href="[^"]*sorter=titel&amp;retning=faldende" class="admin-sort-link"><span>Titel<\/span><span class="sr-only">, sorteret stigende\. Sortér faldende<\/span>/,
        );
        // The filter form keeps the sort.
        assert.match(html, /<input type="hidden" name="sorter" value="titel"\/?>/);
      });

      test('filters by status, screening and text (title, nominee, nominator), with wildcards taken literally', async () => {
        const list = async (q: string) => listedIds((await admin.get(`/admin/udgaver/${edition}/indstillinger?${q}`)).body).sort((x, y) => x - y);
        const sorted = (...xs: number[]) => xs.sort((x, y) => x - y);
        const { a, b, c, w } = ids as Record<'a' | 'b' | 'c' | 'w', number>;
        assert.deepEqual(await list('status=sendt'), sorted(a, b, c));
        assert.deepEqual(await list('status=trukket-tilbage'), [w]);
        assert.deepEqual(await list('screening=egnet'), [a]);
        assert.deepEqual(await list('screening=ikke-egnet'), [c]);
        assert.deepEqual(await list('screening=afventer'), sorted(b, w));
        assert.deepEqual(await list('q=s%C3%B8vn'), [b], 'title, with a Danish letter');
        assert.deepEqual(await list('q=AFTENSMAD'), [a], 'case-insensitive');
        assert.deepEqual(await list('q=holm'), [a], 'nominee');
        assert.deepEqual(await list('q=birgit'), [c], 'nominator');
        assert.deepEqual(await list('q=%25'), [c], '% matches only a literal percent sign');
        assert.deepEqual(await list('q=_'), [], '_ matches only a literal underscore');
        assert.deepEqual(await list('q=%5C'), [], 'a backslash is literal too');
        assert.deepEqual(await list('q=s&status=sendt&screening=afventer'), [b], 'filters combine');
        const none = await admin.get(`/admin/udgaver/${edition}/indstillinger?q=findes-ikke`);
        assert.match(none.body, /Ingen indstillinger passer på din søgning/);
        assert.match(none.body, /<h2 class="h4" id="result-heading">Viser 0 af 4 indstillinger<\/h2>/);
        assert.match(none.body, /<input class="form-input input-width-xl" type="search" id="q" name="q" value="findes-ikke"/);
        // A typed "&lt;" comes back as typed (the & is escaped in the attribute).
        const amp = await admin.get(`/admin/udgaver/${edition}/indstillinger?q=${encodeURIComponent('a&lt;"b')}`);
        assert.match(amp.body, /name="q" value="a&amp;lt;&#34;b"/);
        // The filter form is a GET form, so the URL can be shared.
        assert.match(none.body, new RegExp(`<form method="get" action="/admin/udgaver/${edition}/indstillinger"`));
      });

      test('malformed list parameters get the defaults, never an error', async () => {
        const { a, b, c, w } = ids as Record<'a' | 'b' | 'c' | 'w', number>;
        for (const q of [
          'sorter=drop%20table&retning=op',
          'sorter=titel&sorter=kandidat',
          'status=kladde',
          'status=draft',
          'screening=%00',
          `q=${'x'.repeat(5000)}`,
          'q[]=1&status[x]=2',
          'retning=stigende&retning=faldende',
          'q=%C3%28',
        ]) {
          const res = await admin.get(`/admin/udgaver/${edition}/indstillinger?${q}`);
          assert.equal(res.statusCode, 200, q);
          assert.ok(!res.body.includes('Hemmelig kladde'), q);
          if (!q.startsWith('q=x') && !q.startsWith('q=%C3')) assert.deepEqual(listedIds(res.body).sort(), [a, b, c, w].sort(), q);
        }
      });

      test('unknown and malformed edition ids are 404 pages', async () => {
        for (const id of ['abc', '0', '-1', '1.5', '99999999999', '2147483648', '999999', '%00']) {
          for (const suffix of ['', '.csv', '.xlsx']) {
            const res = await admin.get(`/admin/udgaver/${id}/indstillinger${suffix}`);
            assert.equal(res.statusCode, 404, `${id}${suffix}`);
            assert.match(res.body, /Siden findes ikke/);
          }
        }
      });

      test('the list page costs the same number of queries for 4 or 40 nominations (no N+1)', async () => {
        const url = `/admin/udgaver/${edition}/indstillinger?sorter=titel&retning=stigende`;
        const few = await countQueries(db, () => admin.get(url));
        const [award] = await db.select({ id: awards.id }).from(awards).where(eq(awards.slug, 'initiativprisen'));
        const [big] = await db.insert(editions).values({ awardId: award!.id, year: 2032 }).returning({ id: editions.id });
        for (let i = 0; i < 40; i++) await buildNomination(db, { editionId: big!.id, answers: {} });
        const many = await countQueries(db, () => admin.get(`/admin/udgaver/${big!.id}/indstillinger?sorter=titel&retning=stigende`));
        assert.equal(many, few);
        // Every signed-in request reads its session, user and roles (1 query); a page for one
        // edition also looks up the edition's organisation (1) before anything else.
        const SIGNED_IN = 1;
        const ORGANISATION_CHECK = 1;
        assert.ok(few <= SIGNED_IN + ORGANISATION_CHECK + 3, `list page uses ${few} queries`);
        const overview = await countQueries(db, () => admin.get('/admin'));
        // The rounds (1), and what waits in them as nominations, judging and panel count it (1 each).
        assert.ok(overview <= SIGNED_IN + 4, `overview uses ${overview} queries`);
        const exportQueries = await countQueries(db, () => admin.get(`/admin/udgaver/${big!.id}/indstillinger.csv`));
        assert.ok(exportQueries <= SIGNED_IN + ORGANISATION_CHECK + 4, `export uses ${exportQueries} queries`);
      });
    });

    describe('a nomination in full, and screening', () => {
      test('shows the fixed parts, each section heading with its answer, the criteria and the consent', async () => {
        const answers = Object.fromEntries(sections2021.map((s, i) => [String(s.id), `Svar på ${s.heading}.\n\nAnden linje ${i} med æøå.`]));
        const n = await buildNomination(db, {
          editionId: abi2021,
          title: 'Patientpanel på <Akutafdelingen>',
          summary: 'Et kort resumé.',
          nominatorName: 'Søren Ærø',
          nominatorEmail: 'soren@example.dk',
          nominatorWorkplace: 'Hospitalsenheden Vest',
          nominatorIsCitizen: 'no',
          nomineeKind: 'team',
          nomineeNames: 'Team Øst',
          nomineeUnit: 'Akutafdelingen',
          nomineeOrganisation: 'Region Syddanmark',
          nomineeEmail: 'team@example.dk',
          nomineeConsent: 'accepted',
          nomineeConsentAt: new Date('2020-12-20T08:00:00Z'),
          criterionIds: [criteria2021[2]!.id, criteria2021[0]!.id],
          answers,
          sentAt: new Date('2020-12-18T10:30:00Z'),
        });
        await buildAttachment(db, { nominationId: n.id, fileName: 'bilag æ.pdf', data: Buffer.alloc(20480) });
        const res = await admin.get(`/admin/indstillinger/${n.id}`);
        assert.equal(res.statusCode, 200);
        const html = res.body;
        assert.match(html, /<h1 lang="da">Patientpanel på &lt;Akutafdelingen><\/h1>/);
        assert.ok(!html.includes('<Akutafdelingen>'));
        for (const expected of [
          n.receiptNumber!,
          'Årets Borgerinddragende Initiativ 2021',
          '18. december 2020 kl. 11.30',
          'Søren Ærø',
          'soren@example.dk',
          'Hospitalsenheden Vest',
          'Et team',
          'Team Øst',
          'Region Syddanmark',
          'Har sagt ja til at blive offentliggjort (20. december 2020 kl. 09.00)',
          'Et kort resumé.',
          'bilag æ.pdf (20 kB)',
          'Afventer',
        ]) {
          assert.ok(html.includes(expected), `page shows ${expected}`);
        }
        for (const [i, s] of sections2021.entries()) {
          assert.ok(html.includes(`class="h4">${s.heading}</h3>`), s.heading);
          assert.ok(html.includes(`<span>Svar på ${s.heading}.</span>`), `answer to ${s.heading}`);
          assert.ok(html.includes(`<span>Anden linje ${i} med æøå.</span>`));
        }
        // The criteria in the edition's order, only those chosen.
        const c0 = html.indexOf(`<li>${criteria2021[0]!.title}</li>`);
        const c2 = html.indexOf(`<li>${criteria2021[2]!.title}</li>`);
        assert.ok(c0 > 0 && c2 > c0);
        assert.ok(!html.includes(`<li>${criteria2021[1]!.title}</li>`));
        // The screening form, and the print hint.
        assert.match(html, new RegExp(`<form method="post" action="/admin/indstillinger/${n.id}/screening" novalidate>`));
        assert.match(html, /Ctrl\+P/);
        assert.match(html, /<link rel="stylesheet" href="\/static\/app\.[0-9a-f]+\.css"/);
      });

      test('a Smartprisen nomination shows where the solution comes from', async () => {
        const n = await buildNomination(db, {
          editionId: smart2024,
          originOrganisation: 'Region Hovedstaden',
          originDescription: 'Udviklet på Rigshospitalet.',
          originUrl: 'https://example.dk/loesning',
        });
        const html = (await admin.get(`/admin/indstillinger/${n.id}`)).body;
        assert.ok(html.includes('Hvor løsningen kommer fra'));
        assert.ok(html.includes('Region Hovedstaden'));
        assert.ok(html.includes('Udviklet på Rigshospitalet.'));
        assert.ok(html.includes('https://example.dk/loesning'));
        const other = await buildNomination(db, { editionId: abi2021 });
        assert.ok(!(await admin.get(`/admin/indstillinger/${other.id}`)).body.includes('Hvor løsningen kommer fra'));
      });

      test('drafts, unknown and malformed ids are 404 pages', async () => {
        const draft = await buildNomination(db, { editionId: abi2021, status: 'draft', title: 'Kladde' });
        for (const id of [String(draft.id), '999999', 'abc', '0', '-3', '1e3', '99999999999']) {
          const res = await admin.get(`/admin/indstillinger/${id}`);
          assert.equal(res.statusCode, 404, id);
          assert.match(res.body, /Siden findes ikke/);
          const post = await admin.post(`/admin/indstillinger/${id}/screening`, { beslutning: 'egnet' });
          assert.equal(post.statusCode, 404, `POST ${id}`);
        }
        const [row] = await db.select().from(nominations).where(eq(nominations.id, draft.id));
        assert.equal(row!.screening, 'pending');
      });

      test('decideScreening: every outcome, and the decision can be changed', async () => {
        const now = new Date('2021-01-05T09:00:00Z');
        const sent = await buildNomination(db, { editionId: abi2021 });
        const draft = await buildNomination(db, { editionId: abi2021, status: 'draft' });
        const withdrawn = await buildNomination(db, { editionId: abi2021, status: 'withdrawn' });
        const decide = (nominationId: number, decision: 'eligible' | 'not-eligible', reason?: string | null) =>
          decideScreening({ db, nominationId, decision, reason, now });
        assert.deepEqual(await decide(999_999, 'eligible'), { ok: false, reason: 'not-found' });
        assert.deepEqual(await decide(draft.id, 'eligible'), { ok: false, reason: 'not-sent' });
        assert.deepEqual(await decide(withdrawn.id, 'eligible'), { ok: false, reason: 'withdrawn' });
        assert.deepEqual(await decide(sent.id, 'not-eligible'), { ok: false, reason: 'reason-required' });
        assert.deepEqual(await decide(sent.id, 'not-eligible', '  \n '), { ok: false, reason: 'reason-required' });
        const read = async (id: number) => (await db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
        assert.equal((await read(sent.id)).screening, 'pending');

        assert.deepEqual(await decide(sent.id, 'not-eligible', '  Sendt efter fristen.  '), { ok: true });
        let row = await read(sent.id);
        assert.equal(row.screening, 'not-eligible');
        assert.equal(row.screeningReason, 'Sendt efter fristen.');
        assert.equal(row.screenedAt?.toISOString(), now.toISOString());
        assert.equal(row.version, sent.version, "the nominator's version is untouched");
        assert.equal(row.updatedAt.toISOString(), sent.updatedAt.toISOString());

        assert.deepEqual(await decide(sent.id, 'eligible', 'ignored'), { ok: true });
        row = await read(sent.id);
        assert.equal(row.screening, 'eligible');
        assert.equal(row.screeningReason, null);
        assert.equal((await read(withdrawn.id)).screening, 'pending');
        assert.equal((await read(draft.id)).screening, 'pending');
      });

      test('not eligible without a reason shows the DKFDS error and keeps what was typed; with a reason it is saved', async () => {
        const n = await buildNomination(db, { editionId: abi2021 });
        await admin.get(`/admin/indstillinger/${n.id}`);
        const missing = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'ikke-egnet', begrundelse: '   ' });
        assert.equal(missing.statusCode, 400);
        assert.match(missing.body, /<title>Fejl: Indstilling [^<]+ – Prisportal<\/title>/);
        assert.match(missing.body, /data-module="error-summary"/);
        assert.match(missing.body, /<a href="#reason" class="function-link">Skriv en begrundelse for, at indstillingen ikke er egnet\.<\/a>/);
        assert.match(missing.body, /<span class="form-error-message" id="reason-error">/);
        assert.match(missing.body, /type="radio" id="decision-not-eligible" name="beslutning" value="ikke-egnet" checked/);
        assert.equal((await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.screening, 'pending');

        const noDecision = await admin.post(`/admin/indstillinger/${n.id}/screening`, { begrundelse: 'Min <tekst> & mere' });
        assert.equal(noDecision.statusCode, 400);
        assert.match(noDecision.body, /<a href="#decision-eligible" class="function-link">Vælg, om indstillingen er egnet eller ikke egnet\.<\/a>/);
        assert.match(noDecision.body, /Min &lt;tekst> &amp; mere<\/textarea>/, 'the typed reason is kept, escaped');

        const tooLong = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'ikke-egnet', begrundelse: 'x'.repeat(2001) });
        assert.equal(tooLong.statusCode, 400);
        assert.match(tooLong.body, /Begrundelsen må højst være 2\.000 tegn/);

        t.clock.advance(15 * 60 * 1000);
        try {
          const ok = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'ikke-egnet', begrundelse: 'Opfylder ikke temaet.' });
          assert.equal(ok.statusCode, 303);
          assert.equal(ok.headers.location, `/admin/indstillinger/${n.id}?gemt=1`);
        } finally {
          t.clock.set(NOW);
        }
        const page = await admin.get(`/admin/indstillinger/${n.id}?gemt=1`);
        assert.match(page.body, /Screeningen er gemt\./);
        assert.match(page.body, /<dd>Ikke egnet<\/dd>/);
        assert.match(page.body, /<dd>Opfylder ikke temaet\.<\/dd>/);
        assert.match(page.body, /<dt>Screenet<\/dt><dd>24\. november 2026 kl\. 13\.15<\/dd>/);
        // The form shows the decision on record.
        assert.match(page.body, /name="beslutning" value="ikke-egnet" checked/);
        const list = await admin.get(`/admin/udgaver/${abi2021}/indstillinger?screening=ikke-egnet`);
        assert.ok(listedIds(list.body).includes(n.id));

        const eligible = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'egnet', begrundelse: '' });
        assert.equal(eligible.statusCode, 303);
        const row = (await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!;
        assert.equal(row.screening, 'eligible');
        assert.equal(row.screeningReason, null);
      });

      test('a withdrawn nomination shows as withdrawn and cannot be screened', async () => {
        const n = await buildNomination(db, { editionId: abi2021, status: 'withdrawn', sentAt: new Date('2020-12-01T12:00:00Z') });
        const page = await admin.get(`/admin/indstillinger/${n.id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Indstilleren trak indstillingen tilbage 1\. december 2020 kl\. 13\.00\. Den kan ikke screenes\./);
        assert.doesNotMatch(page.body, /\/screening"/);
        const post = await admin.post(`/admin/indstillinger/${n.id}/screening`, { beslutning: 'egnet' });
        assert.equal(post.statusCode, 409);
        assert.match(post.body, /Den kan ikke screenes/);
        assert.equal((await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.screening, 'pending');
      });
    });

    describe('exports', () => {
      let edition: number;
      let sections: { id: number; heading: string }[];
      let tricky: Awaited<ReturnType<typeof buildNomination>>;
      let plain: Awaited<ReturnType<typeof buildNomination>>;

      before(async () => {
        // A copy of ABI 2021's form in a fresh edition, so the export holds exactly these rows.
        const [award] = await db.select({ id: awards.id }).from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
        const [row] = await db.insert(editions).values({ awardId: award!.id, year: 2040 }).returning({ id: editions.id });
        edition = row!.id;
        sections = await db
          .insert(formSections)
          .values([
            { editionId: edition, position: 1, heading: 'Baggrund', wordLimit: 200 },
            { editionId: edition, position: 2, heading: 'Initiativet i praksis; "kort"', wordLimit: 200 },
          ])
          .returning({ id: formSections.id, heading: formSections.heading });
        const [crit] = await db
          .insert(criteria)
          .values({ editionId: edition, position: 1, title: 'Borgerinddragelse', description: 'x' })
          .returning({ id: criteria.id });
        tricky = await buildNomination(db, {
          editionId: edition,
          receiptNumber: 'ABI-2040-0001',
          title: '=HYPERLINK("http://evil.example";"klik")',
          nomineeNames: '+45 1234 5678',
          nominatorName: '@Søren; "Æbleskiver" Ørum',
          nominatorEmail: '-1+1',
          summary: 'Første linje\nAnden linje med æ, ø og å',
          criterionIds: [crit!.id],
          answers: { [String(sections[0]!.id)]: 'Svar om baggrund; med semikolon', [String(sections[1]!.id)]: '\tTabulator først' },
          sentAt: new Date('2040-01-15T10:05:00Z'),
          screening: 'not-eligible',
          screeningReason: 'Uden for temaet',
        });
        plain = await buildNomination(db, {
          editionId: edition,
          receiptNumber: 'ABI-2040-0002',
          status: 'withdrawn',
          sentAt: new Date('2040-07-01T10:00:00Z'),
        });
        await buildNomination(db, { editionId: edition, status: 'draft', title: 'Kladde i eksport' });
      });

      test('CSV: UTF-8 with BOM, semicolons, RFC 4180 quoting, guarded formulas, one column per section', async () => {
        const res = await admin.get(`/admin/udgaver/${edition}/indstillinger.csv`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
        assert.equal(
          res.headers['content-disposition'],
          `attachment; filename="indstillinger-aarets-borgerinddragende-initiativ-2040.csv"; filename*=UTF-8''indstillinger-aarets-borgerinddragende-initiativ-2040.csv`,
        );
        assert.equal(res.headers['cache-control'], 'no-store');
        const bytes = res.rawPayload;
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
        const text = bytes.subarray(3).toString('utf8');
        assert.ok(text.endsWith('\r\n'));
        assert.ok(!text.includes('Kladde i eksport'), 'no drafts');
        const rows = parseCsv(text);
        assert.equal(rows.length, 3, 'header and two nominations');
        const header = rows[0]!;
        assert.equal(header[0], 'Kvitteringsnummer');
        assert.deepEqual(header.slice(-2), ['Baggrund', 'Initiativet i praksis; "kort"']);
        assert.ok(text.startsWith('Kvitteringsnummer;Status;Sendt;'), 'semicolon separated');
        assert.ok(text.includes('"Initiativet i praksis; ""kort"""'), 'quoted, quotes doubled');
        assert.ok(!header.includes('Oprindelig organisation'), 'no origin columns for an award that does not ask');
        const col = (name: string) => header.indexOf(name);
        const first = rows[1]!;
        assert.equal(first.length, header.length);
        assert.equal(first[col('Kvitteringsnummer')], 'ABI-2040-0001');
        assert.equal(first[col('Status')], 'Sendt');
        assert.equal(first[col('Sendt')], '2040-01-15 11:05', 'Copenhagen time');
        assert.equal(first[col('Titel')], `'=HYPERLINK("http://evil.example";"klik")`);
        assert.equal(first[col('Kandidat')], "'+45 1234 5678");
        assert.equal(first[col('Indstillers navn')], `'@Søren; "Æbleskiver" Ørum`);
        assert.equal(first[col('Indstillers e-mail')], "'-1+1");
        assert.equal(first[col('Resumé')], 'Første linje\nAnden linje med æ, ø og å');
        assert.equal(first[col('Kriterier')], 'Borgerinddragelse');
        assert.equal(first[col('Screening')], 'Ikke egnet');
        assert.equal(first[col('Begrundelse for screening')], 'Uden for temaet');
        assert.equal(first[col('Baggrund')], 'Svar om baggrund; med semikolon');
        assert.equal(first[col('Initiativet i praksis; "kort"')], "'\tTabulator først");
        const second = rows[2]!;
        assert.equal(second[col('Kvitteringsnummer')], 'ABI-2040-0002');
        assert.equal(second[col('Status')], 'Trukket tilbage');
        assert.equal(second[col('Trukket tilbage')], '2040-07-01 12:00', 'summer time');
        assert.equal(second[col('Baggrund')], plain.answers[String(sections[0]!.id)]);
        assert.ok(text.includes('Æbleskiver') && text.includes('æ, ø og å'), 'Danish letters intact');
      });

      test('XLSX: the same table, read back with exceljs; text stays text, instants are dates', async () => {
        const res = await admin.get(`/admin/udgaver/${edition}/indstillinger.xlsx`);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.match(res.headers['content-disposition'] as string, /^attachment; filename="indstillinger-aarets-borgerinddragende-initiativ-2040\.xlsx"/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets[0]!;
        assert.equal(sheet.name, 'Indstillinger');
        assert.equal(sheet.rowCount, 3);
        const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
        assert.deepEqual(header.slice(-2), ['Baggrund', 'Initiativet i praksis; "kort"']);
        const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1);
        assert.equal(cell(2, 'Kvitteringsnummer').value, 'ABI-2040-0001');
        const title = cell(2, 'Titel');
        assert.equal(title.type, ExcelJS.ValueType.String, 'a leading = is text, not a formula');
        assert.equal(title.value, tricky.title);
        assert.equal(cell(2, 'Indstillers navn').value, '@Søren; "Æbleskiver" Ørum');
        assert.equal(cell(2, 'Resumé').value, 'Første linje\nAnden linje med æ, ø og å');
        const sent = cell(2, 'Sendt');
        assert.equal(sent.type, ExcelJS.ValueType.Date);
        assert.equal((sent.value as Date).toISOString(), '2040-01-15T11:05:00.000Z', 'the Copenhagen wall-clock time');
        assert.equal(sent.numFmt, 'dd-mm-yyyy hh:mm');
        assert.equal(cell(3, 'Status').value, 'Trukket tilbage');
        assert.equal(cell(2, 'Baggrund').value, 'Svar om baggrund; med semikolon');
        assert.equal(sheet.getRow(1).font?.bold, true);
      });

      test('an edition without nominations exports the header row only; Smartprisen gets origin columns', async () => {
        const res = await admin.get(`/admin/udgaver/${smart2024}/indstillinger.csv`);
        const before = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
        assert.ok(before[0]!.includes('Oprindelig organisation'));
        const [award] = await db.select({ id: awards.id }).from(awards).where(eq(awards.slug, 'smartprisen'));
        const [empty] = await db.insert(editions).values({ awardId: award!.id, year: 2045 }).returning({ id: editions.id });
        const csv = await admin.get(`/admin/udgaver/${empty!.id}/indstillinger.csv`);
        assert.equal(csv.statusCode, 200);
        assert.equal(parseCsv(csv.rawPayload.subarray(3).toString('utf8')).length, 1);
        assert.match(csv.headers['content-disposition'] as string, /filename="indstillinger-smartprisen-2045\.csv"/);
        const xlsx = await admin.get(`/admin/udgaver/${empty!.id}/indstillinger.xlsx`);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
        assert.equal(wb.worksheets[0]!.rowCount, 1);
      });
    });
  });
}
