/**
 * Issue 16 on PGlite and PostgreSQL: static files fingerprinted, compressed (brotli, gzip) and
 * cached for a year; an organisation's drawn mark and theme; its colour refused when white text
 * would not be readable on it; the nominee's page only with consent; the privacy policy with the
 * retention in force; the award page's call and prize.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { nominations, organisations } from '../../src/db/schema.js';
import { seedDemoJudgedRound } from '../../src/db/seed/demo-round.js';
import { chooseEncoding } from '../../src/platform/static-assets.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';

const NOW = '2026-11-24T12:00:00Z';

test('the encoding chosen from Accept-Encoding: brotli first, gzip next, q=0 refuses', () => {
  const cases: [string | undefined, ReturnType<typeof chooseEncoding>][] = [
    [undefined, null],
    ['', null],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', null],
    ['*', 'br'],
    ['*;q=0', null],
  ];
  for (const [header, expected] of cases) assert.equal(chooseEncoding(header), expected, String(header));
});

for (const engine of ENGINES) {
  describe(`issue 16 on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    before(async () => {
      t = await startTestApp(engine, NOW);
      await seedDemoJudgedRound(t.database.db, new Date(NOW));
    });
    after(async () => await t?.close());

    test('static files: fingerprinted names cached for a year, brotli and gzip, plain names for an hour', async () => {
      const page = (await t.app.inject('/')).body;
      const css = /href="(\/dkfds\/v[\d.]+\/css\/dkfds\.min\.css)"/.exec(page)?.[1];
      const app = /href="(\/static\/app\.[0-9a-f]{8}\.css)"/.exec(page)?.[1];
      assert.ok(css && app, 'the page refers to fingerprinted stylesheets');
      const plain = await t.app.inject({ url: '/dkfds/css/dkfds.min.css' });
      const br = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(br.headers.vary, 'accept-encoding');
      assert.match(String(br.headers['content-type']), /^text\/css/);
      assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload, 'brotli gives the same bytes');
      console.log(`  dkfds.min.css: ${plain.rawPayload.length} bytes, ${br.rawPayload.length} with brotli`);
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 4);
      const gz = await t.app.inject({ url: app, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(gz.rawPayload).toString('utf8'), /--brand-primary/);
      assert.equal(plain.headers['content-encoding'], undefined, 'nothing is compressed for a client that did not ask');
      assert.equal(plain.headers['cache-control'], 'public, max-age=3600');
      const again = await t.app.inject({ url: css, headers: { 'if-none-match': String(br.headers.etag) } });
      assert.equal(again.statusCode, 304);
      // A stale fingerprint still answers, but only for an hour.
      const stale = await t.app.inject(app.replace(/\.[0-9a-f]{8}\./, '.00000000.'));
      assert.equal(stale.statusCode, 200);
      assert.equal(stale.headers['cache-control'], 'public, max-age=3600');
      for (const bad of ['/dkfds/../package.json', '/dkfds/scss/dkfds.scss', '/static/%2e%2e/package.json', '/static/.hidden.css', '/static/findes-ikke.css'])
        assert.equal((await t.app.inject(bad)).statusCode, 404, bad);
    });

    test("an organisation's mark is a plain SVG image and its theme sets the colour; unknown organisations are 404", async () => {
      const page = (await t.app.inject('/priser/initiativprisen')).body;
      const mark = /<img src="(\/organisationer\/region-midtjylland\/maerke\.svg\?v=[0-9a-f]+)"/.exec(page)?.[1];
      const theme = /<link rel="stylesheet" href="(\/organisationer\/region-midtjylland\/tema\.css\?v=[0-9a-f]+)"/.exec(page)?.[1];
      assert.ok(mark && theme, 'the award page links its organisation\u2019s mark and theme');
      const svg = await t.app.inject(mark.replace(/&amp;/g, '&'));
      assert.equal(svg.headers['content-type'], 'image/svg+xml');
      assert.match(String(svg.headers['content-security-policy']), /default-src 'none'.*sandbox/);
      assert.equal(svg.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(svg.body, />RM<\/text>/);
      assert.doesNotMatch(svg.body, /<script|on\w+=/);
      const css = await t.app.inject(theme);
      assert.equal(css.body, ':root{--brand-primary:#0b5e6b;--brand-primary-dark:#073d46;}\n');
      assert.equal((await t.app.inject('/organisationer/findes-ikke/tema.css')).statusCode, 404);
      assert.equal((await t.app.inject('/organisationer/region-midtjylland/maerke.svg')).headers['cache-control'], 'public, max-age=300');
    });

    test("the nominee's page exists only for a public nominee who accepted publication", async () => {
      const page = (await t.app.inject('/priser/initiativprisen')).body;
      const href = /<div class="winner" id="winner">[\s\S]*?<a href="(\/nominerede\/(\d+))"/.exec(page);
      assert.ok(href, 'the winner links to their page');
      const ok = await t.app.inject(href[1]!);
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /Hjem med hjertet/);
      assert.match(ok.body, /href="\/idebank\/loesninger\/\d+" id="nominee-solution"/);
      // The same nominee without consent: no page, and the title links nowhere but the idea bank.
      const id = Number(href[2]);
      await t.database.db.update(nominations).set({ nomineeConsent: 'declined' }).where(eq(nominations.id, id));
      assert.equal((await t.app.inject(href[1]!)).statusCode, 404);
      const after = (await t.app.inject('/priser/initiativprisen')).body;
      assert.doesNotMatch(after, new RegExp(`href="/nominerede/${id}"`));
      assert.match(after, /<div class="winner" id="winner">[\s\S]*?<a href="\/idebank\/loesninger\/\d+"/);
      await t.database.db.update(nominations).set({ nomineeConsent: 'accepted' }).where(eq(nominations.id, id));
      // Not shortlisted, a draft, nonsense: 404.
      for (const url of ['/nominerede/999999', '/nominerede/0', '/nominerede/abc', '/nominerede/99999999999999']) {
        assert.equal((await t.app.inject(url)).statusCode, 404, url);
      }
    });

    test('the archive: links to nominees and one wording for what is not shown', async () => {
      const body = (await t.app.inject('/arkiv')).body;
      assert.match(body, /href="\/nominerede\/\d+"/);
      assert.doesNotMatch(body, /<td lang="da">–<\/td>/);
      assert.match(body, /Ikke registreret i Prisportal|Ikke offentliggjort endnu/);
    });

    test('the privacy policy names the controller, the DPO and the retention in force', async () => {
      await t.database.db.update(organisations).set({ dpoEmail: 'dpo@rm.example' }).where(eq(organisations.slug, 'region-midtjylland'));
      const app = await buildApp({ db: t.database.db, clock: t.clock, pageCacheMs: 0, retentionYears: 7 });
      try {
        const res = await app.inject('/privatliv/region-midtjylland');
        assert.equal(res.statusCode, 200);
        for (const expected of [
          'Region Midtjylland er dataansvarlig',
          'mailto:dpo@rm.example',
          'anonymiseres automatisk 7 år',
          'artikel 6, stk. 1, litra e',
          'Datatilsynet',
        ])
          assert.ok(res.body.includes(expected), expected);
        assert.equal((await app.inject('/privatliv/findes-ikke')).statusCode, 404);
        const index = await app.inject('/privatliv');
        assert.match(index.body, /href="\/privatliv\/danske-regioner"/);
        // The award page's footer links its organisation's policy.
        assert.match((await app.inject('/priser/initiativprisen')).body, /<a href="\/privatliv\/region-midtjylland">Privatlivspolitik<\/a>/);
      } finally {
        await app.close();
      }
    });
  });
}
