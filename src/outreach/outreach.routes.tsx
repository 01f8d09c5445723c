import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { sendErrorPage } from '../platform/errors.js';
import { formText } from '../platform/fields.js';
import { administeredEdition, parseId, sendPage } from '../platform/http.js';
import { pageContext } from '../platform/page-context.js';
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.js';
import type { RouteParams } from '../platform/route-url.js';
import type { FieldError } from '../platform/ui/index.js';
import { outreachTexts, type OutreachTexts } from './i18n.js';
import { countGroups, findGroupMessage, findMessageRound, listGroup, listGroupMessages, newIdempotencyKey, sendGroupMessage } from './messages.service.js';
import { IDEMPOTENCY_KEY, MESSAGE_LIMITS, type MessageProblem, messageSchema, type SubscribeProblem, subscribeSchema } from './outreach-rules.js';
import {
  confirmOpeningSubscription,
  findByConfirmToken,
  findSignupAward,
  subscribeToOpening,
  unsubscribeFromOpening,
  unsubscribeLinkWorks,
} from './subscriptions.service.js';
import { outreachUrls as urls } from './urls.js';
import { EMPTY_MESSAGE, type MessageValues, MessagesPage, PreviewPage, SentPage } from './views/message-pages.js';
import { NoticePage, SubscribePage } from './views/signup-pages.js';

/**
 * Sign-ups per client address: generous, as a hospital's staff may share one address; what one
 * e-mail address receives is capped separately and quietly (outreach-rules.ts subscribeOutcome).
 */
export const SUBSCRIBE_RATE_LIMIT: RateLimitRule = { name: 'opening-subscribe', limit: 30, windowMs: 60 * 60 * 1000 };

type Body = Record<string, unknown>;
const bodyOf = (request: FastifyRequest): Body => (request.body && typeof request.body === 'object' ? (request.body as Body) : {});
const typed = (b: Body, k: string) => formText(typeof b[k] === 'string' ? b[k] : '');

/** The message form's values as typed (kept when refused). */
const messageValues = (b: Body): MessageValues => ({ group: typed(b, 'group'), subject: typed(b, 'subject'), body: typed(b, 'body') });

/** Zod's problem codes as the page's field errors; each links to its field. */
function fieldErrors<P extends string>(error: z.ZodError, words: (code: P) => string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: words(issue.message as P) });
  }
  return out;
}

const messageWords = (o: OutreachTexts) => (code: MessageProblem) => {
  const e = o.messageErrors;
  switch (code) {
    case 'subjectTooLong':
      return e.subjectTooLong(MESSAGE_LIMITS.subject);
    case 'bodyTooLong':
      return e.bodyTooLong(MESSAGE_LIMITS.body);
    case 'groupRequired':
    case 'subjectRequired':
    case 'bodyRequired':
      return e[code];
    default:
      return e.groupRequired;
  }
};

/**
 * The outreach pages: "Send besked" to a round's groups (administrators of its organisation),
 * and "Få besked, når der åbnes" (public: the sign-up, its confirmation and the unsubscribe link).
 */
