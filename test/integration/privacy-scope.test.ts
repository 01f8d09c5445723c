/**
 * A person's data on request, as an attacker and an auditor would try it (issue 13, findings 1
 * and 4): an administrator sees and erases only their own organisations' data, and an erasure
 * leaves the person nowhere: in no table (a scan of every table of the schema), in no `.eml`
 * file, in no public API answer and in no log line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { and, desc, eq, sql } from 'drizzle-orm';
import * as schema from '../../src/db/schema.js';
import { auditEvents, awards, criteria, editionMembers, editions, formSections, organisations, outboxMessages, solutions, users } from '../../src/db/schema.js';
import { queryRows, type Database } from '../../src/db/database.js';
import { createFileTransport } from '../../src/mail/transport.js';
import { sendDueMail } from '../../src/mail/worker.js';
import { acceptInvitation, inviteMember } from '../../src/members/invitations.service.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, loadRoles, sessionFor } from '../harness/accounts.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

async function latestEdition(db: Database, slug: string) {
  const [row] = await db
    .select({ id: editions.id, year: editions.year })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(awards.slug, slug))
    .orderBy(desc(editions.year))
    .limit(1);
  assert.ok(row, slug);
  return row;
}

/** Sends a nomination through the public API, as a nominator's browser or client would. */
async function sendThroughApi(
  app: Awaited<ReturnType<typeof startSignedInTestApp>>['app'],
  db: Database,
  editionId: number,
  p: { nominator: { name: string; email: string }; nominee: { names: string; unit: string; email: string } },
) {
  const secs = await db.select().from(formSections).where(eq(formSections.editionId, editionId));
  const crit = await db.select().from(criteria).where(eq(criteria.editionId, editionId));
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/editions/${editionId}/nominations`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      nominator: { ...p.nominator, isCitizen: false, workplace: 'Regionshospitalet' },
      nominee: { kind: 'person', organisation: 'Region Midtjylland', ...p.nominee },
      title: 'Aftensmad på stuen',
      summary: 'Patienterne spiser sammen.',
      criterionIds: [crit[0]!.id],
      answers: Object.fromEntries(secs.map((s) => [String(s.id), `Om ${s.heading}.`])),
    }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; receiptNumber: string };
}

/** Every table of the drizzle schema, each row as text: where a person could still be. */
async function tablesHolding(db: Database, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const value of Object.values(schema)) {
    if (!(value instanceof PgTable)) continue;
    const { name } = getTableConfig(value);
    const rows = await queryRows<{ t: string }>(db, sql`select t::text as t from ${sql.identifier(name)} t`);
    for (const r of rows) for (const n of needles) if (r.t.toLowerCase().includes(n.toLowerCase())) found.push(`${name}: ${n}`);
  }
  return [...new Set(found)].sort();
}

for (const engine of ENGINES) {
  describe(`person data by organisation on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let mailDir = '';
    let rmOrg = 0;
    let drOrg = 0;
    before(async () => {
      mailDir = mkdtempSync(join(tmpdir(), 'prisportal-mail-'));
      t = await startSignedInTestApp(engine, NOW, { mailDir });
      const orgs = await t.db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
    });
    after(async () => {
      await t?.close();
      rmSync(mailDir, { recursive: true, force: true });
    });

    async function adminClient(email: string, organisationId: number) {
      const admin = await createUser(t.db, { email, adminOf: [organisationId] });
      const c = new Client(t.app);
      c.setCookie(SESSION_COOKIE, (await sessionFor(t.db, admin.id, t.clock.now())).value);
      await c.get('/admin/personer');
      return c;
    }

    test("another organisation's administrator neither sees nor erases a nominator's e-mails, and the audit stays in their own log (finding 1)", async () => {
      const db = t.db;
      const open = await latestEdition(db, 'aarets-borgerinddragende-initiativ');
      const nominator = 'ole.olsen@eksempel.dk';
      const sent = await sendThroughApi(t.app, db, open.id, {
        nominator: { name: 'Ole Olsen', email: nominator },
        nominee: { names: 'Ida Iversen', unit: 'Medicinsk afdeling', email: 'ida.iversen@eksempel.dk' },
      });
      const mailsBefore = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(sql`lower(${outboxMessages.toAddress}) = ${nominator}`);
      assert.ok(mailsBefore.length >= 1, 'the receipt is queued');

      const rm = await adminClient('scope.admin.rm@example.dk', rmOrg);
      const exported = await rm.post('/admin/personer/eksport.json', { email: nominator });
      assert.equal(exported.statusCode, 200);
      const data = JSON.parse(exported.body);
      assert.deepEqual([data.emails, data.nominationsAsNominator, data.user], [[], [], null], "Danske Regioner's receipt is not Region Midtjylland's");
      assert.ok(!exported.body.includes(sent.receiptNumber));

      const erased = await rm.post('/admin/personer/slet', { email: nominator, bekraeft: 'ja' });
      assert.equal(erased.statusCode, 200);
      const mailsAfter = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(sql`lower(${outboxMessages.toAddress}) = ${nominator}`);
      assert.deepEqual(mailsAfter, mailsBefore, "Danske Regioner's e-mails stay");
      const events = await db
        .select({ organisationId: auditEvents.organisationId, action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.entityType, 'person'));
      assert.deepEqual(events, [
        { organisationId: rmOrg, action: 'person.export' },
        { organisationId: rmOrg, action: 'person.erase' },
      ]);

      // Danske Regioner's own administrator finds it, and the erasure is logged in Danske Regioner's log.
      const dr = await adminClient('scope.admin.dr@example.dk', drOrg);
      const own = JSON.parse((await dr.post('/admin/personer/eksport.json', { email: nominator })).body);
      assert.ok(own.emails.length >= 1);
      assert.equal(own.nominationsAsNominator[0].receipt_number, sent.receiptNumber);
      assert.equal((await dr.post('/admin/personer/slet', { email: nominator, bekraeft: 'ja' })).statusCode, 200);
      const [drErase] = await db
        .select({ organisationId: auditEvents.organisationId, after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'person.erase'), eq(auditEvents.organisationId, drOrg)));
      assert.equal((drErase!.after as { nominations: number }).nominations, 1);
      assert.equal((await db.select().from(outboxMessages).where(sql`lower(${outboxMessages.toAddress}) = ${nominator}`)).length, 0);
    });

    test("a person's account use is shown only to an administrator whose organisations are all it serves (finding 1)", async () => {
      const db = t.db;
      const rmEdition = await latestEdition(db, 'initiativprisen');
      const drEdition = await latestEdition(db, 'aarets-borgerinddragende-initiativ');
      const email = 'delt.medlem@eksempel.dk';
      const shared = await createUser(db, {
        email,
        name: 'Dorte Delt',
        members: [
          { editionId: rmEdition.id, role: 'committee' },
          { editionId: drEdition.id, role: 'committee' },
        ],
      });
      await db.update(users).set({ lastSignInAt: t.clock.now() }).where(eq(users.id, shared.id));
      await sessionFor(db, shared.id, t.clock.now());
      const only = await createUser(db, { email: 'kun.rm@eksempel.dk', name: 'Rikke Rm', members: [{ editionId: rmEdition.id, role: 'panel' }] });
      await sessionFor(db, only.id, t.clock.now());
      const stranger = await createUser(db, { email: 'kun.dr@eksempel.dk', name: 'Dan Dr', adminOf: [drOrg] });

      const rm = await adminClient('account.admin.rm@example.dk', rmOrg);
      const sharedData = JSON.parse((await rm.post('/admin/personer/eksport.json', { email })).body);
      assert.equal(sharedData.account, 'ties');
      assert.deepEqual(sharedData.user, { id: shared.id, email, name: 'Dorte Delt' }, 'no last sign-in, no sign-in identity');
      assert.deepEqual([sharedData.sessions, sharedData.apiTokens], [null, null]);
      assert.deepEqual(
        sharedData.memberships.map((m: { edition_id: number }) => m.edition_id),
        [rmEdition.id],
        "only Region Midtjylland's membership",
      );
      const onlyData = JSON.parse((await rm.post('/admin/personer/eksport.json', { email: 'kun.rm@eksempel.dk' })).body);
      assert.equal(onlyData.account, 'all');
      assert.equal(onlyData.sessions, 1);
      const strangerData = JSON.parse((await rm.post('/admin/personer/eksport.json', { email: 'kun.dr@eksempel.dk' })).body);
      assert.deepEqual([strangerData.account, strangerData.user, strangerData.sessions], ['nothing', null, null]);

      // Erasing the shared member keeps the account (Danske Regioner's too) and its sessions.
      assert.equal((await rm.post('/admin/personer/slet', { email, bekraeft: 'ja' })).statusCode, 200);
      const [kept] = await db.select().from(users).where(eq(users.id, shared.id));
      assert.deepEqual([kept!.email, kept!.name], [email, 'Dorte Delt']);
      assert.equal((await rm.post('/admin/personer/slet', { email: 'kun.dr@eksempel.dk', bekraeft: 'ja' })).statusCode, 200);
      const [untouched] = await db.select().from(users).where(eq(users.id, stranger.id));
      assert.equal(untouched!.email, 'kun.dr@eksempel.dk');
    });

    test('erasure leaves a nominee, a panel member and an idea-bank contact in no table, file, API answer or log line (finding 4)', async () => {
      const db = t.db;
      const open = await latestEdition(db, 'aarets-borgerinddragende-initiativ');
      const nominee = { names: 'Xenia Xylograf', unit: 'Xylografisk Enhed', email: 'xenia.xylograf@eksempel.dk' };
      const panel = { name: 'Per Panelsen', email: 'per.panelsen@eksempel.dk' };
      const contact = { name: 'Sofie Solutionsen', email: 'sofie.solutionsen@eksempel.dk' };
      const people = [nominee.names, nominee.unit, nominee.email, panel.name, panel.email, contact.name, contact.email];

      await sendThroughApi(t.app, db, open.id, { nominator: { name: 'Nils Nominator', email: 'nils.nominator@eksempel.dk' }, nominee });
      const admin = await createUser(db, { email: 'erase.admin.dr@example.dk', name: 'Dora Admin', adminOf: [drOrg] });
      const actor = { kind: 'user' as const, user: admin, ...(await loadRoles(db, admin.id)), idleExpiresAt: null, via: 'session' as const };
      const invited = await inviteMember({
        db,
        actor,
        editionId: open.id,
        input: { name: panel.name, email: panel.email, role: 'panel', isChair: false, partyLetter: '', represents: '' },
        now: t.clock.now(),
        publicBaseUrl: 'http://prisportal.test',
      });
      assert.equal(invited.ok, true);
      // A member only once the link e-mailed to the address is followed (issue 13, finding 2).
      const [invitation] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, panel.email));
      const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(invitation!.textBody)![1]!;
      const accepted = await acceptInvitation({ db, token, now: t.clock.now() });
      assert.equal(accepted.ok, true);
      const [solution] = await db
        .insert(solutions)
        .values({
          title: 'Ventetid uden ventetid',
          summary: 'Patienterne får en sms.',
          organisationName: 'Danske Regioner',
          contactName: contact.name,
          contactEmail: contact.email,
          year: 2026,
          ownerOrganisationId: drOrg,
        })
        .returning();
      const transport = createFileTransport(mailDir);
      await sendDueMail({ db, transport, now: t.clock.now() });
      const filesWith = (needle: string) => readdirSync(mailDir).filter((f) => readFileSync(join(mailDir, f), 'utf8').toLowerCase().includes(needle));
      assert.ok(filesWith(nominee.email).length >= 2, "the nominee's notice and the nominator's receipt were written as .eml files");
      assert.ok(filesWith(panel.email).length >= 1, 'the invitation was written');
      assert.match((await t.app.inject({ method: 'GET', url: `/api/v1/solutions/${solution!.id}` })).body, new RegExp(contact.email));
      assert.deepEqual(await tablesHolding(db, [panel.email]), [
        'audit_events: per.panelsen@eksempel.dk',
        'outbox_messages: per.panelsen@eksempel.dk',
        'users: per.panelsen@eksempel.dk',
      ]);

      const dr = new Client(t.app);
      dr.setCookie(SESSION_COOKIE, (await sessionFor(db, admin.id, t.clock.now())).value);
      await dr.get('/admin/personer');
      for (const email of [nominee.email, panel.email, contact.email]) {
        const data = JSON.parse((await dr.post('/admin/personer/eksport.json', { email })).body);
        const found = data.nominationsAsNominee.length + data.memberships.length + data.solutionContacts.length;
        assert.equal(found, 1, `the export shows ${email}`);
        assert.equal((await dr.post('/admin/personer/slet', { email, bekraeft: 'ja' })).statusCode, 200);
      }
      // Someone types the old URL with the address in it: it is not logged either.
      await dr.get(`/admin/personer?email=${encodeURIComponent(contact.email)}`);

      assert.deepEqual(await tablesHolding(db, people), [], 'no table holds the erased people');
      for (const needle of [nominee.email, panel.email, 'xylograf']) assert.deepEqual(filesWith(needle), [], `no .eml file holds ${needle}`);
      const api = await t.app.inject({ method: 'GET', url: `/api/v1/solutions/${solution!.id}` });
      assert.equal(api.statusCode, 200);
      assert.doesNotMatch(api.body, /Solutionsen/i);
      const logged = t.logs.filter((l) => people.some((p) => l.toLowerCase().includes(p.toLowerCase())));
      assert.deepEqual(logged, [], 'no log line holds an address given as a search or export key');
      const [member] = await db
        .select()
        .from(editionMembers)
        .where(eq(editionMembers.userId, accepted.ok ? accepted.userId : 0));
      assert.ok(member, 'the membership stays, anonymous');
    });
  });
}
