import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ballotOrder, placesOf, readBallotForm, voterKey, votingWindow } from './ballot.js';

const form = (places: Record<string, string>) => Object.fromEntries(Object.entries(places).map(([id, v]) => [`placering-${id}`, v]));

test('a full ballot becomes the ranking, best first, whatever the field order', () => {
  const r = readBallotForm({ _csrf: 'x', ...form({ '30': '1', '10': '3', '20': '2' }) }, [10, 20, 30]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.ranking, [30, 20, 10]);
  assert.deepEqual(r.places, { 10: '3', 20: '2', 30: '1' });
});

test('a nominee without a place is reported as missing, and nothing is ranked', () => {
  const r = readBallotForm(form({ '10': '1', '20': '' }), [10, 20, 30]);
  assert.equal(r.ranking, null);
  assert.deepEqual(r.problems, [
    { code: 'missing', nominationId: 20 },
    { code: 'missing', nominationId: 30 },
  ]);
});

test('a place given twice is reported on each nominee that has it', () => {
  const r = readBallotForm(form({ '10': '1', '20': '1', '30': '3' }), [10, 20, 30]);
  assert.equal(r.ranking, null);
  assert.deepEqual(r.problems, [
    { code: 'duplicate', nominationId: 10, place: 1 },
    { code: 'duplicate', nominationId: 20, place: 1 },
  ]);
});

test('a place outside 1..n or not a number is refused', () => {
  const r = readBallotForm(form({ '10': '0', '20': '4', '30': 'to' }), [10, 20, 30]);
  assert.deepEqual(
    r.problems.map((p) => [p.code, 'nominationId' in p ? p.nominationId : null]),
    [
      ['bad-place', 10],
      ['bad-place', 20],
      ['bad-place', 30],
    ],
  );
});

test('a field naming a nominee who is not in the vote is refused, first in the list', () => {
  const r = readBallotForm(form({ '10': '1', '20': '2', '99': '3' }), [10, 20]);
  assert.equal(r.ranking, null);
  assert.deepEqual(r.problems, [{ code: 'unknown' }]);
  const odd = readBallotForm({ 'placering-abc': '1', ...form({ '10': '2', '20': '1' }) }, [10, 20]);
  assert.deepEqual(odd.problems, [{ code: 'unknown' }]);
});

test('an array value (a field sent twice) is not a place', () => {
  const r = readBallotForm({ 'placering-10': ['1', '2'], 'placering-20': '2' }, [10, 20]);
  assert.deepEqual(r.problems, [{ code: 'missing', nominationId: 10 }]);
});

test('placesOf fills the form from a stored ranking', () => {
  assert.deepEqual(placesOf([30, 10, 20]), { 30: '1', 10: '2', 20: '3' });
  assert.deepEqual(readBallotForm(form(Object.fromEntries(Object.entries(placesOf([30, 10, 20])))), [10, 20, 30]).ranking, [30, 10, 20]);
});

test('the voter key is an HMAC of edition and member under the server secret: stable, and different per member, edition and secret', () => {
  const a = voterKey('secret-1', 3, 7);
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(voterKey('secret-1', 3, 7), a);
  assert.notEqual(voterKey('secret-1', 3, 8), a);
  assert.notEqual(voterKey('secret-1', 4, 7), a);
  assert.notEqual(voterKey('secret-2', 3, 7), a);
});

test('the voting window opens at its first instant and is closed at the deadline instant', () => {
  const opensAt = new Date('2027-02-15T11:00:00Z');
  const closesAt = new Date('2027-03-08T11:00:00Z');
  const e = { hasPatientPanel: true, votingOpensAt: opensAt, votingClosesAt: closesAt };
  assert.equal(votingWindow(e, new Date(opensAt.getTime() - 1)).state, 'not-open');
  assert.equal(votingWindow(e, opensAt).state, 'open');
  assert.equal(votingWindow(e, new Date(closesAt.getTime() - 1)).state, 'open');
  assert.equal(votingWindow(e, closesAt).state, 'closed');
  assert.equal(votingWindow({ ...e, hasPatientPanel: false }, opensAt).state, 'no-panel');
  assert.equal(votingWindow({ ...e, votingClosesAt: null }, opensAt).state, 'no-dates');
});

test('the ballot order: a permutation of its own per member and edition, stable, and keyed by the secret', () => {
  const ids = [11, 12, 13, 14, 15, 16, 17];
  const key = 'test-ballot-key-0123456789abcdef0123456789abcdef';
  const orders = [1, 2, 3, 4, 5, 6].map((member) => ballotOrder(key, 7, member, ids));
  for (const o of orders) assert.deepEqual([...o].sort(), ids);
  assert.deepEqual(ballotOrder(key, 7, 1, ids), orders[0], 'stable');
  assert.deepEqual(ballotOrder(key, 7, 1, [...ids].reverse()), orders[0], 'whatever order the shortlist is in');
  assert.equal(new Set(orders.map((o) => o.join())).size, 6, 'six members, six orders');
  assert.ok(
    orders.every((o) => o.join() !== ids.join()),
    'nobody gets the committee’s order',
  );
  assert.notDeepEqual(ballotOrder(key, 8, 1, ids), orders[0], 'another edition, another order');
  assert.notDeepEqual(ballotOrder(`${key}x`, 7, 1, ids), orders[0], 'another secret, another order');
  assert.deepEqual(ballotOrder(key, 7, 1, []), []);
});
