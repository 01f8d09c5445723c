/**
 * The load the real server process holds during a deadline rush: complete nominations through
 * the API arrive at a fixed rate (open loop: a new nominator every 1/rate s, whether or not the
 * earlier ones have their receipt), in steps of rising rate, 6 s each, against one app process
 * on a PostgreSQL server with synchronous commits. The figure is the highest rate whose p99
 * latency stayed under one second; every step must lose nothing (every request answered with a
 * receipt, every receipt stored). The machine is shared, so the figure is a floor, not a
 * ceiling; `npm run bench:rush` measures the closed-loop maximum (BENCHMARKS.md).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { nominationBody, percentile, sendNomination, startSingleApp, type Receipt, type SingleApp } from './lib.js';
import { recordFigures } from './figures.js';

const STEPS = [20, 40, 60, 80, 100, 120, 150, 200];
const STEP_S = 6;

describe('load held: nominations per second at p99 under one second', () => {
  let s: SingleApp;

  before(async () => {
    s = await startSingleApp('load');
  });
  after(async () => s?.stop());

  test('steps of rising arrival rate; nothing lost at any step', { timeout: 300_000 }, async () => {
    const base = s.base;
    const results: { rate: number; p50: number; p99: number; ok: number; sent: number }[] = [];
    let n = 0;
    // Warm-up: the first requests compile and fill the pool.
    for (; n < 10; n++)
      await sendNomination(base, s.edition.edition.id, nominationBody(n, s.edition), `load-${n}`, `2001:db8:6::${(n + 1).toString(16)}`, Date.now() + 30_000);
    for (const rate of STEPS) {
      const count = rate * STEP_S;
      const t0 = Date.now();
      const pending: Promise<Receipt | { key: string; error: string }>[] = [];
      for (let i = 0; i < count; i++) {
        const wait = t0 + (i * 1000) / rate - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const k = n++;
        // One attempt only: a refusal or an error counts as lost, it is not retried.
        pending.push(
          sendNomination(base, s.edition.edition.id, nominationBody(k, s.edition), `load-${k}`, `2001:db8:6::${(k + 1).toString(16)}`, Date.now(), 1),
        );
      }
      const done = await Promise.all(pending);
      const got = done.filter((r): r is Receipt => 'id' in r);
      const lat = got.map((r) => r.latencyMs).sort((a, b) => a - b);
      results.push({ rate, p50: Math.round(percentile(lat, 0.5)), p99: Math.round(percentile(lat, 0.99)), ok: got.length, sent: count });
      console.log(`# ${rate}/s: ${got.length}/${count} receipts, p50 ${results.at(-1)!.p50} ms, p99 ${results.at(-1)!.p99} ms`);
      assert.equal(got.length, count, `every nominator at ${rate}/s got a receipt`);
      if (results.at(-1)!.p99 > 2_000) break; // well past the bar: higher steps only queue up
    }
    const client = new pg.Client({ connectionString: s.url });
    await client.connect();
    const stored = (await client.query<{ n: number }>(`select count(*)::int as n from nominations where idempotency_key like 'load-%' and status = 'sent'`))
      .rows[0]!.n;
    await client.end();
    assert.equal(stored, n, 'every receipt is stored');
    const held = results.filter((r) => r.p99 < 1_000).map((r) => r.rate);
    recordFigures('load-held', {
      heldPerSecond: held.length ? Math.max(...held) : 0,
      steps: results.map((r) => `${r.rate}/s p99 ${r.p99} ms`).join('; '),
      receipts: stored,
      lost: n - stored,
    });
    assert.ok(held.length > 0, 'at least the lowest rate is held');
  });
});
