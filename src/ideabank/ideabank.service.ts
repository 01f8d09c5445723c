import { and, eq, sql } from 'drizzle-orm';
import { claimStagedFile, storedFileBytes, type StoredFile } from '../platform/storage/file-store.js';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES, sniffImage } from './image-sniff.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { queryRows, type Database, inTransaction } from '../db/database.js';
import { awards, editions } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { demoSolutions, type DemoSolution } from './demo-solutions.js';
import { adoptions, solutionImages, solutionNominations, solutions, type SolutionStatus } from './ideabank.schema.js';
import { canWriteToIdeaBank, sameOrganisationName, type IdeaBankRefusal, type StaffOrganisation } from './write-rules.js';
import {
  findLink,
  findSolution,
  findStaffOrganisations,
  findSolutionImage,
  listSolutionImages,
  runSearch,
  similarTo,
  withSearchLimits,
  type SearchResult,
  type SimilarRow,
  type SolutionRow,
} from './ideabank.repo.js';
import type { SearchQuery } from './search-query.js';

/** Searches the idea bank: one page of hits, the total and the facets, under the statement timeout. */
export async function searchSolutions(db: Database, q: SearchQuery): Promise<SearchResult> {
  return withSearchLimits(db, async (tx) => {
    const { mode: _mode, ...result } = await runSearch(tx, q);
    return result;
  });
}

/** True when the database gave up on a statement (the search's statement timeout). */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '57014' || e?.cause?.code === '57014';
}

/**
 * Up to `limit` solutions that resemble a text being written (a nomination or a solution), under
 * the search's limits. Suggestions are a help, not the page's content: when the statement
 * timeout stops them, the page is shown without them.
 */
export async function similarSolutions(db: Database, text: string, limit = 5, excludeId: number | null = null): Promise<SimilarRow[]> {
  try {
    return await withSearchLimits(db, (tx) => similarTo(tx, text, Math.min(Math.max(limit, 1), 5), excludeId));
  } catch (err) {
    if (isStatementTimeout(err)) return [];
    throw err;
  }
}

/** Who may change a solution: its owner, and the administrators of its organisation. */
export function canEditSolution(
  actor: Actor,
  solution: Pick<SolutionRow, 'ownerUserId' | 'ownerOrganisationId'>,
): { ok: true } | { ok: false; reason: 'not-signed-in' | 'not-owner' } {
  if (actor.kind !== 'user') return { ok: false, reason: 'not-signed-in' };
  if (solution.ownerUserId !== null && solution.ownerUserId === actor.user.id) return { ok: true };
  if (solution.ownerOrganisationId !== null && actor.adminOf.has(solution.ownerOrganisationId)) return { ok: true };
  return { ok: false, reason: 'not-owner' };
}

export type SolutionInput = {
  title: string;
  summary: string;
  description: string;
  /** English texts; null: English pages show the Danish ones, marked lang="da". Search stays Danish. */
  titleEn: string | null;
  summaryEn: string | null;
  descriptionEn: string | null;
  organisationName: string;
  unitName: string;
  contactName: string;
  contactEmail: string;
  tags: string[];
  status: SolutionStatus;
  year: number;
};

/** The organisations the actor is staff of (administrator, or signed in through its identity provider); none for the public. */
export async function staffOrganisations(db: Database, actor: Actor): Promise<StaffOrganisation[]> {
  if (actor.kind !== 'user') return [];
  return findStaffOrganisations(db, [...actor.adminOf], actor.user.oidcIssuer);
}

/** Whether the actor may write to the idea bank at all (to show the forms), with the reason when not. */
export async function mayWriteToIdeaBank(db: Database, actor: Actor) {
  return canWriteToIdeaBank({ signedIn: actor.kind === 'user', staffOf: await staffOrganisations(db, actor) }, null);
}

export type IdeaBankWrite<T> = { ok: true; value: T } | { ok: false; reason: IdeaBankRefusal; staffOf: StaffOrganisation[] };

