import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { auditEvents, awards, editions, nominations, outboxMessages, users } from '../../src/db/schema.js';
import { messageTemplates } from '../../src/messages/messages.schema.js';
import { MESSAGE_KIND_LIST, messageRenderer } from '../../src/messages/index.js';
import { previewValues } from '../../src/messages/preview.js';
import { SUBJECT_MAX } from '../../src/messages/template-rules.js';
import { enqueueMail } from '../../src/mail/index.js';
import { createSmtpTransport } from '../../src/mail/transport.js';
import { sendDueMail } from '../../src/mail/worker.js';
import { loadEditionForForm, withdrawNomination } from '../../src/nominations/nomination.service.js';
import { inviteMember } from '../../src/members/invitations.service.js';
import { hashToken } from '../../src/platform/tokens.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { enqueueVotingOpens } from '../../src/panel/voting-opens.service.js';
import { routeIds, type RouteIds } from '../harness/route-fixture.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';

const NOW = '2026-11-24T12:00:00Z';
const BASE = 'http://prisportal.test';
const decode = (s: string) =>
  s
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

for (const engine of ENGINES) {
  describe(`e-mail templates and stages on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let ids: RouteIds;
    let admin: Client;
    let adminId: number;
    let smtp: TestSmtpServer;
    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      smtp = await startSmtpServer();
      ids = await routeIds(t.db);
      adminId = (await createUser(t.db, { email: 'admin.beskeder@example.dk', name: 'Ada Admin', adminOf: [ids.rmOrg] })).id;
      admin = new Client(t.app);
      const s = await sessionFor(t.db, adminId, t.clock.now());
      admin.setCookie(s.name, s.value);
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });
    const page = (kind: string, language = 'da') => `/admin/udgaver/${ids.rmEdition}/e-mails/${kind}/${language}`;

    test('the list shows every e-mail of the round by stage, each language with its edit link', async () => {
      const res = await admin.get(`/admin/udgaver/${ids.rmEdition}/e-mails`);
      assert.equal(res.statusCode, 200);
      const body = decode(res.body);
      for (const heading of ['Invitationer', 'Komitéens bedømmelse', 'De nominerede', 'Vinderen', 'Ændrede datoer']) assert.ok(body.includes(heading), heading);
      assert.ok(body.includes('Fortrolig besked til vinderen'));
      assert.ok(res.body.includes(`href="${page('receipt', 'en')}"`));
      // The round's dashboard links to it.
      assert.ok((await admin.get(`/admin/udgaver/${ids.rmEdition}`)).body.includes(`href="/admin/udgaver/${ids.rmEdition}/e-mails"`));
    });

    test('the edit page shows the default and an example for a real recipient of the round', async () => {
      const [n] = await t.db.select().from(nominations).where(eq(nominations.id, ids.rmNomination));
      const res = await admin.get(page('receipt'));
      assert.equal(res.statusCode, 200);
      const body = decode(res.body);
      assert.ok(body.includes('Kvittering for din indstilling – {{edition}} ({{receipt}})'), 'the default subject in the field');
      assert.ok(body.includes(`Kvittering for din indstilling – Initiativprisen ${ids.rmYear} (${n!.receiptNumber})`), 'the example, filled');
      assert.ok(body.includes(`Kære ${n!.nominatorName}`));
      assert.ok(body.includes('{{private-link}}'), 'the words one may use are listed');
      assert.equal((await admin.get(page('no-such-kind'))).statusCode, 404);
      assert.equal((await admin.get(page('receipt', 'xx'))).statusCode, 404);
    });

    test('an unknown placeholder or a text too long is refused, pointing to the spot; what was typed stays', async () => {
      await admin.get(page('receipt'));
      const body = 'Kære {{recipient}}\n\nTak.\nSe {{nominee}} her';
      let res = await admin.post(page('receipt'), { emne: 'Tak', tekst: body, handling: 'gem' });
      assert.equal(res.statusCode, 400);
      const text = decode(res.body);
      assert.match(text, /Tekst: \{\{nominee\}\} i linje 4, tegn 4 er ikke et ord, du kan bruge her/);
      assert.match(text, /<title>Fejl: /);
      assert.ok(text.includes(body), 'the text is shown again as typed');
      res = await admin.post(page('receipt'), { emne: 'x'.repeat(SUBJECT_MAX + 5), tekst: 'Tak', handling: 'gem' });
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Emne må højst være 200 tegn\. Det er 205\. Grænsen nås i linje 1, tegn 201\./);
      res = await admin.post(page('receipt'), { emne: '', tekst: '', handling: 'gem' });
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Skriv et emne\./);
      // Control characters and huge posts are cleaned or refused, never a 500.
      res = await admin.post(page('receipt'), { emne: 'a\u0000b', tekst: 'y'.repeat(200_000), handling: 'gem' });
      assert.equal(res.statusCode, 400);
      assert.equal((await t.db.select().from(messageTemplates)).length, 0, 'nothing saved');
    });

    test('the example shows unsaved text; saving stores and audits it; markup stays text in both parts', async () => {
      let res = await admin.post(page('withdrawal'), {
        emne: 'Trukket: {{title}}',
        tekst: '<b>Hej</b> {{recipient}}\n<script>alert(1)</script>',
        handling: 'vis',
      });
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('&lt;script>alert(1)&lt;/script>'));
      assert.ok(!res.body.includes('<script>alert(1)'));
      assert.equal((await t.db.select().from(messageTemplates)).length, 0, 'an example saves nothing');
      res = await admin.post(page('withdrawal'), { emne: 'Trukket: {{title}}', tekst: '<b>Hej</b> {{recipient}}\n<script>alert(1)</script>', handling: 'gem' });
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /\?gemt=1/);
      // The same again changes nothing and logs nothing more.
      await admin.get(page('withdrawal'));
      await admin.post(page('withdrawal'), { emne: 'Trukket: {{title}}', tekst: '<b>Hej</b> {{recipient}}\n<script>alert(1)</script>', handling: 'gem' });
      const rows = await t.db.select().from(messageTemplates);
      assert.deepEqual(
        rows.map((r) => [r.kind, r.language, r.subject, r.updatedBy]),
        [['withdrawal', 'da', 'Trukket: {{title}}', adminId]],
      );
      const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'message-template.update'));
      assert.equal(audit.length, 1);
      assert.deepEqual((audit[0]!.after as Record<string, unknown>).body, '<b>Hej</b> {{recipient}}\n<script>alert(1)</script>');
      // Sent: the text part holds the characters, the HTML part shows them and runs nothing.
      const messages = (await messageRenderer(t.db, ids.rmEdition, BASE))!;
      await messages.queue(
        t.db,
        { kind: 'withdrawal', to: 'x@example.dk', language: 'da', values: { recipient: 'Xe', title: 'T' }, dedupeKey: 'test:markup' },
        t.clock.now(),
      );
      const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, 'test:markup'));
      assert.equal(row!.subject, 'Trukket: T');
      assert.equal(row!.textBody, '<b>Hej</b> Xe\n<script>alert(1)</script>');
      assert.ok(row!.htmlBody!.includes('&lt;b&gt;Hej&lt;/b&gt; Xe<br>&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!row!.htmlBody!.includes('<script>'));
      // The English text is still the default.
      assert.equal(
        messages.render('withdrawal', 'en', { recipient: 'Xe', title: 'T', receipt: 'R' }).subject,
        `Your nomination is withdrawn – Initiativprisen ${ids.rmYear} (R)`,
      );
    });

    test('a template is reset to the default, audited', async () => {
      await admin.get(page('withdrawal'));
      const res = await admin.post(`${page('withdrawal')}/nulstil`, {});
      assert.equal(res.statusCode, 303);
      assert.equal((await t.db.select().from(messageTemplates)).length, 0);
      assert.equal((await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'message-template.reset'))).length, 1);
      assert.match(decode((await admin.get(String(res.headers.location))).body), /Standardteksten bruges nu/);
    });

    test('withdrawing tells the nominee; their consent page then says so and takes no answer', async () => {
      const [open] = await t.db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
        .orderBy(desc(editions.year))
        .limit(1);
      const token = 'K'.repeat(43);
      const n = await buildNomination(t.db, {
        editionId: open!.id,
        title: 'Fælles kalender',
        nominatorName: 'Nora',
        nominatorEmail: 'nora@example.dk',
        nomineeNames: 'Team Kalender',
        nomineeEmail: 'team@example.dk',
        nomineeConsentTokenHash: hashToken(token),
        nomineeLanguage: 'en',
      });
      const edition = (await loadEditionForForm(t.db, open!.id))!;
      const done = await withdrawNomination({ db: t.db, edition, nominationId: n.id, now: t.clock.now(), mail: { baseUrl: BASE } });
      assert.equal(done.ok, true);
      const mails = await t.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.about, `nomination:${n.id}`));
      assert.deepEqual(mails.map((m) => [m.kind, m.toAddress]).sort(), [
        ['nomination-withdrawn', 'nora@example.dk'],
        ['withdrawal-nominee', 'team@example.dk'],
      ]);
      const nominee = mails.find((m) => m.kind === 'withdrawal-nominee')!;
      // In the nominee's own language.
      assert.match(nominee.subject, /^Your nomination for Årets Borgerinddragende Initiativ \d{4} has been withdrawn$/);
      assert.match(nominee.textBody, /Nora has withdrawn the nomination of you/);
      const visitor = new Client(t.app);
      let res = await visitor.get(`/samtykke/${token}`);
      assert.equal(res.statusCode, 200);
      assert.match(decode(res.body), /Indstillingen er trukket tilbage/);
      assert.ok(!res.body.includes('name="answer"'), 'no answer is asked for');
      await visitor.get('/log-ind'); // a form's CSRF token, as a browser that kept the old page would have
      res = await visitor.post(`/samtykke/${token}`, { answer: 'accepted' });
      assert.equal(res.statusCode, 409);
      const [after] = await t.db.select().from(nominations).where(eq(nominations.id, n.id));
      assert.equal(after!.nomineeConsent, 'pending');
      // Withdrawn twice: told once.
      await withdrawNomination({ db: t.db, edition, nominationId: n.id, now: t.clock.now(), mail: { baseUrl: BASE } });
      assert.equal(
        (
          await t.db
            .select()
            .from(outboxMessages)
            .where(eq(outboxMessages.about, `nomination:${n.id}`))
        ).length,
        2,
      );
    });

    test("an invitation goes out in the organiser's choice of language, with the dates, and the person keeps that language", async () => {
      const actor = { kind: 'user' as const, user: { id: adminId, name: 'Ada Admin', email: 'admin.beskeder@example.dk' }, adminOf: new Set([ids.rmOrg]) };
      const r = await inviteMember({
        db: t.db,
        actor: actor as never,
        editionId: ids.rmEdition,
        input: { name: 'Pia Patient', email: 'pia@example.dk', role: 'panel', isChair: false, partyLetter: '', represents: '', language: 'en' },
        now: t.clock.now(),
        publicBaseUrl: BASE,
      });
      assert.equal(r.ok, true);
      const [mail] = await t.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'member-invitation'), eq(outboxMessages.toAddress, 'pia@example.dk')));
      assert.match(mail!.subject, /^Would you join the patient panel of Initiativprisen \d{4}\?$/);
      assert.match(mail!.textBody, /You do not need to know about healthcare/);
      assert.match(mail!.textBody, /The winner is announced on /);
      assert.doesNotMatch(mail!.textBody, /bedømme/);
      const [pia] = await t.db.select().from(users).where(eq(users.email, 'pia@example.dk'));
      assert.equal(pia!.language, 'en');
    });

    test('voting opens: every panel member is told once, in their language, when there is a shortlist', async () => {
      const day = 24 * 3600_000;
      const now = t.clock.now();
      const at = (d: number) => new Date(now.getTime() + d * day);
      const e = await buildEdition(t.db, {
        awardId: ids.rmAward,
        opensAt: at(-60),
        closesAt: at(-40),
        nomineesPublishedAt: at(-2),
        votingOpensAt: at(-1),
        votingClosesAt: at(7),
        winnerAnnouncedAt: at(10),
        hasPatientPanel: true,
      });
      const da = await buildMember(t.db, { editionId: e.id, role: 'panel', name: 'Dorthe' });
      const en = await buildMember(t.db, { editionId: e.id, role: 'panel', name: 'Emma' });
      await t.db.update(users).set({ language: 'en' }).where(eq(users.id, en.userId));
      const run = (when: Date) => enqueueVotingOpens({ db: t.db, now: when, publicBaseUrl: BASE });
      assert.equal(await run(now), 0, 'no shortlist yet: it waits');
      const n = await buildNomination(t.db, { editionId: e.id, title: 'Nomineret løsning' });
      await t.db.insert(shortlists).values({ editionId: e.id, decidedAt: at(-3) });
      await t.db.insert(shortlistEntries).values({ editionId: e.id, nominationId: n.id, position: 1 });
      const [a, b] = await Promise.all([run(now), run(now)]);
      assert.equal(a + b, 2);
      assert.equal(await run(at(1)), 0, 'once');
      const mails = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'voting-opens'));
      const byTo = new Map(mails.map((m) => [m.toAddress, m]));
      assert.match(byTo.get(da.email)!.subject, /^Nu kan du stemme: /);
      assert.match(byTo.get(en.email)!.subject, /^You can now vote: /);
      assert.ok(byTo.get(da.email)!.textBody.includes(`${BASE}/panel/udgaver/${e.id}`));
    });

    test('every kind of e-mail arrives over SMTP with a text and an HTML part, absolute links and a stable Message-ID', async () => {
      await t.db.delete(outboxMessages);
      const messages = (await messageRenderer(t.db, ids.rmEdition, `${BASE}/`))!;
      const now = t.clock.now();
      let n = 0;
      for (const kind of MESSAGE_KIND_LIST) {
        for (const language of ['da', 'en'] as const) {
          const values = previewValues(kind, null, { editionId: ids.rmEdition, baseUrl: BASE, language, now });
          await messages.queue(t.db, { kind, to: `modtager${++n}@example.dk`, language, values, dedupeKey: `parts:${kind}:${language}` }, now);
        }
      }
      // E-mails outside the templates get the same layout (a sign-in link is nobody's round).
      await enqueueMail(t.db, { kind: 'sign-in-link', to: 'login@example.dk', subject: 'Log ind', text: `Hej\n\nLog ind her:\n${BASE}/log-ind/link/abc` }, now);
      n++;
      const transport = createSmtpTransport(smtp.url);
      try {
        let sent = 0;
        for (let i = 0; i < 5 && sent < n; i++) sent += (await sendDueMail({ db: t.db, transport, now, batchSize: 100 })).sent;
        assert.equal(sent, n);
      } finally {
        transport.close?.();
      }
      const got = await smtp.waitFor(n);
      const rows = await t.db.select().from(outboxMessages);
      for (const m of got) {
        const parsed = await simpleParser(m.raw);
        const to = m.envelope.to[0]!;
        const row = rows.find((r) => r.toAddress === to)!;
        const what = `${row.kind} to ${to}`;
        assert.ok(parsed.text && parsed.text.trim().length > 0, `${what}: a text part`);
        assert.ok(typeof parsed.html === 'string' && parsed.html.includes('<html lang="'), `${what}: an HTML part`);
        assert.match(parsed.messageId ?? '', new RegExp(`^<outbox-${row.id}\\.[0-9a-z]+@prisportal\\.local>$`), `${what}: Message-ID`);
        assert.ok(!parsed.text.includes('{{'), `${what}: no placeholder left`);
        const html = parsed.html as string;
        assert.ok(html.includes(row.organisationId === null ? 'Prisportal' : 'Region Midtjylland'), `${what}: the organisation on top`);
        const textLinks = parsed.text.match(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g) ?? [];
        const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((x) => decode(x[1]!));
        assert.ok(hrefs.length > 0 || textLinks.length === 0, `${what}: links`);
        for (const href of hrefs) assert.ok(href.startsWith(`${BASE}/`), `${what}: ${href} is absolute`);
        assert.deepEqual(hrefs, textLinks, `${what}: the same links in both parts`);
        assert.ok(!/href="\//.test(html) && !/\]\(\//.test(parsed.text), `${what}: no relative link`);
      }
      // The Message-ID of a row is the same on every try.
      assert.equal(new Set(got.map((m) => m.parsed.messageId)).size, n);
    });
  });
}
