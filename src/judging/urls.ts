import { routeUrl } from '../platform/route-url.js';

/** The addresses of the judging module's pages: the committee's review and the administrators' overview. */
export const judgingUrls = {
  adminOverview: routeUrl('/admin/udgaver/:editionId/bedoemmelse'),
  review: routeUrl('/bedoemmelse/udgaver/:editionId'),
  reviewNomination: routeUrl('/bedoemmelse/udgaver/:editionId/indstillinger/:nominationId'),
  conflict: routeUrl('/bedoemmelse/udgaver/:editionId/indstillinger/:nominationId/inhabilitet'),
  memberOverview: routeUrl('/bedoemmelse/udgaver/:editionId/oversigt'),
  shortlist: routeUrl('/bedoemmelse/udgaver/:editionId/nominerede'),
  closeReview: routeUrl('/bedoemmelse/udgaver/:editionId/luk-bedoemmelse'),
} as const;
