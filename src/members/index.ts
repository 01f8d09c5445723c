import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { acceptInvitationRoutes } from './accept.routes.js';
import { memberAdminRoutes } from './invitations.routes.js';
import { membersApi } from './members.api.js';
import { memberRoutes } from './members.routes.js';

/** Members: the committee and panel of an edition, invitations and accepting them, and "Mine udgaver". */
export async function membersModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(memberAdminRoutes, deps);
  await app.register(membersApi, deps);
  await app.register(memberRoutes, deps);
  await app.register(acceptInvitationRoutes, deps);
}

export { membersTexts } from './i18n.js';
