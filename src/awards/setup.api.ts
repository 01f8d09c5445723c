import { setupTexts } from './i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { canAdministerOrganisation, requireApiToken } from '../accounts/index.js';
import { messages } from '../platform/i18n/index.js';
import { problems, refusalProblem, sendProblem } from '../platform/errors.js';
import { errorResponses, id, instant, problemSchema, requireJson, security } from '../platform/api.js';
import { organisationOfEdition } from './awards.repo.js';
import { SETUP_REFUSALS, setupRefusalText, stateRefusalText } from './setup-refusals.js';
import { checkEdition, checkFlat, editionRuleErrors, publishErrors, sortEditionErrors } from './setup-form.js';
import { awardSchema as awardFormSchema, type AwardSchemaInput, type EditionSchemaInput } from './setup-schemas.js';
import type { AwardRow, EditionRow } from './setup.repo.js';
import {
  TIMELINE_KEYS,
  createEdition,
  editionSnapshot,
  createNextYearEdition,
  deleteDraftEdition,
  getAwardSetup,
  publishEdition,
  unpublishEdition,
  getEditionSetup,
  updateAward,
  updateEdition,
  type EditionSetup,
  type TimelineKey,
} from './setup.service.js';
import type { FieldError } from '../platform/ui/index.js';

// The setup of awards and rounds in the admin API: the same service functions as the pages
// under /admin (setup.routes.tsx), and the same form schemas (setup-schemas.ts): the body's
// schema here says only what JSON is accepted (wrong types and unknown fields: 400); the
// fields sent, on top of the saved ones, are then parsed by the form's own schema (its rules:
// 422), so the API has no rules of its own. Messages are the English ones of the pages.

const en = () => setupTexts('en');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A text field: a string, or null to clear it. Lengths are the form's rules (422). */
const text = z.string().max(100_000).nullable().optional();
const count = z.number().int().min(-1_000_000_000).max(1_000_000_000).nullable().optional();
const isoInstant = z.iso.datetime({ offset: true }).describe('An instant in ISO 8601, e.g. 2025-09-26T10:00:00Z').nullable().optional();

const timelineShape = Object.fromEntries(TIMELINE_KEYS.map((k) => [k, isoInstant])) as Record<TimelineKey, typeof isoInstant>;
const timelineBody = z.object(timelineShape).strict().describe('Dates of the timeline; an absent date is left as it is, null removes it');
const timelineOut = z.object(Object.fromEntries(TIMELINE_KEYS.map((k) => [k, instant.nullable()])) as Record<TimelineKey, z.ZodNullable<typeof instant>>);

const editionFields = {
  theme: text,
  themeDescription: text,
  themeEn: text.describe('The theme in English; null: English pages show the Danish theme'),
  themeDescriptionEn: text,
  prizePurposeEn: text,
  prizeExtrasEn: text,
  timeline: timelineBody.optional(),
  eventName: text,
  eventPlace: text,
  nomineeCountMin: count,
  nomineeCountMax: count,
  prizeAmountKr: count.describe('Whole kroner'),
  prizePurpose: text,
  prizeExtras: text,
  prizeNotCash: z.boolean().optional().describe('The prize is not paid out in cash (earmarked for a purpose)'),
  filmUrl: text,
  hasPatientPanel: z.boolean().optional(),
  asksOrigin: z.boolean().optional().describe('Cannot change once a nomination has been sent'),
  reviewClosesAt: isoInstant.describe(
    "The committee's review deadline: after the nomination deadline and the review start, at the latest when nominees are published; null: until nominees are published",
  ),
  blindReview: z.boolean().optional().describe("Blind review: committee members see no nominator's or nominee's name"),
  scoreScaleMin: z.number().int().min(-1_000).max(1_000).optional().describe('Lowest score (0–100, default 1); cannot change once scores are given'),
  scoreScaleMax: z.number().int().min(-1_000).max(1_000).optional().describe('Highest score (0–100, default 5)'),
  scoreLabels: z
    .array(z.string().max(10_000))
    .max(200)
    .nullable()
    .optional()
    .describe('The meaning of each step, lowest first, one per step; null: the default labels'),
};
const editionPatchBody = z.object({ year: z.number().int().min(0).max(9999).optional(), ...editionFields }).strict();
const editionCreateBody = z.object({ year: z.number().int().min(0).max(9999), ...editionFields }).strict();
type EditionBody = z.infer<typeof editionPatchBody>;

