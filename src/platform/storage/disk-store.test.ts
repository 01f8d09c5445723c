import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskAttachmentStore } from './disk-store.js';
import { InvalidStorageKeyError, isStorageKey, newStorageKey } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'prisportal-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test('put, get and delete a buffer and a stream', async () => {
  const store = new DiskAttachmentStore(dir);
  const a = newStorageKey();
  const b = newStorageKey();
  await store.put(a, Buffer.from('første fil'));
  await store.put(b, Readable.from([Buffer.from('anden '), Buffer.from('fil')]));
  assert.equal((await bytesOf(await store.get(a)))!.toString(), 'første fil');
  assert.equal((await bytesOf(await store.get(b)))!.toString(), 'anden fil');
  const file = join(dir, a.slice(0, 2), a);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'only the app can read the files');
  await store.delete(a);
  assert.equal(await store.get(a), null);
  await store.delete(a); // deleting again is fine
  // No temporary files are left behind.
  assert.deepEqual(
    readdirSync(join(dir, b.slice(0, 2))).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('a failed write leaves neither the file nor a temporary file', async () => {
  const store = new DiskAttachmentStore(dir);
  const key = newStorageKey();
  const broken = new Readable({
    read() {
      this.push(Buffer.from('half a file'));
      this.destroy(new Error('connection lost'));
    },
  });
  await assert.rejects(store.put(key, broken), /connection lost/);
  assert.equal(await store.get(key), null);
  assert.deepEqual(readdirSync(join(dir, key.slice(0, 2))), []);
});

test('keys are random hex and anything else is refused before a path is built', async () => {
  const store = new DiskAttachmentStore(dir);
  const keys = new Set(Array.from({ length: 100 }, newStorageKey));
  assert.equal(keys.size, 100);
  for (const k of keys) assert.ok(isStorageKey(k));
  for (const bad of [
    '../../etc/passwd',
    '..',
    '',
    'ABCDEF0123456789ABCDEF0123456789',
    `${newStorageKey()}/x`,
    `${newStorageKey().slice(0, 31)}.`,
    'a'.repeat(33),
  ]) {
    await assert.rejects(store.put(bad, Buffer.from('x')), InvalidStorageKeyError, bad);
    await assert.rejects(store.get(bad), InvalidStorageKeyError, bad);
    await assert.rejects(store.delete(bad), InvalidStorageKeyError, bad);
  }
});
