import { routeUrl } from '../platform/route-url.js';

/** The addresses of the publication module's pages: the archive, its feed and the meeting materials. */
export const publicationUrls = {
  archive: routeUrl('/arkiv'),
  /** A nominee's public page: only for a public nominee who accepted publication. */
  nominee: routeUrl('/nominerede/:id'),
  winnersFeed: routeUrl('/feeds/vindere.atom'),
  dossier: routeUrl('/admin/udgaver/:editionId/dossier.pdf'),
  scoresWorkbook: routeUrl('/admin/udgaver/:editionId/bedoemmelser.xlsx'),
  memberDossier: routeUrl('/bedoemmelse/udgaver/:editionId/dossier.pdf'),
} as const;
