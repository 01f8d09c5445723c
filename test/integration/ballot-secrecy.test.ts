/**
 * Secret ballots against someone who reads the database or a backup (issue 13, finding 3), on
 * PGlite and on a real PostgreSQL server. Five panel members vote through the pages at known
 * instants (one changes their ballot later); then an attacker takes every row of every table
 * (the audit log included, each table in the order a dump lists it, with the rows' transaction
 * stamps) and tries every way to tie a ballot to a member: every string in the dump as the key of
 * the ballot HMAC (old and new scheme), times on ballot rows against who voted when, the ballots'
 * order and numbers against the order of voting, and transaction stamps against the audit
 * events'. Nothing links; with the server secret the same attack links every ballot, so the
 * attack works. Also: a member whose ballot carries no key they can be found by (cast before
 * migration 0015) keeps it counted and cannot change it; and migration 0015 on a database with
 * such ballots keeps their rankings, drops the salt and the times, and rewrites them in key order.
 */
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrationsFolder } from '../../src/platform/paths.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows, type Database } from '../../src/db/database.js';
import { awards, ballots, editionMembers, panelVoters, shortlistEntries, shortlists } from '../../src/db/schema.js';
import { ENGINES, openEmptyDatabase } from '../harness/databases.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';

/** The server secret of this test's app: in its configuration, never in the database. */
const BALLOT_KEY = 'ballot-secrecy-test-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const VOTING_OPENS = new Date('2027-02-15T11:00:00Z');
const VOTING_CLOSES = new Date('2027-03-08T11:00:00Z');

type Row = Record<string, unknown>;
/** Every row of every table, each table in the order a dump (COPY) lists it, with `xmin`. */
type Dump = Map<string, Row[]>;

async function dumpDatabase(db: Database): Promise<Dump> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const dump: Dump = new Map();
  for (const { name } of tables) {
    const rows = await queryRows<{ j: string; xmin: string }>(db, sql.raw(`select row_to_json(t)::text as j, t.xmin::text as xmin from "${name}" t`));
    dump.set(
      name,
      rows.map((r) => ({ ...(JSON.parse(r.j) as Row), __xmin: r.xmin })),
    );
  }
  return dump;
}

/** Every atomic value in a JSON value, as strings. */
function atoms(v: unknown, out: string[] = []): string[] {
  if (v === null || v === undefined) return out;
  if (Array.isArray(v)) for (const x of v) atoms(x, out);
  else if (typeof v === 'object') for (const x of Object.values(v as Row)) atoms(x, out);
  else out.push(String(v));
  return out;
}

const instantOf = (s: string): number | null => (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) && !Number.isNaN(Date.parse(s)) ? Date.parse(s) : null);

/** The ballot keys a secret would give a member: the old scheme (HMAC of the member under the edition's salt) and the new one. */
function keysUnder(secret: string, editionId: number, memberId: number): string[] {
  return [
    createHmac('sha256', secret).update(`edition-member:${memberId}`, 'utf8').digest('hex'),
    createHmac('sha256', secret)
      .update(['prisportal:ballot-voter', `edition:${editionId}`, `member:${memberId}`].join('\u0000'), 'utf8')
      .digest('hex'),
  ];
}

type Link = { how: string; ballot: number; memberId: number };

/**
 * The attacker's guesses, from the dump alone, of whose each ballot is: ballot (its position in
 * the edition's ballots as dumped) to panel member. `extraSecrets`: secrets the attacker also holds.
 */
