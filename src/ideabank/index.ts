import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { ideaBankApi } from './ideabank.api.js';
import { ideaBankRoutes } from './ideabank.routes.js';
import { ideaBankImageRoutes } from './images.routes.js';

/** The idea bank: search, solutions, adoptions, their API and images (stored files in the database, platform/storage). */
export async function ideabankModule(app: FastifyInstance, deps: AppDeps) {
  const rest = deps;
  await app.register(ideaBankRoutes, rest);
  await app.register(ideaBankApi, rest);
  await app.register(ideaBankImageRoutes, rest);
}

export { addNominationToIdeaBank, seedDemoSolutions, similarSolutions } from './ideabank.service.js';
export type { SimilarRow } from './ideabank.repo.js';
export { ideaBankTexts } from './i18n.js';
export { IdeaBankAssets } from './views/parts.js';
export { SimilarBox } from './views/solution-form.js';
export { findSolutionTitlesOf, insertImportedSolution } from './imported-solutions.js';
