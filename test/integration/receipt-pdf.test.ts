import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, criteria, editions, formSections, outboxMessages } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { HttpAgent } from '../harness/http-agent.js';
import { readPdf } from '../harness/pdf-text.js';

const SEEDED_AT = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`the receipt as PDF on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let edition: typeof editions.$inferSelect;
    let body: Record<string, unknown>;

    before(async () => {
      t = await startTestApp(engine, SEEDED_AT);
      const rows = await t.database.db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      edition = rows.map((r) => r.e).sort((a, b) => b.year - a.year)[0]!;
      const secs = await t.database.db.select().from(formSections).where(eq(formSections.editionId, edition.id));
      const crit = await t.database.db.select().from(criteria).where(eq(criteria.editionId, edition.id));
      body = {
        nominator: { name: 'Lise Ærø Jensen', email: 'lise@eksempel.dk', isCitizen: false, workplace: 'Akutafdelingen, AUH' },
        nominee: {
          kind: 'team',
          names: 'Team Hjemmedialyse (Søren og Åse)',
          unit: 'Nyremedicinsk afdeling',
          organisation: 'Aarhus Universitetshospital',
          email: 'team@eksempel.dk',
        },
        title: 'Video-konsultationer i eget hjem',
        summary: 'Patienter taler med sygeplejersken over video – og slipper for „den lange vej“.',
        criterionIds: [crit[0]!.id],
        answers: Object.fromEntries(secs.map((s) => [String(s.id), `Tekst om ${s.heading}: borgerne var med fra første møde.`])),
      };
    });
    after(async () => t.close());

    /** Sends a nomination through the API and opens its private link in a new agent. */
    async function sent(key: string) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      });
      assert.equal(res.statusCode, 201, res.body);
      const { id, receiptNumber } = res.json() as { id: number; receiptNumber: string };
      const mail = (await t.database.db.select().from(outboxMessages)).find((m) => m.kind === 'nomination-receipt' && m.subject.includes(receiptNumber))!;
      const link = /http:\/\/prisportal\.test(\/indstillinger\/adgang\/[A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
      const agent = new HttpAgent(t.app);
      assert.equal((await agent.get(link)).statusCode, 303);
      return { agent, id, receiptNumber };
    }

    test('the receipt page links to the PDF, which holds the receipt and the nomination in Danish', async () => {
      const { agent, id, receiptNumber } = await sent(`pdf-${engine}-1`);
      const page = await agent.get(`/indstillinger/${id}/kvittering`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`href="/indstillinger/${id}/kvittering.pdf"`), 'the receipt page offers the PDF');

      const res = await agent.get(`/indstillinger/${id}/kvittering.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], `attachment; filename="kvittering-${receiptNumber}.pdf"`);
      assert.equal(res.headers['cache-control'], 'no-store');
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

      const { text, info } = await readPdf(pdf);
      assert.ok(text.includes(receiptNumber), 'the receipt number is in the text layer');
      for (const expected of [
        'Kvittering for indstilling',
        'Årets Borgerinddragende Initiativ',
        'Hvad sker der nu?',
        'Løsningen',
        'Lise Ærø Jensen',
        'Søren og Åse',
        '„den lange vej“',
        'første møde',
      ]) {
        assert.ok(text.includes(expected), `the PDF says "${expected}"`);
      }
      assert.match(String(info.Title), new RegExp(receiptNumber));
      assert.equal(info.Language, 'da-DK');

      // From the English receipt page, the PDF is in English.
      agent.setCookie('lang', 'en');
      const english = await readPdf((await agent.get(`/indstillinger/${id}/kvittering.pdf`)).rawPayload);
      assert.ok(english.text.includes('Receipt for your nomination') && english.text.includes('What happens next?'));
      assert.ok(!english.text.includes('Hvad sker der nu?'));
      assert.equal(english.info.Language, 'en-GB');
    });

    test("without the private link: 403; another nomination's link does not open it either", async () => {
      const a = await sent(`pdf-${engine}-2`);
      const b = await sent(`pdf-${engine}-3`);
      const stranger = new HttpAgent(t.app);
      const res = await stranger.get(`/indstillinger/${a.id}/kvittering.pdf`);
      assert.equal(res.statusCode, 403);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.ok(!res.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
      assert.equal((await b.agent.get(`/indstillinger/${a.id}/kvittering.pdf`)).statusCode, 403);
      assert.equal((await stranger.get('/indstillinger/abc/kvittering.pdf')).statusCode, 404);
    });

    test('a draft has no receipt: 404', async () => {
      const agent = new HttpAgent(t.app);
      const base = `/priser/aarets-borgerinddragende-initiativ/${edition.year}/indstil`;
      await agent.get(`${base}/om-dig`);
      const r = await agent.post(`${base}/om-dig`, {
        nominatorName: 'Åse Østergaard',
        nominatorEmail: 'aase@eksempel.dk',
        nominatorIsCitizen: 'yes',
        handling: 'fortsaet',
      });
      assert.equal(r.statusCode, 303, r.body.slice(0, 300));
      const id = Number(/\/indstillinger\/(\d+)\//.exec(String(r.headers.location))![1]);
      const res = await agent.get(`/indstillinger/${id}/kvittering.pdf`);
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
    });

    test('a withdrawn nomination still has its receipt, marked as withdrawn', async () => {
      const { agent, id, receiptNumber } = await sent(`pdf-${engine}-4`);
      await agent.get(`/indstillinger/${id}/traek-tilbage`);
      assert.equal((await agent.post(`/indstillinger/${id}/traek-tilbage`, {})).statusCode, 303);
      const res = await agent.get(`/indstillinger/${id}/kvittering.pdf`);
      assert.equal(res.statusCode, 200);
      const { text } = await readPdf(res.rawPayload);
      assert.ok(text.includes(receiptNumber));
      assert.ok(text.includes('Trukket tilbage'));
    });
  });
}
