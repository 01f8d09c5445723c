import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditEvents, awards, editions, outboxMessages, users } from '../../src/db/schema.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { winnerDecisions } from '../../src/panel/panel.schema.js';
import { publicationNotices } from '../../src/publication/publication.schema.js';
import { enqueueDuePublicationNotices, NOTICE_MAX_AGE_MS } from '../../src/publication/notices.service.js';
import { ENGINES, openSeededTestDatabase, type TestDatabase } from '../harness/databases.js';
import { buildNomination } from '../harness/factories.js';
import { editionMembers } from '../../src/members/members.schema.js';
import { scheduleWinnerNotice } from '../../src/messages/messages.service.js';

const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const BASE = 'http://prisportal.test';

for (const engine of ENGINES) {
  describe(`publication notices on ${engine}`, () => {
    let database: TestDatabase;
    let editionId: number;
    let nomineesAt: Date;
    let winnerAt: Date;
    const ids = { a: 0, b: 0, c: 0, notListed: 0, notEligible: 0 };

    before(async () => {
      database = await openSeededTestDatabase(engine, '2026-11-24T12:00:00Z');
      const db = database.db;
      // Initiativprisen 2024: no patient panel, so the committee's recorded choice is the winner.
      const [row] = await db
        .select({ edition: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
      assert.ok(row);
      editionId = row.edition.id;
      nomineesAt = row.edition.nomineesPublishedAt!;
      winnerAt = row.edition.winnerAnnouncedAt!;
      const at = new Date('2024-06-01T10:00:00Z');
      ids.a = (
        await buildNomination(
          db,
          {
            editionId,
            title: 'Løsning A',
            nominatorName: 'Nina Nominator',
            nominatorEmail: 'nina@example.dk',
            nomineeNames: 'Anna Ansat',
            nomineeEmail: 'anna@example.dk',
            nomineeConsent: 'accepted',
          },
          { at },
        )
      ).id;
      // The nominee gave no address: only the nominator is told.
      ids.b = (
        await buildNomination(
          db,
          {
            editionId,
            title: 'Løsning B',
            nominatorName: 'Bo Bruger',
            nominatorEmail: 'bo@example.dk',
            nomineeNames: 'Team B',
            nomineeEmail: '',
            nomineeConsent: 'declined',
          },
          { at },
        )
      ).id;
      // Nominated themselves: one e-mail, not two.
      ids.c = (
        await buildNomination(
          db,
          {
            editionId,
            title: 'Løsning C',
            nominatorName: 'Carl Selv',
            nominatorEmail: 'carl@example.dk',
            nomineeNames: 'Carl Selv',
            nomineeEmail: 'CARL@example.dk',
            nomineeConsent: 'pending',
          },
          { at },
        )
      ).id;
      ids.notListed = (
        await buildNomination(db, { editionId, title: 'Ikke nomineret', nominatorEmail: 'ikke@example.dk', nomineeEmail: 'ikke-kandidat@example.dk' }, { at })
      ).id;
      // Screened not eligible, written in English: the nominator alone is told, in English, with the reason.
      ids.notEligible = (
        await buildNomination(
          db,
          {
            editionId,
            title: 'Uden for prisen',
            nominatorName: 'Erik English',
            nominatorEmail: 'erik@example.dk',
            nomineeEmail: 'uden-kandidat@example.dk',
            language: 'en',
            screening: 'not-eligible',
            screeningReason: 'The solution is not in use yet.',
          },
          { at },
        )
      ).id;
      // Withdrawn: never written to again.
      await buildNomination(
        db,
        { editionId, title: 'Trukket tilbage', nominatorEmail: 'trukket@example.dk', nomineeEmail: 'trukket-kandidat@example.dk', status: 'withdrawn' },
        { at },
      );
      await db.insert(shortlists).values({ editionId, decidedAt: at });
      await db.insert(shortlistEntries).values([ids.a, ids.b, ids.c].map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
    });
    after(async () => database?.close());

    const outbox = (kind = 'publication-nominees') =>
      database.db
        .select({ kind: outboxMessages.kind, to: outboxMessages.toAddress, subject: outboxMessages.subject, text: outboxMessages.textBody })
        .from(outboxMessages)
        .where(eq(outboxMessages.kind, kind))
        .orderBy(asc(outboxMessages.id));
    const winnerOutbox = () =>
      database.db
        .select({ to: outboxMessages.toAddress, subject: outboxMessages.subject, text: outboxMessages.textBody })
        .from(outboxMessages)
        .where(eq(outboxMessages.kind, 'publication-winner'))
        .orderBy(asc(outboxMessages.toAddress));
    const run = (now: Date) => enqueueDuePublicationNotices({ db: database.db, now, publicBaseUrl: `${BASE}/` });

    test('nothing is sent one millisecond before the nominees instant', async () => {
      assert.deepEqual(await run(ms(nomineesAt, -1)), []);
      assert.deepEqual(await outbox(), []);
    });

    test('at the instant the nominators and nominees are told once, run twice or concurrently', async () => {
      // Two runs at the same instant race each other; a third, 5 ms later, comes after them (run
      // beside them it could win the race and record its own instant, which is right but not
      // what this test checks).
      const runs = await Promise.all([run(nomineesAt), run(nomineesAt)]);
      runs.push(await run(ms(nomineesAt, 5)));
      assert.deepEqual(runs.flat(), [{ editionId, kind: 'nominees', mails: 7 }]);
      assert.deepEqual(await run(ms(nomineesAt, 60_000)), []);
      const mails = await outbox();
      assert.deepEqual(
        mails.map((m) => [m.to, m.subject]),
        [
          ['nina@example.dk', 'Nomineret til Initiativprisen 2024: Løsning A'],
          ['anna@example.dk', 'Nomineret til Initiativprisen 2024: Løsning A'],
          ['bo@example.dk', 'Nomineret til Initiativprisen 2024: Løsning B'],
          ['carl@example.dk', 'Nomineret til Initiativprisen 2024: Løsning C'],
        ],
      );
      assert.ok(mails[0]!.text.startsWith('Kære Nina Nominator\n\nLøsningen "Løsning A" er nomineret til Initiativprisen 2024. Tillykke!'));
      assert.ok(mails[0]!.text.includes(`${BASE}/priser/initiativprisen/2024`));
      assert.ok(mails[1]!.text.startsWith('Kære Anna Ansat\n\nLøsningen "Løsning A" er nomineret til Initiativprisen 2024. Tillykke!'));
      // The nominees who were not nominated hear so, nominator and nominee.
      const notNominated = await outbox('nominees-not-nominated');
      assert.deepEqual(
        notNominated.map((m) => [m.to, m.subject]),
        [
          ['ikke@example.dk', 'De nominerede til Initiativprisen 2024 er fundet'],
          ['ikke-kandidat@example.dk', 'De nominerede til Initiativprisen 2024 er fundet'],
        ],
      );
      assert.match(notNominated[0]!.text, /Løsningen "Ikke nomineret" blev ikke nomineret denne gang/);
      // Not eligible: the nominator only, in their language, with the reason.
      const notEligible = await outbox('nominees-not-eligible');
      assert.deepEqual(
        notEligible.map((m) => [m.to, m.subject]),
        [['erik@example.dk', 'Your nomination for Initiativprisen 2024']],
      );
      assert.match(notEligible[0]!.text, /^Dear Erik English\n\nThe nomination "Uden for prisen" for Initiativprisen 2024 did not meet the conditions/);
      assert.match(notEligible[0]!.text, /\nReason: The solution is not in use yet\.\n/);
      // Nobody who withdrew is written to.
      const all = await database.db.select({ to: outboxMessages.toAddress }).from(outboxMessages);
      assert.ok(!all.some((m) => m.to.startsWith('trukket')));
      const notices = await database.db.select().from(publicationNotices).where(eq(publicationNotices.editionId, editionId));
      assert.deepEqual(
        notices.map((n) => [n.kind, n.enqueuedAt.toISOString()]),
        [['nominees', nomineesAt.toISOString()]],
      );
      const audit = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'publication.notice'), eq(auditEvents.editionId, editionId)));
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.after, { kind: 'nominees', mails: 7 });
      assert.equal(audit[0]!.actorLabel, 'system');
    });

    test('the confidential notice to the winner goes at the chosen time, once there is a winner, once', async () => {
      const sendAt = ms(winnerAt, -7 * 24 * 3600_000);
      const [user] = await database.db.insert(users).values({ email: 'admin-notice@example.dk', name: 'Admin' }).returning();
      const admin = { kind: 'user' as const, user: { id: user!.id, name: 'Admin', email: 'admin-notice@example.dk' } };
      // Not after the announcement: then it is no notice.
      assert.deepEqual(await scheduleWinnerNotice({ db: database.db, actor: admin, editionId, sendAt: winnerAt, now: nomineesAt }), {
        ok: false,
        reason: 'after-winner',
        winnerAnnouncedAt: winnerAt,
      });
      assert.deepEqual(await scheduleWinnerNotice({ db: database.db, actor: admin, editionId, sendAt, now: nomineesAt }), { ok: true });
      assert.deepEqual(await run(ms(sendAt, -1)), []);
      // The time has come but no winner is recorded: it waits.
      assert.deepEqual(await run(sendAt), []);
      await database.db.insert(winnerDecisions).values({ editionId, nominationId: ids.b, basis: 'committee', decidedAt: nomineesAt });
      const runs = await Promise.all([run(ms(sendAt, 1000)), run(ms(sendAt, 1000))]);
      assert.deepEqual(runs.flat(), [{ editionId, kind: 'winner-confidential', mails: 1 }]);
      assert.deepEqual(await run(ms(sendAt, 2000)), []);
      const mails = await outbox('winner-confidential');
      assert.deepEqual(
        mails.map((m) => [m.to, m.subject]),
        [['bo@example.dk', 'Fortroligt: Initiativprisen 2024']],
      );
      assert.match(mails[0]!.text, /holde for dig selv, til den bliver offentliggjort .*: "Løsning B" har vundet Initiativprisen 2024/);
      assert.equal(
        (await scheduleWinnerNotice({ db: database.db, actor: admin, editionId, sendAt: null, now: sendAt })).ok,
        false,
        'sent: the time cannot change',
      );
    });

    test('the winner notice waits for the instant, then goes out once', async () => {
      assert.deepEqual(await run(ms(winnerAt, -1)), []);
      const runs = await Promise.all([run(ms(winnerAt, 1000)), run(ms(winnerAt, 1000))]);
      const members = await database.db
        .select()
        .from(editionMembers)
        .where(and(eq(editionMembers.editionId, editionId), isNull(editionMembers.removedAt)));
      assert.deepEqual(runs.flat(), [{ editionId, kind: 'winner', mails: 4 + members.length }]);
      assert.deepEqual(await run(ms(winnerAt, 2000)), []);
      const mails = await winnerOutbox();
      assert.deepEqual(
        mails.map((m) => [m.to, m.subject]),
        [
          ['anna@example.dk', 'Vinderen af Initiativprisen 2024 er fundet'],
          ['bo@example.dk', 'Vinder af Initiativprisen 2024: Løsning B'],
          ['carl@example.dk', 'Vinderen af Initiativprisen 2024 er fundet'],
          ['nina@example.dk', 'Vinderen af Initiativprisen 2024 er fundet'],
        ],
      );
      assert.ok(mails[1]!.text.includes('"Løsning B" har vundet Initiativprisen 2024. Tillykke!'));
      // The committee and the panel are thanked, each member once.
      const thanks = [...(await outbox('thanks-committee')), ...(await outbox('thanks-panel'))];
      assert.equal(thanks.length, members.length);
      for (const m of thanks)
        assert.match(m.text, /Vinderen af Initiativprisen 2024 er fundet: "Løsning B"|The winner of Initiativprisen 2024 is announced: "Løsning B"/);
      assert.ok(mails[0]!.text.includes('Vinderen af Initiativprisen 2024 er fundet: "Løsning B". Tak, fordi "Løsning A" var med blandt de nominerede.'));
    });

    test('a notice whose instant passed long ago is not sent', async () => {
      const db = database.db;
      const [row] = await db
        .select({ edition: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'smartprisen'), eq(editions.year, 2024)));
      assert.ok(row);
      const n = await buildNomination(db, { editionId: row.edition.id, title: 'Gammel', nominatorEmail: 'gammel@example.dk' });
      await db.insert(shortlists).values({ editionId: row.edition.id, decidedAt: nomineesAt });
      await db.insert(shortlistEntries).values({ editionId: row.edition.id, nominationId: n.id, position: 1 });
      const late = ms(row.edition.nomineesPublishedAt!, NOTICE_MAX_AGE_MS + 1);
      const done = await run(late);
      assert.equal(done.filter((d) => d.editionId === row.edition.id && d.kind === 'nominees').length, 0);
      assert.equal((await outbox()).filter((m) => m.to === 'gammel@example.dk').length, 0);
    });
  });
}