function linkBallots(dump: Dump, editionId: number, extraSecrets: string[] = []): Link[] {
  const links: Link[] = [];
  const ballotRows = dump.get('ballots')!.filter((b) => b.edition_id === editionId);
  const members = dump.get('edition_members')!.filter((m) => m.edition_id === editionId && m.role === 'panel');
  const voters = dump.get('panel_voters')!.filter((v) => v.edition_id === editionId);
  const memberOfUser = new Map(members.map((m) => [m.user_id, m.id as number]));
  const castEvents = dump
    .get('audit_events')!
    .filter((e) => e.action === 'panel.ballot-cast' && String(e.entity_id) === String(editionId) && memberOfUser.has(e.actor_user_id));

  // 1. Every string in the dump tried as the ballot HMAC's key.
  const candidates = new Set<string>(extraSecrets);
  for (const rows of dump.values()) for (const r of rows) for (const a of atoms(r)) if (a.length >= 8) candidates.add(a);
  const keyOf = new Map(ballotRows.map((b, i) => [b.voter_key as string, i]));
  for (const secret of candidates)
    for (const m of members)
      for (const k of keysUnder(secret, editionId, m.id as number)) {
        const i = keyOf.get(k);
        if (i !== undefined) links.push({ how: 'key', ballot: i, memberId: m.id as number });
      }

  // 2. A time on a ballot row that is when exactly one member voted (panel_voters, audit log).
  const times = new Map<number, Set<number>>();
  const addTime = (at: unknown, memberId: number) => {
    const t = typeof at === 'string' ? instantOf(at) : null;
    if (t !== null) times.set(t, new Set([...(times.get(t) ?? []), memberId]));
  };
  for (const v of voters) addTime(v.first_cast_at, v.member_id as number);
  for (const e of castEvents) addTime(e.at, memberOfUser.get(e.actor_user_id)!);
  ballotRows.forEach((b, i) => {
    for (const [column, value] of Object.entries(b)) {
      if (column === '__xmin') continue;
      const t = typeof value === 'string' ? instantOf(value) : null;
      const who = t === null ? undefined : times.get(t);
      if (who?.size === 1) links.push({ how: `time (${column})`, ballot: i, memberId: [...who][0]! });
    }
  });

  // 3. The ballots' order (as dumped, or by any number on them) against the order of first votes.
  //    An order that is just the order of the keys says nothing the keys do not.
  const votingOrder = [...voters]
    .sort((a, b) => Date.parse(a.first_cast_at as string) - Date.parse(b.first_cast_at as string))
    .map((v) => v.member_id as number);
  const keys = ballotRows.map((b) => b.voter_key as string);
  const orders: [string, number[]][] = keys.join() === [...keys].sort().join() ? [] : [['dump order', ballotRows.map((_, i) => i)]];
  for (const column of Object.keys(ballotRows[0] ?? {})) {
    if (column === '__xmin' || column === 'edition_id' || !ballotRows.every((b) => typeof b[column] === 'number')) continue;
    orders.push([`by ${column}`, ballotRows.map((_, i) => i).sort((a, b) => (ballotRows[a]![column] as number) - (ballotRows[b]![column] as number))]);
  }
  for (const [how, order] of orders)
    if (order.length === votingOrder.length) for (const [pos, ballot] of order.entries()) links.push({ how, ballot, memberId: votingOrder[pos]! });

  // 4. A ballot written in the same transaction as exactly one member's audit event, and no other ballot.
  const xminCount = new Map<string, number>();
  for (const b of ballotRows) xminCount.set(b.__xmin as string, (xminCount.get(b.__xmin as string) ?? 0) + 1);
  ballotRows.forEach((b, i) => {
    const who = new Set(castEvents.filter((e) => e.__xmin === b.__xmin).map((e) => memberOfUser.get(e.actor_user_id)!));
    if (who.size === 1 && xminCount.get(b.__xmin as string) === 1) links.push({ how: 'transaction', ballot: i, memberId: [...who][0]! });
  });
  return links;
}

