import { membersTexts } from './i18n.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireApiToken } from '../accounts/index.js';
import { errorResponses, id, instant, mayAdministerApi, problemSchema, requireJson, security } from '../platform/api.js';
import type { AppDeps } from '../platform/deps.js';
import { problem, problems, sendProblem } from '../platform/errors.js';
import { inviteProblemText } from './invitations.routes.js';
import {
  type InvitationView,
  inviteMember,
  listInvitations,
  listMembers,
  MEMBER_LIMITS,
  removeMember,
  withdrawInvitation,
  type MemberView,
} from './invitations.service.js';

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

const invitationSchema = z.object({
  id: z.number().int(),
  name: z.string().describe('The name as the administrator gave it'),
  email: z.string().describe('The address the invitation went to, in lower case'),
  role: z.enum(['committee', 'panel']),
  isChair: z.boolean(),
  partyLetter: z.string().nullable(),
  represents: z.string().nullable(),
  invitedAt: instant,
  expiresAt: instant.describe('When the link in the invitation stops working'),
});

function invitationJson(i: InvitationView) {
  return { ...i, invitedAt: i.invitedAt.toISOString(), expiresAt: i.expiresAt.toISOString() };
}

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
    language: z.enum(['da', 'en']).optional().describe("The language of the invitation and the person's later e-mails; Danish by default"),
  })
  .strict();

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
 * The members part of the admin API under /api/v1/admin: an edition's committee and patient
 * panel, inviting, the open invitations and withdrawing one, and removing, with the same services as the members page (so the same rules
 * and audit records), for a personal API token of an administrator of the edition's organisation.
 */
export async function membersApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, organisationOfEdition } = deps;

  const mayAdminister = mayAdministerApi;

  const base = { config: { access: 'admin' as const }, onRequest: requireApiToken };

  app.get(
    '/api/v1/admin/editions/:id/members',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'listMembers',
        summary: "The active members of an edition's committee and patient panel",
        security,
        params: z.object({ id }),
        response: { 200: z.object({ editionId: z.number().int(), members: z.array(memberSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(editionId), 'edition'))) return reply;
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
        operationId: 'inviteMember',
        summary: 'Invite a person to the committee or the patient panel',
        description:
          'Sends a Danish invitation e-mail with a single-use link, valid for seven days. The person becomes a member (again, if they were removed) only by following that link: an account that merely has the same e-mail gets nothing, and the answer is the same whether or not the address has an account. Inviting again while an invitation is open sends a new link (renewed: true). Recorded in the audit log.',
        security,
        params: z.object({ id }),
        body: inviteBody,
        response: {
          201: z.object({ invitation: invitationSchema, renewed: z.boolean() }),
          ...errorResponses,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(editionId), 'edition'))) return reply;
      const b = request.body;
      const result = await inviteMember({
        db,
        actor: request.actor,
        editionId,
        input: {
          name: b.name,
          email: b.email,
          role: b.role,
          isChair: b.isChair ?? false,
          partyLetter: b.partyLetter ?? '',
          represents: b.represents ?? '',
          language: b.language ?? 'da',
        },
        now: clock.now(),
        publicBaseUrl: deps.publicBaseUrl,
      });
      if (result.ok) return reply.code(201).send({ invitation: invitationJson(result.invitation), renewed: result.renewed });
      if (result.reason === 'not-found') return sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
      const en = membersTexts('en');
      if (result.reason === 'already-member') {
        return sendProblem(
          reply,
          problem(409, 'already-member', 'Already a member', {
            detail: en.errors.alreadyMember(result.member.email, en.group[result.member.role]),
            instance: request.url,
          }),
        );
      }
      return sendProblem(
        reply,
        problems.validation(
          request.url,
          result.problems.map((p) => ({ path: `/${p.field}`, message: inviteProblemText(en, p) })),
        ),
      );
    },
  );

  app.delete(
    '/api/v1/admin/editions/:id/members/:memberId',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'removeMember',
        summary: 'Remove a member from the committee or the patient panel',
        description: 'The member no longer sees the edition. Recorded in the audit log.',
        security,
        params: z.object({ id, memberId: id }),
        response: { 204: z.null().describe('Removed'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(editionId), 'edition'))) return reply;
      const result = await removeMember({ db, actor: request.actor, editionId, memberId: request.params.memberId, now: clock.now() });
      if (!result.ok) return sendProblem(reply, problems.notFound(request.url, 'There is no active member with this id in the edition.'));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/editions/:id/invitations',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'listInvitations',
        summary: 'The invitations of an edition not accepted yet (expired ones included)',
        security,
        params: z.object({ id }),
        response: { 200: z.object({ editionId: z.number().int(), invitations: z.array(invitationSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(editionId), 'edition'))) return reply;
      return { editionId, invitations: (await listInvitations(db, editionId)).map(invitationJson) };
    },
  );

  app.delete(
    '/api/v1/admin/editions/:id/invitations/:invitationId',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'withdrawInvitation',
        summary: 'Withdraw an invitation not accepted yet',
        description: 'The link in the invitation stops working. Recorded in the audit log.',
        security,
        params: z.object({ id, invitationId: id }),
        response: { 204: z.null().describe('Withdrawn'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      if (!(await mayAdminister(request, reply, await organisationOfEdition(editionId), 'edition'))) return reply;
      const result = await withdrawInvitation({ db, actor: request.actor, editionId, invitationId: request.params.invitationId, now: clock.now() });
      if (!result.ok) return sendProblem(reply, problems.notFound(request.url, 'There is no open invitation with this id in the edition.'));
      return reply.code(204).send(null);
    },
  );
}
