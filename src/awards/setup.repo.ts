import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import {
  awards,
  committeeSeats,
  criteria,
  editionMembers,
  editions,
  formSections,
  nominations,
  organisationAdmins,
  organisations,
  reviewScores,
  reviews,
  users,
} from '../db/schema.js';

// SQL only, for setting up organisations, awards and editions (setup.service.ts holds the
// rules). Every function is a fixed number of queries whatever the number of rows, except the
// ordered-list writes, which update one row per kept item (a list is a handful of rows).

export type OrganisationRow = typeof organisations.$inferSelect;
export type AwardRow = typeof awards.$inferSelect;
export type EditionRow = typeof editions.$inferSelect;
export type NewOrganisation = Omit<typeof organisations.$inferInsert, 'id'>;
export type NewAward = Omit<typeof awards.$inferInsert, 'id'>;
export type NewEdition = Omit<typeof editions.$inferInsert, 'id'>;

export async function findOrganisation(db: Database, id: number): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row ?? null;
}

/** The organisation row, locked until the transaction ends. */
export async function lockOrganisation(db: Database, id: number): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).for('update').limit(1);
  return row ?? null;
}

/** Null when the slug was taken meanwhile (the caller picks another). */
export async function insertOrganisation(db: Database, values: NewOrganisation): Promise<OrganisationRow | null> {
  const [row] = await db.insert(organisations).values(values).onConflictDoNothing({ target: organisations.slug }).returning();
  return row ?? null;
}

export async function updateOrganisationRow(db: Database, id: number, values: Partial<NewOrganisation>): Promise<OrganisationRow> {
  const [row] = await db.update(organisations).set(values).where(eq(organisations.id, id)).returning();
  return row!;
}

export async function addOrganisationAdmin(db: Database, organisationId: number, userId: number): Promise<void> {
  await db.insert(organisationAdmins).values({ organisationId, userId }).onConflictDoNothing();
}

/** Slugs already used that start with `base` (so a free one can be picked in one query). */
export async function slugsLike(db: Database, table: 'organisations' | 'awards', base: string): Promise<Set<string>> {
  const t = table === 'organisations' ? organisations : awards;
  const rows = await db
    .select({ slug: t.slug })
    .from(t)
    .where(sql`${t.slug} = ${base} or ${t.slug} like ${`${base}-%`}`);
  return new Set(rows.map((r) => r.slug));
}

/** An organisation's awards and all their editions (two queries). */
export async function findAwardsWithEditions(db: Database, organisationId: number) {
  const awardRows = await db.select().from(awards).where(eq(awards.organisationId, organisationId)).orderBy(asc(awards.establishedYear), asc(awards.name));
  const editionRows = awardRows.length
    ? await db
        .select()
        .from(editions)
        .where(
          inArray(
            editions.awardId,
            awardRows.map((a) => a.id),
          ),
        )
        .orderBy(desc(editions.year))
    : [];
  return { awards: awardRows, editions: editionRows };
}

export async function findAward(db: Database, id: number) {
  const [row] = await db
    .select({ award: awards, organisation: organisations })
    .from(awards)
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.id, id))
    .limit(1);
  return row ?? null;
}

export async function lockAward(db: Database, id: number): Promise<AwardRow | null> {
  const [row] = await db.select().from(awards).where(eq(awards.id, id)).for('update').limit(1);
  return row ?? null;
}

/** Null when the slug was taken meanwhile (the caller picks another). */
export async function insertAward(db: Database, values: NewAward): Promise<AwardRow | null> {
  const [row] = await db.insert(awards).values(values).onConflictDoNothing({ target: awards.slug }).returning();
  return row ?? null;
}

export async function updateAwardRow(db: Database, id: number, values: Partial<NewAward>): Promise<AwardRow> {
  const [row] = await db.update(awards).set(values).where(eq(awards.id, id)).returning();
  return row!;
}

/**
 * The edition row, locked until the transaction ends: two saves of one edition (or a save
 * and "next year's round") queue up instead of interleaving.
 */
