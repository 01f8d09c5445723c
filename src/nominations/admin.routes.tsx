import { nominationAdminTexts } from './admin-i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import { SCREENING_REASON_MAX, type ScreeningDecision } from './screening.service.js';
import { screenNomination, screenNominations } from './admin-api.service.js';
import { organisationOfEdition } from '../awards/index.js';
import { getNominationDetail, getNominationExport, getNominationList, organisationOfNomination, recordScreeningSeen } from './admin.service.js';
import { contentDisposition } from '../platform/spreadsheet.js';
import { parseListQuery } from './list-query.js';
import { NominationListPage } from './views/nomination-list.js';
import { NominationPage, type NomineeContactForm, type ScreeningForm } from './views/nomination-page.js';
import { addNomineeContact } from './nominee-contact.service.js';
import { cleanText } from '../platform/fields.js';
import { SHORT_TEXT_MAX } from './form.js';
import type { FieldError } from '../platform/ui/index.js';
import { administeredId, sendPage } from '../platform/http.js';
import { nominationsUrls as urls } from './urls.js';

export type AdminDeps = AppDeps;

const DECISIONS: Record<string, ScreeningDecision> = { egnet: 'eligible', 'ikke-egnet': 'not-eligible' };

/**
 * The administrators' pages under /admin: sign-in with the shared token (until the accounts
 * issue brings personal sign-in), the editions, each edition's nominations (list, exports),
 * each nomination in full with its screening.
 */
