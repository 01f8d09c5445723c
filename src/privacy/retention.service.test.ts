import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.js';
import { retentionCutoff } from './retention.service.js';

test('the cutoff is the same instant N calendar years earlier', () => {
  assert.equal(retentionCutoff(new Date('2031-10-24T10:00:00Z'), 5).toISOString(), '2026-10-24T10:00:00.000Z');
  assert.equal(retentionCutoff(new Date('2028-02-29T12:00:00Z'), 1).toISOString(), '2027-03-01T12:00:00.000Z');
});

test('RETENTION_YEARS: default 5, a whole number from 1 to 100', () => {
  assert.equal(loadConfig({}).retentionYears, 5);
  assert.equal(loadConfig({ RETENTION_YEARS: '10' }).retentionYears, 10);
  for (const bad of ['0', '2.5', 'fem', '101']) {
    assert.throws(() => loadConfig({ RETENTION_YEARS: bad }), {
      message: `Invalid environment variable RETENTION_YEARS="${bad}": expected a whole number of years between 1 and 100`,
    });
  }
});