const ref = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

/** The edition's lists as the admin API answers them (also by organisations.api.ts's list routes). */
export const criterionOut = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  titleEn: z.string().nullable(),
  descriptionEn: z.string().nullable(),
});
export const formSectionOut = z.object({
  id: z.number().int(),
  heading: z.string(),
  help: z.string(),
  headingEn: z.string().nullable(),
  helpEn: z.string().nullable(),
  wordLimit: z.number().int().nullable(),
  required: z.boolean(),
});
export const committeeSeatOut = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  partyLetter: z.string().nullable(),
  represents: z.string().nullable(),
  isChair: z.boolean(),
});

/** The edition's lists in those shapes, from the setup page's rows (one mapping for the edition and the list routes). */
export function editionListsJson(page: EditionSetup) {
  return {
    criteria: page.criteria.map(
      (c): z.infer<typeof criterionOut> => ({
        id: c.id,
        title: c.title,
        description: c.description,
        titleEn: c.titleEn,
        descriptionEn: c.descriptionEn,
      }),
    ),
    formSections: page.formSections.map(
      (f): z.infer<typeof formSectionOut> => ({
        id: f.id,
        heading: f.heading,
        help: f.help,
        headingEn: f.headingEn,
        helpEn: f.helpEn,
        wordLimit: f.wordLimit,
        required: f.required,
      }),
    ),
    committeeSeats: page.committee.map(
      (s): z.infer<typeof committeeSeatOut> => ({
        id: s.id,
        name: s.name,
        partyLetter: s.partyLetter,
        represents: s.represents,
        isChair: s.isChair,
      }),
    ),
  };
}

const editionSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  publishedAt: instant.nullable().describe('When the round was made public; null while it is a draft (seen only by its organisation)'),
  theme: z.string().nullable(),
  themeDescription: z.string().nullable(),
  themeEn: z.string().nullable(),
  themeDescriptionEn: z.string().nullable(),
  prizePurposeEn: z.string().nullable(),
  prizeExtrasEn: z.string().nullable(),
  timeline: timelineOut,
  archivedAt: instant.nullable(),
  eventName: z.string().nullable(),
  eventPlace: z.string().nullable(),
  nomineeCountMin: z.number().int().nullable(),
  nomineeCountMax: z.number().int().nullable(),
  prizeAmountKr: z.number().int().nullable(),
  prizePurpose: z.string().nullable(),
  prizeExtras: z.string().nullable(),
  prizeNotCash: z.boolean(),
  filmUrl: z.string().nullable(),
  hasPatientPanel: z.boolean(),
  asksOrigin: z.boolean(),
  reviewClosesAt: instant.nullable(),
  blindReview: z.boolean(),
  scoreScaleMin: z.number().int(),
  scoreScaleMax: z.number().int(),
  scoreLabels: z.array(z.string()).nullable(),
  formLockedSince: instant.nullable().describe('When the first nomination was sent: from then on the criteria, the form and asksOrigin cannot change'),
  award: ref,
  organisation: ref,
  criteria: z.array(criterionOut),
  formSections: z.array(formSectionOut),
  committeeSeats: z.array(committeeSeatOut),
});

