import { readFileSync } from 'node:fs';
import { similarSolutions } from '../ideabank/index.js';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { pageStatus, sendErrorPage } from '../platform/errors.js';
import { hitRateLimit } from '../platform/rate-limit.js';
import { countRemovedAttachments, listAttachments, listSentAttachments } from './attachments/attachments.repo.js';
import { render } from '../platform/ui/index.js';
import { pageContext } from '../platform/page-context.js';
import { formatInstant } from '../platform/time.js';
import { hashToken, looksLikeToken } from '../platform/tokens.js';
import { requireNominationAccess, setAccessCookie } from './access.js';
import { completeErrors, decodeFormBody, emptyFields, readStep, STEPS, stepErrors, type FieldError, type NominationFields, type Step } from './form.js';
import { nominationTexts } from './i18n.js';
import {
  canNominate,
  emailDraftLink,
  nominatorFieldsOf,
  loadEditionForForm,
  recordConsent,
  renewAccessToken,
  saveNomination,
  sendNomination,
  startNomination,
  withdrawNomination,
  type EditionForForm,
} from './nomination.service.js';
import { nominationAsText } from './nomination-text.js';
import { receiptPdfFileName, renderReceiptPdf } from './receipt-pdf.js';
import {
  findEditionIdByAwardYear,
  findNominationByAccessHash,
  findNominationByConsentHash,
  findNominationById,
  type NominationRow,
} from './nominations.repo.js';
import { NOMINATION_REFUSALS } from './refusals.js';
import { CheckPage, ClosedDraftPage, ConsentPage, ReceiptPage, StartPage, StepPage, WithdrawPage, type NoticeData } from './views/nomination-pages.js';
import { nominationsUrls as urls } from './urls.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const YEAR = /^\d{4}$/;

const html = (reply: FastifyReply, body: JSX.Element, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(body));

type Body = Record<string, unknown>;

function bodyOf(request: FastifyRequest): Body {
  return request.body && typeof request.body === 'object' ? (request.body as Body) : {};
}

function versionOf(body: Body): number | null {
  const v = body.version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null;
}

/**
 * The nomination flow: start page, question pages, "Tjek dine svar", receipt, changes and
 * withdrawal through the private link, and the nominee's consent page. Works without JS.
 */
