import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { mayAdminister } from '../platform/http.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pickText, render } from '../platform/ui/index.js';
import { pageContext, sharedPageContext } from '../platform/page-context.js';
import { isoInCopenhagen } from '../platform/time.js';
import { toCsv } from '../platform/spreadsheet.js';
import type { FieldError } from '../platform/ui/index.js';
import { ideaBankTexts, type IdeaBankTexts } from './i18n.js';
import {
  findLink,
  findSolution,
  listAdoptions,
  listSolutionImages,
  listLinkedNominations,
  mostSpread,
  newestSolutions,
  runSearch,
  withSearchLimits,
  type SolutionRow,
} from './ideabank.repo.js';
import {
  addNominationToIdeaBank,
  mayWriteToIdeaBank,
  type IdeaBankWrite,
  canEditSolution,
  createSolution,
  findNominationForBank,
  isStatementTimeout,
  mayEnterIdeaBank,
  originSolutionOf,
  recordAdoption,
  searchSolutions,
  setNominationOrigin,
  similarSolutions,
  updateSolution,
} from './ideabank.service.js';
import { parseSearchQuery, searchQueryString, type SearchQuery } from './search-query.js';
import { adoptionFormValues, checkAdoptionForm, checkSolutionForm, solutionFormValues } from './solution-form.js';
import { SearchPage } from './views/search-page.js';
import { SolutionPage, type AdoptionForm } from './views/solution-page.js';
import { SolutionFormPage, type SolutionFormValues } from './views/solution-form.js';
import { IdeaBankWriteRefusalPage, MostSpreadPage, NominationLinkPage } from './views/other-pages.js';
import { atomFeed } from './feed.js';
import { IMAGE_ERROR_CODES } from './images.routes.js';
import { parseId, sendPage } from '../platform/http.js';

/** The most rows a CSV export of a search holds. */
export const CSV_MAX_ROWS = 5_000;

function texts(request: FastifyRequest): IdeaBankTexts {
  return ideaBankTexts(pageContext(request).locale);
}

