import { createHash, randomBytes } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { nominations } from './nominations.schema.js';

// The nominees of rounds imported from earlier years (history-import/). A nominee is stored as
// a sent nomination, screened eligible, as the archive, award page and API read nominees; the
// nominations module owns the table, so the import writes through these functions only.

/** The nominees (id and names) of the given editions, in the order they were written (one query). */
export async function findNomineesOfEditions(db: Database, editionIds: readonly number[]) {
  if (editionIds.length === 0) return [];
  return db
    .select({ id: nominations.id, editionId: nominations.editionId, names: nominations.nomineeNames })
    .from(nominations)
    .where(inArray(nominations.editionId, [...editionIds]))
    .orderBy(asc(nominations.id));
}

/**
 * Writes one imported nominee in the caller's transaction and returns its id. It is what the
 * organiser published in that year: names and unit are public (consent 'accepted': the names
 * were published then, and keep them through retention), nobody nominated it here (no
 * nominator, no e-mail addresses, so no e-mail is ever sent), and its private link opens
 * nothing (a random hash no token matches). Receipt numbers read "HIST-2019-0001".
 */
export async function insertImportedNominee(
  tx: Database,
  n: { editionId: number; year: number; number: number; name: string; title: string; summary: string; unit: string; organisation: string; at: Date; now: Date },
): Promise<number> {
  const [row] = await tx
    .insert(nominations)
    .values({
      editionId: n.editionId,
      status: 'sent',
      receiptNumber: `HIST-${n.year}-${String(n.number).padStart(4, '0')}`,
      accessTokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      nomineeNames: n.name,
      nomineeUnit: n.unit,
      nomineeOrganisation: n.organisation,
      title: n.title,
      summary: n.summary,
      nomineeConsent: 'accepted',
      nomineeConsentAt: n.at,
      screening: 'eligible',
      screenedAt: n.at,
      createdAt: n.now,
      updatedAt: n.at,
      firstSentAt: n.at,
      sentAt: n.at,
      sentVersion: 1,
    })
    .returning({ id: nominations.id });
  return row!.id;
}
