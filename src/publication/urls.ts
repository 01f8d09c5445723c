import { routeUrl } from '../platform/route-url.js';

/** The addresses of the publication module's pages: the archive, its feed and the meeting materials. */
export const publicationUrls = {
  archive: routeUrl('/arkiv'),
  winnersFeed: routeUrl('/feeds/vindere.atom'),
  dossier: routeUrl('/admin/udgaver/:editionId/dossier.pdf'),
  scoresWorkbook: routeUrl('/admin/udgaver/:editionId/bedoemmelser.xlsx'),
  memberDossier: routeUrl('/bedoemmelse/udgaver/:editionId/dossier.pdf'),
} as const;
