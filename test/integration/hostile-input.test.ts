/**
 * Hostile input, property-based (fast-check, fixed seed, a bounded number of runs per route):
 * every route that takes a body (forms and the JSON API), whoever added it, gets random and
 * adversarial bodies — markup and script payloads, huge and control-character strings,
 * arrays where text is expected, nested objects, prototype keys, broken JSON, the wrong
 * content type — as the organisation's own administrator (who may change things), as the
 * nominator holding the private link, as the public, and as another organisation's
 * administrator. Every GET route gets random query strings.
 *
 * Checked: no answer is a 5xx, ever; and a caller whom the route's access rule refuses changes
 * nothing (every table but sessions, rate-limit counters and API-token use is byte-for-byte the
 * same before and after that caller's requests to the route). Runs on both engines.
 *
 * Stored script that would run in a browser is checked in Chromium (test/e2e/stored-script.test.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/database.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { accessCookieName } from '../../src/nominations/access.js';
import type { RouteRecord } from '../../src/accounts/route-access.js';
import { ENGINES } from '../harness/databases.js';
import { sessionFor } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';
import { csrfPair, fillRouteUrl, routeIds, routeUsers, type FixtureRole, type RouteIds } from '../harness/route-fixture.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';
const SEED = 20_261_124;
/** Runs per route for the caller who may use it; fewer for the callers who may not. */
const RUNS_ALLOWED = 12;
const RUNS_REFUSED = 3;
const RUNS_QUERY = 3;

/** Field names the app's forms and API use (so random bodies reach the handlers' own checks). */
const FIELD_NAMES = [
  '_csrf',
  'handling',
  'version',
  'nominatorName',
  'nominatorEmail',
  'nominatorIsCitizen',
  'nominatorWorkplace',
  'nomineeKind',
  'nomineeNames',
  'nomineeUnit',
  'nomineeOrganisation',
  'nomineeEmail',
  'originOrganisation',
  'originDescription',
  'originUrl',
  'title',
  'summary',
  'criterionIds',
  'section-1',
  'section-2',
  'beslutning',
  'begrundelse',
  'email',
  'navn',
  'rolle',
  'formand',
  'partibogstav',
  'repraesenterer',
  'q',
  'status',
  'sorter',
  'retning',
  'screening',
  'fra',
  'til',
  'kommentar',
  'vinder',
  // outreach: a message to a group, and its idempotency key
  'group',
  'subject',
  'body',
  'key',
  'year',
  'theme',
  'themeDescription',
  'name',
  'description',
  'heading',
  'help',
  'wordLimit',
  // English texts beside the Danish ones (issue 16, item 4)
  'summaryEn',
  'descriptionEn',
  'eligibilityEn',
  'themeEn',
  'themeDescriptionEn',
  'prizePurposeEn',
  'prizeExtrasEn',
  'r0-titleEn',
  'r0-headingEn',
  'r0-helpEn',
  'contactEmail',
  'websiteUrl',
  'privacyUrl',
  'prizeAmountKr',
  'opensAt',
  'closesAt',
  'svar',
  'samtykke',
  'token',
  // E-mail templates (src/messages) and the invitation's language
  'emne',
  'tekst',
  'modtager',
  'sendAt-date',
  'sendAt-time',
  'sprog',
  '__proto__',
  'constructor',
];

/** Strings chosen to break things: markup, script URLs, SQL, control and odd Unicode, huge text. */
const ADVERSARIAL = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "' or 1=1 --",
  "'); drop table nominations; --",
  '\u0000',
  '\u202e\u0041\u0042',
  '\ud800',
  '😀'.repeat(50),
  'æøå ÆØÅ',
  '../../../../etc/passwd',
  '%00',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as typed
  '${7*7}',
  '-1',
  '0',
  '1e309',
  '2147483648',
  '99999999999999999999',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  ' ',
  '\r\n\r\n',
  'x'.repeat(70_000),
  'ord '.repeat(5_000),
  '2026-02-30T25:61:00',
  'https://evil.example/\u0000',
  'mailto:a@b',
  'a@b',
  '@',
  'indstiller@eksempel.dk',
];

