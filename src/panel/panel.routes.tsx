import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { isChairOf, isMemberOf } from '../accounts/index.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import { formatInstant } from '../platform/time.js';
import { placesOf, readBallotForm } from './ballot.js';
import { castBallot, getBallotPage, type BallotPage } from './ballot.service.js';
import { panelTexts } from './i18n.js';
import { BallotCheckPage, BallotFormPage, BallotReceiptPage, PanelMessagePage, ballotErrors } from './views/ballot-pages.js';
import { WinnerDecisionPage, type WinnerForm } from './views/winner-page.js';
import { getWinnerPage, recordWinnerDecision } from './winner.service.js';
import { parseId, sendPage } from '../platform/http.js';
import { panelUrls as urls } from './urls.js';

type EditionRequest = FastifyRequest<{ Params: { editionId: string } }>;

/**
 * The patient panel's ballot (ranking, "Tjek din rangering", receipt) under
 * /panel/udgaver/:editionId, and the chair's winner decision under
 * /bedoemmelse/udgaver/:editionId/vinder. The route gate lets in any member; each route then
 * checks the membership of this edition (403 whether or not the edition exists).
 */
export async function panelRoutes(app: FastifyInstance, { db, clock, ballotKey }: AppDeps) {
  /** The ballot page of an active panel member of the edition; otherwise the 404 or 403 page is sent and null returned. */
  const ballotFor = async (request: EditionRequest, reply: FastifyReply): Promise<BallotPage | null> => {
    const editionId = parseId(request.params.editionId);
    if (editionId === null) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    const actor = request.actor;
    const page =
      isMemberOf(actor, editionId, 'panel').ok && actor.kind === 'user' ? await getBallotPage(db, ballotKey, editionId, actor.user.id, clock.now()) : null;
    if (!page) {
      request.log.info({ editionId }, 'panel member refused for another edition');
      await sendErrorPage(request, reply, 403, 'forbidden');
      return null;
    }
    return page;
  };

  /** The notice for a ballot page when voting is not open (or nothing to rank); null when the form may be shown. */
  const notice = (request: FastifyRequest, page: BallotPage, posted: boolean): JSX.Element | null => {
    const ctx = pageContext(request);
    const p = panelTexts(ctx.locale);
    const fmt = (d: Date) => formatInstant(d, ctx.locale);
    const w = page.window;
    if (w.state === 'no-panel') return PanelMessagePage({ ctx, page, title: p.state.noPanelTitle, body: p.state.noPanel });
    if (w.state === 'no-dates') return PanelMessagePage({ ctx, page, title: p.state.notOpenTitle, body: p.state.noDates });
    if (w.state === 'not-open') return PanelMessagePage({ ctx, page, title: p.state.notOpenTitle, body: p.state.notOpen(fmt(w.opensAt)) });
    if (w.state === 'closed') {
      return PanelMessagePage({
        ctx,
        page,
        title: p.state.closedTitle,
        body: posted ? p.state.closedNotSaved(fmt(w.closesAt)) : p.state.closed(fmt(w.closesAt)),
        extra: page.mine ? p.state.votedBefore : undefined,
      });
    }
    if (page.nominees.length === 0) return PanelMessagePage({ ctx, page, title: p.state.noNomineesTitle, body: p.state.noNominees });
    if (page.unchangeable) return PanelMessagePage({ ctx, page, title: p.state.unchangeableTitle, body: p.state.unchangeable(fmt(w.closesAt)) });
    return null;
  };

  app.get<{ Params: { editionId: string } }>(urls.ballot.pattern, { config: { access: 'member' } }, async (request, reply) => {
    const page = await ballotFor(request, reply);
    if (!page) return reply;
    const blocked = notice(request, page, false);
    if (blocked) return sendPage(reply, 200, blocked);
    const places = page.mine ? placesOf(page.mine.ranking) : {};
    return sendPage(reply, 200, BallotFormPage({ ctx: pageContext(request), csrf: csrfToken(reply), page, places, errors: [] }));
  });

  app.post<{ Params: { editionId: string } }>(
    urls.ballotCheck.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const page = await ballotFor(request, reply);
      if (!page) return reply;
      const blocked = notice(request, page, true);
      if (blocked) return sendPage(reply, 409, blocked);
      const ctx = pageContext(request);
      const read = readBallotForm(
        request.body,
        page.nominees.map((n) => n.id),
      );
      const body = (request.body ?? {}) as Record<string, unknown>;
      // "Ret rangering" on the check page: the form again, with the member's choices.
      if (body.handling === 'ret') return sendPage(reply, 200, BallotFormPage({ ctx, csrf: csrfToken(reply), page, places: read.places, errors: [] }));
      if (!read.ranking) {
        const errors = ballotErrors(panelTexts(ctx.locale), page.nominees, read.problems);
        return sendPage(reply, 400, BallotFormPage({ ctx, csrf: csrfToken(reply), page, places: read.places, errors }));
      }
      return sendPage(reply, 200, BallotCheckPage({ ctx, csrf: csrfToken(reply), page, ranking: read.ranking }));
    },
  );

  app.post<{ Params: { editionId: string } }>(urls.vote.pattern, { config: { access: 'member' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const page = await ballotFor(request, reply);
    if (!page) return reply;
    const result = await castBallot({ db, ballotKey, actor: request.actor, editionId: page.edition.id, form: request.body, now: clock.now() });
    if (result.ok) return reply.redirect(urls.ballotReceipt({ editionId: page.edition.id }), 303);
    if (result.reason === 'not-member') return sendErrorPage(request, reply, 403, 'forbidden');
    if (result.reason === 'invalid') {
      const ctx = pageContext(request);
      const errors = ballotErrors(panelTexts(ctx.locale), page.nominees, result.problems);
      return sendPage(reply, 400, BallotFormPage({ ctx, csrf: csrfToken(reply), page, places: result.places, errors }));
    }
    // Voting closed (or is not open, or has nothing to rank): the page says which; nothing was saved.
    const window = result.reason === 'closed' ? { state: 'closed' as const, opensAt: page.edition.votingOpensAt!, closesAt: result.closesAt } : page.window;
    const shown = { ...page, window, nominees: result.reason === 'no-nominees' ? [] : page.nominees };
    return sendPage(reply, 409, notice(request, shown, true) ?? notice(request, { ...shown, nominees: [] }, true)!);
  });

  app.get<{ Params: { editionId: string } }>(urls.ballotReceipt.pattern, { config: { access: 'member' } }, async (request, reply) => {
    const page = await ballotFor(request, reply);
    if (!page) return reply;
    if (!page.mine) return reply.redirect(urls.ballot({ editionId: page.edition.id }), 303);
    return sendPage(reply, 200, BallotReceiptPage({ ctx: pageContext(request), page: { ...page, mine: page.mine } }));
  });

  // ---- the chair's decision on the winner ----

  const chairEdition = async (request: EditionRequest, reply: FastifyReply): Promise<number | null> => {
    const editionId = parseId(request.params.editionId);
    if (editionId === null) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    if (!isChairOf(request.actor, editionId).ok) {
      request.log.info({ editionId }, 'winner decision refused: not the chair of the edition');
      await sendErrorPage(request, reply, 403, 'forbidden');
      return null;
    }
    return editionId;
  };

  const showWinner = async (request: FastifyRequest, reply: FastifyReply, editionId: number, form: WinnerForm, status: number) => {
    const page = await getWinnerPage(db, editionId, clock.now());
    if (!page) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, status, WinnerDecisionPage({ ctx: pageContext(request), csrf: csrfToken(reply), page, form }));
  };

  app.get<{ Params: { editionId: string }; Querystring: { gemt?: string } }>(
    urls.winnerDecision.pattern,
    { config: { access: 'member' } },
    async (request, reply) => {
      const editionId = await chairEdition(request, reply);
      if (editionId === null) return reply;
      return showWinner(request, reply, editionId, { value: '', error: null, saved: request.query.gemt === '1' }, 200);
    },
  );

  app.post<{ Params: { editionId: string } }>(
    urls.winnerDecision.pattern,
    { config: { access: 'member' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await chairEdition(request, reply);
      if (editionId === null) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const raw = typeof body.vinder === 'string' ? body.vinder.slice(0, 20) : '';
      const nominationId = parseId(raw);
      const result = await recordWinnerDecision({ db, actor: request.actor, editionId, nominationId, now: clock.now() });
      if (result.ok) return reply.redirect(urls.winnerDecision({ editionId }, { gemt: 1 }), 303);
      if (result.reason === 'not-found') return sendErrorPage(request, reply, 404, 'notFound');
      if (result.reason === 'not-chair') return sendErrorPage(request, reply, 403, 'forbidden');
      const error = result.reason === 'not-a-choice' ? (raw === '' ? 'required' : result.basis === 'tie-break' ? 'not-in-tie' : 'not-on-shortlist') : 'blocked';
      return showWinner(request, reply, editionId, { value: raw, error, saved: false }, error === 'blocked' ? 409 : 400);
    },
  );
}
