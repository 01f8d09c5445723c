import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { problems, sendProblem } from '../platform/errors.js';
import { noSecurity, problemSchema } from '../platform/api.js';
import { PHASES } from './phase.js';
import { getEdition, listAwards } from './awards.service.js';
import { loadPublicResult, winnerIsPublic, type PublicNominee } from './edition-result.js';

const publicNomineeSchema = z
  .object({
    nominationId: z.number().int(),
    title: z.string(),
    summary: z.string(),
    organisation: z.string(),
    names: z.string().nullable().describe('Null unless the nominee accepted publication'),
    unit: z.string().nullable().describe('Null unless the nominee accepted publication'),
    origin: z
      .object({
        organisation: z.string().nullable().describe('Where the solution was first developed'),
        solution: z.object({ id: z.number().int(), title: z.string() }).nullable().describe('The solution in the idea bank (GET /api/v1/solutions/{id})'),
      })
      .nullable()
      .describe('Smartprisen: where the solution came from; null when not known'),
  })
  .describe('A nominee as public: names and unit only with the nominee’s consent');

const nomineeJson = (n: PublicNominee) => ({
  nominationId: n.nominationId,
  title: n.title,
  summary: n.summary,
  organisation: n.organisation,
  names: n.names,
  unit: n.unit,
  origin: n.origin,
});

const instant = z.iso.datetime({ offset: true }).describe('An instant in ISO 8601 (UTC)');
const phase = z.enum(PHASES).describe('Derived from the timeline and the server clock');

/** The English texts beside the Danish ones: null where none was given (the Danish text then stands). */
const english = <K extends string>(keys: readonly K[]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.string().nullable()])) as Record<K, z.ZodNullable<z.ZodString>>)
    .describe('The same texts in English; null where none was given');

const editionSummary = z.object({
  id: z.number().int(),
  year: z.number().int(),
  theme: z.string().nullable(),
  en: english(['theme']),
  phase,
  url: z.string().describe('Path of the edition in this API'),
});

const awardSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  en: english(['summary']),
  establishedYear: z.number().int(),
  organisation: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  currentEdition: editionSummary.nullable(),
  editions: z.array(editionSummary),
});

const timelineSchema = z.object({
  opensAt: instant,
  closesAt: instant,
  reviewStartsAt: instant.nullable(),
  nomineesPublishedAt: instant,
  votingOpensAt: instant.nullable(),
  votingClosesAt: instant.nullable(),
  winnerAnnouncedAt: instant,
  archivedAt: instant.nullable(),
});

const editionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  theme: z.string().nullable(),
  themeDescription: z.string().nullable(),
  en: english(['theme', 'themeDescription', 'prizePurpose', 'prizeExtras']),
  phase,
  timeline: timelineSchema.nullable().describe('Null for a historic edition kept for its year and theme only'),
  event: z.object({ name: z.string().nullable(), place: z.string().nullable() }),
  nomineeCount: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
  hasPatientPanel: z.boolean(),
  asksOrigin: z.boolean().describe('Whether a nomination must say where the solution came from (origin in POST /api/v1/editions/{id}/nominations)'),
  prize: z.object({
    amountKr: z.number().int().nullable(),
    purpose: z.string().nullable(),
    extras: z.string().nullable(),
    notPaidInCash: z.boolean().describe('The prize is not paid out in cash: it is earmarked for its purpose'),
  }),
  filmUrl: z.string().nullable().describe('The film about the winner: null until the winner is announced'),
  nominees: z
    .array(publicNomineeSchema)
    .nullable()
    .describe('The nominees in the committee’s order, from the "nominees published" instant (inclusive); null before it; [] when none were recorded'),
  winner: publicNomineeSchema
    .nullable()
    .describe('The winner, from the "winner announced" instant (inclusive); null before it and when there is no single winner'),
  award: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  organisation: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  criteria: z.array(
    z.object({
      id: z.number().int().describe('What POST /api/v1/editions/{id}/nominations takes in criterionIds'),
      position: z.number().int(),
      title: z.string(),
      description: z.string(),
      en: english(['title', 'description']),
    }),
  ),
  formSections: z.array(
    z.object({
      id: z.number().int().describe('The key of this section’s text in the answers of POST /api/v1/editions/{id}/nominations'),
      position: z.number().int(),
      heading: z.string(),
      help: z.string(),
      en: english(['heading', 'help']),
      wordLimit: z.number().int().nullable(),
      required: z.boolean(),
    }),
  ),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public JSON API of awards and editions. */