/** A copy of the migrations folder that ends with migration `last`. */
function migrationsUpTo(last: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const place = (ranking: number[]) => Object.fromEntries(ranking.map((id, i) => [`placering-${id}`, String(i + 1)]));

for (const engine of ENGINES) {
  describe(`secret ballots against a database dump and the audit log on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let editionId: number;
    const nominees: number[] = [];
    const panel: { userId: number; memberId: number }[] = [];

    const cast = async (userId: number, ranking: number[]) => {
      const a = await signedInAgent(app, db, userId, t.clock.now());
      await a.get('/min-side'); // a CSRF token even when the ballot page shows a notice instead of the form
      await a.get(`/panel/udgaver/${editionId}`);
      return a.post(`/panel/udgaver/${editionId}/stem`, place(ranking));
    };

    before(async () => {
      t = await startSignedInTestApp(engine, '2027-02-12T12:00:00Z', { ballotKey: BALLOT_KEY });
      db = t.db;
      app = t.app;
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const e = await buildEdition(db, {
        awardId: award!.id,
        year: 2095,
        opensAt: new Date('2027-01-10T11:00:00Z'),
        closesAt: new Date('2027-02-01T11:00:00Z'),
        nomineesPublishedAt: new Date('2027-02-10T11:00:00Z'),
        votingOpensAt: VOTING_OPENS,
        votingClosesAt: VOTING_CLOSES,
        winnerAnnouncedAt: new Date('2027-03-20T11:00:00Z'),
        hasPatientPanel: true,
      });
      editionId = e.id;
      for (const title of ['Alfa', 'Beta', 'Gamma', 'Delta'])
        nominees.push((await buildNomination(db, { editionId, title, sentAt: new Date('2027-01-20T10:00:00Z') })).id);
      await db.insert(shortlists).values({ editionId, decidedAt: new Date('2027-02-10T09:00:00Z'), decidedByUserId: null });
      await db.insert(shortlistEntries).values(nominees.map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
      for (const name of ['Anna', 'Bent', 'Carla', 'Dorte', 'Erik', 'Frida']) {
        const u = await createUser(db, { email: `${name.toLowerCase()}@example.dk`, name: `${name} Borger`, members: [{ editionId, role: 'panel' }] });
        const [m] = await db.select().from(editionMembers).where(eq(editionMembers.userId, u.id));
        panel.push({ userId: u.id, memberId: m!.id });
      }
    });
    after(async () => t?.close());

    test('a dump of every table and the audit log cannot link a ballot to a member; the server secret can', async () => {
      const [a, b, c, d] = nominees as [number, number, number, number];
      const rankings = [
        [a, b, c, d],
        [b, a, d, c],
        [c, d, a, b],
        [d, c, b, a],
        [a, c, b, d],
      ];
      for (let i = 0; i < 5; i++) {
        t.clock.set(new Date(VOTING_OPENS.getTime() + (i + 1) * 3_600_000));
        assert.equal((await cast(panel[i]!.userId, rankings[i]!)).statusCode, 303);
      }
      // Bent changes his ballot a day later.
      t.clock.set(new Date(VOTING_OPENS.getTime() + 24 * 3_600_000));
      assert.equal((await cast(panel[1]!.userId, [b, d, a, c])).statusCode, 303);

      const dump = await dumpDatabase(db);
      const ballotRows = dump.get('ballots')!.filter((r) => r.edition_id === editionId);
      assert.equal(ballotRows.length, 5);
      assert.equal(dump.get('panel_voters')!.filter((r) => r.edition_id === editionId).length, 5);
      assert.ok(dump.get('audit_events')!.filter((r) => r.action === 'panel.ballot-cast').length >= 6, 'the audit log says who voted when');
      // Whose each dumped ballot really is (every final ranking differs), to judge the guesses.
      const finalRankings = [rankings[0], [b, d, a, c], rankings[2], rankings[3], rankings[4]].map((r) => JSON.stringify(r));
      const owner = (ballot: number) => panel[finalRankings.indexOf(JSON.stringify(ballotRows[ballot]!.ranking))]!.memberId;
      const right = (links: Link[]) => links.filter((l) => owner(l.ballot) === l.memberId);
      assert.deepEqual(right(linkBallots(dump, editionId)), []);
      // The secret is nowhere in the database.
      for (const [table, rows] of dump) for (const r of rows) assert.ok(!JSON.stringify(r).includes(BALLOT_KEY), table);
      // The same attack with the server secret ties every ballot to its member: the attack works.
      assert.deepEqual(new Set(right(linkBallots(dump, editionId, [BALLOT_KEY])).map((l) => l.ballot)), new Set([0, 1, 2, 3, 4]));
      // How: the rows hold no time and no number beyond the edition, are listed in key order, and
      // were all written in the last ballot's transaction.
      for (const r of ballotRows) assert.deepEqual(Object.keys(r).sort(), ['__xmin', 'edition_id', 'ranking', 'voter_key']);
      const keys = ballotRows.map((r) => r.voter_key as string);
      assert.deepEqual(keys, [...keys].sort());
      assert.equal(new Set(ballotRows.map((r) => r.__xmin)).size, 1);
    });

    test('a ballot cast before migration 0015 (no key its member can be found by) stays counted and cannot be changed', async () => {
      const [a, b, c, d] = nominees as [number, number, number, number];
      const frida = panel[5]!;
      // What migration 0015 leaves of an earlier ballot: a random 'legacy:' key; panel_voters says she voted.
      await db.insert(ballots).values({ editionId, voterKey: 'legacy:0b7e1c9a-4c1e-4f6e-9a51-8f1d2e3c4b5a', ranking: [d, c, b, a] });
      await db.insert(panelVoters).values({ memberId: frida.memberId, editionId, firstCastAt: VOTING_OPENS });
      const agent = await signedInAgent(app, db, frida.userId, t.clock.now());
      const page = await agent.get(`/panel/udgaver/${editionId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Din stemme er gemt og tæller med, men den kan ikke ændres\./);
      assert.doesNotMatch(page.body, /name="placering-/);
      const res = await cast(frida.userId, [a, b, c, d]);
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /kan ikke ændres/);
      const rows = await db.select().from(ballots).where(eq(ballots.editionId, editionId));
      assert.equal(rows.length, 6);
      assert.deepEqual(rows.find((r) => r.voterKey.startsWith('legacy:'))!.ranking, [d, c, b, a]);
    });

    test('migration 0015 keeps the rankings of ballots already cast, and drops the salt, the times and the serial ids', async () => {
      const old = await openEmptyDatabase(engine);
      try {
        const migrate = (folder: string) =>
          engine === 'pglite' ? migratePglite(old.db as never, { migrationsFolder: folder }) : migratePg(old.db as never, { migrationsFolder: folder });
        await migrate(migrationsUpTo(14));
        await old.db.execute(sql`insert into organisations (slug, name) values ('org', 'Org')`);
        await old.db.execute(
          sql`insert into awards (organisation_id, slug, name, summary, description, established_year) select id, 'pris', 'Pris', '', '', 2020 from organisations`,
        );
        await old.db.execute(sql`insert into editions (award_id, year) select id, 2026 from awards`);
        // Three ballots in the order they were cast, under keys made with the (stored) salt.
        for (const [key, ranking, at] of [
          ['c3', '[3,2,1]', '2026-02-01T10:00:00Z'],
          ['a1', '[1,2,3]', '2026-02-02T10:00:00Z'],
          ['b2', '[2,1,3]', '2026-02-03T10:00:00Z'],
        ] as const)
          await old.db.execute(
            sql`insert into ballots (edition_id, voter_key, ranking, cast_at) select id, ${key}, ${ranking}::jsonb, ${at}::timestamptz from editions`,
          );
        await migrate(migrationsFolder);
        const columns = async (table: string) =>
          (
            await queryRows<{ c: string }>(
              old.db,
              sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${table} order by 1`,
            )
          ).map((r) => r.c);
        assert.deepEqual(await columns('ballots'), ['edition_id', 'ranking', 'voter_key']);
        assert.ok(!(await columns('editions')).includes('ballot_salt'));
        const rows = await queryRows<{ k: string; r: string }>(old.db, sql`select voter_key as k, ranking::text as r from ballots`);
        assert.deepEqual(rows.map((r) => r.r).sort(), ['[1, 2, 3]', '[2, 1, 3]', '[3, 2, 1]']);
        for (const r of rows) assert.match(r.k, /^legacy:[0-9a-f-]{36}$/);
        assert.deepEqual(
          rows.map((r) => r.k),
          rows.map((r) => r.k).sort(),
          'listed in key order, not in the order they were cast',
        );
      } finally {
        await old.close();
      }
    });
  });
}
