import type { Database } from '../db/database.js';
import { listAwards, type CatalogueAward } from '../awards/index.js';
import { findShortlist } from '../judging/index.js';
import { findWinner, type Winner } from '../panel/index.js';
import { findEditionsPastInstant, findNomineeSources, findShortlistIds } from './publication.repo.js';
import {
  NOTHING_PUBLIC,
  nomineesArePublic,
  publicResult,
  winnerIsPublic,
  type NomineeSource,
  type PublicationInstants,
  type PublicResult,
} from './public-result.js';

/**
 * The public result of one edition at `now` (see public-result.ts for the rules). Before the
 * nominees instant it reads nothing at all; the winner is looked up only after its instant.
 */
export async function loadPublicResult(db: Database, edition: PublicationInstants & { id: number }, now: Date): Promise<PublicResult> {
  if (!nomineesArePublic(edition, now)) return NOTHING_PUBLIC;
  const shortlist = await findShortlist(db, edition.id);
  const winner: Winner = winnerIsPublic(edition, now) ? await findWinner(db, edition.id) : { kind: 'none' };
  const sources = await findNomineeSources(db, shortlist?.nominationIds ?? []);
  return publicResult(edition, shortlist?.nominationIds ?? null, sources, winner, now);
}

/** `recorded` is false for a historic edition kept for its year and theme only: it never has a result here. */
export type ArchiveEdition = {
  id: number;
  year: number;
  theme: string | null;
  /** The theme in English; null: English pages show the Danish one, marked lang="da". */
  themeEn: string | null;
  recorded: boolean;
  /** The winner instant has passed: a missing winner is then "not recorded", before it "not published yet". */
  winnerDue: boolean;
  result: PublicResult;
};
export type ArchiveAward = Omit<CatalogueAward, 'editions' | 'current'> & { editions: ArchiveEdition[] };

/**
 * The archive: every award with every edition (newest first), its theme and what of its
 * result is public at `now`. `nextChange` is the next phase instant of any edition, so a
 * cached archive page never outlives a publication instant.
 */
export async function loadArchive(
  db: Database,
  now: Date,
): Promise<{ awards: ArchiveAward[]; organisations: Awaited<ReturnType<typeof listAwards>>['organisations']; nextChange: Date | null }> {
  const data = await listAwards(db, now);
  const instantsOf = (e: (typeof data.awards)[number]['editions'][number]): PublicationInstants => ({
    nomineesPublishedAt: e.timeline?.nomineesPublishedAt ?? null,
    winnerAnnouncedAt: e.timeline?.winnerAnnouncedAt ?? null,
  });
  // A fixed number of queries for the shortlists and nominees of every edition; the winner
  // (a panel count) only for editions past their winner instant.
  const all = data.awards.flatMap((a) => a.editions);
  const shortlists = await findShortlistIds(
    db,
    all.filter((e) => nomineesArePublic(instantsOf(e), now)).map((e) => e.id),
  );
  const sources = new Map((await findNomineeSources(db, [...shortlists.values()].flat())).map((n) => [n.id, n]));
  const out: ArchiveAward[] = [];
  for (const a of data.awards) {
    const editions: ArchiveEdition[] = [];
    for (const e of a.editions) {
      const instants = instantsOf(e);
      const ids = shortlists.get(e.id) ?? null;
      const winner: Winner = winnerIsPublic(instants, now) ? await findWinner(db, e.id) : { kind: 'none' };
      const rows = (ids ?? []).map((id) => sources.get(id)).filter((n): n is NomineeSource => n !== undefined);
      editions.push({
        id: e.id,
        year: e.year,
        theme: e.theme,
        themeEn: e.themeEn,
        recorded: e.timeline !== null,
        winnerDue: winnerIsPublic(instants, now),
        result: publicResult(instants, ids, rows, winner, now),
      });
    }
    out.push({ award: a.award, organisation: a.organisation, editions });
  }
  return { awards: out, organisations: data.organisations, nextChange: data.nextChange };
}

export type AnnouncedWinner = {
  editionId: number;
  year: number;
  theme: string | null;
  award: { slug: string; name: string };
  organisation: { name: string };
  announcedAt: Date;
  winner: NonNullable<PublicResult['winner']>;
};

/** Every winner public at `now`, the most recently announced first; and when that may next change. */
export async function loadAnnouncedWinners(db: Database, now: Date): Promise<{ winners: AnnouncedWinner[]; nextChange: Date | null }> {
  const rows = await findEditionsPastInstant(db, 'winner', now);
  const winners: AnnouncedWinner[] = [];
  for (const r of rows) {
    const result = await loadPublicResult(db, r.edition, now);
    if (!result.winner || !result.winnerAnnouncedAt) continue;
    winners.push({
      editionId: r.edition.id,
      year: r.edition.year,
      theme: r.edition.theme,
      award: { slug: r.award.slug, name: r.award.name },
      organisation: { name: r.organisation.name },
      announcedAt: result.winnerAnnouncedAt,
      winner: result.winner,
    });
  }
  winners.sort((x, y) => y.announcedAt.getTime() - x.announcedAt.getTime() || y.editionId - x.editionId);
  const data = await listAwards(db, now);
  return { winners, nextChange: data.nextChange };
}
