import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { users } from '../accounts/accounts.schema.js';
import { editionMembers } from '../members/members.schema.js';
import { awards, editions, organisations } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { ballots, nomineeSummaries, panelVoters, winnerDecisions } from './panel.schema.js';

// SQL only, for the patient panel: the edition's voting rules, the nominees with their
// summaries, ballots (never joined to a member), who has voted, and the winner decision.

const votingColumns = {
  id: editions.id,
  year: editions.year,
  hasPatientPanel: editions.hasPatientPanel,
  votingOpensAt: editions.votingOpensAt,
  votingClosesAt: editions.votingClosesAt,
  votingLockedAt: editions.votingLockedAt,
  winnerAnnouncedAt: editions.winnerAnnouncedAt,
  publishedAt: editions.publishedAt,
  awardName: awards.name,
  organisationId: organisations.id,
  organisationName: organisations.name,
};

export type VotingEdition = {
  id: number;
  year: number;
  hasPatientPanel: boolean;
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  votingLockedAt: Date | null;
  winnerAnnouncedAt: Date | null;
  /** Null while the round is a draft: it has no panel yet (awards/publishing.ts). */
  publishedAt: Date | null;
  awardName: string;
  organisationId: number;
  organisationName: string;
};

/** The edition's voting rules with its award and organiser; null when there is none. */
export async function findVotingEdition(db: Database, editionId: number): Promise<VotingEdition | null> {
  const [row] = await db
    .select(votingColumns)
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, editionId))
    .limit(1);
  return row ?? null;
}

/**
 * Locks the edition's row for the rest of the transaction (ballots, the voting lock and the
 * winner decision of one edition happen one at a time) and returns its voting rules.
 */
export async function lockVotingEdition(tx: Database, editionId: number) {
  const [row] = await tx
    .select({
      id: editions.id,
      hasPatientPanel: editions.hasPatientPanel,
      votingOpensAt: editions.votingOpensAt,
      votingClosesAt: editions.votingClosesAt,
      votingLockedAt: editions.votingLockedAt,
      winnerAnnouncedAt: editions.winnerAnnouncedAt,
      publishedAt: editions.publishedAt,
      organisationId: awards.organisationId,
    })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(editions.id, editionId))
    .for('update', { of: editions });
  return row ?? null;
}

export async function setVotingLocked(tx: Database, editionId: number, at: Date): Promise<void> {
  await tx
    .update(editions)
    .set({ votingLockedAt: at })
    .where(and(eq(editions.id, editionId), isNull(editions.votingLockedAt)));
}

/** The user's active patient panel membership of the edition (its id), or null. */
export async function findPanelMemberId(db: Database, editionId: number, userId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: editionMembers.id })
    .from(editionMembers)
    .where(and(eq(editionMembers.editionId, editionId), eq(editionMembers.userId, userId), eq(editionMembers.role, 'panel'), isNull(editionMembers.removedAt)))
    .limit(1);
  return row?.id ?? null;
}

export type NomineeRow = {
  id: number;
  title: string;
  nomineeNames: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  summary: string | null;
  lix: number | null;
  summaryUpdatedAt: Date | null;
};

