import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { type Database, inTransaction } from '../db/database.js';
import { findShortlist, lix as lixOf } from '../judging/index.js';
import { votingWindow, type VotingWindow } from './ballot.js';
import {
  countBallotRows,
  findDecision,
  findNominees,
  findPanelMembers,
  findSummary,
  findVotingEdition,
  upsertSummary,
  type NomineeRow,
  type PanelMemberRow,
  type VotingEdition,
} from './panel.repo.js';
import { countBallots, findWinner, type PanelCount, type Winner } from './winner.service.js';

// The administrators' view of an edition's patient panel: the nominees' plain-language
// summaries with their LIX, who has voted (never what), and the count once voting is over.
// Nothing here reads a member and a ballot together.

export const SUMMARY_MAX = 3000;

export type PanelAdminPage = {
  edition: VotingEdition;
  window: VotingWindow;
  /** The shortlist with summaries; null while the chair has chosen no nominees. */
  nominees: NomineeRow[] | null;
  members: PanelMemberRow[];
  votedCount: number;
  /** Ballots stored (shown while voting is open instead of any result). */
  ballotCount: number;
  /** The Schulze count: only once voting has closed, so nobody is influenced on the way. */
  count: PanelCount | null;
  winner: Winner | null;
  decision: { nominationId: number; basis: 'tie-break' | 'committee'; decidedAt: Date } | null;
};

/** The panel page of an edition for its administrators; null when there is no such edition. */
export async function getPanelAdminPage(db: Database, editionId: number, now: Date): Promise<PanelAdminPage | null> {
  const edition = await findVotingEdition(db, editionId);
  if (!edition) return null;
  const window = votingWindow(edition, now);
  const [shortlist, members, ballotCount, decision] = await Promise.all([
    findShortlist(db, editionId),
    findPanelMembers(db, editionId),
    countBallotRows(db, editionId),
    findDecision(db, editionId),
  ]);
  const nominees = shortlist ? await findNominees(db, editionId, shortlist.nominationIds) : null;
  const closed = window.state === 'closed';
  const [count, winner] = closed ? await Promise.all([countBallots(db, editionId), findWinner(db, editionId)]) : [null, null];
  return {
    edition,
    window,
    nominees,
    members,
    votedCount: members.filter((m) => m.firstCastAt !== null).length,
    ballotCount,
    count,
    winner,
    decision: decision ? { nominationId: decision.nominationId, basis: decision.basis, decidedAt: decision.decidedAt } : null,
  };
}

export type SummaryProblem = { code: 'required' } | { code: 'too-long'; max: number };

export type SummaryResult =
  | { ok: true; lix: number; unchanged: boolean }
  | { ok: false; reason: 'not-nominee' }
  | { ok: false; reason: 'invalid'; problem: SummaryProblem };

/** The summary as stored: line ends unified, spaces at the ends of lines and of the text removed. */
export function cleanSummary(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .trim();
}

/**
 * Saves a nominee's plain-language summary for the panel, with its LIX. Only nominees on the
 * edition's shortlist have one ('not-nominee' otherwise). Refuses an empty or too long text
 * ('invalid'). Side effects, in one transaction: the `nominee_summaries` row and audit
 * 'panel.summary-update' with the old and new text and LIX (when the text changed).
 */
export async function saveSummary(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  nominationId: number;
  text: string;
  now: Date;
}): Promise<SummaryResult> {
  const text = cleanSummary(args.text);
  // Two decimals: what the `real` column keeps exactly enough to read back the same.
  const value = Math.round((lixOf(text).lix ?? 0) * 100) / 100;
  return inTransaction(args.db, async (tx): Promise<SummaryResult> => {
    const shortlist = await findShortlist(tx, args.editionId);
    if (!shortlist?.nominationIds.includes(args.nominationId)) return { ok: false, reason: 'not-nominee' };
    if (text === '') return { ok: false, reason: 'invalid', problem: { code: 'required' } };
    if (text.length > SUMMARY_MAX) return { ok: false, reason: 'invalid', problem: { code: 'too-long', max: SUMMARY_MAX } };
    const edition = await findVotingEdition(tx, args.editionId);
    if (!edition) return { ok: false, reason: 'not-nominee' };
    const before = await findSummary(tx, args.nominationId);
    if (before && before.text === text) return { ok: true, lix: before.lix, unchanged: true };
    await upsertSummary(tx, {
      nominationId: args.nominationId,
      text,
      lix: value,
      at: args.now,
      userId: args.actor.kind === 'user' ? args.actor.user.id : null,
    });
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'panel.summary-update',
        entityType: 'nomination',
        entityId: args.nominationId,
        organisationId: edition.organisationId,
        editionId: args.editionId,
        before: before ? { text: before.text, lix: before.lix } : null,
        after: { text, lix: value },
      },
      args.now,
    );
    return { ok: true, lix: value, unchanged: false };
  });
}
