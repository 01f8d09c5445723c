import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { requireApiToken } from '../accounts/api-tokens.js';
import { errorResponses, id, instant, mayAdministerApi, problemSchema, requireJson, security } from '../platform/api.js';
import { PHASES } from '../awards/phase.js';
import { messages } from '../platform/i18n/index.js';
import { problems, sendProblem } from '../platform/errors.js';
import { SCREENING_REASON_MAX } from './screening.service.js';
import { listAdministeredEditions, listEditionNominations, screenNomination } from './admin-api.service.js';
import { organisationOfEdition } from '../awards/awards.repo.js';
import { organisationOfNomination } from './admin.service.js';
import { inviteProblemText } from '../admin/members.routes.js';
import { inviteMember, listMembers, MEMBER_LIMITS, removeMember, type MemberView } from '../admin/members.service.js';

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

const memberSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['committee', 'panel']),
  isChair: z.boolean(),
  partyLetter: z.string().nullable(),
  represents: z.string().nullable(),
  affiliation: z.string().nullable().describe('What is shown beside the name: "Partibogstav A", or the organisation represented'),
  invitedAt: instant,
});

const inviteBody = z
  .object({
    name: z.string().max(1000),
    email: z.string().max(1000),
    role: z.enum(['committee', 'panel']),
    isChair: z.boolean().optional().describe('Only for the committee. A new chair replaces the previous one.'),
    partyLetter: z
      .string()
      .max(100)
      .nullable()
      .optional()
      .describe(`A party letter (at most ${MEMBER_LIMITS.partyLetter} characters); not together with represents`),
    represents: z.string().max(1000).nullable().optional().describe('The organisation the member represents; not together with partyLetter'),
  })
  .strict();

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

function memberJson(m: MemberView) {
  return {
    id: m.id,
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    isChair: m.isChair,
    partyLetter: m.partyLetter,
    represents: m.represents,
    affiliation: m.partyLetter ? `Partibogstav ${m.partyLetter}` : m.represents,
    invitedAt: m.invitedAt.toISOString(),
  };
}

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
        return sendProblem(reply, {
          type: '/problems/validation',
          title: 'Invalid input',
          status: 422,
          instance: request.url,
          errors: [{ path: '/reason', message: `The reason may be at most ${SCREENING_REASON_MAX} characters.` }],
        });
      }
      const result = await screenNomination({ db, actor: request.actor, nominationId, decision, reason: reason ?? null, now: clock.now() });
      if (result.ok) return { id: nominationId, screening: { ...result.screening, screenedAt: iso(result.screening.screenedAt) } };
      switch (result.reason) {
        case 'reason-required':
          return sendProblem(reply, {
            type: '/problems/validation',
            title: 'Invalid input',
            status: 422,
            detail: 'Give a reason when a nomination is not eligible.',
            instance: request.url,
            errors: [{ path: '/reason', message: 'Give a reason when a nomination is not eligible.' }],
          });
        case 'withdrawn':
          return sendProblem(reply, {
            type: '/problems/nomination-withdrawn',
            title: 'The nomination is withdrawn',
            status: 409,
            detail: 'A withdrawn nomination cannot be screened.',
            instance: request.url,
          });
        default:
          return sendProblem(reply, problems.notFound(request.url, 'There is no sent nomination with this id.'));
      }
    },
  );

  app.get(
    '/api/v1/admin/editions/:id/members',
    {
      ...base,
      schema: {
        tags: ['admin'],
        summary: "The active members of an edition's committee and patient panel",
        security,
        params: z.object({ id }),
        response: { 200: z.object({ editionId: z.number().int(), members: z.array(memberSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(db, editionId), 'edition'))) return reply;
      return { editionId, members: (await listMembers(db, editionId)).map(memberJson) };
    },
  );

  app.post(
    '/api/v1/admin/editions/:id/members',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        summary: 'Invite a person to the committee or the patient panel',
        description:
          'Creates the user when the e-mail is new (e-mails are unique without regard to case), makes them a member (again, if they were removed), and sends a Danish invitation e-mail with a single-use sign-in link. Recorded in the audit log.',
        security,
        params: z.object({ id }),
        body: inviteBody,
        response: {
          201: z.object({ member: memberSchema, createdUser: z.boolean(), reactivated: z.boolean() }),
          ...errorResponses,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(db, editionId), 'edition'))) return reply;
      const b = request.body;
      const result = await inviteMember({
        db,
        actor: request.actor,
        editionId,
        input: { name: b.name, email: b.email, role: b.role, isChair: b.isChair ?? false, partyLetter: b.partyLetter ?? '', represents: b.represents ?? '' },
        now: clock.now(),
        publicBaseUrl: deps.publicBaseUrl,
      });
      if (result.ok) return reply.code(201).send({ member: memberJson(result.member), createdUser: result.createdUser, reactivated: result.reactivated });
      if (result.reason === 'not-found') return sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
      const en = messages('en').members;
      if (result.reason === 'already-member') {
        return sendProblem(reply, {
          type: '/problems/already-member',
          title: 'Already a member',
          status: 409,
          detail: en.errors.alreadyMember(result.member.email, en.group[result.member.role]),
          instance: request.url,
        });
      }
      return sendProblem(reply, {
        type: '/problems/validation',
        title: 'Invalid input',
        status: 422,
        detail: 'Correct the listed fields and send again.',
        instance: request.url,
        errors: result.problems.map((p) => ({ path: `/${p.field}`, message: inviteProblemText(en, p) })),
      });
    },
  );

  app.delete(
    '/api/v1/admin/editions/:id/members/:memberId',
    {
      ...base,
      schema: {
        tags: ['admin'],
        summary: 'Remove a member from the committee or the patient panel',
        description: 'The member no longer sees the edition. Recorded in the audit log.',
        security,
        params: z.object({ id, memberId: id }),
        response: { 204: z.null().describe('Removed'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(db, editionId), 'edition'))) return reply;
      const result = await removeMember({ db, actor: request.actor, editionId, memberId: request.params.memberId, now: clock.now() });
      if (!result.ok) return sendProblem(reply, problems.notFound(request.url, 'There is no active member with this id in the edition.'));
      return reply.code(204).send(null);
    },
  );
}
