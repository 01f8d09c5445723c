import { sql, type SQL } from 'drizzle-orm';
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
export type Roles = { adminOf: Set<number>; memberships: Membership[] };

/**
 * The columns that read the roles of the user `userId` names (a column of the statement they are
 * part of, or a value), so that the statement finding a request's user brings its roles too:
 * findSession and findApiTokenUser are one statement each (they were three and four). Both
 * engines hand JSON over parsed; `rolesFrom` makes it a Roles.
 */
export function rolesColumns(userId: SQL) {
  const oa = organisationAdmins;
  const em = editionMembers;
  const membership = sql`json_build_object('editionId', ${em.editionId}, 'role', ${em.role}, 'isChair', ${em.isChair})`;
  return {
    adminOf: sql<number[]>`coalesce((
      select json_agg(${oa.organisationId} order by ${oa.organisationId}) from ${oa} where ${oa.userId} = ${userId}
    ), '[]'::json)`,
    memberships: sql<Membership[]>`coalesce((
      select json_agg(${membership} order by ${em.editionId}, ${em.role}) from ${em} where ${em.userId} = ${userId} and ${em.removedAt} is null
    ), '[]'::json)`,
  };
}

/** The Roles of a row read with rolesColumns. */
export function rolesFrom(row: { adminOf: number[]; memberships: Membership[] }): Roles {
  return { adminOf: new Set(row.adminOf), memberships: row.memberships };
}
