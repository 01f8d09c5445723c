import type { Database } from '../db/database.js';
import { messageRenderer, type MessageRenderer } from '../messages/index.js';
import { loadEditionForForm, type EditionForForm } from './edition-form.js';

// What sending a nomination through the API reads of its edition (the form, the timeline, the
// round's facts and e-mail templates), kept between requests: reading it took five statements
// and most of the CPU of a send. A cached edition is only trusted inside the sending
// transaction, after the first statement has read the edition's current stamp
// (nominations.repo.ts lockForSubmit: a digest of the edition, award, organisation, form
// sections, criteria and templates) and found it equal to the one the entry was read under; any
// change anywhere, by any app process, makes the stamp differ and the edition is read again in
// that transaction. So the window is still checked against the timeline as it stands at the
// instant of sending, and the form as saved (the form lock, lockForSubmit/insertSentNomination).

export type CachedEdition = {
  edition: EditionForForm;
  /** The stamp the entry was read under; null when read outside a sending transaction (not yet checked). */
  stamp: string | null;
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
 * The edition as last read by this process (unchecked: the sending transaction checks it), or
 * read now. Null when it does not exist or takes no nominations (a draft round); a missing
 * edition is not remembered.
 */
export async function cachedEdition(db: Database, editionId: number): Promise<CachedEdition | null> {
  const hit = cacheOf(db).get(editionId);
  if (hit) return hit;
  const edition = await loadEditionForForm(db, editionId);
  return edition ? remember(db, editionId, { edition, stamp: null, renderers: new Map() }) : null;
}

/**
 * The entry to use in a transaction that has read the edition's current `stamp`: the cached one
 * when its stamp is that one, else the edition read again through `tx` and remembered under
 * `stamp`. Null when the edition no longer takes nominations.
 */
export async function checkedEdition(db: Database, tx: Database, editionId: number, stamp: string): Promise<CachedEdition | null> {
  const hit = cacheOf(db).get(editionId);
  if (hit && hit.stamp === stamp) return hit;
  const edition = await loadEditionForForm(tx, editionId);
  if (!edition) {
    cacheOf(db).delete(editionId);
    return null;
  }
  return remember(db, editionId, { edition, stamp, renderers: new Map() });
}

/** The e-mail renderer of a checked entry for links under `baseUrl`, read through `tx` the first time. */
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
export async function editionAtStamp(db: Database, editionId: number, stamp: string): Promise<EditionForForm | null> {
  const entry = await checkedEdition(db, db, editionId, stamp);
  return entry?.edition ?? null;
}
