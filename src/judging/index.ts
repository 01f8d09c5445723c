import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { judgingRoutes } from './judging.routes.js';

/** Judging: the committee's reviews, conflicts, overview and shortlist (pages and API). */
export async function judgingModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(judgingRoutes, deps);
}

export { BLIND_REVIEW_HIDDEN_FIELDS, forCommittee, shownToCommittee, type BlindHiddenField } from './blind-review.js';
export { listConflicts, listReviews } from './judging.repo.js';
export { LIX_BANDS, bandOf, lix } from './lix.js';
export { loadCommitteeOverview, type Anonymise, type CommitteeOverviewData } from './overview.service.js';
export { findCommitteeMember } from './judging.repo.js';
export { enqueueDueReviewReminders, enqueueScoringOpens } from './reminders.service.js';
export { conflictIndex, conflictOf, inForce } from './review.service.js';
export { findShortlist, writeShortlist } from './shortlist.repo.js';
export { NO_JUDGING_WAITING, countJudgingWaiting, type JudgingWaiting } from './waiting.repo.js';
export { listUnfinishedCommittee, type MemberRecipient } from './recipients.repo.js';
