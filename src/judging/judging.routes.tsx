import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { isChairOf, isMemberOf } from '../accounts/index.js';
import { mayAdminister } from '../platform/http.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import type { FieldError } from '../platform/ui/index.js';
import { judgingTexts, ruleText } from './i18n.js';
import { findCommitteeMember, findJudgingEdition } from './judging.repo.js';
import { judgingApi } from './judging.api.js';
import { loadCommitteeOverview, startOverviewReads } from './overview.service.js';
import {
  COMMENT_MAX,
  CONFLICT_REASON_MAX,
  decideConflict,
  loadMemberEdition,
  loadReviewPage,
  saveReview,
  type ConflictAction,
  type ReviewPage,
} from './review.service.js';
import { decideShortlist, loadShortlistPage } from './shortlist.service.js';
import { closeReviewEarly } from './review-closure.service.js';
import { conflictRefusalText, errorPageOf, JUDGING_REFUSALS, type ConflictRefusal, type JudgingRefusal } from './refusals.js';
import { pageStatus } from '../platform/errors.js';
import { AdminOverviewPage, MemberOverviewPage, parseCommentsBy, parseSort } from './views/overview-page.js';
import { MemberListPage, ReviewFormPage, type ReviewFormState } from './views/review-pages.js';
import { ShortlistPage, type ShortlistForm } from './views/shortlist-page.js';
import { parseId, sendPage } from '../platform/http.js';
import { judgingUrls as urls } from './urls.js';

const CONFLICT_ACTIONS: Record<string, ConflictAction> = { erklaer: 'declare', bekraeft: 'confirm', afvis: 'dismiss' };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The form as saved: the member's scores and comment. */
function savedForm(page: ReviewPage, notice: string | null): ReviewFormState {
  const values: Record<string, string> = {};
  for (const [c, v] of page.review?.scores ?? []) values[String(c)] = String(v);
  return { values, comment: page.review?.comment ?? '', errors: [], refusal: null, notice, conflictReason: '' };
}

/**
 * The committee's pages under /bedoemmelse/udgaver/:editionId (members of the edition's
 * committee only: 403 for anyone else, whether or not the edition exists) and the
 * administrators' overview at /admin/udgaver/:editionId/bedoemmelse.
 */
