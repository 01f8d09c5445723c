import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems, sendProblem } from './errors.js';

// What the JSON API routes of every module share: the OpenAPI security scheme, the id and
// instant types, the problem-details schema, and the guards that need no module.

/** The name of the security scheme in the OpenAPI document (declared in app.ts). */
export const BEARER_SCHEME = 'bearerAuth';

export const security = [{ [BEARER_SCHEME]: [] }];

/**
 * The `security` of a public operation: none. Said explicitly (an empty list) so that tools
 * reading the OpenAPI document (Redocly's `security-defined` rule, generated clients) know the
 * route needs no token, rather than guessing from a missing field.
 */
export const noSecurity: { [scheme: string]: string[] }[] = [];

export const id = z.coerce
  .number({ message: 'id must be a positive integer' })
  .int('id must be a positive integer')
  .positive('id must be a positive integer')
  .max(2_147_483_647, 'id is too large');

export const instant = z.string().describe('An instant in ISO 8601 (UTC)');

/** The OpenAPI description of a problem answer; every API route lists it for its error statuses. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

/** Every admin route can answer these. */
export const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export async function requireJson(request: FastifyRequest, reply: FastifyReply) {
  if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) {
    return sendProblem(reply, problems.unsupportedMediaType(request.url, 'Send the body as application/json.'));
  }
}

/**
 * The organisation check of every admin API route that names a thing (an edition, an award …):
 * 404 when it does not exist (organisationId null), 403 — logged — when it belongs to an
 * organisation the caller does not administer; true when the caller may go on.
 */
export async function mayAdministerApi(request: FastifyRequest, reply: FastifyReply, organisationId: number | null, what: string): Promise<boolean> {
  if (organisationId === null) {
    await sendProblem(reply, problems.notFound(request.url, `There is no ${what}.`));
    return false;
  }
  if (!request.canAdminister(organisationId).ok) {
    request.log.warn({ organisationId }, 'administrator refused for another organisation (api)');
    await sendProblem(reply, problems.forbidden(request.url, `You do not administer the organisation of this ${what}.`));
    return false;
  }
  return true;
}
