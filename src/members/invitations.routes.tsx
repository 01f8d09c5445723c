import { type MembersTexts, membersTexts } from './i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import { administeredEdition } from '../platform/http.js';
import { getMembersPage, inviteMember, MEMBER_LIMITS, removeMember, withdrawInvitation, type InviteInput, type InviteProblem } from './invitations.service.js';
import { EMPTY_INVITE, MembersPage, type InviteForm } from './views/members-page.js';
import type { FieldError } from '../platform/ui/index.js';
import { parseId, sendPage } from '../platform/http.js';
import { membersUrls as urls } from './urls.js';

const ROLES: Record<string, InviteInput['role']> = { komite: 'committee', panel: 'panel' };

/** The invitation form's fields, as posted (missing or odd fields read as empty). */
export function readInviteForm(body: unknown): InviteInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).slice(0, 2000) : '');
  return {
    name: text('navn'),
    email: text('email'),
    role: ROLES[text('rolle')] ?? null,
    isChair: b.formand === 'ja',
    partyLetter: text('partibogstav'),
    represents: text('repraesenterer'),
    language: text('sprog') === 'en' ? 'en' : 'da',
  };
}

/** The id of the input the error summary links to, per field. */
const TARGET: Record<InviteProblem['field'], string> = {
  name: 'name',
  email: 'email',
  role: 'role-committee',
  isChair: 'isChair',
  partyLetter: 'partyLetter',
  represents: 'represents',
};

export function inviteProblemText(t: MembersTexts, p: InviteProblem): string {
  const e = t.errors;
  switch (p.field) {
    case 'name':
      return p.code === 'required' ? e.nameRequired : e.nameTooLong(MEMBER_LIMITS.name);
    case 'email':
      return p.code === 'required' ? e.emailRequired : p.code === 'too-long' ? e.emailTooLong(MEMBER_LIMITS.email) : e.emailFormat;
    case 'role':
      return e.roleRequired;
    case 'isChair':
      return e.chairNotCommittee;
    case 'partyLetter':
      return p.code === 'too-long' ? e.partyLetterTooLong(MEMBER_LIMITS.partyLetter) : e.bothAffiliations;
    case 'represents':
      return e.representsTooLong(MEMBER_LIMITS.represents);
  }
}

/**
 * The committee and patient panel of an edition, for the administrators of its organisation:
 * the list, the invitations not accepted yet, inviting by e-mail, withdrawing an invitation,
 * removing. The rules live in invitations.service.ts.
 */
export async function memberAdminRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  /** The edition's id from the URL when the actor administers its organisation; otherwise the 404 or 403 page is sent and null returned. */
  const editionFor = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<number | null> =>
    administeredEdition(deps, request, reply, request.params.id);

  const showPage = async (request: FastifyRequest, reply: FastifyReply, editionId: number, form: InviteForm, status: number, notice?: string) => {
    const page = await getMembersPage(db, editionId);
    if (!page) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, status, MembersPage({ ctx: pageContext(request), csrf: csrfToken(reply), page, form, notice, now: clock.now() }));
  };

  app.get<{ Params: { id: string }; Querystring: { inviteret?: string; fjernet?: string; trukket?: string } }>(
    urls.editionMembers.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const editionId = await editionFor(request, reply);
      if (editionId === null) return reply;
      const m = membersTexts(pageContext(request).locale);
      const page = await getMembersPage(db, editionId);
      if (!page) return sendErrorPage(request, reply, 404, 'notFound');
      const invitedId = typeof request.query.inviteret === 'string' ? parseId(request.query.inviteret) : null;
      const invited = invitedId === null ? undefined : page.invitations.find((x) => x.id === invitedId);
      const notice = invited ? m.invited(invited.email) : request.query.fjernet === '1' ? m.removed : request.query.trukket === '1' ? m.withdrawn : undefined;
      return sendPage(
        reply,
        200,
        MembersPage({ ctx: pageContext(request), csrf: csrfToken(reply), page, form: { values: EMPTY_INVITE, errors: [] }, notice, now: clock.now() }),
      );
    },
  );

  app.post<{ Params: { id: string } }>(urls.editionMembers.pattern, { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const editionId = await editionFor(request, reply);
    if (editionId === null) return reply;
    const m = membersTexts(pageContext(request).locale);
    const values = readInviteForm(request.body);
    const result = await inviteMember({ db, actor: request.actor, editionId, input: values, now: clock.now(), publicBaseUrl: deps.publicBaseUrl });
    if (result.ok) return reply.redirect(urls.editionMembers({ id: editionId }, { inviteret: result.invitation.id }), 303);
    if (result.reason === 'not-found') return sendErrorPage(request, reply, 404, 'notFound');
    const errors: FieldError[] =
      result.reason === 'invalid'
        ? result.problems.map((p) => ({ field: p.field, target: TARGET[p.field], message: inviteProblemText(m, p) }))
        : [{ field: 'email', message: m.errors.alreadyMember(result.member.email, m.group[result.member.role]) }];
    // The administrator's text is kept as typed, to correct it.
    return showPage(request, reply, editionId, { values, errors }, result.reason === 'invalid' ? 400 : 409);
  });

  app.post<{ Params: { id: string; memberId: string } }>(
    urls.removeMember.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await editionFor(request, reply);
      if (editionId === null) return reply;
      const memberId = parseId(request.params.memberId);
      if (memberId === null) return sendErrorPage(request, reply, 404, 'notFound');
      const result = await removeMember({ db, actor: request.actor, editionId, memberId, now: clock.now() });
      if (!result.ok) return sendErrorPage(request, reply, 404, 'notFound');
      return reply.redirect(urls.editionMembers({ id: editionId }, { fjernet: 1 }), 303);
    },
  );

  app.post<{ Params: { id: string; invitationId: string } }>(
    urls.withdrawInvitation.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await editionFor(request, reply);
      if (editionId === null) return reply;
      const invitationId = parseId(request.params.invitationId);
      if (invitationId === null) return sendErrorPage(request, reply, 404, 'notFound');
      const result = await withdrawInvitation({ db, actor: request.actor, editionId, invitationId, now: clock.now() });
      if (!result.ok) return sendErrorPage(request, reply, 404, 'notFound');
      return reply.redirect(urls.editionMembers({ id: editionId }, { trukket: 1 }), 303);
    },
  );
}
