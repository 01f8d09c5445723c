import { setupTexts } from './i18n.js';
import type { Refusal, RefusalReasons } from '../platform/errors.js';
import type { Messages } from '../platform/i18n/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import type {
  createAward,
  createEdition,
  createNextYearEdition,
  deleteDraftEdition,
  publishEdition,
  saveEditionList,
  unpublishEdition,
  updateAward,
  updateEdition,
  updateOrganisation,
} from './setup.service.js';
import type { DeleteRefusal, UnpublishRefusal } from './publishing.js';

type SetupFunction =
  | typeof updateOrganisation
  | typeof createAward
  | typeof updateAward
  | typeof createEdition
  | typeof updateEdition
  | typeof saveEditionList
  | typeof createNextYearEdition
  | typeof publishEdition
  | typeof unpublishEdition
  | typeof deleteDraftEdition;

/**
 * Every reason the setup of organisations, awards and editions is refused (setup.service.ts),
 * read from the functions' results: a new reason there is a new key here.
 */
export type SetupRefusal = RefusalReasons<SetupFunction>;

/** A refusal as a setup function returns it, with what its message needs (the year, since when). */
export type SetupFailure = Extract<Awaited<ReturnType<SetupFunction>>, { ok: false }>;

/**
 * One reason, one answer: the API's status and problem type of each refusal; the pages answer
 * with the same status (`pageStatus`: a form shown again with its messages is 400).
 */
export const SETUP_REFUSALS = {
  'not-found': { status: 404, code: 'not-found', title: 'Not found' },
  /** The form's own rules or the service's (timeline order, the year taken, a locked field): the messages are per field. */
  invalid: { status: 422, code: 'validation', title: 'Invalid input' },
  'form-locked': { status: 409, code: 'form-locked', title: 'The form is locked' },
  'year-taken': { status: 409, code: 'year-taken', title: 'The year exists' },
  /** Publishing: the round lacks something (each problem is listed). */
  'not-ready': { status: 409, code: 'not-ready', title: 'The round is not ready to be published' },
  /** Back to draft or delete, refused by the round's state (publishing.ts). */
  refused: { status: 409, code: 'not-allowed-now', title: 'Not allowed in the round’s current state' },
} satisfies Record<SetupRefusal, Refusal>;

/** The words of each refusal, from the catalogue of the page's language; the API says them in English. */
const SETUP_REFUSAL_TEXTS: { [R in SetupRefusal]: (m: Messages, locale: Locale, refusal: Extract<SetupFailure, { reason: R }>) => string } = {
  'not-found': (m) => m.errors.notFoundBody,
  invalid: (m) => m.ui.errorSummaryHeading,
  'form-locked': (_m, locale, r) => setupTexts(locale).lists.locked(formatInstant(r.since, locale)),
  'year-taken': (_m, locale, r) => setupTexts(locale).nextYearTaken(r.year),
  'not-ready': (_m, locale) => setupTexts(locale).publishing.notReadyHeading,
  refused: (_m, locale, r) => stateRefusalText(locale, r.refusal),
};

/** Why a round cannot go back to draft or be deleted, in words. */
export function stateRefusalText(locale: Locale, r: UnpublishRefusal | DeleteRefusal): string {
  const t = setupTexts(locale).publishing.refusals;
  return r.code === 'already-open' ? t['already-open'](formatInstant(r.opensAt, locale)) : t[r.code];
}

export function setupRefusalText(m: Messages, locale: Locale, refusal: SetupFailure): string {
  const text = SETUP_REFUSAL_TEXTS[refusal.reason] as (m: Messages, locale: Locale, r: SetupFailure) => string;
  return text(m, locale, refusal);
}
