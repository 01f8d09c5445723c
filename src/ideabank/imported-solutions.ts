import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { solutions, type SolutionStatus } from './ideabank.schema.js';

// Solutions of earlier years imported into the idea bank (history-import/); the idea bank owns
// the table (and its search triggers), so the import writes through these functions only.

/** The titles of an organisation's solutions (its name compared trimmed, in any case): the import's natural key is title and organisation. */
export async function findSolutionTitlesOf(db: Database, organisationName: string): Promise<string[]> {
  const rows = await db
    .select({ title: solutions.title })
    .from(solutions)
    .where(eq(sql`lower(btrim(${solutions.organisationName}))`, organisationName.trim().toLowerCase()));
  return rows.map((r) => r.title);
}

/**
 * Writes one imported solution in the caller's transaction, in the organisation's name and owned
 * by it (its administrators may edit it, as any of its staff's solutions). No contact person: an
 * earlier year's file names none. The search table and counts follow by trigger.
 */
export async function insertImportedSolution(
  tx: Database,
  s: {
    title: string;
    summary: string;
    description: string;
    unit: string;
    status: SolutionStatus;
    year: number;
    tags: string[];
    organisation: { id: number; name: string };
    userId: number | null;
    now: Date;
  },
): Promise<number> {
  const [row] = await tx
    .insert(solutions)
    .values({
      title: s.title,
      summary: s.summary,
      description: s.description,
      organisationName: s.organisation.name,
      unitName: s.unit,
      tags: s.tags,
      status: s.status,
      year: s.year,
      ownerUserId: s.userId,
      ownerOrganisationId: s.organisation.id,
      createdAt: s.now,
      updatedAt: s.now,
    })
    .returning({ id: solutions.id });
  return row!.id;
}