export async function adminRoutes(app: FastifyInstance, opts: AdminDeps) {
  const { db, clock } = opts;
  // Who owns what, for administeredId: every route below is about one edition or one nomination.
  const ofEdition = (id: number) => organisationOfEdition(db, id);
  const ofNomination = (id: number) => organisationOfNomination(db, id);

  // Everything here is for administrators (the route gate refuses everyone else); each route
  // then checks that the edition or nomination belongs to one of the user's organisations.
  await app.register(async (admin) => {
    admin.addHook('preHandler', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    admin.get<{ Params: { id: string } }>(urls.editionNominations.pattern, { config: { access: 'admin' } }, async (request, reply) => {
      const id = await administeredId(request, reply, request.params.id, ofEdition);
      if (id === null) return reply;
      const list = await getNominationList(db, id, parseListQuery(request.query));
      if (!list) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      const query = request.query as Record<string, unknown>;
      const count = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null);
      const screened = count(query.screenet);
      const done = screened === null ? null : nominationAdminTexts(ctx.locale).bulkDone(screened, count(query.sprunget) ?? 0);
      return sendPage(
        reply,
        200,
        NominationListPage({ ctx, csrf: csrfToken(reply), list, bulk: { chosen: [], decision: null, reason: '', errors: [], done } }),
      );
    });

    // Several nominations screened at once from the list (screenNominations).
    admin.post<{ Params: { id: string } }>(
      urls.bulkScreening.pattern,
      { config: { access: 'admin' }, preHandler: admin.csrfProtection },
      async (request, reply) => {
        const id = await administeredId(request, reply, request.params.id, ofEdition);
        if (id === null) return reply;
        const ctx = pageContext(request);
        const a = nominationAdminTexts(ctx.locale);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const raw = Array.isArray(body.valgt) ? body.valgt : body.valgt === undefined ? [] : [body.valgt];
        const chosen = raw.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
        const decision = typeof body.beslutning === 'string' ? (DECISIONS[body.beslutning] ?? null) : null;
        const reason = typeof body.begrundelse === 'string' ? body.begrundelse.normalize('NFC').replace(/\r\n?/g, '\n') : '';
        const list = await getNominationList(db, id, parseListQuery(request.query));
        if (!list) return sendErrorPage(request, reply, 404, 'notFound');
        const firstChoice = list.rows.find((r) => r.status === 'sent');
        const errors: FieldError[] = [];
        if (chosen.length === 0)
          errors.push({ field: 'chosen', target: firstChoice ? `choose-${firstChoice.id}` : 'bulk-screening', message: a.bulkNoneChosen });
        if (!decision) errors.push({ field: 'decision', target: 'bulk-decision-eligible', message: a.decisionMissing });
        if (reason.trim().length > SCREENING_REASON_MAX)
          errors.push({ field: 'reason', target: 'bulk-reason', message: a.reasonTooLong(SCREENING_REASON_MAX) });
        if (decision && errors.length === 0) {
          const result = await screenNominations({ db, actor: request.actor, editionId: id, nominationIds: chosen, decision, reason, now: clock.now() });
          if (result.ok) return reply.redirect(urls.editionNominations({ id }, { screenet: result.screened, sprunget: result.skipped || undefined }), 303);
          errors.push(
            result.reason === 'reason-required'
              ? { field: 'reason', target: 'bulk-reason', message: a.reasonRequired }
              : { field: 'chosen', target: firstChoice ? `choose-${firstChoice.id}` : 'bulk-screening', message: a.bulkNoneChosen },
          );
        }
        return sendPage(reply, 400, NominationListPage({ ctx, csrf: csrfToken(reply), list, bulk: { chosen, decision, reason, errors, done: null } }));
      },
    );

    const exportRoute = (format: 'csv' | 'xlsx') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const id = await administeredId(request, reply, request.params.id, ofEdition);
      if (id === null) return reply;
      const file = await getNominationExport(db, id, nominationAdminTexts(pageContext(request).locale), format);
      if (!file) return sendErrorPage(request, reply, 404, 'notFound');
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.body);
    };
    admin.get(urls.editionNominationsCsv.pattern, { config: { access: 'admin' } }, exportRoute('csv'));
    admin.get(urls.editionNominationsXlsx.pattern, { config: { access: 'admin' } }, exportRoute('xlsx'));

    admin.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
      urls.adminNomination.pattern,
      { config: { access: 'admin' } },
      async (request, reply) => {
        const id = await administeredId(request, reply, request.params.id, ofNomination);
        if (id === null) return reply;
        const detail = await getNominationDetail(db, id);
        if (!detail) return sendErrorPage(request, reply, 404, 'notFound');
        // Opened: a change made before now is seen (the page itself still says it changed).
        await recordScreeningSeen(db, id, clock.now());
        const form: ScreeningForm = { decision: null, reason: '', errors: [], saved: request.query.gemt === '1' };
        const contact: NomineeContactForm = { email: '', unit: '', errors: [], saved: request.query.kontakt === '1' };
        return sendPage(reply, 200, NominationPage({ ctx: pageContext(request), csrf: csrfToken(reply), detail, form, contact }));
      },
    );

    // A citizen's nomination without the nominee's address: the organiser adds the contact they found.
    admin.post<{ Params: { id: string } }>(
      urls.nomineeContact.pattern,
      { config: { access: 'admin' }, preHandler: admin.csrfProtection },
      async (request, reply) => {
        const id = await administeredId(request, reply, request.params.id, ofNomination);
        if (id === null) return reply;
        const ctx = pageContext(request);
        const a = nominationAdminTexts(ctx.locale);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const email = cleanText(body.email, false);
        const unit = cleanText(body.unit, false);
        const errors: FieldError[] = [];
        if (unit.length > SHORT_TEXT_MAX) errors.push({ field: 'unit', target: 'contact-unit', message: a.contactUnitTooLong(SHORT_TEXT_MAX) });
        let status = 400;
        if (errors.length === 0) {
          const result = await addNomineeContact({
            db,
            actor: request.actor,
            nominationId: id,
            email,
            unit,
            now: clock.now(),
            mail: { baseUrl: opts.publicBaseUrl },
          });
          if (result.ok) return reply.redirect(urls.adminNomination({ id }, { kontakt: 1 }), 303);
          if (result.reason === 'not-found' || result.reason === 'not-sent') return sendErrorPage(request, reply, 404, 'notFound');
          if (result.reason !== 'email-invalid') status = 409;
          errors.push({ field: 'email', target: 'contact-email', message: a.contactRefusals[result.reason] });
        }
        const detail = await getNominationDetail(db, id);
        if (!detail) return sendErrorPage(request, reply, 404, 'notFound');
        const form: ScreeningForm = { decision: null, reason: '', errors: [], saved: false };
        return sendPage(reply, status, NominationPage({ ctx, csrf: csrfToken(reply), detail, form, contact: { email, unit, errors, saved: false } }));
      },
    );

    admin.post<{ Params: { id: string } }>(
      urls.screening.pattern,
      { config: { access: 'admin' }, preHandler: admin.csrfProtection },
      async (request, reply) => {
        const id = await administeredId(request, reply, request.params.id, ofNomination);
        if (id === null) return reply;
        const ctx = pageContext(request);
        const a = nominationAdminTexts(ctx.locale);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const decision = typeof body.beslutning === 'string' ? (DECISIONS[body.beslutning] ?? null) : null;
        const reason = typeof body.begrundelse === 'string' ? body.begrundelse.normalize('NFC').replace(/\r\n?/g, '\n') : '';
        const errors: FieldError[] = [];
        if (!decision) errors.push({ field: 'decision', target: 'decision-eligible', message: a.decisionMissing });
        if (reason.trim().length > SCREENING_REASON_MAX) errors.push({ field: 'reason', message: a.reasonTooLong(SCREENING_REASON_MAX) });

        let status = 400;
        if (decision && errors.length === 0) {
          // Screening and its audit record are written in one transaction.
          const result = await screenNomination({ db, actor: request.actor, nominationId: id, decision, reason, now: clock.now() });
          if (result.ok) return reply.redirect(urls.adminNomination({ id }, { gemt: 1 }), 303);
          if (result.reason === 'not-found' || result.reason === 'not-sent') return sendErrorPage(request, reply, 404, 'notFound');
          if (result.reason === 'reason-required') errors.push({ field: 'reason', message: a.reasonRequired });
          // Withdrawn meanwhile: the page shows that it is withdrawn, without the form.
          if (result.reason === 'withdrawn') status = 409;
        }
        const detail = await getNominationDetail(db, id);
        if (!detail) return sendErrorPage(request, reply, 404, 'notFound');
        const form: ScreeningForm = { decision, reason, errors, saved: false };
        return sendPage(reply, status, NominationPage({ ctx, csrf: csrfToken(reply), detail, form }));
      },
    );
  });
}
