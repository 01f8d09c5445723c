import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { editionMembers } from '../members/members.schema.js';
import { organisationAdmins, type users } from './accounts.schema.js';

/** One membership of an edition: committee (perhaps chair) or patient panel. */
export type Membership = { editionId: number; role: 'committee' | 'panel'; isChair: boolean };

/**
 * Who is making a request. Built once per request from the session cookie (or an API
 * token); the public has no cookie and costs no query.
 */
export type Actor =
  | { kind: 'public' }
  | {
      kind: 'user';
      user: typeof users.$inferSelect;
      /** Organisations this user administers. */
      adminOf: ReadonlySet<number>;
      memberships: readonly Membership[];
      /** When the session signs out for inactivity (null for API tokens). */
      idleExpiresAt: Date | null;
      via: 'session' | 'api-token';
    };

export const PUBLIC: Actor = { kind: 'public' };

/** The roles of a user: the organisations they administer and their live memberships. */
export function loadRoles(db: Database, userId: number): Promise<{ adminOf: Set<number>; memberships: Membership[] }> {
  return rolesOf(db, userId);
}

/**
 * The roles of a session's user, found by the session's hashed token rather than the user's id,
 * so a signed-in request reads them side by side with the session itself instead of after it
 * (one round trip to the database less on every signed-in request; the same statements).
 * Whether the session is alive is findSession's answer: these roles are used only when it is.
 */
export function loadRolesOfSession(db: Database, sessionIdHash: string): Promise<{ adminOf: Set<number>; memberships: Membership[] }> {
  return rolesOf(db, sql`(select s.user_id from sessions s where s.id_hash = ${sessionIdHash})`);
}

/** loadRoles' and loadRolesOfSession's two reads, for the user `user` names (an id, or a subquery giving one). */
async function rolesOf(db: Database, user: number | SQL): Promise<{ adminOf: Set<number>; memberships: Membership[] }> {
  const [admins, members] = await Promise.all([
    db.select({ organisationId: organisationAdmins.organisationId }).from(organisationAdmins).where(eq(organisationAdmins.userId, user)),
    db
      .select({ editionId: editionMembers.editionId, role: editionMembers.role, isChair: editionMembers.isChair })
      .from(editionMembers)
      .where(and(eq(editionMembers.userId, user), isNull(editionMembers.removedAt))),
  ]);
  return { adminOf: new Set(admins.map((a) => a.organisationId)), memberships: members };
}
