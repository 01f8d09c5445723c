import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { provideEditionResult, type EditionResultSource } from '../awards/index.js';
import { exportRoutes } from './exports/exports.routes.js';
import { winnerIsPublic } from './public-result.js';
import { loadPublicResult } from './publication.service.js';
import { publicationRoutes } from './publication.routes.js';
import { ResultSection, WinnerDetails } from './views/result-section.js';

/** Publication: the archive and the winners' feed, the committee's exports; and the result on awards' pages. */
export async function publicationModule(app: FastifyInstance, deps: AppDeps) {
  // What of an edition's result is public, on awards' page and API (awards sits below publication).
  provideEditionResult({ load: loadPublicResult, winnerIsPublic, Section: ResultSection, Winner: WinnerDetails } satisfies EditionResultSource);
  await app.register(publicationRoutes, deps);
  await app.register(exportRoutes, deps);
}

export { enqueueDuePublicationNotices } from './notices.service.js';
