import type { FastifyReply, FastifyRequest } from 'fastify';
import { canAdministerOrganisation } from '../accounts/permissions.js';
import type { Database } from '../db/database.js';
import { sendErrorPage } from '../platform/errors.js';
import { parseId } from '../platform/http.js';
import { organisationOfEdition } from './admin.service.js';

// The HTTP helpers of the administrators' pages (under /admin, and the other modules' pages
// for administrators). The admin API's counterpart is mayAdministerApi (admin.api.ts).

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

/** The edition's id from the URL when the actor administers its organisation; otherwise the 404 or 403 page is sent and null returned. */
export async function administeredEdition(db: Database, request: FastifyRequest, reply: FastifyReply, rawId: string): Promise<number | null> {
  const id = parseId(rawId);
  const organisationId = id === null ? null : await organisationOfEdition(db, id);
  return (await mayAdminister(request, reply, organisationId)) ? id : null;
}