export async function judgingRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  /** The anonymous overview's labels: a random order per edition from the server secret. */
  const anonymiseIf = (anonymous: boolean) => (anonymous ? { secret: deps.ballotKey } : false);
  // The same overview as JSON for the admin API (bearer token).
  await app.register(judgingApi, deps);
  /** The edition id when the actor sits in its committee; otherwise the page is answered (404/403) and null returned. */
  const committeeEdition = async (request: FastifyRequest<{ Params: { editionId: string } }>, reply: FastifyReply): Promise<number | null> => {
    const editionId = parseId(request.params.editionId);
    if (editionId === null) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    const allowed = isMemberOf(request.actor, editionId, 'committee');
    if (!allowed.ok) {
      request.log.info({ editionId, reason: allowed.reason }, 'committee page refused');
      await sendErrorPage(request, reply, 403, 'forbidden');
      return null;
    }
    return editionId;
  };
  /** The committee's edition and the nomination from the URL; otherwise the 404 or 403 page is sent and null returned. */
  const committeeNomination = async (
    request: FastifyRequest<{ Params: { editionId: string; nominationId: string } }>,
    reply: FastifyReply,
  ): Promise<{ editionId: number; nominationId: number } | null> => {
    const editionId = await committeeEdition(request, reply);
    if (editionId === null) return null;
    const nominationId = parseId(request.params.nominationId);
    if (nominationId === null) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    return { editionId, nominationId };
  };
  const userId = (request: FastifyRequest) => (request.actor.kind === 'user' ? request.actor.user.id : 0);
  /**
   * A refusal answered by an error page, its status from the module's one table: a member of
   * another edition gets 403; a nomination that is not there (or not in review), 404.
   */
  const sendRefusalPage = (request: FastifyRequest, reply: FastifyReply, reason: JudgingRefusal & ('not-member' | 'not-chair' | 'not-found')) =>
    sendErrorPage(request, reply, JUDGING_REFUSALS[reason].status, errorPageOf(reason)!);

  app.get<{ Params: { editionId: string } }>(urls.review.pattern, { config: { access: 'member' } }, async (request, reply) => {
    const editionId = await committeeEdition(request, reply);
    if (editionId === null) return reply;
    const page = await loadMemberEdition(db, editionId, userId(request), clock.now());
    if (!page) return sendErrorPage(request, reply, 403, 'forbidden');
    return sendPage(reply, 200, MemberListPage({ ctx: pageContext(request), page }));
  });

  app.get<{ Params: { editionId: string; nominationId: string }; Querystring: Record<string, unknown> }>(
    urls.reviewNomination.pattern,
    { config: { access: 'member' } },
    async (request, reply) => {
      const ids = await committeeNomination(request, reply);
      if (!ids) return reply;
      const { editionId, nominationId } = ids;
      const page = await loadReviewPage(db, editionId, nominationId, userId(request), clock.now());
      if (typeof page === 'string') return sendRefusalPage(request, reply, page);
      const ctx = pageContext(request);
      const j = judgingTexts(ctx.locale);
      const q = request.query.gemt;
      const notice = q === 'komplet' ? j.savedComplete : q === '1' ? j.saved : q === 'inhabil' ? j.conflictSaved : q === 'afvist' ? j.flagDismissedSaved : null;
      return sendPage(reply, 200, ReviewFormPage({ ctx, csrf: csrfToken(reply), page, form: savedForm(page, notice) }));
    },
  );

  app.post<{ Params: { editionId: string; nominationId: string } }>(
    urls.reviewNomination.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const ids = await committeeNomination(request, reply);
      if (!ids) return reply;
      const { editionId, nominationId } = ids;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const scores: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body)) {
        const m = /^point-(\d{1,10})$/.exec(k);
        // A repeated field (two values for one criterion) is not a number.
        if (m) scores[m[1]!] = v;
      }
      const comment = text(body.kommentar);
      const result = await saveReview({ db, actor: request.actor, editionId, nominationId, userId: userId(request), scores, comment, now: clock.now() });
      if (result.ok) return reply.redirect(urls.reviewNomination({ editionId, nominationId }, { gemt: result.complete ? 'komplet' : '1' }), 303);
      if (result.reason !== 'refused' && result.reason !== 'invalid') return sendRefusalPage(request, reply, result.reason);
      const page = await loadReviewPage(db, editionId, nominationId, userId(request), clock.now());
      if (typeof page === 'string') return sendRefusalPage(request, reply, page);
      const ctx = pageContext(request);
      const j = judgingTexts(ctx.locale);
      // What was sent is shown back, whatever the outcome: nothing the member typed is lost.
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(scores)) values[k] = typeof v === 'string' ? v.trim() : '';
      const form: ReviewFormState = { values, comment, errors: [], refusal: null, notice: null, conflictReason: '' };
      const { min, max } = { min: page.edition.scoreScaleMin, max: page.edition.scoreScaleMax };
      if (result.reason === 'refused') {
        form.refusal = j.scoreRefusal[result.refusal];
        return sendPage(reply, pageStatus(JUDGING_REFUSALS[result.refusal]), ReviewFormPage({ ctx, csrf: csrfToken(reply), page, form }));
      }
      const titles = new Map(page.criteria.map((c) => [c.id, c.title]));
      // Each score's message belongs to its group of radio buttons, linked by its first button.
      const errors: FieldError[] = result.problems.map((p) => ({
        field: `score-${p.criterionId}-${min}`,
        message: (p.problem === 'out-of-scale' ? j.errorOutOfScale : j.errorNotNumber)(titles.get(p.criterionId) ?? '', min, max),
      }));
      if (result.commentTooLong) errors.push({ field: 'comment', message: j.errorCommentTooLong(COMMENT_MAX) });
      form.errors = errors;
      return sendPage(reply, pageStatus(JUDGING_REFUSALS[result.reason]), ReviewFormPage({ ctx, csrf: csrfToken(reply), page, form }));
    },
  );

  app.post<{ Params: { editionId: string; nominationId: string } }>(
    urls.conflict.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const ids = await committeeNomination(request, reply);
      if (!ids) return reply;
      const { editionId, nominationId } = ids;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const action = CONFLICT_ACTIONS[text(body.handling)] ?? null;
      const reason = text(body.begrundelse);
      const ctx = pageContext(request);
      const j = judgingTexts(ctx.locale);
      // No action chosen is answered as a declaration without its reason.
      let refused: Exclude<ConflictRefusal, 'not-member' | 'not-found'> = 'reason-required';
      if (action) {
        const result = await decideConflict({ db, actor: request.actor, editionId, nominationId, userId: userId(request), action, reason, now: clock.now() });
        if (result.ok) return reply.redirect(urls.reviewNomination({ editionId, nominationId }, { gemt: action === 'dismiss' ? 'afvist' : 'inhabil' }), 303);
        if (result.reason === 'not-member' || result.reason === 'not-found') return sendRefusalPage(request, reply, result.reason);
        refused = result.reason;
      }
      const message = conflictRefusalText(j, refused, CONFLICT_REASON_MAX);
      const status = pageStatus(JUDGING_REFUSALS[refused]);
      const page = await loadReviewPage(db, editionId, nominationId, userId(request), clock.now());
      if (typeof page === 'string') return sendRefusalPage(request, reply, page);
      const form = savedForm(page, null);
      form.conflictReason = reason;
      form.errors = [
        // A pending flag shows no reason field: the message then leads to the section's heading.
        { field: page.conflict?.status === 'pending' ? 'conflict-heading' : 'conflict-reason', message },
      ];
      return sendPage(reply, status, ReviewFormPage({ ctx, csrf: csrfToken(reply), page, form }));
    },
  );

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.memberOverview.pattern,
    { config: { access: 'member' } },
    async (request, reply) => {
      const editionId = await committeeEdition(request, reply);
      if (editionId === null) return reply;
      const member = await findCommitteeMember(db, editionId, userId(request));
      if (!member) return sendErrorPage(request, reply, 403, 'forbidden');
      const anonymous = request.query.anonym === '1';
      const data = await loadCommitteeOverview(db, editionId, { anonymise: anonymiseIf(anonymous), viewerMemberId: member.id, now: clock.now() });
      if (!data) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      return sendPage(
        reply,
        200,
        MemberOverviewPage({
          ctx,
          data,
          sort: parseSort(request.query.sorter),
          anonymous,
          path: urls.memberOverview({ editionId }),
          commentsBy: parseCommentsBy(request.query.medlem),
        }),
      );
    },
  );

  const shortlistPage = async (request: FastifyRequest, reply: FastifyReply, editionId: number, status: number, form: ShortlistForm) => {
    const member = await findCommitteeMember(db, editionId, userId(request));
    if (!member) return sendErrorPage(request, reply, 403, 'forbidden');
    const data = await loadShortlistPage(db, editionId, member.id, clock.now());
    if (!data) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, status, ShortlistPage({ ctx: pageContext(request), csrf: csrfToken(reply), data, isChair: member.isChair, form }));
  };

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.shortlist.pattern,
    { config: { access: 'member' } },
    async (request, reply) => {
      const editionId = await committeeEdition(request, reply);
      if (editionId === null) return reply;
      const closed = typeof request.query.lukket === 'string' && /^\d{1,4}$/.test(request.query.lukket) ? Number(request.query.lukket) : null;
      return shortlistPage(request, reply, editionId, 200, { chosen: null, errors: [], saved: request.query.gemt === '1', closedNotified: closed });
    },
  );

  app.post<{ Params: { editionId: string } }>(
    urls.shortlist.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await committeeEdition(request, reply);
      if (editionId === null) return reply;
      if (!isChairOf(request.actor, editionId).ok) {
        request.log.info({ editionId }, 'shortlist refused: not the chair');
        return sendErrorPage(request, reply, 403, 'forbidden');
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      const raw = body.nominerede === undefined ? [] : Array.isArray(body.nominerede) ? body.nominerede : [body.nominerede];
      const ids = raw.map((v) => (typeof v === 'string' ? parseId(v) : null));
      const ctx = pageContext(request);
      const j = judgingTexts(ctx.locale);
      const edition = await findJudgingEdition(db, editionId);
      if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
      const chosen = ids.filter((id): id is number => id !== null);
      let message: string;
      let status = 400;
      if (ids.some((id) => id === null)) {
        message = j.errorNotEligible;
      } else {
        const result = await decideShortlist({ db, actor: request.actor, editionId, nominationIds: chosen, now: clock.now() });
        if (result.ok) return reply.redirect(urls.shortlist({ editionId }, { gemt: 1 }), 303);
        if (result.reason === 'not-chair' || result.reason === 'not-found') return sendRefusalPage(request, reply, result.reason);
        status = pageStatus(JUDGING_REFUSALS[result.reason]);
        if (result.reason === 'wrong-size') message = j.errorWrongSize(ruleText(j, edition.nomineeCountMin, edition.nomineeCountMax), chosen.length);
        else message = j.refusal[result.reason];
      }
      return shortlistPage(request, reply, editionId, status, { chosen, errors: [{ field: 'nominees', message }], saved: false });
    },
  );

  app.post<{ Params: { editionId: string } }>(
    urls.closeReview.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await committeeEdition(request, reply);
      if (editionId === null) return reply;
      if (!isChairOf(request.actor, editionId).ok) {
        request.log.info({ editionId }, 'closing the review refused: not the chair');
        return sendErrorPage(request, reply, 403, 'forbidden');
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      const j = judgingTexts(pageContext(request).locale);
      if (body.bekraeft !== 'ja')
        return shortlistPage(request, reply, editionId, 400, {
          chosen: null,
          errors: [{ field: 'close-confirm', message: j.errorCloseConfirm }],
          saved: false,
        });
      const result = await closeReviewEarly({ db, actor: request.actor, editionId, now: clock.now(), publicBaseUrl: deps.publicBaseUrl });
      if (result.ok) return reply.redirect(urls.shortlist({ editionId }, { lukket: result.notified }), 303);
      if (result.reason === 'not-chair' || result.reason === 'not-found') return sendRefusalPage(request, reply, result.reason);
      return shortlistPage(request, reply, editionId, pageStatus(JUDGING_REFUSALS[result.reason]), {
        chosen: null,
        errors: [{ field: 'close-confirm', message: j.refusal[result.reason] }],
        saved: false,
      });
    },
  );

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.adminOverview.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const editionId = parseId(request.params.editionId);
      if (editionId === null) return sendErrorPage(request, reply, 404, 'notFound');
      // The overview's reads start with the edition's, before the check that needs the edition
      // (startOverviewReads says why); nothing is written or shown before the check.
      const reads = startOverviewReads(db, editionId);
      const edition = await reads.edition;
      if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
      if (!(await mayAdminister(request, reply, edition.organisationId))) return reply;
      const anonymous = request.query.anonym === '1';
      const data = await loadCommitteeOverview(db, editionId, { anonymise: anonymiseIf(anonymous), now: clock.now(), reads });
      if (!data) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      return sendPage(
        reply,
        200,
        AdminOverviewPage({
          ctx,
          csrf: csrfToken(reply),
          data,
          sort: parseSort(request.query.sorter),
          anonymous,
          path: urls.adminOverview({ editionId }),
          commentsBy: parseCommentsBy(request.query.medlem),
        }),
      );
    },
  );
}
