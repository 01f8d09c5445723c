import { routeUrl } from '../platform/route-url.js';

/** The addresses of the awards module's pages: public award pages and the setup of organisations, awards and rounds. */
export const awardsUrls = {
  front: routeUrl('/'),
  award: routeUrl('/priser/:slug'),
  edition: routeUrl('/priser/:slug/:year'),
  /** The organisation's drawn mark (an SVG image) and its theme (a stylesheet of custom properties), awards/brand.ts. */
  mark: routeUrl('/organisationer/:slug/maerke.svg'),
  theme: routeUrl('/organisationer/:slug/tema.css'),
  organisations: routeUrl('/admin/organisationer'),
  newOrganisation: routeUrl('/admin/organisationer/ny'),
  organisation: routeUrl('/admin/organisationer/:id'),
  editOrganisation: routeUrl('/admin/organisationer/:id/rediger'),
  newAward: routeUrl('/admin/organisationer/:id/priser/ny'),
  awardSetup: routeUrl('/admin/priser/:id'),
  newEdition: routeUrl('/admin/priser/:id/udgaver/ny'),
  editionSetup: routeUrl('/admin/udgaver/:id/rediger'),
  nextYear: routeUrl('/admin/udgaver/:id/naeste-aar'),
  publish: routeUrl('/admin/udgaver/:id/offentliggoer'),
  unpublish: routeUrl('/admin/udgaver/:id/til-kladde'),
  deleteEdition: routeUrl('/admin/udgaver/:id/slet'),
  criteria: routeUrl('/admin/udgaver/:id/kriterier'),
  formSections: routeUrl('/admin/udgaver/:id/formular'),
  committee: routeUrl('/admin/udgaver/:id/udvalg'),
} as const;