const text = fc.oneof(fc.constantFrom(...ADVERSARIAL), fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.integer().map(String));
const formValue = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { maxLength: 4 }) });
const formBody = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 20 })), formValue, { maxKeys: 12 });
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...FIELD_NAMES, 'nominator', 'nominee', 'answers', 'origin', 'criteria', 'timeline'), fc.string({ maxLength: 10 })),
      tie('v'),
      { maxKeys: 6 },
    ),
  ),
})).v;
/** A request body: urlencoded, JSON (well-formed or not), or the wrong content type. */
const body = fc.oneof(
  { weight: 5, arbitrary: formBody.map((f) => ({ kind: 'form' as const, f })) },
  { weight: 4, arbitrary: jsonValue.map((j) => ({ kind: 'json' as const, raw: JSON.stringify(j) ?? 'null' })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{', '{"a":', '\u0000', '[1,2', '{"__proto__":{"admin":true}}', 'null', '"x"').map((raw) => ({ kind: 'json' as const, raw })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }).map((raw) => ({ kind: 'other' as const, raw })) },
);
type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('q', 'status', 'sorter', 'retning', 'side', 'tilbage', 'lang', 'besked', 'fra', 'til'), fc.string({ maxLength: 10 })),
  formValue,
  { maxKeys: 5 },
);

/** Tables whose rows a refused caller may legitimately touch: their session's last use, rate-limit counters, API-token use. */
const VOLATILE = new Set(['sessions', 'rate_limit_buckets', 'api_tokens']);

let inputsTried = 0;

for (const engine of ENGINES) {
  describe(`hostile input to every route on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let ids: RouteIds;
    let draftId = 0;
    let draftToken = '';
    let users: Partial<Record<FixtureRole, number>> = {};
    let apiTokens: Partial<Record<FixtureRole, string>> = {};
    let csrf = { secret: '', token: '' };
    let tables: string[] = [];

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      const db = t.db;
      ids = await routeIds(db);
      const draft = await buildNomination(db, { editionId: ids.rmEdition, status: 'draft' }, { at: new Date(NOW) });
      draftId = draft.id;
      draftToken = draft.accessToken;
      ({ users, apiTokens } = await routeUsers(db, ids, ['admin-rm', 'admin-dr'], 'hostile', t.clock.now()));
      csrf = await csrfPair(t.app);
      tables = (
        await queryRows<{ name: string }>(
          db,
          sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
        )
      )
        .map((r) => r.name)
        .filter((n) => !VOLATILE.has(n));
    });
    after(async () => {
      await t?.close();
    });

    /** A digest of every table's rows (but the volatile ones), read in one query (~60 tables, ~100 snapshots). */
    async function snapshot(): Promise<Record<string, string>> {
      const digests = tables.map((name) => `select '${name}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from "${name}" x`);
      const rows = await queryRows<{ name: string; d: string | null }>(t.db, sql.raw(digests.join(' union all ')));
      const out: Record<string, string> = {};
      for (const name of tables) out[name] = rows.find((r) => r.name === name)?.d ?? '';
      return out;
    }

    type Caller = 'admin-rm' | 'nominator' | 'public' | 'admin-dr';
    let counter = 0;

    async function send(route: RouteRecord, caller: Caller, b: Body): Promise<LightMyRequestResponse> {
      const url = fillRouteUrl(route.url, ids, caller === 'nominator' ? draftId : ids.rmNomination);
      const isApi = url.startsWith('/api/');
      const cookies: Record<string, string> = { _csrf: csrf.secret };
      const headers: Record<string, string> = { 'csrf-token': csrf.token };
      if ((caller === 'admin-rm' || caller === 'admin-dr') && isApi) headers.authorization = `Bearer ${apiTokens[caller]}`;
      else if (caller === 'admin-rm' || caller === 'admin-dr') cookies[SESSION_COOKIE] = (await sessionFor(t.db, users[caller]!, t.clock.now())).value;
      if (caller === 'nominator') cookies[accessCookieName(draftId)] = draftToken;
      headers.cookie = Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      let payload: string;
      if (b.kind === 'form') {
        const p = new URLSearchParams();
        if (!('_csrf' in b.f)) p.append('_csrf', csrf.token);
        for (const [k, v] of Object.entries(b.f)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
        payload = p.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (b.kind === 'json') {
        payload = b.raw;
        headers['content-type'] = 'application/json';
      } else {
        payload = b.raw;
        headers['content-type'] = 'text/plain';
      }
      inputsTried++;
      return t.app.inject({ method: route.method as 'POST', url, headers, payload, remoteAddress: `10.30.${counter % 250}.${++counter % 250}` });
    }

    /** Whether the route's access rule refuses this caller for Region Midtjylland's things. */
    const refused = (route: RouteRecord, caller: Caller) => {
      if (caller === 'admin-rm') return false;
      if (route.access === 'public') return false;
      if (route.access === 'nominator') return caller !== 'nominator';
      if (route.access === 'consent-link') return true; // the tokens in the URL open nothing
      if (route.access === 'signed-in') return caller === 'public' || caller === 'nominator';
      if (route.access === 'admin') return caller === 'public' || caller === 'nominator' || (caller === 'admin-dr' && /\/:/.test(route.url));
      if (route.access === 'member') return true;
      return true;
    };

    test('random and adversarial bodies to every route that takes one: never a 5xx, never a change by a refused caller', async () => {
      const routes = t.app.routeAccess.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.access !== undefined);
      assert.ok(routes.length >= 20, `${routes.length} routes take a body`);
      const problems: string[] = [];
      for (const [n, route] of routes.entries()) {
        const callers: Caller[] = ['public', 'admin-dr', 'admin-rm'];
        if (route.access === 'nominator') callers.splice(2, 0, 'nominator');
        for (const caller of callers) {
          const isRefused = refused(route, caller);
          const before = isRefused ? await snapshot() : null;
          await fc
            .assert(
              fc.asyncProperty(body, async (b) => {
                const res = await send(route, caller, b);
                if (res.statusCode >= 500) {
                  problems.push(
                    `${route.method} ${route.url} as ${caller}: ${res.statusCode} for ${JSON.stringify(b).slice(0, 200)}: ${res.body.slice(0, 200)}`,
                  );
                  return false;
                }
                return true;
              }),
              { seed: SEED + n, numRuns: isRefused ? RUNS_REFUSED : RUNS_ALLOWED, endOnFailure: true },
            )
            .catch(() => {}); // the problem is in `problems`, with the input
          if (before) {
            const after = await snapshot();
            const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
            if (changed.length) problems.push(`${route.method} ${route.url} as ${caller} (refused by its rule) changed ${changed.join(', ')}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    test('random query strings to every page and API read: never a 5xx', async () => {
      const routes = t.app.routeAccess.filter((r) => r.method === 'GET' && r.access !== undefined && !r.url.includes('*'));
      const problems: string[] = [];
      for (const [n, route] of routes.entries()) {
        await fc
          .assert(
            fc.asyncProperty(query, async (q) => {
              const search = new URLSearchParams();
              for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) search.append(k, x);
              const url = `${fillRouteUrl(route.url, ids)}?${search.toString()}`;
              const session = (await sessionFor(t.db, users['admin-rm']!, t.clock.now())).value;
              inputsTried++;
              const res = await t.app.inject({
                method: 'GET',
                url,
                cookies: { [SESSION_COOKIE]: session },
                headers: url.startsWith('/api/') ? { authorization: `Bearer ${apiTokens['admin-rm']}` } : {},
              });
              if (res.statusCode >= 500) problems.push(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              return res.statusCode < 500;
            }),
            { seed: SEED + 1000 + n, numRuns: RUNS_QUERY, endOnFailure: true },
          )
          .catch(() => {});
      }
      assert.deepEqual(problems, []);
      console.log(`# hostile inputs tried so far: ${inputsTried}`);
    });
  });
}
