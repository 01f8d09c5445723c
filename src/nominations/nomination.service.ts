import { type Database, inTransaction } from '../db/database.js';
import { messageRenderer } from '../messages/index.js';
import { phaseAt, type Timeline } from '../awards/index.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.js';
import type { Locale } from '../platform/time.js';
import {
  completeErrors,
  hardLimitErrors,
  readAllSteps,
  type FieldError,
  type FormDefinition,
  type NominationFields,
  type NominationInput,
  type Step,
} from './form.js';
import {
  findNominationByConsentHash,
  findNominationById,
  findNominationByIdempotencyKey,
  fieldColumns,
  insertDraft,
  stampAndEarlier,
  submitSentNomination,
  lockNominationForSend,
  lockNomination,
  sendNominationRow,
  updateFields,
  updateNomination,
  type NominationRow,
  type SubmitMail,
} from './nominations.repo.js';
import { cachedEdition, checkedEdition, readEdition, rendererOf, type CachedEdition } from './edition-cache.js';
import type { NewMail } from '../mail/index.js';
import { draftLinkMail, nomineeNoticeMail, receiptMail, withdrawalMails, type MailContext } from './nomination-mails.js';
import { nominationTexts } from './i18n.js';
import { fieldsOf, loadEditionForForm, nominatorFieldsOf, sameFields, type EditionForForm } from './edition-form.js';

// Kept importable from here (the nomination flow's front door); they live in edition-form.ts
// and nomination-mails.ts so that the e-mails need not import this file back.
export { fieldsOf, loadEditionForForm, nominatorFieldsOf, type EditionForForm, type MailContext };

export type WindowCheck = { ok: true } | { ok: false; reason: 'not-open-yet' | 'deadline-passed' };

/** Whether nominations may be written and sent at `now`: the server's clock at this request. */
export function canNominate(timeline: Timeline | null, now: Date): WindowCheck {
  const phase = phaseAt(timeline, now);
  if (phase === 'open') return { ok: true };
  if (phase === 'upcoming') return { ok: false, reason: 'not-open-yet' };
  return { ok: false, reason: 'deadline-passed' };
}

export type StartResult =
  | { ok: true; nomination: NominationRow; token: string }
  | { ok: false; reason: 'not-open-yet' | 'deadline-passed' | 'too-long'; errors?: FieldError[] };

/**
 * Starts a nomination as a draft with the first step's fields.
 * Side effects: one `nominations` row; returns the private token (only its hash is stored).
 */
export async function startNomination(args: {
  db: Database;
  edition: EditionForForm;
  fields: NominationFields;
  now: Date;
  /** The language of the page the nominator uses: their e-mails (a reminder about the draft too) are written in it. */
  language?: Locale;
}): Promise<StartResult> {
  const window = canNominate(args.edition.timeline, args.now);
  if (!window.ok) return window;
  const tooLong = hardLimitErrors(args.fields, args.edition.form);
  if (tooLong.length) return { ok: false, reason: 'too-long', errors: tooLong };
  const token = newToken();
  const nomination = await insertDraft(args.db, {
    editionId: args.edition.edition.id,
    accessTokenHash: hashToken(token),
    fields: args.fields,
    now: args.now,
    ...(args.language ? { language: args.language } : {}),
  });
  return { ok: true, nomination, token };
}

export type SaveResult =
  | { ok: true; nomination: NominationRow }
  | { ok: false; reason: 'version-conflict'; current: NominationRow }
  | { ok: false; reason: 'deadline-passed' | 'withdrawn' | 'too-long'; errors?: FieldError[] };

/**
 * Saves fields of a nomination. A draft is saved even after the deadline (nothing typed is
 * lost; it just cannot be sent); a sent nomination can only be changed while the window is
 * open, and its changes go into a working copy that replaces the sent version only when they
 * are sent ("Send ændringer"): until then administrators, committee and exports see what was
 * sent. A save based on an older version than the stored one is refused (another tab saved).
 *
 * Refuses: withdrawn, too-long (a hard length cap), deadline-passed (a sent nomination), version-conflict.
 * Side effects: the row's fields (a draft) or its working copy (a sent nomination), and its version.
 */
