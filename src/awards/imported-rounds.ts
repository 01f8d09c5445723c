import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, organisations } from '../db/schema.js';
import { copenhagen } from '../platform/time.js';
import { findEditionsOfAward } from './awards.repo.js';

// Rounds of earlier years written by the import (history-import/): the awards module owns the
// editions table, so the import writes rounds through these functions only.

/** An award with its organisation, as the import needs them (null when there is no such award). */
export async function findAwardForImport(db: Database, awardId: number) {
  const [row] = await db
    .select({
      award: { id: awards.id, slug: awards.slug, name: awards.name, establishedYear: awards.establishedYear },
      organisation: { id: organisations.id, name: organisations.name },
    })
    .from(awards)
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.id, awardId));
  return row ?? null;
}

/** What the import needs to know of each round of an award: was it run here, is it a placeholder (year and theme only), or imported. */
export async function findRoundsForImport(db: Database, awardId: number) {
  const rows = await findEditionsOfAward(db, awardId);
  return rows.map((e) => ({
    id: e.id,
    year: e.year,
    theme: e.theme,
    filmUrl: e.filmUrl,
    kind: e.importedAt !== null ? ('imported' as const) : e.opensAt === null ? ('placeholder' as const) : ('run-here' as const),
  }));
}

/**
 * The made-up timeline of an imported round of `year`: the real dates are not known, and pages
 * do not show them (`editions.imported_at`). Every instant lies in the first half of the year,
 * so a round of last year is long past (more than 30 days: the publication notices never fire
 * for it) and is archived at once: nominees and winner are public.
 */
export function importedTimeline(year: number) {
  const shown = copenhagen(year, 6, 1, 12);
  return {
    opensAt: copenhagen(year, 1, 1, 12),
    closesAt: copenhagen(year, 3, 1, 12),
    reviewStartsAt: null,
    reviewClosesAt: null,
    nomineesPublishedAt: shown,
    votingOpensAt: null,
    votingClosesAt: null,
    winnerAnnouncedAt: shown,
    archivedAt: shown,
  };
}

/**
 * Writes one imported round in the caller's transaction and returns its id:
 *  - `create`: a new, published, finished round of the year with the made-up timeline;
 *  - `complete`: a placeholder (year and theme only, "Ikke registreret i Prisportal") gets the
 *    timeline and becomes an imported round; its theme is kept unless it had none;
 *  - `add`: an imported round gets the theme or film link it lacked.
 * Never touches a round that was run here (the import's rules refuse those rows).
 */
export async function writeImportedRound(
  tx: Database,
  w: {
    awardId: number;
    year: number;
    action: 'create' | 'complete' | 'add';
    editionId: number | null;
    theme: string | null;
    filmUrl: string | null;
    now: Date;
  },
): Promise<number> {
  const set = { ...(w.theme !== null ? { theme: w.theme } : {}), ...(w.filmUrl !== null ? { filmUrl: w.filmUrl } : {}) };
  if (w.action === 'create') {
    const [row] = await tx
      .insert(editions)
      .values({ awardId: w.awardId, year: w.year, ...importedTimeline(w.year), ...set, hasPatientPanel: false, publishedAt: w.now, importedAt: w.now })
      .returning({ id: editions.id });
    return row!.id;
  }
  const id = w.editionId!;
  if (w.action === 'complete') {
    await tx
      .update(editions)
      .set({
        ...importedTimeline(w.year),
        ...set,
        hasPatientPanel: false,
        importedAt: w.now,
        // A placeholder that was never published becomes public now, as every imported round is.
        publishedAt: sql`coalesce(${editions.publishedAt}, ${w.now.toISOString()}::timestamptz)`,
      })
      .where(and(eq(editions.id, id), eq(editions.awardId, w.awardId)));
    return id;
  }
  if (Object.keys(set).length > 0)
    await tx
      .update(editions)
      .set(set)
      .where(and(eq(editions.id, id), eq(editions.awardId, w.awardId)));
  return id;
}