export async function lockEdition(db: Database, id: number): Promise<EditionRow | null> {
  const [row] = await db.select().from(editions).where(eq(editions.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function editionYearTaken(db: Database, awardId: number, year: number, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: editions.id })
    .from(editions)
    .where(and(eq(editions.awardId, awardId), eq(editions.year, year), exceptId === undefined ? undefined : ne(editions.id, exceptId)))
    .limit(1);
  return row !== undefined;
}

/** Null when the award has an edition of that year (also one created meanwhile by another request). */
export async function insertEditionRow(db: Database, values: NewEdition): Promise<EditionRow | null> {
  const [row] = await db
    .insert(editions)
    .values(values)
    .onConflictDoNothing({ target: [editions.awardId, editions.year] })
    .returning();
  return row ?? null;
}

export async function updateEditionRow(db: Database, id: number, values: Partial<NewEdition>): Promise<EditionRow> {
  const [row] = await db.update(editions).set(values).where(eq(editions.id, id)).returning();
  return row!;
}

/**
 * The first instant a nomination of the edition was sent, or null when none has been. A
 * withdrawn nomination counts: it was written against the form as it was.
 */
export async function firstSentAt(db: Database, editionId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(coalesce(${nominations.firstSentAt}, ${nominations.sentAt}, ${nominations.createdAt}))` })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), ne(nominations.status, 'draft')));
  const at = row?.at ?? null;
  return at === null ? null : new Date(at);
}

export type CriterionRow = typeof criteria.$inferSelect;
export type FormSectionRow = typeof formSections.$inferSelect;
export type CommitteeSeatRow = typeof committeeSeats.$inferSelect;

/** Criteria, form sections and committee seats of an edition, in order (one after the other: it runs in transactions). */
export async function findLists(db: Database, editionId: number) {
  const c = await db.select().from(criteria).where(eq(criteria.editionId, editionId)).orderBy(asc(criteria.position));
  const f = await db.select().from(formSections).where(eq(formSections.editionId, editionId)).orderBy(asc(formSections.position));
  const m = await db.select().from(committeeSeats).where(eq(committeeSeats.editionId, editionId)).orderBy(asc(committeeSeats.position));
  return { criteria: c, formSections: f, committee: m };
}

type ListTable = typeof criteria | typeof formSections | typeof committeeSeats;

/**
 * Makes an edition's ordered list equal to `items`, in their order: rows whose id is kept are
 * updated in place (so drafts keep their answers, keyed by section id), the others deleted,
 * items without an id inserted. Positions are first moved out of the way (negative) so the
 * unique (edition, position) index never sees two rows at one place.
 */
export async function replaceList<T extends Record<string, unknown>>(
  db: Database,
  table: ListTable,
  editionId: number,
  items: (T & { id: number | null })[],
): Promise<void> {
  const t = table as typeof criteria;
  const keep = items.filter((i) => i.id !== null).map((i) => i.id!);
  await db.delete(t).where(
    and(
      eq(t.editionId, editionId),
      keep.length
        ? sql`${t.id} not in (${sql.join(
            keep.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : undefined,
    ),
  );
  for (const [index, item] of items.entries()) {
    if (item.id === null) continue;
    const { id, ...values } = item;
    await db
      .update(t)
      .set({ ...(values as object), position: -(index + 1) } as never)
      .where(and(eq(t.id, id), eq(t.editionId, editionId)));
  }
  await db
    .update(t)
    .set({ position: sql`-${t.position}` } as never)
    .where(and(eq(t.editionId, editionId), lt(t.position, 0)));
  const fresh = [...items.entries()].filter(([, i]) => i.id === null);
  if (fresh.length) {
    await db.insert(t).values(
      fresh.map(([index, item]) => {
        const { id: _id, ...values } = item;
        return { ...(values as object), editionId, position: index + 1 } as never;
      }),
    );
  }
}

/** Copies criteria, form sections and committee seats of one edition to another (three statements each way). */
export async function copyLists(
  db: Database,
  fromEditionId: number,
  toEditionId: number,
): Promise<{ criteria: number; formSections: number; committee: number }> {
  const lists = await findLists(db, fromEditionId);
  if (lists.criteria.length) {
    await db.insert(criteria).values(
      lists.criteria.map((c) => ({
        editionId: toEditionId,
        position: c.position,
        title: c.title,
        description: c.description,
        titleEn: c.titleEn,
        descriptionEn: c.descriptionEn,
      })),
    );
  }
  if (lists.formSections.length) {
    await db.insert(formSections).values(
      lists.formSections.map((s) => ({
        editionId: toEditionId,
        position: s.position,
        heading: s.heading,
        help: s.help,
        headingEn: s.headingEn,
        helpEn: s.helpEn,
        wordLimit: s.wordLimit,
        required: s.required,
      })),
    );
  }
  if (lists.committee.length) {
    await db.insert(committeeSeats).values(
      lists.committee.map((m) => ({
        editionId: toEditionId,
        position: m.position,
        name: m.name,
        partyLetter: m.partyLetter,
        represents: m.represents,
        isChair: m.isChair,
      })),
    );
  }
  return { criteria: lists.criteria.length, formSections: lists.formSections.length, committee: lists.committee.length };
}

/**
 * Everyone a change of an edition's dates concerns: nominators with a draft or a sent
 * nomination, and the committee and panel members (not removed). One query each.
 */
export async function findConcernedPeople(db: Database, editionId: number) {
  // One after the other: this runs inside the transaction of the change (one connection).
  const nominators = await db
    .select({ email: nominations.nominatorEmail, name: nominations.nominatorName, status: nominations.status, language: nominations.language })
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), or(eq(nominations.status, 'draft'), eq(nominations.status, 'sent'))));
  const members = await db
    .select({ email: users.email, name: users.name, role: editionMembers.role, language: users.language })
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .where(and(eq(editionMembers.editionId, editionId), isNull(editionMembers.removedAt)));
  return { nominators, members };
}

/** The organisations with these ids, by name. */
export async function findOrganisationsByIds(db: Database, ids: readonly number[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organisations)
    .where(inArray(organisations.id, [...ids]))
    .orderBy(asc(organisations.name));
}

/**
 * Whether any committee member has given a score in the edition: the scale (a column of the
 * editions table) is then fixed. Reads judging's tables, as a repository may.
 */
export async function hasReviewScores(db: Database, editionId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(reviewScores)
    .innerJoin(reviews, eq(reviews.id, reviewScores.reviewId))
    .innerJoin(nominations, eq(nominations.id, reviews.nominationId))
    .where(eq(nominations.editionId, editionId))
    .limit(1);
  return row !== undefined;
}

/** Whether the edition ever received a nomination (a draft, sent or withdrawn one). */
export async function hasAnyNomination(db: Database, editionId: number): Promise<boolean> {
  const [row] = await db.select({ id: nominations.id }).from(nominations).where(eq(nominations.editionId, editionId)).limit(1);
  return row !== undefined;
}

/** Deletes an edition; its criteria, form, committee seats and memberships go with it (on delete cascade). */
export async function deleteEditionRow(db: Database, id: number): Promise<void> {
  await db.delete(editions).where(eq(editions.id, id));
}
