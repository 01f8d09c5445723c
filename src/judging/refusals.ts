import type { Refusal, RefusalReasons } from '../platform/errors.js';
import type { JudgingTexts } from './i18n.js';
import type { closeReviewEarly } from './review-closure.service.js';
import type { ScoreRefusal } from './review-rules.js';
import type { decideConflict, loadReviewPage, saveReview } from './review.service.js';
import type { decideShortlist } from './shortlist.service.js';

/**
 * Every reason the chair's shortlist and early closing of scoring are refused
 * (shortlist.service.ts, review-closure.service.ts), read from the functions' results: a new
 * reason there is a new key here.
 */
export type ChairRefusal = RefusalReasons<typeof decideShortlist> | RefusalReasons<typeof closeReviewEarly>;

/** Why a conflict of interest cannot be declared, confirmed or dismissed (decideConflict). */
export type ConflictRefusal = RefusalReasons<typeof decideConflict>;

/**
 * Every reason a member's review is refused (loadReviewPage, saveReview): 'refused' stands for
 * the reason canScore gives, which is its own key (ScoreRefusal).
 */
export type ReviewRefusal = Extract<Awaited<ReturnType<typeof loadReviewPage>>, string> | Exclude<RefusalReasons<typeof saveReview>, 'refused'> | ScoreRefusal;

/** Every reason the judging module refuses something, from the functions' results. */
export type JudgingRefusal = ChairRefusal | ConflictRefusal | ReviewRefusal;

/**
 * One reason, one answer, for the whole module: the API's status and problem type of each
 * refusal; the pages answer with the same status (`pageStatus`: a form shown again with its
 * messages is 400; 403 and 404 are the error pages, `errorPageOf`). The words are in i18n.ts,
 * per flow (the same reason can need other words on another form): `refusal` for the chair,
 * `scoreRefusal` for scoring, `conflictRefusal` for conflicts of interest.
 */
export const JUDGING_REFUSALS = {
  'not-member': { status: 403, code: 'not-committee-member', title: 'Only members of the committee can do this' },
  'not-chair': { status: 403, code: 'not-chair', title: 'Only the chair of the committee can do this' },
  'not-found': { status: 404, code: 'not-found', title: 'Not found' },
  'no-timeline': { status: 409, code: 'no-review-timeline', title: 'The edition has no review deadline' },
  'not-started': { status: 409, code: 'review-not-started', title: 'The review has not started' },
  'deadline-passed': { status: 409, code: 'review-deadline-passed', title: 'The review deadline has passed' },
  'closed-early': { status: 409, code: 'review-closed-early', title: 'The chair has closed the review' },
  conflicted: { status: 409, code: 'conflict-of-interest', title: 'The member has a conflict of interest with the nomination' },
  'already-closed': { status: 409, code: 'review-already-closed', title: 'The review is already closed' },
  'review-open': { status: 409, code: 'review-still-open', title: 'Members can still change their scores' },
  'voting-locked': { status: 409, code: 'voting-locked', title: 'The panel has started voting' },
  'no-flag': { status: 409, code: 'no-conflict-flag', title: 'There is no possible conflict of interest to decide' },
  invalid: { status: 422, code: 'validation', title: 'Invalid input' },
  'reason-required': { status: 422, code: 'conflict-reason-required', title: 'A reason is required' },
  'reason-too-long': { status: 422, code: 'conflict-reason-too-long', title: 'The reason is too long' },
  'wrong-size': { status: 422, code: 'wrong-shortlist-size', title: 'The wrong number of nominees' },
  'not-eligible': { status: 422, code: 'not-eligible', title: 'A nomination is not eligible' },
  duplicate: { status: 422, code: 'duplicate-nominee', title: 'A nomination was chosen twice' },
} satisfies Record<JudgingRefusal, Refusal>;

/** The error page of a refusal answered by one (403 forbidden, 404 not found); null for a form's refusal. */
export function errorPageOf(reason: JudgingRefusal): 'forbidden' | 'notFound' | null {
  const { status } = JUDGING_REFUSALS[reason];
  return status === 403 ? 'forbidden' : status === 404 ? 'notFound' : null;
}

// The catalogue has words for every reason a form shows (Danish; English has the same shape by
// its type): a new reason without them fails the typecheck here, naming the reason.
type ChairMissing = Exclude<ChairRefusal, keyof JudgingTexts['refusal']>;
type ScoringMissing = Exclude<ScoreRefusal, keyof JudgingTexts['scoreRefusal']>;
type ConflictMissing = Exclude<ConflictRefusal, 'not-member' | 'not-found' | keyof JudgingTexts['conflictRefusal']>;
const chairHasText: ChairMissing extends never ? true : ChairMissing = true;
const scoringHasText: ScoringMissing extends never ? true : ScoringMissing = true;
const conflictHasText: ConflictMissing extends never ? true : ConflictMissing = true;
void [chairHasText, scoringHasText, conflictHasText];

/** The words of a refused conflict of interest (the reason's length limit filled in). */
export function conflictRefusalText(j: JudgingTexts, reason: Exclude<ConflictRefusal, 'not-member' | 'not-found'>, maxReason: number): string {
  const text = j.conflictRefusal[reason];
  return typeof text === 'function' ? text(maxReason) : text;
}
