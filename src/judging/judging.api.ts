import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { errorResponses, id, mayAdministerApi, security } from '../platform/api.js';
import { requireApiToken } from '../accounts/index.js';
import { findJudgingEdition } from './judging.repo.js';
import { loadCommitteeOverview, type Stats } from './overview.service.js';

const stats = z
  .object({
    count: z.number().int(),
    mean: z.number(),
    median: z.number(),
    min: z.number(),
    max: z.number(),
    range: z.number(),
    sd: z.number().describe('Population standard deviation'),
  })
  .nullable();

const overviewSchema = z.object({
  editionId: z.number().int(),
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  criteria: z.array(z.object({ id: z.number().int(), title: z.string() })),
  members: z.array(
    z.object({
      id: z.number().int(),
      label: z.string().describe('The name, or "Medlem 1" … when anonymised'),
      isChair: z.boolean(),
      affiliation: z.string().nullable(),
      reviewed: z.number().int().describe('Complete reviews'),
      toReview: z.number().int().describe('Eligible nominations the member is not conflicted with'),
      mean: z.number().nullable(),
      sd: z.number().nullable(),
      noSpread: z.boolean().describe('All scores equal: counts as 0 in the normalised totals'),
    }),
  ),
  nominations: z.array(
    z.object({
      id: z.number().int(),
      receiptNumber: z.string().nullable(),
      title: z.string(),
      criteria: z.array(z.object({ criterionId: z.number().int(), stats })),
      total: stats.describe('Totals of complete reviews'),
      partialReviews: z.number().int(),
      memberCount: z.number().int(),
      normalisedTotal: z.number().nullable().describe('Mean over members of their mean z-score'),
      rankRaw: z.number().int().nullable(),
      rankNormalised: z.number().int().nullable(),
      absent: z.array(z.string()).describe('Members absent because of a conflict of interest'),
      comments: z
        .array(z.object({ member: z.string().describe('The name, or "Medlem 1" … when anonymised'), text: z.string() }))
        .describe("The members' comments (a conflicted member's are left out)"),
    }),
  ),
  alpha: z.object({
    value: z.number().nullable().describe("Krippendorff's alpha (interval) over nomination × criterion"),
    message: z.string().nullable().describe('Why there is no value (Danish)'),
    pairableValues: z.number().int(),
    pairableUnits: z.number().int(),
  }),
  tooFewForNormalisation: z.object({ code: z.enum(['few-members', 'few-nominations']), reason: z.string() }).nullable(),
});

const statsJson = (s: Stats | null) => (s ? { count: s.count, mean: s.mean, median: s.median, min: s.min, max: s.max, range: s.range, sd: s.sd } : null);

/** GET /api/v1/admin/editions/{id}/overview: the committee overview as JSON, for an administrator's API token. */
export async function judgingApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = deps;
  app.get(
    '/api/v1/admin/editions/:id/overview',
    {
      config: { access: 'admin' },
      onRequest: requireApiToken,
      schema: {
        tags: ['admin'],
        operationId: 'getCommitteeOverview',
        summary: "The committee's overview of an edition: raw and normalised scores, ranks and Krippendorff's alpha",
        description:
          'The same figures as the page /admin/udgaver/{id}/bedoemmelse. `anonymise=true` replaces the members\' names by "Medlem 1" … and leaves out their affiliations.',
        security,
        params: z.object({ id }),
        querystring: z.object({ anonymise: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: overviewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const editionId = request.params.id;
      const edition = await findJudgingEdition(db, editionId);
      if (!(await mayAdministerApi(request, reply, edition?.organisationId ?? null, 'edition'))) return reply;
      const data = (await loadCommitteeOverview(db, editionId, {
        anonymise: request.query.anonymise === 'true' ? { secret: deps.ballotKey } : false,
        now: clock.now(),
        edition: edition ?? undefined,
      }))!;
      return {
        editionId,
        scale: data.scale,
        criteria: data.criteria,
        members: data.members.map((m) => ({
          id: m.id,
          label: m.label,
          isChair: m.isChair,
          affiliation: m.affiliation,
          reviewed: m.progress.done,
          toReview: m.progress.total,
          mean: m.mean,
          sd: m.sd,
          noSpread: m.noSpread,
        })),
        nominations: data.nominations.map((n) => ({
          id: n.id,
          receiptNumber: n.receiptNumber,
          title: n.title,
          criteria: data.criteria.map((c) => ({ criterionId: c.id, stats: statsJson(n.criteria[c.id] ?? null) })),
          total: statsJson(n.total),
          partialReviews: n.partialReviews,
          memberCount: n.memberCount,
          normalisedTotal: n.normalisedTotal,
          rankRaw: n.rankRaw,
          rankNormalised: n.rankNormalised,
          absent: n.absent,
          comments: n.comments.map((c) => ({ member: c.label, text: c.text })),
        })),
        alpha:
          data.alpha.alpha === null
            ? { value: null, message: data.alpha.message, pairableValues: data.alpha.pairableValues, pairableUnits: data.alpha.pairableUnits }
            : { value: data.alpha.alpha, message: null, pairableValues: data.alpha.pairableValues, pairableUnits: data.alpha.pairableUnits },
        tooFewForNormalisation: data.tooFew,
      };
    },
  );
}
