import {
  anonymiseAccount,
  blankAwardContacts,
  blankCommitteeSeats,
  blankSolutionContacts,
  clearOrganisationContacts,
  deleteMails,
  deleteInvitations,
  deleteRateLimits,
  findAccount,
  findAuditEvents,
  findAwardContacts,
  findCommitteeSeats,
  findInvitations,
  findMails,
  findNominations,
  findOrganisationContacts,
  findProviderAdminEmails,
  findRateLimits,
  findSolutionContacts,
  removeProviderAdminEmail,
  scrubAuditEvents,
} from './person-data.repo.js';
import { deleteExpiredOpeningSubscriptions, deleteOpeningSubscriptions, findOpeningSubscriptions } from '../outreach/index.js';
import { anonymiseNominationAudit, blankNomination } from './privacy.repo.js';

/**
 * Every table that can hold a person's e-mail address or name, and how a person's data in it is
 * exported and erased (person-data.service.ts). coverage.test.ts reads the schema and fails on a
 * column that looks like a person's (an e-mail, a name, an address, a label, a body …) that is
 * neither covered here nor listed in NOT_A_PERSON with the reason, so a new table with an e-mail
 * column fails it until it is covered.
 */
export type Coverage = {
  /** The columns that hold the person. */
  columns: readonly string[];
  /** What finds them for an export (and for the erasure: it erases what the export shows). */
  exportedBy: readonly ((...args: never[]) => unknown)[];
  /** What erases them. */
  erasedBy: readonly ((...args: never[]) => unknown)[];
  /** How, in a sentence. */
  how: string;
};

export const PERSON_DATA_TABLES = {
  nominations: {
    columns: ['nominator_name', 'nominator_email', 'nominator_workplace', 'nominee_names', 'nominee_unit', 'nominee_email', 'working_copy'],
    exportedBy: [findNominations],
    erasedBy: [blankNomination],
    how: "by the nominator's or the nominee's address (also in changes not sent yet), in editions of the administrator's organisations; the person's fields blanked and unsent changes dropped, the solution stays",
  },
  nomination_attachments: {
    columns: ['file_name'],
    exportedBy: [findNominations],
    erasedBy: [blankNomination],
    how: "listed with the nomination, files attached or deleted after sending and not sent yet too (unsentChange); deleted with the nominator's data, the row and its stored file (stored_files, stored_file_chunks) in one transaction by the row's delete trigger",
  },
  users: {
    columns: ['email', 'name', 'oidc_subject'],
    exportedBy: [findAccount],
    erasedBy: [anonymiseAccount],
    how: 'by ties to organisations (person-rules.ts): anonymised when every tie is to the administrator’s organisations',
  },
  api_tokens: {
    columns: ['name'],
    exportedBy: [findAccount],
    erasedBy: [anonymiseAccount],
    how: 'counted with the whole account; deleted when the account is anonymised (sessions and sign-in links too)',
  },
  outbox_messages: {
    columns: ['to_address', 'subject', 'text_body', 'html_body'],
    exportedBy: [findMails],
    erasedBy: [deleteMails],
    how: "the organisation's e-mails to the address or about the person's nominations (the nominator's receipt copies the nominee), the account's own mail with the whole account; deleted with their .eml files",
  },
  audit_events: {
    columns: ['actor_label', 'before', 'after'],
    exportedBy: [findAuditEvents],
    erasedBy: [anonymiseNominationAudit, scrubAuditEvents],
    how: "the organisation's events about the person's nominations and memberships (member.invite), by them, or naming the address: keys removed, the address blanked, the label anonymised",
  },
  solutions: {
    columns: ['contact_name', 'contact_email'],
    exportedBy: [findSolutionContacts],
    erasedBy: [blankSolutionContacts],
    how: "idea-bank solutions of the organisation with the person as public contact: contact blanked (the solution's page and API show none)",
  },
  awards: {
    columns: ['contact_name', 'contact_title', 'contact_unit', 'contact_phone', 'contact_email'],
    exportedBy: [findAwardContacts],
    erasedBy: [blankAwardContacts],
    how: "the organisation's awards with the person as contact: the contact's fields cleared",
  },
  organisations: {
    columns: ['contact_email', 'dpo_email'],
    exportedBy: [findOrganisationContacts],
    erasedBy: [clearOrganisationContacts],
    how: 'the organisation’s contact address or its data protection officer’s, when it is the person’s: cleared',
  },
  identity_providers: {
    columns: ['admin_emails'],
    exportedBy: [findProviderAdminEmails],
    erasedBy: [removeProviderAdminEmail],
    how: "the organisation's providers that make the address an administrator at sign-in: the address taken off the list",
  },
  committee_seats: {
    columns: ['name'],
    exportedBy: [findCommitteeSeats],
    erasedBy: [blankCommitteeSeats],
    how: "seats with the person's name in the organisation's editions they are a member of: the name taken off",
  },
  member_invitations: {
    columns: ['name'],
    exportedBy: [findInvitations],
    erasedBy: [deleteInvitations],
    how: "the account's invitations to editions of the administrator's organisations (by user id; the address is the account's): deleted",
  },
  rate_limit_buckets: {
    columns: ['key'],
    exportedBy: [findRateLimits],
    erasedBy: [deleteRateLimits],
    how: 'counters keyed by the address (sign-in links asked for): shown and deleted with the whole account, or when there is no account',
  },
  opening_subscriptions: {
    columns: ['email', 'consent_wording'],
    exportedBy: [findOpeningSubscriptions],
    erasedBy: [deleteOpeningSubscriptions, deleteExpiredOpeningSubscriptions],
    how: 'sign-ups for "Få besked, når der åbnes" to the organisation\'s awards, by address, with the consent: deleted; unconfirmed ones 7 days and fulfilled ones 30 days after (retention)',
  },
} as const satisfies Record<string, Coverage>;

