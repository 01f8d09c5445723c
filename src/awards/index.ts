import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { awardApi } from './awards.api.js';
import { awardRoutes } from './awards.routes.js';
import { adminOrganisationApi } from './organisations.api.js';
import { adminSetupApi } from './setup.api.js';
import { setupRoutes } from './setup.routes.js';

/** Awards: the front page, award pages and their API; the setup of organisations, awards and rounds (pages and admin API). */
export async function awardsModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(awardRoutes, deps);
  await app.register(awardApi, deps);
  await app.register(setupRoutes, deps);
  await app.register(adminSetupApi, deps);
  await app.register(adminOrganisationApi, deps);
}

export {
  findEditionById,
  findEditionDetails,
  findEditionWithAward,
  findOrganisationBySlug,
  listOrganisations,
  organisationOfEdition,
  type OrganisationRow,
} from './awards.repo.js';
export { authorityOf } from './authority.js';
// The spot on the award page for "Få besked, når der åbnes", filled by the subscriptions module.
export { provideSubscription, type SubscriptionProps, type SubscriptionSource } from './subscription-slot.js';
export { listAwards, timelineOf, isFinished, type CatalogueAward } from './awards.service.js';
export { publicStatus, publicState, type PublicState, type PublicStatus } from './public-status.js';
export { PHASES, nextPhaseChange, phaseAt, type Phase, type Timeline } from './phase.js';
export { listEditionsOfOrganisations, type AdministeredEdition } from './edition-list.repo.js';
export { findOrganisation } from './setup.repo.js';
export { createNextYearEdition } from './setup.service.js';
export { organisationCrumb, organisationsCrumb } from './views/setup-organisation.js';
export { setupTexts } from './i18n.js';
export { findAwardForImport, findRoundsForImport, importedTimeline, writeImportedRound } from './imported-rounds.js';
// The slot of the award page and API that publication fills in (awards sits below publication).
export {
  provideEditionResult,
  loadPublicResult,
  nomineeHref,
  WinnerDetails,
  type EditionResultSource,
  type PublicNominee,
  type PublicResult,
  type PublicationInstants,
} from './edition-result.js';
// The slot of the award page that outreach fills in ("Få besked, når der åbnes").
