import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, count, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { openPostgres, type Database, type DatabaseHandle } from '../../src/db/database.js';
import { outboxMessages } from '../../src/mail/mail.schema.js';
import { enqueueMail, type NewMail } from '../../src/mail/outbox.js';
import { createFileTransport, createSmtpTransport, type MailTransport, type OutgoingMail } from '../../src/mail/transport.js';
import { LEASE_MS, messageIdFor, sendDueMail, startMailWorker, type MailLogger } from '../../src/mail/worker.js';
import { fixedClock } from '../../src/platform/clock.js';
import { ENGINES, openTestDatabase, type TestDatabase } from '../harness/databases.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';

const T0 = new Date('2026-11-24T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const FROM = 'Prisportal <noreply@prisportal.local>';
const SUBJECT = 'Kvittering for din indstilling – Årets Borgerinddragende Initiativ';

const mail = (overrides: Partial<NewMail> = {}): NewMail => ({
  kind: 'test',
  to: 'nominator@example.dk',
  subject: 'Test',
  text: 'Hej',
  ...overrides,
});

const quiet: MailLogger = { info() {}, warn() {}, error() {} };

/** A transport that records the Message-IDs it was asked to send, then hands on. */
function recording(inner: MailTransport) {
  const messageIds: string[] = [];
  return {
    messageIds,
    async send(m: OutgoingMail) {
      messageIds.push(m.messageId);
      await inner.send(m);
    },
  } satisfies MailTransport & { messageIds: string[] };
}

for (const engine of ENGINES) {
  describe(`e-mail outbox on ${engine}`, () => {
    let database: TestDatabase;
    let db: Database;
    let smtp: TestSmtpServer;
    let transport: MailTransport;

    const rows = () => db.select().from(outboxMessages).orderBy(asc(outboxMessages.id));
    const send = (now: Date, batchSize?: number) => sendDueMail({ db, transport, now, logger: quiet, from: FROM, ...(batchSize ? { batchSize } : {}) });

    before(async () => {
      [database, smtp] = await Promise.all([openTestDatabase(engine), startSmtpServer()]);
      db = database.db;
      transport = createSmtpTransport(smtp.url);
    });
    after(async () => {
      transport.close?.();
      await smtp.close();
      await database.close();
    });
    beforeEach(async () => {
      await db.delete(outboxMessages);
      await smtp.resume();
      smtp.setMode('accept');
      smtp.clear();
    });

    test('an e-mail queued in a transaction that rolls back is not queued; one that commits is, once', async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await enqueueMail(tx as unknown as Database, mail({ kind: 'receipt' }), T0);
          throw new Error('the nomination failed');
        }),
        /the nomination failed/,
      );
      assert.deepEqual(await db.select({ n: count() }).from(outboxMessages), [{ n: 0 }]);

      await db.transaction(async (tx) => {
        await enqueueMail(tx as unknown as Database, mail({ kind: 'receipt' }), T0);
      });
      const [row, ...rest] = await rows();
      assert.equal(rest.length, 0);
      assert.equal(row?.kind, 'receipt');
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 0);
      assert.equal(row?.nextAttemptAt.toISOString(), T0.toISOString());
      assert.equal(row?.createdAt.toISOString(), T0.toISOString());
    });

    test('the same dedupeKey is queued once; e-mails without a key are all queued', async () => {
      await enqueueMail(db, mail({ dedupeKey: 'receipt:42:1' }), T0);
      await enqueueMail(db, mail({ dedupeKey: 'receipt:42:1', subject: 'again' }), at(1000));
      await db.transaction(async (tx) => enqueueMail(tx as unknown as Database, mail({ dedupeKey: 'receipt:42:1' }), at(2000)));
      await enqueueMail(db, mail(), T0);
      await enqueueMail(db, mail(), T0);
      const all = await rows();
      assert.equal(all.length, 3);
      assert.equal(all.filter((r) => r.dedupeKey === 'receipt:42:1').length, 1);
      assert.equal(all[0]?.subject, 'Test');
    });

    test('the worker delivers a Danish subject, a UTF-8 address, both bodies and an attachment intact', async () => {
      const pdf = Buffer.from('%PDF-1.4 indstilling æøå', 'utf8');
      await enqueueMail(
        db,
        mail({
          kind: 'nomination-receipt',
          to: 'søren@eksempel.dk',
          subject: SUBJECT,
          text: 'Kære Søren\n\nTak for din indstilling. Kvitteringsnummer: ABI-2021-007.',
          html: '<p>Kære Søren</p><p>Tak for din indstilling.</p>',
          attachments: [{ fileName: 'indstilling-Århus.pdf', contentType: 'application/pdf', content: pdf.toString('base64') }],
        }),
        T0,
      );
      assert.deepEqual(await send(T0), { sent: 1, failed: 0, retried: 0 });
      const [got] = await smtp.waitFor(1);
      assert.ok(got);
      assert.equal(got.parsed.subject, SUBJECT);
      assert.deepEqual(got.envelope.to, ['søren@eksempel.dk']);
      assert.equal(got.envelope.from, 'noreply@prisportal.local');
      assert.equal(got.envelope.smtpUtf8, true);
      const to = Array.isArray(got.parsed.to) ? got.parsed.to[0] : got.parsed.to;
      assert.equal(to?.value[0]?.address, 'søren@eksempel.dk');
      assert.equal(got.parsed.from?.value[0]?.address, 'noreply@prisportal.local');
      assert.equal(got.parsed.from?.value[0]?.name, 'Prisportal');
      assert.equal(got.parsed.text?.trim(), 'Kære Søren\n\nTak for din indstilling. Kvitteringsnummer: ABI-2021-007.');
      assert.equal(got.parsed.html, '<p>Kære Søren</p><p>Tak for din indstilling.</p>');
      assert.equal(got.parsed.attachments.length, 1);
      assert.equal(got.parsed.attachments[0]?.filename, 'indstilling-Århus.pdf');
      assert.equal(got.parsed.attachments[0]?.contentType, 'application/pdf');
      assert.deepEqual(got.parsed.attachments[0]?.content, pdf);

      const [row] = await rows();
      assert.equal(row?.status, 'sent');
      assert.equal(row?.sentAt?.toISOString(), T0.toISOString());
      assert.equal(row?.attempts, 1);
      assert.equal(row?.lockedUntil, null);
      assert.equal(got.parsed.messageId, messageIdFor({ id: row!.id, createdAt: row!.createdAt }, FROM));
      // Sent is sent: later runs send nothing.
      assert.deepEqual(await send(at(3_600_000)), { sent: 0, failed: 0, retried: 0 });
      assert.equal(smtp.received.length, 1);
    });

    test('SMTP down: nothing is lost; the messages wait with back-off and are each delivered once when it is back', async () => {
      for (const n of [1, 2, 3]) await enqueueMail(db, mail({ to: `person${n}@example.dk`, subject: `Besked ${n}` }), T0);
      await smtp.halt();

      assert.deepEqual(await send(T0), { sent: 0, failed: 0, retried: 3 });
      let all = await rows();
      for (const r of all) {
        assert.equal(r.status, 'pending');
        assert.equal(r.attempts, 1);
        assert.equal(r.nextAttemptAt.toISOString(), at(30_000).toISOString());
        assert.equal(r.lockedUntil, null);
        assert.match(r.lastError ?? '', /ECONNREFUSED/);
      }
      // Only the first was tried: the server, not the message, failed.
      assert.doesNotMatch(all[0]!.lastError!, /not tried/);
      assert.match(all[2]!.lastError!, /not tried/);

      // Not due before the back-off has passed.
      assert.deepEqual(await send(at(29_999)), { sent: 0, failed: 0, retried: 0 });
      // Still down at the second try: the wait doubles.
      assert.deepEqual(await send(at(30_000)), { sent: 0, failed: 0, retried: 3 });
      all = await rows();
      for (const r of all) {
        assert.equal(r.attempts, 2);
        assert.equal(r.nextAttemptAt.toISOString(), at(30_000 + 60_000).toISOString());
      }

      await smtp.resume();
      assert.deepEqual(await send(at(89_999)), { sent: 0, failed: 0, retried: 0 });
      assert.deepEqual(await send(at(90_000)), { sent: 3, failed: 0, retried: 0 });
      assert.deepEqual(await send(at(10 * 3_600_000)), { sent: 0, failed: 0, retried: 0 });
      const received = await smtp.waitFor(3);
      assert.equal(received.length, 3);
      assert.deepEqual(received.map((m) => m.parsed.subject).sort(), ['Besked 1', 'Besked 2', 'Besked 3']);
      assert.equal(new Set(received.map((m) => m.parsed.messageId)).size, 3);
      for (const r of await rows()) {
        assert.equal(r.status, 'sent');
        assert.equal(r.attempts, 3);
        assert.equal(r.lastError, null);
      }
    });

    test('a temporary refusal (451) is retried past three attempts, with the same Message-ID, until it is delivered', async () => {
      const rec = recording(transport);
      await enqueueMail(db, mail({ subject: 'Prøv igen' }), T0);
      smtp.setMode('temporary');
      let now = T0;
      for (let i = 1; i <= 5; i++) {
        assert.deepEqual(await sendDueMail({ db, transport: rec, now, logger: quiet, from: FROM }), { sent: 0, failed: 0, retried: 1 });
        const [r] = await rows();
        assert.equal(r?.status, 'pending');
        assert.equal(r?.attempts, i);
        assert.match(r?.lastError ?? '', /451/);
        now = r!.nextAttemptAt;
      }
      assert.equal(now.getTime() - T0.getTime(), (30 + 60 + 120 + 240 + 480) * 1000);
      smtp.setMode('accept');
      assert.deepEqual(await sendDueMail({ db, transport: rec, now, logger: quiet, from: FROM }), { sent: 1, failed: 0, retried: 0 });
      const [got] = await smtp.waitFor(1);
      assert.equal(got?.parsed.subject, 'Prøv igen');
      assert.equal(rec.messageIds.length, 6);
      assert.equal(new Set(rec.messageIds).size, 1, 'every try carries the same Message-ID');
      assert.equal(got?.parsed.messageId, rec.messageIds[0]);
      assert.equal(smtp.refused, 5);
    });

    test('a permanent refusal (550) is marked failed after three attempts and never tried again', async () => {
      const logged: string[] = [];
      const logger: MailLogger = { info() {}, warn: (_o, m) => logged.push(`warn ${m}`), error: (_o, m) => logged.push(`error ${m}`) };
      await enqueueMail(db, mail({ to: 'ukendt@example.dk' }), T0);
      smtp.setMode('permanent');
      assert.deepEqual(await sendDueMail({ db, transport, now: T0, logger }), { sent: 0, failed: 0, retried: 1 });
      assert.deepEqual(await sendDueMail({ db, transport, now: at(30_000), logger }), { sent: 0, failed: 0, retried: 1 });
      assert.deepEqual(await sendDueMail({ db, transport, now: at(90_000), logger }), { sent: 0, failed: 1, retried: 0 });
      const [r] = await rows();
      assert.equal(r?.status, 'failed');
      assert.equal(r?.attempts, 3);
      assert.match(r?.lastError ?? '', /550/);
      assert.equal(r?.sentAt, null);
      smtp.setMode('accept');
      assert.deepEqual(await send(at(10 * 3_600_000)), { sent: 0, failed: 0, retried: 0 });
      assert.equal(smtp.received.length, 0);
      assert.equal(smtp.refused, 3);
      assert.deepEqual(logged, ['warn e-mail not sent; will retry', 'warn e-mail not sent; will retry', 'error e-mail rejected permanently; marked failed']);
    });

    test('a row claimed by a worker that died is claimed again once its lease has expired, not before', async () => {
      await enqueueMail(db, mail({ subject: 'Efterladt' }), T0);
      // What a claim leaves behind when its process dies before marking the row.
      await db
        .update(outboxMessages)
        .set({ attempts: 1, lockedUntil: at(LEASE_MS) })
        .where(eq(outboxMessages.status, 'pending'));
      assert.deepEqual(await send(at(LEASE_MS - 1)), { sent: 0, failed: 0, retried: 0 });
      assert.equal(smtp.received.length, 0);
      assert.deepEqual(await send(at(LEASE_MS)), { sent: 1, failed: 0, retried: 0 });
      const [r] = await rows();
      assert.equal(r?.status, 'sent');
      assert.equal(r?.attempts, 2);
      assert.equal((await smtp.waitFor(1))[0]?.parsed.subject, 'Efterladt');
    });

    test('two workers sending at the same time deliver each of 50 messages exactly once', async () => {
      for (let n = 1; n <= 50; n++) await enqueueMail(db, mail({ to: `m${n}@example.dk`, subject: `Nr. ${n}` }), T0);
      // PostgreSQL: a second pool, as a second app process would have. PGlite: one process,
      // two concurrent calls on the same handle.
      let other: DatabaseHandle | null = null;
      if (engine === 'postgres') other = await openPostgres(database.url!, 4);
      const dbs = [db, other?.db ?? db];
      try {
        const drain = async (workerDb: Database) => {
          const own = createSmtpTransport(smtp.url);
          let sent = 0;
          try {
            for (;;) {
              const r = await sendDueMail({ db: workerDb, transport: own, now: T0, batchSize: 4, logger: quiet, from: FROM });
              assert.equal(r.failed + r.retried, 0);
              if (r.sent === 0) return sent;
              sent += r.sent;
            }
          } finally {
            own.close?.();
          }
        };
        const sent = await Promise.all(dbs.map(drain));
        assert.equal(sent[0]! + sent[1]!, 50);
        assert.ok(sent[0]! > 0 && sent[1]! > 0, `both workers took part: ${sent.join(' + ')}`);
      } finally {
        await other?.close();
      }
      const received = await smtp.waitFor(50);
      assert.equal(received.length, 50);
      const ids = received.map((m) => m.parsed.messageId);
      assert.equal(new Set(ids).size, 50, 'no Message-ID arrived twice');
      assert.deepEqual(received.map((m) => m.parsed.subject).sort(), Array.from({ length: 50 }, (_, i) => `Nr. ${i + 1}`).sort());
      const states = await db
        .select({ status: outboxMessages.status, attempts: outboxMessages.attempts, n: count() })
        .from(outboxMessages)
        .groupBy(outboxMessages.status, outboxMessages.attempts);
      assert.deepEqual(states, [{ status: 'sent', attempts: 1, n: 50 }]);
    });

    test('under contention (four claimers, two pools) no row is claimed twice', async () => {
      await db.execute(
        sql`insert into outbox_messages (kind, to_address, subject, text_body, next_attempt_at, created_at)
            select 'load', 'x' || n || '@example.dk', 'Load ' || n, 'x', ${T0.toISOString()}::timestamptz, ${T0.toISOString()}::timestamptz
              from generate_series(1, 200) as n`,
      );
      let other: DatabaseHandle | null = null;
      if (engine === 'postgres') other = await openPostgres(database.url!, 4);
      const seen: string[] = [];
      const noop: MailTransport = {
        async send(m) {
          seen.push(m.messageId);
          await new Promise((r) => setImmediate(r));
        },
      };
      try {
        const drain = async (workerDb: Database) => {
          for (;;) {
            const r = await sendDueMail({ db: workerDb, transport: noop, now: T0, batchSize: 3, logger: quiet, from: FROM });
            if (r.sent === 0) return;
          }
        };
        await Promise.all([db, db, other?.db ?? db, other?.db ?? db].map(drain));
      } finally {
        await other?.close();
      }
      assert.equal(seen.length, 200);
      assert.equal(new Set(seen).size, 200);
      const states = await db
        .select({ status: outboxMessages.status, attempts: outboxMessages.attempts, n: count() })
        .from(outboxMessages)
        .groupBy(outboxMessages.status, outboxMessages.attempts);
      assert.deepEqual(states, [{ status: 'sent', attempts: 1, n: 200 }]);
    });

    test('the polling worker sends what is queued, never runs twice at once, and stops cleanly', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const slow: MailTransport = {
        async send(m) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 30));
          await transport.send(m);
          inFlight--;
        },
      };
      for (let n = 1; n <= 5; n++) await enqueueMail(db, mail({ subject: `Poll ${n}` }), T0);
      const worker = startMailWorker({ db, transport: slow, clock: fixedClock(T0), logger: quiet, intervalMs: 5, batchSize: 2 });
      try {
        await smtp.waitFor(5);
      } finally {
        await worker.stop();
      }
      assert.equal(maxInFlight, 1);
      assert.deepEqual(
        (await rows()).map((r) => r.status),
        ['sent', 'sent', 'sent', 'sent', 'sent'],
      );
      // After stop nothing more is sent.
      await enqueueMail(db, mail({ subject: 'After stop' }), T0);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(smtp.received.length, 5);
    });

    test('stopping the worker finishes the message being sent and hands the rest of its batch back untried', async () => {
      for (let n = 1; n <= 3; n++) await enqueueMail(db, mail({ subject: `Stop ${n}` }), T0);
      let started!: () => void;
      const sending = new Promise<void>((r) => (started = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const gated: MailTransport = {
        async send(m) {
          started();
          await gate;
          await transport.send(m);
        },
      };
      const worker = startMailWorker({ db, transport: gated, clock: fixedClock(T0), logger: quiet, intervalMs: 5, batchSize: 3 });
      await sending;
      const stopped = worker.stop();
      release();
      await stopped;
      const all = await rows();
      assert.deepEqual(
        all.map((r) => [r.status, r.attempts, r.lockedUntil]),
        [
          ['sent', 1, null],
          ['pending', 0, null],
          ['pending', 0, null],
        ],
      );
      assert.equal(smtp.received.length, 1);
      // Another process picks the rest up at once.
      assert.deepEqual(await send(T0), { sent: 2, failed: 0, retried: 0 });
    });
  });
}

