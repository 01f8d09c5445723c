import { and, isNotNull, lte, gt, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editions } from '../db/schema.js';
import { enqueueMail } from '../mail/index.js';
import { formatInstant } from '../platform/time.js';
import { judgingDa } from './i18n.js';
import { listCommitteeMembers, listConflicts, listCriteria, listEligibleNominations, listReviews, findJudgingEdition } from './judging.repo.js';
import { reviewReminders } from './judging.schema.js';
import { conflictIndex, flagLikelyConflicts, progressOf, reviewIndex } from './review.service.js';
import { reviewWindow } from './review-rules.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The reminders before the review deadline, most urgent last. */
export const REVIEW_REMINDERS = [
  { kind: '7d', beforeMs: 7 * DAY_MS },
  { kind: '1d', beforeMs: 1 * DAY_MS },
] as const;

/**
 * Queues the review reminders that are due at `now`: to every active committee member who has
 * not finished (fewer complete reviews than eligible nominations they are not conflicted
 * with) in an edition whose review is under way and whose deadline is at most 7 days (1 day)
 * away. Each kind is sent at most once per member, even with two app processes: the
 * review_reminders row (primary key member + kind) is inserted first and the e-mail queued in
 * the same transaction only when the insert took. When the scheduler first runs within a day
 * of the deadline, only the 1-day reminder is sent (the 7-day one is recorded as passed).
 * The e-mail names no nominee or nominator (blind review), only counts, the deadline and a link.
 *
 * Returns the number of e-mails queued. Side effects: review_reminders rows, outbox rows,
 * likely conflicts flagged (so that progress counts them).
 */
export async function enqueueDueReviewReminders({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<number> {
  const deadline = sql`coalesce(${editions.reviewClosesAt}, ${editions.nomineesPublishedAt})`;
  const earliestReminder = REVIEW_REMINDERS[0].beforeMs;
  const due = await db
    .select({ id: editions.id })
    .from(editions)
    .where(
      and(
        isNotNull(editions.closesAt),
        lte(sql`coalesce(${editions.reviewStartsAt}, ${editions.closesAt})`, now),
        gt(deadline, now),
        lte(deadline, new Date(now.getTime() + earliestReminder)),
      ),
    );
  const base = publicBaseUrl.replace(/\/+$/, '');
  let queued = 0;
  for (const { id } of due) {
    const edition = await findJudgingEdition(db, id);
    const window = edition ? reviewWindow(edition) : null;
    // Scoring the chair closed early needs no reminder.
    if (!edition || !window || window.closedEarlyAt) continue;
    const dueKinds = REVIEW_REMINDERS.filter((r) => now.getTime() >= window.closesAt.getTime() - r.beforeMs);
    const urgent = dueKinds[dueKinds.length - 1];
    if (!urgent) continue;
    const [members, eligible, criteria] = await Promise.all([listCommitteeMembers(db, id), listEligibleNominations(db, id), listCriteria(db, id)]);
    if (eligible.length === 0) continue;
    await flagLikelyConflicts(db, members, eligible, now);
    const [conflicts, reviews] = await Promise.all([listConflicts(db, id), listReviews(db, id)]);
    const conflictMap = conflictIndex(conflicts);
    const reviewMap = reviewIndex(reviews);
    const criterionIds = criteria.map((c) => c.id);
    const editionName = `${edition.awardName} ${edition.year}`;
    const when = formatInstant(window.closesAt, 'da');
    for (const member of members) {
      const progress = progressOf(member.id, eligible, conflictMap, reviewMap, criterionIds);
      if (progress.done >= progress.total) continue;
      const sent = await inTransaction(db, async (tx) => {
        let urgentTook = false;
        for (const r of dueKinds) {
          const took = await tx
            .insert(reviewReminders)
            .values({ memberId: member.id, kind: r.kind, sentAt: now })
            .onConflictDoNothing()
            .returning({ kind: reviewReminders.kind });
          if (r.kind === urgent.kind) urgentTook = took.length > 0;
        }
        if (!urgentTook) return false;
        await enqueueMail(
          tx,
          {
            kind: 'review-reminder',
            to: member.email,
            subject: judgingDa.reminderSubject(editionName, when),
            text: judgingDa.reminderBody(member.name, editionName, progress.done, progress.total, when, `${base}/bedoemmelse/udgaver/${id}`),
            dedupeKey: `review-reminder:${member.id}:${urgent.kind}`,
            // The organisation's business: its administrators export and erase it (privacy/).
            organisationId: edition.organisationId,
          },
          now,
        );
        return true;
      });
      if (sent) queued++;
    }
  }
  return queued;
}
