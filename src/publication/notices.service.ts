import { type Database, inTransaction } from '../db/database.js';
import { recordAudit } from '../platform/audit.js';
import {
  claimStage,
  listDueSchedules,
  messageRenderer,
  recordStageMails,
  stageSent,
  WINNER_CONFIDENTIAL,
  type MessageKind,
  type OutgoingMessage,
} from '../messages/index.js';
import { findWinner } from '../panel/index.js';
import { claimNotice, findEditionsDueForNotice, findNominationContacts, findRoundMembers, findSentNominationContacts } from './publication.repo.js';
import { loadPublicResult } from './publication.service.js';
import { nomineesMails, thanksMails, winnerConfidentialMails, winnerMails, type NoticeContact } from './notice-mails.js';

/** A notice whose instant passed longer ago than this is not sent any more (e.g. on the first start of an old database). */
export const NOTICE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export type NoticeRun = { editionId: number; kind: 'nominees' | 'winner' | 'winner-confidential'; mails: number }[];

/**
 * Queues the publication e-mails that are due at `now`: for every edition whose "nominees
 * published" (or "winner announced") instant has passed within NOTICE_MAX_AGE_MS and that has
 * no publication_notices row of that kind:
 *  - nominees: the nominators and nominees of the public nominees are told they are nominated,
 *    those of the other sent nominations that they were not, and the nominators of nominations
 *    screened not eligible that theirs was not (with the reason when one was written);
 *  - winner: the nominees' nominators and nominees that the winner is announced (the winner's
 *    own that they won), and every member of the committee and the panel is thanked.
 * Then the confidential notices to the winner whose time the organiser chose (message_schedules).
 * Withdrawn nominations are never written to; each e-mail in its recipient's language.
 *
 * Nothing is claimed while there is nothing to tell (no shortlist yet; a tie not yet broken):
 * a later run tells them once there is. Exactly once, even with several app processes: the
 * publication_notices row (primary key edition + kind) is inserted first and the e-mails are
 * queued in the same transaction only when the insert took; the audit event too.
 *
 * Side effects: publication_notices and stage_mailings rows, outbox rows, audit events
 * ('publication.notice').
 */
export async function enqueueDuePublicationNotices({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<NoticeRun> {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const since = new Date(now.getTime() - NOTICE_MAX_AGE_MS);
  const done: NoticeRun = [];
  for (const kind of ['nominees', 'winner'] as const) {
    for (const { edition, organisation } of await findEditionsDueForNotice(db, kind, since, now)) {
      const result = await loadPublicResult(db, edition, now);
      const nominees = result.nominees ?? [];
      if (nominees.length === 0 || (kind === 'winner' && !result.winner)) continue;
      const shortlisted = new Set(nominees.map((n) => n.nominationId));
      let mails: OutgoingMessage<MessageKind>[];
      if (kind === 'nominees') {
        mails = (await findSentNominationContacts(db, edition.id)).flatMap((c) =>
          nomineesMails(edition.id, c, shortlisted.has(c.id) ? 'nominated' : c.screening === 'not-eligible' ? 'not-eligible' : 'not-nominated'),
        );
      } else {
        const contacts = await findNominationContacts(db, [...shortlisted]);
        const winner = result.winner!;
        mails = [
          ...contacts.filter((c) => c.status === 'sent').flatMap((c) => winnerMails(edition.id, c, winner.title, winner.nominationId === c.id)),
          ...thanksMails(edition.id, await findRoundMembers(db, edition.id), winner.title),
        ];
      }
      const queued = await inTransaction(db, async (tx) => {
        if (!(await claimNotice(tx, edition.id, kind, now))) return null;
        const messages = (await messageRenderer(tx, edition.id, base))!;
        for (const m of mails) await messages.queue(tx, m, now);
        await recordAudit(
          tx,
          {
            actor: 'system',
            action: 'publication.notice',
            entityType: 'edition',
            entityId: edition.id,
            organisationId: organisation.id,
            editionId: edition.id,
            after: { kind, mails: mails.length },
          },
          now,
        );
        return mails.length;
      });
      if (queued !== null) done.push({ editionId: edition.id, kind, mails: queued });
    }
  }
  done.push(...(await enqueueDueWinnerNotices({ db, now, publicBaseUrl: base })));
  return done;
}

/**
 * The confidential notice to the winner's nominator and nominee, at the time the organiser
 * chose (message_schedules), while the winner is not yet announced. Waits while there is no
 * winner (no count, a tie); never after the announcement. Exactly once (stage_mailings row in the
 * same transaction as the e-mails). Side effects: that row, outbox rows, an audit event.
 */
export async function enqueueDueWinnerNotices({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<NoticeRun> {
  const done: NoticeRun = [];
  for (const { editionId } of await listDueSchedules(db, WINNER_CONFIDENTIAL, now)) {
    if (await stageSent(db, editionId, WINNER_CONFIDENTIAL)) continue;
    const messages = await messageRenderer(db, editionId, publicBaseUrl);
    if (!messages) continue;
    const announced = messages.facts.winnerAnnouncedAt;
    if (announced && announced <= now) continue;
    const winner = await findWinner(db, editionId);
    if (winner.kind !== 'winner') continue;
    const [contact] = await findNominationContacts(db, [winner.nominationId]);
    if (contact?.status !== 'sent') continue;
    const mails = winnerConfidentialMails(editionId, contact satisfies NoticeContact);
    const queued = await inTransaction(db, async (tx) => {
      if (!(await claimStage(tx, editionId, WINNER_CONFIDENTIAL, now))) return null;
      for (const m of mails) await messages.queue(tx, m, now);
      await recordStageMails(tx, editionId, WINNER_CONFIDENTIAL, mails.length);
      await recordAudit(
        tx,
        {
          actor: 'system',
          action: 'publication.notice',
          entityType: 'edition',
          entityId: editionId,
          organisationId: messages.facts.organisationId,
          editionId,
          after: { kind: WINNER_CONFIDENTIAL, mails: mails.length },
        },
        now,
      );
      return mails.length;
    });
    if (queued !== null) done.push({ editionId, kind: 'winner-confidential', mails: queued });
  }
  return done;
}