/**
 * Adds a solution in the name of the actor's own organisation (`input.organisationName`),
 * owned by the actor and by that organisation's administrators.
 *
 * Refuses (write-rules.ts), saving nothing: 'not-signed-in', 'not-staff' (the actor is staff of
 * no organisation: a patient panel citizen, a committee member by e-mail link),
 * 'other-organisation' (the name is not an organisation the actor is staff of).
 *
 * Side effects: one `solutions` row and an audit event 'solution.created' (with the
 * organisation), in one transaction.
 */
export async function createSolution({
  db,
  actor,
  input,
  now,
}: {
  db: Database;
  actor: Actor;
  input: SolutionInput;
  now: Date;
}): Promise<IdeaBankWrite<number>> {
  const staffOf = await staffOrganisations(db, actor);
  const allowed = canWriteToIdeaBank({ signedIn: actor.kind === 'user', staffOf }, input.organisationName);
  if (!allowed.ok) return { ok: false, reason: allowed.reason, staffOf };
  if (actor.kind !== 'user' || !allowed.organisation) return { ok: false, reason: 'not-signed-in', staffOf };
  const organisation = allowed.organisation;
  const id = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(solutions)
      .values({
        ...input,
        organisationName: organisation.name,
        ownerUserId: actor.user.id,
        ownerOrganisationId: organisation.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: solutions.id });
    await recordAudit(tx, { actor, action: 'solution.created', entityType: 'solution', entityId: row!.id, organisationId: organisation.id, after: input }, now);
    return row!.id;
  });
  return { ok: true, value: id };
}

/**
 * Changes a solution; the caller has checked canEditSolution.
 *
 * Refuses, saving nothing: 'other-organisation' (or 'not-staff') when the organisation's name is
 * changed to one the actor is not staff of (write-rules.ts); a name left as it was is kept.
 *
 * Side effects: updates the row (and updated_at) and records 'solution.updated' with before and after.
 */
export async function updateSolution({
  db,
  actor,
  solutionId,
  input,
  now,
}: {
  db: Database;
  actor: Actor;
  solutionId: number;
  input: SolutionInput;
  now: Date;
}): Promise<IdeaBankWrite<boolean>> {
  const current = await findSolution(db, solutionId);
  if (current && !sameOrganisationName(current.organisationName, input.organisationName)) {
    const staffOf = await staffOrganisations(db, actor);
    const allowed = canWriteToIdeaBank({ signedIn: actor.kind === 'user', staffOf }, input.organisationName);
    if (!allowed.ok) return { ok: false, reason: allowed.reason, staffOf };
  }
  const done = await inTransaction(db, async (tx) => {
    const before = await findSolution(tx, solutionId);
    if (!before) return false;
    await tx
      .update(solutions)
      .set({ ...input, updatedAt: now })
      .where(eq(solutions.id, solutionId));
    const { searchVector: _v, searchText: _t, ...plain } = before;
    await recordAudit(
      tx,
      {
        actor,
        action: 'solution.updated',
        entityType: 'solution',
        entityId: solutionId,
        organisationId: before.ownerOrganisationId,
        before: plain,
        after: input,
      },
      now,
    );
    return true;
  });
  return { ok: true, value: done };
}

export type AdoptionInput = { organisationName: string; unitName: string; adoptedOn: string; changes: string };

/**
 * "Vi har taget løsningen i brug": records that a unit of the actor's own organisation
 * (`input.organisationName`) adopted the solution. A solution taken up by another unit is
 * 'spread' from then on.
 *
 * Refuses (write-rules.ts), saving nothing: 'not-signed-in', 'not-staff' (staff of no
 * organisation), 'other-organisation' (the adopting organisation is not the actor's).
 *
 * Side effects: an `adoptions` row, the solution's status set to 'spread', an audit event
 * 'solution.adopted'; one transaction.
 */
