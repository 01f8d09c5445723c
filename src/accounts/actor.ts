import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { users } from './accounts.schema.js';

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
 * part of, or a value), so the statement that finds a request's user also brings its roles: a
 * signed-in request costs one statement instead of three (findSession, findApiTokenUser). Both
 * engines give JSON as parsed values; `rolesFrom` makes them a Roles.
 */
export function rolesColumns(userId: SQL) {
  return {
    adminOf: sql<
      number[]
    >`coalesce((select json_agg(oa.organisation_id order by oa.organisation_id) from organisation_admins oa where oa.user_id = ${userId}), '[]'::json)`,
    memberships: sql<
      Membership[]
    >`coalesce((select json_agg(json_build_object('editionId', em.edition_id, 'role', em.role, 'isChair', em.is_chair) order by em.edition_id, em.role) from edition_members em where em.user_id = ${userId} and em.removed_at is null), '[]'::json)`,
  };
}

/** The Roles of a row read with rolesColumns. */
export function rolesFrom(row: { adminOf: number[]; memberships: Membership[] }): Roles {
  return { adminOf: new Set(row.adminOf), memberships: row.memberships };
}

/** The roles of a user, by id (one statement). */
export async function loadRoles(db: Database, userId: number): Promise<Roles> {
  const [row] = await db.select(rolesColumns(sql`${userId}::int`)).from(sql`(select 1) as one`);
  return rolesFrom(row!);
}
