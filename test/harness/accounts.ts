import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { editionMembers, organisationAdmins, users } from '../../src/db/schema.js';
import { createSession, SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { type Roles, rolesColumns, rolesFrom } from '../../src/accounts/actor.js';
import { HttpAgent } from './http-agent.js';

/** A user with the roles asked for; `email` must be unique in the test's database. */
export async function createUser(
  db: Database,
  spec: {
    email: string;
    name?: string;
    adminOf?: number[];
    members?: { editionId: number; role: 'committee' | 'panel'; isChair?: boolean; partyLetter?: string; represents?: string }[];
  },
) {
  const [user] = await db
    .insert(users)
    .values({ email: spec.email, name: spec.name ?? spec.email.split('@')[0]! })
    .returning();
  for (const organisationId of spec.adminOf ?? []) await db.insert(organisationAdmins).values({ organisationId, userId: user!.id });
  for (const m of spec.members ?? []) {
    await db.insert(editionMembers).values({
      editionId: m.editionId,
      userId: user!.id,
      role: m.role,
      isChair: m.isChair ?? false,
      partyLetter: m.partyLetter ?? null,
      represents: m.represents ?? null,
    });
  }
  return user!;
}

/** A live session for the user: the cookie value to send as `session=<token>`. */
export async function sessionFor(db: Database, userId: number, now: Date): Promise<{ name: string; value: string }> {
  return { name: SESSION_COOKIE, value: await createSession(db, userId, 'email-link', now) };
}

/** An HttpAgent on `app` signed in as the user (a new session made directly in the database). */
export async function signedInAgent(app: FastifyInstance, db: Database, userId: number, now: Date): Promise<HttpAgent> {
  const agent = new HttpAgent(app);
  const s = await sessionFor(db, userId, now);
  agent.setCookie(s.name, s.value);
  return agent;
}

/**
 * The roles of a user, by id, read with the columns the app reads them with when it finds a
 * request's user (one statement; none for an unknown id): for tests that build an actor directly.
 */
export async function loadRoles(db: Database, userId: number): Promise<Roles> {
  // A one-row FROM: the columns are all subqueries.
  const [row] = await db.select(rolesColumns(sql`${userId}::int`)).from(sql`(select 1) as one`);
  return rolesFrom(row!);
}