export async function recordAdoption({
  db,
  actor,
  solutionId,
  input,
  now,
}: {
  db: Database;
  actor: Actor;
  solutionId: number;
  input: AdoptionInput;
  now: Date;
}): Promise<IdeaBankWrite<boolean>> {
  const staffOf = await staffOrganisations(db, actor);
  const allowed = canWriteToIdeaBank({ signedIn: actor.kind === 'user', staffOf }, input.organisationName);
  if (!allowed.ok) return { ok: false, reason: allowed.reason, staffOf };
  if (actor.kind !== 'user' || !allowed.organisation) return { ok: false, reason: 'not-signed-in', staffOf };
  const organisationName = allowed.organisation.name;
  const done = await inTransaction(db, async (tx) => {
    const solution = await findSolution(tx, solutionId);
    if (!solution) return false;
    const [row] = await tx
      .insert(adoptions)
      .values({ solutionId, ...input, organisationName, createdByUserId: actor.user.id, createdAt: now })
      .returning({ id: adoptions.id });
    if (solution.status !== 'spread') await tx.update(solutions).set({ status: 'spread', updatedAt: now }).where(eq(solutions.id, solutionId));
    await recordAudit(
      tx,
      {
        actor,
        action: 'solution.adopted',
        entityType: 'solution',
        entityId: solutionId,
        organisationId: solution.ownerOrganisationId,
        after: { adoptionId: row!.id, ...input },
      },
      now,
    );
    return true;
  });
  return { ok: true, value: done };
}

export type NominationForBank = {
  id: number;
  title: string;
  summary: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  originOrganisation: string;
  originDescription: string;
  screening: 'pending' | 'eligible' | 'not-eligible';
  nomineeConsent: 'pending' | 'accepted' | 'declined';
  status: 'draft' | 'sent' | 'withdrawn';
  editionId: number;
  year: number;
  asksOrigin: boolean;
  organisationId: number;
  awardName: string;
};

export async function findNominationForBank(db: Database, nominationId: number): Promise<NominationForBank | null> {
  const [row] = await db
    .select({
      id: nominations.id,
      title: nominations.title,
      summary: nominations.summary,
      nomineeUnit: nominations.nomineeUnit,
      nomineeOrganisation: nominations.nomineeOrganisation,
      originOrganisation: nominations.originOrganisation,
      originDescription: nominations.originDescription,
      screening: nominations.screening,
      nomineeConsent: nominations.nomineeConsent,
      status: nominations.status,
      editionId: nominations.editionId,
      year: editions.year,
      asksOrigin: editions.asksOrigin,
      organisationId: awards.organisationId,
      awardName: awards.name,
    })
    .from(nominations)
    .innerJoin(editions, eq(editions.id, nominations.editionId))
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(nominations.id, nominationId));
  return row ?? null;
}

/** A nomination may enter the idea bank when it was sent, found eligible, and its nominee accepted publication. */
export function mayEnterIdeaBank(
  n: Pick<NominationForBank, 'status' | 'screening' | 'nomineeConsent'>,
): { ok: true } | { ok: false; reason: 'not-sent' | 'not-eligible' | 'no-consent' } {
  if (n.status !== 'sent') return { ok: false, reason: 'not-sent' };
  if (n.screening !== 'eligible') return { ok: false, reason: 'not-eligible' };
  if (n.nomineeConsent !== 'accepted') return { ok: false, reason: 'no-consent' };
  return { ok: true };
}

/**
 * An administrator's decision: the eligible, published nomination becomes a new solution
 * (`target` 'new') or is linked to an existing one (a solution id). Idempotent: a nomination
 * already linked keeps its link and the same id is returned.
 * Side effects: perhaps a `solutions` row, a `solution_nominations` row ('nominated'), an
 * audit event 'solution.nomination-linked'; one transaction.
 */
