import { setupTexts } from './i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import type { Actor } from '../accounts/index.js';
import { csrfToken } from '../platform/csrf.js';
import { pageStatus, sendErrorPage } from '../platform/errors.js';
import type { PageContext } from '../platform/ui/index.js';
import { pageContext } from '../platform/page-context.js';
import { organisationOfEdition } from './awards.repo.js';
import {
  applyListAction,
  awardValues,
  editionRuleErrors,
  editionValues,
  organisationValues,
  parseAward,
  parseEdition,
  parseList,
  parseOrganisation,
  publishErrors,
  readListForm,
  rowsOfCriteria,
  rowsOfSeats,
  rowsOfSections,
  sortEditionErrors,
  type FormValues,
  type ListKind,
  type ListRow,
} from './setup-form.js';
import { SETUP_REFUSALS, setupRefusalText, stateRefusalText } from './setup-refusals.js';
import { findOrganisation, findOrganisationsByIds } from './setup.repo.js';
import { parseId, sendPage } from '../platform/http.js';
import { mayAdminister } from '../platform/http.js';
import {
  createAward,
  createEdition,
  createNextYearEdition,
  deleteDraftEdition,
  publishEdition,
  unpublishEdition,
  createOrganisation,
  getAwardSetup,
  getEditionSetup,
  getOrganisationSetup,
  saveEditionList,
  updateAward,
  updateEdition,
  updateOrganisation,
  type EditionSetup,
} from './setup.service.js';
import type { FieldError } from '../platform/ui/index.js';
import { AwardFormPage } from './views/setup-award.js';
import { awardsUrls as urls } from './urls.js';
import { EditionFormPage, EditionListPage, LIST_URLS } from './views/setup-edition.js';
import { OrganisationFormPage, OrganisationPage, OrganisationsPage } from './views/setup-organisation.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The signed-in user of an 'admin' route (the route gate has refused everyone else). */
function userOf(request: FastifyRequest): UserActor {
  const actor = request.actor;
  if (actor.kind !== 'user') throw Object.assign(new Error('not signed in'), { statusCode: 401 });
  return actor;
}

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const flag = (request: FastifyRequest, name: string) => (request.query as Record<string, unknown> | undefined)?.[name] === '1';

type IdParams = { Params: { id: string } };

/**
 * Setting up organisations, awards and rounds under /admin: every page is for administrators
 * ('admin'), and each checks that the thing belongs to one of the user's organisations (403
 * otherwise). Every POST carries the CSRF token, every change is audited by the service, and a
 * successful save clears this process's page cache (other processes follow within 5 s).
 */
