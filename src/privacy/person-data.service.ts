import { createHash } from 'node:crypto';
import { type Database, inTransaction } from '../db/database.js';
import type { Actor } from '../accounts/index.js';
import { removeMailFiles } from '../mail/index.js';
import { deleteOpeningSubscriptions, findOpeningSubscriptions } from '../outreach/index.js';
import { recordAudit } from '../platform/audit.js';
import {
  anonymiseAccount,
  blankAwardContacts,
  blankCommitteeSeats,
  deleteInvitations,
  blankSolutionContacts,
  clearOrganisationContacts,
  countSessionsAndTokens,
  deleteMails,
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
import { accountAccess, type AccountAccess, auditedOrganisations } from './person-rules.js';
import {
  allowAuditAnonymisation,
  anonymiseNominationAudit,
  blankNomination,
  NOMINATOR_AUDIT_KEYS,
  NOMINEE_AUDIT_KEYS,
  PERSONAL_AUDIT_KEYS,
} from './privacy.repo.js';

/**
 * A person's data on request (GDPR articles 15 and 17), for an administrator and limited to the
 * administrator's organisations: everything stored about one e-mail address, as JSON, and its
 * erasure (anonymisation where a record must stay, such as a committee member's scores). What
 * belongs to an organisation is found by the organisation (person-data.repo.ts); the person's
 * user account by their ties to organisations (person-rules.ts, accountAccess). Export and
 * erasure find the same rows: the erasure removes what the export shows. coverage.ts lists every
 * table that can hold a person and how it is covered.
 */

type Row = Record<string, unknown>;

export type PersonData = {
  email: string;
  exportedAt: string;
  organisationIds: number[];
  nominationsAsNominator: Row[];
  nominationsAsNominee: Row[];
  /** How much of the user account the administrator sees (person-rules.ts). */
  account: AccountAccess['see'];
  /** The account: id, e-mail and name when 'ties'; with its creation, sign-in identity and last sign-in when 'all'. */
  user: Row | null;
  administratorOf: number[];
  memberships: Row[];
  /** Counts of the account's sessions and API tokens; null unless the account is wholly the administrator's ('all'). */
  sessions: number | null;
  apiTokens: number | null;
  emails: Row[];
  auditEvents: Row[];
  /** Idea-bank solutions with the person as their public contact. */
  solutionContacts: Row[];
  /** Awards with the person as their contact, organisations with the address as theirs. */
  awardContacts: Row[];
  organisationContacts: Row[];
  /** Identity providers that make the person an administrator at sign-in. */
  identityProviders: Row[];
  /** Committee seats (the published committee) with the person's name, in editions they are a member of. */
  committeeSeats: Row[];
  /** Invitations to the account in editions of the administrator's organisations (the name typed for it). */
  invitations: Row[];
  /** Rate-limit counters keyed by the address (sign-in links asked for); shown with the whole account only. */
  rateLimits: Row[];
  /** "Få besked, når der åbnes": the address's sign-ups for awards of these organisations, with their consent. */
  openingSubscriptions: Row[];
};

/** The pseudonym of an address in the audit log of an export or erasure: the address itself is not kept there. */
export function emailPseudonym(email: string): string {
  return `sha256:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 16)}`;
}

/** What the export shows, with the ids the erasure needs. */
type Found = { data: PersonData; userId: number | null; memberIds: number[]; access: AccountAccess; touched: number[] };

async function find(db: Database, email: string, scope: number[], now: Date): Promise<Found> {
  const asNominator = await findNominations(db, 'nominator', email, scope);
  const asNominee = await findNominations(db, 'nominee', email, scope);
  const account = await findAccount(db, email);
  const access = accountAccess(account?.ties ?? null, scope);
  const visible = account && access.see !== 'nothing' ? account : null;
  const whole = access.see === 'all';
  const memberships = visible ? visible.memberships.filter((m) => scope.includes(Number(m.organisation_id))) : [];
  const memberIds = memberships.map((m) => Number(m.id));
  const counts = visible && whole ? await countSessionsAndTokens(db, visible.user.id) : null;
  const nominationIds = [...asNominator, ...asNominee].map((n) => Number(n.id));
  const emails = await findMails(db, { email, scope, nominationIds, accountMail: whole });
  const invitations = visible ? await findInvitations(db, visible.user.id, scope) : [];
  const invitationIds = invitations.map((i) => Number(i.id));
  const auditEvents = await findAuditEvents(db, {
    email,
    scope,
    userId: visible?.user.id ?? null,
    nominationIds,
    memberIds,
    invitationIds,
    accountEvents: whole,
  });
  const solutionContacts = await findSolutionContacts(db, email, scope);
  const awardContacts = await findAwardContacts(db, email, scope);
  const organisationContacts = await findOrganisationContacts(db, email, scope);
  const identityProviders = await findProviderAdminEmails(db, email, scope);
  const committeeSeats = visible
    ? await findCommitteeSeats(
        db,
        visible.user.name,
        memberships.map((m) => Number(m.edition_id)),
      )
    : [];
  const rateLimits = whole || !account ? await findRateLimits(db, email) : [];
  const openingSubscriptions = await findOpeningSubscriptions(db, email, scope);
  const user = !visible ? null : whole ? visible.user : { id: visible.user.id, email: visible.user.email, name: visible.user.name };
  const touched = [
    ...[
      asNominator,
      asNominee,
      emails,
      auditEvents,
      solutionContacts,
      awardContacts,
      organisationContacts,
      identityProviders,
      committeeSeats,
      memberships,
      invitations,
      openingSubscriptions,
    ]
      .flat()
      .map((r) => Number(r.organisation_id)),
    ...(visible ? [...visible.ties.adminOf, ...visible.ties.staffOf] : []),
  ].filter((o) => scope.includes(o));
  return {
    userId: visible?.user.id ?? null,
    memberIds,
    access,
    touched,
    data: {
      email,
      exportedAt: now.toISOString(),
      organisationIds: scope,
      nominationsAsNominator: asNominator,
      nominationsAsNominee: asNominee,
      account: access.see,
      user,
      administratorOf: visible ? visible.ties.adminOf.filter((o) => scope.includes(o)) : [],
      memberships,
      sessions: counts ? counts.sessions : null,
      apiTokens: counts ? counts.tokens : null,
      emails,
      auditEvents,
      solutionContacts,
      awardContacts,
      organisationContacts,
      identityProviders,
      committeeSeats,
      invitations,
      rateLimits,
      openingSubscriptions,
    },
  };
}

/** Everything stored about `email` within `organisationIds`, as it is in the database (reads only). */
export async function collectPersonData(deps: { db: Database; email: string; organisationIds: number[]; now: Date }): Promise<PersonData> {
  return (await find(deps.db, deps.email, deps.organisationIds, deps.now)).data;
}

/** How many rows of each kind belong to `organisationId`. */
function countsFor(data: PersonData, organisationId: number) {
  const of = (rows: Row[]) => rows.filter((r) => Number(r.organisation_id) === organisationId).length;
  return {
    nominations: of(data.nominationsAsNominator) + of(data.nominationsAsNominee),
    memberships: of(data.memberships),
    emails: of(data.emails),
    auditEvents: of(data.auditEvents),
    solutionContacts: of(data.solutionContacts),
    contacts: of(data.awardContacts) + of(data.organisationContacts) + of(data.identityProviders) + of(data.committeeSeats),
  };
}

/**
 * collectPersonData for a person's request to see their data.
 *
 * Refuses nothing: an administrator of no organisation gets an empty export.
 * Side effects: one 'person.export' audit event in each organisation whose data was shown (in
 * each of the administrator's organisations when none was), with that organisation's counts and
 * the address only as a pseudonym.
 */
export async function exportPersonData(deps: { db: Database; email: string; organisationIds: number[]; actor: Actor; now: Date }): Promise<PersonData> {
  const { db, email, organisationIds, now } = deps;
  const found = await find(db, email, organisationIds, now);
  for (const organisationId of auditedOrganisations(found.touched, organisationIds)) {
    await recordAudit(
      db,
      {
        actor: deps.actor,
        action: 'person.export',
        entityType: 'person',
        entityId: emailPseudonym(email),
        organisationId,
        after: { ...countsFor(found.data, organisationId), user: found.data.user ? 1 : 0 },
      },
      now,
    );
  }
  return found.data;
}

export type ErasureResult = {
  nominationsAsNominator: number;
  nominationsAsNominee: number;
  attachments: number;
  /** 'anonymised', 'none' (no account, or not the administrator's), or 'kept' (the account also serves another organisation). */
  user: 'anonymised' | 'none' | 'kept';
  sessions: number;
  auditEvents: number;
  sentMails: number;
  /** Idea-bank solutions whose public contact was blanked. */
  solutionContacts: number;
  /** Award, organisation, identity-provider and committee-seat entries that named the person. */
  contacts: number;
  /** Sign-ups for "Få besked, når der åbnes", deleted. */
  openingSubscriptions: number;
};

/**
 * Erases `email`'s personal data within `organisationIds` (the rows the export shows).
 *
 * Refuses nothing: what is not the administrator's is not found, so it stays.
 * Side effects, in one transaction:
 * - nominations where the address is the nominator's: the nominator's name, e-mail and
 *   workplace blanked, the private link dropped, attachments deleted with their stored files
 *   and chunks (the rows' delete trigger); where it is the nominee's: the nominee's names, unit and e-mail blanked;
 * - e-mails (outbox rows, pending ones too) of these organisations to the address or about these
 *   nominations (the nominator's receipt copies the nominee), and the account's own mail when the
 *   account is wholly theirs, deleted; their `.eml` files in `mailDir` removed after the commit;
 * - audit events of these organisations: the person's keys removed (nominator's or nominee's
 *   keys of the nominations; name and e-mail of their memberships, as in 'member.invite'), the
 *   address blanked wherever written, the actor label anonymised where it is theirs;
 * - idea-bank solutions with the person as contact: contact name and e-mail blanked; award and
 *   organisation contacts, identity providers' administrator lists and committee seats naming
 *   the person: cleared; rate-limit counters keyed by the address: deleted; sign-ups for
 *   "Få besked, når der åbnes" to awards of these organisations: deleted;
 * - the user account, when all its ties are to these organisations (person-rules.ts): e-mail and
 *   name replaced, sign-in identity, sessions, API tokens and sign-in links removed (its
 *   decisions stay, anonymous); else kept;
 * - one 'person.erase' audit event in each organisation whose data was erased (each of the
 *   administrator's organisations when none was), with its counts and the address only as a
 *   pseudonym.
 */
export async function erasePersonData(deps: {
  db: Database;
  email: string;
  organisationIds: number[];
  actor: Actor;
  now: Date;
  /** Where the mail worker writes `.eml` files when no SMTP server is set. */
  mailDir?: string | undefined;
}): Promise<ErasureResult> {
  const { db, email, organisationIds, now } = deps;
  const { result, mails } = await inTransaction(db, async (tx) => {
    await allowAuditAnonymisation(tx);
    const { data, userId, memberIds, access, touched } = await find(tx, email, organisationIds, now);
    const asNominator = data.nominationsAsNominator.map((n) => Number(n.id));
    const asNominee = data.nominationsAsNominee.map((n) => Number(n.id));
    const keys: string[] = [];
    for (const id of asNominator) keys.push(...(await blankNomination(tx, id, { nominator: true, nominee: false }, now)));
    for (const id of asNominee) await blankNomination(tx, id, { nominator: false, nominee: true }, now);
    await anonymiseNominationAudit(tx, asNominator, NOMINATOR_AUDIT_KEYS);
    await anonymiseNominationAudit(tx, asNominee, NOMINEE_AUDIT_KEYS);
    const mails = await deleteMails(
      tx,
      data.emails.map((m) => Number(m.id)),
    );
    const label = userId === null ? 'anonymiseret' : `anonymiseret bruger #${userId}`;
    let auditEvents = await scrubAuditEvents(tx, {
      ids: data.auditEvents.map((e) => Number(e.id)),
      email,
      userId,
      memberIds,
      invitationIds: data.invitations.map((i) => Number(i.id)),
      personalKeys: PERSONAL_AUDIT_KEYS,
      label,
    });
    await blankSolutionContacts(
      tx,
      data.solutionContacts.map((r) => Number(r.id)),
    );
    await blankAwardContacts(
      tx,
      data.awardContacts.map((r) => Number(r.id)),
    );
    await clearOrganisationContacts(
      tx,
      data.organisationContacts.map((r) => Number(r.id)),
      deps.email,
    );
    await removeProviderAdminEmail(
      tx,
      data.identityProviders.map((r) => Number(r.id)),
      email,
    );
    await blankCommitteeSeats(
      tx,
      data.committeeSeats.map((r) => Number(r.id)),
    );
    await deleteInvitations(
      tx,
      data.invitations.map((r) => Number(r.id)),
    );
    if (access.see === 'all' || access.reason === 'no-account') await deleteRateLimits(tx, email);
    const openingSubscriptions = await deleteOpeningSubscriptions(tx, email, organisationIds);
    let user: ErasureResult['user'] = access.see === 'all' ? 'anonymised' : access.see === 'ties' ? 'kept' : 'none';
    let sessions = 0;
    if (access.see === 'all' && userId !== null) {
      const done = await anonymiseAccount(tx, userId, label);
      sessions = done.sessions;
      auditEvents += done.auditEvents;
      user = 'anonymised';
    }
    const result: ErasureResult = {
      nominationsAsNominator: asNominator.length,
      nominationsAsNominee: asNominee.length,
      attachments: keys.length,
      user,
      sessions,
      auditEvents,
      sentMails: mails.length,
      solutionContacts: data.solutionContacts.length,
      contacts: data.awardContacts.length + data.organisationContacts.length + data.identityProviders.length + data.committeeSeats.length,
      openingSubscriptions,
    };
    for (const organisationId of auditedOrganisations(touched, organisationIds)) {
      await recordAudit(
        tx,
        {
          actor: deps.actor,
          action: 'person.erase',
          entityType: 'person',
          entityId: emailPseudonym(email),
          organisationId,
          after: { ...countsFor(data, organisationId), user: result.user },
        },
        now,
      );
    }
    return { result, mails };
  });
  if (deps.mailDir) await removeMailFiles(deps.mailDir, mails);
  return result;
}
