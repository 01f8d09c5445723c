import { and, desc, eq } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { findEditionWithAward } from '../awards/index.js';
import { listUnfinishedCommittee } from '../judging/index.js';
import { enqueueMails, type NewMail } from '../mail/index.js';
import { listNominatorRecipients } from '../nominations/index.js';
import { listPanelNotVoted } from '../panel/index.js';
import { type AuditActor, recordAudit } from '../platform/audit.js';
import type { Locale } from '../platform/time.js';
import { newToken } from '../platform/tokens.js';
import { outreachTexts } from './i18n.js';
import { groupMessages, RECIPIENT_GROUPS, type RecipientGroup } from './outreach.schema.js';
import { type MessageInput, uniqueRecipients } from './outreach-rules.js';

/** One person of a group: the address, the name given, and the record that makes them a member of it. */
export type Recipient = { email: string; name: string; about: string };

/** The round a message is about: its names for the e-mail's footer and the organisation whose business it is. */
export type MessageRound = { id: number; name: string; organisationId: number; organisationName: string; hasPatientPanel: boolean };

/** The round of an edition id, or null when there is none. */
export async function findMessageRound(db: Database, editionId: number): Promise<MessageRound | null> {
  const found = await findEditionWithAward(db, editionId);
  if (!found) return null;
  return {
    id: found.edition.id,
    name: `${found.award.name} ${found.edition.year}`,
    organisationId: found.organisation.id,
    organisationName: found.organisation.name,
    hasPatientPanel: found.edition.hasPatientPanel,
  };
}

/**
 * The members of a group now, each reachable address once (outreach-rules.ts uniqueRecipients):
 * withdrawn nominations, removed members and erased people are never in it. The groups are the
 * owning modules' (nominations, judging, panel), read through their index.ts.
 */
export async function listGroup(db: Database, editionId: number, group: RecipientGroup): Promise<Recipient[]> {
  const people: Recipient[] =
    group === 'nominators' || group === 'drafts'
      ? (await listNominatorRecipients(db, editionId, group === 'nominators' ? 'sent' : 'drafts')).map((r) => ({
          email: r.email,
          name: r.name,
          about: `nomination:${r.nominationId}`,
        }))
      : group === 'committee-unfinished'
        ? (await listUnfinishedCommittee(db, editionId)).map((r) => ({ email: r.email, name: r.name, about: `member:${r.memberId}` }))
        : (await listPanelNotVoted(db, editionId)).map((r) => ({ email: r.email, name: r.name, about: `member:${r.memberId}` }));
  return uniqueRecipients(people);
}

/** How many each group holds now (for the form's choices). */
export async function countGroups(db: Database, editionId: number): Promise<Record<RecipientGroup, number>> {
  const counts = await Promise.all(RECIPIENT_GROUPS.map(async (g) => [g, (await listGroup(db, editionId, g)).length] as const));
  return Object.fromEntries(counts) as Record<RecipientGroup, number>;
}

/** A fresh idempotency key for a preview: "Send" carries it back, so the message is sent once. */
export function newIdempotencyKey(): string {
  return newToken();
}

/** The e-mail one recipient gets: the administrator's words as plain text, and who it is from. */
export function groupMessageMail(a: { round: MessageRound; message: MessageInput; recipient: Recipient; messageId: number; locale: Locale }): NewMail {
  const t = outreachTexts(a.locale);
  return {
    kind: 'group-message',
    to: a.recipient.email,
    subject: a.message.subject,
    // Whatever markup the administrator typed reaches the recipient as text: the HTML part is
    // made from the text with everything escaped (mail/html-layout.ts).
    text: `${a.message.body}\n\n-- \n${t.messageMail.footer(a.round.name, a.round.organisationName)}`,
    language: a.locale,
    organisationName: a.round.organisationName,
    dedupeKey: `group-message:${a.messageId}:${a.recipient.email.toLowerCase()}`,
    organisationId: a.round.organisationId,
    about: a.recipient.about,
  };
}

export type SendResult = { ok: true; messageId: number; recipientCount: number; again: boolean } | { ok: false; reason: 'no-recipients' | 'not-found' };

/**
 * Sends a confirmed message to a group of a round: one outbox row per recipient, in one
 * transaction with the message's row and its audit event.
 *
 * Refuses: 'not-found' (no such round); 'no-recipients' (the group is empty now; nothing is
 * written). A key already used for this round (a double click, the form sent again) sends
 * nothing more and answers with the first message (`again: true`).
 *
 * Side effects: a group_messages row; outbox rows (kind 'group-message', one per address); the
 * audit event 'message.send' (group, subject and count, never the addresses).
 */
export async function sendGroupMessage(args: {
  db: Database;
  actor: AuditActor & ({ kind: 'user'; user: { id: number } } | { kind: 'public' });
  editionId: number;
  message: MessageInput;
  idempotencyKey: string;
  now: Date;
  locale?: Locale;
}): Promise<SendResult> {
  const { db, editionId, message, idempotencyKey, now } = args;
  const round = await findMessageRound(db, editionId);
  if (!round) return { ok: false, reason: 'not-found' };
  return inTransaction(db, async (tx) => {
    // The key's row first: a second click waits here for the first's commit, then finds it.
    const [inserted] = await tx
      .insert(groupMessages)
      .values({
        editionId,
        recipientGroup: message.group,
        subject: message.subject,
        body: message.body,
        recipientCount: 0,
        idempotencyKey,
        sentByUserId: args.actor.kind === 'user' ? args.actor.user.id : null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: groupMessages.id });
    if (!inserted) {
      const [first] = await tx
        .select({ id: groupMessages.id, recipientCount: groupMessages.recipientCount })
        .from(groupMessages)
        .where(and(eq(groupMessages.editionId, editionId), eq(groupMessages.idempotencyKey, idempotencyKey)));
      return { ok: true, messageId: first!.id, recipientCount: first!.recipientCount, again: true } as const;
    }
    const recipients = await listGroup(tx, editionId, message.group);
    if (recipients.length === 0) {
      // Nothing to send: the key's row goes too, so the administrator can choose another group.
      await tx.delete(groupMessages).where(eq(groupMessages.id, inserted.id));
      return { ok: false, reason: 'no-recipients' } as const;
    }
    const mails = recipients.map((recipient) => groupMessageMail({ round, message, recipient, messageId: inserted.id, locale: args.locale ?? 'da' }));
    const queued = await enqueueMails(tx, mails, now);
    await tx.update(groupMessages).set({ recipientCount: queued }).where(eq(groupMessages.id, inserted.id));
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'message.send',
        entityType: 'group_message',
        entityId: inserted.id,
        organisationId: round.organisationId,
        editionId,
        after: { recipientGroup: message.group, subject: message.subject, recipientCount: queued },
      },
      now,
    );
    return { ok: true, messageId: inserted.id, recipientCount: queued, again: false } as const;
  });
}

/** A sent message of a round, or null. */
export async function findGroupMessage(db: Database, editionId: number, messageId: number) {
  const [row] = await db
    .select()
    .from(groupMessages)
    .where(and(eq(groupMessages.editionId, editionId), eq(groupMessages.id, messageId)));
  return row ?? null;
}

/** The messages sent in a round, newest first. */
export async function listGroupMessages(db: Database, editionId: number) {
  return db.select().from(groupMessages).where(eq(groupMessages.editionId, editionId)).orderBy(desc(groupMessages.createdAt), desc(groupMessages.id));
}
