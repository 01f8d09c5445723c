import { and, asc, count, desc, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions } from '../db/schema.js';
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
