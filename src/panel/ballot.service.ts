import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { type Database, inTransaction } from '../db/database.js';
import { findShortlist } from '../judging/index.js';
import { ballotOrder, readBallotForm, voterKey, votingWindow, type BallotProblem, type VotingWindow } from './ballot.js';
import {
  findBallot,
  findNominees,
  findPanelMemberId,
  findVotingEdition,
  hasVoted,
  lockVotingEdition,
  recordVoter,
  replaceBallot,
  setVotingLocked,
  type NomineeRow,
  type VotingEdition,
} from './panel.repo.js';

// The patient panel member's side: the ballot page, and casting (or replacing) a ballot.
// Ballots are secret: the ballot row carries a hash of edition and member keyed with the server
// secret BALLOT_KEY (never in the database), `panel_voters` who has voted and when, and nothing
// joins the two for anybody without the secret: a ballot row holds no time and no serial id.

export type BallotPage = {
  edition: VotingEdition;
  window: VotingWindow;
  /** The shortlist with the summaries, in the member's own random order (ballotOrder); empty while there is none. */
  nominees: NomineeRow[];
  /** The member's own ballot, to fill the form and the receipt; null before the first vote. */
  mine: { ranking: number[] } | null;
  /**
   * The member has voted, but no ballot carries their key: it was cast before ballots were keyed
   * with BALLOT_KEY (migration 0015) or under another BALLOT_KEY. It is counted, and it can no
   * longer be changed.
   */
  unchangeable: boolean;
};

/**
 * The ballot page of a patient panel member, or null when the user is not an active panel
 * member of the edition (the route answers 403 then, whether or not the edition exists).
 */
export async function getBallotPage(db: Database, ballotKey: string, editionId: number, userId: number, now: Date): Promise<BallotPage | null> {
  const memberId = await findPanelMemberId(db, editionId, userId);
  if (memberId === null) return null;
  const [edition, shortlist] = await Promise.all([findVotingEdition(db, editionId), findShortlist(db, editionId)]);
  // A draft round has no panel yet: its ballot is no one's.
  if (!edition || edition.publishedAt === null) return null;
  const nominees = await findNominees(db, editionId, ballotOrder(ballotKey, editionId, memberId, shortlist?.nominationIds ?? []));
  const mine = await findBallot(db, editionId, voterKey(ballotKey, editionId, memberId));
  const unchangeable = mine === null && (await hasVoted(db, memberId));
  return { edition, window: votingWindow(edition, now), nominees, mine, unchangeable };
}

export type CastResult =
  | { ok: true; replaced: boolean; ranking: number[]; closesAt: Date }
  | { ok: false; reason: 'not-member' }
  | { ok: false; reason: 'unchangeable' }
  | { ok: false; reason: 'no-panel' | 'no-dates' | 'no-nominees' }
  | { ok: false; reason: 'not-open'; opensAt: Date }
  | { ok: false; reason: 'closed'; closesAt: Date }
  | { ok: false; reason: 'invalid'; problems: BallotProblem[]; places: Record<number, string> };

/**
 * Casts the member's ballot from the posted form, or replaces their earlier one: one ballot
 * per member, changeable until the voting deadline.
 *
 * Refuses with a reason, saving nothing: 'not-member' (not an active panel member),
 * 'no-panel', 'no-dates', 'not-open' (before voting opens), 'closed' (at or after the
 * deadline), 'no-nominees' (no shortlist), 'unchangeable' (the member has voted, but no ballot
 * carries their key: cast before migration 0015 or under another BALLOT_KEY; it is counted as
 * it is), 'invalid' (a nominee ranked twice or left out, a place outside 1..n, an unknown
 * nominee).
 *
 * Side effects, in one transaction with the edition's row locked:
 *  - the ballot row under the member's key (`voterKey(ballotKey, edition, member)`; the
 *    ranking, best first; no member column, no time), and every ballot of the edition written
 *    anew in key order (so no row's position or transaction stamp tells when it was cast);
 *  - `panel_voters` (the first time only, with the time: who has voted, never what);
 *  - on the edition's first ballot: `editions.voting_locked_at` and audit 'panel.voting-lock'
 *    (the nominees, method and deadline are fixed from then on);
 *  - audit 'panel.ballot-cast' by the member, saying whether it replaced one (never the ranking
 *    or the key).
 */
export async function castBallot(args: {
  db: Database;
  /** The server secret BALLOT_KEY (config.ts). */
  ballotKey: string;
  actor: Actor;
  editionId: number;
  form: unknown;
  now: Date;
}): Promise<CastResult> {
  const { actor, editionId, now } = args;
  if (actor.kind !== 'user') return { ok: false, reason: 'not-member' };
  return inTransaction(args.db, async (tx): Promise<CastResult> => {
    const edition = await lockVotingEdition(tx, editionId);
    if (!edition || edition.publishedAt === null) return { ok: false, reason: 'not-member' };
    const memberId = await findPanelMemberId(tx, editionId, actor.user.id);
    if (memberId === null) return { ok: false, reason: 'not-member' };
    const window = votingWindow(edition, now);
    if (window.state === 'no-panel' || window.state === 'no-dates') return { ok: false, reason: window.state };
    if (window.state === 'not-open') return { ok: false, reason: 'not-open', opensAt: window.opensAt };
    if (window.state === 'closed') return { ok: false, reason: 'closed', closesAt: window.closesAt };
    const shortlist = await findShortlist(tx, editionId);
    if (!shortlist || shortlist.nominationIds.length === 0) return { ok: false, reason: 'no-nominees' };

    // Problems are reported in the order the member's page lists the nominees.
    const read = readBallotForm(args.form, ballotOrder(args.ballotKey, editionId, memberId, shortlist.nominationIds));
    if (!read.ranking) return { ok: false, reason: 'invalid', problems: read.problems, places: read.places };

    const key = voterKey(args.ballotKey, editionId, memberId);
    const replaced = (await findBallot(tx, editionId, key)) !== null;
    if (!replaced && (await hasVoted(tx, memberId))) return { ok: false, reason: 'unchangeable' };
    await replaceBallot(tx, editionId, key, read.ranking);
    await recordVoter(tx, editionId, memberId, now);
    const base = { actor, entityType: 'edition', entityId: editionId, editionId, organisationId: edition.organisationId } as const;
    if (!edition.votingLockedAt) {
      await setVotingLocked(tx, editionId, now);
      await recordAudit(
        tx,
        {
          ...base,
          actor: 'system',
          action: 'panel.voting-lock',
          after: {
            votingLockedAt: now.toISOString(),
            nominationIds: shortlist.nominationIds,
            method: 'schulze',
            votingOpensAt: window.opensAt.toISOString(),
            votingClosesAt: window.closesAt.toISOString(),
          },
        },
        now,
      );
    }
    await recordAudit(tx, { ...base, action: 'panel.ballot-cast', after: { replaced } }, now);
    return { ok: true, replaced, ranking: read.ranking, closesAt: window.closesAt };
  });
}
