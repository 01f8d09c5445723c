import { mkdirSync } from 'node:fs';
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { messageLocalPart } from './worker.js';

/** A file attached to an e-mail, ready to send. */
export type MailAttachment = { fileName: string; contentType: string; content: Buffer };

/** One e-mail as the worker hands it to a transport. */
export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: MailAttachment[] | undefined;
  /** Extra header lines (List-Unsubscribe …), already checked by the outbox. */
  headers?: Record<string, string> | undefined;
  /** `<…@…>`: stable for one outbox row, so a retried send carries the same Message-ID. */
  messageId: string;
};

/**
 * Where e-mail goes. `send` resolves once the message is accepted (by the SMTP server, or
 * written to disk) and rejects otherwise; an SMTP rejection keeps nodemailer's
 * `responseCode` (4xx temporary, 5xx permanent) on the error.
 */
export type MailTransport = {
  send(message: OutgoingMail): Promise<void>;
  /** Releases connections or files; optional. */
  close?(): void;
};

// Bounded so that one send cannot outlive the worker's lease on its row (see worker.ts).
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** The pooled SMTP settings of the worker's transport (the benchmark's bare loop uses the same). */
export const SMTP_POOL = { pool: true, maxConnections: 2, maxMessages: 100, idleTimeout: 30_000, ...SMTP_TIMEOUTS } as const;

function toNodemailer(message: OutgoingMail) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    attachments: (message.attachments ?? []).map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.content })),
    messageId: message.messageId,
    ...(message.headers ? { headers: message.headers } : {}),
  };
}

/**
 * Sends over SMTP with nodemailer. `url` is `smtp://[user:pass@]host[:port]` (STARTTLS when
 * the server offers it) or `smtps://…` (TLS from the start, port 465 by default).
 * UTF-8 addresses are sent with SMTPUTF8 when the server supports it.
 * Connections are pooled (a burst of receipts does not pay a TLS handshake and login per
 * message), closed after 30 s idle and reopened as needed, so a restarted SMTP server needs
 * nothing special. Call `close()` when done, or an idle connection keeps the process up.
 */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_POOL });
  // A broken connection fails the send it belongs to (and is retried); it must not crash the process.
  transporter.on('error', () => {});
  return {
    async send(message) {
      await transporter.sendMail(toNodemailer(message));
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Writes each message as an `.eml` file into `dir` (created when missing), named
 * `<timestamp>-<id>.eml`: the default in development, when no SMTP server is configured.
 * Open the files with any mail program. A file appears whole or not at all.
 */
export function createFileTransport(dir: string): MailTransport {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transporter.sendMail(toNodemailer(message));
      const raw = info.message as Buffer;
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
      const name = `${stamp}-${fileIdOf(message.messageId)}.eml`;
      mkdirSync(folder, { recursive: true });
      const tmp = join(folder, `.${name}.tmp`);
      await writeFile(tmp, raw);
      await rename(tmp, join(folder, name));
    },
  };
}

/** The part of a Message-ID before the `@`, safe as a file name. */
function fileIdOf(messageId: string): string {
  const local = messageId.replace(/^<|>$/g, '').split('@')[0] ?? 'message';
  return local.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'message';
}

/**
 * Removes the `.eml` files that `createFileTransport` wrote into `dir` for these outbox rows (a
 * person's erasure: the files are copies of the rows). A missing folder or file is no error.
 * Returns how many files were removed.
 */
export async function removeMailFiles(dir: string, rows: readonly { id: number; createdAt: Date }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const endings = new Set(rows.map((r) => `-${fileIdOf(`<${messageLocalPart(r)}@x>`)}.eml`));
  let names: string[];
  try {
    names = await readdir(resolve(dir));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const dash = name.indexOf('-');
    if (dash < 0 || !endings.has(name.slice(dash))) continue;
    try {
      await unlink(join(resolve(dir), name));
      removed++;
    } catch {
      // Gone already.
    }
  }
  return removed;
}

/** What `probeSmtp` found: the server greeted (and accepted the login, when the URL has one), or why not. */
export type SmtpProbe = { ok: true } | { ok: false; detail: string };

/**
 * Connects to the SMTP server of `url`, greets it (EHLO, STARTTLS when offered, the login when
 * the URL has one) and hangs up, sending nothing: `npm run doctor` and start-up use it to say
 * whether e-mail can leave. Bounded by `timeoutMs` for each step, so a silent firewall costs
 * seconds, not the minutes of a default TCP timeout.
 */
export async function probeSmtp(url: string, timeoutMs = 3_000): Promise<SmtpProbe> {
  const transporter = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transporter.verify();
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number };
    // The message of an authentication failure can quote the server; it never holds our password.
    return { ok: false, detail: [e.code, e.responseCode, e.message].filter((x) => x !== undefined && x !== '').join(' ') || String(err) };
  } finally {
    transporter.close();
  }
}
