import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, criteria, editions, formSections, organisations, outboxMessages } from '../../src/db/schema.js';
import { createSmtpTransport } from '../../src/mail/transport.js';
import { htmlOfText } from '../../src/mail/html-layout.js';
import { loadEditionForForm, sendNomination } from '../../src/nominations/nomination.service.js';
import { buildNomination } from '../harness/factories.js';
import { sendDueMail } from '../../src/mail/worker.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';

// The whole chain: a nomination is sent, the outbox worker delivers the receipt and the
// nominee's notice over SMTP to a real server, with Danish text intact.
for (const engine of ENGINES) {
  describe(`receipt e-mails over SMTP on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let smtp: TestSmtpServer;
    before(async () => {
      t = await startTestApp(engine, '2026-11-24T12:00:00Z');
      smtp = await startSmtpServer();
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    test('the nominator gets a receipt with a copy; the nominee gets a consent link; once each', async () => {
      const rows = await t.database.db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const edition = rows.map((r) => r.e).sort((a, b) => b.year - a.year)[0]!;
      const secs = await t.database.db.select().from(formSections).where(eq(formSections.editionId, edition.id));
      const crit = await t.database.db.select().from(criteria).where(eq(criteria.editionId, edition.id));
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          nominator: { name: 'Søren Ærø', email: 'søren@eksempel.dk', isCitizen: true },
          nominee: { kind: 'workplace', names: 'Øjenafdelingen', unit: 'Øjenklinikken', organisation: 'Regionshospitalet Gødstrup', email: 'øje@eksempel.dk' },
          title: 'Åben dialog – “hele vejen”',
          summary: 'Patienterne skriver selv deres spørgsmål før samtalen.',
          criterionIds: [crit[0]!.id],
          answers: Object.fromEntries(secs.map((s) => [String(s.id), `Om ${s.heading}: æ ø å.`])),
        }),
      });
      assert.equal(res.statusCode, 201, res.body);
      const { receiptNumber } = res.json();
      const transport = createSmtpTransport(smtp.url);
      try {
        const result = await sendDueMail({ db: t.database.db, transport, now: t.clock.now() });
        assert.equal(result.sent, 2);
        const again = await sendDueMail({ db: t.database.db, transport, now: new Date(t.clock.now().getTime() + 3_600_000) });
        assert.equal(again.sent, 0, 'nothing is sent twice');
      } finally {
        transport.close?.();
      }
      const got = await smtp.waitFor(2);
      const receipt = got.find((m) => m.parsed.subject?.startsWith('Kvittering'))!;
      assert.equal(receipt.parsed.subject, `Kvittering for din indstilling – Årets Borgerinddragende Initiativ ${edition.year} (${receiptNumber})`);
      assert.deepEqual(receipt.envelope.to, ['søren@eksempel.dk']);
      assert.ok(receipt.parsed.text?.includes('Åben dialog – “hele vejen”'));
      assert.ok(receipt.parsed.text?.includes('Hvad sker der nu?'));
      const notice = got.find((m) => m !== receipt)!;
      assert.deepEqual(notice.envelope.to, ['øje@eksempel.dk']);
      assert.match(notice.parsed.text ?? '', /\/samtykke\/[A-Za-z0-9_-]{43}/);
    });

    // The sending statements store no HTML part; the worker makes it at delivery (src/mail
    // outbox.ts htmlPartOf). What arrives must be what was stored before: the layout of the
    // stored text (htmlOfText, as enqueueMail renders it), in the e-mail's language, with the
    // round's organisation on top, the receipt number in it.
    test('the HTML part made at delivery is the one rendered before, byte for byte, in Danish (the API) and English (the form)', async () => {
      const db = t.database.db;
      const [row] = await db
        .select({ e: editions, organisation: organisations.name })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .innerJoin(organisations, eq(organisations.id, awards.organisationId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
        .orderBy(editions.year);
      const edition = (await db.select().from(editions).where(eq(editions.awardId, row!.e.awardId))).sort((a, b) => b.year - a.year)[0]!;
      const ed = (await loadEditionForForm(db, edition.id))!;
      const secs = ed.form.sections;
      // Danish: through the API (the receipt and the notice, both written by the one statement).
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          nominator: { name: 'Ida <Ø> & Co', email: 'ida@eksempel.dk', isCitizen: true },
          nominee: { kind: 'person', names: 'Bo "B" Ås', unit: 'Afd. 1', organisation: 'Region Midtjylland', email: 'bo@eksempel.dk' },
          title: 'Linjer\n- med streg\n- og <b>fed</b> https://eksempel.dk/a?b=1&c=2.',
          summary: 'Kort.',
          criterionIds: [ed.form.criteria[0]!.id],
          answers: Object.fromEntries(secs.map((s) => [String(s.id), `Svar om ${s.heading}.\n\nAndet afsnit – æøå.`])),
        }),
      });
      assert.equal(res.statusCode, 201, res.body);
      // English: the form's Send from an English page (its statement writes both e-mails too).
      const draft = await buildNomination(db, {
        editionId: edition.id,
        status: 'draft',
        criterionIds: [ed.form.criteria[0]!.id],
        nomineeEmail: 'nominee-en@example.com',
      });
      const sent = await sendNomination({
        db,
        edition: ed,
        nominationId: draft.id,
        expectedVersion: draft.version,
        now: t.clock.now(),
        mail: { baseUrl: 'http://prisportal.test', language: 'en' },
      });
      assert.equal(sent.ok, true, JSON.stringify(sent));

      const stored = (await db.select().from(outboxMessages).where(eq(outboxMessages.status, 'pending'))).sort((a, b) => a.id - b.id);
      assert.equal(stored.length, 4);
      for (const m of stored) assert.equal(m.htmlBody, null, `${m.kind}: no HTML part stored`);
      assert.deepEqual(
        stored.map((m) => m.htmlLanguage),
        ['da', 'da', 'en', 'en'],
      );
      const transport = createSmtpTransport(smtp.url);
      try {
        assert.equal((await sendDueMail({ db, transport, now: t.clock.now() })).sent, 4);
      } finally {
        transport.close?.();
      }
      const got = await smtp.waitFor(6); // with the first test's two
      for (const m of stored) {
        const delivered = got.find((g) => g.envelope.to[0] === m.toAddress && g.parsed.subject === m.subject);
        assert.ok(delivered, `${m.kind} to ${m.toAddress} delivered`);
        const before = htmlOfText(m.textBody, { subject: m.subject, organisationName: row!.organisation, language: m.htmlLanguage! });
        assert.equal(delivered.parsed.html, before, `${m.kind} (${m.htmlLanguage}): the HTML part as rendered before`);
        assert.ok(before.includes(`<html lang="${m.htmlLanguage}">`));
        assert.ok(before.includes(row!.organisation.replace(/&/g, '&amp;')));
      }
      const receipt = stored.find((m) => m.kind === 'nomination-receipt' && m.htmlLanguage === 'da')!;
      const receiptHtml = got.find((g) => g.parsed.subject === receipt.subject)!.parsed.html;
      assert.ok(typeof receiptHtml === 'string' && receiptHtml.includes(res.json().receiptNumber), 'the receipt number is in the HTML part');
    });
  });
}
