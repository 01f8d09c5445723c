import { setupTexts } from './i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { messages } from '../platform/i18n/index.js';
import { refusalProblem, sendProblem } from '../platform/errors.js';
import { errorResponses, id, mayAdministerApi, problemSchema, requireJson, security } from '../platform/api.js';
import { requireApiToken } from '../accounts/index.js';
import { organisationOfEdition } from './awards.repo.js';
import { checkFlat, checkList } from './setup-form.js';
import { committeeSeatOut, criterionOut, editionListsJson, formSectionOut } from './setup.api.js';
import { SETUP_REFUSALS, setupRefusalText } from './setup-refusals.js';
import {
  LIST_FIELDS,
  MAX_ROWS,
  awardSchema,
  isBlankItem,
  organisationSchema as organisationFormSchema,
  type OrganisationSchemaInput,
} from './setup-schemas.js';
import { findOrganisationsByIds, type OrganisationRow } from './setup.repo.js';
import { createAward, createOrganisation, getEditionSetup, getOrganisationSetup, saveEditionList, updateOrganisation } from './setup.service.js';
import type { FieldError } from '../platform/ui/index.js';

// Organisations, new awards and an edition's ordered lists (criteria, form sections,
// committee seats) in the admin API. As in setup.api.ts, the body's schema here says only what
// JSON is accepted (400); the body is then parsed by the form's own schema (setup-schemas.ts,
// the page's too: 422), so the API has no rules of its own; messages are the English ones of
// the pages.

const en = () => setupTexts('en');

const text = z.string().max(100_000).nullable().optional();

const optionalOrganisationFields = {
  websiteUrl: text,
  contactEmail: text,
  contactPhone: text,
  privacyUrl: text,
  dpoEmail: text.describe("The data protection officer's e-mail, named in the privacy policy"),
  accessibilityUrl: text.describe("The organisation's accessibility statement on was.digst.dk"),
  brandColour: text.describe('Primary colour "#rrggbb"; white text on it must have a contrast of at least 4.5:1'),
  markLetters: text.describe("One to three letters or digits drawn as the organisation's mark"),
};

const organisationBody = z
  .object({ name: z.string().max(100_000), ...optionalOrganisationFields })
  .strict()
  .describe('Every field is sent; an absent or null field is cleared');
const organisationPatchBody = z.object({ name: z.string().max(100_000).optional(), ...optionalOrganisationFields }).strict();

const organisationSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  websiteUrl: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  privacyUrl: z.string().nullable(),
  dpoEmail: z.string().nullable(),
  accessibilityUrl: z.string().nullable(),
  brandColour: z.string().nullable(),
  markLetters: z.string().nullable(),
  awards: z.array(
    z.object({
      id: z.number().int(),
      slug: z.string(),
      name: z.string(),
      editions: z.array(z.object({ id: z.number().int(), year: z.number().int(), theme: z.string().nullable() })),
    }),
  ),
});

const awardCreateBody = z
  .object({
    name: z.string().max(100_000),
    summary: z.string().max(100_000),
    description: z.string().max(100_000),
    establishedYear: z.number().int().min(0).max(9999),
    eligibility: text,
    summaryEn: text.describe('English texts; null: English pages show the Danish ones'),
    descriptionEn: text,
    eligibilityEn: text,
    contactName: text,
    contactTitle: text,
    contactUnit: text,
    contactPhone: text,
    contactEmail: text,
  })
  .strict();

const criterionItem = z
  .object({
    id: z.number().int().positive().nullable().optional(),
    title: z.string().max(100_000),
    description: z.string().max(100_000),
    titleEn: text.describe('English title; null: English pages show the Danish one'),
    descriptionEn: text,
  })
  .strict();
const sectionItem = z
  .object({
    id: z.number().int().positive().nullable().optional(),
    heading: z.string().max(100_000),
    help: z.string().max(100_000).optional(),
    headingEn: text.describe('English heading; null: English pages show the Danish one'),
    helpEn: text,
    wordLimit: z.number().int().nullable().optional(),
    required: z.boolean().optional().describe('Default true'),
  })
  .strict();
const seatItem = z
  .object({
    id: z.number().int().positive().nullable().optional(),
    name: text,
    partyLetter: text,
    represents: text,
    isChair: z.boolean().optional(),
  })
  .strict();

const listOut = {
  criteria: z.array(criterionOut),
  'form-sections': z.array(formSectionOut),
  committee: z.array(committeeSeatOut),
} as const;

