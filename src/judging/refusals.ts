import type { Refusal, RefusalReasons } from '../platform/errors.js';
import type { JudgingTexts } from './i18n.js';
import type { closeReviewEarly } from './review-closure.service.js';
import type { decideShortlist } from './shortlist.service.js';

/**
 * Every reason the chair's shortlist and early closing of scoring are refused
 * (shortlist.service.ts, review-closure.service.ts), read from the functions' results: a new
 * reason there is a new key here.
 */
export type ChairRefusal = RefusalReasons<typeof decideShortlist> | RefusalReasons<typeof closeReviewEarly>;

/**
 * One reason, one answer: the API's status and problem type of each refusal; the page shows the
 * same status (400 for a form shown again) with the words of `refusal` in i18n.ts, keyed the same.
 */
export const CHAIR_REFUSALS = {
  'not-chair': { status: 403, code: 'not-chair', title: 'Only the chair of the committee can do this' },
  'not-found': { status: 404, code: 'not-found', title: 'Not found' },
  'no-timeline': { status: 409, code: 'no-review-timeline', title: 'The edition has no review deadline' },
  'not-started': { status: 409, code: 'review-not-started', title: 'The review has not started' },
  'deadline-passed': { status: 409, code: 'review-deadline-passed', title: 'The review deadline has passed' },
  'already-closed': { status: 409, code: 'review-already-closed', title: 'The review is already closed' },
  'review-open': { status: 409, code: 'review-still-open', title: 'Members can still change their scores' },
  'voting-locked': { status: 409, code: 'voting-locked', title: 'The panel has started voting' },
  'wrong-size': { status: 422, code: 'wrong-shortlist-size', title: 'The wrong number of nominees' },
  'not-eligible': { status: 422, code: 'not-eligible', title: 'A nomination is not eligible' },
  duplicate: { status: 422, code: 'duplicate-nominee', title: 'A nomination was chosen twice' },
} satisfies Record<ChairRefusal, Refusal>;

// The catalogue has a text for every reason (Danish; English has the same shape by its type).
type MissingText = Exclude<ChairRefusal, keyof JudgingTexts['refusal']>;
const everyReasonHasText: MissingText extends never ? true : MissingText = true;
void everyReasonHasText;
