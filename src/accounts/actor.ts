import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { editionMembers } from '../members/members.schema.js';
import { organisationAdmins, sessions, type users } from './accounts.schema.js';

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

export async function loadRoles(db: Database, userId: number): Promise<{ adminOf: Set<number>; memberships: Membership[] }> {
  const [admins, members] = await Promise.all([
    db.select({ organisationId: organisationAdmins.organisationId }).from(organisationAdmins).where(eq(organisationAdmins.userId, userId)),
    db
      .select({ editionId: editionMembers.editionId, role: editionMembers.role, isChair: editionMembers.isChair })
      .from(editionMembers)
      .where(and(eq(editionMembers.userId, userId), isNull(editionMembers.removedAt))),
  ]);
  return { adminOf: new Set(admins.map((a) => a.organisationId)), memberships: members };
}

/**
 * The roles of a session's user, found by the session's hashed token rather than the user's id,
 * so a signed-in request reads them side by side with the session itself instead of after it
 * (one round trip to the database less on every signed-in request; the same three statements).
 * Whether the session is alive is findSession's answer: these roles are used only when it is.
 */
export async function loadRolesOfSession(db: Database, sessionIdHash: string): Promise<{ adminOf: Set<number>; memberships: Membership[] }> {
  const [admins, members] = await Promise.all([
    db
      .select({ organisationId: organisationAdmins.organisationId })
      .from(organisationAdmins)
      .innerJoin(sessions, eq(sessions.userId, organisationAdmins.userId))
      .where(eq(sessions.idHash, sessionIdHash)),
    db
      .select({ editionId: editionMembers.editionId, role: editionMembers.role, isChair: editionMembers.isChair })
      .from(editionMembers)
      .innerJoin(sessions, eq(sessions.userId, editionMembers.userId))
      .where(and(eq(sessions.idHash, sessionIdHash), isNull(editionMembers.removedAt))),
  ]);
  return { adminOf: new Set(admins.map((a) => a.organisationId)), memberships: members };
}
