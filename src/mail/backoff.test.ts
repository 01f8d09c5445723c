import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIRST_RETRY_MS, MAX_RETRY_MS, nextAttemptAt, retryDelayMs } from './backoff.js';

test('the first retry waits 30 s and each further one twice as long', () => {
  assert.equal(FIRST_RETRY_MS, 30_000);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000, 480_000, 960_000]);
});

test('the wait is capped at 30 minutes, also after very many attempts', () => {
  assert.equal(MAX_RETRY_MS, 1_800_000);
  assert.equal(retryDelayMs(7), 1_800_000); // 32 min would be the next step
  assert.equal(retryDelayMs(100), 1_800_000);
  assert.equal(retryDelayMs(1e9), 1_800_000);
  assert.equal(retryDelayMs(Number.MAX_SAFE_INTEGER), 1_800_000);
});

test('an attempt count below one (or not a number) waits the first step', () => {
  assert.equal(retryDelayMs(0), 30_000);
  assert.equal(retryDelayMs(-3), 30_000);
  assert.equal(retryDelayMs(Number.NaN), 30_000);
});

test('the wait never shrinks as attempts grow', () => {
  for (let n = 1; n < 50; n++) assert.ok(retryDelayMs(n + 1) >= retryDelayMs(n), `attempt ${n}`);
});

test('the next attempt is the failure instant plus the wait', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');
  assert.equal(nextAttemptAt(now, 1).toISOString(), '2026-11-24T12:00:30.000Z');
  assert.equal(nextAttemptAt(now, 3).toISOString(), '2026-11-24T12:02:00.000Z');
  assert.equal(nextAttemptAt(now, 20).toISOString(), '2026-11-24T12:30:00.000Z');
});