export async function saveNomination(args: {
  db: Database;
  edition: EditionForForm;
  nomination: NominationRow;
  fields: NominationFields;
  expectedVersion: number;
  now: Date;
  /** The language of the page saved from: the nominator's e-mails follow it. */
  language?: Locale;
}): Promise<SaveResult> {
  const { nomination } = args;
  if (nomination.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  const tooLong = hardLimitErrors(args.fields, args.edition.form);
  if (tooLong.length) return { ok: false, reason: 'too-long', errors: tooLong };
  if (nomination.status === 'sent' && !canNominate(args.edition.timeline, args.now).ok) return { ok: false, reason: 'deadline-passed' };
  const saved = await updateFields(args.db, nomination.id, args.fields, args.expectedVersion, args.now, nomination.status === 'sent', args.language);
  if (!saved) {
    const current = (await findNominationById(args.db, nomination.id))!;
    return { ok: false, reason: 'version-conflict', current };
  }
  return { ok: true, nomination: saved };
}

export type SendResult =
  | { ok: true; nomination: NominationRow; receiptNumber: string; alreadySent: boolean }
  | { ok: false; reason: 'not-open-yet' | 'deadline-passed' | 'withdrawn' | 'version-conflict' | 'not-found' }
  | { ok: false; reason: 'incomplete'; errors: { step: Step; errors: FieldError[] }[] };

/** "ABI-2027-0042": the award's initials, the edition's year and a running number. */
export function formatReceiptNumber(awardSlug: string, year: number, n: number): string {
  return `${receiptPrefix(awardSlug, year)}${String(n).padStart(4, '0')}`;
}

/** "ABI-2027-": a receipt number but its running number (submitSentNomination pads the number in SQL as formatReceiptNumber does). */
export function receiptPrefix(awardSlug: string, year: number): string {
  const words = awardSlug.split('-').filter(Boolean);
  const prefix = (words.length > 1 ? words.map((w) => w[0]).join('') : awardSlug.slice(0, 3)).toUpperCase();
  return `${prefix}-${year}-`;
}

/**
 * Sends a nomination (or its changes) at `now`, in one transaction: checks the window and
 * completeness, gives a receipt number on the first send, and queues the receipt e-mail to
 * the nominator and, on the first send, the notice to the nominee with a consent link.
 * Changes send the working copy: its fields replace the sent ones and its file changes are
 * applied in the same statement (sendNominationRow). A second "Send" of an unchanged
 * nomination, or of a working copy that changed nothing, returns the same receipt and queues nothing.
 */
export async function sendNomination(args: {
  db: Database;
  edition: EditionForForm;
  nominationId: number;
  expectedVersion: number;
  now: Date;
  mail: MailContext;
  /** The nominator's private token, when the request holds it: the receipt then links back. */
  accessToken?: string;
}): Promise<SendResult> {
  return inTransaction(args.db, async (tx) => {
    const locked = await lockNominationForSend(tx, args.nominationId);
    if (!locked || locked.nomination.editionId !== args.edition.edition.id) return { ok: false, reason: 'not-found' } as const;
    return sendLocked(tx, locked, args);
  });
}

/** The same fingerprint as `lockEditionForm` makes in SQL, of a form read earlier. */
export function formFingerprint(form: FormDefinition): string {
  return [
    String(form.asksOrigin),
    form.sections.map((s) => `${s.id}:${s.wordLimit ?? 0}:${s.required}`).join(','),
    form.criteria.map((c) => String(c.id)).join(','),
  ].join('|');
}

/**
 * The rules of sending, for a row locked in the caller's transaction (lockNominationForSend,
 * which also locked the edition's form and read its stamp and the attachments' names). Writes
 * the sent row, its receipt number and both e-mails in one more statement (sendNominationRow).
 */
async function sendLocked(
  tx: Database,
  locked: NonNullable<Awaited<ReturnType<typeof lockNominationForSend>>>,
  args: { db: Database; edition: EditionForForm; expectedVersion: number; now: Date; mail: MailContext; accessToken?: string },
): Promise<SendResult> {
  const { now } = args;
  const row = locked.nomination;
  if (row.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  if (row.status === 'sent' && row.sentVersion === row.version) {
    return { ok: true, nomination: row, receiptNumber: row.receiptNumber!, alreadySent: true };
  }
  if (row.status === 'sent' && row.workingCopy && sameFields(nominatorFieldsOf(row), fieldsOf(row)) && !locked.attachmentChanges) {
    // Saved after sending but nothing changed (no field, no file): nothing to send, no new receipt, no "changed" flag.
    const unchanged = await updateNomination(tx, row.id, { workingCopy: null, workingCopySavedAt: null, sentVersion: row.version });
    return { ok: true, nomination: unchanged, receiptNumber: row.receiptNumber!, alreadySent: true };
  }
  // The edition as it stands (its stamp was read with the lock): the cached one, or read again.
  const entry = await checkedEdition(args.db, tx, row.editionId, locked.stamp);
  if (!entry) return { ok: false, reason: 'not-found' };
  let edition = entry.edition;
  const window = canNominate(edition.timeline, now);
  if (!window.ok) return window;
  if (row.version !== args.expectedVersion) return { ok: false, reason: 'version-conflict' };
  // What is sent is what the nominator sees: the working copy of a sent nomination, if any.
  const fields = nominatorFieldsOf(row);
  const messages = await rendererOf(entry, tx, args.mail.baseUrl);
  if (!messages) return { ok: false, reason: 'not-found' };
  const firstSend = row.receiptNumber === null;
  // The nominee is told (and asked for consent) once, as soon as there is an address: a citizen
  // may send without one, and the nominator's changes or the organiser may add it later.
  const consentToken = row.nomineeConsentTokenHash === null && fields.nomineeEmail !== '' ? newToken() : null;
  for (let attempt = 0; ; attempt++) {
    const errors = completeErrors(fields, edition.form);
    if (errors.length) return { ok: false, reason: 'incomplete', errors };
    // The row as the statement will write it (the running number of a first send is drawn there).
    const sent: NominationRow = {
      ...row,
      ...(row.workingCopy ? { ...fieldColumns(fields), workingCopy: null, workingCopySavedAt: null } : {}),
      status: 'sent',
      receiptNumber: firstSend ? RECEIPT_PLACEHOLDER : row.receiptNumber,
      sentAt: now,
      updatedAt: now,
      firstSentAt: row.firstSentAt ?? now,
      version: row.version + 1,
      sentVersion: row.version + 1,
      ...(consentToken ? { nomineeConsentTokenHash: hashToken(consentToken) } : {}),
      // The nominator's language is the one of the page they sent from (src/messages).
      ...(args.mail.language ? { language: args.mail.language } : {}),
    };
    const receipt = messages.mailOf(
      receiptMail({ edition, nomination: sent, fields, firstSend, mail: args.mail, accessToken: args.accessToken, attachments: locked.attachments }),
    );
    const notice = consentToken ? messages.mailOf(nomineeNoticeMail({ nomination: sent, consentToken, mail: args.mail })) : null;
    const written = await sendNominationRow(tx, {
      editionId: row.editionId,
      id: row.id,
      expectedVersion: row.version,
      now,
      firstSend,
      // The first send may be the edition's first, which locks the form; the form was read
      // before the lock, so an administrator's save of the criteria or sections may have come
      // in between: the statement compares the saved form with this one.
      formFingerprint: formFingerprint(edition.form),
      receiptPrefix: receiptPrefix(edition.award.slug, edition.edition.year),
      fields,
      consentTokenHash: consentToken ? hashToken(consentToken) : null,
      language: args.mail.language ?? null,
      receipt,
      notice,
      placeholder: RECEIPT_PLACEHOLDER,
    });
    if (written.ok) return { ok: true, nomination: written.nomination, receiptNumber: written.nomination.receiptNumber!, alreadySent: false };
    if (written.reason === 'not-found' || attempt > 0) return { ok: false, reason: 'not-found' };
    // 'form-changed': check against the form as saved (the lock holds it now).
    const fresh = await loadEditionForForm(tx, row.editionId);
    if (!fresh) return { ok: false, reason: 'not-found' };
    edition = fresh;
    const windowNow = canNominate(edition.timeline, now);
    if (!windowNow.ok) return windowNow;
  }
}

/** What the API answers about a submitted nomination. */
export type SubmittedNomination = { id: number; status: NominationRow['status']; sentAt: Date };

export type SubmitResult =
  | { ok: true; nomination: SubmittedNomination; receiptNumber: string; alreadySent: boolean; accessToken: string | null }
  | { ok: false; reason: 'too-many'; retryAfterSeconds: number }
  /** The round was changed under the request at every attempt (SUBMIT_ATTEMPTS): nothing written; try again shortly. */
  | { ok: false; reason: 'round-changing'; retryAfterSeconds: number }
  /** The window as the current round has it (the API names the instant). */
  | { ok: false; reason: 'not-open-yet' | 'deadline-passed'; timeline: Timeline | null }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'incomplete'; errors: { step: Step; errors: FieldError[] }[] }
  | { ok: false; reason: 'idempotency-mismatch' }
  | { ok: false; reason: 'too-long'; errors: FieldError[] };

/** Where the receipt e-mail holds its number until the statement that draws the number puts it in (no text a person types can hold it). */
const RECEIPT_PLACEHOLDER = `receiptnumber${newToken().replace(/[^A-Za-z0-9]/g, '')}`;

/** How many times a submit reads the round again when it changed while the request was answered, before it gives up (the round kept changing). */
export const SUBMIT_ATTEMPTS = 4;
/** What a submit refused because the round kept changing asks the client to wait: changes of a round take milliseconds. */
const ROUND_CHANGING_RETRY_SECONDS = 1;

/**
 * Creates and sends a complete nomination in one step (the API). With an idempotency key,
 * a retried request returns the nomination the first one made, and never makes two; the
 * same key with a different body is refused. The same rules and e-mails as sendNomination.
 *
 * `edition` may be a cached one (edition-cache.ts): the input is checked against it (the form,
 * the window at `now`), its e-mails rendered, and then one statement (nominations.repo.ts
 * submitSentNomination, autocommit) writes everything only if the edition's stamp is still the
 * one the entry was read under, holding the edition locked while it runs. When the round changed,
 * it is read again and everything checked again (decision 0013).
 *
 * Refuses: too-many (the rate limit), too-long, not-found (no such edition, or one that takes no
 * nominations), not-open-yet, deadline-passed (with the current round's timeline),
 * incomplete, idempotency-mismatch, round-changing (the round changed under every one of
 * SUBMIT_ATTEMPTS attempts: nothing written; the API answers 409 with Retry-After).
 * Side effects: one hit counted against `rateLimit`, whatever the answer (here, never by the
 * caller: in the sending statement when it commits, else on its own); the nomination row
 * (sent, with its receipt number), its receipt e-mail and the nominee's notice (when the nominee
 * has an address) in the outbox.
 */
export async function submitNomination(args: {
  db: Database;
  editionId: number;
  input: NominationInput;
  idempotencyKey: string | null;
  fingerprint: string;
  now: Date;
  mail: MailContext;
  /** The rate limit the request counts against (once, whatever the answer), or null. */
  rateLimit: { rule: RateLimitRule; subject: string } | null;
}): Promise<SubmitResult> {
  const { now, editionId } = args;
  // The hit is counted by the sending statement when it commits, else on its own here.
  let hit = args.rateLimit;
  const countHit = async (): Promise<SubmitResult | null> => {
    if (!hit) return null;
    const limited = await hitRateLimit(args.db, hit.rule, hit.subject, now);
    hit = null;
    return limited.allowed ? null : { ok: false, reason: 'too-many', retryAfterSeconds: limited.retryAfterSeconds };
  };
  // As this process last read it; the sending statement checks it is still so.
  let entry: CachedEdition | null = await cachedEdition(args.db, editionId);
  if (!entry) return (await countHit()) ?? { ok: false, reason: 'not-found' };
  const token = newToken();
  for (let attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      // The round changed since it was read: read it as it is now and check everything again.
      entry = await readEdition(args.db, args.db, editionId);
      if (!entry) return { ok: false, reason: 'not-found' };
    }
    const edition = entry.edition;
    const fields = readAllSteps(args.input, edition.form);
    const refusal = submitRefusal(fields, edition, now);
    if (refusal) {
      const tooMany = await countHit();
      if (tooMany) return tooMany;
      // Refused by the round as cached: answer so only if it is the current one, and answer a
      // retry of a request that made its nomination with that nomination.
      const current = await stampAndEarlier(args.db, editionId, args.idempotencyKey);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.earlier) return replay(current.earlier, args.fingerprint);
      if (current.stamp !== entry.stamp) continue;
      return refusal;
    }
    const messages = await rendererOf(entry, args.db, args.mail.baseUrl);
    if (!messages) return { ok: false, reason: 'not-found' };
    // The nominee is told (and asked for consent) as soon as there is an address (see sendLocked).
    const consentToken = fields.nomineeEmail !== '' ? newToken() : null;
    const language = args.mail.language ?? 'da';
    // The receipt as the statement will write it; the running number is drawn by the statement.
    const row = {
      id: 0,
      version: 2,
      nominatorEmail: fields.nominatorEmail,
      nominatorName: fields.nominatorName,
      title: fields.title,
      receiptNumber: RECEIPT_PLACEHOLDER,
      sentAt: now,
      language,
      nomineeEmail: fields.nomineeEmail,
      nomineeNames: fields.nomineeNames,
      nomineeLanguage: null,
    };
    const receipt = messages.mailOf(receiptMail({ edition, nomination: row, fields, firstSend: true, mail: args.mail, accessToken: token, attachments: [] }));
    const notice = consentToken ? messages.mailOf(nomineeNoticeMail({ nomination: row, consentToken, mail: args.mail })) : null;
    const submitted = await submitSentNomination(args.db, {
      editionId,
      stamp: entry.stamp,
      accessTokenHash: hashToken(token),
      fields,
      idempotencyKey: args.idempotencyKey,
      idempotencyFingerprint: args.fingerprint,
      now,
      language: args.mail.language ?? null,
      consentTokenHash: consentToken ? hashToken(consentToken) : null,
      receiptPrefix: receiptPrefix(edition.award.slug, edition.edition.year),
      receipt: receipt && submitMail(receipt),
      notice: notice && submitMail(notice),
      placeholder: RECEIPT_PLACEHOLDER,
      hit,
    });
    if (submitted.ok || submitted.reason !== 'taken') hit = null; // the statement committed, and counted the hit
    if (submitted.ok)
      return {
        ok: true,
        nomination: { id: submitted.id, status: 'sent', sentAt: now },
        receiptNumber: submitted.receiptNumber,
        alreadySent: false,
        accessToken: token,
      };
    if (submitted.reason === 'too-many') return submitted;
    if (submitted.reason === 'taken') {
      const tooMany = await countHit(); // the statement was rolled back, the hit with it
      if (tooMany) return tooMany;
      // A request with the same key made the nomination, before this one or while it ran, and
      // has committed by now; this statement was rolled back whole, so the receipt number it drew
      // is not used up.
      const existing = (await findNominationByIdempotencyKey(args.db, editionId, args.idempotencyKey!))!;
      return replay({ ...existing, fingerprint: existing.idempotencyFingerprint }, args.fingerprint);
    }
    // 'stale': the round changed (or the edition is gone): the next attempt reads it again.
  }
  // Every attempt found the round changed since it was read: a round being edited right now
  // (each change takes milliseconds). Nothing was written; the hit was counted by the first
  // attempt's statement (or is counted now). The client sends the same request again shortly.
  return (await countHit()) ?? { ok: false, reason: 'round-changing', retryAfterSeconds: ROUND_CHANGING_RETRY_SECONDS };
}

