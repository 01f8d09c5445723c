import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { problem, problems, sendProblem } from '../platform/errors.js';
import { noSecurity, problemSchema } from '../platform/api.js';
import { findSolution, listAdoptions, listLinkedNominations, MARK_END, MARK_START } from './ideabank.repo.js';
import { solutionStatuses } from './ideabank.schema.js';
import { isStatementTimeout, searchSolutions } from './ideabank.service.js';
import { PAGE_SIZE, PARAM, parseSearchQuery, SEARCH_TEXT_MAX, searchQueryString, STATUS_PARAM } from './search-query.js';
import { ideaBankTexts } from './i18n.js';
import { errorText } from './views/search-page.js';
import { parseId } from '../platform/http.js';

const status = z.enum(solutionStatuses).describe('idea (idé), tested (afprøvet), implemented (implementeret), spread (spredt)');
const facetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });

/** The English texts beside the Danish ones: null where none was given (the Danish text then stands). Search stays Danish. */
const english = <K extends string>(keys: readonly K[]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.string().nullable()])) as Record<K, z.ZodNullable<z.ZodString>>)
    .describe('The same texts in English; null where none was given');
/** A blank English text is none (the forms store null, this also holds for rows written otherwise). */
const given = (v: string | null | undefined): string | null => (v != null && v.trim() !== '' ? v : null);

const hitSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  en: english(['title', 'summary']),
  organisation: z.string(),
  unit: z.string(),
  status,
  year: z.number().int(),
  tags: z.array(z.string()),
  adoptionCount: z.number().int(),
  createdAt: z.string().describe('ISO 8601 (UTC)'),
  snippet: z.string().describe('Plain text in Danish (the search is Danish); the matched words are between the markers in `highlight`'),
  url: z.string(),
});

const solutionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  en: english(['title', 'summary', 'description']),
  organisation: z.string(),
  unit: z.string(),
  contact: z.object({ name: z.string(), email: z.string() }),
  tags: z.array(z.string()),
  status,
  year: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  adoptions: z.array(z.object({ organisation: z.string(), unit: z.string(), adoptedOn: z.string().describe('yyyy-mm-dd'), changes: z.string() })),
  nominations: z.array(z.object({ role: z.enum(['nominated', 'origin']), award: z.object({ slug: z.string(), name: z.string() }), year: z.number().int() })),
  url: z.string(),
});

const query = z.object({
  [PARAM.text]: z.string().optional().describe(`Search words (Danish full-text search, compounds and typos), at most ${SEARCH_TEXT_MAX} characters`),
  [PARAM.organisation]: z.string().optional().describe('Organisation (exact)'),
  [PARAM.unit]: z.string().optional().describe('Unit (exact)'),
  [PARAM.status]: z
    .string()
    .optional()
    .describe(`One of ${Object.values(STATUS_PARAM).join(', ')}`),
  [PARAM.tag]: z.string().optional().describe('Tag (exact)'),
  [PARAM.prize]: z.string().optional().describe("An award's slug, e.g. initiativprisen"),
  [PARAM.year]: z.string().optional().describe('Year, four digits'),
  [PARAM.sort]: z.string().optional().describe('relevans (default; newest first when there is no search text) or nyeste'),
  [PARAM.page]: z.string().optional().describe(`Page, 1–500, ${PAGE_SIZE} per page`),
});

