/**
 * `npx tsx bench/group-message.bench.ts`: a message from an administrator to 5,000 nominators of a round.
 *
 * 1. Queueing: `sendGroupMessage` (src/outreach) reads the group, writes the message, 5,000
 *    outbox rows and the audit event in one transaction on a throwaway PostgreSQL server; its
 *    wall time is reported.
 * 2. Sending: the mail worker's runs (`sendDueMail`, as `startMailWorker` calls it: batch after
 *    batch until nothing is due) send the 5,000 rows over SMTP to a real local SMTP server
 *    (smtp-server with mailparser, the tests' harness, test/harness/smtp.ts), through the
 *    app's own transport (createSmtpTransport). The ceiling, in the same run against the same
 *    server: a bare loop of nodemailer `sendMail` calls with the same messages and the same
 *    pooled transport settings, nothing read from or written to a database. Order: bare,
 *    worker, worker, bare (the outbox is queued again before the second worker run); the best
 *    of each counts. Goal: the worker at ≥ 50 % of the bare loop's messages per second, with
 *    every message sent exactly once (each outbox row 'sent'; the server received each address
 *    once per run, each with its own Message-ID).
 *
 * Writes its figures between the bench:outreach markers of BENCHMARKS.md.
 * BENCH_OUTREACH_RECIPIENTS (default 5000) sets the group's size.
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { postgresVersion } from './lib/postgres.js';
import { createDatabase } from '../test/faults/lib.js';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { openPostgres, type Database } from '../src/db/database.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { awards, editions, organisations, outboxMessages, users } from '../src/db/schema.js';
import { createSmtpTransport, SMTP_POOL } from '../src/mail/transport.js';
import { sendDueMail } from '../src/mail/worker.js';
import { sendGroupMessage } from '../src/outreach/messages.service.js';
import { startPostgresServer, type PostgresServer } from '../test/harness/postgres-server.js';
import { startSmtpServer } from '../test/harness/smtp.js';

const RECIPIENTS = Math.max(10, Number(process.env.BENCH_OUTREACH_RECIPIENTS ?? 5000) || 5000);
const NOW = new Date('2026-11-24T12:00:00Z');
const FROM = 'Prisportal <noreply@prisportal.local>';
const GOAL = 0.5;
const START = '<!-- bench:outreach:start -->';
const END = '<!-- bench:outreach:end -->';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A round of Region Midtjylland with RECIPIENTS sent nominations, each from its own nominator. */
async function load(db: Database): Promise<{ editionId: number; userId: number }> {
  await seedDemoData(db, NOW);
  const [rm] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
  const [award] = await db
    .insert(awards)
    .values({ organisationId: rm!.id, slug: 'bench-besked', name: 'Benchprisen', summary: 'Bench.', description: 'Bench.', establishedYear: 2020 })
    .returning();
  const [edition] = await db
    .insert(editions)
    .values({
      awardId: award!.id,
      year: 2027,
      opensAt: new Date('2026-11-01T12:00:00Z'),
      closesAt: new Date('2026-12-01T12:00:00Z'),
      nomineesPublishedAt: new Date('2027-01-01T12:00:00Z'),
      winnerAnnouncedAt: new Date('2027-02-01T12:00:00Z'),
      publishedAt: new Date('2026-10-01T12:00:00Z'),
    })
    .returning();
  await db.execute(sql`
    insert into nominations (edition_id, status, receipt_number, access_token_hash, nominator_name, nominator_email, title, created_at, updated_at, first_sent_at, sent_at)
    select ${edition!.id}, 'sent', 'BENCH-' || g, md5(g::text) || md5('x' || g::text), 'Indstiller ' || g, 'indstiller' || g || '@bench.example.dk',
           'Indstilling ' || g, ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz
      from generate_series(1, ${RECIPIENTS}) g`);
  const [user] = await db.insert(users).values({ email: 'bench-admin@rm.dk', name: 'Bench Admin' }).returning();
  await db.execute(sql`vacuum analyze`);
  return { editionId: edition!.id, userId: user!.id };
}

const BODY = [
  'Kære indstiller',
  '',
  'Tak for din indstilling. Komitéen mødes den 12. januar, og de nominerede offentliggøres den 1. februar kl. 12.00.',
  'Har du spørgsmål, så skriv til innovation@rm.dk.',
  '',
  'Venlig hilsen',
  'Region Midtjylland',
].join('\n');

