import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, organisations } from './awards.schema.js';

/** A round with its award and organisation, as the administrators' overview lists it. */
export type AdministeredEdition = {
  edition: typeof editions.$inferSelect;
  award: { id: number; name: string; slug: string };
  organisation: { id: number; name: string };
};

/** Every round of the given organisations (drafts included): by organisation, award, newest year first. One query. */
export async function listEditionsOfOrganisations(db: Database, organisationIds: ReadonlySet<number>): Promise<AdministeredEdition[]> {
  if (organisationIds.size === 0) return [];
  return db
    .select({
      edition: editions,
      award: { id: awards.id, name: awards.name, slug: awards.slug },
      organisation: { id: organisations.id, name: organisations.name },
    })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(inArray(organisations.id, [...organisationIds]))
    .orderBy(asc(organisations.name), asc(awards.name), desc(editions.year));
}
