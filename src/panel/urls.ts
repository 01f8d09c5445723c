import { routeUrl } from '../platform/route-url.js';

/** The addresses of the patient panel's pages: the administrators' panel page and the ballot. */
export const panelUrls = {
  adminPanel: routeUrl('/admin/udgaver/:id/panel'),
  summary: routeUrl('/admin/udgaver/:id/panel/resumeer/:nominationId'),
  ballot: routeUrl('/panel/udgaver/:editionId'),
  ballotReceipt: routeUrl('/panel/udgaver/:editionId/kvittering'),
} as const;
