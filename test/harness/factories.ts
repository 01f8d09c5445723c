/**
 * Test factories: rows with plain, predictable defaults. Every column can be overridden;
 * nothing is derived from anything but the arguments (no clock reads except the documented
 * default instant, no random text except the access token).
 */
import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { formSections, nominations } from '../../src/db/schema.js';

export type NewNomination = typeof nominations.$inferInsert;
export type NominationRow = typeof nominations.$inferSelect;

let sequence = 0;

/**
 * Inserts one nomination into `overrides.editionId` and returns the row with the plain
 * `accessToken` of its private link (only its SHA-256 hex is stored).
 *
 * Defaults: status 'sent'; receipt number `TEST-<editionId>-<nnnn>` (a per-process counter,
 * so it never collides with the real `XX-<year>-<nnnn>` numbers; the receipt counter table
 * is not touched); nominator "Indstiller <n>", nominee "Kandidat <n>", title "Indstilling <n>";
 * an answer "Svar <n> under <heading>." for every form section of the edition (one query to
 * read them, unless `answers` is given); every instant (created, updated, sent, first sent,
 * withdrawn for status 'withdrawn') is `overrides.sentAt` or `at` (default: now). A draft
 * gets no receipt number and no sent instants.
 */
export async function buildNomination(
  db: Database,
  overrides: Partial<NewNomination> & { editionId: number },
  { at = new Date() }: { at?: Date } = {},
): Promise<NominationRow & { accessToken: string }> {
  const n = ++sequence;
  const status = overrides.status ?? 'sent';
  const sent = status !== 'draft';
  const when = overrides.sentAt ?? at;
  const accessToken = randomBytes(32).toString('base64url');

  let answers = overrides.answers;
  if (answers === undefined) {
    const sections = await db
      .select({ id: formSections.id, heading: formSections.heading })
      .from(formSections)
      .where(eq(formSections.editionId, overrides.editionId))
      .orderBy(asc(formSections.position));
    answers = Object.fromEntries(sections.map((s) => [String(s.id), `Svar ${n} under ${s.heading}.`]));
  }

  const values: NewNomination = {
    status,
    receiptNumber: sent ? `TEST-${overrides.editionId}-${String(n).padStart(4, '0')}` : null,
    accessTokenHash: createHash('sha256').update(accessToken, 'utf8').digest('hex'),
    nomineeKind: 'person',
    nomineeNames: `Kandidat ${n}`,
    nomineeUnit: `Afdeling ${n}`,
    nomineeOrganisation: 'Region Midtjylland',
    nomineeEmail: `kandidat${n}@example.dk`,
    nominatorName: `Indstiller ${n}`,
    nominatorEmail: `indstiller${n}@example.dk`,
    nominatorWorkplace: `Arbejdsplads ${n}`,
    nominatorIsCitizen: 'no',
    title: `Indstilling ${n}`,
    summary: `Resumé af indstilling ${n}.`,
    criterionIds: [],
    createdAt: when,
    updatedAt: when,
    firstSentAt: sent ? when : null,
    sentAt: sent ? when : null,
    withdrawnAt: status === 'withdrawn' ? when : null,
    ...overrides,
    answers,
  };
  const [row] = await db.insert(nominations).values(values).returning();
  return { ...row!, accessToken };
}
