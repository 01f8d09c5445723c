import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIST_QUERY, listQueryString, parseListQuery, sortLink } from './list-query.js';

test('the Danish parameters are read', () => {
  assert.deepEqual(parseListQuery({ sorter: 'titel', retning: 'faldende', status: 'trukket-tilbage', screening: 'ikke-egnet', q: '  søvn ' }), {
    sort: 'title',
    direction: 'desc',
    status: 'withdrawn',
    screening: 'not-eligible',
    contact: null,
    text: 'søvn',
  });
  assert.equal(parseListQuery({ kontakt: 'mangler' }).contact, 'missing');
  assert.equal(listQueryString({ ...DEFAULT_LIST_QUERY, contact: 'missing' }), '?kontakt=mangler');
  assert.equal(parseListQuery({ sorter: 'kandidat' }).direction, 'asc', 'text columns sort ascending by default');
  assert.equal(parseListQuery({ sorter: 'sendt' }).direction, 'desc', 'time sorts newest first by default');
});

test('anything malformed gets the default', () => {
  assert.deepEqual(parseListQuery(undefined), DEFAULT_LIST_QUERY);
  assert.deepEqual(parseListQuery('x'), DEFAULT_LIST_QUERY);
  assert.deepEqual(parseListQuery({ sorter: ['titel', 'kandidat'], retning: 'op', status: 'draft', screening: 'pending', q: ['a'] }), DEFAULT_LIST_QUERY);
  assert.deepEqual(parseListQuery({ sorter: 'toString', status: '__proto__', screening: 'constructor' }), DEFAULT_LIST_QUERY);
  assert.equal(parseListQuery({ q: 'x'.repeat(500) }).text.length, 200);
  assert.equal(parseListQuery({ q: 'a\u0000b\nc' }).text, 'a b c');
});

test('the query string leaves defaults out, and sort links flip the direction of the sorted column', () => {
  assert.equal(listQueryString(DEFAULT_LIST_QUERY), '');
  const q = parseListQuery({ sorter: 'titel', retning: 'stigende', q: 'a&b', status: 'sendt' });
  assert.equal(listQueryString(q), '?q=a%26b&status=sendt&sorter=titel&retning=stigende');
  assert.equal(sortLink(q, 'title'), '?q=a%26b&status=sendt&sorter=titel&retning=faldende');
  assert.equal(sortLink(q, 'nominee'), '?q=a%26b&status=sendt&sorter=kandidat&retning=stigende');
  assert.equal(sortLink(q, 'sent'), '?q=a%26b&status=sendt&sorter=sendt&retning=faldende');
  assert.equal(sortLink(DEFAULT_LIST_QUERY, 'sent'), '?sorter=sendt&retning=stigende');
});
