import { routeUrl } from '../platform/route-url.js';

/** The addresses of the patient panel's pages: the administrators' panel page and the ballot. */
export const panelUrls = {
  adminPanel: routeUrl('/admin/udgaver/:id/panel'),
  summary: routeUrl('/admin/udgaver/:id/panel/resumeer/:nominationId'),
  ballot: routeUrl('/panel/udgaver/:editionId'),
  ballotCheck: routeUrl('/panel/udgaver/:editionId/tjek'),
  vote: routeUrl('/panel/udgaver/:editionId/stem'),
  winnerDecision: routeUrl('/bedoemmelse/udgaver/:editionId/vinder'),
  ballotReceipt: routeUrl('/panel/udgaver/:editionId/kvittering'),
} as const;
