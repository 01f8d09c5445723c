import type { Database } from '../db/database.js';
import { findEditionWithAward, listEditionsOfOrganisations, phaseAt, type Phase, timelineOf } from '../awards/index.js';
import { countJudgingWaiting, NO_JUDGING_WAITING } from '../judging/index.js';
import { countNominationsWaiting, NO_NOMINATIONS_WAITING } from '../nominations/index.js';
import { countPanelWaiting, NO_PANEL_WAITING } from '../panel/index.js';
import { type InstantKey, nextInstant, type RoundCounts, type Stage, STAGES, stageOf, type WaitingItem, waitingNow } from './waiting.js';

// The dashboard of a round and the administration's front page, composed from what each module
// counts with its own SQL (nominations, judging, panel: one query each for any number of
// rounds). The rules of what waits are waiting.ts's.

type EditionLike = Parameters<typeof timelineOf>[0];

export type RoundSummary = {
  id: number;
  year: number;
  theme: string | null;
  award: { id: number; name: string; slug: string };
  organisation: { id: number; name: string };
  /** Null for an earlier year kept without a timeline. */
  phase: Phase | null;
  stage: Stage;
  draft: boolean;
  publishedAt: Date | null;
  hasPatientPanel: boolean;
  next: { key: InstantKey; at: Date } | null;
  counts: RoundCounts;
  waiting: WaitingItem[];
};

/** The three modules' counts for the rounds, in three queries (run side by side). */
async function countsOf(db: Database, editionIds: number[]): Promise<(id: number) => RoundCounts> {
  const [nominations, judging, panel] = await Promise.all([
    countNominationsWaiting(db, editionIds),
    countJudgingWaiting(db, editionIds),
    countPanelWaiting(db, editionIds),
  ]);
  return (id) => ({
    nominations: nominations.get(id) ?? NO_NOMINATIONS_WAITING,
    judging: judging.get(id) ?? NO_JUDGING_WAITING,
    panel: panel.get(id) ?? NO_PANEL_WAITING,
  });
}

function summarise(e: EditionLike, award: RoundSummary['award'], organisation: RoundSummary['organisation'], counts: RoundCounts, now: Date): RoundSummary {
  const timeline = timelineOf(e);
  const phase = phaseAt(timeline, now);
  const draft = e.publishedAt === null;
  return {
    id: e.id,
    year: e.year,
    theme: e.theme,
    award,
    organisation,
    phase: timeline ? phase : null,
    stage: stageOf(phase, e.publishedAt),
    draft,
    publishedAt: e.publishedAt,
    hasPatientPanel: e.hasPatientPanel,
    next: nextInstant(timeline, e.reviewClosesAt, now),
    counts,
    waiting: waitingNow({ phase, draft, hasPatientPanel: e.hasPatientPanel }, counts),
  };
}

/** A round with its award and organisation (one query), or null: what the route checks access on before anything is counted. */
export async function findRound(db: Database, editionId: number) {
  return findEditionWithAward(db, editionId);
}

export type FoundRound = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/** A found round's dashboard: three more queries (the modules' counts), whatever the round's size. */
export async function loadDashboard(db: Database, found: FoundRound, now: Date): Promise<RoundSummary> {
  const { award, organisation, edition } = found;
  const counts = await countsOf(db, [edition.id]);
  return summarise(edition, { id: award.id, name: award.name, slug: award.slug }, { id: organisation.id, name: organisation.name }, counts(edition.id), now);
}

/** Each organisation's rounds, grouped by stage in the order of STAGES (empty stages left out). */
export type AdminOverview = { organisations: { id: number; name: string; stages: { stage: Stage; rounds: RoundSummary[] }[] }[] };

/** The administration's front page: each organisation's rounds by stage, with what waits. Four queries, whatever the number of rounds. */
export async function loadAdminOverview(db: Database, organisationIds: ReadonlySet<number>, now: Date): Promise<AdminOverview> {
  const rows = await listEditionsOfOrganisations(db, organisationIds);
  const counts = await countsOf(
    db,
    rows.map((r) => r.edition.id),
  );
  const byOrganisation = new Map<number, { id: number; name: string; rounds: RoundSummary[] }>();
  for (const r of rows) {
    let o = byOrganisation.get(r.organisation.id);
    if (!o) {
      o = { ...r.organisation, rounds: [] };
      byOrganisation.set(o.id, o);
    }
    o.rounds.push(summarise(r.edition, r.award, r.organisation, counts(r.edition.id), now));
  }
  return {
    organisations: [...byOrganisation.values()].map((o) => ({
      id: o.id,
      name: o.name,
      stages: STAGES.map((stage) => ({ stage, rounds: o.rounds.filter((r) => r.stage === stage) })).filter((s) => s.rounds.length > 0),
    })),
  };
}
