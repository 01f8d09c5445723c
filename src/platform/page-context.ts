import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, LANG_COOKIE, isLocale, messages } from './i18n/index.js';
import type { PageContext } from './ui/context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The session's timeout warning for the layout: seconds until a signed-in browser session
     * signs out for inactivity (counted from this request) and how long before that the warning
     * shows; null without a session. Platform knows no sessions: the accounts module sets it.
     */
    sessionTimeout: { secondsLeft: number; warnSeconds: number } | null;
  }
}

/** The language of a request: the visitor's choice in the cookie, else Danish. */
export function localeOf(request: FastifyRequest) {
  const chosen = request.cookies?.[LANG_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

export function pageContext(request: FastifyRequest): PageContext {
  const locale = localeOf(request);
  const ctx: PageContext = { locale, t: messages(locale), path: request.url };
  // A signed-in browser gets the timeout warning; its seconds come from this request's session.
  if (request.sessionTimeout) ctx.session = { ...request.sessionTimeout };
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
