import { randomBytes } from 'node:crypto';

/**
 * Keys of stored files (files.schema.ts). A key is made by `newStorageKey()` (128 random bits as
 * 32 hex digits), never from anything a client sent, so a file name can never pick a file, a
 * place on disk or another row; anything else is refused (`assertStorageKey`) before it is used.
 */

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
    super('invalid storage key');
  }
}

/** Throws unless `key` is a key `newStorageKey()` could have made (no paths, no dots, no slashes). */
export function assertStorageKey(key: unknown): asserts key is string {
  if (!isStorageKey(key)) throw new InvalidStorageKeyError();
}
