import { and, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { nominations } from './nominations.schema.js';
import { changedAfterScreening, nomineeUnreachable } from './admin.repo.js';

/** What of an edition's nominations waits for its administrators, counted in one query for any number of editions. */
export type NominationsWaiting = {
  /** Sent (not withdrawn) nominations. */
  sent: number;
  /** Sent nominations nobody has screened yet, and screened ones changed since (admin.repo.ts changedAfterScreening). */
  toScreen: number;
  /** Sent nominations not screened out whose nominee has not answered the consent question. */
  consentPending: number;
  /** Sent nominations not screened out whose nominee has no contact address (a citizen's nomination): the organiser must reach them. */
  nomineeUnreachable: number;
};

export const NO_NOMINATIONS_WAITING: NominationsWaiting = { sent: 0, toScreen: 0, consentPending: 0, nomineeUnreachable: 0 };

/**
 * The nominations that wait, per edition (an edition with no sent nomination is absent). One
 * query whatever the number of editions and nominations.
 */
export async function countNominationsWaiting(db: Database, editionIds: readonly number[]): Promise<Map<number, NominationsWaiting>> {
  if (editionIds.length === 0) return new Map();
  const rows = await db
    .select({
      editionId: nominations.editionId,
      sent: sql<number>`(count(*) filter (where ${nominations.status} = 'sent'))::int`,
      toScreen: sql<number>`(count(*) filter (where ${nominations.status} = 'sent' and (${nominations.screening} = 'pending' or ${changedAfterScreening})))::int`,
      consentPending: sql<number>`(count(*) filter (where ${nominations.status} = 'sent' and ${nominations.screening} <> 'not-eligible' and ${nominations.nomineeConsent} = 'pending'))::int`,
      nomineeUnreachable: sql<number>`(count(*) filter (where ${nomineeUnreachable} and ${nominations.screening} <> 'not-eligible'))::int`,
    })
    .from(nominations)
    .where(and(inArray(nominations.editionId, [...editionIds]), ne(nominations.status, 'draft')))
    .groupBy(nominations.editionId);
  return new Map(
    rows.map((r) => [r.editionId, { sent: r.sent, toScreen: r.toScreen, consentPending: r.consentPending, nomineeUnreachable: r.nomineeUnreachable }]),
  );
}