/** Columns that look like a person's by their name but are not, each with the reason. */
export const NOT_A_PERSON: Record<string, string> = {
  'adoptions.organisation_name': 'the adopting organisation',
  'adoptions.unit_name': 'the adopting unit (a department, not a person)',
  'api_tokens.token_hash': 'a hash of a secret',
  'audit_events.entity_type': 'what kind of record',
  'awards.name': 'the name of the prize',
  'ballots.voter_key': 'an HMAC, not a person (finding 3 keeps it unlinkable)',
  'editions.event_name': 'the name of the award event',
  'editions.score_labels': 'the meaning of each step of the score scale',
  'email_sign_in_links.token_hash': 'a hash of a secret',
  'member_invitations.token_hash': 'a hash of a secret',
  'history_imports.file_name': "the uploaded file's name; its rows (nominees' names) are dropped once applied or after a day",
  'identity_providers.label': "the provider's name",
  'identity_providers.client_secret_env': 'the name of an environment variable',
  'nomination_attachments.storage_key': "the file's key in the store",
  'nominations.idempotency_key': "an API client's retry key",
  'nominations.access_token_hash': 'a hash of a secret',
  'nominations.nominee_consent_token_hash': 'a hash of a secret',
  'message_templates.subject': "an e-mail template an administrator wrote for a round (placeholders, not a person's data)",
  'message_templates.body': "an e-mail template an administrator wrote for a round (placeholders, not a person's data)",
  'nomination_link_recoveries.token_hash': 'a hash of a secret (the row names no person: it points at a nomination)',
  'nominations.reminder_token_hash': 'a hash of a secret',
  'organisations.name': "the organisation's name",
  'organisations.contact_phone': "the organisation's switchboard number (its contact address is covered)",
  'outbox_messages.dedupe_key': 'record ids (receipt:42:3)',
  'group_messages.subject': "an administrator's message to a group of a round; each copy is an outbox row to one address, covered there",
  'group_messages.body': "an administrator's message to a group of a round; each copy is an outbox row to one address, covered there",
  'group_messages.idempotency_key': 'a random key against double sends',
  'opening_subscriptions.confirm_token_hash': 'a hash of a secret',
  'sessions.id_hash': 'a hash of a secret',
  'solution_images.file_name': "an image of the solution, not tied to a person's address",
  'solution_images.storage_key': "the file's key in the store",
  'stored_files.key':
    "a random key; the file's bytes are covered through the row that owns it (nomination_attachments, solution_images), whose delete trigger deletes the file",
  'stored_file_chunks.file_key': 'the random key of the file the bytes belong to (deleted with it)',
  'solution_search.organisation_name': 'a copy of the solution’s organisation',
  'solution_search.unit_name': 'a copy of the solution’s unit',
  'solutions.organisation_name': 'the organisation behind the solution',
  'solutions.unit_name': 'the unit behind the solution',
  'solutions.seed_key': 'the demo seed’s key',
};

/**
 * A column whose name says it may hold a person's e-mail address or name (text and JSON columns
 * only): e-mail, name, address, contact, label, unit, workplace, key, body, subject, before/after.
 */
export const PERSON_LIKE_COLUMN = /e_?mails?|name|address|contact|label|unit|workplace|key|hash|salt|secret|body|subject|^before$|^after$/;