/** The nominations with their panel summaries, in the order of `ids` (one query). */
export async function findNominees(db: Database, editionId: number, ids: readonly number[]): Promise<NomineeRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: nominations.id,
      title: nominations.title,
      nomineeNames: nominations.nomineeNames,
      nomineeUnit: nominations.nomineeUnit,
      nomineeOrganisation: nominations.nomineeOrganisation,
      summary: nomineeSummaries.text,
      lix: nomineeSummaries.lix,
      summaryUpdatedAt: nomineeSummaries.updatedAt,
    })
    .from(nominations)
    .leftJoin(nomineeSummaries, eq(nomineeSummaries.nominationId, nominations.id))
    .where(and(eq(nominations.editionId, editionId), inArray(nominations.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NomineeRow => r !== undefined);
}

/** A member's own ballot, found by its key. */
export async function findBallot(db: Database, editionId: number, key: string): Promise<{ ranking: number[] } | null> {
  const [row] = await db
    .select({ ranking: ballots.ranking })
    .from(ballots)
    .where(and(eq(ballots.editionId, editionId), eq(ballots.voterKey, key)))
    .limit(1);
  return row ?? null;
}

/**
 * Stores the ballot under its key, replacing the one already there (one ballot per member),
 * and writes all the edition's ballots anew in the order of their keys. So the rows' physical
 * order (what a dump lists) and their transaction stamps follow the keys, never the order or
 * the moment in which members voted. Call with the edition's row locked (lockVotingEdition).
 */
export async function replaceBallot(tx: Database, editionId: number, key: string, ranking: number[]): Promise<void> {
  const rows = await tx.select({ voterKey: ballots.voterKey, ranking: ballots.ranking }).from(ballots).where(eq(ballots.editionId, editionId));
  const byKey = new Map(rows.map((r) => [r.voterKey, r.ranking]));
  byKey.set(key, ranking);
  await tx.delete(ballots).where(eq(ballots.editionId, editionId));
  const sorted = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.insert(ballots).values(sorted.map(([voterKey, r]) => ({ editionId, voterKey, ranking: r })));
}

/** Whether the member has voted in the edition (panel_voters), whatever their ballot's key. */
export async function hasVoted(db: Database, memberId: number): Promise<boolean> {
  const [row] = await db.select({ memberId: panelVoters.memberId }).from(panelVoters).where(eq(panelVoters.memberId, memberId)).limit(1);
  return row !== undefined;
}

/** Records that the member has voted (the first time only). */
export async function recordVoter(tx: Database, editionId: number, memberId: number, at: Date): Promise<void> {
  await tx.insert(panelVoters).values({ memberId, editionId, firstCastAt: at }).onConflictDoNothing();
}

export async function countBallotRows(db: Database, editionId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(ballots).where(eq(ballots.editionId, editionId));
  return row?.n ?? 0;
}

export type PanelMemberRow = { memberId: number; name: string; email: string; firstCastAt: Date | null };

/** The active panel members of an edition and whether each has voted (never what), by name. */
export async function findPanelMembers(db: Database, editionId: number): Promise<PanelMemberRow[]> {
  return db
    .select({ memberId: editionMembers.id, name: users.name, email: users.email, firstCastAt: panelVoters.firstCastAt })
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .leftJoin(panelVoters, eq(panelVoters.memberId, editionMembers.id))
    .where(and(eq(editionMembers.editionId, editionId), eq(editionMembers.role, 'panel'), isNull(editionMembers.removedAt)))
    .orderBy(sql`lower(${users.name})`, asc(editionMembers.id));
}

export async function findSummary(db: Database, nominationId: number) {
  const [row] = await db.select().from(nomineeSummaries).where(eq(nomineeSummaries.nominationId, nominationId));
  return row ?? null;
}

export async function upsertSummary(tx: Database, v: { nominationId: number; text: string; lix: number; at: Date; userId: number | null }): Promise<void> {
  await tx
    .insert(nomineeSummaries)
    .values({ nominationId: v.nominationId, text: v.text, lix: v.lix, updatedAt: v.at, updatedByUserId: v.userId })
    .onConflictDoUpdate({ target: nomineeSummaries.nominationId, set: { text: v.text, lix: v.lix, updatedAt: v.at, updatedByUserId: v.userId } });
}

export async function findDecision(db: Database, editionId: number) {
  const [row] = await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, editionId));
  return row ?? null;
}

export async function upsertDecision(
  tx: Database,
  v: { editionId: number; nominationId: number; basis: 'tie-break' | 'committee'; userId: number | null; at: Date },
): Promise<void> {
  await tx
    .insert(winnerDecisions)
    .values({ editionId: v.editionId, nominationId: v.nominationId, basis: v.basis, decidedByUserId: v.userId, decidedAt: v.at })
    .onConflictDoUpdate({
      target: winnerDecisions.editionId,
      set: { nominationId: v.nominationId, basis: v.basis, decidedByUserId: v.userId, decidedAt: v.at },
    });
}