/** The idea bank's pages, CSV export, Atom feed of new solutions and the suggestions endpoint. */
export async function ideaBankRoutes(app: FastifyInstance, { db, clock, publicBaseUrl, pageCache }: AppDeps) {
  app.get('/idebank', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const it = ideaBankTexts(ctx.locale);
    const { query, errors } = parseSearchQuery(request.query);
    const blocking = errors.filter((e) => e.code !== 'repeated');
    const signedIn = request.actor.kind === 'user';
    if (blocking.length) return sendPage(reply, 400, SearchPage({ ctx, it, query, errors, result: null, signedIn }));
    try {
      if (!signedIn && errors.length === 0) {
        // The public's searches are the same page for everyone: kept a few seconds (page cache).
        const path = `/idebank${searchQueryString(query)}`;
        const html = await pageCache.get(`idebank:${ctx.locale}:${path}`, clock.now(), async () => {
          const result = await searchSolutions(db, query);
          return { body: render(SearchPage({ ctx: { ...sharedPageContext(ctx), path }, it, query, errors, result, signedIn })), validUntil: null };
        });
        return reply.code(200).type('text/html; charset=utf-8').send(html);
      }
      const result = await searchSolutions(db, query);
      return sendPage(reply, 200, SearchPage({ ctx, it, query, errors, result, signedIn }));
    } catch (err) {
      if (!isStatementTimeout(err)) throw err;
      request.log.warn({ q: query.text.slice(0, 100) }, 'idea bank search timed out');
      return sendPage(reply, 503, SearchPage({ ctx, it, query, errors, result: null, timedOut: true, signedIn }));
    }
  });

  app.get('/idebank/soeg.csv', { config: { access: 'public' } }, async (request, reply) => {
    const { query, errors } = parseSearchQuery(request.query);
    const it = texts(request);
    if (errors.some((e) => e.code !== 'repeated')) return sendErrorPage(request, reply, 400, 'badRequest');
    try {
      const page = await withSearchLimits(db, (tx) => runSearch(tx, { ...query, page: 1 }, { pageSize: CSV_MAX_ROWS, facets: false }));
      const f = it.form;
      const table = {
        sheetName: 'Idébank',
        headers: ['Id', f.title, f.summary, f.organisation, f.unit, it.facet.status, it.solution.tags, it.solution.year, it.solution.colUnit, 'URL'],
        rows: page.hits.map((h) => [
          String(h.id),
          h.title,
          h.summary,
          h.organisationName,
          h.unitName,
          it.status[h.status],
          h.tags.join(', '),
          String(h.year),
          String(h.adoptionCount),
          `${publicBaseUrl}/idebank/loesninger/${h.id}`,
        ]),
      };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="idebank-soegning.csv"')
        .header('cache-control', 'no-store')
        .send(toCsv(table));
    } catch (err) {
      if (!isStatementTimeout(err)) throw err;
      return sendErrorPage(request, reply, 503, 'unavailable');
    }
  });

  app.get('/idebank/mest-spredte', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    return sendPage(reply, 200, MostSpreadPage({ ctx, it: ideaBankTexts(ctx.locale), rows: await mostSpread(db, 50) }));
  });

  app.get('/feeds/loesninger.atom', { config: { access: 'public' } }, async (_request, reply) => {
    const rows = await newestSolutions(db, 50);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(
        atomFeed({
          baseUrl: publicBaseUrl,
          title: ideaBankTexts('da').feedTitle,
          selfPath: '/feeds/loesninger.atom',
          updated: rows[0]?.updatedAt ?? new Date(0),
          rows,
        }),
      );
  });

  /** Suggestions while typing (public/ideabank.js): JSON, at most five. */
  app.get<{ Querystring: { tekst?: unknown; undtagen?: unknown } }>('/idebank/lignende', { config: { access: 'public' } }, async (request, reply) => {
    const raw = typeof request.query.tekst === 'string' ? request.query.tekst.slice(0, 2000) : '';
    const exclude = typeof request.query.undtagen === 'string' ? parseId(request.query.undtagen) : null;
    const rows = raw.trim() === '' ? [] : await similarSolutions(db, raw, 5, exclude);
    // The title in the asking page's language: the English one when given; else the Danish one,
    // with `lang` "da" so the script marks it (and adds the note) on an English page.
    const { locale } = pageContext(request);
    return reply.header('cache-control', 'no-store').send({
      solutions: rows.map((r) => {
        const title = pickText(locale, r.title, r.titleEn);
        return {
          id: r.id,
          title: title.text,
          lang: title.fallback ? 'da' : null,
          organisation: r.organisationName,
          unit: r.unitName,
          url: `/idebank/loesninger/${r.id}`,
        };
      }),
    });
  });

  async function showSolution(
    request: FastifyRequest,
    reply: FastifyReply,
    s: SolutionRow,
    status: number,
    adoptionState: { form: AdoptionForm; errors: FieldError[]; done: boolean },
  ) {
    const ctx = pageContext(request);
    const it = ideaBankTexts(ctx.locale);
    const [adoptionRows, links, similar, images] = await Promise.all([
      listAdoptions(db, s.id),
      listLinkedNominations(db, s.id),
      similarSolutions(db, `${s.title} ${s.summary}`, 5, s.id),
      listSolutionImages(db, s.id),
    ]);
    const actor = request.actor;
    const mayWrite = actor.kind === 'user' ? await mayWriteToIdeaBank(db, actor) : null;
    return sendPage(
      reply,
      status,
      SolutionPage({
        ctx,
        it,
        solution: s,
        adoptions: adoptionRows,
        links,
        similar,
        images,
        canEdit: canEditSolution(actor, s).ok,
        adoption: mayWrite === null ? null : mayWrite.ok ? { csrf: csrfToken(reply), ...adoptionState } : 'not-staff',
      }),
    );
  }

  app.get<{ Params: { solutionId: string }; Querystring: { tak?: string } }>(
    '/idebank/loesninger/:solutionId',
    { config: { access: 'public' } },
    async (request, reply) => {
      const id = parseId(request.params.solutionId);
      const s = id === null ? null : await findSolution(db, id);
      if (!s) return sendErrorPage(request, reply, 404, 'notFound');
      return showSolution(request, reply, s, 200, {
        form: { organisation: '', unit: '', adoptedOn: '', changes: '' },
        errors: [],
        done: request.query.tak === '1',
      });
    },
  );

  app.post<{ Params: { solutionId: string } }>(
    '/idebank/loesninger/:solutionId/ibrug',
    { config: { access: 'signed-in' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
      const id = parseId(request.params.solutionId);
      const s = id === null ? null : await findSolution(db, id);
      if (!s) return sendErrorPage(request, reply, 404, 'notFound');
      const may = await mayWriteToIdeaBank(db, actor);
      if (!may.ok) return refuseWrite(request, reply, may.reason);
      const form = adoptionFormValues(request.body);
      const now = clock.now();
      const { input, errors } = checkAdoptionForm(form, texts(request), isoInCopenhagen(now).slice(0, 10));
      if (!input) return showSolution(request, reply, s, 400, { form, errors, done: false });
      const result = await recordAdoption({ db, actor, solutionId: s.id, input, now });
      if (!result.ok) {
        if (result.reason !== 'other-organisation') return refuseWrite(request, reply, result.reason);
        return showSolution(request, reply, s, 400, { form, errors: [otherOrganisation(request, 'organisation', result)], done: false });
      }
      return reply.redirect(`/idebank/loesninger/${s.id}?tak=1#adopt-heading`, 303);
    },
  );

  /**
   * A refusal to write to the idea bank (write-rules.ts): the public is asked to sign in (401),
   * a user who is staff of no organisation gets a page that says who may (403).
   */
  function refuseWrite(request: FastifyRequest, reply: FastifyReply, reason: 'not-signed-in' | 'not-staff' | 'other-organisation') {
    if (reason === 'not-signed-in') return sendErrorPage(request, reply, 401, 'signInRequired');
    request.log.info({ reason }, 'idea bank write refused');
    const ctx = pageContext(request);
    return sendPage(reply, 403, IdeaBankWriteRefusalPage({ ctx, it: ideaBankTexts(ctx.locale) }));
  }

  /** The field error of a name that is not the user's own organisation: it names theirs. */
  function otherOrganisation(request: FastifyRequest, field: string, refused: IdeaBankWrite<unknown> & { ok: false }): FieldError {
    const it = texts(request);
    const names = refused.staffOf.map((o) => `«${o.name}»`).join(` ${it.writeRefusal.or} `);
    return { field, message: it.writeRefusal.otherOrganisation(names) };
  }

  const emptyForm = (): SolutionFormValues => ({
    title: '',
    summary: '',
    description: '',
    titleEn: '',
    summaryEn: '',
    descriptionEn: '',
    organisationName: '',
    unitName: '',
    contactName: '',
    contactEmail: '',
    tags: '',
    status: '',
    year: '',
  });
  const currentYear = () => Number(isoInCopenhagen(clock.now()).slice(0, 4));

  app.get('/idebank/ny', { config: { access: 'signed-in' } }, async (request, reply) => {
    const may = await mayWriteToIdeaBank(db, request.actor);
    if (!may.ok) return refuseWrite(request, reply, may.reason);
    const ctx = pageContext(request);
    return sendPage(
      reply,
      200,
      SolutionFormPage({ ctx, it: ideaBankTexts(ctx.locale), csrf: csrfToken(reply), solutionId: null, values: emptyForm(), errors: [], similar: [] }),
    );
  });

  app.post('/idebank/ny', { config: { access: 'signed-in' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return sendErrorPage(request, reply, 401, 'signInRequired');
    const may = await mayWriteToIdeaBank(db, actor);
    if (!may.ok) return refuseWrite(request, reply, may.reason);
    const ctx = pageContext(request);
    const it = ideaBankTexts(ctx.locale);
    const values = solutionFormValues(request.body);
    const { input, errors } = checkSolutionForm(values, it, currentYear());
    const result = input ? await createSolution({ db, actor, input, now: clock.now() }) : null;
    if (result?.ok) return reply.redirect(`/idebank/loesninger/${result.value}`, 303);
    if (result && result.reason !== 'other-organisation') return refuseWrite(request, reply, result.reason);
    const shown = result ? [otherOrganisation(request, 'organisationName', result)] : errors;
    const similar = await similarSolutions(db, `${values.title} ${values.summary}`);
    return sendPage(reply, 400, SolutionFormPage({ ctx, it, csrf: csrfToken(reply), solutionId: null, values, errors: shown, similar }));
  });

  /** The solution, when the visitor may edit it; otherwise the answer has been sent. */
  async function editable(request: FastifyRequest<{ Params: { solutionId: string } }>, reply: FastifyReply): Promise<SolutionRow | null> {
    const id = parseId(request.params.solutionId);
    const s = id === null ? null : await findSolution(db, id);
    if (!s) {
      sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    if (!canEditSolution(request.actor, s).ok) {
      request.log.info({ solutionId: s.id }, 'solution edit refused: not the owner');
      sendErrorPage(request, reply, 403, 'forbidden');
      return null;
    }
    return s;
  }

  app.get<{ Params: { solutionId: string }; Querystring: { billedfejl?: string; alt?: string; billede?: string } }>(
    '/idebank/loesninger/:solutionId/rediger',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const s = await editable(request, reply);
      if (!s) return reply;
      const ctx = pageContext(request);
      const it = ideaBankTexts(ctx.locale);
      const code = IMAGE_ERROR_CODES.find((c) => c === request.query.billedfejl) ?? null;
      const imageError = code ? { field: code === 'alt-missing' || code === 'alt-too-long' ? 'alt' : 'billede', message: it.images.errors[code] } : null;
      const images = {
        list: await listSolutionImages(db, s.id),
        error: imageError,
        alt: typeof request.query.alt === 'string' ? request.query.alt.slice(0, 300) : '',
        added: request.query.billede === 'tilfoejet',
      };
      const values: SolutionFormValues = {
        title: s.title,
        summary: s.summary,
        description: s.description,
        titleEn: s.titleEn ?? '',
        summaryEn: s.summaryEn ?? '',
        descriptionEn: s.descriptionEn ?? '',
        organisationName: s.organisationName,
        unitName: s.unitName,
        contactName: s.contactName,
        contactEmail: s.contactEmail,
        tags: s.tags.join(', '),
        status: s.status,
        year: String(s.year),
      };
      const similar = await similarSolutions(db, `${s.title} ${s.summary}`, 5, s.id);
      return sendPage(
        reply,
        200,
        SolutionFormPage({ ctx, it, csrf: csrfToken(reply), solutionId: s.id, originalTitle: s.title, values, errors: [], similar, images }),
      );
    },
  );

  app.post<{ Params: { solutionId: string } }>(
    '/idebank/loesninger/:solutionId/rediger',
    { config: { access: 'signed-in' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const s = await editable(request, reply);
      if (!s) return reply;
      const ctx = pageContext(request);
      const it = ideaBankTexts(ctx.locale);
      const values = solutionFormValues(request.body);
      const { input, errors } = checkSolutionForm(values, it, currentYear());
      if (!input) {
        const similar = await similarSolutions(db, `${values.title} ${values.summary}`, 5, s.id);
        const images = { list: await listSolutionImages(db, s.id), error: null, alt: '', added: false };
        return sendPage(
          reply,
          400,
          SolutionFormPage({ ctx, it, csrf: csrfToken(reply), solutionId: s.id, originalTitle: s.title, values, errors, similar, images }),
        );
      }
      const result = await updateSolution({ db, actor: request.actor, solutionId: s.id, input, now: clock.now() });
      if (!result.ok) {
        if (result.reason !== 'other-organisation') return refuseWrite(request, reply, result.reason);
        const similar = await similarSolutions(db, `${values.title} ${values.summary}`, 5, s.id);
        const images = { list: await listSolutionImages(db, s.id), error: null, alt: '', added: false };
        const shown = [otherOrganisation(request, 'organisationName', result)];
        return sendPage(
          reply,
          400,
          SolutionFormPage({ ctx, it, csrf: csrfToken(reply), solutionId: s.id, originalTitle: s.title, values, errors: shown, similar, images }),
        );
      }
      return reply.redirect(`/idebank/loesninger/${s.id}`, 303);
    },
  );

  // An administrator of the nomination's organisation puts it in the idea bank (see README).
  async function linkPage(request: FastifyRequest<{ Params: { nominationId: string } }>, reply: FastifyReply, status: number, errors: FieldError[]) {
    const id = parseId(request.params.nominationId);
    const n = id === null ? null : await findNominationForBank(db, id);
    if (!n) return sendErrorPage(request, reply, 404, 'notFound');
    if (!(await mayAdminister(request, reply, n.organisationId))) return reply;
    const ctx = pageContext(request);
    const may = mayEnterIdeaBank(n);
    const link = await findLink(db, n.id, 'nominated');
    const linked = link ? await findSolution(db, link.solutionId) : null;
    const [candidates, originCandidates, origin] = await Promise.all([
      similarSolutions(db, `${n.title} ${n.summary}`),
      n.asksOrigin ? similarSolutions(db, `${n.title} ${n.summary} ${n.originOrganisation} ${n.originDescription}`) : Promise.resolve([]),
      originSolutionOf(db, n.id),
    ]);
    return sendPage(
      reply,
      status,
      NominationLinkPage({
        ctx,
        it: ideaBankTexts(ctx.locale),
        csrf: csrfToken(reply),
        nomination: n,
        notReady: may.ok ? null : may.reason,
        linked: linked ? { id: linked.id, title: linked.title } : null,
        origin,
        candidates,
        originCandidates,
        errors,
      }),
    );
  }

  app.get<{ Params: { nominationId: string } }>('/idebank/indstillinger/:nominationId', { config: { access: 'admin' } }, async (request, reply) =>
    linkPage(request, reply, 200, []),
  );

  app.post<{ Params: { nominationId: string } }>(
    '/idebank/indstillinger/:nominationId',
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const id = parseId(request.params.nominationId);
      const n = id === null ? null : await findNominationForBank(db, id);
      if (!n) return sendErrorPage(request, reply, 404, 'notFound');
      if (!(await mayAdminister(request, reply, n.organisationId))) return reply;
      const it = texts(request);
      const raw = (request.body as Record<string, unknown> | undefined)?.loesning;
      const target = raw === 'ny' ? 'new' : typeof raw === 'string' ? parseId(raw) : null;
      if (target === null) return linkPage(request, reply, 400, [{ field: 'loesning', message: it.link.errors.choice }]);
      const result = await addNominationToIdeaBank({ db, actor: request.actor, nominationId: n.id, target, now: clock.now() });
      if (result.ok) return reply.redirect(`/idebank/loesninger/${result.solutionId}`, 303);
      if (result.reason === 'no-such-solution') return linkPage(request, reply, 400, [{ field: 'loesning', message: it.link.errors.noSuchSolution }]);
      return linkPage(request, reply, 409, []);
    },
  );

  app.post<{ Params: { nominationId: string } }>(
    '/idebank/indstillinger/:nominationId/oprindelse',
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const id = parseId(request.params.nominationId);
      const n = id === null ? null : await findNominationForBank(db, id);
      if (!n) return sendErrorPage(request, reply, 404, 'notFound');
      if (!(await mayAdminister(request, reply, n.organisationId))) return reply;
      const raw = (request.body as Record<string, unknown> | undefined)?.oprindelse;
      const solutionId = raw === 'ingen' ? null : typeof raw === 'string' ? parseId(raw) : undefined;
      if (solutionId === undefined) return linkPage(request, reply, 400, [{ field: 'oprindelse', message: texts(request).link.errors.noSuchSolution }]);
      const result = await setNominationOrigin({ db, actor: request.actor, nominationId: n.id, solutionId, now: clock.now() });
      if (!result.ok) return linkPage(request, reply, 400, [{ field: 'oprindelse', message: texts(request).link.errors.noSuchSolution }]);
      return reply.redirect(`/idebank/indstillinger/${n.id}`, 303);
    },
  );
}

export type { SearchQuery };
