/**
 * The statement that finds a request's user brings the user's roles (accounts/actor.ts
 * rolesColumns), on PGlite and on PostgreSQL: by session (findSession) and by API token
 * (findApiTokenUser), each in one statement, each user with exactly their own roles — the
 * organisations they administer and their live memberships, never another user's, never a
 * removed membership — and the same roles as the harness's loadRoles reads by id. Signing in
 * (createSession) is one statement too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Roles } from '../../src/accounts/actor.js';
import { createApiToken, findApiTokenUser, revokeApiToken } from '../../src/accounts/api-tokens.js';
import { createSession, findSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/accounts/sessions.js';
import { hashToken } from '../../src/platform/tokens.js';
import { apiTokens, awards, editionMembers, editions, organisations, sessions, users } from '../../src/db/schema.js';
import { createUser, loadRoles, sessionFor } from '../harness/accounts.js';
import { ENGINES, openSeededTestDatabase, SEEDED_AT, type TestDatabase } from '../harness/databases.js';
import { recordStatements } from '../harness/statements.js';

const NOW = new Date(SEEDED_AT);

/** Roles as plain data, so two reads compare with deepEqual. */
const plain = (r: Roles) => ({
  adminOf: [...r.adminOf].sort((a, b) => a - b),
  memberships: [...r.memberships].sort((a, b) => a.editionId - b.editionId || a.role.localeCompare(b.role)),
});

for (const engine of ENGINES) {
  describe(`request actor on ${engine}`, () => {
    let database: TestDatabase;
    let orgA: number;
    let orgB: number;
    let e1: number;
    let e2: number;
    let rich: { id: number };
    let plainUser: { id: number };
    let removed: { id: number };

    before(async () => {
      database = await openSeededTestDatabase(engine, NOW);
      const db = database.db;
      const orgs = await db.select({ id: organisations.id }).from(organisations).orderBy(organisations.id).limit(2);
      [orgA, orgB] = [orgs[0]!.id, orgs[1]!.id];
      const eds = await db.select({ id: editions.id }).from(editions).innerJoin(awards, eq(awards.id, editions.awardId)).orderBy(editions.id).limit(2);
      [e1, e2] = [eds[0]!.id, eds[1]!.id];
      rich = await createUser(db, {
        email: 'rig@example.dk',
        adminOf: [orgB, orgA],
        members: [
          { editionId: e2, role: 'panel' },
          { editionId: e1, role: 'committee', isChair: true },
        ],
      });
      plainUser = await createUser(db, { email: 'ingen-roller@example.dk' });
      removed = await createUser(db, { email: 'fjernet@example.dk', members: [{ editionId: e1, role: 'committee' }] });
      await db
        .update(editionMembers)
        .set({ removedAt: NOW })
        .where(and(eq(editionMembers.userId, removed.id), eq(editionMembers.editionId, e1)));
    });
    after(() => database?.close());

    const expected = () => ({
      rich: {
        adminOf: [orgA, orgB].sort((a, b) => a - b),
        memberships: [
          { editionId: e1, role: 'committee' as const, isChair: true },
          { editionId: e2, role: 'panel' as const, isChair: false },
        ].sort((a, b) => a.editionId - b.editionId),
      },
      none: { adminOf: [], memberships: [] },
    });

    test('a session finds its user and exactly that user’s roles, in one statement', async () => {
      const db = database.db;
      const want = expected();
      for (const [user, roles] of [
        [rich, want.rich],
        [plainUser, want.none],
        [removed, want.none],
      ] as const) {
        const token = (await sessionFor(db, user.id, NOW)).value;
        // Not touched: a session this young is not written again (at most once a minute).
        const { result, statements } = await recordStatements(engine, db, () => findSession(db, token, NOW));
        assert.equal(statements.length, 1, statements.join('\n'));
        assert.ok(result);
        assert.equal(result.user.id, user.id);
        assert.ok(result.user.createdAt instanceof Date, 'the user row is mapped as before (dates as Date)');
        assert.deepEqual(plain(result.roles), roles);
        assert.deepEqual(plain(await loadRoles(db, user.id)), roles, 'loadRoles by id reads the same');
      }
    });

    test('an API token finds its user and exactly that user’s roles, marking the token used, in one statement; a revoked token finds nobody', async () => {
      const db = database.db;
      const want = expected();
      for (const [user, roles] of [
        [rich, want.rich],
        [plainUser, want.none],
      ] as const) {
        const { token, row } = await createApiToken(db, user.id, 'prøve', NOW);
        const later = new Date(NOW.getTime() + 60_000);
        const { result, statements } = await recordStatements(engine, db, () => findApiTokenUser(db, token, later));
        assert.equal(statements.length, 1, statements.join('\n'));
        assert.ok(result);
        assert.equal(result.user.id, user.id);
        assert.equal(result.user.email, user.id === rich.id ? 'rig@example.dk' : 'ingen-roller@example.dk');
        assert.ok(result.user.createdAt instanceof Date);
        assert.deepEqual(plain(result.roles), roles);
        const [used] = await db.select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, row.id));
        assert.equal(used!.lastUsedAt?.toISOString(), later.toISOString(), 'the token is marked used');
        assert.ok(await revokeApiToken(db, user.id, row.id, later));
        assert.equal(await findApiTokenUser(db, token, later), null);
      }
      assert.equal(await findApiTokenUser(db, 'pp_unknown-token-of-nobody-at-all', NOW), null);
    });

    test('signing in makes the session and stamps the user’s last sign-in in one statement', async () => {
      const db = database.db;
      const at = new Date(NOW.getTime() + 5 * 60_000);
      const { result: token, statements } = await recordStatements(engine, db, () => createSession(db, plainUser.id, 'email-link', at));
      assert.equal(statements.length, 1, statements.join('\n'));
      const [user] = await db.select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, plainUser.id));
      assert.equal(user!.lastSignInAt?.toISOString(), at.toISOString());
      const [session] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, hashToken(token)));
      assert.equal(session!.userId, plainUser.id);
      assert.equal(session!.method, 'email-link');
      assert.equal(session!.idleExpiresAt.getTime() - at.getTime(), SESSION_IDLE_MS);
      assert.equal(session!.absoluteExpiresAt.getTime() - at.getTime(), SESSION_ABSOLUTE_MS);
      assert.equal((await findSession(db, token, at))?.user.id, plainUser.id);
    });

    test('an expired or unknown session finds nobody', async () => {
      const db = database.db;
      const token = (await sessionFor(db, rich.id, NOW)).value;
      assert.equal(await findSession(db, token, new Date(NOW.getTime() + 13 * 60 * 60 * 1000)), null);
      assert.equal(await findSession(db, 'x'.repeat(43), NOW), null);
    });
  });
}