export async function awardApi(root: FastifyInstance, { db, clock }: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/awards',
    {
      config: { access: 'public' },
      schema: {
        tags: ['awards'],
        operationId: 'listAwards',
        summary: 'Every award with its editions and their phases',
        security: noSecurity,
        response: { 200: z.object({ awards: z.array(awardSchema) }) },
      },
    },
    async () => {
      const data = await listAwards(db, clock.now());
      const summary = (e: { id: number; year: number; theme: string | null; themeEn: string | null; phase: (typeof PHASES)[number] }) => ({
        id: e.id,
        year: e.year,
        theme: e.theme,
        en: { theme: e.themeEn },
        phase: e.phase,
        url: `/api/v1/editions/${e.id}`,
      });
      return {
        awards: data.awards.map((a) => ({
          id: a.award.id,
          slug: a.award.slug,
          name: a.award.name,
          summary: a.award.summary,
          en: { summary: a.award.summaryEn },
          establishedYear: a.award.establishedYear,
          organisation: { id: a.organisation.id, slug: a.organisation.slug, name: a.organisation.name },
          currentEdition: a.current ? summary(a.current) : null,
          editions: a.editions.map(summary),
        })),
      };
    },
  );

  app.get(
    '/api/v1/editions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['editions'],
        operationId: 'getEdition',
        summary: 'One edition: timeline, phase, criteria and form sections',
        security: noSecurity,
        params: z.object({
          id: z.coerce
            .number({ message: 'id must be a positive integer' })
            .int('id must be a positive integer')
            .positive('id must be a positive integer')
            .max(2_147_483_647, 'id is too large'),
        }),
        response: { 200: editionSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      // One instant for the whole answer: phase, nominees and winner agree.
      const now = clock.now();
      const found = await getEdition(db, request.params.id, now);
      if (!found) return sendProblem(reply, problems.notFound(request.url, `There is no edition with id ${request.params.id}.`));
      const { edition: e, award, organisation, summary } = found;
      const tl = summary.timeline;
      const published = await loadPublicResult(db, e, now);
      return {
        id: e.id,
        year: e.year,
        theme: e.theme,
        themeDescription: e.themeDescription,
        en: { theme: e.themeEn, themeDescription: e.themeDescriptionEn, prizePurpose: e.prizePurposeEn, prizeExtras: e.prizeExtrasEn },
        phase: summary.phase,
        timeline: tl
          ? {
              opensAt: tl.opensAt.toISOString(),
              closesAt: tl.closesAt.toISOString(),
              reviewStartsAt: iso(tl.reviewStartsAt),
              nomineesPublishedAt: tl.nomineesPublishedAt.toISOString(),
              votingOpensAt: iso(tl.votingOpensAt),
              votingClosesAt: iso(tl.votingClosesAt),
              winnerAnnouncedAt: tl.winnerAnnouncedAt.toISOString(),
              archivedAt: iso(tl.archivedAt),
            }
          : null,
        event: { name: e.eventName, place: e.eventPlace },
        nomineeCount: { min: e.nomineeCountMin, max: e.nomineeCountMax },
        hasPatientPanel: e.hasPatientPanel,
        asksOrigin: e.asksOrigin,
        prize: { amountKr: e.prizeAmountKr, purpose: e.prizePurpose, extras: e.prizeExtras, notPaidInCash: e.prizeNotCash },
        filmUrl: winnerIsPublic(e, now) ? e.filmUrl : null,
        nominees: published.nominees?.map(nomineeJson) ?? null,
        winner: published.winner ? nomineeJson(published.winner) : null,
        award: { id: award.id, slug: award.slug, name: award.name },
        organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
        criteria: found.criteria.map((c) => ({
          id: c.id,
          position: c.position,
          title: c.title,
          description: c.description,
          en: { title: c.titleEn, description: c.descriptionEn },
        })),
        formSections: found.formSections.map((s) => ({
          id: s.id,
          position: s.position,
          heading: s.heading,
          help: s.help,
          en: { heading: s.headingEn, help: s.helpEn },
          wordLimit: s.wordLimit,
          required: s.required,
        })),
      };
    },
  );
}
