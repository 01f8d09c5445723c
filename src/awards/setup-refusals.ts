import { setupTexts } from './i18n.js';
import type { Refusal, RefusalReasons } from '../platform/errors.js';
import type { Messages } from '../platform/i18n/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import type { createAward, createEdition, createNextYearEdition, saveEditionList, updateAward, updateEdition, updateOrganisation } from './setup.service.js';

type SetupFunction =
  | typeof updateOrganisation
  | typeof createAward
  | typeof updateAward
  | typeof createEdition
  | typeof updateEdition
  | typeof saveEditionList
  | typeof createNextYearEdition;

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
} satisfies Record<SetupRefusal, Refusal>;

/** The words of each refusal, from the catalogue of the page's language; the API says them in English. */
const SETUP_REFUSAL_TEXTS: { [R in SetupRefusal]: (m: Messages, locale: Locale, refusal: Extract<SetupFailure, { reason: R }>) => string } = {
  'not-found': (m) => m.errors.notFoundBody,
  invalid: (m) => m.ui.errorSummaryHeading,
  'form-locked': (_m, locale, r) => setupTexts(locale).lists.locked(formatInstant(r.since, locale)),
  'year-taken': (_m, locale, r) => setupTexts(locale).nextYearTaken(r.year),
};

export function setupRefusalText(m: Messages, locale: Locale, refusal: SetupFailure): string {
  const text = SETUP_REFUSAL_TEXTS[refusal.reason] as (m: Messages, locale: Locale, r: SetupFailure) => string;
  return text(m, locale, refusal);
}