const awardFields = {
  name: z.string().max(100_000).optional(),
  summary: z.string().max(100_000).optional(),
  description: z.string().max(100_000).optional(),
  establishedYear: z.number().int().min(0).max(9999).optional(),
  eligibility: text,
  summaryEn: text.describe('English texts; null: English pages show the Danish ones'),
  descriptionEn: text,
  eligibilityEn: text,
  contactName: text,
  contactTitle: text,
  contactUnit: text,
  contactPhone: text,
  contactEmail: text,
};
const awardPatchBody = z.object(awardFields).strict();

const awardSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  establishedYear: z.number().int(),
  eligibility: z.string().nullable(),
  summaryEn: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  eligibilityEn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  contactUnit: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  organisation: ref,
  editions: z.array(z.object({ id: z.number().int(), year: z.number().int(), theme: z.string().nullable() })),
});

function editionJson(page: EditionSetup): z.infer<typeof editionSchema> {
  const e = page.edition;
  // The edition's own fields as the audit log keeps them (one mapping for both), with the
  // timeline nested as the API shows it.
  const { opensAt, closesAt, reviewStartsAt, nomineesPublishedAt, votingOpensAt, votingClosesAt, winnerAnnouncedAt, ...fields } = editionSnapshot(e);
  const timeline: Record<TimelineKey, string | null> = {
    opensAt,
    closesAt,
    reviewStartsAt,
    nomineesPublishedAt,
    votingOpensAt,
    votingClosesAt,
    winnerAnnouncedAt,
  };
  return {
    id: e.id,
    ...fields,
    publishedAt: iso(e.publishedAt),
    timeline,
    formLockedSince: iso(page.lockedSince),
    award: { id: page.award.id, slug: page.award.slug, name: page.award.name },
    organisation: { id: page.organisation.id, slug: page.organisation.slug, name: page.organisation.name },
    ...editionListsJson(page),
  };
}

function awardJson(page: NonNullable<Awaited<ReturnType<typeof getAwardSetup>>>): z.infer<typeof awardSchema> {
  const a = page.award;
  return {
    id: a.id,
    slug: a.slug,
    name: a.name,
    summary: a.summary,
    description: a.description,
    establishedYear: a.establishedYear,
    eligibility: a.eligibility,
    summaryEn: a.summaryEn,
    descriptionEn: a.descriptionEn,
    eligibilityEn: a.eligibilityEn,
    contactName: a.contactName,
    contactTitle: a.contactTitle,
    contactUnit: a.contactUnit,
    contactPhone: a.contactPhone,
    contactEmail: a.contactEmail,
    organisation: { id: page.organisation.id, slug: page.organisation.slug, name: page.organisation.name },
    editions: page.editions.map((e) => ({ id: e.id, year: e.year, theme: e.theme })),
  };
}

/** A saved edition (or none, for a new one) as the edition schema's input. */
function editionInputOfRow(e: EditionRow | null): EditionSchemaInput {
  return {
    year: e?.year ?? null,
    theme: e?.theme ?? null,
    themeDescription: e?.themeDescription ?? null,
    themeEn: e?.themeEn ?? null,
    themeDescriptionEn: e?.themeDescriptionEn ?? null,
    prizePurposeEn: e?.prizePurposeEn ?? null,
    prizeExtrasEn: e?.prizeExtrasEn ?? null,
    timeline: Object.fromEntries(TIMELINE_KEYS.map((k) => [k, e?.[k] ?? null])) as EditionSchemaInput['timeline'],
    eventName: e?.eventName ?? null,
    eventPlace: e?.eventPlace ?? null,
    nomineeCountMin: e?.nomineeCountMin ?? null,
    nomineeCountMax: e?.nomineeCountMax ?? null,
    prizeAmountKr: e?.prizeAmountKr ?? null,
    prizePurpose: e?.prizePurpose ?? null,
    prizeExtras: e?.prizeExtras ?? null,
    prizeNotCash: e?.prizeNotCash ?? false,
    filmUrl: e?.filmUrl ?? null,
    hasPatientPanel: e?.hasPatientPanel ?? false,
    asksOrigin: e?.asksOrigin ?? false,
    reviewClosesAt: e?.reviewClosesAt ?? null,
    blindReview: e?.blindReview ?? false,
    scoreScaleMin: e?.scoreScaleMin ?? 1,
    scoreScaleMax: e?.scoreScaleMax ?? 5,
    scoreLabels: e?.scoreLabels ?? null,
  };
}

