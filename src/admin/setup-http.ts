import type { FastifyReply, FastifyRequest } from 'fastify';
import { canAdministerOrganisation } from '../accounts/permissions.js';
import { sendErrorPage } from '../platform/errors.js';
import { render } from '../platform/layout.js';

// The HTTP helpers of the setup and audit-log pages under /admin.

/** Database ids are positive int4; anything else in the URL is a page that does not exist. */
export function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : null;
}

export function sendPage(reply: FastifyReply, status: number, page: JSX.Element): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(page));
}

/** 404 when the thing does not exist (organisation null); 403 unless the actor administers the organisation. */
export async function mayAdminister(request: FastifyRequest, reply: FastifyReply, organisationId: number | null): Promise<boolean> {
  if (organisationId === null) {
    await sendErrorPage(request, reply, 404, 'notFound');
    return false;
  }
  const allowed = canAdministerOrganisation(request.actor, organisationId);
  if (!allowed.ok) {
    request.log.warn({ organisationId, reason: allowed.reason }, 'administrator refused for another organisation');
    await sendErrorPage(request, reply, 403, 'forbidden');
    return false;
  }
  return true;
}

