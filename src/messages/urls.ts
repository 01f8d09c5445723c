import { routeUrl } from '../platform/route-url.js';

/** The addresses of the messages module's pages: a round's e-mail templates. */
export const messagesUrls = {
  templates: routeUrl('/admin/udgaver/:id/e-mails'),
  template: routeUrl('/admin/udgaver/:id/e-mails/:kind/:language'),
  resetTemplate: routeUrl('/admin/udgaver/:id/e-mails/:kind/:language/nulstil'),
  winnerSchedule: routeUrl('/admin/udgaver/:id/e-mails/fortrolig-tidspunkt'),
} as const;
