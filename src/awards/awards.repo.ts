import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, committeeSeats, criteria, editionMembers, editions, formSections, organisations, users } from '../db/schema.js';

// SQL only: each function is one or a few fixed queries, never one query per row.

export type OrganisationRow = typeof organisations.$inferSelect;
export type AwardRow = typeof awards.$inferSelect;
export type EditionRow = typeof editions.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type FormSectionRow = typeof formSections.$inferSelect;
export type CommitteeSeatRow = typeof committeeSeats.$inferSelect;

/** Every organisation, award and published edition (drafts are no one's outside their organisation): three queries whatever the number of rows. */
export async function findCatalogue(db: Database) {
  const [orgs, awardRows, editionRows] = await Promise.all([
    db.select().from(organisations).orderBy(asc(organisations.name)),
    db.select().from(awards).orderBy(asc(awards.establishedYear), asc(awards.name)),
    db.select().from(editions).where(isNotNull(editions.publishedAt)).orderBy(desc(editions.year)),
  ]);
  return { organisations: orgs, awards: awardRows, editions: editionRows };
}

/** Every organisation, by name. */
export async function listOrganisations(db: Database): Promise<OrganisationRow[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

export async function findOrganisationBySlug(db: Database, slug: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return row ?? null;
}

export async function findAwardBySlug(db: Database, slug: string) {
  const rows = await db
    .select({ award: awards, organisation: organisations })
    .from(awards)
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.slug, slug))
    .limit(1);
  return rows[0] ?? null;
}

export async function findEditionsOfAward(db: Database, awardId: number): Promise<EditionRow[]> {
  return db.select().from(editions).where(eq(editions.awardId, awardId)).orderBy(desc(editions.year));
}

export async function findEditionById(db: Database, id: number) {
  const rows = await db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Criteria, form sections and committee of the given editions, in their order. */
export async function findEditionDetails(db: Database, editionIds: number[]) {
  if (editionIds.length === 0) return { criteria: [], formSections: [], committee: [] };
  const [c, f, m] = await Promise.all([
    db.select().from(criteria).where(inArray(criteria.editionId, editionIds)).orderBy(asc(criteria.position)),
    db.select().from(formSections).where(inArray(formSections.editionId, editionIds)).orderBy(asc(formSections.position)),
    db.select().from(committeeSeats).where(inArray(committeeSeats.editionId, editionIds)).orderBy(asc(committeeSeats.position)),
  ]);
  return { criteria: c, formSections: f, committee: m };
}

/** A seat of the committee as the public sees it: a name (or only the organisation represented), party letter, chair. */
export type PublicSeat = Pick<CommitteeSeatRow, 'name' | 'partyLetter' | 'represents' | 'isChair'>;

/**
 * The committee as published (one list, two queries): the seats typed on the setup page (a
 * politician who never signs in) in their order, then every active committee member who signs
 * in and has no seat of the same name, chair first, then by name. A member is thus typed in
 * once: their invitation makes them a public seat, with their party letter or organisation.
 */
export async function findPublicCommittee(db: Database, editionId: number): Promise<PublicSeat[]> {
  const [seats, members] = await Promise.all([
    db.select().from(committeeSeats).where(eq(committeeSeats.editionId, editionId)).orderBy(asc(committeeSeats.position)),
    db
      .select({ name: users.name, partyLetter: editionMembers.partyLetter, represents: editionMembers.represents, isChair: editionMembers.isChair })
      .from(editionMembers)
      .innerJoin(users, eq(users.id, editionMembers.userId))
      .where(and(eq(editionMembers.editionId, editionId), eq(editionMembers.role, 'committee'), isNull(editionMembers.removedAt)))
      .orderBy(desc(editionMembers.isChair), asc(users.name)),
  ]);
  const key = (name: string | null) => (name ?? '').normalize('NFC').trim().toLocaleLowerCase('da');
  const seated = new Set(seats.filter((s) => s.name).map((s) => key(s.name)));
  const out: PublicSeat[] = seats.map(({ name, partyLetter, represents, isChair }) => ({ name, partyLetter, represents, isChair }));
  for (const m of members) if (m.name.trim() !== '' && !seated.has(key(m.name))) out.push(m);
  return out;
}

/** The organisation that owns an edition, for the permission check; null when there is none. */
export async function organisationOfEdition(db: Database, editionId: number): Promise<number | null> {
  const [row] = await db
    .select({ organisationId: awards.organisationId })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(editions.id, editionId))
    .limit(1);
  return row?.organisationId ?? null;
}

/** An edition with its award and organisation, or null. */
export async function findEditionWithAward(db: Database, editionId: number) {
  const rows = await db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, editionId))
    .limit(1);
  return rows[0] ?? null;
}