export async function addNominationToIdeaBank({
  db,
  actor,
  nominationId,
  target,
  now,
}: {
  db: Database;
  /** 'system': the demo data's winner, put in the idea bank as an administrator would. */
  actor: Actor | 'system';
  nominationId: number;
  target: 'new' | number;
  now: Date;
}): Promise<{ ok: true; solutionId: number } | { ok: false; reason: 'not-found' | 'not-sent' | 'not-eligible' | 'no-consent' | 'no-such-solution' }> {
  return inTransaction(db, async (tx) => {
    const n = await findNominationForBank(tx, nominationId);
    if (!n) return { ok: false, reason: 'not-found' };
    const may = mayEnterIdeaBank(n);
    if (!may.ok) return may;
    const existing = await findLink(tx, nominationId, 'nominated');
    if (existing) return { ok: true, solutionId: existing.solutionId };
    let solutionId: number;
    if (target === 'new') {
      const [row] = await tx
        .insert(solutions)
        .values({
          title: n.title.trim() || `Indstilling ${n.id}`,
          summary: n.summary,
          organisationName: n.nomineeOrganisation,
          unitName: n.nomineeUnit,
          status: 'implemented',
          year: n.year,
          ownerOrganisationId: n.organisationId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: solutions.id });
      solutionId = row!.id;
    } else {
      if (!(await findSolution(tx, target))) return { ok: false, reason: 'no-such-solution' };
      solutionId = target;
    }
    await tx.insert(solutionNominations).values({ nominationId, role: 'nominated', solutionId, linkedBy: 'admin', linkedAt: now });
    await recordAudit(
      tx,
      {
        actor,
        action: 'solution.nomination-linked',
        entityType: 'solution',
        entityId: solutionId,
        organisationId: n.organisationId,
        editionId: n.editionId,
        after: { nominationId, target },
      },
      now,
    );
    return { ok: true, solutionId };
  });
}

/**
 * Smartprisen: links a nomination's "where it was first developed" to the origin solution
 * (or removes the link with null). Side effects: the 'origin' link row and an audit event.
 */
export async function setNominationOrigin({
  db,
  actor,
  nominationId,
  solutionId,
  now,
}: {
  db: Database;
  actor: Actor;
  nominationId: number;
  solutionId: number | null;
  now: Date;
}): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'no-such-solution' }> {
  return inTransaction(db, async (tx) => {
    const n = await findNominationForBank(tx, nominationId);
    if (!n) return { ok: false, reason: 'not-found' };
    await tx.delete(solutionNominations).where(and(eq(solutionNominations.nominationId, nominationId), eq(solutionNominations.role, 'origin')));
    if (solutionId !== null) {
      if (!(await findSolution(tx, solutionId))) return { ok: false, reason: 'no-such-solution' };
      await tx.insert(solutionNominations).values({ nominationId, role: 'origin', solutionId, linkedBy: 'admin', linkedAt: now });
    }
    await recordAudit(
      tx,
      {
        actor,
        action: 'solution.origin-linked',
        entityType: 'nomination',
        entityId: nominationId,
        organisationId: n.organisationId,
        editionId: n.editionId,
        after: { solutionId },
      },
      now,
    );
    return { ok: true };
  });
}

/** The origin solution a nomination names, if an administrator linked one. */
export async function originSolutionOf(db: Database, nominationId: number): Promise<{ id: number; title: string } | null> {
  const rows = await queryRows<{ id: number; title: string }>(
    db,
    sql`select s.id, s.title from solution_nominations sn join solutions s on s.id = sn.solution_id where sn.nomination_id = ${nominationId} and sn.role = 'origin'`,
  );
  return rows[0] ?? null;
}

/**
 * Writes the demo solutions and their adoptions. Idempotent: a solution is found by its seed
 * key, and its adoptions are only written with it.
 */
export async function seedDemoSolutions(db: Database, now: Date, list: DemoSolution[] = demoSolutions): Promise<number> {
  let created = 0;
  await inTransaction(db, async (tx) => {
    for (const [i, d] of list.entries()) {
      // Spread the demo rows over the past months so "newest first" has an order.
      const at = new Date(now.getTime() - (list.length - i) * 86_400_000 * 9);
      const [row] = await tx
        .insert(solutions)
        .values({
          title: d.title,
          summary: d.summary,
          description: d.description,
          organisationName: d.organisation,
          unitName: d.unit,
          contactName: d.contactName,
          contactEmail: d.contactEmail,
          tags: d.tags,
          status: d.status,
          year: d.year,
          seedKey: d.key,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: solutions.seedKey })
        .returning({ id: solutions.id });
      if (!row) continue;
      created++;
      if (d.adoptions?.length) {
        await tx.insert(adoptions).values(
          d.adoptions.map((a) => ({
            solutionId: row.id,
            organisationName: a.organisation,
            unitName: a.unit,
            adoptedOn: a.on,
            changes: a.changes,
            createdAt: at,
          })),
        );
      }
    }
  });
  return created;
}

