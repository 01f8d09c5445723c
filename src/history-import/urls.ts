import { routeUrl } from '../platform/route-url.js';

/** The addresses of the import of earlier years: per award, and the sample files. */
export const historyImportUrls = {
  upload: routeUrl('/admin/priser/:id/import'),
  preview: routeUrl('/admin/priser/:id/import/:importId'),
  sampleXlsx: routeUrl('/admin/import/eksempel.xlsx'),
  sampleRoundsCsv: routeUrl('/admin/import/eksempel-runder.csv'),
  sampleSolutionsCsv: routeUrl('/admin/import/eksempel-loesninger.csv'),
} as const;
