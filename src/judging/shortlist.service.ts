import { eq } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { users } from '../db/schema.js';
import { loadCommitteeOverview, type CommitteeOverviewData } from './overview.service.js';
import { type Actor, isChairOf } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { findJudgingEdition, listEligibleNominations } from './judging.repo.js';
import { canCloseReview, reviewWindow, shortlistSizeOk, shortlistTiming, type ReviewWindow, type ShortlistTiming } from './review-rules.js';
import { findShortlist, writeShortlist } from './shortlist.repo.js';

export type ShortlistRefusal = 'not-chair' | 'not-found' | 'no-timeline' | 'review-open' | 'voting-locked' | 'wrong-size' | 'not-eligible' | 'duplicate';

export type ShortlistResult = { ok: true } | { ok: false; reason: ShortlistRefusal };

/**
 * The chair records the nominees (the shortlist) among the edition's eligible nominations,
 * in the order given. Only once scores can no longer change: from the review deadline on, or
 * once the chair closed scoring early (review-rules.ts shortlistTiming). The count must meet
 * the edition's rule (nominee_count_min/max); once the panel's voting is locked (the first
 * ballot cast) the shortlist cannot change.
 *
 * Refuses: 'not-chair' (the actor is not the chair of this edition's committee), 'not-found'
 * (no such edition), 'no-timeline' (the edition has no review window), 'review-open' (before
 * the review deadline, and scoring not closed early), 'voting-locked', 'wrong-size', 'not-eligible' (an id that is not a sent,
 * eligible nomination of the edition), 'duplicate' (the same nomination twice).
 *
 * Side effects, in one transaction (the edition row locked, so the voting lock cannot slip
 * in between): the shortlists row and its entries replaced; an audit record
 * 'shortlist.decide' with the list before and after.
 */
export async function decideShortlist(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  nominationIds: readonly number[];
  now: Date;
}): Promise<ShortlistResult> {
  const { actor, editionId, nominationIds, now } = args;
  if (!isChairOf(actor, editionId).ok || actor.kind !== 'user') return { ok: false, reason: 'not-chair' };
  return inTransaction(args.db, async (db): Promise<ShortlistResult> => {
    const edition = await findJudgingEdition(db, editionId, { lock: true });
    if (!edition) return { ok: false, reason: 'not-found' };
    if (edition.votingLockedAt !== null) return { ok: false, reason: 'voting-locked' };
    const timing = shortlistTiming(reviewWindow(edition), now);
    if (!timing.ok) return { ok: false, reason: timing.reason };
    if (new Set(nominationIds).size !== nominationIds.length) return { ok: false, reason: 'duplicate' };
    const eligible = new Set((await listEligibleNominations(db, editionId)).map((n) => n.id));
    if (nominationIds.some((id) => !eligible.has(id))) return { ok: false, reason: 'not-eligible' };
    if (!shortlistSizeOk(nominationIds.length, { min: edition.nomineeCountMin, max: edition.nomineeCountMax })) return { ok: false, reason: 'wrong-size' };
    const before = await findShortlist(db, editionId);
    await writeShortlist(db, editionId, nominationIds, actor.user.id, now);
    await recordAudit(
      db,
      {
        actor,
        action: 'shortlist.decide',
        entityType: 'edition',
        entityId: editionId,
        organisationId: edition.organisationId,
        editionId,
        before: before ? { nominationIds: before.nominationIds } : null,
        after: { nominationIds: [...nominationIds] },
      },
      now,
    );
    return { ok: true };
  });
}

export type ShortlistPageData = {
  overview: CommitteeOverviewData;
  rule: { min: number | null; max: number | null };
  locked: boolean;
  /** The review window (with the chair's early closing), whether the shortlist may be recorded now, and whether scoring may be closed early now. */
  window: ReviewWindow | null;
  timing: ShortlistTiming;
  closable: boolean;
  shortlist: { nominationIds: number[]; decidedAt: Date; decidedBy: string | null } | null;
};

/** What the shortlist page shows: the eligible nominations with their ranks (the viewer's conflicts hidden), the rule and the recorded list. */
export async function loadShortlistPage(db: Database, editionId: number, viewerMemberId: number, now: Date): Promise<ShortlistPageData | null> {
  const edition = await findJudgingEdition(db, editionId);
  if (!edition) return null;
  const overview = await loadCommitteeOverview(db, editionId, { anonymise: false, viewerMemberId, now });
  if (!overview) return null;
  const list = await findShortlist(db, editionId);
  let decidedBy: string | null = null;
  if (list?.decidedByUserId) {
    const [u] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, list.decidedByUserId));
    decidedBy = u ? u.name || u.email : null;
  }
  return {
    overview,
    rule: { min: edition.nomineeCountMin, max: edition.nomineeCountMax },
    locked: edition.votingLockedAt !== null,
    window: reviewWindow(edition),
    timing: shortlistTiming(reviewWindow(edition), now),
    closable: canCloseReview(reviewWindow(edition), now).ok,
    shortlist: list ? { nominationIds: list.nominationIds, decidedAt: list.decidedAt, decidedBy } : null,
  };
}
