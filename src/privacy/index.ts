import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { privacyRoutes } from './privacy.routes.js';
import { policyRoutes } from './policy.routes.js';

/** Privacy: the public privacy policy of each organisation; a person's data (see, export, erase) for administrators. */
export async function privacyModule(app: FastifyInstance, deps: AppDeps & { mailDir?: string | undefined }) {
  await app.register(privacyRoutes, deps);
  await app.register(policyRoutes, deps);
}

export { privacyTexts } from './i18n.js';
export { anonymiseExpiredPersonalData } from './retention.service.js';