describe('mail worker without a database', () => {
  test('a database that is down is logged (not thrown, not flooded) and the worker keeps polling', async () => {
    let calls = 0;
    const down = {
      execute: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
    } as unknown as Database;
    const errors: unknown[] = [];
    const logger: MailLogger = { info() {}, warn() {}, error: (o) => errors.push(o) };
    const transport: MailTransport = { send: async () => assert.fail('nothing to send') };
    const worker = startMailWorker({ db: down, transport, clock: fixedClock(T0), logger, intervalMs: 2 });
    while (calls < 9) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    const after = calls;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls, after, 'no run after stop');
    // Logged at the 1st, 2nd, 4th and 8th failure in a row.
    assert.deepEqual(errors.map((e) => (e as { consecutiveFailures: number }).consecutiveFailures).slice(0, 4), [1, 2, 4, 8]);
  });
});

describe('file transport', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'prisportal-mail-')), 'outbox');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  test('writes each message as a parseable .eml file named <timestamp>-<id>.eml, creating the folder', async () => {
    const transport = createFileTransport(dir);
    await transport.send({
      from: FROM,
      to: 'søren@eksempel.dk',
      subject: SUBJECT,
      text: 'Kære Søren',
      html: '<p>Kære Søren</p>',
      attachments: [{ fileName: 'bilag.txt', contentType: 'text/plain', content: Buffer.from('æøå') }],
      messageId: '<outbox-7.abc@prisportal.local>',
    });
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^\d{8}T\d{9}Z-outbox-7\.abc\.eml$/);
    const parsed = await simpleParser(readFileSync(join(dir, files[0]!)));
    assert.equal(parsed.subject, SUBJECT);
    assert.equal(parsed.messageId, '<outbox-7.abc@prisportal.local>');
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    assert.equal(to?.value[0]?.address, 'søren@eksempel.dk');
    assert.equal(parsed.text?.trim(), 'Kære Søren');
    assert.equal(parsed.attachments[0]?.content.toString('utf8'), 'æøå');
  });

  test('the worker writes queued e-mail to files when no SMTP server is configured', async () => {
    const database = await openTestDatabase('pglite');
    try {
      await enqueueMail(database.db, mail({ subject: SUBJECT }), T0);
      await enqueueMail(database.db, mail({ subject: 'Nummer to' }), T0);
      const result = await sendDueMail({ db: database.db, transport: createFileTransport(dir), now: T0 });
      assert.deepEqual(result, { sent: 2, failed: 0, retried: 0 });
      const files = readdirSync(dir).sort();
      assert.equal(files.length, 2);
      const subjects = await Promise.all(files.map(async (f) => (await simpleParser(readFileSync(join(dir, f)))).subject));
      assert.deepEqual(subjects.sort(), ['Kvittering for din indstilling – Årets Borgerinddragende Initiativ', 'Nummer to']);
      const [{ n } = { n: -1 }] = await database.db.select({ n: count() }).from(outboxMessages).where(sql`${outboxMessages.status} = 'sent'`);
      assert.equal(n, 2);
    } finally {
      await database.close();
    }
  });
});