export async function nominationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  // The e-mails a request causes go out in the language of its page (src/messages).
  const mailOf = (request: FastifyRequest) => ({ baseUrl: deps.publicBaseUrl, language: pageContext(request).locale });
  const paths = {
    start: (e: EditionForForm) => urls.start({ slug: e.award.slug, year: e.edition.year }),
    step: (id: number, step: Step | 'tjek') => urls.step({ id, step }),
    receipt: (id: number) => urls.receipt({ id }),
  };

  async function editionByPath(slug: string, year: string) {
    if (!SLUG.test(slug) || !YEAR.test(year)) return null;
    const id = await findEditionIdByAwardYear(db, slug, Number(year));
    return id === null ? null : loadEditionForForm(db, id);
  }

  const withAccess = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => requireNominationAccess(db, request, reply);

  const noAccess = (request: FastifyRequest, reply: FastifyReply) => {
    request.log.info('nomination access refused');
    return sendErrorPage(request, reply, 403, 'forbidden');
  };

  const tooManyNotice = (request: FastifyRequest): NoticeData => {
    const e = pageContext(request).t.errors;
    return { variant: 'error', heading: e.tooManyTitle, body: `${e.tooManyBody} ${nominationTexts(pageContext(request).locale).tooManyKept}` };
  };

  function parseStep(raw: string): Step | null {
    return (STEPS as readonly string[]).includes(raw) ? (raw as Step) : null;
  }

  // The word count module, served to the browser exactly as the server runs it.
  const wordCountFile = readFileSync(fileURLToPath(new URL('./word-count.js', import.meta.url)), 'utf8');
  app.get('/static/js/word-count.js', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(wordCountFile),
  );

  // --- Start ---------------------------------------------------------------------------

  app.get<{ Params: { slug: string; year: string } }>(urls.start.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const edition = await editionByPath(request.params.slug, request.params.year);
    if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
    const ctx = pageContext(request);
    const window = canNominate(edition.timeline, clock.now());
    return html(
      reply,
      <StartPage
        ctx={ctx}
        t={nominationTexts(ctx.locale)}
        edition={edition}
        state={window.ok ? 'open' : window.reason}
        startHref={urls.firstStep({ slug: edition.award.slug, year: edition.edition.year })}
      />,
    );
  });

  const renderStep = (
    request: FastifyRequest,
    reply: FastifyReply,
    a: {
      edition: EditionForForm;
      step: Step;
      fields: NominationFields;
      errors: FieldError[];
      nomination: NominationRow | null;
      notice?: NoticeData;
      status?: number;
      version?: number;
    },
  ) => {
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    const n = a.nomination;
    const index = STEPS.indexOf(a.step);
    const back = index === 0 ? (n ? paths.step(n.id, 'tjek') : paths.start(a.edition)) : n ? paths.step(n.id, STEPS[index - 1]!) : paths.start(a.edition);
    return html(
      reply,
      <StepPage
        ctx={ctx}
        t={t}
        edition={a.edition}
        step={a.step}
        fields={a.fields}
        errors={a.errors}
        action={n ? paths.step(n.id, a.step) : urls.firstStep({ slug: a.edition.award.slug, year: a.edition.edition.year })}
        csrf={reply.generateCsrf()}
        version={n ? (a.version ?? n.version) : null}
        stepHref={n ? (s) => paths.step(n.id, s) : undefined}
        notice={a.notice}
        backHref={back}
        isSent={n?.status === 'sent'}
      />,
      a.status ?? (a.errors.length ? 400 : 200),
    );
  };

  const closedNotice = (request: FastifyRequest, edition: EditionForForm, reason: 'not-open-yet' | 'deadline-passed') => {
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    const name = `${edition.award.name} ${edition.edition.year}`;
    return reason === 'not-open-yet'
      ? { variant: 'info' as const, heading: t.refusals[reason], body: t.opensAt(formatInstant(edition.timeline!.opensAt, ctx.locale)) }
      : { variant: 'warning' as const, heading: t.refusals[reason], body: t.closedNotice(name) };
  };

  app.get<{ Params: { slug: string; year: string } }>(urls.firstStep.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const edition = await editionByPath(request.params.slug, request.params.year);
    if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
    const window = canNominate(edition.timeline, clock.now());
    if (!window.ok) return reply.redirect(paths.start(edition), 303);
    return renderStep(request, reply, { edition, step: 'om-dig', fields: emptyFields(), errors: [], nomination: null });
  });

  app.post<{ Params: { slug: string; year: string } }>(
    urls.firstStep.pattern,
    { config: { access: 'public' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const edition = await editionByPath(request.params.slug, request.params.year);
      if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
      const body = bodyOf(request);
      const fields = readStep('om-dig', decodeFormBody(body), emptyFields(), edition.form);
      const limited = await hitRateLimit(db, deps.rateLimits.nominationStart, `ip:${request.ip}`, clock.now());
      if (!limited.allowed) {
        reply.header('retry-after', String(limited.retryAfterSeconds));
        return renderStep(request, reply, { edition, step: 'om-dig', fields, errors: [], nomination: null, notice: tooManyNotice(request), status: 429 });
      }
      const started = await startNomination({ db, edition, fields, now: clock.now(), language: pageContext(request).locale });
      if (!started.ok) {
        const status = pageStatus(NOMINATION_REFUSALS[started.reason]);
        if (started.reason === 'too-long')
          return renderStep(request, reply, { edition, step: 'om-dig', fields, errors: started.errors ?? [], nomination: null, status });
        // The window is shut: show the text back so nothing is lost.
        return renderStep(request, reply, {
          edition,
          step: 'om-dig',
          fields,
          errors: [],
          nomination: null,
          notice: closedNotice(request, edition, started.reason),
          status,
        });
      }
      setAccessCookie(reply, started.nomination.id, started.token);
      return afterSave(request, reply, { edition, nomination: started.nomination, token: started.token, step: 'om-dig', action: body.handling });
    },
  );

  /** After a step is saved: e-mail the link ("Gem kladde"), or check the step and go on. */
  async function afterSave(
    request: FastifyRequest,
    reply: FastifyReply,
    a: { edition: EditionForForm; nomination: NominationRow; token: string; step: Step; action: unknown },
  ) {
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    const fields = nominatorFieldsOf(a.nomination);
    if (a.action === 'gem') {
      const sent = await emailDraftLink({ db, edition: a.edition, nomination: a.nomination, token: a.token, now: clock.now(), mail: mailOf(request) });
      const notice: NoticeData = sent.ok
        ? { variant: 'success', heading: t.draftSaved, body: t.draftSavedBody(a.nomination.nominatorEmail) }
        : { variant: 'info', heading: t.draftSaved, body: t.draftSavedNoEmail };
      return renderStep(request, reply, { edition: a.edition, step: a.step, fields, errors: [], nomination: a.nomination, notice });
    }
    // "Tilføj bilag": the text is saved; the attachments page does not need the step complete.
    if (a.action === 'bilag') return reply.redirect(urls.attachments({ id: a.nomination.id }), 303);
    const errors = stepErrors(a.step, fields, a.edition.form);
    if (errors.length) return renderStep(request, reply, { edition: a.edition, step: a.step, fields, errors, nomination: a.nomination });
    const next = STEPS[STEPS.indexOf(a.step) + 1];
    const incomplete = completeErrors(fields, a.edition.form);
    // Changing a sent nomination, or everything already filled in: straight to the check page.
    const goTo = !next || a.nomination.status === 'sent' || incomplete.length === 0 ? 'tjek' : next;
    return reply.redirect(paths.step(a.nomination.id, goTo), 303);
  }

  // --- Private link ----------------------------------------------------------------------

  app.get<{ Params: { token: string } }>(urls.privateLink.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const { token } = request.params;
    const nomination = looksLikeToken(token) ? await findNominationByAccessHash(db, hashToken(token)) : null;
    if (!nomination) return noAccess(request, reply);
    setAccessCookie(reply, nomination.id, token);
    return reply.redirect(urls.nomination({ id: nomination.id }), 303);
  });

  app.get<{ Params: { id: string } }>(urls.nomination.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const { nomination, edition } = a;
    if (nomination.status !== 'draft') return reply.redirect(paths.receipt(nomination.id), 303);
    if (!canNominate(edition.timeline, clock.now()).ok) return reply.redirect(urls.closedDraft({ id: nomination.id }), 303);
    const incomplete = completeErrors(nominatorFieldsOf(nomination), edition.form);
    return reply.redirect(paths.step(nomination.id, incomplete[0]?.step ?? 'tjek'), 303);
  });

  // --- Question pages ----------------------------------------------------------------------

  app.get<{ Params: { id: string; step: string } }>(urls.step.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const step = parseStep(request.params.step);
    if (!step) return reply.callNotFound();
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const { nomination, edition } = a;
    if (nomination.status === 'withdrawn') return reply.redirect(paths.receipt(nomination.id), 303);
    if (!canNominate(edition.timeline, clock.now()).ok) return reply.redirect(urls.closedDraft({ id: nomination.id }), 303);
    return renderStep(request, reply, { edition, step, fields: nominatorFieldsOf(nomination), errors: [], nomination });
  });

  app.post<{ Params: { id: string; step: string } }>(
    urls.step.pattern,
    { config: { access: 'nominator' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const step = parseStep(request.params.step);
      if (!step) return reply.callNotFound();
      const a = await withAccess(request, reply);
      if (!a) return reply;
      const { edition, token } = a;
      const body = bodyOf(request);
      const typed = readStep(step, decodeFormBody(body), nominatorFieldsOf(a.nomination), edition.form);
      const expected = versionOf(body) ?? a.nomination.version;
      const saved = await saveNomination({
        db,
        edition,
        nomination: a.nomination,
        fields: typed,
        expectedVersion: expected,
        now: clock.now(),
        language: pageContext(request).locale,
      });
      const ctx = pageContext(request);
      const t = nominationTexts(ctx.locale);
      if (!saved.ok) {
        const status = pageStatus(NOMINATION_REFUSALS[saved.reason]);
        if (saved.reason === 'version-conflict') {
          // Show what this tab typed, with the stored version number so a second press saves it.
          return renderStep(request, reply, {
            edition,
            step,
            fields: typed,
            errors: [],
            nomination: saved.current,
            version: saved.current.version,
            notice: { variant: 'warning', heading: t.refusals[saved.reason], body: t.conflictBody },
            status,
          });
        }
        if (saved.reason === 'too-long')
          return renderStep(request, reply, { edition, step, fields: typed, errors: saved.errors ?? [], nomination: a.nomination, status });
        if (saved.reason === 'withdrawn') return reply.redirect(paths.receipt(a.nomination.id), 303);
        // A sent nomination after the deadline: its changes are shown back, not stored.
        return html(
          reply,
          <ClosedDraftPage ctx={ctx} t={t} edition={edition} fields={typed} downloadHref={urls.draftText({ id: a.nomination.id })} sent={true} />,
          status,
        );
      }
      if (!canNominate(edition.timeline, clock.now()).ok && saved.nomination.status === 'draft') {
        // The deadline passed while the form was open: the text is saved as a draft to keep.
        return html(
          reply,
          <ClosedDraftPage
            ctx={ctx}
            t={t}
            edition={edition}
            fields={nominatorFieldsOf(saved.nomination)}
            downloadHref={urls.draftText({ id: a.nomination.id })}
            sent={false}
          />,
          pageStatus(NOMINATION_REFUSALS['deadline-passed']),
        );
      }
      return afterSave(request, reply, { edition, nomination: saved.nomination, token, step, action: body.handling });
    },
  );

  /** Autosave from app.js while typing: JSON in, JSON out; never e-mails. */
  app.post<{ Params: { id: string } }>(urls.autosave.pattern, { config: { access: 'nominator' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const body = bodyOf(request);
    const rawStep = typeof body.step === 'string' ? parseStep(body.step) : null;
    if (!rawStep) return reply.code(400).send({ saved: false, reason: 'unknown-step' });
    const typed = readStep(rawStep, decodeFormBody(body), nominatorFieldsOf(a.nomination), a.edition.form);
    const expected = versionOf(body);
    if (expected === null) return reply.code(400).send({ saved: false, reason: 'version-missing' });
    const saved = await saveNomination({
      db,
      edition: a.edition,
      nomination: a.nomination,
      fields: typed,
      expectedVersion: expected,
      now: clock.now(),
      language: pageContext(request).locale,
    });
    if (!saved.ok) {
      return reply
        .code(NOMINATION_REFUSALS[saved.reason].status)
        .send({ saved: false, reason: saved.reason, version: 'current' in saved ? saved.current.version : undefined });
    }
    return reply.send({ saved: true, version: saved.nomination.version });
  });

  // --- Check and send ------------------------------------------------------------------------

  const renderCheck = async (
    request: FastifyRequest,
    reply: FastifyReply,
    a: { edition: EditionForForm; nomination: NominationRow; notice?: NoticeData; status?: number },
  ) => {
    const attachments = await listAttachments(db, a.nomination.id);
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    const fields = nominatorFieldsOf(a.nomination);
    const incomplete = completeErrors(fields, a.edition.form);
    return html(
      reply,
      <CheckPage
        ctx={ctx}
        t={t}
        edition={a.edition}
        fields={fields}
        incomplete={incomplete}
        stepHref={(s) => paths.step(a.nomination.id, s)}
        action={paths.step(a.nomination.id, 'tjek')}
        csrf={reply.generateCsrf()}
        version={a.nomination.version}
        isSent={a.nomination.status === 'sent'}
        notice={
          a.notice ??
          (a.nomination.workingCopy && a.nomination.workingCopySavedAt
            ? { variant: 'info', heading: t.receipt.pendingHeading, body: t.receipt.pendingBody(formatInstant(a.nomination.workingCopySavedAt, ctx.locale)) }
            : undefined)
        }
        canSend={incomplete.length === 0}
        attachments={attachments}
        removedPending={a.nomination.status === 'sent' ? await countRemovedAttachments(db, a.nomination.id) : 0}
        similar={await similarSolutions(db, `${fields.title} ${fields.summary}`)}
      />,
      a.status ?? 200,
    );
  };

  app.get<{ Params: { id: string } }>(urls.check.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    if (a.nomination.status === 'withdrawn') return reply.redirect(paths.receipt(a.nomination.id), 303);
    if (!canNominate(a.edition.timeline, clock.now()).ok) return reply.redirect(urls.closedDraft({ id: a.nomination.id }), 303);
    return renderCheck(request, reply, a);
  });

  app.post<{ Params: { id: string } }>(urls.check.pattern, { config: { access: 'nominator' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const expected = versionOf(bodyOf(request)) ?? -1;
    const limited = await hitRateLimit(db, deps.rateLimits.nominationSend, `ip:${request.ip}`, clock.now());
    if (!limited.allowed) {
      reply.header('retry-after', String(limited.retryAfterSeconds));
      return renderCheck(request, reply, { ...a, notice: tooManyNotice(request), status: 429 });
    }
    const result = await sendNomination({
      db,
      edition: a.edition,
      nominationId: a.nomination.id,
      expectedVersion: expected,
      now: clock.now(),
      mail: mailOf(request),
      accessToken: a.token,
    });
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    if (result.ok) return reply.redirect(paths.receipt(a.nomination.id), 303);
    const status = pageStatus(NOMINATION_REFUSALS[result.reason]);
    switch (result.reason) {
      case 'incomplete':
        return renderCheck(request, reply, { ...a, status });
      case 'version-conflict': {
        const current = (await findNominationById(db, a.nomination.id))!;
        return renderCheck(request, reply, {
          edition: a.edition,
          nomination: current,
          status,
          notice: { variant: 'warning', heading: t.refusals[result.reason], body: t.conflictBody },
        });
      }
      case 'withdrawn':
        return reply.redirect(paths.receipt(a.nomination.id), 303);
      case 'not-open-yet':
      case 'deadline-passed':
        return html(
          reply,
          <ClosedDraftPage
            ctx={ctx}
            t={t}
            edition={a.edition}
            fields={nominatorFieldsOf(a.nomination)}
            downloadHref={urls.draftText({ id: a.nomination.id })}
            sent={a.nomination.status === 'sent'}
          />,
          status,
        );
      default:
        return sendErrorPage(request, reply, status, 'notFound');
    }
  });

  // --- Receipt, draft after the deadline, withdrawal --------------------------------------

  app.get<{ Params: { id: string } }>(urls.receipt.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const { nomination, edition } = a;
    if (nomination.status === 'draft') return reply.redirect(urls.nomination({ id: nomination.id }), 303);
    const ctx = pageContext(request);
    // The receipt is of what was sent: files changed since wait for "Send ændringer" (the pending notice says so).
    const attachments = await listSentAttachments(db, nomination.id);
    return html(
      reply,
      <ReceiptPage
        ctx={ctx}
        t={nominationTexts(ctx.locale)}
        edition={edition}
        receiptNumber={nomination.receiptNumber!}
        firstSentAt={nomination.firstSentAt ?? nomination.sentAt!}
        sentAt={nomination.sentAt!}
        withdrawnAt={nomination.status === 'withdrawn' ? nomination.withdrawnAt : null}
        pendingSavedAt={nomination.workingCopy ? nomination.workingCopySavedAt : null}
        attachments={attachments}
        nominatorEmail={nomination.nominatorEmail}
        withdrawn={nomination.status === 'withdrawn'}
        canChange={canNominate(edition.timeline, clock.now()).ok}
        changeHref={paths.step(nomination.id, 'tjek')}
        withdrawHref={urls.withdraw({ id: nomination.id })}
        pdfHref={deps.receiptPdf ? urls.receiptPdf({ id: nomination.id }) : null}
      />,
    );
  });

  /** The receipt as a PDF download (sent or withdrawn nominations only). */
  app.get<{ Params: { id: string } }>(urls.receiptPdf.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    if (a.nomination.status === 'draft') return sendErrorPage(request, reply, 404, 'notFound');
    const pdf = await renderReceiptPdf({
      edition: a.edition,
      nomination: a.nomination,
      attachments: await listSentAttachments(db, a.nomination.id),
      locale: pageContext(request).locale,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${receiptPdfFileName(a.nomination.receiptNumber!)}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get<{ Params: { id: string } }>(urls.closedDraft.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const ctx = pageContext(request);
    return html(
      reply,
      <ClosedDraftPage
        ctx={ctx}
        t={nominationTexts(ctx.locale)}
        edition={a.edition}
        fields={nominatorFieldsOf(a.nomination)}
        downloadHref={urls.draftText({ id: a.nomination.id })}
        sent={a.nomination.status !== 'draft'}
      />,
    );
  });

  app.get<{ Params: { id: string } }>(urls.draftText.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const name = `indstilling-${a.edition.award.slug}-${a.edition.edition.year}-${a.nomination.id}.txt`;
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(
        `${a.nomination.title || a.edition.award.name}\n\n${nominationAsText(nominatorFieldsOf(a.nomination), a.edition.form, undefined, pageContext(request).locale)}\n`,
      );
  });

  app.get<{ Params: { id: string } }>(urls.withdraw.pattern, { config: { access: 'nominator' } }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    if (a.nomination.status !== 'sent' || !canNominate(a.edition.timeline, clock.now()).ok) return reply.redirect(paths.receipt(a.nomination.id), 303);
    const ctx = pageContext(request);
    return html(
      reply,
      <WithdrawPage
        ctx={ctx}
        t={nominationTexts(ctx.locale)}
        edition={a.edition}
        action={urls.withdraw({ id: a.nomination.id })}
        csrf={reply.generateCsrf()}
        cancelHref={paths.receipt(a.nomination.id)}
      />,
    );
  });

  app.post<{ Params: { id: string } }>(urls.withdraw.pattern, { config: { access: 'nominator' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    await withdrawNomination({ db, edition: a.edition, nominationId: a.nomination.id, now: clock.now(), mail: mailOf(request) });
    return reply.redirect(paths.receipt(a.nomination.id), 303);
  });

  app.post<{ Params: { id: string } }>(urls.newLink.pattern, { config: { access: 'nominator' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const a = await withAccess(request, reply);
    if (!a) return reply;
    const renewed = await renewAccessToken({ db, nominationId: a.nomination.id, now: clock.now() });
    setAccessCookie(reply, a.nomination.id, renewed.token);
    await emailDraftLink({ db, edition: a.edition, nomination: renewed.nomination, token: renewed.token, now: clock.now(), mail: mailOf(request) });
    return reply.redirect(urls.nomination({ id: a.nomination.id }), 303);
  });

  // --- The nominee's consent -------------------------------------------------------------------

  const consentPage = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, answer?: 'accepted' | 'declined' | 'missing') => {
    const { token } = request.params;
    let nomination = looksLikeToken(token) ? await findNominationByConsentHash(db, hashToken(token)) : null;
    if (!nomination || nomination.status === 'draft') return sendErrorPage(request, reply, 404, 'notFound');
    const edition = (await loadEditionForForm(db, nomination.editionId))!;
    const ctx = pageContext(request);
    const t = nominationTexts(ctx.locale);
    let saved = false;
    const withdrawn = nomination.status === 'withdrawn';
    if (!withdrawn && (answer === 'accepted' || answer === 'declined')) {
      const r = await recordConsent({ db, token, answer, now: clock.now(), language: ctx.locale });
      if (r.ok) {
        nomination = r.nomination;
        saved = true;
      }
    }
    return html(
      reply,
      <ConsentPage
        ctx={ctx}
        t={t}
        edition={edition}
        nominatorName={nomination.nominatorName}
        title={nomination.title}
        current={nomination.nomineeConsent}
        action={urls.consent({ token })}
        csrf={reply.generateCsrf()}
        error={answer === 'missing' && !withdrawn ? t.consent.required : undefined}
        saved={saved}
        withdrawn={withdrawn}
      />,
      // A withdrawn nomination takes no answer: a posted one is refused (409), the page says why.
      withdrawn ? (answer ? 409 : 200) : answer === 'missing' ? 400 : 200,
    );
  };

  app.get<{ Params: { token: string } }>(urls.consent.pattern, { config: { access: 'consent-link' } }, (request, reply) => consentPage(request, reply));
  app.post<{ Params: { token: string } }>(urls.consent.pattern, { config: { access: 'consent-link' }, preHandler: app.csrfProtection }, (request, reply) => {
    const v = bodyOf(request).answer;
    return consentPage(request, reply, v === 'accepted' || v === 'declined' ? v : 'missing');
  });
}