const instantOf = (v: string | null) => (v === null ? null : new Date(v));

/** The fields sent (null clears one; an absent one stays as saved), on top of the saved edition. */
function editionInput(current: EditionRow | null, body: EditionBody): EditionSchemaInput {
  const { timeline, reviewClosesAt, ...fields } = body;
  const input: Record<string, unknown> = editionInputOfRow(current);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) input[k] = v;
  if (reviewClosesAt !== undefined) input.reviewClosesAt = instantOf(reviewClosesAt);
  const dates = { ...(input.timeline as Record<TimelineKey, Date | null>) };
  for (const k of TIMELINE_KEYS) if (timeline?.[k] !== undefined) dates[k] = instantOf(timeline[k]);
  input.timeline = dates;
  return input as EditionSchemaInput;
}

function awardInput(current: AwardRow, body: z.infer<typeof awardPatchBody>): AwardSchemaInput {
  const input: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(body)) if (v !== undefined) input[k] = v;
  return input as AwardSchemaInput;
}

const pathOf = (field: string) => ((TIMELINE_KEYS as readonly string[]).includes(field) ? `/timeline/${field}` : `/${field}`);

function sendInvalid(request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) {
  return sendProblem(
    reply,
    refusalProblem(SETUP_REFUSALS.invalid, request.url, {
      detail: 'Correct the listed fields and send again.',
      errors: errors.map((e) => ({ path: pathOf(e.field), message: e.message })),
    }),
  );
}

/**
 * Awards and rounds in the admin API under /api/v1/admin, for a personal API token of an
 * administrator of the award's organisation. The same services as the pages: the same rules,
 * audit records and e-mails about moved dates.
 */
