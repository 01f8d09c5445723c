import { type Database, inTransaction } from '../db/database.js';
import { type Actor, isChairOf } from '../accounts/index.js';
import { enqueueMail } from '../mail/index.js';
import { messageRenderer } from '../messages/index.js';
import { recordAudit } from '../platform/audit.js';
import { formatInstant } from '../platform/time.js';
import { judgingTexts } from './i18n.js';
import { findCommitteeMember, findJudgingEdition, insertReviewClosure, listCommitteeMembers } from './judging.repo.js';
import { canCloseReview, reviewWindow, type CloseReviewRefusal } from './review-rules.js';
import { judgingUrls } from './urls.js';

export type CloseReviewResult = { ok: true; closedAt: Date; notified: number } | { ok: false; reason: 'not-chair' | 'not-found' | CloseReviewRefusal };

/**
 * The chair closes the committee's scoring before the review deadline, so that the shortlist
 * can be recorded at once (review-rules.ts canCloseReview, shortlistTiming). From `now` on no
 * member can give or change a score or a comment, or declare a conflict; the review pages say
 * so. It cannot be undone.
 *
 * Refuses: 'not-chair' (the actor is not the chair of this edition's committee), 'not-found'
 * (no such edition), 'no-timeline' (no review window), 'not-started' (the review has not
 * started), 'deadline-passed' (the deadline has passed: scoring is closed already),
 * 'already-closed' (the chair closed it before).
 *
 * Side effects, in one transaction with the edition's row locked (so no score is saved after
 * the closing instant by a request that read the window before it): the review_closures row;
 * an e-mail to every active committee member through the outbox (in the member's language;
 * it names no nomination); an audit record 'review.close-early' with the planned deadline and the
 * number of members told.
 */
export async function closeReviewEarly(args: { db: Database; actor: Actor; editionId: number; now: Date; publicBaseUrl: string }): Promise<CloseReviewResult> {
  const { actor, editionId, now } = args;
  if (!isChairOf(actor, editionId).ok || actor.kind !== 'user') return { ok: false, reason: 'not-chair' };
  return inTransaction(args.db, async (db): Promise<CloseReviewResult> => {
    const edition = await findJudgingEdition(db, editionId, { lock: true });
    if (!edition) return { ok: false, reason: 'not-found' };
    const chair = await findCommitteeMember(db, editionId, actor.user.id);
    if (!chair?.isChair) return { ok: false, reason: 'not-chair' };
    const window = reviewWindow(edition);
    const allowed = canCloseReview(window, now);
    if (!allowed.ok) return { ok: false, reason: allowed.reason };
    if (!(await insertReviewClosure(db, editionId, actor.user.id, now))) return { ok: false, reason: 'already-closed' };
    const members = await listCommitteeMembers(db, editionId);
    const editionName = `${edition.awardName} ${edition.year}`;
    const link = `${args.publicBaseUrl.replace(/\/+$/, '')}${judgingUrls.review({ editionId })}`;
    const chairName = actor.user.name || actor.user.email;
    const organisationName = (await messageRenderer(db, editionId, args.publicBaseUrl))?.facts.organisationName;
    for (const m of members) {
      // In the member's own language (src/messages: remembered from the invitation).
      const language = m.language ?? 'da';
      const t = judgingTexts(language);
      await enqueueMail(
        db,
        {
          kind: 'review-closed-early',
          to: m.email,
          language,
          ...(organisationName ? { organisationName } : {}),
          subject: t.closedEarlySubject(editionName),
          text: t.closedEarlyBody(m.name, editionName, chairName, formatInstant(now, language), formatInstant(window!.closesAt, language), link),
          dedupeKey: `review-closed-early:${editionId}:${m.id}`,
          // The organisation's business: its administrators export and erase it (privacy/).
          organisationId: edition.organisationId,
        },
        now,
      );
    }
    await recordAudit(
      db,
      {
        actor,
        action: 'review.close-early',
        entityType: 'edition',
        entityId: editionId,
        organisationId: edition.organisationId,
        editionId,
        before: { reviewClosesAt: window!.closesAt.toISOString() },
        after: { closedAt: now.toISOString(), membersNotified: members.length },
      },
      now,
    );
    return { ok: true, closedAt: now, notified: members.length };
  });
}
