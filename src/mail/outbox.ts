import type { Database } from '../db/database.js';
import type { Locale } from '../platform/time.js';
import { htmlOfText } from './html-layout.js';
import { outboxMessages, type OutboxAttachment } from './mail.schema.js';

export type { OutboxAttachment } from './mail.schema.js';

/**
 * The extra headers a message may carry: a mass mailing's unsubscribe link (RFC 2369) and its
 * one-click POST (RFC 8058). Kept short on purpose: no caller may set From, To or Subject.
 */
export const MAIL_HEADER_NAMES = ['List-Unsubscribe', 'List-Unsubscribe-Post'] as const;
export type MailHeaderName = (typeof MAIL_HEADER_NAMES)[number];

/** The allowed headers of a mail, with line breaks removed (no header injection); null when none. */
export function headersOf(mail: Pick<NewMail, 'headers'>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const name of MAIL_HEADER_NAMES) {
    const v = mail.headers?.[name];
    if (typeof v === 'string' && v.trim() !== '') out[name] = v.replace(/[\r\n]+/g, ' ').trim();
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** An e-mail to queue. The sender address is the worker's (MAIL_FROM), not the caller's. */
export type NewMail = {
  /** What the message is about, e.g. 'nomination-receipt'; for logs and tests. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML part; by default made from `text` in the one layout (html-layout.ts). */
  html?: string;
  /** The language the text is written in (the HTML part's lang); Danish by default. */
  language?: Locale;
  /** Shown on top of the HTML part; 'Prisportal' by default (a sign-in link is nobody's round). */
  organisationName?: string;
  attachments?: OutboxAttachment[];
  /** Extra headers; only those in MAIL_HEADER_NAMES (List-Unsubscribe and its one-click POST). */
  headers?: Partial<Record<MailHeaderName, string>>;
  /** The same key is queued at most once (e.g. 'receipt:42:3'); a second enqueue is skipped. */
  dedupeKey?: string;
  /** The organisation whose business the e-mail is; leave out for a person's own account mail (a sign-in link). */
  organisationId?: number;
  /** The record whose people the e-mail names, e.g. 'nomination:42' (see mail.schema.ts). */
  about?: string;
};

/** The outbox row of an e-mail: its HTML part made from the text unless it brings its own. */
function rowOf(mail: NewMail, now: Date) {
  return {
    kind: mail.kind,
    dedupeKey: mail.dedupeKey ?? null,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? htmlOfText(mail.text, { subject: mail.subject, organisationName: mail.organisationName, language: mail.language }),
    attachments: mail.attachments ?? [],
    headers: headersOf(mail),
    organisationId: mail.organisationId ?? null,
    about: mail.about ?? null,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
}

/**
 * For a statement that writes a change and queues its e-mails in the same round trip (sending
 * a nomination, src/nominations): the outbox columns such a statement fills, in this order,
 * and each mail's values for them. The caller's SQL may wrap a value in an expression (e.g. put
 * a number the statement draws into the subject); the other columns keep their defaults
 * (pending, no attempts, no attachments or extra headers), so a mail with attachments or
 * headers or an HTML part of its own goes through `enqueueMail`. A row whose dedupe key is
 * queued must be skipped (`on conflict do nothing`), as `enqueueMail` does.
 *
 * The HTML part is not stored: the worker makes it at delivery from the text, the subject, the
 * language and the organisation's name (`htmlPartOf`), the same bytes `enqueueMail` would have
 * stored. On the hot path (the deadline rush) that is half the text a send writes, compressed by
 * PostgreSQL, and the app's rendering of it (BENCHMARKS.md, "The write path, round three").
 */
export const OUTBOX_INSERT_COLUMNS =
  'kind, dedupe_key, to_address, subject, text_body, html_language, html_organisation, organisation_id, about, next_attempt_at, created_at, status, attempts';

/** The values of OUTBOX_INSERT_COLUMNS but the last two (status 'pending', attempts 0 are literals) for one mail queued at `now`. */
export function outboxInsertValues(mail: NewMail, now: Date): unknown[] {
  if (mail.attachments?.length || headersOf(mail) || mail.html !== undefined) {
    throw new Error('outboxInsertValues: a mail with attachments, headers or its own HTML part goes through enqueueMail');
  }
  const at = now.toISOString();
  return [
    mail.kind,
    mail.dedupeKey ?? null,
    mail.to,
    mail.subject,
    mail.text,
    mail.language ?? 'da',
    mail.organisationName ?? null,
    mail.organisationId ?? null,
    mail.about ?? null,
    at,
    at,
  ];
}

/**
 * The HTML part of a queued message: the one stored, else (a row queued by a statement through
 * OUTBOX_INSERT_COLUMNS, which stores the layout's language instead) the layout of its text, as
 * `enqueueMail` would have stored it; undefined for a text-only message.
 */
export function htmlPartOf(row: {
  subject: string;
  text: string;
  html: string | null;
  htmlLanguage: Locale | null;
  htmlOrganisation: string | null;
}): string | undefined {
  if (row.html !== null) return row.html;
  if (row.htmlLanguage === null) return undefined;
  return htmlOfText(row.text, { subject: row.subject, organisationName: row.htmlOrganisation ?? undefined, language: row.htmlLanguage });
}

/**
 * Queues one e-mail: inserts a pending outbox row, due at `now`. Pass the transaction of the
 * change that causes the e-mail, so both are committed, or rolled back, together; the worker
 * sends it after the commit. A row whose `dedupeKey` is already queued is silently skipped, and so
 * is a message without an address (a person whose data was erased has an empty one).
 */
export async function enqueueMail(db: Database, mail: NewMail, now: Date): Promise<void> {
  if (mail.to.trim() === '') return;
  await db.insert(outboxMessages).values(rowOf(mail, now)).onConflictDoNothing();
}

/**
 * Queues many e-mails in one statement per 500 (a message to a whole group): the same rows as
 * `enqueueMail` each, in the caller's transaction. Rows whose `dedupeKey` is already queued
 * are skipped. Returns how many rows were inserted.
 */
export async function enqueueMails(db: Database, mails: readonly NewMail[], now: Date): Promise<number> {
  const addressed = mails.filter((m) => m.to.trim() !== '');
  let inserted = 0;
  for (let i = 0; i < addressed.length; i += 500) {
    const chunk = addressed.slice(i, i + 500);
    const rows = await db
      .insert(outboxMessages)
      .values(chunk.map((mail) => rowOf(mail, now)))
      .onConflictDoNothing()
      .returning({ id: outboxMessages.id });
    inserted += rows.length;
  }
  return inserted;
}