export type ImageRefusal = 'no-file' | 'too-big' | 'wrong-type' | 'too-many' | 'alt-missing' | 'alt-too-long';

/** The longest alternative text accepted (it is read aloud by screen readers). */
export const ALT_TEXT_MAX = 300;

/**
 * Adds an image to a solution; the caller has checked canEditSolution. The bytes decide the
 * type (PNG, JPEG or WebP, from the first kilobyte); a description for people who cannot see it
 * is required. The upload arrives staged in the database (platform/storage `stageUpload`,
 * streamed from the request), or `tooBig` when it had more than MAX_IMAGE_BYTES; the caller
 * discards the staged file afterwards, whatever the outcome.
 * Side effects, in one transaction: the staged file taken as the image's stored file
 * (claimStagedFile), a `solution_images` row and an audit event 'solution.image-added'.
 */
export async function addSolutionImage({
  db,
  actor,
  solutionId,
  upload,
  altText,
  now,
}: {
  db: Database;
  actor: Actor;
  solutionId: number;
  upload: { file: StoredFile | null; tooBig: boolean; clientName: string } | null;
  altText: string;
  now: Date;
}): Promise<{ ok: true; imageId: number } | { ok: false; reason: ImageRefusal }> {
  const alt = altText.replace(/\s+/g, ' ').trim();
  if (upload?.tooBig) return { ok: false, reason: 'too-big' };
  const staged = upload?.file;
  if (!staged || staged.sizeBytes === 0) return { ok: false, reason: 'no-file' };
  if (staged.sizeBytes > MAX_IMAGE_BYTES) return { ok: false, reason: 'too-big' };
  const kind = sniffImage(await storedFileBytes(db, staged).read(0, 1024));
  if (!kind) return { ok: false, reason: 'wrong-type' };
  if (alt === '') return { ok: false, reason: 'alt-missing' };
  if (alt.length > ALT_TEXT_MAX) return { ok: false, reason: 'alt-too-long' };
  if ((await listSolutionImages(db, solutionId)).length >= MAX_IMAGES) return { ok: false, reason: 'too-many' };
  return inTransaction(db, async (tx): Promise<{ ok: true; imageId: number } | { ok: false; reason: ImageRefusal }> => {
    // Not staged any more only if swept (an hour old): as if no file had come.
    if (!(await claimStagedFile(tx, staged.key))) return { ok: false, reason: 'no-file' };
    const file = staged;
    const [row] = await tx
      .insert(solutionImages)
      .values({
        solutionId,
        fileName: `billede-${solutionId}.${IMAGE_TYPES[kind].extension}`,
        mediaType: IMAGE_TYPES[kind].mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.key,
        altText: alt,
        createdAt: now,
      })
      .returning({ id: solutionImages.id });
    await recordAudit(
      tx,
      {
        actor,
        action: 'solution.image-added',
        entityType: 'solution',
        entityId: solutionId,
        after: { imageId: row!.id, mediaType: IMAGE_TYPES[kind].mediaType, sizeBytes: file.sizeBytes, altText: alt },
      },
      now,
    );
    return { ok: true as const, imageId: row!.id };
  });
}

/** Removes an image. Side effects, in one transaction: the row (its stored file goes with it, by the row's delete trigger) and an audit event 'solution.image-removed'. */
export async function removeSolutionImage({ db, actor, imageId, now }: { db: Database; actor: Actor; imageId: number; now: Date }): Promise<boolean> {
  const image = await findSolutionImage(db, imageId);
  if (!image) return false;
  await inTransaction(db, async (tx) => {
    await tx.delete(solutionImages).where(eq(solutionImages.id, imageId));
    await recordAudit(
      tx,
      { actor, action: 'solution.image-removed', entityType: 'solution', entityId: image.solutionId, before: { imageId, altText: image.altText } },
      now,
    );
  });
  return true;
}
