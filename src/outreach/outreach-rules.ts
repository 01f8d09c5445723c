import { z } from 'zod';
import { isEmail, textField } from '../platform/fields.js';
import { keyedDigest } from '../platform/tokens.js';
import { RECIPIENT_GROUPS, type RecipientGroup } from './outreach.schema.js';

// The outreach module's pure rules: who may receive an e-mail, what a message to a group may
// hold, when a draft's reminder is due, when the sign-up is offered and how often an address
// gets a confirmation. Each returns its reason; outreach-rules.test.ts holds their tables.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most characters of a group message's parts (after clean-up). */
export const MESSAGE_LIMITS = { subject: 150, body: 5_000 } as const;

export type MessageProblem = 'groupRequired' | 'subjectRequired' | 'subjectTooLong' | 'bodyRequired' | 'bodyTooLong';

/**
 * A message to a group, as the page (and any API) sends it. The messages are problem codes, so
 * one schema serves every language; the page turns them into words (i18n.ts messageErrors).
 * `key` is the idempotency key the preview made; absent on the first form.
 */
export const messageSchema = z.object({
  group: z.enum(RECIPIENT_GROUPS, { error: 'groupRequired' satisfies MessageProblem }),
  subject: textField({ max: MESSAGE_LIMITS.subject, required: 'subjectRequired', tooLong: 'subjectTooLong' }),
  body: textField({ max: MESSAGE_LIMITS.body, multiline: true, required: 'bodyRequired', tooLong: 'bodyTooLong' }),
});
export type MessageInput = z.infer<typeof messageSchema>;

/** The idempotency key of a confirmed message: made when the preview is shown, sent back with "Send". */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether an address can be written to: an address we would accept on a form, and not one an
 * erasure left behind (accounts anonymised to `slettet-N@anonymiseret.invalid`; a blanked
 * nominator has no address at all).
 */
export function reachable(address: string): { ok: true } | { ok: false; reason: 'empty' | 'malformed' | 'erased' } {
  const a = address.trim();
  if (a === '') return { ok: false, reason: 'empty' };
  if (/\.invalid$/i.test(a)) return { ok: false, reason: 'erased' };
  if (!isEmail(a)) return { ok: false, reason: 'malformed' };
  return { ok: true };
}

/**
 * The recipients of a message: each reachable address once (case-insensitive; a person with
 * two drafts gets one e-mail), the first name given for it kept, in the order given.
 */
export function uniqueRecipients<T extends { email: string; name: string }>(people: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const p of people) {
    if (!reachable(p.email).ok) continue;
    const key = p.email.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...p, email: p.email.trim() });
  }
  return out;
}

/** The reminders about an unsent draft, most urgent last. */
export const DRAFT_REMINDERS = [
  { kind: '3d', beforeMs: 3 * DAY_MS },
  { kind: '1d', beforeMs: 1 * DAY_MS },
] as const;
export type DraftReminderKind = (typeof DRAFT_REMINDERS)[number]['kind'];

/**
 * Which reminders are due for a draft at `now`: every kind whose instant has come (so a kind
 * passed while the scheduler was down is recorded, never sent late), and the most urgent, the
 * one e-mail to send. None at or after the deadline, or earlier than 3 days before it.
 */
export function dueDraftReminders(
  closesAt: Date,
  now: Date,
): { ok: true; due: DraftReminderKind[]; send: DraftReminderKind } | { ok: false; reason: 'too-early' | 'deadline-passed' } {
  if (now.getTime() >= closesAt.getTime()) return { ok: false, reason: 'deadline-passed' };
  const due = DRAFT_REMINDERS.filter((r) => now.getTime() >= closesAt.getTime() - r.beforeMs).map((r) => r.kind);
  const send = due[due.length - 1];
  if (!send) return { ok: false, reason: 'too-early' };
  return { ok: true, due, send };
}

/** The sign-up for the next round is offered on an award's page when no round is open for nominations. */
export function offersSignup(phase: string | null): boolean {
  return phase !== 'open';
}

export type SubscribeProblem = 'emailRequired' | 'emailTooLong' | 'emailInvalid';

/** The sign-up form (and API): one address. Messages are problem codes (i18n.ts subscribeErrors). */
export const subscribeSchema = z.object({
  email: textField({
    max: 254,
    required: 'emailRequired' satisfies SubscribeProblem,
    tooLong: 'emailTooLong' satisfies SubscribeProblem,
    check: { test: (s) => reachable(s).ok, message: 'emailInvalid' satisfies SubscribeProblem },
  }),
});

/** Confirmation e-mails an address gets in a window, whoever asks: a few a day, so nobody can flood it. */
export const CONFIRMATIONS_PER_WINDOW = 3;
export const CONFIRMATION_WINDOW_MS = DAY_MS;
/** An address never confirmed is deleted this long after it was asked for (retention). */
export const UNCONFIRMED_KEPT_MS = 7 * DAY_MS;
/** A fulfilled subscription (its one e-mail queued) is deleted this long after (retention). */
export const NOTIFIED_KEPT_MS = 30 * DAY_MS;

/** What a sign-up does for an address, given what is stored for it. The visitor sees the same answer in every case. */
export type SubscribeOutcome =
  | { action: 'create' }
  | { action: 'resend'; windowAt: Date; sent: number }
  | { action: 'nothing'; reason: 'already-confirmed' | 'too-many' };

/**
 * The rule of a sign-up: a new address is stored and sent a confirmation link; an address
 * waiting for confirmation gets a new link, at most CONFIRMATIONS_PER_WINDOW a day (after that
 * the earlier link keeps working); a confirmed address gets nothing (it is already signed up).
 * A fulfilled subscription (notified) counts as new: a new sign-up for the round after.
 */
export function subscribeOutcome(
  existing: { confirmedAt: Date | null; notifiedAt: Date | null; confirmationsSent: number; confirmationsWindowAt: Date } | null,
  now: Date,
): SubscribeOutcome {
  if (!existing || existing.notifiedAt) return { action: 'create' };
  if (existing.confirmedAt) return { action: 'nothing', reason: 'already-confirmed' };
  if (now.getTime() - existing.confirmationsWindowAt.getTime() >= CONFIRMATION_WINDOW_MS) return { action: 'resend', windowAt: now, sent: 1 };
  if (existing.confirmationsSent >= CONFIRMATIONS_PER_WINDOW) return { action: 'nothing', reason: 'too-many' };
  return { action: 'resend', windowAt: existing.confirmationsWindowAt, sent: existing.confirmationsSent + 1 };
}

/**
 * The unsubscribe token of a subscription: its id and an HMAC of the id and the address under
 * the server secret, so every e-mail can carry a working link without a token stored in the
 * database, and a link names one subscription only.
 */
export function unsubscribeToken(secret: string, subscription: { id: number; email: string }): string {
  return `${subscription.id}-${keyedDigest(secret, 'opening-unsubscribe', subscription.id, subscription.email.toLowerCase())}`;
}

/** The subscription id an unsubscribe token names, or null when it is not one's shape. Check it with `unsubscribeToken`. */
export function parseUnsubscribeToken(token: string): number | null {
  const m = /^([1-9]\d{0,9})-[0-9a-f]{64}$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  return id <= 2_147_483_647 ? id : null;
}

export type { RecipientGroup };
