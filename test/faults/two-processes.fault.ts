/**
 * Fault 3: two app processes (`src/server.ts`) behind one address (a round-robin proxy, no
 * sticky sessions) on one PostgreSQL server, each with its own mail worker sending to the same
 * SMTP server. Sessions made by one process work on the other and signing out ends them on
 * both; the sign-in-link rate limit counts requests to both processes together; every e-mail
 * arrives exactly once although both workers send.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EditionForForm } from '../../src/nominations/nomination.service.js';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../harness/proxy.js';
import type { ServerProcess } from '../harness/server-process.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';
import { createDatabase, FetchAgent, freePort, nominationBody, openEdition, pool, sendNomination, startApp, waitUntil, type Receipt } from './lib.js';
import { recordFigures } from './figures.js';

const NOMINATIONS = 60;

describe('fault 3: two app processes behind one address', () => {
  let pgServer: PostgresServer;
  let smtp: TestSmtpServer;
  let url: string;
  let proxy: RoundRobinProxy;
  let edition: EditionForForm;
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];

  before(async () => {
    pgServer = await startPostgresServer();
    url = await createDatabase(pgServer, 'two');
    smtp = await startSmtpServer();
    const ports = [await freePort(), await freePort()];
    // Started together: migrations and the demo data are applied once (advisory lock, idempotent seed).
    const started = await Promise.all(
      ports.map((port) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-two-'));
        dirs.push(dataDir);
        return startApp({ databaseUrl: url, port, smtpUrl: smtp.url, dataDir });
      }),
    );
    procs.push(...started);
    proxy = await startRoundRobinProxy(ports);
    edition = await openEdition(url);
  });
  after(async () => {
    await proxy?.close();
    for (const p of procs) await p.stop();
    await smtp?.close();
    pgServer?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a session made by one process is valid on the other, and signing out ends it on both', async () => {
    const agent = new FetchAgent(proxy.url, { 'x-forwarded-for': '2001:db8:3::1' });
    assert.equal((await agent.get('/log-ind')).status, 200);
    const signedIn = await agent.post('/log-ind/demo', {});
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), '/admin');
    const before = [...proxy.hits];
    for (let i = 0; i < 4; i++) {
      const page = await agent.get('/min-side');
      assert.equal(page.status, 200, `request ${i + 1} is signed in`);
    }
    assert.deepEqual(
      proxy.hits.map((h, i) => h - before[i]!),
      [2, 2],
      'both processes answered',
    );
    const out = await agent.post('/log-ud', {});
    assert.equal(out.status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await agent.get('/min-side')).status, 303, 'signed out on both processes');
  });

  test('the sign-in-link rate limit counts both processes together', async () => {
    const agent = new FetchAgent(proxy.url, { 'x-forwarded-for': '2001:db8:3::2' });
    await agent.get('/log-ind');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await agent.post('/log-ind/email', { email: 'demo.administrator@prisportal.local' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });

  test('scheduled publication: not before its instant, and its e-mails once although both processes run the job', { timeout: 150_000 }, async () => {
    // The 2021 edition of Årets Borgerinddragende Initiativ gets a timeline whose "nominees
    // published" instant is 25 s from now, and a shortlist of two consenting nominees.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number }>(
        `select e.id from editions e join awards a on a.id = e.award_id where a.slug = 'aarets-borgerinddragende-initiativ' and e.year = 2021`,
      );
      const editionId = rows[0]!.id;
      const at = Date.now() + 25_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      await client.query(
        `update editions set opens_at = $2, closes_at = $3, review_starts_at = null, review_closes_at = null, voting_opens_at = null, voting_closes_at = null,
                nominees_published_at = $4, winner_announced_at = $5, archived_at = null where id = $1`,
        [editionId, iso(at - 3 * 86_400_000), iso(at - 2 * 86_400_000), iso(at), iso(at + 86_400_000)],
      );
      const ids: number[] = [];
      for (const i of [1, 2]) {
        const r = await client.query<{ id: number }>(
          `insert into nominations (edition_id, status, receipt_number, access_token_hash, nominee_kind, nominee_names, nominee_email, nominator_name, nominator_email, title, nominee_consent, sent_at, first_sent_at)
           values ($1, 'sent', $2, md5(random()::text) || md5(random()::text), 'team', $3, $4, $5, $6, $7, 'accepted', now() - interval '2 days', now() - interval '2 days') returning id`,
          [
            editionId,
            `PUB-${i}`,
            `Nomineret team ${i}`,
            `nomineret${i}@eksempel.dk`,
            `Indstiller ${i}`,
            `indstiller.pub${i}@eksempel.dk`,
            `Offentlig løsning ${i}`,
          ],
        );
        ids.push(r.rows[0]!.id);
      }
      await client.query(`insert into shortlists (edition_id, decided_at) values ($1, now())`, [editionId]);
      for (const [i, id] of ids.entries())
        await client.query(`insert into shortlist_entries (edition_id, nomination_id, position) values ($1, $2, $3)`, [editionId, id, i + 1]);

      const page = () => fetch(`${proxy.url}/priser/aarets-borgerinddragende-initiativ/2021`).then((r) => r.text());
      const notices = async () =>
        (await client.query<{ n: number }>(`select count(*)::int as n from publication_notices where edition_id = $1`, [editionId])).rows[0]!.n;
      // Before the instant: on both processes nothing is public and nothing is sent.
      for (let i = 0; i < 4; i++) assert.doesNotMatch(await page(), /Offentlig løsning 1/, 'no nominee before the instant');
      assert.equal(await notices(), 0);
      while (Date.now() < at - 1_000) {
        assert.doesNotMatch(await page(), /Offentlig løsning/, 'still nothing public before the instant');
        await new Promise((r) => setTimeout(r, 2_000));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now()) + 500));
      for (let i = 0; i < 4; i++) assert.match(await page(), /Offentlig løsning 1/, 'public on both processes after the instant');
      // Both processes run the job every 30 s: wait for two ticks of each.
      assert.ok(await waitUntil(async () => (await notices()) === 1, 65_000), 'the notice was claimed');
      await new Promise((r) => setTimeout(r, 35_000));
      assert.equal(await notices(), 1, 'claimed once');
      const mails = await client.query<{ to_address: string; kind: string; status: string }>(
        `select to_address, kind, status from outbox_messages where to_address = any($1::text[]) order by to_address`,
        [['nomineret1@eksempel.dk', 'nomineret2@eksempel.dk', 'indstiller.pub1@eksempel.dk', 'indstiller.pub2@eksempel.dk']],
      );
      const perAddress = new Map<string, number>();
      for (const m of mails.rows) perAddress.set(m.to_address, (perAddress.get(m.to_address) ?? 0) + 1);
      assert.ok(mails.rows.length > 0, 'the publication e-mails were queued');
      assert.ok(
        [...perAddress.values()].every((n) => n === 1),
        `one e-mail per person: ${JSON.stringify([...perAddress])}`,
      );
      recordFigures('scheduled-publication', { notices: await notices(), emails: mails.rows.length, earlyPages: 0 });
    } finally {
      await client.end();
    }
  });

  test('every e-mail is sent exactly once although both workers send', { timeout: 180_000 }, async () => {
    const giveUpAt = Date.now() + 90_000;
    const sent = await pool(
      Array.from(
        { length: NOMINATIONS },
        (_, i) => () => sendNomination(proxy.url, edition.edition.id, nominationBody(i, edition), `two-${i}`, `2001:db8:4::${(i + 1).toString(16)}`, giveUpAt),
      ),
      10,
    );
    const got = sent.filter((r): r is Receipt => 'id' in r);
    assert.equal(got.length, NOMINATIONS);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const expected = (await client.query<{ n: number }>(`select count(*)::int as n from outbox_messages`)).rows[0]!.n;
      // 60 receipts + 60 nominee notices + the sign-in links of the test above (5 asked for, 3 sent:
      // an address holds at most three working links) and its publication e-mails.
      const publication = (
        await client.query<{ n: number }>(
          `select count(*)::int as n from outbox_messages where kind not in ('nomination-receipt', 'nominee-notice', 'sign-in-link')`,
        )
      ).rows[0]!.n;
      assert.equal(expected, NOMINATIONS * 2 + 3 + publication);
      assert.ok(
        await waitUntil(
          async () => (await client.query<{ n: number }>(`select count(*)::int as n from outbox_messages where status = 'sent'`)).rows[0]!.n === expected,
          60_000,
        ),
      );
      await new Promise((r) => setTimeout(r, 3_000)); // time for a duplicate to arrive, if any
      assert.equal(smtp.received.length, expected, 'each message arrived once');
      assert.equal(new Set(smtp.received.map((m) => m.parsed.messageId)).size, expected);
      for (const r of got)
        assert.equal(smtp.received.filter((m) => m.parsed.subject?.includes(r.receiptNumber)).length, 1, `one receipt e-mail for ${r.receiptNumber}`);
      recordFigures('two-processes', {
        nominations: NOMINATIONS,
        emailsQueued: expected,
        emailsArrived: smtp.received.length,
        duplicates: smtp.received.length - expected,
        hitsPerProcess: proxy.hits.join('/'),
      });
    } finally {
      await client.end();
    }
  });
});
