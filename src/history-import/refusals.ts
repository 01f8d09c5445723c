import type { ApplyRefusal, UploadRefusal } from './history-import.service.js';

/**
 * One status per refusal of the import (its words are in i18n.ts): `satisfies Record<…>`, so a
 * new reason without its status fails the typecheck.
 */
export const UPLOAD_STATUS = {
  'no-file': 400,
  empty: 400,
  'too-big': 413,
  damaged: 415,
  'unpacks-too-large': 413,
  'unclosed-quote': 400,
  'no-known-columns': 400,
  'missing-columns': 400,
  'too-many-rows': 413,
} as const satisfies Record<UploadRefusal['reason'], number>;

export const APPLY_STATUS = {
  'not-found': 404,
  'already-applied': 409,
  changed: 409,
  'has-errors': 409,
  unreadable: 400,
} as const satisfies Record<ApplyRefusal, number>;
