import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { fieldIssues, formField } from '../platform/fields.js';
import { administeredEdition, sendPage } from '../platform/http.js';
import { isLocale } from '../platform/i18n/index.js';
import { pageContext } from '../platform/page-context.js';
import { formatInstant, type Locale } from '../platform/time.js';
import type { FieldError } from '../platform/ui/index.js';
import { isMessageKind, type MessageKind } from './catalogue.js';
import { messagesTexts } from './i18n.js';
import { findEditionFacts, listPreviewPeople } from './messages.repo.js';
import {
  loadSchedule,
  loadTemplate,
  ownTemplateKeys,
  renderTemplate,
  resetTemplate,
  saveTemplate,
  scheduleWinnerNotice,
  WINNER_CONFIDENTIAL,
} from './messages.service.js';
import { previewCandidates, previewValues } from './preview.js';
import { cleanTemplate, FIELD_ID, problemText, scheduleFormSchema, templateFormSchema } from './template-form.js';
import { messagesUrls as urls } from './urls.js';
import { TemplatePage } from './views/template-page.js';
import { TemplatesPage } from './views/templates-page.js';

type KindParams = { id: string; kind: string; language: string };

/** The posted form's fields; a body that is no object (JSON `true`, a list) reads as an empty form. */
const bodyOf = (request: FastifyRequest): Record<string, unknown> => {
  const b = request.body;
  return b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};

/**
 * A round's e-mail templates, for the administrators of its organisation: the list by stage,
 * one template's text with an example for a real recipient, saving (checked by the rule in
 * template-rules.ts), resetting to the default, and the time of the confidential notice to the
 * winner. The rules live in messages.service.ts. Never cached.
 */
