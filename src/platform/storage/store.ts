import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where the bytes of attachments live. The database holds what we know about a file
 * (name, type, size, SHA-256) and its `storageKey`; the store holds the bytes under that key.
 *
 * Keys are made by `newStorageKey()` (128 random bits as 32 hex digits), never from anything
 * a client sent, so a file name can never pick a place on disk or in a bucket. Every store
 * must refuse any other key (`assertStorageKey`).
 *
 * The disk store (`DiskAttachmentStore`) is the default. An S3-compatible store implements
 * the same three calls: `put` → PutObject, `get` → GetObject (null on NoSuchKey),
 * `delete` → DeleteObject.
 */
export interface AttachmentStore {
  /** Stores the bytes under `key`. Either all of them end up there or none (no half files). */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** The bytes under `key`, or null when there is no such object. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;

/** A fresh random key: 128 bits from the system's CSPRNG as lower-case hex. */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

export function isStorageKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key);
}

export class InvalidStorageKeyError extends Error {
  constructor() {
    super('invalid attachment storage key');
  }
}

/** Throws unless `key` is a key `newStorageKey()` could have made (no paths, no dots, no slashes). */
export function assertStorageKey(key: unknown): asserts key is string {
  if (!isStorageKey(key)) throw new InvalidStorageKeyError();
}
