import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, criteria, editions } from '../awards/awards.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { editionMembers, memberInvitations } from '../members/members.schema.js';
import { solutions } from '../ideabank/ideabank.schema.js';
import { users } from '../accounts/accounts.schema.js';
import { auditEvents } from '../platform/audit.schema.js';

// SQL only, for the audit log page: one organisation's events, filtered, newest first, a page
// at a time. A fixed number of queries whatever the number of events.

export type AuditEventRow = typeof auditEvents.$inferSelect;

export type AuditQuery = {
  organisationId: number;
  action: string | null;
  editionId: number | null;
  actorUserId: number | null;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  /** 1-based. */
  page: number;
  pageSize: number;
};

function conditions(q: AuditQuery): SQL | undefined {
  return and(
    eq(auditEvents.organisationId, q.organisationId),
    q.action === null ? undefined : eq(auditEvents.action, q.action),
    q.editionId === null ? undefined : eq(auditEvents.editionId, q.editionId),
    q.actorUserId === null ? undefined : eq(auditEvents.actorUserId, q.actorUserId),
    q.from === null ? undefined : gte(auditEvents.at, q.from),
    q.to === null ? undefined : lt(auditEvents.at, q.to),
  );
}

/** One page of events with their edition's award and year, and the number of all that match. */
export async function findAuditEvents(db: Database, q: AuditQuery) {
  const where = conditions(q);
  const [rows, [total]] = await Promise.all([
    db
      .select({ event: auditEvents, editionYear: editions.year, awardName: awards.name })
      .from(auditEvents)
      .leftJoin(editions, eq(editions.id, auditEvents.editionId))
      .leftJoin(awards, eq(awards.id, editions.awardId))
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** What the filters offer: the actions and people in this organisation's log, and its editions. */
export async function findAuditFilterOptions(db: Database, organisationId: number) {
  const [actions, people, editionRows] = await Promise.all([
    db.selectDistinct({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.organisationId, organisationId)).orderBy(asc(auditEvents.action)),
    db
      .select({ userId: auditEvents.actorUserId, label: sql<string>`max(${auditEvents.actorLabel})` })
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, organisationId), isNotNull(auditEvents.actorUserId)))
      .groupBy(auditEvents.actorUserId)
      .orderBy(sql`max(${auditEvents.actorLabel})`),
    db
      .select({ id: editions.id, year: editions.year, awardName: awards.name })
      .from(editions)
      .innerJoin(awards, eq(awards.id, editions.awardId))
      .where(eq(awards.organisationId, organisationId))
      .orderBy(asc(awards.name), desc(editions.year)),
  ]);
  return { actions: actions.map((a) => a.action), people: people.map((p) => ({ userId: p.userId!, label: p.label })), editions: editionRows };
}

/** The ids an event's page refers to, gathered from a page of events (audit-references.ts). */
export type AuditReferenceIds = {
  nominations: number[];
  members: number[];
  invitations: number[];
  solutions: number[];
  criteria: number[];
  users: number[];
};

/**
 * Names for the ids in a page of events, read from the modules' tables (their *.schema.ts):
 * nominations (receipt number and title, with their edition), members and invitations (name,
 * with their edition, for the members page), solutions (title), criteria (title) and users
 * (name). Nominations, members, invitations and criteria only of this organisation's rounds.
 * At most six queries whatever the number of events (none for an empty list).
 */
export async function findAuditReferences(db: Database, organisationId: number, ids: AuditReferenceIds) {
  const ofOrganisation = eq(awards.organisationId, organisationId);
  const none = Promise.resolve([]);
  const [nominationRows, memberRows, invitationRows, solutionRows, criterionRows, userRows] = await Promise.all([
    ids.nominations.length === 0
      ? none
      : db
          .select({ id: nominations.id, receiptNumber: nominations.receiptNumber, title: nominations.title })
          .from(nominations)
          .innerJoin(editions, eq(editions.id, nominations.editionId))
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .where(and(ofOrganisation, inArray(nominations.id, ids.nominations))),
    ids.members.length === 0
      ? none
      : db
          .select({ id: editionMembers.id, editionId: editionMembers.editionId, name: users.name, email: users.email })
          .from(editionMembers)
          .innerJoin(users, eq(users.id, editionMembers.userId))
          .innerJoin(editions, eq(editions.id, editionMembers.editionId))
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .where(and(ofOrganisation, inArray(editionMembers.id, ids.members))),
    ids.invitations.length === 0
      ? none
      : db
          .select({ id: memberInvitations.id, editionId: memberInvitations.editionId, name: memberInvitations.name })
          .from(memberInvitations)
          .innerJoin(editions, eq(editions.id, memberInvitations.editionId))
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .where(and(ofOrganisation, inArray(memberInvitations.id, ids.invitations))),
    ids.solutions.length === 0 ? none : db.select({ id: solutions.id, title: solutions.title }).from(solutions).where(inArray(solutions.id, ids.solutions)),
    ids.criteria.length === 0
      ? none
      : db
          .select({ id: criteria.id, title: criteria.title })
          .from(criteria)
          .innerJoin(editions, eq(editions.id, criteria.editionId))
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .where(and(ofOrganisation, inArray(criteria.id, ids.criteria))),
    ids.users.length === 0 ? none : db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids.users)),
  ]);
  return {
    nominations: new Map(nominationRows.map((r) => [r.id, r])),
    members: new Map(memberRows.map((r) => [r.id, { editionId: r.editionId, name: r.name || r.email }])),
    invitations: new Map(invitationRows.map((r) => [r.id, r])),
    solutions: new Map(solutionRows.map((r) => [r.id, r])),
    criteria: new Map(criterionRows.map((r) => [r.id, r])),
    users: new Map(userRows.map((r) => [r.id, r.name || r.email])),
  };
}

export type AuditReferences = Awaited<ReturnType<typeof findAuditReferences>>;
