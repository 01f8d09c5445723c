import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { roundsRoutes } from './rounds.routes.js';

/**
 * Rounds: the administration's front page (/admin: each organisation's rounds by stage) and each
 * round's dashboard (/admin/udgaver/:id). It sits above awards, nominations, judging and panel and
 * composes what each of them counts through its index.ts; no module imports it.
 */
export async function roundsModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(roundsRoutes, deps);
}

export { roundsTexts } from './i18n.js';
