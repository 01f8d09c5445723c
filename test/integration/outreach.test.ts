/**
 * Outreach (src/outreach) on both engines: who is in each group of a round (withdrawn, removed
 * and erased people never), a message sent once however often "Send" is pressed, an empty group
 * refused, reminders about drafts once each and never after sending, "Få besked, når der åbnes"
 * with double opt-in, unsubscribe and one opening e-mail, and the sign-ups in a person's export
 * and erasure. Real pages through app.inject, real SQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import {
  auditEvents,
  awards,
  draftReminders,
  editionMembers,
  groupMessages,
  nominations,
  openingSubscriptions,
  organisations,
  outboxMessages,
  panelVoters,
  reviews,
  reviewScores,
  users,
} from '../../src/db/schema.js';
import { enqueueDueDraftReminders, enqueueOpeningNotices } from '../../src/outreach/index.js';
import { listGroup } from '../../src/outreach/messages.service.js';
import { unsubscribeToken } from '../../src/outreach/outreach-rules.js';
import { outreachUrls } from '../../src/outreach/urls.js';
import { nominationsUrls } from '../../src/nominations/urls.js';
import { renewAccessToken } from '../../src/nominations/nomination.service.js';
import { awardsUrls } from '../../src/awards/urls.js';
import { collectPersonData, erasePersonData } from '../../src/privacy/person-data.service.js';
import { DEVELOPMENT_BALLOT_KEY } from '../../src/config.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';
import { assertAuditKeysLabelled } from '../harness/audit-labels.js';

const NOW = '2026-11-24T12:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const BASE = 'http://prisportal.test';

const mails = (db: Database, kind: string) => db.select().from(outboxMessages).where(eq(outboxMessages.kind, kind)).orderBy(asc(outboxMessages.id));

for (const engine of ENGINES) {
  describe(`outreach on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    let rmOrg: number;
    let awardId: number;
    let admin: Client;
    let now: Date;

    /** A new award of Region Midtjylland with no round: the sign-up tests own it. */
    const newAward = async (slug: string) => {
      const [a] = await db
        .insert(awards)
        .values({ organisationId: rmOrg, slug, name: `Prisen ${slug}`, summary: 'Kort.', description: 'Lang.', establishedYear: 2020 })
        .returning();
      return a!;
    };

    /** A round whose nominations close `closesInMs` from now (open since a week). */
    const roundClosingIn = (closesInMs: number, extra: Parameters<typeof buildEdition>[1] extends infer E ? Partial<E & object> : never = {}) => {
      const closes = new Date(now.getTime() + closesInMs);
      return buildEdition(
        db,
        {
          awardId,
          opensAt: new Date(now.getTime() - 7 * DAY),
          closesAt: closes,
          nomineesPublishedAt: new Date(closes.getTime() + 30 * DAY),
          winnerAnnouncedAt: new Date(closes.getTime() + 60 * DAY),
          ...extra,
        },
        { criteria: [{ title: 'Værdi' }] },
      );
    };

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      db = t.db;
      now = t.clock.now();
      rmOrg = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!.id;
      awardId = (await db.select().from(awards).where(eq(awards.slug, 'initiativprisen')))[0]!.id;
      const user = await createUser(db, { email: 'admin-outreach@rm.dk', name: 'Ada Admin', adminOf: [rmOrg] });
      admin = new Client(t.app);
      admin.setCookie('session', (await sessionFor(db, user.id, now)).value);
    });
    after(async () => t?.close());

    test('the groups: sent nominators, drafts, unfinished committee members, panel members who have not voted; never withdrawn, removed or erased people', async () => {
      const e = await roundClosingIn(10 * DAY, { hasPatientPanel: true });
      const sent = await buildNomination(db, { editionId: e.id, nominatorEmail: 'sendt@rm.dk', screening: 'eligible' });
      await buildNomination(db, { editionId: e.id, nominatorEmail: 'SENDT@rm.dk' }); // the same person twice: one e-mail
      await buildNomination(db, { editionId: e.id, status: 'withdrawn', nominatorEmail: 'trukket@rm.dk' });
      await buildNomination(db, { editionId: e.id, nominatorEmail: '' }); // erased nominator
      await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: 'kladde@rm.dk' });
      await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: '' });
      const done = await buildMember(db, { editionId: e.id, role: 'committee', email: 'faerdig@rm.dk' });
      await buildMember(db, { editionId: e.id, role: 'committee', email: 'mangler@rm.dk' });
      const removed = await buildMember(db, { editionId: e.id, role: 'committee', email: 'fjernet@rm.dk' });
      await db.update(editionMembers).set({ removedAt: now }).where(eq(editionMembers.id, removed.memberId));
      const erased = await buildMember(db, { editionId: e.id, role: 'committee' });
      await db
        .update(users)
        .set({ email: `slettet-${erased.userId}@anonymiseret.invalid`, name: '' })
        .where(eq(users.id, erased.userId));
      const [review] = await db.insert(reviews).values({ memberId: done.memberId, nominationId: sent.id, createdAt: now, updatedAt: now }).returning();
      await db.insert(reviewScores).values({ reviewId: review!.id, criterionId: e.criterionIds[0]!, score: 4 });
      const voted = await buildMember(db, { editionId: e.id, role: 'panel', email: 'stemt@rm.dk' });
      await buildMember(db, { editionId: e.id, role: 'panel', email: 'ikke-stemt@rm.dk' });
      await db.insert(panelVoters).values({ memberId: voted.memberId, editionId: e.id, firstCastAt: now });

      const emails = async (g: Parameters<typeof listGroup>[2]) => (await listGroup(db, e.id, g)).map((r) => r.email);
      assert.deepEqual(await emails('nominators'), ['sendt@rm.dk']);
      assert.deepEqual(await emails('drafts'), ['kladde@rm.dk']);
      assert.deepEqual(await emails('committee-unfinished'), ['mangler@rm.dk']);
      assert.deepEqual(await emails('panel-not-voted'), ['ikke-stemt@rm.dk']);
    });

    test('a message: previewed with its count, sent once however often "Send" is pressed, audited, markup kept as text', async () => {
      const e = await roundClosingIn(10 * DAY);
      for (const email of ['a@rm.dk', 'b@rm.dk', 'c@rm.dk']) await buildNomination(db, { editionId: e.id, nominatorEmail: email });
      const form = await admin.get(outreachUrls.messages({ id: e.id }));
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /3 modtagere nu/);
      const typed = { group: 'nominators', subject: 'Husk <b>fristen</b>', body: 'Hej\n\n<script>alert("x")</script> & tak' };
      const preview = await admin.post(outreachUrls.messagePreview({ id: e.id }), typed);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Beskeden sendes til 3 personer/);
      assert.ok(preview.body.includes('<span>&lt;script>alert(&#34;x&#34;)&lt;/script> &amp; tak</span>'), 'shown as text');
      assert.doesNotMatch(preview.body.replace(/="[^"]*"/g, '=""'), /<script>alert/, 'no markup of the message outside quoted attribute values');
      const key = /name="key" value="([^"]+)"/.exec(preview.body)![1]!;
      const csrf = admin.csrf;
      // A double click: both posts carry the same key.
      const [first, second] = await Promise.all([
        admin.post(outreachUrls.messageSend({ id: e.id }), { ...typed, key }, { csrf }),
        admin.post(outreachUrls.messageSend({ id: e.id }), { ...typed, key }, { csrf }),
      ]);
      assert.equal(first.statusCode, 303);
      assert.equal(second.statusCode, 303);
      assert.equal(first.headers.location, second.headers.location);
      const again = await admin.post(outreachUrls.messageSend({ id: e.id }), { ...typed, key }, { csrf });
      assert.equal(again.headers.location, first.headers.location);
      const rows = await db.select().from(groupMessages).where(eq(groupMessages.editionId, e.id));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.recipientCount, 3);
      const sentMails = (await mails(db, 'group-message')).filter((m) => m.dedupeKey!.startsWith(`group-message:${rows[0]!.id}:`));
      assert.deepEqual(sentMails.map((m) => m.toAddress).sort(), ['a@rm.dk', 'b@rm.dk', 'c@rm.dk']);
      assert.ok(
        sentMails.every(
          (m) =>
            // The text as typed; the HTML part (made from it) shows the markup escaped, never as markup.
            m.textBody.startsWith('Hej\n\n<script>alert("x")</script> & tak') &&
            m.subject === 'Husk <b>fristen</b>' &&
            m.htmlBody?.includes('&lt;script') === true &&
            !m.htmlBody.includes('<script>'),
        ),
      );
      assert.ok(sentMails.every((m) => m.organisationId === rmOrg));
      const receipt = await admin.get(String(first.headers.location));
      assert.equal(receipt.statusCode, 200);
      assert.match(receipt.body, /lagt i kø til 3 personer/);
      const audit = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'message.send'), eq(auditEvents.entityId, String(rows[0]!.id))));
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.after, { recipientGroup: 'nominators', subject: 'Husk <b>fristen</b>', recipientCount: 3 });
      assert.equal(audit[0]!.editionId, e.id);
      // A new preview is a new message.
      const key2 = /name="key" value="([^"]+)"/.exec((await admin.post(outreachUrls.messagePreview({ id: e.id }), typed)).body)![1]!;
      assert.notEqual(key2, key);
      await assertAuditKeysLabelled(db);
    });

    test('an empty group, an empty or too long message, and a stale form are refused at the field; nothing is sent, the text is kept', async () => {
      const e = await roundClosingIn(10 * DAY);
      const before = (await db.select().from(outboxMessages)).length;
      const empty = await admin.post(outreachUrls.messagePreview({ id: e.id }), { group: 'drafts', subject: 'Hej', body: 'Kom nu' });
      assert.equal(empty.statusCode, 409);
      assert.match(empty.body, /Der er ingen i gruppen/);
      assert.match(empty.body, /href="#group"/);
      assert.match(empty.body, /Kom nu/);
      const sendEmpty = await admin.post(outreachUrls.messageSend({ id: e.id }), { group: 'drafts', subject: 'Hej', body: 'Kom nu', key: 'k'.repeat(43) });
      assert.equal(sendEmpty.statusCode, 409);
      assert.equal((await db.select().from(groupMessages).where(eq(groupMessages.editionId, e.id))).length, 0);
      const long = 'æ'.repeat(5001);
      const tooLong = await admin.post(outreachUrls.messagePreview({ id: e.id }), { group: 'nominators', subject: '', body: long });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /href="#subject"[^>]*>Skriv et emne/);
      assert.match(tooLong.body, /href="#body"[^>]*>Beskeden må højst være 5000 tegn/);
      assert.ok(tooLong.body.includes(long), 'the text is kept');
      const stale = await admin.post(outreachUrls.messageSend({ id: e.id }), { group: 'nominators', subject: 'x', body: 'y', key: 'kort' });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /Siden var for gammel/);
      const unknownGroup = await admin.post(outreachUrls.messagePreview({ id: e.id }), { group: 'alle', subject: 'x', body: 'y' });
      assert.equal(unknownGroup.statusCode, 400);
      assert.match(unknownGroup.body, /Vælg, hvem der skal have beskeden/);
      assert.equal((await db.select().from(outboxMessages)).length, before);
    });

    test('draft reminders: 3 days and 1 day before the deadline, once each, with a working private link; never after sending', async () => {
      const e = await roundClosingIn(3 * DAY - 60_000);
      const draft = await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: 'glemsom@rm.dk', nominatorName: 'Gry' });
      const sentLater = await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: 'sender@rm.dk' });
      await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: '' });
      await buildNomination(db, { editionId: e.id, status: 'sent', nominatorEmail: 'allerede@rm.dk' });
      const mine = async () =>
        (await mails(db, 'draft-reminder')).filter(
          (m) => /^draft-reminder:(\d+):/.exec(m.dedupeKey!) && [draft.id, sentLater.id].some((id) => m.dedupeKey!.startsWith(`draft-reminder:${id}:`)),
        );

      assert.ok((await enqueueDueDraftReminders({ db, now, publicBaseUrl: BASE })) >= 2);
      assert.equal(await enqueueDueDraftReminders({ db, now, publicBaseUrl: BASE }), 0, 'a second run (another process) sends nothing');
      let got = await mine();
      assert.deepEqual(got.map((m) => [m.toAddress, m.dedupeKey]).sort(), [
        ['glemsom@rm.dk', `draft-reminder:${draft.id}:3d`],
        ['sender@rm.dk', `draft-reminder:${sentLater.id}:3d`],
      ]);
      const link = /(\/indstillinger\/adgang\/[A-Za-z0-9_-]{43})/.exec(got.find((m) => m.toAddress === 'glemsom@rm.dk')!.textBody)![1]!;
      assert.match(got[0]!.textBody, /Fristen er/);
      // The reminder's link opens the draft; the nominator's own link still works too.
      const visitor = new Client(t.app);
      const opened = await visitor.get(link);
      assert.equal(opened.statusCode, 303);
      assert.equal(opened.headers.location, nominationsUrls.nomination({ id: draft.id }));
      assert.notEqual((await visitor.get(nominationsUrls.nomination({ id: draft.id }))).statusCode, 403);
      assert.equal((await new Client(t.app).get(nominationsUrls.privateLink({ token: draft.accessToken }))).statusCode, 303);
      // "Lav et nyt privat link" closes every earlier link, the reminder's too (decision 0008).
      const renewed = await renewAccessToken({ db, nominationId: draft.id, now });
      assert.equal((await new Client(t.app).get(link)).statusCode, 403);
      assert.equal((await new Client(t.app).get(nominationsUrls.privateLink({ token: renewed.token }))).statusCode, 303);

      // One of them sends the nomination; two days later only the other is reminded (1 day before).
      await db.update(nominations).set({ status: 'sent', receiptNumber: 'TEST-X-1', sentAt: now }).where(eq(nominations.id, sentLater.id));
      const dayBefore = new Date(e.closesAt!.getTime() - DAY + 60_000);
      await enqueueDueDraftReminders({ db, now: dayBefore, publicBaseUrl: BASE });
      await enqueueDueDraftReminders({ db, now: dayBefore, publicBaseUrl: BASE });
      got = await mine();
      assert.deepEqual(got.map((m) => m.dedupeKey).sort(), [
        `draft-reminder:${draft.id}:1d`,
        `draft-reminder:${draft.id}:3d`,
        `draft-reminder:${sentLater.id}:3d`,
      ]);
      // At and after the deadline: nothing.
      await db.delete(draftReminders).where(eq(draftReminders.nominationId, draft.id));
      assert.equal(await enqueueDueDraftReminders({ db, now: e.closesAt!, publicBaseUrl: BASE }), 0);
      assert.equal((await mine()).length, 3);
    });

    test('a scheduler that first runs within a day of the deadline sends only the 1-day reminder', async () => {
      const e = await roundClosingIn(DAY - 60_000);
      const draft = await buildNomination(db, { editionId: e.id, status: 'draft', nominatorEmail: 'sent-ude@rm.dk' });
      await enqueueDueDraftReminders({ db, now, publicBaseUrl: BASE });
      const got = (await mails(db, 'draft-reminder')).filter((m) => m.dedupeKey!.startsWith(`draft-reminder:${draft.id}:`));
      assert.deepEqual(
        got.map((m) => m.dedupeKey),
        [`draft-reminder:${draft.id}:1d`],
      );
      const rows = await db.select().from(draftReminders).where(eq(draftReminders.nominationId, draft.id));
      assert.deepEqual(rows.map((r) => r.kind).sort(), ['1d', '3d']);
    });

    test('"Få besked, når der åbnes": shown on an award page without an open round; double opt-in; one e-mail when the round opens, with List-Unsubscribe', async () => {
      const award = await newAward('outreach-pris');
      const page = await new Client(t.app).get(awardsUrls.award({ slug: award.slug }));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Få besked, når der åbnes for indstillinger/);
      assert.ok(page.body.includes(outreachUrls.subscribe({ slug: award.slug })));

      const visitor = new Client(t.app, { ip: '10.9.0.1' });
      assert.equal((await visitor.get(outreachUrls.subscribe({ slug: award.slug }))).statusCode, 200);
      const answer = await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'Borger@Example.dk' });
      assert.equal(answer.statusCode, 200);
      assert.match(answer.body, /Tjek din e-mail/);
      // The same answer, and no second row, when the address asks again (differently capitalised).
      const twice = await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'borger@example.dk' });
      assert.equal(
        twice.body.replace(/Borger@Example\.dk|borger@example\.dk/g, 'X').replace(/name="_csrf" value="[^"]*"/g, ''),
        answer.body.replace(/Borger@Example\.dk|borger@example\.dk/g, 'X').replace(/name="_csrf" value="[^"]*"/g, ''),
      );
      const subs = await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.awardId, award.id));
      assert.equal(subs.length, 1);
      assert.equal(subs[0]!.confirmedAt, null);
      const confirmMails = (await mails(db, 'opening-confirm')).filter((m) => m.about === `opening-subscription:${subs[0]!.id}`);
      assert.equal(confirmMails.length, 2, 'a new link for an address waiting for confirmation');
      assert.deepEqual(confirmMails[0]!.headers, {
        'List-Unsubscribe': `<${BASE}${outreachUrls.unsubscribe({ token: unsubscribeToken(DEVELOPMENT_BALLOT_KEY, subs[0]!) })}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      const tokenOf = (m: { textBody: string }) => /\/faa-besked\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(m.textBody)![1]!;
      // The first link was replaced by the second.
      assert.equal((await visitor.get(outreachUrls.confirmSubscription({ token: tokenOf(confirmMails[0]!) }))).statusCode, 404);

      // Not confirmed: the opening tells nobody.
      const opens = new Date(now.getTime() + 10 * DAY);
      const round = await buildEdition(db, {
        awardId: award.id,
        opensAt: opens,
        closesAt: new Date(opens.getTime() + 30 * DAY),
        nomineesPublishedAt: new Date(opens.getTime() + 60 * DAY),
        winnerAnnouncedAt: new Date(opens.getTime() + 90 * DAY),
      });
      assert.equal(await enqueueOpeningNotices({ db, now: opens, links: { publicBaseUrl: BASE, secret: DEVELOPMENT_BALLOT_KEY } }), 0);

      // Confirming: the GET shows a button (mail scanners open links), the POST records the consent.
      const confirmUrl = outreachUrls.confirmSubscription({ token: tokenOf(confirmMails[1]!) });
      const confirmPage = await visitor.get(confirmUrl);
      assert.equal(confirmPage.statusCode, 200);
      assert.equal((await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.id, subs[0]!.id)))[0]!.confirmedAt, null);
      const confirmed = await visitor.post(confirmUrl);
      assert.equal(confirmed.statusCode, 200);
      assert.match(confirmed.body, /Du er tilmeldt/);
      const row = (await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.id, subs[0]!.id)))[0]!;
      assert.deepEqual(row.confirmedAt, now);
      assert.match(row.consentWording!, /Jeg vil have én e-mail, når der åbnes for indstillinger til Prisen outreach-pris/);
      // Asking again once confirmed: the same answer, no e-mail.
      await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'borger@example.dk' });
      assert.equal((await mails(db, 'opening-confirm')).filter((m) => m.about === `opening-subscription:${subs[0]!.id}`).length, 2);

      // Before the opening: nothing; at the opening: one e-mail, once, even when two processes run.
      const links = { publicBaseUrl: BASE, secret: DEVELOPMENT_BALLOT_KEY };
      assert.equal(await enqueueOpeningNotices({ db, now: new Date(opens.getTime() - 1), links }), 0);
      const [a, b] = await Promise.all([enqueueOpeningNotices({ db, now: opens, links }), enqueueOpeningNotices({ db, now: opens, links })]);
      assert.equal(a + b, 1);
      assert.equal(await enqueueOpeningNotices({ db, now: new Date(opens.getTime() + DAY), links }), 0);
      const notice = (await mails(db, 'opening-notice')).filter((m) => m.about === `opening-subscription:${subs[0]!.id}`);
      assert.equal(notice.length, 1);
      assert.equal(notice[0]!.toAddress, 'Borger@Example.dk');
      assert.match(notice[0]!.subject, new RegExp(`Nu kan du indstille til Prisen outreach-pris ${round.year}`));
      assert.ok(notice[0]!.textBody.includes(`${BASE}${awardsUrls.award({ slug: award.slug })}`));
      assert.equal(notice[0]!.headers!['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      const after = (await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.id, subs[0]!.id)))[0]!;
      assert.equal(after.notifiedEditionId, round.id);
    });

    test('unsubscribing: the page asks, a one-click POST without a cookie removes the address; a wrong key removes nothing', async () => {
      const award = await newAward('afmeld-pris');
      const visitor = new Client(t.app, { ip: '10.9.0.2' });
      await visitor.get(outreachUrls.subscribe({ slug: award.slug }));
      await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'afmeld@example.dk' });
      const [sub] = await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.awardId, award.id));
      const token = unsubscribeToken(DEVELOPMENT_BALLOT_KEY, sub!);
      const wrong = `${sub!.id}-${'0'.repeat(64)}`;
      const res = await t.app.inject({
        method: 'POST',
        url: outreachUrls.unsubscribe({ token: wrong }),
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 200);
      assert.equal((await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.id, sub!.id))).length, 1);
      const page = await new Client(t.app).get(outreachUrls.unsubscribe({ token }));
      assert.match(page.body, /Vil du afmelde dig/);
      const oneClick = await t.app.inject({
        method: 'POST',
        url: outreachUrls.unsubscribe({ token }),
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(oneClick.statusCode, 200);
      assert.match(oneClick.body, /Du er afmeldt/);
      assert.equal((await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.id, sub!.id))).length, 0);
      assert.match((await new Client(t.app).get(outreachUrls.unsubscribe({ token }))).body, /Du er afmeldt/);
    });

    test('sign-ups: a bad address refused beside the field with the text kept; many from one connection get 429; one address gets a few links a day, the owner keeps a working one', async () => {
      const award = await newAward('graense-pris');
      const visitor = new Client(t.app, { ip: '10.9.0.3' });
      await visitor.get(outreachUrls.subscribe({ slug: award.slug }));
      const bad = await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: '<b>ikke en adresse' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#email"[^>]*>Skriv en e-mail i formen navn@eksempel\.dk/);
      assert.ok(bad.body.includes('value="<b>ikke en adresse"'), 'the text is kept (an attribute value: quotes and ampersands escaped)');
      for (let i = 0; i < 5; i++) await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'offer@example.dk' });
      const [sub] = await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.awardId, award.id));
      assert.equal(sub!.confirmationsSent, 3);
      const links = (await mails(db, 'opening-confirm')).filter((m) => m.about === `opening-subscription:${sub!.id}`);
      assert.equal(links.length, 3, 'three links a day, then quiet');
      const latest = /\/faa-besked\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(links[2]!.textBody)![1]!;
      assert.equal((await visitor.get(outreachUrls.confirmSubscription({ token: latest }))).statusCode, 200, 'the latest link still works');
      let last = 200;
      for (let i = 0; i < 30 && last !== 429; i++)
        last = (await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: `x${i}@example.dk` })).statusCode;
      assert.equal(last, 429);
      assert.equal((await new Client(t.app, { ip: '10.9.0.4' }).get(outreachUrls.subscribe({ slug: award.slug }))).statusCode, 200);
      assert.equal((await visitor.get(outreachUrls.subscribe({ slug: 'findes-ikke' }))).statusCode, 404);
    });

    test("privacy: a person's sign-ups are in the export and erased, within the administrator's organisations", async () => {
      const award = await newAward('privat-pris');
      const visitor = new Client(t.app, { ip: '10.9.0.5' });
      await visitor.get(outreachUrls.subscribe({ slug: award.slug }));
      await visitor.post(outreachUrls.subscribe({ slug: award.slug }), { email: 'privat@example.dk' });
      const drOrg = (await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner')))[0]!.id;
      assert.equal((await collectPersonData({ db, email: 'PRIVAT@example.dk', organisationIds: [drOrg], now })).openingSubscriptions.length, 0);
      const data = await collectPersonData({ db, email: 'PRIVAT@example.dk', organisationIds: [rmOrg], now });
      assert.equal(data.openingSubscriptions.length, 1);
      assert.equal(data.openingSubscriptions[0]!.email, 'privat@example.dk');
      const actor = {
        kind: 'user',
        user: (await db.select().from(users).where(eq(users.email, 'admin-outreach@rm.dk')))[0]!,
        adminOf: new Set([rmOrg]),
        memberships: [],
      } as never;
      const erased = await erasePersonData({ db, email: 'privat@example.dk', organisationIds: [rmOrg], actor, now });
      assert.equal(erased.openingSubscriptions, 1);
      assert.equal((await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.awardId, award.id))).length, 0);
      assert.equal(
        (await db.select().from(outboxMessages).where(like(outboxMessages.toAddress, 'privat@example.dk'))).length,
        0,
        'the confirmation e-mail goes too',
      );
      await assertAuditKeysLabelled(db);
    });

    test('the dashboard links "Send besked" for administrators', async () => {
      const e = await roundClosingIn(10 * DAY);
      const dashboard = await admin.get(`/admin/udgaver/${e.id}`);
      assert.equal(dashboard.statusCode, 200);
      assert.ok(dashboard.body.includes(`href="${outreachUrls.messages({ id: e.id })}"`));
      void sql;
    });
  });
}
