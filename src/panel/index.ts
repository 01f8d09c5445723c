import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { panelApi } from './panel.api.js';
import { panelAdminRoutes } from './panel-admin.routes.js';
import { panelRoutes } from './panel.routes.js';

/** The patient panel module: the members' ballot, the chair's winner decision, the administrators' page and API. */
export async function panelModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(panelRoutes, deps);
  await app.register(panelAdminRoutes, deps);
  await app.register(panelApi, deps);
}

export { findWinner, recordImportedWinner, type Winner } from './winner.service.js';
export { LIX_AIM, NO_PANEL_WAITING, countPanelWaiting, type PanelWaiting } from './waiting.repo.js';
export { listPanelNotVoted, type PanelRecipient } from './recipients.repo.js';
export { enqueueVotingOpens } from './voting-opens.service.js';