/** "r2-title" (the form's field) → "/2/title" (a JSON pointer into the body). */
const listPath = (field: string) => {
  const m = /^r(\d+)-(\w+)$/.exec(field);
  return m ? `/${m[1]}/${m[2]}` : '';
};

function sendInvalid(request: FastifyRequest, reply: FastifyReply, errors: FieldError[], path: (field: string) => string) {
  return sendProblem(
    reply,
    refusalProblem(SETUP_REFUSALS.invalid, request.url, {
      detail: 'Correct the listed fields and send again.',
      errors: errors.map((e) => ({ path: path(e.field), message: e.message })),
    }),
  );
}

/** The fields sent (null clears one; an absent one stays as saved), on top of the saved organisation. */
function organisationInput(current: OrganisationRow | null, body: Record<string, string | null | undefined>): OrganisationSchemaInput {
  const input: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(body)) if (v !== undefined) input[k] = v;
  return input as OrganisationSchemaInput;
}

/**
 * Organisations, new awards and the lists of an edition under /api/v1/admin, for a personal
 * API token of an administrator. The same services as the pages: the same rules and audit.
 */
export async function adminOrganisationApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, pageCache } = deps;
  const base = { config: { access: 'admin' as const }, onRequest: requireApiToken };
  const params = z.object({ id });

  const user = (request: FastifyRequest) => {
    if (request.actor.kind !== 'user') throw new Error('requireApiToken lets only users through');
    return request.actor;
  };

  const mayAdminister = mayAdministerApi;

  const organisationJson = async (organisationId: number): Promise<z.infer<typeof organisationSchema>> => {
    const page = (await getOrganisationSetup(db, organisationId))!;
    const o = page.organisation;
    return {
      id: o.id,
      slug: o.slug,
      name: o.name,
      websiteUrl: o.websiteUrl,
      contactEmail: o.contactEmail,
      contactPhone: o.contactPhone,
      privacyUrl: o.privacyUrl,
      dpoEmail: o.dpoEmail,
      accessibilityUrl: o.accessibilityUrl,
      brandColour: o.brandColour,
      markLetters: o.markLetters,
      awards: page.awards.map(({ award, editions }) => ({
        id: award.id,
        slug: award.slug,
        name: award.name,
        editions: editions.map((e) => ({ id: e.id, year: e.year, theme: e.theme })),
      })),
    };
  };

  app.get(
    '/api/v1/admin/organisations',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'listOrganisations',
        summary: 'The organisations the caller administers',
        security,
        response: { 200: z.object({ items: z.array(organisationSchema) }), 401: problemSchema },
      },
    },
    async (request) => {
      const own = await findOrganisationsByIds(db, [...user(request).adminOf]);
      return { items: await Promise.all(own.map((o) => organisationJson(o.id))) };
    },
  );

  app.post(
    '/api/v1/admin/organisations',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'createOrganisation',
        summary: 'Create an organisation',
        description:
          "The caller becomes its administrator. Its address (slug) is made from the name. The same rules as the administrators' page: 422 lists the fields. Recorded in the audit log.",
        security,
        body: organisationBody,
        response: { 201: organisationSchema, 400: problemSchema, 401: problemSchema, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const parsed = checkFlat(organisationFormSchema(en()), organisationInput(null, request.body));
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors, (f) => `/${f}`);
      const result = await createOrganisation({ db, actor: user(request), input: parsed.input, now: clock.now() });
      pageCache.clear();
      return reply
        .code(201)
        .header('location', `/api/v1/admin/organisations/${result.organisation.id}`)
        .send(await organisationJson(result.organisation.id));
    },
  );

  app.get(
    '/api/v1/admin/organisations/:id',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'getOrganisation',
        summary: 'An organisation with its awards and their editions',
        security,
        params,
        response: { 200: organisationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await getOrganisationSetup(db, request.params.id);
      if (!(await mayAdminister(request, reply, page?.organisation.id ?? null, 'organisation'))) return reply;
      return organisationJson(page!.organisation.id);
    },
  );

  app.patch(
    '/api/v1/admin/organisations/:id',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'updateOrganisation',
        summary: "Change an organisation's name and contact details",
        description:
          "Only the fields sent change (null clears one); the address (slug) never does. The same rules as the administrators' page: 422 lists the fields. Recorded in the audit log.",
        security,
        params,
        body: organisationPatchBody,
        response: { 200: organisationSchema, ...errorResponses, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await getOrganisationSetup(db, request.params.id);
      if (!(await mayAdminister(request, reply, page?.organisation.id ?? null, 'organisation'))) return reply;
      const parsed = checkFlat(organisationFormSchema(en()), organisationInput(page!.organisation, request.body));
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors, (f) => `/${f}`);
      const result = await updateOrganisation({ db, actor: user(request), organisationId: page!.organisation.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail: 'There is no organisation.' }));
      pageCache.clear();
      return organisationJson(result.organisation.id);
    },
  );

  app.post(
    '/api/v1/admin/organisations/:id/awards',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'createAward',
        summary: 'Create an award in an organisation',
        description:
          "Its public address (slug) is made from the name. The same rules as the administrators' page: 422 lists the fields. Recorded in the audit log. Add rounds with POST /api/v1/admin/awards/{id}/editions.",
        security,
        params,
        body: awardCreateBody,
        response: { 201: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }), ...errorResponses, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await getOrganisationSetup(db, request.params.id);
      if (!(await mayAdminister(request, reply, page?.organisation.id ?? null, 'organisation'))) return reply;
      const parsed = checkFlat(awardSchema(en()), request.body);
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors, (f) => `/${f}`);
      const result = await createAward({ db, actor: user(request), organisationId: page!.organisation.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail: 'There is no organisation.' }));
      pageCache.clear();
      return reply
        .code(201)
        .header('location', `/api/v1/admin/awards/${result.award.id}`)
        .send({ id: result.award.id, slug: result.award.slug, name: result.award.name });
    },
  );

  // The ordered lists of an edition: PUT replaces the whole list in the order sent. Items with
  // the id of an existing row keep it (a draft's answers stay with their form section).
  const lists = [
    { path: 'criteria', operationId: 'replaceCriteria', kind: 'criteria', item: criterionItem, what: 'criteria', locked: true },
    { path: 'form-sections', operationId: 'replaceFormSections', kind: 'form-sections', item: sectionItem, what: 'form sections', locked: true },
    { path: 'committee-seats', operationId: 'replaceCommitteeSeats', kind: 'committee', item: seatItem, what: 'committee seats', locked: false },
  ] as const;

  for (const list of lists) {
    app.put(
      `/api/v1/admin/editions/:id/${list.path}`,
      {
        ...base,
        preValidation: requireJson,
        schema: {
          tags: ['admin'],
          operationId: list.operationId,
          summary: `Replace an edition's ${list.what}`,
          description: `The list is replaced by the items sent, in their order (at most ${MAX_ROWS}); an item with the id of one of the edition's rows keeps that row. The same rules as the administrators' page: 422 lists the fields with paths into the array.${list.locked ? ' Refused with 409 once a nomination has been sent: nominators wrote against the form.' : ''} Recorded in the audit log.`,
          security,
          params,
          body: z.array(list.item as z.ZodType<Record<string, unknown>>).max(MAX_ROWS + 1),
          response: {
            200: z.object({ items: listOut[list.kind] as z.ZodType<unknown[]> }),
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
        const body = request.body as Record<string, unknown>[];
        // The page drops rows left empty; an API client that sends one has made a mistake.
        const empty = body.findIndex((item) => isBlankItem(list.kind, item));
        if (empty !== -1) {
          return sendInvalid(
            request,
            reply,
            [{ field: `r${empty}-${LIST_FIELDS[list.kind][0]}`, message: 'An empty item: remove it or fill it in.' }],
            listPath,
          );
        }
        const parsed = checkList(list.kind, body, en());
        if (!parsed.input) return sendInvalid(request, reply, parsed.errors, listPath);
        const result = await saveEditionList({ db, actor: user(request), editionId, kind: list.kind, items: parsed.input, now: clock.now() } as Parameters<
          typeof saveEditionList
        >[0]);
        if (!result.ok) {
          const detail = result.reason === 'not-found' ? 'There is no edition.' : setupRefusalText(messages('en'), 'en', result);
          return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail }));
        }
        pageCache.clear();
        const lists = editionListsJson((await getEditionSetup(db, editionId))!);
        const items = list.kind === 'criteria' ? lists.criteria : list.kind === 'form-sections' ? lists.formSections : lists.committeeSeats;
        return { items };
      },
    );
  }
}