export async function setupRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, pageCache } = deps;

  await app.register(async (admin) => {
    admin.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    const opts = { config: { access: 'admin' as const } };
    const post = { config: { access: 'admin' as const }, preHandler: admin.csrfProtection };
    const done = () => pageCache.clear();
    // The statuses of the setup's refusals (setup-refusals.ts), as the API answers them.
    const invalid = pageStatus(SETUP_REFUSALS.invalid);
    const locked = pageStatus(SETUP_REFUSALS['form-locked']);
    const notFound = (request: FastifyRequest, reply: FastifyReply) => sendErrorPage(request, reply, SETUP_REFUSALS['not-found'].status, 'notFound');

    // -- Organisations -------------------------------------------------------------------

    admin.get(urls.organisations.pattern, opts, async (request, reply) => {
      const actor = userOf(request);
      const organisations = await findOrganisationsByIds(db, [...actor.adminOf]);
      return sendPage(reply, 200, OrganisationsPage({ ctx: pageContext(request), csrf: csrfToken(reply), organisations }));
    });

    // Any administrator may start an organisation; they become its administrator.
    admin.get(urls.newOrganisation.pattern, opts, async (request, reply) => {
      const form = { values: organisationValues(null), errors: [] };
      return sendPage(reply, 200, OrganisationFormPage({ ctx: pageContext(request), csrf: csrfToken(reply), organisation: null, form }));
    });

    admin.post(urls.newOrganisation.pattern, post, async (request, reply) => {
      const ctx = pageContext(request);
      const parsed = parseOrganisation(bodyOf(request), setupTexts(ctx.locale));
      if (!parsed.input) return sendPage(reply, invalid, OrganisationFormPage({ ctx, csrf: csrfToken(reply), organisation: null, form: parsed }));
      const result = await createOrganisation({ db, actor: userOf(request), input: parsed.input, now: clock.now() });
      done();
      return reply.redirect(urls.organisation({ id: result.organisation.id }, { oprettet: 1 }), 303);
    });

    admin.get<IdParams>(urls.organisation.pattern, opts, async (request, reply) => {
      const id = parseId(request.params.id);
      const page = id === null ? null : await getOrganisationSetup(db, id);
      if (!(await mayAdminister(request, reply, page?.organisation.id ?? null))) return reply;
      const ctx = pageContext(request);
      const notice = flag(request, 'oprettet')
        ? setupTexts(ctx.locale).organisationCreated
        : flag(request, 'gemt')
          ? setupTexts(ctx.locale).organisationSaved
          : null;
      return sendPage(reply, 200, OrganisationPage({ ctx, csrf: csrfToken(reply), now: clock.now(), ...page!, notice }));
    });

    const organisationForm = async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const id = parseId(request.params.id);
      const organisation = id === null ? null : await findOrganisation(db, id);
      if (!(await mayAdminister(request, reply, organisation?.id ?? null))) return null;
      return organisation!;
    };

    admin.get<IdParams>(urls.editOrganisation.pattern, opts, async (request, reply) => {
      const organisation = await organisationForm(request, reply);
      if (!organisation) return reply;
      const form = { values: organisationValues(organisation), errors: [] };
      return sendPage(reply, 200, OrganisationFormPage({ ctx: pageContext(request), csrf: csrfToken(reply), organisation, form }));
    });

    admin.post<IdParams>(urls.editOrganisation.pattern, post, async (request, reply) => {
      const organisation = await organisationForm(request, reply);
      if (!organisation) return reply;
      const ctx = pageContext(request);
      const parsed = parseOrganisation(bodyOf(request), setupTexts(ctx.locale));
      if (!parsed.input) return sendPage(reply, invalid, OrganisationFormPage({ ctx, csrf: csrfToken(reply), organisation, form: parsed }));
      const result = await updateOrganisation({ db, actor: userOf(request), organisationId: organisation.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return notFound(request, reply);
      done();
      return reply.redirect(urls.organisation({ id: organisation.id }, { gemt: 1 }), 303);
    });

    // -- Awards --------------------------------------------------------------------------

    const renderAward = (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      page: NonNullable<Awaited<ReturnType<typeof getAwardSetup>>>,
      form: { values: FormValues; errors: FieldError[] },
      extra: { notice?: string | null; editionsError?: string | null } = {},
    ) =>
      sendPage(
        reply,
        status,
        AwardFormPage({
          ctx: pageContext(request),
          csrf: csrfToken(reply),
          now: clock.now(),
          organisation: page.organisation,
          award: page.award,
          editions: page.editions,
          form,
          notice: extra.notice ?? null,
          editionsError: extra.editionsError ?? null,
        }),
      );

    admin.get<IdParams>(urls.newAward.pattern, opts, async (request, reply) => {
      const organisation = await organisationForm(request, reply);
      if (!organisation) return reply;
      const form = { values: awardValues(null), errors: [] };
      return sendPage(
        reply,
        200,
        AwardFormPage({ ctx: pageContext(request), csrf: csrfToken(reply), now: clock.now(), organisation, award: null, editions: [], form, notice: null }),
      );
    });

    admin.post<IdParams>(urls.newAward.pattern, post, async (request, reply) => {
      const organisation = await organisationForm(request, reply);
      if (!organisation) return reply;
      const ctx = pageContext(request);
      const parsed = parseAward(bodyOf(request), setupTexts(ctx.locale));
      if (!parsed.input) {
        return sendPage(
          reply,
          invalid,
          AwardFormPage({ ctx, csrf: csrfToken(reply), now: clock.now(), organisation, award: null, editions: [], form: parsed, notice: null }),
        );
      }
      const result = await createAward({ db, actor: userOf(request), organisationId: organisation.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return notFound(request, reply);
      done();
      return reply.redirect(urls.awardSetup({ id: result.award.id }, { oprettet: 1 }), 303);
    });

    const awardPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const id = parseId(request.params.id);
      const page = id === null ? null : await getAwardSetup(db, id);
      if (!(await mayAdminister(request, reply, page?.organisation.id ?? null))) return null;
      return page!;
    };

    admin.get<IdParams>(urls.awardSetup.pattern, opts, async (request, reply) => {
      const page = await awardPage(request, reply);
      if (!page) return reply;
      const s = setupTexts(pageContext(request).locale);
      const query = request.query as Record<string, unknown>;
      const deleted = typeof query.slettet === 'string' && /^\d{4}$/.test(query.slettet) ? Number(query.slettet) : null;
      const notice = flag(request, 'oprettet') ? s.awardCreated : flag(request, 'gemt') ? s.awardSaved : deleted ? s.publishing.deleted(deleted) : null;
      return renderAward(request, reply, 200, page, { values: awardValues(page.award), errors: [] }, { notice });
    });

    admin.post<IdParams>(urls.awardSetup.pattern, post, async (request, reply) => {
      const page = await awardPage(request, reply);
      if (!page) return reply;
      const parsed = parseAward(bodyOf(request), setupTexts(pageContext(request).locale));
      if (!parsed.input) return renderAward(request, reply, invalid, page, parsed);
      const result = await updateAward({ db, actor: userOf(request), awardId: page.award.id, input: parsed.input, now: clock.now() });
      if (!result.ok) return notFound(request, reply);
      done();
      return reply.redirect(urls.awardSetup({ id: page.award.id }, { gemt: 1 }), 303);
    });

    // -- Editions ------------------------------------------------------------------------

    admin.get<IdParams>(urls.newEdition.pattern, opts, async (request, reply) => {
      const page = await awardPage(request, reply);
      if (!page) return reply;
      const latest = page.editions[0];
      const form = { values: editionValues(null, { year: latest ? latest.year + 1 : undefined }), errors: [] };
      return sendPage(
        reply,
        200,
        EditionFormPage({
          ctx: pageContext(request),
          csrf: csrfToken(reply),
          organisation: page.organisation,
          award: page.award,
          edition: null,
          form,
          notice: null,
        }),
      );
    });

    admin.post<IdParams>(urls.newEdition.pattern, post, async (request, reply) => {
      const page = await awardPage(request, reply);
      if (!page) return reply;
      const ctx = pageContext(request);
      const parsed = parseEdition(bodyOf(request), setupTexts(ctx.locale), ctx.locale);
      const show = (errors: FieldError[]) =>
        sendPage(
          reply,
          invalid,
          EditionFormPage({
            ctx,
            csrf: csrfToken(reply),
            organisation: page.organisation,
            award: page.award,
            edition: null,
            form: { values: parsed.values, errors },
            notice: null,
          }),
        );
      if (!parsed.input) return show(parsed.errors);
      const result = await createEdition({ db, actor: userOf(request), awardId: page.award.id, input: parsed.input, now: clock.now() });
      if (!result.ok) {
        if (result.reason === 'not-found') return notFound(request, reply);
        return show(sortEditionErrors(editionRuleErrors(setupTexts(ctx.locale), ctx.locale, result.timeline, result.edition, parsed.input.year)));
      }
      done();
      return reply.redirect(urls.editionSetup({ id: result.edition.id }, { oprettet: 1 }), 303);
    });

    const editionPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply): Promise<EditionSetup | null> => {
      const id = parseId(request.params.id);
      const organisationId = id === null ? null : await organisationOfEdition(db, id);
      if (!(await mayAdminister(request, reply, organisationId))) return null;
      const page = await getEditionSetup(db, id!);
      if (!page) {
        await notFound(request, reply);
        return null;
      }
      return page;
    };

    const renderEdition = (
      ctx: PageContext,
      reply: FastifyReply,
      status: number,
      page: EditionSetup,
      form: { values: FormValues; errors: FieldError[] },
      notice: string | null = null,
      showDelay = false,
    ) =>
      sendPage(
        reply,
        status,
        EditionFormPage({
          ctx,
          csrf: csrfToken(reply),
          organisation: page.organisation,
          award: page.award,
          edition: page.edition,
          counts: { criteria: page.criteria.length, formSections: page.formSections.length, committee: page.committee.length },
          form,
          notice,
          showDelay,
          now: clock.now(),
        }),
      );

    admin.get<IdParams>(urls.editionSetup.pattern, opts, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const ctx = pageContext(request);
      const s = setupTexts(ctx.locale);
      const query = request.query as Record<string, unknown>;
      const sent = typeof query.sendt === 'string' && /^\d{1,6}$/.test(query.sendt) ? Number(query.sendt) : 0;
      let notice: string | null = null;
      if (flag(request, 'oprettet')) notice = s.editionCreated;
      else if (flag(request, 'kopieret')) notice = s.nextYearCreated(page.edition.year);
      else if (flag(request, 'gemt')) notice = sent > 0 ? s.editionSavedNotified(sent) : s.editionSaved;
      else if (flag(request, 'offentliggjort')) notice = s.publishing.published;
      else if (flag(request, 'kladde')) notice = s.publishing.unpublished;
      return renderEdition(ctx, reply, 200, page, { values: editionValues(page.edition), errors: [] }, notice, flag(request, 'gemt'));
    });

    admin.post<IdParams>(urls.editionSetup.pattern, post, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const ctx = pageContext(request);
      const parsed = parseEdition(bodyOf(request), setupTexts(ctx.locale), ctx.locale);
      if (!parsed.input) return renderEdition(ctx, reply, invalid, page, parsed);
      const result = await updateEdition({
        db,
        actor: userOf(request),
        editionId: page.edition.id,
        input: parsed.input,
        now: clock.now(),
        mail: { baseUrl: deps.publicBaseUrl },
      });
      if (!result.ok) {
        if (result.reason === 'not-found') return notFound(request, reply);
        const errors = sortEditionErrors(editionRuleErrors(setupTexts(ctx.locale), ctx.locale, result.timeline, result.edition, parsed.input.year));
        return renderEdition(ctx, reply, invalid, page, { values: parsed.values, errors });
      }
      done();
      return reply.redirect(urls.editionSetup({ id: page.edition.id }, { gemt: 1, sendt: result.notified || undefined }), 303);
    });

    // Draft, publish and delete (publishing.ts): a refusal shows the round's page again with its reasons.
    const refuseOnEdition = (ctx: PageContext, reply: FastifyReply, page: EditionSetup, status: number, errors: FieldError[]) =>
      renderEdition(ctx, reply, status, page, { values: editionValues(page.edition), errors });

    admin.post<IdParams>(urls.publish.pattern, post, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const confirmPastOpening = bodyOf(request).confirmPastOpening === 'ja';
      const result = await publishEdition({ db, actor: userOf(request), editionId: page.edition.id, confirmPastOpening, now: clock.now() });
      if (result.ok) {
        done();
        return reply.redirect(urls.editionSetup({ id: page.edition.id }, { offentliggjort: 1 }), 303);
      }
      if (result.reason === 'not-found') return notFound(request, reply);
      const ctx = pageContext(request);
      const errors = publishErrors(setupTexts(ctx.locale), ctx.locale, result.problems, page.edition.year);
      return refuseOnEdition(ctx, reply, page, pageStatus(SETUP_REFUSALS['not-ready']), errors);
    });

    admin.post<IdParams>(urls.unpublish.pattern, post, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const result = await unpublishEdition({ db, actor: userOf(request), editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        done();
        return reply.redirect(urls.editionSetup({ id: page.edition.id }, { kladde: 1 }), 303);
      }
      if (result.reason === 'not-found') return notFound(request, reply);
      const ctx = pageContext(request);
      const message = stateRefusalText(ctx.locale, result.refusal);
      return refuseOnEdition(ctx, reply, page, pageStatus(SETUP_REFUSALS.refused), [{ field: 'unpublish', message }]);
    });

    admin.post<IdParams>(urls.deleteEdition.pattern, post, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const ctx = pageContext(request);
      if (bodyOf(request).bekraeft !== 'ja') {
        return refuseOnEdition(ctx, reply, page, invalid, [{ field: 'confirmDelete', message: setupTexts(ctx.locale).publishing.confirmDeleteMissing }]);
      }
      const result = await deleteDraftEdition({ db, actor: userOf(request), editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        done();
        return reply.redirect(urls.awardSetup({ id: result.awardId }, { slettet: page.edition.year }), 303);
      }
      if (result.reason === 'not-found') return notFound(request, reply);
      const message = stateRefusalText(ctx.locale, result.refusal);
      return refuseOnEdition(ctx, reply, page, pageStatus(SETUP_REFUSALS.refused), [{ field: 'delete-edition', message }]);
    });

    // Next year's round, from the award page (fra=pris) or the round's own page.
    admin.post<IdParams>(urls.nextYear.pattern, post, async (request, reply) => {
      const page = await editionPage(request, reply);
      if (!page) return reply;
      const result = await createNextYearEdition({ db, actor: userOf(request), editionId: page.edition.id, now: clock.now() });
      if (result.ok) {
        done();
        return reply.redirect(urls.editionSetup({ id: result.edition.id }, { kopieret: 1 }), 303);
      }
      if (result.reason === 'not-found') return notFound(request, reply);
      const ctx = pageContext(request);
      const message = setupRefusalText(ctx.t, ctx.locale, result);
      const status = pageStatus(SETUP_REFUSALS[result.reason]);
      if (bodyOf(request).fra === 'pris') {
        const award = (await getAwardSetup(db, page.award.id))!;
        return renderAward(request, reply, status, award, { values: awardValues(award.award), errors: [] }, { editionsError: message });
      }
      const errors: FieldError[] = [{ field: 'nextYear', target: `next-year-${page.edition.id}`, message }];
      return renderEdition(ctx, reply, status, page, { values: editionValues(page.edition), errors });
    });

    // -- Criteria, form sections and committee seats: ordered lists ----------------------

    const listRows = (page: EditionSetup, kind: ListKind): ListRow[] =>
      kind === 'criteria' ? rowsOfCriteria(page.criteria) : kind === 'form-sections' ? rowsOfSections(page.formSections) : rowsOfSeats(page.committee);

    const renderList = (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      page: EditionSetup,
      kind: ListKind,
      view: { rows: ListRow[]; errors?: FieldError[]; notice?: 'saved' | 'not-saved' | null; refused?: boolean },
    ) =>
      sendPage(
        reply,
        status,
        EditionListPage({
          ctx: pageContext(request),
          csrf: csrfToken(reply),
          kind,
          organisation: page.organisation,
          award: page.award,
          edition: page.edition,
          rows: view.rows,
          errors: view.errors ?? [],
          notice: view.notice ?? null,
          lockedSince: kind === 'committee' ? null : page.lockedSince,
          saved: { criteria: page.criteria, formSections: page.formSections, committee: page.committee },
          refused: view.refused,
        }),
      );

    for (const kind of ['criteria', 'form-sections', 'committee'] as const) {
      const path = LIST_URLS[kind].pattern;

      admin.get<IdParams>(path, opts, async (request, reply) => {
        const page = await editionPage(request, reply);
        if (!page) return reply;
        return renderList(request, reply, 200, page, kind, { rows: listRows(page, kind), notice: flag(request, 'gemt') ? 'saved' : null });
      });

      admin.post<IdParams>(path, post, async (request, reply) => {
        const page = await editionPage(request, reply);
        if (!page) return reply;
        if (kind !== 'committee' && page.lockedSince) return renderList(request, reply, locked, page, kind, { rows: listRows(page, kind), refused: true });
        const { rows, action } = readListForm(bodyOf(request), kind);
        if (action.kind !== 'save') {
          // Add, move or remove: shown again, not saved (a plain form needs no JavaScript for this).
          return renderList(request, reply, 200, page, kind, {
            rows: applyListAction(rows, action, kind),
            notice: action.kind === 'none' ? null : 'not-saved',
          });
        }
        const parsed = parseList(kind, rows, setupTexts(pageContext(request).locale));
        if (!parsed.input) return renderList(request, reply, invalid, page, kind, { rows: parsed.rows, errors: parsed.errors });
        const result = await saveEditionList({ db, actor: userOf(request), editionId: page.edition.id, kind, items: parsed.input as never, now: clock.now() });
        if (!result.ok) {
          if (result.reason === 'not-found') return notFound(request, reply);
          // A nomination was sent while the page was open.
          const fresh = (await getEditionSetup(db, page.edition.id))!;
          return renderList(request, reply, pageStatus(SETUP_REFUSALS[result.reason]), fresh, kind, { rows: listRows(fresh, kind), refused: true });
        }
        done();
        return reply.redirect(LIST_URLS[kind]({ id: page.edition.id }, { gemt: 1 }), 303);
      });
    }
  });
}
