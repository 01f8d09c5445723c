import { and, asc, eq, isNull, lte, ne } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, organisations } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { editionMembers, memberInvitations } from '../members/members.schema.js';
import { users } from '../accounts/accounts.schema.js';
import type { Locale } from '../platform/time.js';
import { messageSchedules, messageTemplates, stageMailings } from './messages.schema.js';

// SQL of the messages module only. The round's facts and the people of a round (for the preview
// with a real recipient) are read from the owners' tables, which a repository may join.

/** What every e-mail of a round may say about the round. */
export type EditionFacts = {
  id: number;
  year: number;
  awardName: string;
  awardSlug: string;
  organisationId: number;
  organisationName: string;
  opensAt: Date | null;
  closesAt: Date | null;
  reviewStartsAt: Date | null;
  reviewClosesAt: Date | null;
  nomineesPublishedAt: Date | null;
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  winnerAnnouncedAt: Date | null;
  eventName: string | null;
};

export async function findEditionFacts(db: Database, editionId: number): Promise<EditionFacts | null> {
  const [row] = await db
    .select({
      id: editions.id,
      year: editions.year,
      awardName: awards.name,
      awardSlug: awards.slug,
      organisationId: organisations.id,
      organisationName: organisations.name,
      opensAt: editions.opensAt,
      closesAt: editions.closesAt,
      reviewStartsAt: editions.reviewStartsAt,
      reviewClosesAt: editions.reviewClosesAt,
      nomineesPublishedAt: editions.nomineesPublishedAt,
      votingOpensAt: editions.votingOpensAt,
      votingClosesAt: editions.votingClosesAt,
      winnerAnnouncedAt: editions.winnerAnnouncedAt,
      eventName: editions.eventName,
    })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, editionId))
    .limit(1);
  return row ?? null;
}

export type TemplateRow = typeof messageTemplates.$inferSelect;

export async function listTemplateRows(db: Database, editionId: number): Promise<TemplateRow[]> {
  return db.select().from(messageTemplates).where(eq(messageTemplates.editionId, editionId));
}

export async function findTemplateRow(db: Database, editionId: number, kind: string, language: Locale): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.editionId, editionId), eq(messageTemplates.kind, kind), eq(messageTemplates.language, language)))
    .limit(1);
  return row ?? null;
}

