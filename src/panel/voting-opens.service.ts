import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editions } from '../awards/awards.schema.js';
import { users } from '../accounts/accounts.schema.js';
import { editionMembers } from '../members/members.schema.js';
import { shortlistEntries } from '../judging/judging.schema.js';
import { claimStage, messageRenderer, recordStageMails } from '../messages/index.js';
import { panelUrls } from './urls.js';

/** Voting that opened longer ago than this gets no "voting opens" e-mail any more (a database first started mid-vote). */
export const VOTING_OPENS_MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Queues "voting opens" to every active member of the patient panel of each edition with a
 * panel whose voting opened (within VOTING_OPENS_MAX_AGE_MS) and has not closed, once there is a
 * shortlist to vote on. Once per edition, even with two app processes (stage_mailings
 * 'voting-opens', inserted in the transaction that queues the e-mails). Each e-mail in the
 * member's language, with their ballot link and the number of nominees.
 *
 * Returns the number of e-mails queued. Side effects: the stage_mailings row, outbox rows.
 */
export async function enqueueVotingOpens({ db, now, publicBaseUrl }: { db: Database; now: Date; publicBaseUrl: string }): Promise<number> {
  const due = await db
    .select({ id: editions.id })
    .from(editions)
    .where(
      and(
        eq(editions.hasPatientPanel, true),
        lte(editions.votingOpensAt, now),
        gt(editions.votingOpensAt, new Date(now.getTime() - VOTING_OPENS_MAX_AGE_MS)),
        gt(editions.votingClosesAt, now),
        sql`not exists (select 1 from stage_mailings s where s.edition_id = ${editions.id} and s.stage = 'voting-opens')`,
      ),
    );
  const base = publicBaseUrl.replace(/\/+$/, '');
  let queued = 0;
  for (const { id } of due) {
    const [nominees, members] = await Promise.all([
      db.select({ n: sql<number>`count(*)::int` }).from(shortlistEntries).where(eq(shortlistEntries.editionId, id)),
      db
        .select({ id: editionMembers.id, name: users.name, email: users.email, language: users.language })
        .from(editionMembers)
        .innerJoin(users, eq(users.id, editionMembers.userId))
        .where(and(eq(editionMembers.editionId, id), eq(editionMembers.role, 'panel'), isNull(editionMembers.removedAt))),
    ]);
    const count = Number(nominees[0]?.n ?? 0);
    if (count === 0 || members.length === 0) continue;
    const messages = (await messageRenderer(db, id, base))!;
    const link = `${base}${panelUrls.ballot({ editionId: id })}`;
    queued += await inTransaction(db, async (tx) => {
      if (!(await claimStage(tx, id, 'voting-opens', now))) return 0;
      for (const m of members) {
        await messages.queue(
          tx,
          {
            kind: 'voting-opens',
            to: m.email,
            language: m.language ?? 'da',
            values: { recipient: m.name, count: String(count), link },
            dedupeKey: `voting-opens:${id}:${m.id}`,
          },
          now,
        );
      }
      await recordStageMails(tx, id, 'voting-opens', members.length);
      return members.length;
    });
  }
  return queued;
}