/** Why `fields` cannot be sent to `edition` at `now` (too long, the window, incomplete), or null. */
function submitRefusal(fields: NominationFields, edition: EditionForForm, now: Date): SubmitResult | null {
  const tooLong = hardLimitErrors(fields, edition.form);
  if (tooLong.length) return { ok: false, reason: 'too-long', errors: tooLong };
  const window = canNominate(edition.timeline, now);
  if (!window.ok) return { ...window, timeline: edition.timeline };
  const errors = completeErrors(fields, edition.form);
  if (errors.length) return { ok: false, reason: 'incomplete', errors };
  return null;
}

function submitMail(m: NewMail): SubmitMail {
  return {
    kind: m.kind,
    to: m.to,
    subject: m.subject,
    text: m.text,
    language: m.language ?? 'da',
    organisationName: m.organisationName ?? null,
    organisationId: m.organisationId ?? null,
  };
}

function replay(
  existing: { id: number; status: NominationRow['status']; receiptNumber: string | null; sentAt: Date | null; fingerprint: string | null },
  fingerprint: string,
): SubmitResult {
  if (existing.fingerprint !== fingerprint) return { ok: false, reason: 'idempotency-mismatch' };
  if (existing.status === 'draft' || !existing.receiptNumber || !existing.sentAt) return { ok: false, reason: 'not-found' };
  return {
    ok: true,
    nomination: { id: existing.id, status: existing.status, sentAt: existing.sentAt },
    receiptNumber: existing.receiptNumber,
    alreadySent: true,
    accessToken: null,
  };
}

