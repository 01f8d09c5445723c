import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { adminApi } from './admin.api.js';
import { adminRoutes } from './admin.routes.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import { nominationApi } from './nominations.api.js';
import { nominationRoutes } from './nominations.routes.js';
import { linkRecoveryRoutes } from './link-recovery.routes.js';

/** Nominations: the form, drafts, sending, receipts and attachments; the administrators' list, screening and exports. */
export async function nominationsModule(app: FastifyInstance, deps: AppDeps) {
  const rest = deps;
  await app.register(nominationRoutes, rest);
  await app.register(linkRecoveryRoutes, rest);
  await app.register(nominationApi, rest);
  await app.register(attachmentRoutes, rest);
  await app.register(adminRoutes, rest);
  await app.register(adminApi, rest);
}

export { countWords } from './word-count.js';
export { NOMINEE_KIND_LABEL } from './nomination-text.js';
export { NO_NOMINATIONS_WAITING, countNominationsWaiting, type NominationsWaiting } from './waiting.repo.js';
export { findNomineesOfEditions, insertImportedNominee } from './imported-nominees.js';
export {
  issueReminderLink,
  listDraftsNearDeadline,
  listNominatorRecipients,
  type DueDraft,
  type NominatorRecipient,
} from './recipients.repo.js';
