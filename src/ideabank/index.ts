import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import type { AttachmentStore } from '../platform/storage/store.js';
import { ideaBankApi } from './ideabank.api.js';
import { ideaBankRoutes } from './ideabank.routes.js';
import { ideaBankImageRoutes } from './images.routes.js';

/** The idea bank: search, solutions, adoptions, their API and images (in the attachment store: their keys are random, like attachments'). */
export async function ideabankModule(app: FastifyInstance, deps: AppDeps & { store: AttachmentStore }) {
  const { store, ...rest } = deps;
  await app.register(ideaBankRoutes, rest);
  await app.register(ideaBankApi, rest);
  await app.register(ideaBankImageRoutes, { ...rest, store });
}

export { addNominationToIdeaBank, seedDemoSolutions, similarSolutions } from './ideabank.service.js';
export type { SimilarRow } from './ideabank.repo.js';
export { ideaBankTexts } from './i18n.js';
export { IdeaBankAssets } from './views/parts.js';
export { SimilarBox } from './views/solution-form.js';
export { findSolutionTitlesOf, insertImportedSolution } from './imported-solutions.js';
