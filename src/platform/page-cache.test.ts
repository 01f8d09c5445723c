import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache } from './page-cache.js';

test('a page is reused within its age and rendered again after', async () => {
  const cache = new PageCache(1000);
  let renders = 0;
  const render = async () => ({ body: `v${++renders}`, validUntil: null });
  assert.equal(String(await cache.get('k', new Date(0), render)), 'v1');
  assert.equal(String(await cache.get('k', new Date(999), render)), 'v1');
  assert.equal(String(await cache.get('k', new Date(1000), render)), 'v2');
});

test('a page never outlives the next phase instant', async () => {
  const cache = new PageCache(60_000);
  let renders = 0;
  const render = async () => ({ body: `v${++renders}`, validUntil: new Date(500) });
  assert.equal(String(await cache.get('k', new Date(0), render)), 'v1');
  assert.equal(String(await cache.get('k', new Date(499), render)), 'v1');
  assert.equal(String(await cache.get('k', new Date(500), render)), 'v2');
});

test('nothing is cached when the render finds nothing, and age 0 turns caching off', async () => {
  const cache = new PageCache(0);
  let renders = 0;
  assert.equal(await cache.get('k', new Date(0), async () => null), null);
  String(await cache.get('k', new Date(0), async () => ({ body: `v${++renders}`, validUntil: null })));
  assert.equal(String(await cache.get('k', new Date(0), async () => ({ body: `v${++renders}`, validUntil: null }))), 'v2');
});

test('the cache holds a bounded number of pages', async () => {
  const cache = new PageCache(60_000, 2);
  let renders = 0;
  const render = async () => ({ body: `v${++renders}`, validUntil: null });
  String(await cache.get('a', new Date(0), render));
  String(await cache.get('b', new Date(0), render));
  String(await cache.get('c', new Date(0), render)); // evicts a
  assert.equal(String(await cache.get('b', new Date(1), render)), 'v2');
  assert.equal(String(await cache.get('a', new Date(1), render)), 'v4');
});
