import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { auditLogRoutes } from './audit.routes.js';

/** The audit log page of an organisation (/admin/organisationer/:id/log), never cached like every admin page. */
export async function auditModule(app: FastifyInstance, deps: AppDeps) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  await app.register(auditLogRoutes, deps);
}
