import type { Database } from '../db/database.js';
import { messageRenderer, type MessageRenderer } from '../messages/index.js';
import { loadEditionForForm, type EditionForForm } from './edition-form.js';

// What sending a nomination reads of its edition (the form, the timeline, the round's facts and
// e-mail templates), kept between requests: reading it took five statements and most of the CPU
// of a send. An entry is filed under the edition's stamp (editions.stamp), read in the same
// statement as the edition's row and before the rest of the round, and trusted only by a statement
// or transaction that finds that stamp on the edition's row it locks (nominations.repo.ts
// submitSentNomination, lockNominationForSend). Every change of the round, by any writer in any
// process, gives the edition a new stamp (triggers, migration edition_stamp), so the next send
// reads the round again; no invalidation message is needed between processes. An entry whose rows
// were read after its stamp may hold a change newer than the stamp, never an older one; it is then
// read again at the next send, as the stamp differs (decision 0013).

export type CachedEdition = {
  edition: EditionForForm;
  /** editions.stamp as read with the edition's row. */
  stamp: number;
  renderers: Map<string, MessageRenderer>;
};

// Per database handle (tests open many databases in one process, with the same ids).
const caches = new WeakMap<Database, Map<number, CachedEdition>>();
/** A bound on the entries kept per handle: a few rounds are open at a time. */
const MAX_ENTRIES = 64;

function cacheOf(db: Database): Map<number, CachedEdition> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function remember(db: Database, id: number, entry: CachedEdition): CachedEdition {
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES && !cache.has(id)) cache.clear();
  cache.set(id, entry);
  return entry;
}

/**
 * The edition as last read by this process (unchecked: the sending statement checks its stamp), or
 * read now. Null when it does not exist or takes no nominations (a draft round); a missing
 * edition is not remembered.
 */
export async function cachedEdition(db: Database, editionId: number): Promise<CachedEdition | null> {
  return cacheOf(db).get(editionId) ?? readEdition(db, db, editionId);
}

/** The edition read now through `tx` (a transaction or the pool) and remembered under its stamp; null (and forgotten) when it takes no nominations. */
export async function readEdition(db: Database, tx: Database, editionId: number): Promise<CachedEdition | null> {
  const edition = await loadEditionForForm(tx, editionId);
  if (!edition) {
    cacheOf(db).delete(editionId);
    return null;
  }
  return remember(db, editionId, { edition, stamp: edition.edition.stamp, renderers: new Map() });
}

/**
 * The entry to use where the edition's current stamp is `stamp` (read with a lock on the edition
 * in `tx`, or with the record that led to it): the cached one when its stamp is that one, else the
 * edition read again through `tx`. Null when the edition no longer takes nominations.
 */
export async function checkedEdition(db: Database, tx: Database, editionId: number, stamp: number): Promise<CachedEdition | null> {
  const hit = cacheOf(db).get(editionId);
  if (hit && hit.stamp === stamp) return hit;
  return readEdition(db, tx, editionId);
}

/** The e-mail renderer of an entry for links under `baseUrl`, read through `tx` the first time. */
export async function rendererOf(entry: CachedEdition, tx: Database, baseUrl: string): Promise<MessageRenderer | null> {
  const hit = entry.renderers.get(baseUrl);
  if (hit) return hit;
  const renderer = await messageRenderer(tx, entry.edition.edition.id, baseUrl);
  if (renderer) entry.renderers.set(baseUrl, renderer);
  return renderer;
}

/**
 * The edition at `stamp`, read outside a transaction in the same statement as the record that
 * led to it (a nomination, findNominationWithStamp): the cached one when its stamp is that one,
 * else read now and remembered. A nominator's pages read it so; a change of the round between
 * that statement and the next is no more seen than when both were read apart.
 */
export async function editionAtStamp(db: Database, editionId: number, stamp: number): Promise<EditionForForm | null> {
  const entry = await checkedEdition(db, db, editionId, stamp);
  return entry?.edition ?? null;
}
