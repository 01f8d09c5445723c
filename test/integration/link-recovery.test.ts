import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { awards, editions, nominationLinkRecoveries, nominations, outboxMessages } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildNomination } from '../harness/factories.js';
import { HttpAgent } from '../harness/http-agent.js';

/**
 * "Send mig mit link igen" (issue 16, item 10): a lost private link is sent again to the
 * nominator's address; the answer is always the same; a stranger's requests revoke nothing and
 * are capped per nomination, so the owner is never locked out; the e-mailed link is used once,
 * by a confirmation (a POST), and works for 24 hours.
 */
const NOW = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`a lost private link sent again on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let editionId: number;
    const db = () => t.database.db;
    const recoveryMails = (to: string) =>
      db()
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'nomination-link-recovery'), eq(outboxMessages.toAddress, to)));
    const linkIn = (text: string) => /http:\/\/prisportal\.test(\/indstillinger\/genskab\/[A-Za-z0-9_-]+)/.exec(text)![1]!;

    before(async () => {
      t = await startTestApp(engine, NOW);
      const [row] = await db()
        .select({ id: editions.id, year: editions.year })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      editionId = row!.id;
    });
    after(async () => t?.close());

    test('the owner gets a link that, confirmed, opens the draft with a new private link; the old one stops working', async () => {
      const draft = await buildNomination(db(), { editionId, status: 'draft', nominatorEmail: 'mette@eksempel.dk', title: 'Min kladde' });
      const visitor = new HttpAgent(t.app, '10.7.0.1');
      assert.equal((await visitor.get('/indstillinger/mistet-link')).statusCode, 200);
      const asked = await visitor.post('/indstillinger/mistet-link', { email: 'METTE@eksempel.dk' });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /Tjek din e-mail/);
      const [mail] = await recoveryMails('mette@eksempel.dk');
      assert.ok(mail, 'an e-mail to the nominator');
      const path = linkIn(mail.textBody);
      assert.ok(mail.textBody.includes('Min kladde'));

      // Opening the link (a mail scanner does) uses nothing.
      const owner = new HttpAgent(t.app);
      const shown = await owner.get(path);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /Åbn min indstilling/);
      assert.equal((await owner.get(path)).statusCode, 200, 'still unused');
      // The old private link works until the owner confirms.
      assert.equal((await new HttpAgent(t.app).get(`/indstillinger/adgang/${draft.accessToken}`)).statusCode, 303);

      const used = await owner.post(path, {});
      assert.equal(used.statusCode, 303);
      assert.equal(used.headers.location, `/indstillinger/${draft.id}`);
      const open = await owner.get(`/indstillinger/${draft.id}`);
      assert.equal(open.statusCode, 303, 'the new link opens the draft');
      assert.equal((await new HttpAgent(t.app).get(`/indstillinger/adgang/${draft.accessToken}`)).statusCode, 403, 'the old link stops working');

      // Used once: a second confirmation (a double click) is refused with what to do.
      const again = await owner.post(path, {});
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /Linket er allerede brugt/);
    });

    test('a draft written on English pages keeps its language: the link (and the reminders) come in English', async () => {
      const agent = new HttpAgent(t.app, '10.7.0.3');
      agent.setCookie('lang', 'en');
      // The round open for nominations: the award's newest.
      const [row] = await db()
        .select({ year: editions.year })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'))
        .orderBy(desc(editions.year))
        .limit(1);
      await agent.get(`/priser/aarets-borgerinddragende-initiativ/${row!.year}/indstil/om-dig`);
      const started = await agent.post(`/priser/aarets-borgerinddragende-initiativ/${row!.year}/indstil/om-dig`, {
        nominatorName: 'Anna Smith',
        nominatorEmail: 'anna@example.com',
        nominatorIsCitizen: 'yes',
        handling: 'fortsaet',
      });
      assert.equal(started.statusCode, 303, started.body.slice(0, 200));
      const id = Number(/\/indstillinger\/(\d+)\//.exec(started.headers.location as string)![1]);
      const [draft] = await db().select().from(nominations).where(eq(nominations.id, id));
      assert.equal(draft!.language, 'en');
      await agent.get('/indstillinger/mistet-link');
      await agent.post('/indstillinger/mistet-link', { email: 'anna@example.com' });
      const [mail] = await recoveryMails('anna@example.com');
      assert.match(mail!.subject, /^Your link to your nomination/);
      assert.match(mail!.textBody, /Open this link within 24 hours/);
    });

    test('the same answer for an unknown address, and nothing sent', async () => {
      const visitor = new HttpAgent(t.app, '10.7.0.2');
      await visitor.get('/indstillinger/mistet-link');
      const asked = await visitor.post('/indstillinger/mistet-link', { email: 'ingen@eksempel.dk' });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /Tjek din e-mail/);
      assert.equal((await recoveryMails('ingen@eksempel.dk')).length, 0);
    });

    test("a stranger asking again and again revokes nothing and sends at most three working links; the owner's link works", async () => {
      const sent = await buildNomination(db(), { editionId, nominatorEmail: 'ole@eksempel.dk' });
      for (let i = 0; i < 5; i++) {
        const stranger = new HttpAgent(t.app, `10.9.0.${i + 1}`);
        await stranger.get('/indstillinger/mistet-link');
        assert.equal((await stranger.post('/indstillinger/mistet-link', { email: 'ole@eksempel.dk' })).statusCode, 200);
      }
      assert.equal((await recoveryMails('ole@eksempel.dk')).length, 3);
      assert.equal((await new HttpAgent(t.app).get(`/indstillinger/adgang/${sent.accessToken}`)).statusCode, 303, 'the private link still works');
      // A day later the links have expired: refused with what to do, and a new request sends again.
      t.clock.advance(24 * 3600_000 + 1000);
      try {
        const expired = await new HttpAgent(t.app).get(linkIn((await recoveryMails('ole@eksempel.dk'))[0]!.textBody));
        assert.equal(expired.statusCode, 410);
        assert.match(expired.body, /Linket er udløbet/);
        const owner = new HttpAgent(t.app, '10.9.1.1');
        await owner.get('/indstillinger/mistet-link');
        await owner.post('/indstillinger/mistet-link', { email: 'ole@eksempel.dk' });
        assert.equal((await recoveryMails('ole@eksempel.dk')).length, 4);
      } finally {
        t.clock.set(NOW);
      }
      assert.ok(
        (await db().select().from(nominationLinkRecoveries).where(eq(nominationLinkRecoveries.nominationId, sent.id))).every((r) => r.tokenHash.length === 64),
      );
    });

    test('bad input: not an address keeps what was typed; made-up tokens are refused; one client is limited with a 429', async () => {
      const visitor = new HttpAgent(t.app, '10.8.0.1');
      await visitor.get('/indstillinger/mistet-link');
      const bad = await visitor.post('/indstillinger/mistet-link', { email: 'mette at eksempel' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Skriv den e-mail, du brugte/);
      assert.ok(bad.body.includes('value="mette at eksempel"'));
      for (const token of ['kort', 'x'.repeat(43), '<script>']) {
        const res = await visitor.get(`/indstillinger/genskab/${encodeURIComponent(token)}`);
        assert.equal(res.statusCode, 404, token);
        assert.match(res.body, /Linket findes ikke/);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await visitor.post('/indstillinger/mistet-link', { email: 'nogen@eksempel.dk' })).statusCode);
      assert.equal(statuses.at(-1), 429, statuses.join(','));
    });
  });
}
