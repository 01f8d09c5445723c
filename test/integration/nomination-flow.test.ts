import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { awards, editions, formSections, nominations, organisations, outboxMessages } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { HttpAgent } from '../harness/http-agent.js';
import { createUser, signedInAgent } from '../harness/accounts.js';

const SEEDED_AT = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`the nomination flow on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let base: string; // /priser/aarets-borgerinddragende-initiativ/<year>
    let edition: typeof editions.$inferSelect;
    let sections: (typeof formSections.$inferSelect)[];

    before(async () => {
      t = await startTestApp(engine, SEEDED_AT);
      const [row] = await t.database.db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
        .orderBy(editions.year);
      const all = await t.database.db.select().from(editions).where(eq(editions.awardId, row!.e.awardId));
      edition = all.sort((a, b) => b.year - a.year)[0]!;
      base = `/priser/aarets-borgerinddragende-initiativ/${edition.year}`;
      sections = await t.database.db.select().from(formSections).where(eq(formSections.editionId, edition.id)).orderBy(formSections.position);
    });
    after(async () => t.close());

    const aboutYou = { nominatorName: 'Lise Jensen', nominatorEmail: 'lise@eksempel.dk', nominatorIsCitizen: 'no', nominatorWorkplace: 'Akutafdelingen, AUH' };
    const nominee = {
      nomineeKind: 'team',
      nomineeNames: 'Team Hjemmedialyse',
      nomineeUnit: 'Nyremedicinsk afdeling',
      nomineeOrganisation: 'Aarhus Universitetshospital',
      nomineeEmail: 'søren@eksempel.dk',
    };
    const solution = async () => {
      const crit = (await t.app.inject(`/api/v1/editions/${edition.id}`)).json().criteria;
      void crit;
      return { title: 'Video-konsultationer <script>alert(1)</script>', summary: 'Patienter i hjemmedialyse taler med sygeplejersken over video.' };
    };
    const describeAll = () => Object.fromEntries(sections.map((s) => [`section-${s.id}`, `Tekst til ${s.heading}. Borgerne var med fra start.`]));

    /** Walks a new nominator through every step; returns the agent and the nomination id. */
    async function nominate(): Promise<{ agent: HttpAgent; id: number }> {
      const agent = new HttpAgent(t.app);
      const start = await agent.get(`${base}/indstil`);
      assert.equal(start.statusCode, 200);
      assert.match(start.body, /Start indstilling/);
      const first = await agent.get(`${base}/indstil/om-dig`);
      assert.equal(first.statusCode, 200);
      const r1 = await agent.post(`${base}/indstil/om-dig`, { ...aboutYou, handling: 'fortsaet' });
      assert.equal(r1.statusCode, 303, r1.body.slice(0, 300));
      const id = Number(/\/indstillinger\/(\d+)\/kandidat/.exec(r1.headers.location as string)![1]);
      await agent.get(`/indstillinger/${id}/kandidat`);
      const r2 = await agent.post(`/indstillinger/${id}/kandidat`, { ...nominee, version: await versionOf(id), handling: 'fortsaet' });
      assert.equal(r2.headers.location, `/indstillinger/${id}/loesning`);
      const critIds = (await t.app.inject(`/api/v1/editions/${edition.id}`)).json().criteria;
      assert.ok(critIds.length > 0);
      const page = await agent.get(`/indstillinger/${id}/loesning`);
      const firstCriterion = /name="criterionIds" value="(\d+)"/.exec(page.body)![1]!;
      const r3 = await agent.post(`/indstillinger/${id}/loesning`, {
        ...(await solution()),
        criterionIds: [firstCriterion],
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      assert.equal(r3.headers.location, `/indstillinger/${id}/beskrivelse`);
      await agent.get(`/indstillinger/${id}/beskrivelse`);
      const r4 = await agent.post(`/indstillinger/${id}/beskrivelse`, { ...describeAll(), version: await versionOf(id), handling: 'fortsaet' });
      assert.equal(r4.headers.location, `/indstillinger/${id}/tjek`);
      return { agent, id };
    }

    const versionOf = async (id: number) => String((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.version);
    const mails = async (kind?: string) =>
      (await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id)).filter((m) => kind === undefined || m.kind === kind);

    test('a nominator goes from the start page to a receipt, and the outbox holds the e-mails', async () => {
      const before = (await mails()).length;
      const { agent, id } = await nominate();
      const check = await agent.get(`/indstillinger/${id}/tjek`);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /Tjek dine svar/);
      assert.match(check.body, /Redigér/);
      // HTML typed by the user is shown as text, never as markup.
      assert.ok(check.body.includes('Video-konsultationer &lt;script'));
      assert.ok(!check.body.includes('<script>alert(1)'));
      const send = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      assert.equal(send.statusCode, 303);
      assert.equal(send.headers.location, `/indstillinger/${id}/kvittering`);
      const receipt = await agent.get(`/indstillinger/${id}/kvittering`);
      assert.equal(receipt.statusCode, 200);
      const number = /class="receipt-number">([^<]+)</.exec(receipt.body)![1]!;
      assert.match(number, new RegExp(`^ABI-${edition.year}-\\d{4}$`));
      assert.match(receipt.body, /Hvad sker der nu\?/);
      const [row] = await t.database.db.select().from(nominations).where(eq(nominations.id, id));
      assert.equal(row!.status, 'sent');
      assert.equal(row!.receiptNumber, number);
      const added = (await mails()).slice(before);
      assert.deepEqual(added.map((m) => m.kind).sort(), ['nomination-receipt', 'nominee-notice']);
      const r = added.find((m) => m.kind === 'nomination-receipt')!;
      assert.equal(r.toAddress, 'lise@eksempel.dk');
      assert.ok(r.subject.includes(number));
      assert.ok(r.textBody.includes('Tekst til Baggrund.'), 'the receipt holds a copy of the nomination');
      assert.match(r.textBody, /Bilag\n-----\n\(ingen bilag\)/, 'and lists the files sent with it');
      assert.equal(added.find((m) => m.kind === 'nominee-notice')!.toAddress, 'søren@eksempel.dk');

      // A second click on "Send" with the same form gives the same receipt and no new e-mail.
      const again = await agent.post(`/indstillinger/${id}/tjek`, { version: String(Number(await versionOf(id)) - 1) });
      assert.equal(again.statusCode, 303);
      assert.equal((await mails()).length, before + 2);
    });

    test('receipt numbers count up per edition', async () => {
      const a = await nominate();
      await a.agent.post(`/indstillinger/${a.id}/tjek`, { version: await versionOf(a.id) });
      const b = await nominate();
      await b.agent.post(`/indstillinger/${b.id}/tjek`, { version: await versionOf(b.id) });
      const rows = await t.database.db
        .select()
        .from(nominations)
        .where(and(eq(nominations.editionId, edition.id), eq(nominations.status, 'sent')));
      const numbers = rows.map((r) => Number(r.receiptNumber!.slice(-4))).sort((x, y) => x - y);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => i + 1),
      );
    });

    test('a missing or wrong answer gets a Danish error beside the field and in the summary, and the text stays', async () => {
      const agent = new HttpAgent(t.app);
      await agent.get(`${base}/indstil/om-dig`);
      const res = await agent.post(`${base}/indstil/om-dig`, { nominatorName: 'Lise', nominatorEmail: 'ikke-en-mail', handling: 'fortsaet' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<title>Fejl: /);
      assert.match(res.body, /id="error-summary"[^>]*tabindex="-1"|tabindex="-1"[^>]*id="error-summary"/);
      assert.match(res.body, /href="#nominatorEmail"[^>]*>Skriv e-mailen i formatet navn@eksempel\.dk/);
      assert.match(res.body, /href="#nominatorIsCitizen"/);
      assert.match(res.body, /value="ikke-en-mail"/, 'what was typed is kept');
      // Regression: "&lt;" typed into a field must come back as typed, not decoded to "<".
      const amp = await agent.post(`${base}/indstil/om-dig`, { nominatorName: 'Lise &lt;3 & co', handling: 'fortsaet' });
      assert.match(amp.body, /id="nominatorName" name="nominatorName" value="Lise &amp;lt;3 &amp; co"/);
    });

    test('over the word limit: the limit does not block saving, only sending', async () => {
      const { agent, id } = await nominate();
      const limited = sections.find((s) => s.wordLimit !== null)!;
      const long = Array.from({ length: limited.wordLimit! + 12 }, (_, i) => `ord${i}`).join(' ');
      const res = await agent.post(`/indstillinger/${id}/beskrivelse`, {
        ...describeAll(),
        [`section-${limited.id}`]: long,
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes(`har ${limited.wordLimit! + 12} ord. Forkort den til højst ${limited.wordLimit} ord`));
      const [row] = await t.database.db.select().from(nominations).where(eq(nominations.id, id));
      assert.equal(row!.answers[String(limited.id)], long, 'the long text is saved');
      const check = await agent.get(`/indstillinger/${id}/tjek`);
      assert.doesNotMatch(check.body, /Send indstilling/);
      const send = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      assert.equal(send.statusCode, 400);
    });

    test('"Gem kladde" e-mails a private link that opens the draft on another device', async () => {
      const agent = new HttpAgent(t.app);
      await agent.get(`${base}/indstil/om-dig`);
      const res = await agent.post(`${base}/indstil/om-dig`, { ...aboutYou, handling: 'gem' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Kladden er gemt/);
      const link = (await mails('draft-link')).at(-1)!;
      assert.equal(link.toAddress, 'lise@eksempel.dk');
      const url = /http:\/\/prisportal\.test(\/indstillinger\/adgang\/[A-Za-z0-9_-]+)/.exec(link.textBody)![1]!;
      const phone = new HttpAgent(t.app);
      const opened = await phone.get(url);
      assert.equal(opened.statusCode, 303);
      const id = Number(/\/indstillinger\/(\d+)/.exec(opened.headers.location as string)![1]);
      const page = await phone.get(`/indstillinger/${id}/om-dig`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /value="Lise Jensen"/);
    });

    test('no access without the private link: foreign ids, made-up tokens, a renewed link', async () => {
      const { agent, id } = await nominate();
      const stranger = new HttpAgent(t.app);
      for (const url of [`/indstillinger/${id}/om-dig`, `/indstillinger/${id}/tjek`, `/indstillinger/${id}/kvittering`, `/indstillinger/${id}/kladde.txt`]) {
        const res = await stranger.get(url);
        assert.equal(res.statusCode, 403, url);
        assert.doesNotMatch(res.body, /Lise Jensen/);
      }
      assert.equal((await stranger.get(`/indstillinger/adgang/${'x'.repeat(43)}`)).statusCode, 403);
      assert.equal((await stranger.get('/indstillinger/adgang/kort')).statusCode, 403);
      assert.equal((await stranger.get('/indstillinger/abc/om-dig')).statusCode, 404);
      assert.equal((await stranger.get('/indstillinger/999999/om-dig')).statusCode, 403);
      assert.equal((await agent.get(`/indstillinger/${id}/ukendt-trin`)).statusCode, 404);
      // A renewed link: the old token stops working at once.
      const old = agent.cookie(`indstilling_${id}`)!;
      await agent.get(`/indstillinger/${id}/tjek`);
      const renewed = await agent.post(`/indstillinger/${id}/nyt-link`, {});
      assert.equal(renewed.statusCode, 303);
      assert.notEqual(agent.cookie(`indstilling_${id}`), old);
      assert.equal((await stranger.get(`/indstillinger/adgang/${old}`)).statusCode, 403);
      assert.equal((await agent.get(`/indstillinger/${id}/tjek`)).statusCode, 200);
    });

    test('a form without its CSRF token is refused with a Danish page and nothing changes', async () => {
      const { agent, id } = await nominate();
      const beforeRow = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      const res = await agent.post(`/indstillinger/${id}/om-dig`, { ...aboutYou, nominatorName: 'Ændret', version: await versionOf(id) }, { csrf: null });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Formularen er udløbet/);
      const forged = await agent.post(
        `/indstillinger/${id}/om-dig`,
        { ...aboutYou, nominatorName: 'Ændret', version: await versionOf(id) },
        { csrf: 'forfalsket' },
      );
      assert.equal(forged.statusCode, 403);
      const afterRow = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.equal(afterRow.nominatorName, beforeRow.nominatorName);
    });

    test('two tabs: a save based on an old version is refused and its text is shown back', async () => {
      const { agent, id } = await nominate();
      const tab2 = new HttpAgent(t.app);
      tab2.copyCookiesFrom(agent);
      const v = await versionOf(id);
      const first = await agent.post(`/indstillinger/${id}/om-dig`, { ...aboutYou, nominatorName: 'Fra fane 1', version: v, handling: 'fortsaet' });
      assert.equal(first.statusCode, 303);
      const second = await tab2.post(`/indstillinger/${id}/om-dig`, { ...aboutYou, nominatorName: 'Fra fane 2', version: v, handling: 'fortsaet' });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /ændret i et andet vindue/);
      assert.match(second.body, /value="Fra fane 2"/);
      // Pressing again saves the second tab's text over the first.
      const retry = await tab2.post(`/indstillinger/${id}/om-dig`, {
        ...aboutYou,
        nominatorName: 'Fra fane 2',
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      assert.equal(retry.statusCode, 303);
      assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.nominatorName, 'Fra fane 2');
    });

    test('the window is exact: at the closing instant the text is kept as a draft that cannot be sent', async () => {
      const { agent, id } = await nominate();
      const closes = edition.closesAt!;
      try {
        t.clock.set(new Date(closes.getTime() - 1));
        assert.equal((await agent.get(`/indstillinger/${id}/tjek`)).statusCode, 200);
        t.clock.set(closes);
        const late = await agent.post(`/indstillinger/${id}/beskrivelse`, {
          ...describeAll(),
          [`section-${sections[0]!.id}`]: 'Skrevet i sidste sekund',
          version: await versionOf(id),
          handling: 'fortsaet',
        });
        assert.equal(late.statusCode, 409);
        assert.match(late.body, /Fristen er overskredet/);
        assert.match(late.body, /Skrevet i sidste sekund/);
        const row = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
        assert.equal(row.answers[String(sections[0]!.id)], 'Skrevet i sidste sekund', 'kept as a draft');
        const send = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
        assert.equal(send.statusCode, 409);
        assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.status, 'draft');
        const download = await agent.get(`/indstillinger/${id}/kladde.txt`);
        assert.equal(download.statusCode, 200);
        assert.match(download.headers['content-disposition'] as string, /attachment/);
        assert.ok(download.body.includes('Skrevet i sidste sekund'));
        // A new nomination cannot be started at the closing instant; the typed text is shown back.
        const fresh = new HttpAgent(t.app);
        await fresh.get(`${base}/indstil`);
        const refused = await fresh.post(`${base}/indstil/om-dig`, { ...aboutYou, nominatorName: 'For sent', handling: 'fortsaet' }, { csrf: agent.csrf });
        assert.ok([403, 409].includes(refused.statusCode));
      } finally {
        t.clock.set(SEEDED_AT);
      }
    });

    test('before opening the start page says when the link opens', async () => {
      try {
        t.clock.set(new Date(edition.opensAt!.getTime() - 1));
        const res = await t.app.inject(`${base}/indstil`);
        assert.match(res.body, /Linket aktiveres \d+\. \w+ \d{4} kl\. 12\.00\./);
        assert.doesNotMatch(res.body, /Start indstilling/);
        t.clock.set(edition.opensAt!);
        assert.match((await t.app.inject(`${base}/indstil`)).body, /Start indstilling/);
      } finally {
        t.clock.set(SEEDED_AT);
      }
    });

    test('a sent nomination can be changed and withdrawn until the deadline', async () => {
      const { agent, id } = await nominate();
      await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      await agent.get(`/indstillinger/${id}/loesning`);
      const change = await agent.post(`/indstillinger/${id}/loesning`, {
        title: 'Ny titel',
        summary: 'Kort.',
        criterionIds: [String((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.criterionIds[0])],
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      assert.equal(change.headers.location, `/indstillinger/${id}/tjek`);
      const mailsBefore = (await mails('nomination-receipt')).length;
      await agent.get(`/indstillinger/${id}/tjek`);
      const resend = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      assert.equal(resend.statusCode, 303);
      assert.equal((await mails('nomination-receipt')).length, mailsBefore + 1, 'the changes are confirmed by e-mail');
      await agent.get(`/indstillinger/${id}/traek-tilbage`);
      const w = await agent.post(`/indstillinger/${id}/traek-tilbage`, {});
      assert.equal(w.statusCode, 303);
      const row = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.equal(row.status, 'withdrawn');
      assert.equal(row.title, 'Ny titel');
      assert.match((await agent.get(`/indstillinger/${id}/kvittering`)).body, /trukket tilbage/);
    });

    test('sent stays sent until the changes are sent: administrators see the sent version, the receipt both instants', async () => {
      const { agent, id } = await nominate();
      await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      const sentRow = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      const mailsBefore = (await mails('nomination-receipt')).length;
      // The nominator changes the title and leaves without sending, an hour later.
      t.clock.set(new Date(new Date(SEEDED_AT).getTime() + 3600_000).toISOString());
      try {
        await agent.get(`/indstillinger/${id}/loesning`);
        const change = await agent.post(`/indstillinger/${id}/loesning`, {
          title: 'Arbejdskopi-titel',
          summary: 'Kort.',
          criterionIds: [String(sentRow.criterionIds[0])],
          version: await versionOf(id),
          handling: 'fortsaet',
        });
        assert.equal(change.headers.location, `/indstillinger/${id}/tjek`);
        const stored = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
        assert.equal(stored.title, sentRow.title, 'the sent version is unchanged');
        assert.equal(stored.updatedAt.getTime(), sentRow.updatedAt.getTime(), 'screening sees no change');
        assert.equal(stored.workingCopy?.title, 'Arbejdskopi-titel');
        // Administrators, committee and exports read the sent version; the nominator the working copy.
        const [dr] = await t.database.db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner'));
        const adminUser = await createUser(t.database.db, { email: `working.copy.${engine}@regioner.dk`, adminOf: [dr!.id] });
        const admin = await signedInAgent(t.app, t.database.db, adminUser.id, t.clock.now());
        const detail = await admin.get(`/admin/indstillinger/${id}`);
        assert.equal(detail.statusCode, 200);
        assert.ok(detail.body.includes('Video-konsultationer &lt;script'), 'the administrator sees the sent title');
        assert.ok(!detail.body.includes('Arbejdskopi-titel'), 'the administrator does not see unsent changes');
        assert.doesNotMatch(detail.body, /id="changed-after-screening"/);
        const csv = await admin.get(`/admin/udgaver/${edition.id}/indstillinger.csv`);
        assert.equal(csv.statusCode, 200);
        assert.ok(!csv.body.includes('Arbejdskopi-titel'), 'nor does the export');
        const check = await agent.get(`/indstillinger/${id}/tjek`);
        assert.ok(check.body.includes('Arbejdskopi-titel'), 'the nominator sees their working copy');
        assert.match(check.body, /Du har ændringer, der ikke er sendt/);
        const receipt = await agent.get(`/indstillinger/${id}/kvittering`);
        assert.match(receipt.body, /id="pending-changes"/);
        assert.equal((await mails('nomination-receipt')).length, mailsBefore, 'no receipt for a change not sent');

        // "Send ændringer": the working copy replaces the sent version, with a new receipt e-mail.
        const send = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
        assert.equal(send.statusCode, 303);
        const after = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
        assert.equal(after.title, 'Arbejdskopi-titel');
        assert.equal(after.workingCopy, null);
        assert.equal(after.receiptNumber, sentRow.receiptNumber);
        assert.equal(after.firstSentAt!.getTime(), sentRow.sentAt!.getTime());
        assert.ok(after.sentAt!.getTime() > sentRow.sentAt!.getTime());
        assert.equal((await mails('nomination-receipt')).length, mailsBefore + 1);
        assert.ok((await admin.get(`/admin/indstillinger/${id}`)).body.includes('Arbejdskopi-titel'), 'sent: now everyone sees it');
        const shown = (await agent.get(`/indstillinger/${id}/kvittering`)).body;
        assert.match(shown, /Først sendt/);
        assert.match(shown, /Senest ændret/);
        assert.equal(shown.match(/Kvitteringsnummer/g)?.length, 1, 'the receipt number is labelled once');
        assert.doesNotMatch(shown, /id="pending-changes"/);

        // Saving a step without changing anything, then "Send": nothing to send, no e-mail.
        await agent.get(`/indstillinger/${id}/loesning`);
        await agent.post(`/indstillinger/${id}/loesning`, {
          title: 'Arbejdskopi-titel',
          summary: 'Kort.',
          criterionIds: [String(sentRow.criterionIds[0])],
          version: await versionOf(id),
          handling: 'fortsaet',
        });
        await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
        const same = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
        assert.equal(same.workingCopy, null);
        assert.equal(same.updatedAt.getTime(), after.updatedAt.getTime());
        assert.equal((await mails('nomination-receipt')).length, mailsBefore + 1);
      } finally {
        t.clock.set(SEEDED_AT);
      }
    });

    test("anyone can nominate: a citizen may leave the nominee's e-mail and unit empty, an employee may not", async () => {
      const agent = new HttpAgent(t.app);
      await agent.get(`${base}/indstil/om-dig`);
      const r1 = await agent.post(`${base}/indstil/om-dig`, {
        nominatorName: 'Karen Borger',
        nominatorEmail: 'karen@eksempel.dk',
        nominatorIsCitizen: 'yes',
        handling: 'fortsaet',
      });
      const id = Number(/\/indstillinger\/(\d+)\/kandidat/.exec(r1.headers.location as string)![1]);
      const page = await agent.get(`/indstillinger/${id}/kandidat`);
      assert.match(page.body, /Kender du ikke en e-mail, så lad feltet stå tomt/);
      const withoutContact = {
        nomineeKind: 'team',
        nomineeNames: 'Sygeplejerskerne på A4',
        nomineeUnit: '',
        nomineeOrganisation: 'Aarhus Universitetshospital',
        nomineeEmail: '',
      };
      const r2 = await agent.post(`/indstillinger/${id}/kandidat`, { ...withoutContact, version: await versionOf(id), handling: 'fortsaet' });
      assert.equal(r2.statusCode, 303, 'a citizen goes on without the contact');
      const solutionPage = await agent.get(`/indstillinger/${id}/loesning`);
      const firstCriterion = /name="criterionIds" value="(\d+)"/.exec(solutionPage.body)![1]!;
      await agent.post(`/indstillinger/${id}/loesning`, {
        ...(await solution()),
        criterionIds: [firstCriterion],
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      await agent.get(`/indstillinger/${id}/beskrivelse`);
      await agent.post(`/indstillinger/${id}/beskrivelse`, { ...describeAll(), version: await versionOf(id), handling: 'fortsaet' });
      const notices = (await mails('nominee-notice')).length;
      await agent.get(`/indstillinger/${id}/tjek`);
      const send = await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      assert.equal(send.headers.location, `/indstillinger/${id}/kvittering`);
      assert.equal((await mails('nominee-notice')).length, notices, 'no notice to an empty address');
      const sent = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.equal(sent.status, 'sent');
      assert.equal(sent.nomineeConsentTokenHash, null, 'the consent link is made when an address is known');

      // An employee must give them.
      const employee = new HttpAgent(t.app);
      await employee.get(`${base}/indstil/om-dig`);
      const e1 = await employee.post(`${base}/indstil/om-dig`, { ...aboutYou, handling: 'fortsaet' });
      const eid = Number(/\/indstillinger\/(\d+)\/kandidat/.exec(e1.headers.location as string)![1]);
      await employee.get(`/indstillinger/${eid}/kandidat`);
      const e2 = await employee.post(`/indstillinger/${eid}/kandidat`, { ...withoutContact, version: await versionOf(eid), handling: 'fortsaet' });
      assert.equal(e2.statusCode, 400);
      assert.match(e2.body, /Skriv e-mailen på en kontaktperson/);
      assert.match(e2.body, /Skriv afdeling eller enhed/);
    });

    test('the nominee answers whether they may be published', async () => {
      const { agent, id } = await nominate();
      await agent.post(`/indstillinger/${id}/tjek`, { version: await versionOf(id) });
      const notice = (await mails('nominee-notice')).at(-1)!;
      const path = /http:\/\/prisportal\.test(\/samtykke\/[A-Za-z0-9_-]+)/.exec(notice.textBody)![1]!;
      const nomineeAgent = new HttpAgent(t.app);
      const page = await nomineeAgent.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Må vi offentliggøre jeres navne\?/);
      const missing = await nomineeAgent.post(path, {});
      assert.equal(missing.statusCode, 400);
      const yes = await nomineeAgent.post(path, { answer: 'accepted' });
      assert.equal(yes.statusCode, 200);
      assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.nomineeConsent, 'accepted');
      assert.equal((await t.app.inject(`/samtykke/${'y'.repeat(43)}`)).statusCode, 404);
    });

    test('autosave stores what is typed and returns the new version; a stale version is refused', async () => {
      const { agent, id } = await nominate();
      await agent.get(`/indstillinger/${id}/loesning`);
      const v = await versionOf(id);
      const ok = await agent.post(`/indstillinger/${id}/autogem`, { step: 'loesning', title: 'Autogemt titel', summary: 'x', version: v });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { saved: true, version: Number(v) + 1 });
      const stale = await agent.post(`/indstillinger/${id}/autogem`, { step: 'loesning', title: 'Gammel', version: v });
      assert.equal(stale.statusCode, 409);
      assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!.title, 'Autogemt titel');
    });

    test('control characters are removed, Danish letters and line breaks kept', async () => {
      const { agent, id } = await nominate();
      await agent.get(`/indstillinger/${id}/kandidat`);
      await agent.post(`/indstillinger/${id}/kandidat`, {
        ...nominee,
        nomineeNames: 'Æble\u0000team\u0007 Øst',
        version: await versionOf(id),
        handling: 'fortsaet',
      });
      const row = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.equal(row.nomineeNames, 'Æbleteam Øst');
    });
  });
}
