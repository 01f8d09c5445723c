import { domainToASCII } from 'node:url';
import { performance } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { nextAttemptAt } from './backoff.js';
import { outboxMessages, type OutboxAttachment } from './mail.schema.js';
import type { MailTransport, OutgoingMail } from './transport.js';
import { htmlPartOf } from './outbox.js';

/** The sender when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = 'Prisportal <noreply@prisportal.local>';
/** How many due messages one run claims. */
export const DEFAULT_BATCH_SIZE = 20;
/**
 * A claimed row belongs to its worker until this long after the claim; a worker that dies
 * mid-send leaves it to be claimed again after that. Sends are bounded well below it (SMTP
 * timeouts in transport.ts, and a run stops sending after SEND_BUDGET_MS).
 */
export const LEASE_MS = 5 * 60_000;
/** After this much real time a run hands its unsent claimed rows back, well inside the lease. */
export const SEND_BUDGET_MS = 2 * 60_000;
/** A message the SMTP server rejects permanently (5xx) this many times is marked 'failed'. */
export const MAX_PERMANENT_ATTEMPTS = 3;
const MAX_ERROR_LENGTH = 1_000;

export type MailLogger = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export type SendResult = { sent: number; failed: number; retried: number };

type ClaimedRow = {
  id: number;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  htmlLanguage: 'da' | 'en' | null;
  htmlOrganisation: string | null;
  attachments: OutboxAttachment[];
  headers: Record<string, string> | null;
  attempts: number;
  createdAt: Date;
};

/**
 * One run of the worker: claims up to `batchSize` due messages and sends each one.
 * Side effects, per message: 'sent' with sent_at; or, on failure, a retry at
 * now + back-off with last_error; or 'failed' when the server rejected it permanently
 * (5xx to RCPT TO or DATA) for the MAX_PERMANENT_ATTEMPTS-th time. Any other failure
 * (SMTP down, 4xx, timeouts, wrong credentials) is retried forever, so nothing is lost.
 *
 * The claim is one statement (FOR UPDATE SKIP LOCKED, attempts + 1, a lease in
 * locked_until), so two processes never claim the same row; a row whose lease expired
 * (its worker died mid-send) is claimed again. Delivery is at-least-once: a crash between
 * the SMTP server's OK and the 'sent' mark resends the message after the lease, with the
 * same Message-ID (derived from the row), so mail programs can drop the duplicate.
 */
export async function sendDueMail(deps: {
  db: Database;
  transport: MailTransport;
  now: Date;
  batchSize?: number;
  logger?: MailLogger;
  /** The sender address (MAIL_FROM); DEFAULT_MAIL_FROM when not given. */
  from?: string;
  /** When aborted (shutting down), the message being sent is finished and the rest handed back. */
  signal?: AbortSignal;
}): Promise<SendResult> {
  const { db, transport, now, logger } = deps;
  const from = deps.from ?? DEFAULT_MAIL_FROM;
  const rows = await claimDue(db, now, deps.batchSize ?? DEFAULT_BATCH_SIZE);
  const result: SendResult = { sent: 0, failed: 0, retried: 0 };
  const started = performance.now();
  // Set when the server (not one message) failed: the rest of the batch is not tried.
  let unavailable: unknown = null;
  let untried = 0;

  for (const [i, row] of rows.entries()) {
    if (unavailable === null && (deps.signal?.aborted || performance.now() - started > SEND_BUDGET_MS)) {
      await release(db, rows.slice(i));
      logger?.warn(
        { released: rows.length - i },
        deps.signal?.aborted ? 'mail run stopped; handing the rest back' : 'mail run took too long; handing the rest back',
      );
      break;
    }
    let error: unknown = unavailable;
    const tried = error === null;
    if (tried) {
      try {
        await transport.send(toOutgoing(row, from));
      } catch (err) {
        error = err ?? new Error('unknown error');
      }
    }
    if (error === null) {
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null })
        .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'pending')));
      result.sent++;
      continue;
    }
    const kind = classify(error);
    if (kind === 'server' && unavailable === null) unavailable = error;
    const giveUp = kind === 'permanent' && row.attempts >= MAX_PERMANENT_ATTEMPTS;
    const message = (tried ? '' : 'not tried, the server failed on an earlier message: ') + errorText(error);
    await db
      .update(outboxMessages)
      .set({
        status: giveUp ? 'failed' : 'pending',
        nextAttemptAt: nextAttemptAt(now, row.attempts),
        lockedUntil: null,
        lastError: message,
      })
      // Only while the row is still ours (its lease did not expire and pass to another worker).
      .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'pending'), eq(outboxMessages.attempts, row.attempts)));
    if (giveUp) {
      result.failed++;
      logger?.error({ outboxId: row.id, kind: row.kind, attempts: row.attempts, error: message }, 'e-mail rejected permanently; marked failed');
    } else {
      result.retried++;
      if (tried) logger?.warn({ outboxId: row.id, kind: row.kind, attempts: row.attempts, error: message }, 'e-mail not sent; will retry');
      else untried++;
    }
  }
  if (untried > 0) logger?.warn({ count: untried }, 'the mail server is unavailable; the rest of the batch waits for its next try');
  return result;
}