export async function upsertTemplateRow(db: Database, row: TemplateRow): Promise<void> {
  await db
    .insert(messageTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [messageTemplates.editionId, messageTemplates.kind, messageTemplates.language],
      set: { subject: row.subject, body: row.body, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

export async function deleteTemplateRow(db: Database, editionId: number, kind: string, language: Locale): Promise<TemplateRow | null> {
  const [row] = await db
    .delete(messageTemplates)
    .where(and(eq(messageTemplates.editionId, editionId), eq(messageTemplates.kind, kind), eq(messageTemplates.language, language)))
    .returning();
  return row ?? null;
}

/** Takes a stage of a round for sending: true the first time only (primary key edition + stage). */
export async function claimStageRow(db: Database, editionId: number, stage: string, now: Date): Promise<boolean> {
  const took = await db.insert(stageMailings).values({ editionId, stage, queuedAt: now }).onConflictDoNothing().returning({ stage: stageMailings.stage });
  return took.length > 0;
}

export async function recordStageCount(db: Database, editionId: number, stage: string, mails: number): Promise<void> {
  await db
    .update(stageMailings)
    .set({ mails })
    .where(and(eq(stageMailings.editionId, editionId), eq(stageMailings.stage, stage)));
}

export async function hasStageRow(db: Database, editionId: number, stage: string): Promise<boolean> {
  const [row] = await db
    .select({ stage: stageMailings.stage })
    .from(stageMailings)
    .where(and(eq(stageMailings.editionId, editionId), eq(stageMailings.stage, stage)))
    .limit(1);
  return row !== undefined;
}

export async function findScheduleRow(db: Database, editionId: number, kind: string): Promise<Date | null> {
  const [row] = await db
    .select({ sendAt: messageSchedules.sendAt })
    .from(messageSchedules)
    .where(and(eq(messageSchedules.editionId, editionId), eq(messageSchedules.kind, kind)))
    .limit(1);
  return row?.sendAt ?? null;
}

export async function upsertScheduleRow(db: Database, editionId: number, kind: string, sendAt: Date, now: Date): Promise<void> {
  await db
    .insert(messageSchedules)
    .values({ editionId, kind, sendAt, updatedAt: now })
    .onConflictDoUpdate({ target: [messageSchedules.editionId, messageSchedules.kind], set: { sendAt, updatedAt: now } });
}

export async function deleteScheduleRow(db: Database, editionId: number, kind: string): Promise<void> {
  await db.delete(messageSchedules).where(and(eq(messageSchedules.editionId, editionId), eq(messageSchedules.kind, kind)));
}

/** The rounds with an e-mail of `kind` scheduled at or before `now`. */
export async function listDueSchedules(db: Database, kind: string, now: Date): Promise<{ editionId: number; sendAt: Date }[]> {
  return db
    .select({ editionId: messageSchedules.editionId, sendAt: messageSchedules.sendAt })
    .from(messageSchedules)
    .where(and(eq(messageSchedules.kind, kind), lte(messageSchedules.sendAt, now)));
}

/** A person of a round the preview can show an e-mail to, with what their e-mails say of them. */
export type PreviewPerson = {
  /** 'n<id>' (a nomination's nominator), 'e<id>' (its nominee), 'm<id>' (a member), 'i<id>' (an invitation). */
  key: string;
  role: 'nominator' | 'nominee' | 'committee' | 'panel' | 'invitee-committee' | 'invitee-panel';
  name: string;
  email: string;
  language: Locale;
  nomination?: { title: string; receiptNumber: string | null; nominatorName: string; screeningReason: string | null };
  isChair?: boolean;
};

/** The people of a round, for the preview: sent nominations' nominators and nominees, members, open invitations. */
export async function listPreviewPeople(db: Database, editionId: number): Promise<PreviewPerson[]> {
  const [noms, members, invites] = await Promise.all([
    db
      .select({
        id: nominations.id,
        title: nominations.title,
        receiptNumber: nominations.receiptNumber,
        nominatorName: nominations.nominatorName,
        nominatorEmail: nominations.nominatorEmail,
        nomineeNames: nominations.nomineeNames,
        nomineeEmail: nominations.nomineeEmail,
        language: nominations.language,
        nomineeLanguage: nominations.nomineeLanguage,
        screeningReason: nominations.screeningReason,
      })
      .from(nominations)
      .where(and(eq(nominations.editionId, editionId), ne(nominations.status, 'draft')))
      .orderBy(asc(nominations.id))
      .limit(200),
    db
      .select({
        id: editionMembers.id,
        role: editionMembers.role,
        isChair: editionMembers.isChair,
        name: users.name,
        email: users.email,
        language: users.language,
      })
      .from(editionMembers)
      .innerJoin(users, eq(users.id, editionMembers.userId))
      .where(and(eq(editionMembers.editionId, editionId), isNull(editionMembers.removedAt)))
      .orderBy(asc(editionMembers.id))
      .limit(200),
    db
      .select({
        id: memberInvitations.id,
        role: memberInvitations.role,
        isChair: memberInvitations.isChair,
        name: memberInvitations.name,
        email: users.email,
        language: memberInvitations.language,
      })
      .from(memberInvitations)
      .innerJoin(users, eq(users.id, memberInvitations.userId))
      .where(and(eq(memberInvitations.editionId, editionId), isNull(memberInvitations.acceptedAt), isNull(memberInvitations.withdrawnAt)))
      .orderBy(asc(memberInvitations.id))
      .limit(200),
  ]);
  const people: PreviewPerson[] = [];
  for (const n of noms) {
    const nomination = { title: n.title, receiptNumber: n.receiptNumber, nominatorName: n.nominatorName, screeningReason: n.screeningReason };
    if (n.nominatorEmail) people.push({ key: `n${n.id}`, role: 'nominator', name: n.nominatorName, email: n.nominatorEmail, language: n.language, nomination });
    if (n.nomineeEmail)
      people.push({ key: `e${n.id}`, role: 'nominee', name: n.nomineeNames, email: n.nomineeEmail, language: n.nomineeLanguage ?? n.language, nomination });
  }
  for (const m of members) people.push({ key: `m${m.id}`, role: m.role, name: m.name, email: m.email, language: m.language ?? 'da', isChair: m.isChair });
  for (const i of invites)
    people.push({
      key: `i${i.id}`,
      role: i.role === 'committee' ? 'invitee-committee' : 'invitee-panel',
      name: i.name,
      email: i.email,
      language: i.language,
      isChair: i.isChair,
    });
  return people;
}