export async function messagesRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    urls.templates.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const editionId = await administeredEdition(deps, request, reply, request.params.id);
      if (editionId === null) return reply;
      const facts = await findEditionFacts(db, editionId);
      if (!facts) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      return sendPage(reply, 200, TemplatesPage({ ctx, csrf: csrfToken(reply), facts, own: await ownTemplateKeys(db, editionId) }));
    },
  );

  /** The edition, kind and language of the URL, once the actor may administer it; else the error page is sent. */
  async function target(request: FastifyRequest<{ Params: KindParams }>, reply: FastifyReply) {
    const editionId = await administeredEdition(deps, request, reply, request.params.id);
    if (editionId === null) return null;
    const { kind, language } = request.params;
    if (!isMessageKind(kind) || !isLocale(language)) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    const facts = await findEditionFacts(db, editionId);
    if (!facts) {
      await sendErrorPage(request, reply, 404, 'notFound');
      return null;
    }
    return { editionId, kind, language, facts };
  }

  async function showTemplate(
    request: FastifyRequest,
    reply: FastifyReply,
    t: { editionId: number; kind: MessageKind; language: Locale; facts: NonNullable<Awaited<ReturnType<typeof findEditionFacts>>> },
    o: {
      status: number;
      values?: { subject: string; body: string } | undefined;
      errors?: FieldError[];
      recipient?: string;
      notice?: string | undefined;
      schedule?: { errors: FieldError[]; date: string; time: string };
    },
  ) {
    const ctx = pageContext(request);
    const now = clock.now();
    const [saved, everyone] = await Promise.all([loadTemplate(db, t.editionId, t.kind, t.language), listPreviewPeople(db, t.editionId)]);
    const people = previewCandidates(t.kind, everyone);
    const person = people.find((x) => x.key === o.recipient) ?? people[0] ?? null;
    const values = o.values ?? saved.template;
    const preview = renderTemplate(
      { subject: values.subject, body: values.body },
      t.facts,
      t.language,
      deps.publicBaseUrl,
      previewValues(t.kind, person, { editionId: t.editionId, baseUrl: deps.publicBaseUrl, language: t.language, now }),
    );
    const schedule = t.kind === WINNER_CONFIDENTIAL ? { view: await loadSchedule(db, t.editionId), errors: [], date: '', time: '', ...o.schedule } : undefined;
    return sendPage(
      reply,
      o.status,
      TemplatePage({
        ctx,
        csrf: csrfToken(reply),
        facts: t.facts,
        kind: t.kind,
        language: t.language,
        values,
        errors: o.errors ?? [],
        own: saved.own,
        people,
        person,
        preview,
        notice: o.notice,
        schedule,
      }),
    );
  }

  app.get<{ Params: KindParams; Querystring: Record<string, string | undefined> }>(
    urls.template.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const t = await target(request, reply);
      if (!t) return reply;
      const m = messagesTexts(pageContext(request).locale);
      const q = request.query;
      const notice =
        q.gemt === '1'
          ? m.saved
          : q.nulstillet === '1'
            ? m.resetDone
            : q.tidspunkt === '1'
              ? m.schedule.saved
              : q.tidspunkt === '0'
                ? m.schedule.cleared
                : undefined;
      const recipient = typeof q.modtager === 'string' ? q.modtager : '';
      return showTemplate(request, reply, t, { status: 200, recipient, notice });
    },
  );

  app.post<{ Params: KindParams }>(urls.template.pattern, { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const t = await target(request, reply);
    if (!t) return reply;
    const locale = pageContext(request).locale;
    // Every field reads as text whatever was posted, so this parse cannot fail; an odd post is an empty form.
    const parsed = templateFormSchema.safeParse(bodyOf(request));
    const form = parsed.success ? parsed.data : templateFormSchema.parse({});
    const typed = { subject: form.emne, body: form.tekst };
    if (form.handling === 'preview') return showTemplate(request, reply, t, { status: 200, values: typed, recipient: form.modtager });
    const result = await saveTemplate({
      db,
      actor: request.actor,
      editionId: t.editionId,
      kind: t.kind,
      language: t.language,
      template: cleanTemplate(form),
      now: clock.now(),
    });
    if (result.ok)
      return reply.redirect(urls.template({ id: t.editionId, kind: t.kind, language: t.language }, { gemt: 1, modtager: form.modtager || null }), 303);
    if (result.reason === 'not-found') return sendErrorPage(request, reply, 404, 'notFound');
    // What was typed is shown again as typed, with each problem beside its field.
    const errors: FieldError[] = result.problems.map((p) => ({ field: FIELD_ID[p.field], message: problemText(locale, p) }));
    return showTemplate(request, reply, t, { status: 400, values: typed, errors, recipient: form.modtager });
  });

  app.post<{ Params: KindParams }>(urls.resetTemplate.pattern, { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const t = await target(request, reply);
    if (!t) return reply;
    const result = await resetTemplate({ db, actor: request.actor, editionId: t.editionId, kind: t.kind, language: t.language, now: clock.now() });
    if (!result.ok) return sendErrorPage(request, reply, 404, 'notFound');
    return reply.redirect(urls.template({ id: t.editionId, kind: t.kind, language: t.language }, { nulstillet: 1 }), 303);
  });

  app.post<{ Params: { id: string } }>(urls.winnerSchedule.pattern, { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
    const editionId = await administeredEdition(deps, request, reply, request.params.id);
    if (editionId === null) return reply;
    const facts = await findEditionFacts(db, editionId);
    if (!facts) return sendErrorPage(request, reply, 404, 'notFound');
    const locale = pageContext(request).locale;
    const m = messagesTexts(locale);
    const body = bodyOf(request);
    const date = formField(body, 'sendAt-date');
    const time = formField(body, 'sendAt-time');
    const clear = formField(body, 'handling') === 'ryd';
    const t = { editionId, kind: WINNER_CONFIDENTIAL as MessageKind, language: locale, facts };
    const again = (message: string) =>
      showTemplate(request, reply, t, { status: 400, schedule: { errors: [{ field: 'sendAt', target: 'sendAt-date', message }], date, time } });
    let sendAt: Date | null = null;
    if (!clear) {
      const parsed = scheduleFormSchema(locale).safeParse({ sendAt: { date, time } });
      if (!parsed.success) return again(fieldIssues(parsed.error)[0]?.message ?? m.errors.scheduleDate);
      if (!parsed.data.sendAt) return again(m.errors.scheduleDate);
      sendAt = parsed.data.sendAt;
    }
    const result = await scheduleWinnerNotice({ db, actor: request.actor, editionId, sendAt, now: clock.now() });
    if (!result.ok) {
      if (result.reason === 'not-found') return sendErrorPage(request, reply, 404, 'notFound');
      if (result.reason === 'already-sent') return again(m.errors.scheduleSent);
      return again(m.errors.scheduleAfterWinner(formatInstant(result.winnerAnnouncedAt!, locale)));
    }
    return reply.redirect(urls.template({ id: editionId, kind: WINNER_CONFIDENTIAL, language: locale }, { tidspunkt: clear ? 0 : 1 }), 303);
  });
}
