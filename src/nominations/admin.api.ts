import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { requireApiToken } from '../accounts/index.js';
import { errorResponses, id, instant, mayAdministerApi, problemSchema, requireJson, security } from '../platform/api.js';
import { PHASES, organisationOfEdition } from '../awards/index.js';
import { problem, problems, sendProblem } from '../platform/errors.js';
import { SCREENING_REASON_MAX } from './screening.service.js';
import { listAdministeredEditions, listEditionNominations, screenNomination } from './admin-api.service.js';
import { organisationOfNomination } from './admin.service.js';

/** The one refusal a not-eligible decision without a reason gets, as the field's message and the problem's detail. */
const NEEDS_REASON = 'Give a reason when a nomination is not eligible.';

const editionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  theme: z.string().nullable(),
  phase: z.enum(PHASES),
  sentCount: z.number().int().describe('Nominations sent and not withdrawn'),
  award: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  organisation: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
});

const screeningState = z.enum(['pending', 'eligible', 'not-eligible']);
const screeningSchema = z.object({ state: screeningState, reason: z.string().nullable(), screenedAt: instant.nullable() });

const nominationSchema = z.object({
  id: z.number().int(),
  receiptNumber: z.string().nullable(),
  status: z.enum(['sent', 'withdrawn']),
  title: z.string(),
  sentAt: instant.nullable(),
  withdrawnAt: instant.nullable(),
  nominee: z.object({ kind: z.enum(['person', 'team', 'workplace']).nullable(), names: z.string(), unit: z.string(), organisation: z.string() }),
  nominator: z.object({ name: z.string(), workplace: z.string() }),
  screening: screeningSchema,
});

const screeningBody = z
  .object({
    decision: z.enum(['eligible', 'not-eligible']),
    reason: z
      .string()
      .max(SCREENING_REASON_MAX * 2)
      .nullable()
      .optional()
      .describe(`Required when not eligible; at most ${SCREENING_REASON_MAX} characters`),
  })
  .strict();

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The admin API under /api/v1/admin: the same operations as the administrators' pages, with
 * the same services (so the same rules and audit records), for a personal API token. Each
 * route checks that the edition or nomination belongs to one of the caller's organisations.
 */
export async function adminApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = deps;

  const mayAdminister = mayAdministerApi;

  const base = { config: { access: 'admin' as const }, onRequest: requireApiToken };

  app.get(
    '/api/v1/admin/editions',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'listEditions',
        summary: "The editions of the caller's organisations",
        security,
        response: { 200: z.object({ editions: z.array(editionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor;
      const adminOf = actor.kind === 'user' ? actor.adminOf : new Set<number>();
      return { editions: await listAdministeredEditions(db, adminOf, clock.now()) };
    },
  );

  app.get(
    '/api/v1/admin/editions/:id/nominations',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'listNominations',
        summary: 'The sent and withdrawn nominations of an edition, with their screening',
        description: "Drafts are the nominators' private work and never listed. In receipt order.",
        security,
        params: z.object({ id }),
        querystring: z.object({ status: z.enum(['sent', 'withdrawn']).optional(), screening: screeningState.optional() }).strict(),
        response: { 200: z.object({ editionId: z.number().int(), nominations: z.array(nominationSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(db, editionId), 'edition'))) return reply;
      const found = await listEditionNominations(db, editionId);
      if (!found) return sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
      const { status, screening } = request.query;
      return {
        editionId,
        nominations: found.nominations
          .filter((n) => n.status !== 'draft' && (!status || n.status === status) && (!screening || n.screening === screening))
          .map((n) => ({
            id: n.id,
            receiptNumber: n.receiptNumber,
            status: n.status as 'sent' | 'withdrawn',
            title: n.title,
            sentAt: iso(n.sentAt),
            withdrawnAt: iso(n.withdrawnAt),
            nominee: { kind: n.nomineeKind, names: n.nomineeNames, unit: n.nomineeUnit, organisation: n.nomineeOrganisation },
            nominator: { name: n.nominatorName, workplace: n.nominatorWorkplace },
            screening: { state: n.screening, reason: n.screeningReason, screenedAt: iso(n.screenedAt) },
          })),
      };
    },
  );

  app.post(
    '/api/v1/admin/nominations/:id/screening',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'screenNomination',
        summary: 'Screen a sent nomination: eligible, or not eligible with a reason',
        description: "The same rules as the administrators' page. Deciding again changes the decision. Recorded in the audit log.",
        security,
        params: z.object({ id }),
        body: screeningBody,
        response: {
          200: z.object({ id: z.number().int(), screening: screeningSchema }),
          ...errorResponses,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const nominationId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfNomination(db, nominationId), 'nomination'))) return reply;
      const { decision, reason } = request.body;
      if ((reason ?? '').trim().length > SCREENING_REASON_MAX) {
        const message = `The reason may be at most ${SCREENING_REASON_MAX} characters.`;
        return sendProblem(reply, problem(422, 'validation', 'Invalid input', { instance: request.url, errors: [{ path: '/reason', message }] }));
      }
      const result = await screenNomination({ db, actor: request.actor, nominationId, decision, reason: reason ?? null, now: clock.now() });
      if (result.ok) return { id: nominationId, screening: { ...result.screening, screenedAt: iso(result.screening.screenedAt) } };
      switch (result.reason) {
        case 'reason-required':
          return sendProblem(reply, problems.validation(request.url, [{ path: '/reason', message: NEEDS_REASON }], NEEDS_REASON));
        case 'withdrawn':
          return sendProblem(
            reply,
            problem(409, 'nomination-withdrawn', 'The nomination is withdrawn', {
              detail: 'A withdrawn nomination cannot be screened.',
              instance: request.url,
            }),
          );
        default:
          return sendProblem(reply, problems.notFound(request.url, 'There is no sent nomination with this id.'));
      }
    },
  );
}