async function main() {
  let server: PostgresServer | undefined;
  process.once('exit', () => server?.stop());
  server = await startPostgresServer();
  const url = await createDatabase(server, 'bench_outreach');
  const version = await postgresVersion(url);
  const handle = await openPostgres(url, 10);
  await handle.migrate();
  const { db } = handle;
  const { editionId, userId } = await load(db);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const smtp = await startSmtpServer();

  // 1. Queueing, once per worker run (a new preview's key each time).
  const queueMs: number[] = [];
  const queue = async (n: number) => {
    const t0 = performance.now();
    const r = await sendGroupMessage({
      db,
      actor: { kind: 'user', user: user! },
      editionId,
      message: { group: 'nominators', subject: 'Nyt om Benchprisen 2027', body: BODY },
      idempotencyKey: `bench-key-${n}`.padEnd(43, 'x'),
      now: NOW,
    });
    queueMs.push(performance.now() - t0);
    if (!r.ok || r.recipientCount !== RECIPIENTS) throw new Error(`queued ${JSON.stringify(r)}`);
  };

  // The messages as the worker hands them over, for the bare loop.
  const sample = await db.select().from(outboxMessages).limit(1);
  if (sample.length > 0) throw new Error('outbox not empty');

  const bare = async (): Promise<number> => {
    const transporter = nodemailer.createTransport({ url: smtp.url, ...SMTP_POOL });
    transporter.on('error', () => {});
    smtp.clear();
    const t0 = performance.now();
    for (let i = 1; i <= RECIPIENTS; i++) {
      await transporter.sendMail({
        from: FROM,
        to: `indstiller${i}@bench.example.dk`,
        subject: 'Nyt om Benchprisen 2027',
        text: `${BODY}\n\n-- \nDu får denne e-mail, fordi du er med i Benchprisen 2027 hos Region Midtjylland.`,
        messageId: `<bare-${i}.${Date.now().toString(36)}@prisportal.local>`,
      });
    }
    const ms = performance.now() - t0;
    transporter.close();
    check(smtp.received.map((m) => m.envelope.to[0]!));
    return (RECIPIENTS / ms) * 1000;
  };

  const worker = async (n: number): Promise<number> => {
    await db.delete(outboxMessages);
    await queue(n);
    const transport = createSmtpTransport(smtp.url);
    smtp.clear();
    const t0 = performance.now();
    for (;;) {
      const r = await sendDueMail({ db, transport, now: NOW, from: FROM });
      if (r.retried > 0 || r.failed > 0) throw new Error(`worker run failed: ${JSON.stringify(r)}`);
      if (r.sent === 0) break;
    }
    const ms = performance.now() - t0;
    transport.close?.();
    const [left] = await db
      .execute<{ n: number }>(sql`select count(*)::int as n from outbox_messages where status <> 'sent'`)
      .then((x) => (x as unknown as { rows: { n: number }[] }).rows);
    if (Number(left!.n) !== 0) throw new Error(`${left!.n} outbox rows not sent`);
    check(smtp.received.map((m) => m.envelope.to[0]!));
    const ids = new Set(smtp.received.map((m) => m.parsed.messageId));
    if (ids.size !== RECIPIENTS) throw new Error(`${ids.size} distinct Message-IDs for ${RECIPIENTS} messages`);
    return (RECIPIENTS / ms) * 1000;
  };

  let duplicates = 0;
  function check(addresses: string[]) {
    const seen = new Set(addresses.map((a) => a.toLowerCase()));
    if (addresses.length !== RECIPIENTS || seen.size !== RECIPIENTS) {
      duplicates += addresses.length - seen.size;
      throw new Error(`the server received ${addresses.length} messages for ${seen.size} addresses (expected ${RECIPIENTS} each once)`);
    }
  }

  const bareRuns: number[] = [];
  const workerRuns: number[] = [];
  bareRuns.push(await bare());
  workerRuns.push(await worker(1));
  workerRuns.push(await worker(2));
  bareRuns.push(await bare());
  await smtp.close();
  await handle.close();
  server.stop();

  const bestBare = Math.max(...bareRuns);
  const bestWorker = Math.max(...workerRuns);
  const ratio = bestWorker / bestBare;
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const section = [
    START,
    '## A message to 5,000 recipients: queueing, and the mail worker vs. a bare nodemailer loop',
    '',
    `Last run: ${new Date().toISOString()} · Node ${process.version} · ${cpu}, ${cpus().length} cores · ${version} · \`npm run bench:outreach\``,
    '',
    `An administrator's message to the ${fmt(RECIPIENTS)} nominators of a round (\`sendGroupMessage\`, src/outreach): the group read, the message row, ${fmt(RECIPIENTS)} outbox rows (insert of 500 rows a statement) and the audit event in one transaction on a throwaway PostgreSQL server (fsync off). Then the mail worker (\`sendDueMail\` batch after batch, as \`startMailWorker\` runs it) sends them to a real local SMTP server (smtp-server parsing each message with mailparser, in the same process: test/harness/smtp.ts) through the app's transport; the ceiling is a bare loop of nodemailer \`sendMail\` with the same pooled transport settings and the same messages, no database. Order: bare, worker, worker, bare; the best run of each counts.`,
    '',
    '| target | messages/s (best) | all runs |',
    '| --- | ---: | ---: |',
    `| mail worker (outbox → SMTP) | ${fmt(bestWorker)} | ${workerRuns.map((r) => fmt(r)).join(', ')} |`,
    `| bare nodemailer loop (ceiling) | ${fmt(bestBare)} | ${bareRuns.map((r) => fmt(r)).join(', ')} |`,
    '',
    `Queueing ${fmt(RECIPIENTS)} e-mails in one transaction: **${queueMs.map((m) => `${fmt(m)} ms`).join(', ')}**.`,
    '',
    `Ratio worker ÷ bare loop: **${fmt(ratio * 100, 1)} %**. Goal ≥ ${fmt(GOAL * 100, 0)} %: **${ratio >= GOAL ? 'met' : 'not met'}** (${fmt(ratio * 100, 1)} % ${ratio >= GOAL ? '≥' : '<'} ${fmt(GOAL * 100, 1)} %).`,
    '',
    `Verification: **${duplicates === 0 ? 'passed' : 'failed'}** — every outbox row sent, the server received each of the ${fmt(RECIPIENTS)} addresses exactly once per run, each worker message with its own Message-ID.`,
    END,
  ].join('\n');
  console.log(section);
  writeBenchmarkSection(section, { start: START, end: END });
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
