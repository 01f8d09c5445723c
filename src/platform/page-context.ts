import type { FastifyRequest } from 'fastify';
import { SESSION_WARNING_MS } from '../accounts/sessions.js';
import { DEFAULT_LOCALE, LANG_COOKIE, isLocale, messages } from './i18n/index.js';
import type { PageContext } from './ui/context.js';

/** The language of a request: the visitor's choice in the cookie, else Danish. */
export function localeOf(request: FastifyRequest) {
  const chosen = request.cookies?.[LANG_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

export function pageContext(request: FastifyRequest): PageContext {
  const locale = localeOf(request);
  const ctx: PageContext = { locale, t: messages(locale), path: request.url };
  // A signed-in browser gets the timeout warning; its seconds come from this request's session.
  const secondsLeft = request.sessionSecondsLeft;
  if (typeof secondsLeft === 'number') ctx.session = { secondsLeft, warnSeconds: Math.floor(SESSION_WARNING_MS / 1000) };
  return ctx;
}

/**
 * The context of a page that is cached and shown to everybody (the public pages in the page
 * cache): nothing of the visitor's own session may be rendered into it.
 */
export function sharedPageContext(ctx: PageContext): PageContext {
  const { session: _session, ...shared } = ctx;
  return shared;
}