export async function outreachRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  const links = { publicBaseUrl: deps.publicBaseUrl, secret: deps.ballotKey };

  // --- Messages to a group -----------------------------------------------------------------

  /** The form again, with what was typed and why it was refused. */
  const showForm = async (request: FastifyRequest, reply: FastifyReply, editionId: number, values: MessageValues, errors: FieldError[], status: number) => {
    const round = await findMessageRound(db, editionId);
    if (!round) return sendErrorPage(request, reply, 404, 'notFound');
    const [counts, sent] = await Promise.all([countGroups(db, editionId), listGroupMessages(db, editionId)]);
    return sendPage(reply, status, MessagesPage({ ctx: pageContext(request), csrf: csrfToken(reply), round, counts, values, errors, sent }));
  };

  app.get<{ Params: RouteParams<typeof urls.messages.pattern> }>(urls.messages.pattern, { config: { access: 'admin' } }, async (request, reply) => {
    const editionId = await administeredEdition(deps, request, reply, request.params.id);
    if (editionId === null) return reply;
    return showForm(request, reply, editionId, EMPTY_MESSAGE, [], 200);
  });

  // "Ret beskeden" from the preview: the form with the text as it was.
  app.post<{ Params: RouteParams<typeof urls.messages.pattern> }>(
    urls.messages.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await administeredEdition(deps, request, reply, request.params.id);
      if (editionId === null) return reply;
      return showForm(request, reply, editionId, messageValues(bodyOf(request)), [], 200);
    },
  );

  app.post<{ Params: RouteParams<typeof urls.messagePreview.pattern> }>(
    urls.messagePreview.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await administeredEdition(deps, request, reply, request.params.id);
      if (editionId === null) return reply;
      const ctx = pageContext(request);
      const o = outreachTexts(ctx.locale);
      const values = messageValues(bodyOf(request));
      const parsed = messageSchema.safeParse(bodyOf(request));
      if (!parsed.success) return showForm(request, reply, editionId, values, fieldErrors(parsed.error, messageWords(o)), 400);
      const round = await findMessageRound(db, editionId);
      if (!round) return sendErrorPage(request, reply, 404, 'notFound');
      const recipients = await listGroup(db, editionId, parsed.data.group);
      if (recipients.length === 0) {
        return showForm(request, reply, editionId, values, [{ field: 'group', message: o.previewEmpty(o.group[parsed.data.group]) }], 409);
      }
      return sendPage(
        reply,
        200,
        PreviewPage({ ctx, csrf: csrfToken(reply), round, message: parsed.data, recipientCount: recipients.length, idempotencyKey: newIdempotencyKey() }),
      );
    },
  );

  app.post<{ Params: RouteParams<typeof urls.messageSend.pattern> }>(
    urls.messageSend.pattern,
    { config: { access: 'admin' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const editionId = await administeredEdition(deps, request, reply, request.params.id);
      if (editionId === null) return reply;
      const ctx = pageContext(request);
      const o = outreachTexts(ctx.locale);
      const body = bodyOf(request);
      const values = messageValues(body);
      const parsed = messageSchema.safeParse(body);
      if (!parsed.success) return showForm(request, reply, editionId, values, fieldErrors(parsed.error, messageWords(o)), 400);
      const key = typeof body.key === 'string' ? body.key : '';
      if (!IDEMPOTENCY_KEY.test(key)) return showForm(request, reply, editionId, values, [{ field: 'group', message: o.messageErrors.stale }], 400);
      const actor = request.actor;
      const result = await sendGroupMessage({
        db,
        actor: actor.kind === 'user' ? { kind: 'user', user: actor.user } : { kind: 'public' },
        editionId,
        message: parsed.data,
        idempotencyKey: key,
        now: clock.now(),
        locale: ctx.locale,
      });
      if (!result.ok && result.reason === 'not-found') return sendErrorPage(request, reply, 404, 'notFound');
      if (!result.ok) return showForm(request, reply, editionId, values, [{ field: 'group', message: o.previewEmpty(o.group[parsed.data.group]) }], 409);
      return reply.redirect(urls.messageSent({ id: editionId, messageId: result.messageId }), 303);
    },
  );

  app.get<{ Params: RouteParams<typeof urls.messageSent.pattern> }>(urls.messageSent.pattern, { config: { access: 'admin' } }, async (request, reply) => {
    const editionId = await administeredEdition(deps, request, reply, request.params.id);
    if (editionId === null) return reply;
    const messageId = parseId(request.params.messageId);
    const [round, message] = await Promise.all([findMessageRound(db, editionId), messageId === null ? null : findGroupMessage(db, editionId, messageId)]);
    if (!round || !message) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, 200, SentPage({ ctx: pageContext(request), csrf: csrfToken(reply), round, message }));
  });

  // --- "Få besked, når der åbnes" -----------------------------------------------------------

  const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
  const signupAward = (slug: string) => (SLUG.test(slug) ? findSignupAward(db, slug, clock.now()) : Promise.resolve(null));

  app.get<{ Params: RouteParams<typeof urls.subscribe.pattern> }>(urls.subscribe.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const award = await signupAward(request.params.slug);
    if (!award) return sendErrorPage(request, reply, 404, 'notFound');
    return sendPage(reply, 200, SubscribePage({ ctx: pageContext(request), csrf: csrfToken(reply), award, email: '', errors: [] }));
  });

  app.post<{ Params: RouteParams<typeof urls.subscribe.pattern> }>(
    urls.subscribe.pattern,
    { config: { access: 'public' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const award = await signupAward(request.params.slug);
      if (!award) return sendErrorPage(request, reply, 404, 'notFound');
      const ctx = pageContext(request);
      const o = outreachTexts(ctx.locale);
      const body = bodyOf(request);
      const email = typed(body, 'email');
      const now = clock.now();
      const limited = await hitRateLimit(db, SUBSCRIBE_RATE_LIMIT, request.ip, now);
      if (!limited.allowed) {
        reply.header('retry-after', String(limited.retryAfterSeconds));
        return sendPage(reply, 429, NoticePage({ ctx, title: o.tooManyTitle, text: o.tooManyText, variant: 'warning', award }));
      }
      const parsed = subscribeSchema.safeParse(body);
      if (!parsed.success) {
        const errors = fieldErrors<SubscribeProblem>(parsed.error, (code) => o.subscribeErrors[code] ?? o.subscribeErrors.emailInvalid);
        return sendPage(reply, 400, SubscribePage({ ctx, csrf: csrfToken(reply), award, email, errors }));
      }
      await subscribeToOpening({ db, award, email: parsed.data.email, locale: ctx.locale, now, links });
      // The same answer whether or not the address was signed up already.
      return sendPage(reply, 200, NoticePage({ ctx, title: o.checkMailTitle, text: o.checkMailText(parsed.data.email), variant: 'success', award }));
    },
  );

  app.get<{ Params: RouteParams<typeof urls.confirmSubscription.pattern> }>(
    urls.confirmSubscription.pattern,
    { config: { access: 'public' } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const o = outreachTexts(ctx.locale);
      const found = await findByConfirmToken(db, request.params.token);
      // Shown, not done: mail scanners open links, and only a person presses the button.
      reply.header('referrer-policy', 'no-referrer');
      if (!found) return sendPage(reply, 404, NoticePage({ ctx, title: o.linkInvalidTitle, text: o.linkInvalidText, variant: 'warning' }));
      if (found.confirmed)
        return sendPage(reply, 200, NoticePage({ ctx, title: o.confirmedTitle, text: o.confirmedText(found.awardName), variant: 'success' }));
      return sendPage(
        reply,
        200,
        NoticePage({
          ctx,
          title: o.confirmTitle,
          text: o.confirmText(found.awardName, found.email),
          variant: 'info',
          form: { action: urls.confirmSubscription({ token: request.params.token }), csrf: csrfToken(reply), button: o.confirmButton },
        }),
      );
    },
  );

  app.post<{ Params: RouteParams<typeof urls.confirmSubscription.pattern> }>(
    urls.confirmSubscription.pattern,
    { config: { access: 'public' }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const ctx = pageContext(request);
      const o = outreachTexts(ctx.locale);
      const result = await confirmOpeningSubscription({ db, token: request.params.token, locale: ctx.locale, now: clock.now() });
      if (!result.ok) return sendPage(reply, 404, NoticePage({ ctx, title: o.linkInvalidTitle, text: o.linkInvalidText, variant: 'warning' }));
      return sendPage(reply, 200, NoticePage({ ctx, title: o.confirmedTitle, text: o.confirmedText(result.awardName), variant: 'success' }));
    },
  );

  app.get<{ Params: RouteParams<typeof urls.unsubscribe.pattern> }>(urls.unsubscribe.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const o = outreachTexts(ctx.locale);
    reply.header('referrer-policy', 'no-referrer');
    if (!(await unsubscribeLinkWorks(db, links.secret, request.params.token))) {
      // Gone already (or never there): nothing will be sent, which is what the visitor wants to hear.
      return sendPage(reply, 200, NoticePage({ ctx, title: o.unsubscribedTitle, text: o.unsubscribedText, variant: 'success' }));
    }
    return sendPage(
      reply,
      200,
      NoticePage({
        ctx,
        title: o.unsubscribeTitle,
        text: o.unsubscribeText,
        variant: 'info',
        form: { action: urls.unsubscribe({ token: request.params.token }), button: o.unsubscribeButton },
      }),
    );
  });

  // No CSRF check here: a mail program's one-click POST (RFC 8058, List-Unsubscribe-Post) carries
  // no cookie. The keyed token in the address is what authorises it, and all it can do is unsubscribe.
  app.post<{ Params: RouteParams<typeof urls.unsubscribe.pattern> }>(urls.unsubscribe.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const o = outreachTexts(ctx.locale);
    await unsubscribeFromOpening({ db, secret: links.secret, token: request.params.token });
    return sendPage(reply, 200, NoticePage({ ctx, title: o.unsubscribedTitle, text: o.unsubscribedText, variant: 'success' }));
  });
}
