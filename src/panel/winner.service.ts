import { eq } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editions } from '../awards/awards.schema.js';
import { findShortlist } from '../judging/index.js';
import { ballots, winnerDecisions } from './panel.schema.js';
import { schulze, type SchulzeResult } from './schulze.js';
import { type Actor, isChairOf } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { votingWindow, type VotingWindow } from './ballot.js';
import { findDecision, findNominees, findVotingEdition, lockVotingEdition, upsertDecision, type NomineeRow, type VotingEdition } from './panel.repo.js';

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
  const valid = rows.map((r) => r.ranking.map(String)).filter((r) => r.length === wanted.size && new Set(r).size === r.length && r.every((c) => wanted.has(c)));
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

// ---------------------------------------------------------------------------------------
// The chair's decision: breaking the panel's tie, or the committee's winner without a panel.

export type WinnerPage = {
  edition: VotingEdition;
  window: VotingWindow;
  /** The shortlist with titles, in the chair's order (empty while there is none). */
  nominees: NomineeRow[];
  /** The panel's count, once voting has closed (null before, and without a panel). */
  count: PanelCount | null;
  decision: { nominationId: number; basis: 'tie-break' | 'committee'; decidedAt: Date } | null;
  winner: Winner;
  /** Which nominees the chair may choose between now; empty when there is nothing to decide. */
  choices: number[];
  /** Why nothing can be decided now, when `choices` is empty. */
  blocked: DecisionRefusal | null;
};

export type DecisionRefusal =
  | { reason: 'no-shortlist' }
  | { reason: 'voting-not-closed'; closesAt: Date | null }
  | { reason: 'no-ballots' }
  | { reason: 'no-tie'; nominationId: number }
  | { reason: 'announced'; at: Date };

/** What the chair may decide at `now`: the nominees to choose between, or why not. */
async function decisionOptions(
  db: Database,
  edition: { id: number; hasPatientPanel: boolean; votingOpensAt: Date | null; votingClosesAt: Date | null; winnerAnnouncedAt: Date | null },
  now: Date,
) {
  const shortlist = await findShortlist(db, edition.id);
  const nominationIds = shortlist?.nominationIds ?? [];
  const window = votingWindow(edition, now);
  let count: PanelCount | null = null;
  const refuse = (r: DecisionRefusal) => ({ shortlist: nominationIds, window, count, choices: [] as number[], basis: null, blocked: r });
  if (nominationIds.length === 0) return refuse({ reason: 'no-shortlist' });
  if (edition.winnerAnnouncedAt && now.getTime() >= edition.winnerAnnouncedAt.getTime()) {
    if (edition.hasPatientPanel && window.state === 'closed') count = await countBallots(db, edition.id);
    return refuse({ reason: 'announced', at: edition.winnerAnnouncedAt });
  }
  if (!edition.hasPatientPanel) return { shortlist: nominationIds, window, count, choices: nominationIds, basis: 'committee' as const, blocked: null };
  if (window.state !== 'closed') return refuse({ reason: 'voting-not-closed', closesAt: edition.votingClosesAt });
  count = await countBallots(db, edition.id);
  if (!count.result) return refuse({ reason: 'no-ballots' });
  const tied = count.result.winners.map(Number);
  if (tied.length === 1) return refuse({ reason: 'no-tie', nominationId: tied[0]! });
  return { shortlist: nominationIds, window, count, choices: tied, basis: 'tie-break' as const, blocked: null };
}

/** The chair's winner page of an edition; null when there is no such edition. */
export async function getWinnerPage(db: Database, editionId: number, now: Date): Promise<WinnerPage | null> {
  const edition = await findVotingEdition(db, editionId);
  if (!edition) return null;
  const options = await decisionOptions(db, edition, now);
  const [nominees, decision, winner] = await Promise.all([
    findNominees(db, editionId, options.shortlist),
    findDecision(db, editionId),
    findWinner(db, editionId),
  ]);
  return {
    edition,
    window: options.window,
    nominees,
    count: options.count,
    decision: decision ? { nominationId: decision.nominationId, basis: decision.basis, decidedAt: decision.decidedAt } : null,
    winner,
    choices: options.choices,
    blocked: options.blocked,
  };
}

export type DecisionResult =
  | { ok: true; nominationId: number; basis: 'tie-break' | 'committee'; unchanged: boolean }
  | { ok: false; reason: 'not-found' | 'not-chair' }
  | ({ ok: false } & DecisionRefusal)
  | { ok: false; reason: 'not-a-choice'; choices: number[]; basis: 'tie-break' | 'committee' };

/**
 * Records the chair's decision on the winner:
 *  - with a patient panel, after voting has closed and only when the Schulze count is a tie:
 *    one of the tied nominees (basis 'tie-break');
 *  - without a panel: the committee's choice among the shortlist (basis 'committee').
 * The chair may change it until the winner is announced; the same decision again (a double
 * submit) changes nothing.
 *
 * Refuses with a reason: 'not-found', 'not-chair' (only the committee's chair decides),
 * 'no-shortlist', 'voting-not-closed', 'no-ballots', 'no-tie' (the panel decided alone),
 * 'announced', 'not-a-choice' (a nominee not in the tie or not on the shortlist).
 *
 * Side effects, in one transaction with the edition's row locked: the `winner_decisions` row
 * and audit 'winner.decide' (before and after).
 */
export async function recordWinnerDecision(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  nominationId: number | null;
  now: Date;
}): Promise<DecisionResult> {
  const { actor, editionId, now } = args;
  if (!isChairOf(actor, editionId).ok || actor.kind !== 'user') return { ok: false, reason: 'not-chair' };
  return inTransaction(args.db, async (tx): Promise<DecisionResult> => {
    const edition = await lockVotingEdition(tx, editionId);
    if (!edition) return { ok: false, reason: 'not-found' };
    const options = await decisionOptions(tx, { ...edition, id: editionId }, now);
    if (options.blocked) return { ok: false, ...options.blocked };
    const basis = options.basis!;
    if (args.nominationId === null || !options.choices.includes(args.nominationId))
      return { ok: false, reason: 'not-a-choice', choices: options.choices, basis };
    const before = await findDecision(tx, editionId);
    if (before && before.nominationId === args.nominationId && before.basis === basis)
      return { ok: true, nominationId: args.nominationId, basis, unchanged: true };
    await upsertDecision(tx, { editionId, nominationId: args.nominationId, basis, userId: actor.user.id, at: now });
    await recordAudit(
      tx,
      {
        actor,
        action: 'winner.decide',
        entityType: 'edition',
        entityId: editionId,
        editionId,
        organisationId: edition.organisationId,
        before: before ? { nominationId: before.nominationId, basis: before.basis, decidedAt: before.decidedAt.toISOString() } : null,
        after: { nominationId: args.nominationId, basis, ...(basis === 'tie-break' ? { tied: options.choices } : {}) },
      },
      now,
    );
    return { ok: true, nominationId: args.nominationId, basis, unchanged: false };
  });
}

/**
 * Records the winner of a round imported from an earlier year (history-import/), in the caller's
 * transaction: the committee's choice, as for a round without a patient panel. The import's own
 * audit event records it; there was no chair here to decide.
 */
export async function recordImportedWinner(tx: Database, editionId: number, nominationId: number, userId: number | null, at: Date): Promise<void> {
  await upsertDecision(tx, { editionId, nominationId, basis: 'committee', userId, at });
}
