import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { editions } from '../awards/awards.schema.js';
import { findShortlist } from '../judging/shortlist.repo.js';
import { ballots, winnerDecisions } from './panel.schema.js';
import { schulze, type SchulzeResult } from './schulze.js';

export type PanelCount = {
  /** The nominees the panel ranks (the shortlist), as candidates of the count. */
  nominationIds: number[];
  ballotCount: number;
  /** Null when there are no nominees or no ballots yet. */
  result: SchulzeResult | null;
};

/**
 * Counts the stored ballots of an edition with the Schulze method. Reproducible: the same
 * rows always give the same result. A ballot that no longer ranks exactly the shortlist
 * (which cannot happen once voting is locked) is left out rather than breaking the count.
 */
export async function countBallots(db: Database, editionId: number): Promise<PanelCount> {
  const shortlist = await findShortlist(db, editionId);
  const nominationIds = shortlist?.nominationIds ?? [];
  if (nominationIds.length === 0) return { nominationIds, ballotCount: 0, result: null };
  const rows = await db.select({ ranking: ballots.ranking }).from(ballots).where(eq(ballots.editionId, editionId));
  const candidates = nominationIds.map(String);
  const wanted = new Set(candidates);
  const valid = rows
    .map((r) => r.ranking.map(String))
    .filter((r) => r.length === wanted.size && new Set(r).size === r.length && r.every((c) => wanted.has(c)));
  if (valid.length === 0) return { nominationIds, ballotCount: 0, result: null };
  return { nominationIds, ballotCount: valid.length, result: schulze(candidates, valid) };
}

export type Winner =
  | { kind: 'winner'; nominationId: number; basis: 'panel' | 'tie-break' | 'committee' }
  | { kind: 'tie'; nominationIds: number[] }
  | { kind: 'none' };

/**
 * Who won the edition, as decided so far (not whether it may be shown: publication decides
 * that by the "winner announced" instant).
 *  - With a patient panel: the Schulze winner of the ballots; a tie is reported as such until
 *    the chair records a tie-break decision among the tied nominees.
 *  - Without a panel: the committee's choice recorded by the chair.
 */
export async function findWinner(db: Database, editionId: number): Promise<Winner> {
  const [edition] = await db.select({ hasPatientPanel: editions.hasPatientPanel }).from(editions).where(eq(editions.id, editionId));
  if (!edition) return { kind: 'none' };
  const [decision] = await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, editionId));
  if (!edition.hasPatientPanel) {
    return decision ? { kind: 'winner', nominationId: decision.nominationId, basis: 'committee' } : { kind: 'none' };
  }
  const count = await countBallots(db, editionId);
  if (!count.result) return { kind: 'none' };
  const tied = count.result.winners.map(Number);
  if (tied.length === 1) return { kind: 'winner', nominationId: tied[0]!, basis: 'panel' };
  if (decision && decision.basis === 'tie-break' && tied.includes(decision.nominationId)) {
    return { kind: 'winner', nominationId: decision.nominationId, basis: 'tie-break' };
  }
  return { kind: 'tie', nominationIds: tied };
}
