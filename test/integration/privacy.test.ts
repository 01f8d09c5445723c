import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import {
  auditEvents,
  awards,
  editions,
  nominationAttachments,
  nominations,
  organisations,
  outboxMessages,
  sessions,
  shortlistEntries,
  shortlists,
  users,
} from '../../src/db/schema.js';
import { queryRows } from '../../src/db/database.js';
import { recordAudit } from '../../src/platform/audit.js';
import { anonymiseExpiredPersonalData } from '../../src/privacy/retention.service.js';
import { emailPseudonym, erasePersonData, exportPersonData } from '../../src/privacy/person-data.service.js';
import { emptyFields } from '../../src/nominations/form.js';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, loadRoles, sessionFor } from '../harness/accounts.js';
import { buildAttachment, buildNomination, storedFileRows } from '../harness/factories.js';
import { startTestApp } from '../harness/app.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

/** The trigger's refusal, through Drizzle's "Failed query" wrapper. */
const appendOnly = (err: unknown) =>
  /audit_events is append-only/.test(String((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message));

/** The award's edition of `year`, or its latest edition. */
async function editionOf(db: Awaited<ReturnType<typeof startTestApp>>['database']['db'], slug: string, year?: number) {
  const rows = await db
    .select({ id: editions.id, year: editions.year, winnerAnnouncedAt: editions.winnerAnnouncedAt, organisationId: awards.organisationId })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(year === undefined ? eq(awards.slug, slug) : and(eq(awards.slug, slug), eq(editions.year, year)))
    .orderBy(desc(editions.year));
  assert.ok(rows[0], `${slug} ${year ?? 'latest'} exists`);
  return rows[0];
}

for (const engine of ENGINES) {
  describe(`the retention job on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    before(async () => {
      t = await startTestApp(engine, NOW);
    });
    after(async () => t?.close());

    test('anonymises nominations of editions archived more than N years ago; consenting nominees keep what they consented to', async () => {
      const db = t.database.db;
      const old = await editionOf(db, 'initiativprisen', 2024);
      assert.ok(old.winnerAnnouncedAt, 'the 2024 edition has a timeline');
      const recent = await editionOf(db, 'aarets-borgerinddragende-initiativ');
      assert.ok(recent.year > 2024, 'the demo edition open now');
      // Archived one year after the winner (phase.ts); five years after that, the data goes.
      const now = new Date(old.winnerAnnouncedAt!.getTime() + 6 * 365.25 * 24 * 3600 * 1000 + 86_400_000);
      const plain = await buildNomination(db, { editionId: old.id, nomineeConsent: 'pending', nomineeConsentTokenHash: 'c'.repeat(64) });
      const consenting = await buildNomination(db, { editionId: old.id, nomineeConsent: 'accepted' });
      const declined = await buildNomination(db, { editionId: old.id, nomineeConsent: 'declined' });
      const current = await buildNomination(db, { editionId: recent.id });
      await db.insert(shortlists).values({ editionId: old.id, decidedAt: old.winnerAnnouncedAt! });
      await db.insert(shortlistEntries).values([
        { editionId: old.id, nominationId: consenting.id, position: 1 },
        { editionId: old.id, nominationId: declined.id, position: 2 },
      ]);
      const file = await buildAttachment(db, { nominationId: plain.id, at: old.winnerAnnouncedAt! });
      assert.deepEqual(await storedFileRows(db, file.storageKey), { files: 1, chunks: 2 });
      // Files changed after sending and never sent (the working copy) go with the rest.
      const unsent = await buildAttachment(db, { nominationId: plain.id, at: old.winnerAnnouncedAt!, pendingChange: 'added', data: randomBytes(1000) });
      const unsentRemoval = await buildAttachment(db, {
        nominationId: plain.id,
        at: old.winnerAnnouncedAt!,
        pendingChange: 'removed',
        data: randomBytes(1000),
      });
      await recordAudit(
        db,
        {
          actor: { kind: 'public' },
          action: 'nomination.send',
          entityType: 'nomination',
          entityId: plain.id,
          editionId: old.id,
          after: { nominatorName: plain.nominatorName, nominatorEmail: plain.nominatorEmail, title: plain.title },
        },
        old.winnerAnnouncedAt!,
      );
      const [sentMail] = await db
        .insert(outboxMessages)
        .values({
          kind: 'nomination-receipt',
          toAddress: plain.nominatorEmail,
          subject: 'Kvittering',
          textBody: `Hej ${plain.nominatorName}`,
          status: 'sent',
          createdAt: old.winnerAnnouncedAt!,
          sentAt: old.winnerAnnouncedAt!,
        })
        .returning();
      const [pendingMail] = await db
        .insert(outboxMessages)
        .values({ kind: 'x', toAddress: 'a@b.dk', subject: 's', textBody: 't', createdAt: old.winnerAnnouncedAt! })
        .returning();

      const result = await anonymiseExpiredPersonalData({ db, now, retentionYears: 5 });
      // Every nomination of the old edition holds personal data (the seed's and ours); none of the recent one.
      const oldCount = (await db.select({ id: nominations.id }).from(nominations).where(eq(nominations.editionId, old.id))).length;
      assert.equal(result.nominations, oldCount);
      assert.equal(result.nomineesKept, 1);
      assert.equal(result.attachments, 3);
      assert.equal(result.auditEvents, 1);
      assert.equal(result.sentMails, 1);
      assert.deepEqual(await storedFileRows(db, file.storageKey), { files: 0, chunks: 0 }, "the file's bytes went in the same transaction");
      for (const f of [unsent, unsentRemoval]) assert.deepEqual(await storedFileRows(db, f.storageKey), { files: 0, chunks: 0 }, 'unsent file changes too');

      const row = async (id: number) => (await db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      const p = await row(plain.id);
      assert.deepEqual([p.nominatorName, p.nominatorEmail, p.nominatorWorkplace, p.nomineeNames, p.nomineeUnit, p.nomineeEmail], ['', '', '', '', '', '']);
      assert.equal(p.title, plain.title, 'the solution stays');
      assert.notEqual(p.accessTokenHash, plain.accessTokenHash, 'the private link opens nothing');
      assert.ok(p.accessRevokedAt);
      assert.equal(p.nomineeConsentTokenHash, null);
      const c = await row(consenting.id);
      assert.deepEqual(
        [c.nomineeNames, c.nomineeUnit, c.nomineeEmail, c.nominatorName],
        [consenting.nomineeNames, consenting.nomineeUnit, '', ''],
        'a consenting nominee keeps name and unit',
      );
      const d = await row(declined.id);
      assert.deepEqual([d.nomineeNames, d.nominatorName], ['', '']);
      const cur = await row(current.id);
      assert.deepEqual(
        [cur.nominatorName, cur.nomineeEmail, cur.accessTokenHash],
        [current.nominatorName, current.nomineeEmail, current.accessTokenHash],
        'a recent edition is untouched',
      );
      assert.equal((await db.select().from(nominationAttachments).where(eq(nominationAttachments.nominationId, plain.id))).length, 0);

      const [event] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'nomination'), eq(auditEvents.entityId, String(plain.id))));
      assert.deepEqual(event!.after, { title: plain.title });
      assert.equal(event!.actorLabel, 'anonymiseret');
      const mails = await db.select({ id: outboxMessages.id }).from(outboxMessages);
      assert.ok(!mails.some((m) => m.id === sentMail!.id));
      assert.ok(
        mails.some((m) => m.id === pendingMail!.id),
        'pending e-mail is still to be sent',
      );
      const [run] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.run'));
      assert.equal((run!.after as { nominations: number }).nominations, oldCount);
      assert.equal(run!.actorLabel, 'system');

      const again = await anonymiseExpiredPersonalData({ db, now, retentionYears: 5 });
      assert.deepEqual([again.nominations, again.attachments, again.auditEvents, again.sentMails], [0, 0, 0, 0], 'a second run finds nothing');
      const fewer = await anonymiseExpiredPersonalData({ db, now, retentionYears: 50 });
      assert.equal(fewer.nominations, 0);
    });

    test('outside the job the audit log stays append-only', async () => {
      await recordAudit(t.database.db, { actor: 'system', action: 'test.event', entityType: 'test', entityId: 1 }, new Date(NOW));
      await assert.rejects(t.database.db.execute(sql`update audit_events set actor_label = 'x'`), appendOnly);
      await assert.rejects(
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`set local prisportal.retention = 'on'`);
          await tx.execute(sql`delete from audit_events`);
        }),
        appendOnly,
        'deleting stays refused even for the job',
      );
    });
  });

  describe(`a person's data on request on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    const email = 'Mette.Holm@eksempel.dk';
    let rmOrg = 0;
    let drOrg = 0;
    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      const orgs = await t.db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
    });
    after(async () => t?.close());

    test("export lists what is stored within the administrator's organisations; erasure anonymises it, audited", async () => {
      const db = t.db;
      const rm = await editionOf(db, 'initiativprisen', 2024);
      const dr = await editionOf(db, 'aarets-borgerinddragende-initiativ', 2021);
      const mine = await buildNomination(db, { editionId: rm.id, nominatorEmail: email.toLowerCase(), nominatorName: 'Mette Holm' });
      const asNominee = await buildNomination(db, { editionId: rm.id, nomineeEmail: email, nomineeNames: 'Mette Holm' });
      const other = await buildNomination(db, { editionId: dr.id, nominatorEmail: email, nominatorName: 'Mette Holm' });
      const mineFile = await buildAttachment(db, { nominationId: mine.id });
      const otherFile = await buildAttachment(db, { nominationId: other.id });
      const member = await createUser(db, { email, name: 'Mette Holm', members: [{ editionId: rm.id, role: 'committee' }] });
      await sessionFor(db, member.id, t.clock.now());
      const admin = await createUser(db, { email: 'admin.rm@example.dk', adminOf: [rmOrg] });
      const actor = { kind: 'user' as const, user: admin, ...(await loadRoles(db, admin.id)), idleExpiresAt: null, via: 'session' as const };

      const data = await exportPersonData({ db, email, organisationIds: [rmOrg], actor, now: t.clock.now() });
      assert.deepEqual(
        data.nominationsAsNominator.map((n) => Number(n.id)),
        [mine.id],
      );
      assert.deepEqual(
        data.nominationsAsNominee.map((n) => Number(n.id)),
        [asNominee.id],
      );
      assert.equal(data.user?.email, email);
      assert.equal(data.memberships.length, 1);
      assert.equal(data.sessions, 1);
      assert.ok(!JSON.stringify(data).includes(mine.accessTokenHash), 'no token hashes in an export');

      const result = await erasePersonData({ db, email, organisationIds: [rmOrg], actor, now: t.clock.now() });
      assert.deepEqual(result, {
        nominationsAsNominator: 1,
        nominationsAsNominee: 1,
        attachments: 1,
        user: 'anonymised',
        sessions: 1,
        auditEvents: 0,
        sentMails: 0,
        solutionContacts: 0,
        contacts: 0,
        openingSubscriptions: 0,
      });
      const row = async (id: number) => (await db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.deepEqual([(await row(mine.id)).nominatorEmail, (await row(mine.id)).nominatorName], ['', '']);
      assert.equal((await row(mine.id)).nomineeNames, mine.nomineeNames, "the nominee's data is not the requester's");
      assert.deepEqual([(await row(asNominee.id)).nomineeEmail, (await row(asNominee.id)).nomineeNames], ['', '']);
      assert.equal((await row(other.id)).nominatorEmail, email, "another organisation's nomination is not this administrator's to erase");
      assert.deepEqual(await storedFileRows(db, mineFile.storageKey), { files: 0, chunks: 0 }, "the nominator's file and its chunks are erased");
      assert.deepEqual(await storedFileRows(db, otherFile.storageKey), { files: 1, chunks: 2 }, "another organisation's file stays");
      const [u] = await db.select().from(users).where(eq(users.id, member.id));
      assert.deepEqual([u!.email, u!.name], [`slettet-${member.id}@anonymiseret.invalid`, '']);
      assert.equal((await db.select().from(sessions).where(eq(sessions.userId, member.id))).length, 0);
      const events = await db.select().from(auditEvents).where(eq(auditEvents.entityType, 'person'));
      assert.deepEqual(
        events.map((e) => [e.action, e.entityId]),
        [
          ['person.export', emailPseudonym(email)],
          ['person.erase', emailPseudonym(email)],
        ],
      );
      assert.ok(!JSON.stringify(events).toLowerCase().includes(email.toLowerCase()), 'the audit log does not keep the address');
      const after = await exportPersonData({ db, email, organisationIds: [rmOrg], actor, now: t.clock.now() });
      assert.deepEqual([after.nominationsAsNominator.length, after.nominationsAsNominee.length, after.user], [0, 0, null]);
    });

    test('changes saved after sending and not sent yet are found by their address and erased with the person', async () => {
      const db = t.db;
      const rm = await editionOf(db, 'initiativprisen', 2024);
      const address = 'ny.adresse@eksempel.dk';
      const n = await buildNomination(db, { editionId: rm.id, nominatorEmail: 'gammel@eksempel.dk', nominatorName: 'Ole Gammel' });
      const fields = { ...emptyFields(), nominatorName: 'Ole Ny', nominatorEmail: address, title: n.title };
      await db.update(nominations).set({ workingCopy: fields, workingCopySavedAt: t.clock.now() }).where(eq(nominations.id, n.id));
      const admin = await createUser(db, { email: 'admin.rm.wc@example.dk', adminOf: [rmOrg] });
      const actor = { kind: 'user' as const, user: admin, ...(await loadRoles(db, admin.id)), idleExpiresAt: null, via: 'session' as const };
      const data = await exportPersonData({ db, email: address, organisationIds: [rmOrg], actor, now: t.clock.now() });
      assert.deepEqual(
        data.nominationsAsNominator.map((x) => Number(x.id)),
        [n.id],
      );
      assert.ok(JSON.stringify(data).includes('Ole Ny'), 'the unsent changes are in the export');
      await erasePersonData({ db, email: address, organisationIds: [rmOrg], actor, now: t.clock.now() });
      const [after] = await db.select().from(nominations).where(eq(nominations.id, n.id));
      assert.equal(after!.workingCopy, null);
      assert.equal(after!.workingCopySavedAt, null);
    });

    test('files attached or deleted after sending and not sent yet are in the export, marked, and erased with the person', async () => {
      const db = t.db;
      const rm = await editionOf(db, 'initiativprisen', 2024);
      const address = 'bilag.person@eksempel.dk';
      const n = await buildNomination(db, { editionId: rm.id, nominatorEmail: address, nominatorName: 'Bo Bilag' });
      const files = [
        await buildAttachment(db, { nominationId: n.id, fileName: 'sendt.pdf', data: randomBytes(1000) }),
        await buildAttachment(db, { nominationId: n.id, fileName: 'ny.pdf', data: randomBytes(1000), pendingChange: 'added' }),
        await buildAttachment(db, { nominationId: n.id, fileName: 'slettet.pdf', data: randomBytes(1000), pendingChange: 'removed' }),
      ];
      const admin = await createUser(db, { email: 'admin.rm.files@example.dk', adminOf: [rmOrg] });
      const actor = { kind: 'user' as const, user: admin, ...(await loadRoles(db, admin.id)), idleExpiresAt: null, via: 'session' as const };
      const data = await exportPersonData({ db, email: address, organisationIds: [rmOrg], actor, now: t.clock.now() });
      const listed = (data.nominationsAsNominator[0]!.attachments as { fileName: string; unsentChange: string | null }[]).map((f) => [
        f.fileName,
        f.unsentChange,
      ]);
      assert.deepEqual(listed, [
        ['sendt.pdf', null],
        ['ny.pdf', 'added'],
        ['slettet.pdf', 'removed'],
      ]);
      const result = await erasePersonData({ db, email: address, organisationIds: [rmOrg], actor, now: t.clock.now() });
      assert.equal(result.attachments, 3);
      for (const f of files) assert.deepEqual(await storedFileRows(db, f.storageKey), { files: 0, chunks: 0 });
    });

    test('the pages: search, export as JSON, erase with a confirmation step; another organisation sees nothing', async () => {
      const db = t.db;
      const rm = await editionOf(db, 'initiativprisen', 2024);
      const target = 'karen.lund@eksempel.dk';
      const n = await buildNomination(db, { editionId: rm.id, nominatorEmail: target, nominatorName: 'Karen Lund' });
      const adminRm = await createUser(db, { email: 'admin2.rm@example.dk', adminOf: [rmOrg] });
      const adminDr = await createUser(db, { email: 'admin2.dr@example.dk', adminOf: [drOrg] });

      const c = new Client(t.app);
      c.setCookie(SESSION_COOKIE, (await sessionFor(db, adminRm.id, t.clock.now())).value);
      const search = await c.get('/admin/personer');
      assert.equal(search.statusCode, 200);
      assert.match(search.body, /<h1[^>]*>Personoplysninger<\/h1>/);
      assert.match(search.body, /<form method="post" action="\/admin\/personer"/, 'the address is sent in a POST body, never in a URL');
      const empty = await c.post('/admin/personer', { email: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<title>Fejl: /);
      assert.match(empty.body, /Skriv e-mailadressen/);
      assert.equal((await c.post('/admin/personer', { email: target }, { csrf: null })).statusCode, 403, 'the search needs the CSRF token');
      const found = await c.post('/admin/personer', { email: target });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, new RegExp(n.receiptNumber!));
      assert.doesNotMatch(found.body, /href="[^"]*email=/, 'no link carries the address');
      const json = await c.post('/admin/personer/eksport.json', { email: target });
      assert.equal(json.statusCode, 200);
      assert.match(String(json.headers['content-type']), /^application\/json/);
      assert.match(String(json.headers['content-disposition']), /attachment/);
      assert.equal(JSON.parse(json.body).nominationsAsNominator[0].nominator_name, 'Karen Lund');
      assert.equal((await c.post('/admin/personer/eksport.json', { email: target }, { csrf: null })).statusCode, 403, 'the export needs the CSRF token');
      assert.equal((await c.get(`/admin/personer/eksport.json?email=${encodeURIComponent(target)}`)).statusCode, 404, 'no export by GET');

      const dr = new Client(t.app);
      dr.setCookie(SESSION_COOKIE, (await sessionFor(db, adminDr.id, t.clock.now())).value);
      await dr.get('/admin/personer');
      const drFound = await dr.post('/admin/personer', { email: target });
      assert.equal(drFound.statusCode, 200);
      assert.doesNotMatch(drFound.body, new RegExp(n.receiptNumber!), "another organisation's administrator finds nothing");

      const confirm = await c.post('/admin/personer/bekraeft-sletning', { email: target });
      assert.equal(confirm.statusCode, 200);
      const unconfirmed = await c.post('/admin/personer/slet', { email: target });
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /<title>Fejl: /);
      assert.equal(
        (await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.nominatorName,
        'Karen Lund',
        'nothing erased without confirmation',
      );
      const erased = await c.post('/admin/personer/slet', { email: target, bekraeft: 'ja' });
      assert.equal(erased.statusCode, 200);
      assert.match(erased.body, /slettet/i);
      assert.equal((await db.select().from(nominations).where(eq(nominations.id, n.id)))[0]!.nominatorName, '');
      const [ev] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'person.erase' and entity_id = ${emailPseudonym(target)}`,
      );
      assert.equal(ev!.n, 1);
    });
  });
}
