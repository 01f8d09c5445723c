import type { FastifyInstance } from 'fastify';
import { provideSubscription } from '../awards/index.js';
import type { AppDeps } from '../platform/deps.js';
import { outreachRoutes } from './outreach.routes.js';
import { NextRoundSignup } from './views/signup-pages.js';

/**
 * Outreach: messages from administrators to a round's groups (nominators, drafts, committee
 * members not finished, panel members who have not voted), reminders about unsent drafts before
 * the deadline, and "Få besked, når der åbnes" (a confirmed address told once when the award's
 * next round opens). It sits above awards, nominations, judging, panel and mail and reads their
 * groups through their index.ts; privacy uses its export and erasure of sign-ups.
 */
export async function outreachModule(app: FastifyInstance, deps: AppDeps) {
  // The award page (awards, below outreach) shows the sign-up through its slot.
  provideSubscription({ Form: NextRoundSignup });
  await app.register(outreachRoutes, deps);
}

export { NextRoundSignup } from './views/signup-pages.js';
export { enqueueDueDraftReminders } from './reminders.service.js';
export {
  deleteExpiredOpeningSubscriptions,
  deleteOpeningSubscriptions,
  enqueueOpeningNotices,
  findOpeningSubscriptions,
} from './subscriptions.service.js';
export { outreachTexts } from './i18n.js';