/**
 * Withdraws a sent nomination before the deadline. Side effects: status 'withdrawn'; a
 * confirmation e-mail to the nominator and a notice to the nominee (when they have an address
 * of their own), each in their language. The nominee's consent link then says the nomination
 * was withdrawn and takes no answer (recordConsent).
 */
export async function withdrawNomination(args: { db: Database; edition: EditionForForm; nominationId: number; now: Date; mail: MailContext }) {
  return inTransaction(args.db, async (tx) => {
    const row = await lockNomination(tx, args.nominationId);
    if (!row) return { ok: false, reason: 'not-found' } as const;
    if (row.status === 'withdrawn') return { ok: true, nomination: row } as const;
    if (row.status !== 'sent') return { ok: false, reason: 'not-sent' } as const;
    const window = canNominate(args.edition.timeline, args.now);
    if (!window.ok) return window;
    const withdrawn = await updateNomination(tx, row.id, { status: 'withdrawn', withdrawnAt: args.now, updatedAt: args.now, version: row.version + 1 });
    const messages = (await messageRenderer(tx, args.edition.edition.id, args.mail.baseUrl))!;
    for (const m of withdrawalMails({ nomination: withdrawn, mail: args.mail })) await messages.queue(tx, m, args.now);
    return { ok: true, nomination: withdrawn } as const;
  });
}