export async function adminSetupApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, pageCache } = deps;

  /** 404 when the thing does not exist, 403 when it is another organisation's; true when the caller may go on. */
  const mayAdminister = async (request: FastifyRequest, reply: FastifyReply, organisationId: number | null, what: string): Promise<boolean> => {
    if (organisationId === null) {
      await sendProblem(reply, problems.notFound(request.url, `There is no ${what}.`));
      return false;
    }
    if (!canAdministerOrganisation(request.actor, organisationId).ok) {
      request.log.warn({ organisationId }, 'administrator refused for another organisation (api)');
      await sendProblem(reply, problems.forbidden(request.url, `You do not administer the organisation of this ${what}.`));
      return false;
    }
    return true;
  };

  /** The edition with its lists, after the organisation check; null when an answer was sent. */
  const editionFor = async (request: FastifyRequest, reply: FastifyReply, editionId: number): Promise<EditionSetup | null> => {
    if (!(await mayAdminister(request, reply, await organisationOfEdition(db, editionId), 'edition'))) return null;
    const page = await getEditionSetup(db, editionId);
    if (!page) await sendProblem(reply, problems.notFound(request.url, 'There is no edition.'));
    return page;
  };

  const awardFor = async (request: FastifyRequest, reply: FastifyReply, awardId: number) => {
    const page = await getAwardSetup(db, awardId);
    if (!(await mayAdminister(request, reply, page?.organisation.id ?? null, 'award'))) return null;
    return page!;
  };

  const base = { config: { access: 'admin' as const }, onRequest: requireApiToken };
  const params = z.object({ id });

  app.get(
    '/api/v1/admin/editions/:id',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'getEditionSetup',
        summary: 'An edition (a round) with its timeline, criteria, form sections and committee seats',
        security,
        params,
        response: { 200: editionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      return editionJson(page);
    },
  );

  app.patch(
    '/api/v1/admin/editions/:id',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'updateEdition',
        summary: "Change an edition's fields and timeline",
        description:
          "Only the fields sent change. The same rules as the administrators' page (timeline order, lengths, the year free, asksOrigin locked once a nomination is sent): 422 lists the fields. When a published date moves, everyone concerned (nominators, committee, patient panel) gets an e-mail and the change is recorded in the audit log. `notified` says how many e-mails were queued.",
        security,
        params,
        body: editionPatchBody,
        response: { 200: z.object({ edition: editionSchema, notified: z.number().int() }), ...errorResponses, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      const parsed = checkEdition(editionInput(page.edition, request.body), en(), 'en');
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors);
      const input = parsed.input;
      const result = await updateEdition({
        db,
        actor: request.actor,
        editionId: page.edition.id,
        input,
        now: clock.now(),
        mail: { baseUrl: deps.publicBaseUrl },
      });
      if (!result.ok) {
        if (result.reason === 'not-found')
          return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail: 'There is no edition.' }));
        return sendInvalid(
          request,
          reply,
          sortEditionErrors(editionRuleErrors(en(), 'en', result.timeline, result.edition, input.year, input.scoreLabels?.length ?? 0)),
        );
      }
      pageCache.clear();
      return { edition: editionJson((await getEditionSetup(db, page.edition.id))!), notified: result.notified };
    },
  );

  app.post(
    '/api/v1/admin/editions/:id/next-year',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'createNextYearEdition',
        summary: "Create next year's round from this edition",
        description:
          'Copies the edition with its criteria, form sections and committee seats to the next year, every date one year on at the same Copenhagen time (the film link is not copied). 409 when the award already has a round that year. Recorded in the audit log.',
        security,
        params,
        response: { 201: z.object({ id: z.number().int(), year: z.number().int(), copiedFrom: z.number().int() }), ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      const result = await createNextYearEdition({ db, actor: request.actor, editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        pageCache.clear();
        return reply
          .code(201)
          .header('location', `/api/v1/admin/editions/${result.edition.id}`)
          .send({ id: result.edition.id, year: result.edition.year, copiedFrom: page.edition.id });
      }
      const detail = result.reason === 'not-found' ? 'There is no edition.' : setupRefusalText(messages('en'), 'en', result);
      return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail }));
    },
  );

  // Draft, publish, back to draft, delete (publishing.ts holds the rules; the pages use the same service).
  const sendEdition = async (editionId: number) => editionJson((await getEditionSetup(db, editionId))!);

  app.post(
    '/api/v1/admin/editions/:id/publish',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'publishEdition',
        summary: 'Publish a draft round',
        description:
          'Makes the round public (front page, award page, archive, feeds, API, nominations when its window opens). 409 `not-ready` lists every problem in `errors`: the theme, at least one criterion and one form section, a year that fits the dates, and an opening in the future, unless `confirmPastOpening` is true. Recorded in the audit log.',
        security,
        params,
        body: z.object({ confirmPastOpening: z.boolean().optional() }).strict().nullish(),
        response: { 200: editionSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      const confirmPastOpening = request.body?.confirmPastOpening === true;
      const result = await publishEdition({ db, actor: request.actor, editionId: page.edition.id, confirmPastOpening, now: clock.now() });
      if (result.ok) {
        pageCache.clear();
        return sendEdition(page.edition.id);
      }
      if (result.reason === 'not-found')
        return sendProblem(reply, refusalProblem(SETUP_REFUSALS['not-found'], request.url, { detail: 'There is no edition.' }));
      const errors = publishErrors(setupTexts('en'), 'en', result.problems, page.edition.year).map((e) => ({ path: e.field, message: e.message }));
      return sendProblem(reply, refusalProblem(SETUP_REFUSALS['not-ready'], request.url, { detail: 'Correct the listed problems and publish again.', errors }));
    },
  );

  app.post(
    '/api/v1/admin/editions/:id/unpublish',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'unpublishEdition',
        summary: 'Make a published round a draft again, before it opens',
        description: '409 when the round is not published, has opened for nominations, or has no dates. Recorded in the audit log.',
        security,
        params,
        response: { 200: editionSchema, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      const result = await unpublishEdition({ db, actor: request.actor, editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        pageCache.clear();
        return sendEdition(page.edition.id);
      }
      const detail = result.reason === 'not-found' ? 'There is no edition.' : stateRefusalText('en', result.refusal);
      return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail }));
    },
  );

  app.delete(
    '/api/v1/admin/editions/:id',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'deleteDraftEdition',
        summary: 'Delete a draft round that has no nominations',
        description:
          'Deletes the round with its criteria, form sections, committee seats and memberships. 409 when it is published or has nominations. The audit log keeps what it held.',
        security,
        params,
        response: { 204: z.null().describe('Deleted'), ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await editionFor(request, reply, request.params.id);
      if (!page) return reply;
      const result = await deleteDraftEdition({ db, actor: request.actor, editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        pageCache.clear();
        return reply.code(204).send(null);
      }
      const detail = result.reason === 'not-found' ? 'There is no edition.' : stateRefusalText('en', result.refusal);
      return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail }));
    },
  );

  app.post(
    '/api/v1/admin/awards/:id/editions',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'createEdition',
        summary: 'Create an edition (a round) of an award',
        description:
          "Without criteria or form sections (copy a round with next-year, or add them on the page). The same rules as the administrators' page: 422 lists the fields. Recorded in the audit log.",
        security,
        params,
        body: editionCreateBody,
        response: { 201: editionSchema, ...errorResponses, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const award = await awardFor(request, reply, request.params.id);
      if (!award) return reply;
      const parsed = checkEdition(editionInput(null, request.body), en(), 'en');
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors);
      const input = parsed.input;
      const result = await createEdition({ db, actor: request.actor, awardId: award.award.id, input, now: clock.now() });
      if (!result.ok) {
        if (result.reason === 'not-found')
          return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail: 'There is no award.' }));
        return sendInvalid(
          request,
          reply,
          sortEditionErrors(editionRuleErrors(en(), 'en', result.timeline, result.edition, input.year, input.scoreLabels?.length ?? 0)),
        );
      }
      pageCache.clear();
      return reply
        .code(201)
        .header('location', `/api/v1/admin/editions/${result.edition.id}`)
        .send(editionJson((await getEditionSetup(db, result.edition.id))!));
    },
  );

  app.get(
    '/api/v1/admin/awards/:id',
    {
      ...base,
      schema: {
        tags: ['admin'],
        operationId: 'getAward',
        summary: 'An award with its editions (newest first)',
        security,
        params,
        response: { 200: awardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await awardFor(request, reply, request.params.id);
      if (!page) return reply;
      return awardJson(page);
    },
  );

  app.patch(
    '/api/v1/admin/awards/:id',
    {
      ...base,
      preValidation: requireJson,
      schema: {
        tags: ['admin'],
        operationId: 'updateAward',
        summary: "Change an award's texts and contact person",
        description:
          "Only the fields sent change; the award's address (slug) never does. The same rules as the administrators' page: 422 lists the fields. Recorded in the audit log.",
        security,
        params,
        body: awardPatchBody,
        response: { 200: awardSchema, ...errorResponses, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const page = await awardFor(request, reply, request.params.id);
      if (!page) return reply;
      const parsed = checkFlat(awardFormSchema(en()), awardInput(page.award, request.body));
      if (!parsed.input) return sendInvalid(request, reply, parsed.errors);
      const result = await updateAward({ db, actor: request.actor, awardId: page.award.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return sendProblem(reply, refusalProblem(SETUP_REFUSALS[result.reason], request.url, { detail: 'There is no award.' }));
      pageCache.clear();
      return awardJson((await getAwardSetup(db, page.award.id))!);
    },
  );
}
