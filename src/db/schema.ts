// The one Drizzle schema of the app: each domain module owns its tables, gathered here
// for drizzle-kit and for the typed database handle.
export * from '../awards/awards.schema.js';
export * from '../nominations/nominations.schema.js';
export * from '../mail/mail.schema.js';
export * from '../platform/rate-limit.schema.js';
export * from '../accounts/accounts.schema.js';
export * from '../members/members.schema.js';
export * from '../platform/audit.schema.js';
export * from '../platform/storage/files.schema.js';
export * from '../judging/judging.schema.js';
export * from '../panel/panel.schema.js';
export * from '../publication/publication.schema.js';
export * from '../ideabank/ideabank.schema.js';
export * from '../history-import/history-import.schema.js';
export * from '../outreach/outreach.schema.js';
export * from '../messages/messages.schema.js';
