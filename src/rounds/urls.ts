import { routeUrl } from '../platform/route-url.js';

/** The addresses of the rounds module's pages: the administration's front page and each round's dashboard. */
export const roundsUrls = {
  adminHome: routeUrl('/admin'),
  dashboard: routeUrl('/admin/udgaver/:id'),
} as const;
