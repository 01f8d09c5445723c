import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { historyImportRoutes } from './history-import.routes.js';

/**
 * The import of earlier years: an award's rounds before Prisportal (nominees and winners) and
 * idea-bank solutions, from XLSX or CSV, previewed as a dry run and applied in one transaction.
 * It writes through the owners' functions (awards, nominations, judging, panel, ideabank); no
 * module imports it.
 */
export async function historyImportModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(historyImportRoutes, deps);
}
