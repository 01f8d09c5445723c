import { and, isNotNull, lte, gt, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editions } from '../db/schema.js';
import { claimStage, messageRenderer, recordStageMails } from '../messages/index.js';
import { judgingUrls } from './urls.js';
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
 * The e-mail names no nominee or nominator (blind review), only counts, the deadline and a link;
 * its wording is the round's 'scoring-reminder' template (src/messages), in the member's language.
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
    const messages = (await messageRenderer(db, id, base))!;
    const link = `${base}${judgingUrls.review({ editionId: id })}`;
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
        await messages.queue(
          tx,
          {
            kind: 'scoring-reminder',
            to: member.email,
            language: member.language ?? 'da',
            values: { recipient: member.name, done: String(progress.done), total: String(progress.total), link },
            dedupeKey: `review-reminder:${member.id}:${urgent.kind}`,
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

/** A review that started longer ago than this gets no "scoring opens" e-mail any more (a database first started mid-review). */
export const SCORING_OPENS_MAX_AGE_MS = 3 * DAY_MS;

/**
 * Queues "scoring opens" to every active committee member of each edition whose review has
 * started (within SCORING_OPENS_MAX_AGE_MS), is not over or closed early, and has at least one
 * eligible nomination to score (while screening has found none, a later run sends it). Once per
 * edition, even with two app processes: the stage_mailings row ('scoring-opens') is inserted in
 * the transaction that queues the e-mails. Each in the member's language; it names no nomination.
 *
 * Returns the number of e-mails queued. Side effects: the stage_mailings row, outbox rows.
 */
export async function enqueueScoringOpens({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<number> {
  const starts = sql`coalesce(${editions.reviewStartsAt}, ${editions.closesAt})`;
  const deadline = sql`coalesce(${editions.reviewClosesAt}, ${editions.nomineesPublishedAt})`;
  const due = await db
    .select({ id: editions.id })
    .from(editions)
    .where(
      and(
        isNotNull(editions.closesAt),
        lte(starts, now),
        gt(starts, new Date(now.getTime() - SCORING_OPENS_MAX_AGE_MS)),
        gt(deadline, now),
        sql`not exists (select 1 from stage_mailings s where s.edition_id = ${editions.id} and s.stage = 'scoring-opens')`,
      ),
    );
  const base = publicBaseUrl.replace(/\/+$/, '');
  let queued = 0;
  for (const { id } of due) {
    const edition = await findJudgingEdition(db, id);
    const window = edition ? reviewWindow(edition) : null;
    if (!edition || !window || window.closedEarlyAt) continue;
    const [members, eligible] = await Promise.all([listCommitteeMembers(db, id), listEligibleNominations(db, id)]);
    if (eligible.length === 0 || members.length === 0) continue;
    const messages = (await messageRenderer(db, id, base))!;
    const link = `${base}${judgingUrls.review({ editionId: id })}`;
    queued += await inTransaction(db, async (tx) => {
      if (!(await claimStage(tx, id, 'scoring-opens', now))) return 0;
      for (const member of members) {
        await messages.queue(
          tx,
          {
            kind: 'scoring-opens',
            to: member.email,
            language: member.language ?? 'da',
            values: { recipient: member.name, count: String(eligible.length), link },
            dedupeKey: `scoring-opens:${id}:${member.id}`,
          },
          now,
        );
      }
      await recordStageMails(tx, id, 'scoring-opens', members.length);
      return members.length;
    });
  }
  return queued;
}