/**
 * "Gem kladde": e-mails the nominator the private link to come back. The token comes from
 * the nominator's own request (it is never stored in clear). One e-mail per saved version.
 */
export async function emailDraftLink(args: { db: Database; edition: EditionForForm; nomination: NominationRow; token: string; now: Date; mail: MailContext }) {
  if (!args.nomination.nominatorEmail) return { ok: false, reason: 'no-email' } as const;
  const messages = (await messageRenderer(args.db, args.edition.edition.id, args.mail.baseUrl))!;
  const fallbackName = nominationTexts(args.mail.language ?? args.nomination.language).mail.draftGreetingFallback;
  await messages.queue(args.db, draftLinkMail({ nomination: args.nomination, token: args.token, mail: args.mail, fallbackName }), args.now);
  return { ok: true } as const;
}

/**
 * Replaces the private link: the old one stops working at once (e.g. it was forwarded by
 * mistake). Returns the new token; the caller e-mails it and sets the cookie.
 */
export async function renewAccessToken(args: { db: Database; nominationId: number; now: Date }) {
  const token = newToken();
  // The reminder's link goes too: "a new private link" means every earlier link stops working.
  const row = await updateNomination(args.db, args.nominationId, { accessTokenHash: hashToken(token), reminderTokenHash: null, accessRevokedAt: args.now });
  return { token, nomination: row };
}

/**
 * The nominee's answer to being published. A link can be used to change the answer later.
 * Refuses: 'not-found' (no such link, or a draft); 'withdrawn' (the nominator withdrew the
 * nomination: there is nothing to answer). Side effects: the answer, and the nominee's language
 * (the page's) for their later e-mails.
 */
export async function recordConsent(args: { db: Database; token: string; answer: 'accepted' | 'declined'; now: Date; language?: Locale }) {
  const row = await findNominationByConsentHash(args.db, hashToken(args.token));
  if (!row || row.status === 'draft') return { ok: false, reason: 'not-found' } as const;
  if (row.status === 'withdrawn') return { ok: false, reason: 'withdrawn', nomination: row } as const;
  const updated = await updateNomination(args.db, row.id, {
    nomineeConsent: args.answer,
    nomineeConsentAt: args.now,
    ...(args.language ? { nomineeLanguage: args.language } : {}),
  });
  return { ok: true, nomination: updated } as const;
}
