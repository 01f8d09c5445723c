import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { canAdministerOrganisation, requireApiToken } from '../accounts/index.js';
import { errorResponses, id, instant, security } from '../platform/api.js';
import { organisationOfEdition } from '../awards/index.js';
import { problems, sendProblem } from '../platform/errors.js';
import { getPanelAdminPage } from './panel-admin.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const tallySchema = z
  .object({
    candidates: z.array(z.number().int()).describe('Nomination ids of the nominees, in the order of the matrices'),
    ballotCount: z.number().int(),
    d: z.array(z.array(z.number().int())).describe('d[i][j]: ballots ranking candidates[i] above candidates[j]'),
    p: z.array(z.array(z.number().int())).describe('p[i][j]: strength of the strongest path from candidates[i] to candidates[j]'),
    ranking: z.array(z.array(z.number().int())).describe('The Schulze order as tiers, best first; one tier may hold nominees the count cannot separate'),
    winners: z.array(z.number().int()),
    tie: z.boolean(),
  })
  .describe('The Schulze count of the stored ballots; null until voting has closed (and when nobody voted)');

const panelSchema = z.object({
  editionId: z.number().int(),
  hasPatientPanel: z.boolean(),
  state: z.enum(['no-panel', 'no-dates', 'not-open', 'open', 'closed']),
  votingOpensAt: instant.nullable(),
  votingClosesAt: instant.nullable(),
  votingLockedAt: instant.nullable().describe('When the first ballot locked the nominees, method and deadline'),
  nominees: z.array(z.object({ nominationId: z.number().int(), title: z.string(), summary: z.string().nullable(), lix: z.number().nullable() })).nullable(),
  members: z.number().int().describe('Active patient panel members'),
  voted: z.number().int().describe('Members who have voted'),
  voters: z.array(z.object({ name: z.string(), email: z.string(), firstCastAt: instant.nullable() })).describe('Who has voted, never what'),
  ballotCount: z.number().int(),
  tally: tallySchema.nullable(),
  decision: z.object({ nominationId: z.number().int(), basis: z.enum(['tie-break', 'committee']), decidedAt: instant }).nullable(),
});

/**
 * GET /api/v1/admin/editions/{id}/panel: the patient panel of an edition as JSON, for its
 * organisation's administrators with a personal API token: the summaries with LIX, who has
 * voted, and the Schulze count once voting has closed. Ballots are secret: no member is ever
 * shown next to a ranking.
 */
export async function panelApi(root: FastifyInstance, { db, clock }: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/admin/editions/:id/panel',
    {
      config: { access: 'admin' },
      onRequest: requireApiToken,
      schema: {
        tags: ['admin'],
        operationId: 'getPanel',
        summary: "An edition's patient panel: summaries, who has voted, and the count",
        description:
          'The count (Schulze method, winning votes) is given only once voting has closed; while it is open, only the number of ballots. Ballots are secret: the answer never links a member to a ranking.',
        security,
        params: z.object({ id }),
        response: { 200: panelSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      const organisationId = await organisationOfEdition(db, editionId);
      if (organisationId === null) return sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
      if (!canAdministerOrganisation(request.actor, organisationId).ok)
        return sendProblem(reply, problems.forbidden(request.url, 'You do not administer the organisation of this edition.'));
      const page = await getPanelAdminPage(db, editionId, clock.now());
      if (!page) return sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
      const r = page.count?.result ?? null;
      return {
        editionId,
        hasPatientPanel: page.edition.hasPatientPanel,
        state: page.window.state,
        votingOpensAt: iso(page.edition.votingOpensAt),
        votingClosesAt: iso(page.edition.votingClosesAt),
        votingLockedAt: iso(page.edition.votingLockedAt),
        nominees: page.nominees ? page.nominees.map((n) => ({ nominationId: n.id, title: n.title, summary: n.summary, lix: n.lix })) : null,
        members: page.members.length,
        voted: page.votedCount,
        voters: page.members.map((m) => ({ name: m.name, email: m.email, firstCastAt: iso(m.firstCastAt) })),
        ballotCount: page.ballotCount,
        tally: r
          ? {
              candidates: r.candidates.map(Number),
              ballotCount: r.ballotCount,
              d: r.d,
              p: r.p,
              ranking: r.ranking.map((tier) => tier.map(Number)),
              winners: r.winners.map(Number),
              tie: r.tie,
            }
          : null,
        decision: page.decision ? { ...page.decision, decidedAt: page.decision.decidedAt.toISOString() } : null,
      };
    },
  );
}
