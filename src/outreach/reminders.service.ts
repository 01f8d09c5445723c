import { type Database, inTransaction } from '../db/database.js';
import { enqueueMail } from '../mail/index.js';
import { issueReminderLink, listDraftsNearDeadline } from '../nominations/index.js';
import { nominationsUrls } from '../nominations/urls.js';
import { formatInstant } from '../platform/time.js';
import { outreachTexts } from './i18n.js';
import { draftReminders } from './outreach.schema.js';
import { DRAFT_REMINDERS, dueDraftReminders, reachable } from './outreach-rules.js';

/**
 * Queues the reminders about unsent drafts that are due at `now`: a nominator with a draft and
 * an address gets one 3 days and one 1 day before the deadline, with a private link to the
 * draft (a reminder link, so the nominator's own link and open pages keep working). Each kind
 * is sent at most once per nomination, even with several app processes: the draft_reminders
 * row (primary key nomination + kind) is inserted first and the e-mail queued in the same
 * transaction only when the insert took. A scheduler that first runs within a day of the
 * deadline sends only the 1-day reminder (the 3-day one is recorded as passed). A draft sent or
 * withdrawn meanwhile gets none (issueReminderLink checks it in the transaction), and after the
 * deadline nothing is sent.
 *
 * The e-mail is in the language of the pages the nominator wrote the draft on.
 *
 * Returns the number of e-mails queued. Side effects: draft_reminders rows, the nomination's
 * reminder link replaced, outbox rows (kind 'draft-reminder').
 */
export async function enqueueDueDraftReminders({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<number> {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const drafts = await listDraftsNearDeadline(db, now, DRAFT_REMINDERS[0].beforeMs);
  let queued = 0;
  for (const d of drafts) {
    const due = dueDraftReminders(d.closesAt, now);
    if (!due.ok || !reachable(d.email).ok) continue;
    const sent = await inTransaction(db, async (tx) => {
      let took = false;
      for (const kind of due.due) {
        const rows = await tx.insert(draftReminders).values({ nominationId: d.nominationId, kind, sentAt: now }).onConflictDoNothing().returning();
        if (kind === due.send) took = rows.length > 0;
      }
      if (!took) return false;
      const token = await issueReminderLink(tx, d.nominationId);
      if (token === null) return false;
      const round = `${d.awardName} ${d.year}`;
      const t = outreachTexts(d.language);
      const when = formatInstant(d.closesAt, d.language);
      await enqueueMail(
        tx,
        {
          kind: 'draft-reminder',
          to: d.email,
          subject: t.reminderSubject(round, when),
          text: t.reminderBody(d.name, round, when, `${base}${nominationsUrls.privateLink({ token })}`, d.organisationName),
          language: d.language,
          organisationName: d.organisationName,
          dedupeKey: `draft-reminder:${d.nominationId}:${due.send}`,
          organisationId: d.organisationId,
          about: `nomination:${d.nominationId}`,
        },
        now,
      );
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
