import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, LANG_COOKIE, isLocale, messages } from './i18n/index.js';
import type { PageContext } from './layout.js';

/** The language of a request: the visitor's choice in the cookie, else Danish. */
export function localeOf(request: FastifyRequest) {
  const chosen = request.cookies?.[LANG_COOKIE];
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

export function pageContext(request: FastifyRequest): PageContext {
  const locale = localeOf(request);
  return { locale, t: messages(locale), path: request.url };
}
