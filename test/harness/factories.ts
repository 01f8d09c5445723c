/**
 * Test factories: rows with plain, predictable defaults. Every column can be overridden;
 * nothing is derived from anything but the arguments (no clock reads except the documented
 * default instant, no random text except the access token).
 */
import { createHash, randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { type Database, inTransaction, queryRows } from '../../src/db/database.js';
import { criteria, editionMembers, editions, formSections, nominationAttachments, nominations, users } from '../../src/db/schema.js';
import { storeFile } from '../../src/platform/storage/file-store.js';

export type NewNomination = typeof nominations.$inferInsert;
export type NominationRow = typeof nominations.$inferSelect;

export type NewEdition = typeof editions.$inferInsert;
export type EditionRow = typeof editions.$inferSelect;

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

/**
 * Inserts one edition of `overrides.awardId`, with the criteria and form sections asked for
 * (in that order, positions 1, 2, …), and returns the row with their ids.
 *
 * Defaults: year 2100, 2101, … (a per-process counter, clear of the demo data's years, so two
 * editions of one award never collide); no theme; no timeline instants (give the ones the test
 * is about); the columns' own defaults for the rest. A criterion without a description gets
 * "Beskrivelse af <title>."; a form section is required, without help or word limit, unless given.
 */
export async function buildEdition(
  db: Database,
  overrides: Partial<NewEdition> & { awardId: number },
  extras: {
    criteria?: { title: string; description?: string }[];
    formSections?: { heading: string; help?: string; wordLimit?: number | null; required?: boolean }[];
  } = {},
): Promise<EditionRow & { criterionIds: number[]; formSectionIds: number[] }> {
  const [row] = await db
    .insert(editions)
    // Published unless the test asks for a draft (publishedAt: null): most tests are about a public round.
    .values({ year: 2100 + ++sequence, publishedAt: new Date('2000-01-01T00:00:00Z'), ...overrides })
    .returning();
  const editionId = row!.id;
  const criterionIds: number[] = [];
  for (const [i, c] of (extras.criteria ?? []).entries()) {
    const [inserted] = await db
      .insert(criteria)
      .values({ editionId, position: i + 1, title: c.title, description: c.description ?? `Beskrivelse af ${c.title}.` })
      .returning({ id: criteria.id });
    criterionIds.push(inserted!.id);
  }
  const formSectionIds: number[] = [];
  for (const [i, f] of (extras.formSections ?? []).entries()) {
    const [inserted] = await db
      .insert(formSections)
      .values({ editionId, position: i + 1, heading: f.heading, help: f.help ?? '', wordLimit: f.wordLimit ?? null, required: f.required ?? true })
      .returning({ id: formSections.id });
    formSectionIds.push(inserted!.id);
  }
  return { ...row!, criterionIds, formSectionIds };
}

/**
 * A committee or panel member of `spec.editionId`: a new user (e-mail `medlem<n>@example.dk`
 * and name "Medlem <n>" unless given) and their membership. Returns both ids.
 */
export async function buildMember(
  db: Database,
  spec: { editionId: number; role: 'committee' | 'panel'; isChair?: boolean; email?: string; name?: string; partyLetter?: string; represents?: string },
): Promise<{ userId: number; memberId: number; email: string }> {
  const n = ++sequence;
  const email = spec.email ?? `medlem${n}@example.dk`;
  const [user] = await db
    .insert(users)
    .values({ email, name: spec.name ?? `Medlem ${n}` })
    .returning({ id: users.id });
  const [member] = await db
    .insert(editionMembers)
    .values({
      editionId: spec.editionId,
      userId: user!.id,
      role: spec.role,
      isChair: spec.isChair ?? false,
      partyLetter: spec.partyLetter ?? null,
      represents: spec.represents ?? null,
    })
    .returning({ id: editionMembers.id });
  return { userId: user!.id, memberId: member!.id, email };
}

/**
 * Attaches `data` to a nomination as the app does (a stored file and its row, in one
 * transaction), without the upload's rules; returns the row.
 */
export async function buildAttachment(
  db: Database,
  {
    nominationId,
    data = randomBytes(300_000),
    fileName = 'bilag.pdf',
    at = new Date(),
    pendingChange = null,
  }: { nominationId: number; data?: Buffer; fileName?: string; at?: Date; pendingChange?: 'added' | 'removed' | null },
) {
  return inTransaction(db, async (tx) => {
    const file = await storeFile(tx, data, at);
    const [row] = await tx
      .insert(nominationAttachments)
      .values({
        nominationId,
        fileName,
        mediaType: 'application/pdf',
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.key,
        createdAt: at,
        pendingChange,
      })
      .returning();
    return row!;
  });
}

/** How many `stored_files` rows and chunk rows the key has (0 and 0 once the file is deleted). */
export async function storedFileRows(db: Database, key: string): Promise<{ files: number; chunks: number }> {
  const [row] = await queryRows<{ files: number; chunks: number }>(
    db,
    sql`select (select count(*)::int from stored_files where key = ${key}) as files, (select count(*)::int from stored_file_chunks where file_key = ${key}) as chunks`,
  );
  return { files: Number(row!.files), chunks: Number(row!.chunks) };
}
