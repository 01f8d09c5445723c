/**
 * Fault 4: the SMTP server is down while nominations arrive. The real server process keeps
 * taking nominations; the receipt e-mails wait in the outbox with the error noted; when the
 * SMTP server is back, every one of them is delivered, exactly once, by the running process
 * (its worker retries after the back-off: 30 s after the first failure).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EditionForForm } from '../../src/nominations/nomination.service.js';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import type { ServerProcess } from '../harness/server-process.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';
import { createDatabase, freePort, nominationBody, openEdition, pool, sendNomination, startApp, waitUntil, type Receipt } from './lib.js';
import { recordFigures } from './figures.js';

const NOMINATIONS = 40;

describe('fault 4: SMTP is down for a while', () => {
  let pgServer: PostgresServer;
  let smtp: TestSmtpServer;
  let url: string;
  let port: number;
  let dataDir: string;
  let edition: EditionForForm;
  let app: ServerProcess;

  before(async () => {
    pgServer = await startPostgresServer();
    url = await createDatabase(pgServer, 'smtpdown');
    smtp = await startSmtpServer();
    await smtp.halt();
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'prisportal-smtp-'));
    app = await startApp({ databaseUrl: url, port, smtpUrl: smtp.url, dataDir });
    edition = await openEdition(url);
  });
  after(async () => {
    await app?.stop();
    await smtp?.close();
    pgServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('nothing is lost and everything is sent once when SMTP is back', { timeout: 180_000 }, async () => {
    const base = `http://127.0.0.1:${port}`;
    const sent = await pool(
      Array.from(
        { length: NOMINATIONS },
        (_, i) => () =>
          sendNomination(base, edition.edition.id, nominationBody(i, edition), `smtp-${i}`, `2001:db8:5::${(i + 1).toString(16)}`, Date.now() + 60_000),
      ),
      10,
    );
    const got = sent.filter((r): r is Receipt => 'id' in r);
    assert.equal(got.length, NOMINATIONS, 'nominations are taken while SMTP is down');

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const count = async (where: string) => (await client.query<{ n: number }>(`select count(*)::int as n from outbox_messages where ${where}`)).rows[0]!.n;
      const total = await count('true');
      assert.equal(total, NOMINATIONS * 2, 'a receipt and a nominee notice per nomination');
      // The worker has tried and noted why it failed; nothing is marked sent or failed.
      assert.ok(await waitUntil(async () => (await count(`attempts >= 1 and last_error is not null`)) > 0, 15_000), 'the worker tried');
      const downFor = Date.now();
      await new Promise((r) => setTimeout(r, 5_000));
      assert.equal(await count(`status = 'sent'`), 0);
      assert.equal(await count(`status = 'failed'`), 0, 'a server that is down never makes a message "failed"');
      assert.equal(smtp.received.length, 0);

      await smtp.resume();
      const resumedAt = Date.now();
      assert.ok(await waitUntil(async () => (await count(`status = 'sent'`)) === total, 120_000), 'every message is sent after SMTP is back');
      const deliveredAfterS = Math.round((Date.now() - resumedAt) / 1000);
      await new Promise((r) => setTimeout(r, 2_000));
      assert.equal(smtp.received.length, total, 'each message arrived exactly once');
      assert.equal(new Set(smtp.received.map((m) => m.parsed.messageId)).size, total);
      for (const r of got) {
        const receipt = smtp.received.filter((m) => m.parsed.subject?.includes(r.receiptNumber));
        assert.equal(receipt.length, 1, `one receipt e-mail for ${r.receiptNumber}`);
        assert.deepEqual(receipt[0]!.envelope.to, [`indstiller${r.key.slice('smtp-'.length)}@eksempel.dk`]);
      }
      recordFigures('smtp-down', {
        messages: total,
        smtpDownS: Math.round((resumedAt - downFor) / 1000) + 5,
        deliveredWithinSAfterBack: deliveredAfterS,
        lost: total - smtp.received.length,
        duplicates: 0,
      });
    } finally {
      await client.end();
    }
  });
});
