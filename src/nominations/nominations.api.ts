import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { problems, refusalProblem, sendProblem } from '../platform/errors.js';
import { noSecurity, problemSchema } from '../platform/api.js';
import type { NominationInput } from './form.js';
import { errorText, nominationTexts } from './i18n.js';
import { submitNomination } from './nomination.service.js';
import { NOMINATION_REFUSALS } from './refusals.js';

const text = (max: number) => z.string().max(max * 2);

/** The body of POST /api/v1/editions/{id}/nominations: the same fields as the form. */
const nominationBody = z
  .object({
    nominator: z.object({
      name: text(300),
      email: text(300),
      isCitizen: z.boolean(),
      workplace: text(300).optional(),
    }),
    nominee: z.object({
      kind: z.enum(['person', 'team', 'workplace']),
      names: text(300),
      unit: text(300),
      organisation: text(300),
      email: text(300),
    }),
    title: text(300),
    summary: text(30_000),
    criterionIds: z.array(z.number().int()).max(50),
    origin: z.object({ organisation: text(300), description: text(30_000).optional(), url: text(300).optional() }).optional(),
    answers: z
      .record(z.string().regex(/^\d{1,9}$/), text(30_000))
      .describe('Text per form section, keyed by the section id (see GET /api/v1/editions/{id} formSections)'),
  })
  .strict();

type NominationBody = z.infer<typeof nominationBody>;

/** The API's nested body as the form's typed input; the one parser (`readAllSteps`) cleans and checks it as it does the pages'. */
function inputOf(body: NominationBody): NominationInput {
  const { nominator, nominee, origin } = body;
  return {
    nominatorName: nominator.name,
    nominatorEmail: nominator.email,
    nominatorIsCitizen: nominator.isCitizen,
    nominatorWorkplace: nominator.workplace,
    nomineeKind: nominee.kind,
    nomineeNames: nominee.names,
    nomineeUnit: nominee.unit,
    nomineeOrganisation: nominee.organisation,
    nomineeEmail: nominee.email,
    title: body.title,
    summary: body.summary,
    criterionIds: body.criterionIds,
    originOrganisation: origin?.organisation,
    originDescription: origin?.description,
    originUrl: origin?.url,
    answers: body.answers,
  };
}

const receiptSchema = z.object({
  id: z.number().int(),
  receiptNumber: z.string(),
  status: z.enum(['draft', 'sent', 'withdrawn']),
  sentAt: z.string(),
  replayed: z.boolean().describe('true when an earlier request with the same Idempotency-Key made this nomination'),
});

/** POST /api/v1/editions/{id}/nominations: the form's rules, receipt and e-mails, for other systems. */
export async function nominationApi(root: FastifyInstance, deps: AppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = deps;

  app.post(
    '/api/v1/editions/:id/nominations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['nominations'],
        operationId: 'createNomination',
        summary: 'Send a complete nomination to an edition that is open',
        security: noSecurity,
        description:
          'Same validation, rules, receipt and e-mails as the nomination form. Send an `Idempotency-Key` header (1–200 visible ASCII characters) so that a retried request never makes two nominations; the same key with a different body is refused with 422.',
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1–200 visible ASCII characters')
            .optional(),
        }),
        body: nominationBody,
        response: {
          201: receiptSchema,
          200: receiptSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
      preValidation: async (request, reply) => {
        const type = String(request.headers['content-type'] ?? '');
        if (!/^application\/json\b/i.test(type)) {
          return sendProblem(reply, problems.unsupportedMediaType(request.url, 'Send the nomination as application/json.'));
        }
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'] ?? null;
      const fingerprint = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
      // Every request counts against the rate limit once, whatever the answer: submitNomination
      // counts it (in its statement when it can), an unknown edition included.
      const result = await submitNomination({
        db,
        editionId: request.params.id,
        input: inputOf(request.body),
        idempotencyKey: key,
        fingerprint,
        now: clock.now(),
        mail: { baseUrl: deps.publicBaseUrl },
        rateLimit: { rule: deps.rateLimits.nominationSend, subject: `ip:${request.ip}` },
      });
      if (result.ok) {
        const n = result.nomination;
        return reply.code(result.alreadySent ? 200 : 201).send({
          id: n.id,
          receiptNumber: result.receiptNumber,
          status: n.status,
          sentAt: n.sentAt!.toISOString(),
          replayed: result.alreadySent,
        });
      }
      if (result.reason === 'too-many') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return sendProblem(reply, problems.tooMany(request.url));
      }
      const t = nominationTexts('en');
      const fieldErrors = (errors: { field: string; code: string; args?: (string | number)[] }[]) =>
        errors.map((e) => ({ path: e.field, message: errorText(t, e) }));
      const extra = (() => {
        switch (result.reason) {
          case 'incomplete':
            return { detail: 'Correct the listed fields and send again.', errors: fieldErrors(result.errors.flatMap((s) => s.errors)) };
          case 'too-long':
            return { errors: fieldErrors(result.errors) };
          case 'not-open-yet':
            return { detail: `Nominations open at ${result.timeline?.opensAt.toISOString()}.` };
          case 'deadline-passed':
            return { detail: `The deadline was ${result.timeline?.closesAt.toISOString() ?? 'not set'}.` };
          case 'round-changing':
            reply.header('retry-after', String(result.retryAfterSeconds));
            return { detail: 'The round is being changed by its organisers right now; nothing was saved. Send the same request again shortly.' };
          case 'idempotency-mismatch':
            return { detail: 'Use a new Idempotency-Key for a different nomination.' };
          case 'not-found':
            return { detail: `There is no edition with id ${request.params.id} that takes nominations.` };
        }
      })();
      const p = refusalProblem(NOMINATION_REFUSALS[result.reason], request.url, extra);
      return sendProblem(reply, p);
    },
  );
}
