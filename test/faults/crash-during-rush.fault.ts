/**
 * Fault 1: the app process is killed (SIGKILL) during the deadline rush and started again.
 * 300 nominators send complete nominations through the API (each with its own
 * Idempotency-Key and client address; retrying on network errors, as a careful client does)
 * and 30 more type a draft in the HTML form. When 100 receipts have been given the process is
 * killed with SIGKILL; a new process is started on the same port and database.
 *
 * Afterwards: every nomination that got a receipt is in the database once; every key made
 * one nomination; every draft whose save was answered is there with the text typed; and each
 * receipt e-mail arrives at the SMTP server with exactly one Message-ID. Delivery is
 * at-least-once by design (src/mail/worker.ts): only the one message whose SMTP "250 OK"
 * came just before the kill, and whose "sent" mark did not, may arrive a second time, with
 * the same Message-ID. Rows the killed worker had claimed wait for their lease (5 min).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LEASE_MS } from '../../src/mail/worker.js';
import type { EditionForForm } from '../../src/nominations/nomination.service.js';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import type { ServerProcess } from '../harness/server-process.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';
import {
  AWARD_SLUG,
  createDatabase,
  FetchAgent,
  freePort,
  nominationBody,
  openEdition,
  percentile,
  pool,
  sendNomination,
  startApp,
  waitUntil,
  type Receipt,
} from './lib.js';
import { recordFigures } from './figures.js';

const NOMINATORS = 300;
const DRAFTERS = 30;
const KILL_AFTER = 100;

describe('fault 1: SIGKILL during the deadline rush', () => {
  let pgServer: PostgresServer;
  let smtp: TestSmtpServer;
  let url: string;
  let port: number;
  let dataDir: string;
  let edition: EditionForForm;
  const procs: ServerProcess[] = [];

  before(async () => {
    pgServer = await startPostgresServer({ durable: true });
    url = await createDatabase(pgServer, 'crash');
    smtp = await startSmtpServer();
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'prisportal-crash-'));
    procs.push(await startApp({ databaseUrl: url, port, smtpUrl: smtp.url, dataDir }));
    edition = await openEdition(url);
  });
  after(async () => {
    for (const p of procs) await p.stop();
    await smtp?.close();
    pgServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('receipts, drafts and receipt e-mails survive the kill', { timeout: LEASE_MS + 240_000 }, async () => {
    const base = `http://127.0.0.1:${port}`;
    const editionId = edition.edition.id;
    const giveUpAt = Date.now() + 120_000;
    let receipts = 0;
    let killedAt = 0;
    let restarted: Promise<void> | null = null;
    const killAndRestart = () => {
      const first = procs[0]!;
      first.child.kill('SIGKILL');
      killedAt = Date.now();
      restarted = (async () => {
        await first.exited;
        procs.push(await startApp({ databaseUrl: url, port, smtpUrl: smtp.url, dataDir }));
      })();
    };

    const nominators = Array.from({ length: NOMINATORS }, (_, i) => async () => {
      const r = await sendNomination(base, editionId, nominationBody(i, edition), `crash-${i}`, `2001:db8::${(i + 1).toString(16)}`, giveUpAt);
      if ('id' in r && ++receipts === KILL_AFTER) killAndRestart();
      return r;
    });
    // Drafters type the first step of the form; a save answered with 303 is one the nominator saw saved.
    const drafters = Array.from({ length: DRAFTERS }, (_, i) => async () => {
      const agent = new FetchAgent(base, { 'x-forwarded-for': `2001:db8:1::${(i + 1).toString(16)}` });
      const path = `/priser/${AWARD_SLUG}/${edition.edition.year}/indstil/om-dig`;
      try {
        const page = await agent.get(path);
        if (page.status !== 200) return null;
        const res = await agent.post(path, {
          nominatorName: `Kladde ${i} Æblegård`,
          nominatorEmail: `kladde${i}@eksempel.dk`,
          nominatorIsCitizen: 'no',
          nominatorWorkplace: 'Akutafdelingen',
          handling: 'fortsaet',
        });
        const m = /\/indstillinger\/(\d+)\//.exec(res.headers.get('location') ?? '');
        return res.status === 303 && m ? { id: Number(m[1]), name: `Kladde ${i} Æblegård` } : null;
      } catch {
        return null; // The process was killed under this request: nothing was promised.
      }
    });
    const [sent, drafts] = await Promise.all([pool(nominators, 30), pool(drafters, 5)]);
    assert.ok(killedAt > 0, 'the process was killed during the rush');
    await restarted;

    const got = sent.filter((r): r is Receipt => 'id' in r);
    const failed = sent.filter((r) => !('id' in r));
    assert.deepEqual(failed, [], 'every nominator got a receipt in the end (retrying the same key after the restart)');
    assert.equal(got.length, NOMINATORS);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number; receipt_number: string; idempotency_key: string; status: string }>(
        `select id, receipt_number, idempotency_key, status from nominations where edition_id = $1 and idempotency_key like 'crash-%'`,
        [editionId],
      );
      assert.equal(rows.length, NOMINATORS, 'one nomination per key, no more');
      const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
      for (const r of got) {
        const row = byKey.get(r.key);
        assert.ok(row, `${r.key} is stored`);
        assert.equal(row.id, r.id);
        assert.equal(row.receipt_number, r.receiptNumber);
        assert.equal(row.status, 'sent');
      }
      assert.equal(new Set(rows.map((r) => r.receipt_number)).size, NOMINATORS, 'receipt numbers are all different');

      const savedDrafts = drafts.filter((d): d is { id: number; name: string } => d !== null);
      assert.ok(savedDrafts.length > 0);
      const draftRows = await client.query<{ id: number; nominator_name: string }>(`select id, nominator_name from nominations where id = any($1::int[])`, [
        savedDrafts.map((d) => d.id),
      ]);
      assert.equal(draftRows.rows.length, savedDrafts.length, 'every draft saved before or after the kill is there');
      for (const d of savedDrafts) assert.equal(draftRows.rows.find((r) => r.id === d.id)?.nominator_name, d.name);

      // E-mail: every receipt sent; the killed worker's claimed rows wait for their lease.
      const allSent = await waitUntil(async () => {
        const { rows: n } = await client.query<{ n: number }>(
          `select count(*)::int as n from outbox_messages where status <> 'sent' and kind = 'nomination-receipt'`,
        );
        return n[0]!.n === 0;
      }, LEASE_MS + 120_000);
      assert.ok(allSent, 'every receipt e-mail was sent after the restart');
      await new Promise((r) => setTimeout(r, 1_000));
      const mailRows = await client.query<{ id: number; subject: string }>(`select id, subject from outbox_messages where kind = 'nomination-receipt'`);
      const receiptMail = smtp.received.filter((m) => got.some((r) => m.parsed.subject?.includes(r.receiptNumber)));
      const byReceipt = new Map<string, string[]>();
      for (const m of receiptMail) {
        const r = got.find((x) => m.parsed.subject!.includes(x.receiptNumber))!;
        byReceipt.set(r.receiptNumber, [...(byReceipt.get(r.receiptNumber) ?? []), m.parsed.messageId ?? '']);
      }
      let redelivered = 0;
      for (const r of got) {
        const ids = byReceipt.get(r.receiptNumber) ?? [];
        assert.ok(ids.length >= 1, `the receipt e-mail for ${r.receiptNumber} arrived`);
        assert.equal(new Set(ids).size, 1, `one Message-ID for ${r.receiptNumber}`);
        redelivered += ids.length - 1;
      }
      assert.ok(redelivered <= 1, `at most the one message in flight at the kill arrives twice (got ${redelivered})`);
      assert.equal(mailRows.rows.length, NOMINATORS, 'one receipt row in the outbox per nomination');

      const latencies = got.map((r) => r.latencyMs).sort((a, b) => a - b);
      recordFigures('crash', {
        nominators: NOMINATORS,
        receipts: got.length,
        receiptsBeforeKill: KILL_AFTER,
        drafts: savedDrafts.length,
        lost: NOMINATORS - rows.length,
        redeliveredSameMessageId: redelivered,
        p99Ms: Math.round(percentile(latencies, 0.99)),
        mailWaitS: Math.round((Date.now() - killedAt) / 1000),
      });
    } finally {
      await client.end();
    }
  });
});
