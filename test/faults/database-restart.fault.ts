/**
 * Fault 2: the PostgreSQL server is stopped (immediate shutdown, as a crash) under load and
 * started again 3 s later. Meanwhile the app answers 503 with the Danish page, or problem
 * JSON on the API; afterwards it serves again without being restarted (same process), and no
 * acknowledged nomination is lost (synchronous commit, so an acknowledged write is on disk).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { nominationBody, pool, sendNomination, waitUntil, startSingleApp, type Receipt, type SingleApp } from './lib.js';
import { recordFigures } from './figures.js';

const NOMINATORS = 200;
const HALT_AFTER = 60;

describe('fault 2: the database restarts under load', () => {
  let s: SingleApp;

  before(async () => {
    s = await startSingleApp('restart');
  });
  after(async () => s?.stop());

  test('503 in Danish while it is down, recovery without a restart, no acknowledged write lost', { timeout: 240_000 }, async () => {
    const base = s.base;
    const giveUpAt = Date.now() + 120_000;
    const pid = s.app.child.pid;
    let receipts = 0;
    const receivedBeforeHalt: Receipt[] = [];
    type Outage = { page: Response; pageBody: string; api: Response; apiBody: string; ready: number };
    let outage = null as Promise<Outage> | null;

    const nominators = Array.from({ length: NOMINATORS }, (_, i) => async () => {
      const r = await sendNomination(base, s.edition.edition.id, nominationBody(i, s.edition), `restart-${i}`, `2001:db8:2::${(i + 1).toString(16)}`, giveUpAt);
      if ('id' in r) {
        receipts++;
        if (!outage) receivedBeforeHalt.push(r);
        if (receipts === HALT_AFTER) {
          s.pgServer.halt();
          outage = (async () => {
            try {
              // A page not yet in the page cache (public pages are cached for up to 5 s).
              const page = await fetch(`${base}/priser/initiativprisen`);
              const pageBody = await page.text();
              const api = await fetch(`${base}/api/v1/awards`);
              const apiBody = await api.text();
              const ready = (await fetch(`${base}/readyz`)).status;
              await new Promise((res) => setTimeout(res, 3_000));
              return { page, pageBody, api, apiBody, ready };
            } finally {
              s.pgServer.resume();
            }
          })();
          outage.catch(() => {}); // awaited below
        }
      }
      return r;
    });
    const sent = await pool(nominators, 20);
    assert.ok(outage, 'the database was stopped during the load');
    const o = await outage!.catch((err: unknown) => {
      throw new Error(`the app stopped answering while the database was down (exit ${s.app.child.exitCode}): ${String(err)}\n${s.app.stderr().slice(-1500)}`);
    });

    assert.equal(o.page.status, 503);
    assert.match(o.pageBody, /Prisportal er midlertidigt utilgængelig/);
    assert.equal(o.page.headers.get('retry-after'), '5');
    assert.equal(o.api.status, 503);
    assert.equal(o.api.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal((JSON.parse(o.apiBody) as { type: string }).type, '/problems/service-unavailable');
    assert.equal(o.ready, 503);

    // Recovered by itself: the same process answers again.
    assert.ok(await waitUntil(async () => (await fetch(`${base}/readyz`)).status === 200, 30_000));
    assert.equal(s.app.child.pid, pid);
    assert.equal(s.app.child.exitCode, null);
    assert.equal((await fetch(`${base}/priser/initiativprisen`)).status, 200);

    const got = sent.filter((r): r is Receipt => 'id' in r);
    assert.deepEqual(
      sent.filter((r) => !('id' in r)),
      [],
    );
    const client = new pg.Client({ connectionString: s.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number; receipt_number: string; idempotency_key: string }>(
        `select id, receipt_number, idempotency_key from nominations where idempotency_key like 'restart-%' and status = 'sent'`,
      );
      assert.equal(rows.length, NOMINATORS);
      const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
      for (const r of got) assert.equal(byKey.get(r.key)?.receipt_number, r.receiptNumber, `${r.key} kept its receipt`);
      for (const r of receivedBeforeHalt) assert.equal(byKey.get(r.key)?.id, r.id, `${r.key}, acknowledged before the halt, survived it`);
      const mails = await client.query<{ n: number }>(`select count(*)::int as n from outbox_messages where kind = 'nomination-receipt'`);
      assert.equal(mails.rows[0]!.n, NOMINATORS, 'one receipt e-mail queued per nomination');
      recordFigures('database-restart', {
        nominators: NOMINATORS,
        acknowledgedBeforeHalt: receivedBeforeHalt.length,
        receipts: got.length,
        retriedRequests: got.reduce((n, r) => n + r.attempts - 1, 0),
        lost: NOMINATORS - rows.length,
        appRestarted: 'no',
      });
    } finally {
      await client.end();
    }
  });
});
