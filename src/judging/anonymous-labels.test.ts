import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousLabels, anonymousOrder } from './anonymous-labels.js';

const members = [11, 12, 13, 14, 15, 16, 17, 18];

test('the labels are stable for an edition and secret, and cover every member once', () => {
  const a = anonymousLabels('secret', 7, members);
  assert.deepEqual(anonymousLabels('secret', 7, [...members].reverse()), a, 'the order members come in does not matter');
  assert.deepEqual([...a.values()].sort(), members.map((_, i) => `Medlem ${i + 1}`).sort());
  assert.deepEqual([...a.keys()].sort(), members);
});

test('the order is not the order given (the chair first, then by name), and differs per edition and per secret', () => {
  const orders = [1, 2, 3, 4, 5, 6].map((edition) => anonymousOrder('secret', edition, members).join());
  assert.ok(!orders.includes(members.join()), 'never the given order in these six editions');
  assert.ok(new Set(orders).size >= 5, 'editions get different orders');
  assert.notEqual(anonymousOrder('other secret', 1, members).join(), orders[0]);
  // "Medlem 1" is not always the same position of the given list (e.g. the chair).
  assert.ok(new Set([1, 2, 3, 4, 5, 6].map((edition) => anonymousOrder('secret', edition, members)[0])).size > 1);
});

test('no members, no labels', () => {
  assert.deepEqual(anonymousLabels('secret', 1, []), new Map());
});
