import { type Database, inTransaction } from '../db/database.js';
import { recordAudit } from '../platform/audit.js';
import { enqueueMail } from '../mail/index.js';
import { claimNotice, findEditionsDueForNotice, findNominationContacts } from './publication.repo.js';
import { loadPublicResult } from './publication.service.js';
import { nomineesMail, recipientsOf, winnerMail, type NoticeContact, type NoticeEdition } from './notice-mails.js';

/** A notice whose instant passed longer ago than this is not sent any more (e.g. on the first start of an old database). */
export const NOTICE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export type NoticeRun = { editionId: number; kind: 'nominees' | 'winner'; mails: number }[];

/**
 * Queues the publication e-mails that are due at `now`: for every edition whose "nominees
 * published" (or "winner announced") instant has passed within NOTICE_MAX_AGE_MS and that has
 * no publication_notices row of that kind, the nominators and nominees of the public nominees
 * are told (the winner notice: that the winner is announced, and the winner's own that they won).
 *
 * Nothing is claimed while there is nothing to tell (no shortlist yet; a tie not yet broken):
 * a later run tells them once there is. Exactly once, even with several app processes: the
 * publication_notices row (primary key edition + kind) is inserted first and the e-mails are
 * queued in the same transaction only when the insert took; the audit event too.
 *
 * Side effects: publication_notices rows, outbox rows, audit events ('publication.notice').
 */
export async function enqueueDuePublicationNotices({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<NoticeRun> {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const since = new Date(now.getTime() - NOTICE_MAX_AGE_MS);
  const done: NoticeRun = [];
  for (const kind of ['nominees', 'winner'] as const) {
    for (const { edition, award, organisation } of await findEditionsDueForNotice(db, kind, since, now)) {
      const result = await loadPublicResult(db, edition, now);
      const nominees = result.nominees ?? [];
      if (nominees.length === 0 || (kind === 'winner' && !result.winner)) continue;
      const contacts = await findNominationContacts(
        db,
        nominees.map((n) => n.nominationId),
      );
      const byId = new Map(contacts.map((c) => [c.id, c]));
      const e: NoticeEdition = {
        id: edition.id,
        year: edition.year,
        awardName: award.name,
        awardSlug: award.slug,
        organisationName: organisation.name,
        // Said in the nominees e-mail only while it is still ahead.
        winnerAnnouncedAt: edition.winnerAnnouncedAt && edition.winnerAnnouncedAt > now ? edition.winnerAnnouncedAt : null,
        eventName: edition.eventName,
      };
      const mails = nominees.flatMap((n) => {
        const row = byId.get(n.nominationId);
        if (!row) return [];
        const c: NoticeContact = { ...row, nomineeNamePublic: n.names !== null };
        return recipientsOf(c).map((r) =>
          kind === 'nominees' ? nomineesMail(e, c, r, base) : winnerMail(e, c, result.winner!.title, result.winner!.nominationId === c.id, r, base),
        );
      });
      const queued = await inTransaction(db, async (tx) => {
        if (!(await claimNotice(tx, edition.id, kind, now))) return null;
        for (const m of mails) await enqueueMail(tx, { ...m, organisationId: organisation.id }, now);
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
  return done;
}
