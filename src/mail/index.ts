// Mail has no pages: other modules write e-mails to the outbox, server.ts runs the worker.
export {
  enqueueMail,
  enqueueMails,
  htmlPartOf,
  OUTBOX_INSERT_COLUMNS,
  outboxInsertValues,
  MAIL_HEADER_NAMES,
  type MailHeaderName,
  type NewMail,
} from './outbox.js';
export { escapeHtml, htmlOfText } from './html-layout.js';
export { createFileTransport, createSmtpTransport, probeSmtp, removeMailFiles, type MailTransport, type SmtpProbe } from './transport.js';
export { startMailWorker } from './worker.js';
