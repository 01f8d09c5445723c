import type { Database } from '../db/database.js';
import type { Locale } from '../platform/time.js';
import { htmlOfText } from './html-layout.js';
import { outboxMessages, type OutboxAttachment } from './mail.schema.js';

export type { OutboxAttachment } from './mail.schema.js';

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
  /** The same key is queued at most once (e.g. 'receipt:42:3'); a second enqueue is skipped. */
  dedupeKey?: string;
  /** The organisation whose business the e-mail is; leave out for a person's own account mail (a sign-in link). */
  organisationId?: number;
  /** The record whose people the e-mail names, e.g. 'nomination:42' (see mail.schema.ts). */
  about?: string;
};

/**
 * Queues one e-mail: inserts a pending outbox row, due at `now`. Pass the transaction of the
 * change that causes the e-mail, so both are committed, or rolled back, together; the worker
 * sends it after the commit. A row whose `dedupeKey` is already queued is silently skipped, and so
 * is a message without an address (a person whose data was erased has an empty one).
 */
export async function enqueueMail(db: Database, mail: NewMail, now: Date): Promise<void> {
  if (mail.to.trim() === '') return;
  await db
    .insert(outboxMessages)
    .values({
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? htmlOfText(mail.text, { subject: mail.subject, organisationName: mail.organisationName, language: mail.language }),
      attachments: mail.attachments ?? [],
      organisationId: mail.organisationId ?? null,
      about: mail.about ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing();
}