/** Claims due rows in one statement; see sendDueMail. */
async function claimDue(db: Database, now: Date, batchSize: number): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  // MATERIALIZED: the locking subquery runs exactly once, whatever plan the UPDATE gets.
  const raw = await queryRows<{
    id: number;
    kind: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    html_language: 'da' | 'en' | null;
    html_organisation: string | null;
    attachments: OutboxAttachment[] | string | null;
    headers: Record<string, string> | string | null;
    attempts: number;
    created_at: Date | string;
  }>(
    db,
    sql`with due as materialized (
          select id from outbox_messages
           where status = 'pending'
             and next_attempt_at <= ${at}::timestamptz
             and (locked_until is null or locked_until <= ${at}::timestamptz)
           order by next_attempt_at, id
           limit ${Math.max(1, Math.floor(batchSize))}
           for update skip locked
        )
        update outbox_messages
           set attempts = attempts + 1, locked_until = ${leaseUntil}::timestamptz
         where id in (select id from due)
        returning id, kind, to_address, subject, text_body, html_body, html_language, html_organisation, attachments, headers, attempts, created_at`,
  );
  return raw
    .map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      html: r.html_body,
      htmlLanguage: r.html_language,
      htmlOrganisation: r.html_organisation,
      attachments: (typeof r.attachments === 'string' ? JSON.parse(r.attachments) : (r.attachments ?? [])) as OutboxAttachment[],
      headers: (typeof r.headers === 'string' ? JSON.parse(r.headers) : r.headers) as Record<string, string> | null,
      attempts: Number(r.attempts),
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Hands claimed rows back untried: the claim's attempt is undone and the lease dropped. */
async function release(db: Database, rows: ClaimedRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .update(outboxMessages)
      .set({ attempts: sql`${outboxMessages.attempts} - 1`, lockedUntil: null })
      .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'pending'), eq(outboxMessages.attempts, row.attempts)));
  }
}

function toOutgoing(row: ClaimedRow, from: string): OutgoingMail {
  return {
    from,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: htmlPartOf(row),
    attachments: row.attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
    messageId: messageIdFor(row, from),
    ...(row.headers ? { headers: row.headers } : {}),
  };
}

/**
 * The Message-ID of an outbox row: the same on every try of that row, different for rows of
 * other databases that happen to share the id (the creation instant is part of it).
 */
export function messageIdFor(row: { id: number; createdAt: Date }, from: string): string {
  return `<${messageLocalPart(row)}@${senderDomain(from)}>`;
}

/** The part of an outbox row's Message-ID before the `@` (also the end of its `.eml` file's name). */
export function messageLocalPart(row: { id: number; createdAt: Date }): string {
  return `outbox-${row.id}.${row.createdAt.getTime().toString(36)}`;
}

function senderDomain(from: string): string {
  const match = /@([^@<>\s]+)>?\s*$/.exec(from);
  const ascii = match ? domainToASCII(match[1]!.toLowerCase()) : '';
  return ascii || 'prisportal.local';
}

type FailureKind = 'permanent' | 'message' | 'server';

/**
 * - permanent: the server refused this message for good (5xx to RCPT TO or DATA), or
 *   nodemailer found its addresses unusable;
 * - message: a temporary refusal of this message (4xx to RCPT TO or DATA);
 * - server: no answer about this message at all (connection refused, timeout, TLS, login,
 *   sender refused): the next message would fail the same way, so the run stops trying.
 */
function classify(err: unknown): FailureKind {
  const e = (err ?? {}) as { responseCode?: unknown; command?: unknown; code?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const perMessage = e.command === 'RCPT TO' || e.command === 'DATA';
  if (code !== undefined && perMessage) return code >= 500 && code < 600 ? 'permanent' : 'message';
  if (code === undefined && e.command === 'API' && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return 'permanent';
  return 'server';
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const withCode = typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
  return withCode.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_LENGTH);
}

/**
 * Runs sendDueMail every `intervalMs` (default 2000), never two runs at once, and at once
 * again after a full batch. Errors (the database down, say) are logged, never thrown: the
 * next run tries again. `stop()` lets a run in progress finish the message it is sending,
 * hands the rest of its batch back and waits for it (at most `stopTimeoutMs`, default 10 s;
 * rows of a run cut short by exit are retried after their lease).
 */
export function startMailWorker(deps: {
  db: Database;
  transport: MailTransport;
  clock: Clock;
  logger: MailLogger;
  intervalMs?: number;
  batchSize?: number;
  from?: string;
  stopTimeoutMs?: number;
}): { stop(): Promise<void> } {
  const intervalMs = deps.intervalMs ?? 2_000;
  const stopping = new AbortController();
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let consecutiveFailures = 0;

  const run = async () => {
    let again = false;
    try {
      const r = await sendDueMail({
        db: deps.db,
        transport: deps.transport,
        now: deps.clock.now(),
        batchSize,
        logger: deps.logger,
        signal: stopping.signal,
        ...(deps.from ? { from: deps.from } : {}),
      });
      if (consecutiveFailures > 0) deps.logger.info({ after: consecutiveFailures }, 'mail worker runs again');
      consecutiveFailures = 0;
      if (r.sent > 0 || r.failed > 0) deps.logger.info(r, 'mail run done');
      again = r.retried === 0 && r.sent + r.failed >= batchSize;
    } catch (err) {
      consecutiveFailures++;
      // 1st, 2nd, 4th, 8th … failure in a row: a database that stays down does not flood the log.
      if ((consecutiveFailures & (consecutiveFailures - 1)) === 0) {
        deps.logger.error({ err, consecutiveFailures }, 'mail worker run failed; it tries again');
      }
    }
    if (!stopped) schedule(again ? 0 : intervalMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      running = run().finally(() => {
        running = null;
      });
    }, ms);
    timer.unref();
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!running) return;
      let cap: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((r) => (cap = setTimeout(r, deps.stopTimeoutMs ?? 10_000)))]);
      clearTimeout(cap);
    },
  };
}