/** The idea bank's open data: the same search, facets and paging as /idebank. */
export async function ideaBankApi(root: FastifyInstance, { db }: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/solutions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['idea bank'],
        operationId: 'searchSolutions',
        security: noSecurity,
        summary: 'Search the idea bank (the same search, facets and paging as the page /idebank)',
        querystring: query,
        response: {
          200: z.object({
            total: z.number().int(),
            resembling: z
              .array(z.string())
              .describe(
                'When no solution contained the search words, the title words resembling them whose solutions are shown instead (typo-tolerant search), closest first, at most 10; empty otherwise',
              ),
            page: z.number().int(),
            pageSize: z.number().int(),
            pages: z.number().int(),
            highlight: z.object({ start: z.string(), end: z.string() }),
            solutions: z.array(hitSchema),
            facets: z.object({
              organisation: z.array(facetValue),
              unit: z.array(facetValue),
              status: z.array(facetValue),
              tag: z.array(facetValue),
              prize: z.array(facetValue),
              year: z.array(facetValue),
            }),
            links: z.object({ self: z.string(), next: z.string().nullable(), previous: z.string().nullable(), html: z.string(), csv: z.string() }),
          }),
          400: problemSchema,
          503: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { query: q, errors } = parseSearchQuery(request.query);
      const blocking = errors.filter((e) => e.code !== 'repeated');
      if (blocking.length) {
        const it = ideaBankTexts('en');
        return sendProblem(reply, problems.badRequest(request.url, blocking.map((e) => errorText(it, e)).join(' ')));
      }
      try {
        const r = await searchSolutions(db, q);
        const pages = Math.ceil(r.total / PAGE_SIZE);
        const link = (over: Partial<typeof q>) => `/api/v1/solutions${searchQueryString(q, over)}`;
        return {
          total: r.total,
          resembling: r.resembling,
          page: q.page,
          pageSize: PAGE_SIZE,
          pages,
          highlight: { start: MARK_START, end: MARK_END },
          solutions: r.hits.map((h) => ({
            id: h.id,
            title: h.title,
            summary: h.summary,
            en: { title: given(h.titleEn), summary: given(h.summaryEn) },
            organisation: h.organisationName,
            unit: h.unitName,
            status: h.status,
            year: h.year,
            tags: h.tags,
            adoptionCount: h.adoptionCount,
            createdAt: h.createdAt.toISOString(),
            snippet: h.snippet,
            url: `/api/v1/solutions/${h.id}`,
          })),
          facets: r.facets,
          links: {
            self: link({}),
            next: q.page < pages ? link({ page: q.page + 1 }) : null,
            previous: q.page > 1 ? link({ page: Math.min(q.page - 1, Math.max(pages, 1)) }) : null,
            html: `/idebank${searchQueryString(q)}`,
            csv: `/idebank/soeg.csv${searchQueryString(q, { page: 1 })}`,
          },
        };
      } catch (err) {
        if (!isStatementTimeout(err)) throw err;
        return sendProblem(
          reply,
          problem(503, 'search-timeout', 'Search took too long', { detail: 'Try fewer or more precise words.', instance: request.url }),
        );
      }
    },
  );

  app.get(
    '/api/v1/solutions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['idea bank'],
        operationId: 'getSolution',
        security: noSecurity,
        summary: 'One solution with where it spread and the nominations it took part in',
        params: z.object({ id: z.string() }),
        response: { 200: solutionSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const raw = request.params.id;
      const id = parseId(raw);
      const s = id === null ? null : await findSolution(db, id);
      if (!s) return sendProblem(reply, problems.notFound(request.url, 'No solution has this id.'));
      const [adoptionRows, links] = await Promise.all([listAdoptions(db, s.id), listLinkedNominations(db, s.id)]);
      return {
        id: s.id,
        title: s.title,
        summary: s.summary,
        description: s.description,
        en: { title: given(s.titleEn), summary: given(s.summaryEn), description: given(s.descriptionEn) },
        organisation: s.organisationName,
        unit: s.unitName,
        contact: { name: s.contactName, email: s.contactEmail },
        tags: s.tags,
        status: s.status,
        year: s.year,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        adoptions: adoptionRows.map((a) => ({ organisation: a.organisationName, unit: a.unitName, adoptedOn: a.adoptedOn, changes: a.changes })),
        nominations: links.map((l) => ({ role: l.role, award: { slug: l.awardSlug, name: l.awardName }, year: l.year })),
        url: `/idebank/loesninger/${s.id}`,
      };
    },
  );
}
