import type { Database } from '../db/database.js';
import {
  findAwardBySlug,
  findCatalogue,
  findEditionById,
  findEditionDetails,
  findEditionsOfAward,
  type AwardRow,
  findPublicCommittee,
  type PublicSeat,
  type CriterionRow,
  type EditionRow,
  type FormSectionRow,
  type OrganisationRow,
} from './awards.repo.js';
import { nextPhaseChange, phaseAt, type Phase, type Timeline } from './phase.js';
import { awardCall, type AwardCall } from './next-round.js';

export type EditionSummary = {
  id: number;
  year: number;
  theme: string | null;
  /** The theme in English; null: English pages show the Danish one, marked. */
  themeEn: string | null;
  phase: Phase;
  timeline: Timeline | null;
};

export type EditionDetail = EditionSummary & {
  row: EditionRow;
  criteria: CriterionRow[];
  formSections: FormSectionRow[];
  /** The committee as published: seats and signed-in members in one list (findPublicCommittee). */
  committee: PublicSeat[];
};

/** The timeline of an edition row, or null for a historic edition kept for its theme alone. */
export function timelineOf(e: EditionRow): Timeline | null {
  if (!e.opensAt || !e.closesAt || !e.nomineesPublishedAt || !e.winnerAnnouncedAt) return null;
  return {
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    reviewStartsAt: e.reviewStartsAt,
    nomineesPublishedAt: e.nomineesPublishedAt,
    votingOpensAt: e.votingOpensAt,
    votingClosesAt: e.votingClosesAt,
    winnerAnnouncedAt: e.winnerAnnouncedAt,
    archivedAt: e.archivedAt,
  };
}

function summarise(e: EditionRow, now: Date): EditionSummary {
  const timeline = timelineOf(e);
  return { id: e.id, year: e.year, theme: e.theme, themeEn: e.themeEn, phase: phaseAt(timeline, now), timeline };
}

/**
 * The edition an award page shows: the newest running one (open for nominations through the
 * panel's vote), else the newest one with a timeline. An edition is only created when its round
 * is being planned, so the newest is the one people care about, unless an older round is still
 * running (next year's round published while this year's is open): then that one.
 */
export function currentEdition<T extends { year: number; timeline: Timeline | null; phase: Phase }>(list: T[]): T | null {
  const dated = [...list].filter((e) => e.timeline !== null).sort((a, b) => b.year - a.year);
  return dated.find((e) => e.phase !== 'upcoming' && !isFinished(e.phase)) ?? dated[0] ?? null;
}

export type CatalogueAward = {
  award: AwardRow;
  organisation: OrganisationRow;
  editions: EditionSummary[];
  current: EditionSummary | null;
};

/** Everything the front page and the awards API list, with each edition's phase at `now`. */
export async function listAwards(db: Database, now: Date) {
  const cat = await findCatalogue(db);
  const orgById = new Map(cat.organisations.map((o) => [o.id, o]));
  const byAward = new Map<number, EditionSummary[]>();
  for (const e of cat.editions) {
    const list = byAward.get(e.awardId) ?? [];
    list.push(summarise(e, now));
    byAward.set(e.awardId, list);
  }
  const list: CatalogueAward[] = cat.awards.map((award) => {
    const eds = byAward.get(award.id) ?? [];
    return { award, organisation: orgById.get(award.organisationId)!, editions: eds, current: currentEdition(eds) };
  });
  return {
    organisations: cat.organisations,
    awards: list,
    nextChange: earliest(list.flatMap((a) => a.editions.map((e) => nextPhaseChange(e.timeline, now)))),
  };
}

/** A round is finished once its winner instant has passed: only such rounds are "earlier years". */
export function isFinished(phase: Phase): boolean {
  return phase === 'winner-announced' || phase === 'archived';
}

export type AwardPage = {
  award: AwardRow;
  organisation: OrganisationRow;
  /** The edition shown: the one asked for by year, or the current one. */
  edition: EditionDetail | null;
  /** "Tidligere år": every finished published edition (winner announced, or archived) other than the one shown, newest first. */
  others: EditionSummary[];
  nextChange: Date | null;
  /** The edition shown is a draft, shown to someone who may see it (publishing.ts maySeeDraft) as the public will see it once published. */
  preview: boolean;
  /** What the page offers first: nominate now, when the next round opens, or to be told (next-round.ts); from published rounds only. */
  call: AwardCall;
};

/**
 * An award with one edition in full. `year` picks an edition; without it the current one.
 * Drafts are left out, except a draft asked for by its year when `maySeeDraft` allows it (a
 * preview). Returns null when the award, or the asked-for year, does not exist or is a draft
 * the viewer may not see.
 */
export async function getAwardPage(
  db: Database,
  slug: string,
  now: Date,
  year?: number,
  maySeeDraft: (edition: { id: number; organisationId: number }) => boolean = () => false,
): Promise<AwardPage | null> {
  const found = await findAwardBySlug(db, slug);
  if (!found) return null;
  const all = await findEditionsOfAward(db, found.award.id);
  const draft = year === undefined ? undefined : all.find((e) => e.year === year && e.publishedAt === null);
  const preview = draft !== undefined && maySeeDraft({ id: draft.id, organisationId: found.award.organisationId });
  const rows = all.filter((e) => e.publishedAt !== null || (preview && e.id === draft.id));
  const summaries = rows.map((e) => summarise(e, now));
  const shown = year === undefined ? currentEdition(summaries) : (summaries.find((e) => e.year === year) ?? null);
  if (year !== undefined && !shown) return null;
  let edition: EditionDetail | null = null;
  if (shown) {
    const [details, committee] = await Promise.all([findEditionDetails(db, [shown.id]), findPublicCommittee(db, shown.id)]);
    edition = { ...shown, row: rows.find((r) => r.id === shown.id)!, ...details, committee };
  }
  return {
    award: found.award,
    organisation: found.organisation,
    edition,
    others: summaries.filter((e) => e.id !== shown?.id && isFinished(e.phase)),
    nextChange: earliest(summaries.map((e) => nextPhaseChange(e.timeline, now))),
    preview,
    call: awardCall(rows.filter((e) => e.publishedAt !== null).map((e) => summarise(e, now))),
  };
}

/** One edition in full, for the API. */
export async function getEdition(db: Database, id: number, now: Date) {
  const found = await findEditionById(db, id);
  if (!found || found.edition.publishedAt === null) return null;
  const [details, committee] = await Promise.all([findEditionDetails(db, [id]), findPublicCommittee(db, id)]);
  return { ...found, summary: summarise(found.edition, now), ...details, committee };
}

function earliest(dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d < best)) best = d;
  return best;
}
