import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { messagesRoutes } from './messages.routes.js';

/**
 * Messages: the wording of every e-mail of a round, per stage and language (a default for each,
 * the round's own where its administrators changed it), the placeholders and their rule, and the
 * rendering of one e-mail for one recipient. The senders live where their stage lives and call
 * `messageRenderer` here; the outbox (src/mail) sends. It sits below awards, nominations,
 * members, judging, panel and publication, and reads only their tables.
 */
export async function messagesModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(messagesRoutes, deps);
}

export { MESSAGE_KINDS, MESSAGE_KIND_LIST, defaultTemplate, type MessageKind, type Placeholder, type Template } from './catalogue.js';
export {
  claimStage,
  editionValues,
  messageRenderer,
  recordStageMails,
  stageSent,
  WINNER_CONFIDENTIAL,
  type MessageRenderer,
  type MessageValues,
  type OutgoingMessage,
  type RenderedMessage,
} from './messages.service.js';
export { listDueSchedules } from './messages.repo.js';
export { messagesTexts } from './i18n.js';
