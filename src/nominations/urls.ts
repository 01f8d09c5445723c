import { routeUrl } from '../platform/route-url.js';

/** The addresses of the nominations module's pages: the nomination form and the administrators' lists and screening. */
export const nominationsUrls = {
  start: routeUrl('/priser/:slug/:year/indstil'),
  firstStep: routeUrl('/priser/:slug/:year/indstil/om-dig'),
  privateLink: routeUrl('/indstillinger/adgang/:token'),
  nomination: routeUrl('/indstillinger/:id'),
  step: routeUrl('/indstillinger/:id/:step'),
  autosave: routeUrl('/indstillinger/:id/autogem'),
  check: routeUrl('/indstillinger/:id/tjek'),
  receipt: routeUrl('/indstillinger/:id/kvittering'),
  receiptPdf: routeUrl('/indstillinger/:id/kvittering.pdf'),
  closedDraft: routeUrl('/indstillinger/:id/kladde'),
  draftText: routeUrl('/indstillinger/:id/kladde.txt'),
  withdraw: routeUrl('/indstillinger/:id/traek-tilbage'),
  newLink: routeUrl('/indstillinger/:id/nyt-link'),
  attachments: routeUrl('/indstillinger/:id/bilag'),
  attachment: routeUrl('/indstillinger/:id/bilag/:attachmentId'),
  deleteAttachment: routeUrl('/indstillinger/:id/bilag/:attachmentId/slet'),
  consent: routeUrl('/samtykke/:token'),
  editionNominations: routeUrl('/admin/udgaver/:id/indstillinger'),
  editionNominationsCsv: routeUrl('/admin/udgaver/:id/indstillinger.csv'),
  editionNominationsXlsx: routeUrl('/admin/udgaver/:id/indstillinger.xlsx'),
  adminNomination: routeUrl('/admin/indstillinger/:id'),
  screening: routeUrl('/admin/indstillinger/:id/screening'),
  nomineeContact: routeUrl('/admin/indstillinger/:id/kandidat-kontakt'),
  bulkScreening: routeUrl('/admin/udgaver/:id/indstillinger/screening'),
} as const;
