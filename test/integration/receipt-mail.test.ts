import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, criteria, editions, formSections } from '../../src/db/schema.js';
import { createSmtpTransport } from '../../src/mail/transport.js';
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
  });
}
