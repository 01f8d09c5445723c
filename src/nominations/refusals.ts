import type { Refusal, RefusalReasons } from '../platform/errors.js';
import type { NominationTexts } from './i18n.js';
import type { saveNomination, sendNomination, startNomination, submitNomination } from './nomination.service.js';

/**
 * Every reason the nomination flow refuses a start, a save or a send (nomination.service.ts),
 * read from the functions' results: a new reason there is a new key here.
 */
export type NominationRefusal =
  | RefusalReasons<typeof startNomination>
  | RefusalReasons<typeof saveNomination>
  | RefusalReasons<typeof sendNomination>
  | RefusalReasons<typeof submitNomination>;

/**
 * One reason, one answer: the API's status and problem type of each refusal, and the status of
 * the page that shows it (`pageStatus`). The page's words are `refusals` in i18n.ts, keyed the
 * same way.
 */
export const NOMINATION_REFUSALS = {
  'not-open-yet': { status: 409, code: 'nominations-not-open', title: 'Nominations are not open yet' },
  'deadline-passed': { status: 409, code: 'deadline-passed', title: 'The deadline has passed' },
  'too-long': { status: 422, code: 'text-too-long', title: 'Text too long' },
  incomplete: { status: 422, code: 'nomination-incomplete', title: 'The nomination is incomplete' },
  withdrawn: { status: 409, code: 'nomination-withdrawn', title: 'The nomination has been withdrawn' },
  'version-conflict': { status: 409, code: 'version-conflict', title: 'The nomination was changed elsewhere' },
  'not-found': { status: 404, code: 'not-found', title: 'Not found' },
  'idempotency-mismatch': { status: 422, code: 'idempotency-key-reused', title: 'Idempotency-Key reused with a different body' },
  // The API's own rate limit (submitNomination counts it in its statement); problems.tooMany answers the same.
  'too-many': { status: 429, code: 'too-many-requests', title: 'Too many requests' },
  // The round changed under every attempt of a submit (submitNomination): nothing written. A
  // conflict with the round's state of the moment, so 4xx as every refusal here; the API adds
  // Retry-After, as the same request will go through once the organisers' change is saved.
  'round-changing': { status: 409, code: 'round-changing', title: 'The round is being changed' },
} satisfies Record<NominationRefusal, Refusal>;

// The catalogue has a text for every reason (Danish; English has the same shape by its type).
type Texts = NominationTexts['refusals'];
type MissingText = Exclude<NominationRefusal, keyof Texts>;
const everyReasonHasText: MissingText extends never ? true : MissingText = true;
void everyReasonHasText;
