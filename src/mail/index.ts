// Mail has no pages: other modules write e-mails to the outbox, server.ts runs the worker.
export { enqueueMail, type NewMail } from './outbox.js';
export { escapeHtml, htmlOfText } from './html-layout.js';
export { createFileTransport, createSmtpTransport, removeMailFiles, type MailTransport } from './transport.js';
export { startMailWorker } from './worker.js';
