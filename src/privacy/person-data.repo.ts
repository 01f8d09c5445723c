import { sql } from 'drizzle-orm';
import { queryRows, sqlList, type Database } from '../db/database.js';
import type { AccountTies } from './person-rules.js';

/**
 * SQL of a person's data on request: everything stored about one e-mail address within some
 * organisations (`scope`), found table by table, and its erasure by the ids found. Every table
 * that can hold a person's e-mail or name is listed in coverage.ts with the function here that
 * covers it. A row is in scope by its organisation: a nomination's, a membership's and a
 * committee seat's through the edition's award, an e-mail's and an audit event's by their
 * organisation_id, an idea-bank solution's by its owner organisation.
 */

type Row = Record<string, unknown>;

/** Nomination columns shown in an export; the token hashes are secrets, not personal data. */
const NOMINATION_COLUMNS = sql`n.id, n.edition_id, a.organisation_id, a.name as award, e.year, n.status, n.receipt_number, n.nominee_kind, n.nominee_names, n.nominee_unit,
  n.nominee_organisation, n.nominee_email, n.nominator_name, n.nominator_email, n.nominator_workplace, n.nominator_is_citizen, n.title, n.summary,
  n.answers, n.origin_organisation, n.origin_description, n.origin_url, n.nominee_consent, n.nominee_consent_at, n.screening, n.created_at,
  n.updated_at, n.sent_at, n.withdrawn_at, n.working_copy as unsent_changes,
  (select coalesce(jsonb_agg(jsonb_build_object('fileName', f.file_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes, 'createdAt', f.created_at, 'unsentChange', f.pending_change)), '[]'::jsonb)
     from nomination_attachments f where f.nomination_id = n.id) as attachments`;

export type NominationFound = Row & { id: number; organisation_id: number };

/** Nominations of editions of `scope` where `email` is the nominator's or the nominee's. */
export async function findNominations(db: Database, role: 'nominator' | 'nominee', email: string, scope: readonly number[]): Promise<NominationFound[]> {
  const column = role === 'nominator' ? sql`n.nominator_email` : sql`n.nominee_email`;
  // Changes saved after sending and not sent yet (the working copy) may hold another address.
  const key = role === 'nominator' ? 'nominatorEmail' : 'nomineeEmail';
  return queryRows<NominationFound>(
    db,
    sql`select ${NOMINATION_COLUMNS} from nominations n join editions e on e.id = n.edition_id join awards a on a.id = e.award_id
         where (lower(${column}) = lower(${email}) or lower(n.working_copy ->> ${key}) = lower(${email}))
           and a.organisation_id in ${sqlList(scope)} order by n.id`,
  );
}

export type AccountFound = {
  user: Row & { id: number; name: string; email: string };
  ties: AccountTies;
  /** Every membership, with the organisation of its edition. */
  memberships: (Row & { id: number; edition_id: number; organisation_id: number })[];
};

/** The user account of `email` and its ties to organisations (administrator, member, staff through an identity provider). */
export async function findAccount(db: Database, email: string): Promise<AccountFound | null> {
  const [user] = await queryRows<AccountFound['user']>(
    db,
    sql`select id, email, name, oidc_issuer, created_at, last_sign_in_at from users where lower(email) = lower(${email})`,
  );
  if (!user) return null;
  const adminOf = await queryRows<{ organisation_id: number }>(
    db,
    sql`select organisation_id from organisation_admins where user_id = ${user.id} order by organisation_id`,
  );
  const staffOf = user.oidc_issuer
    ? await queryRows<{ organisation_id: number }>(
        db,
        sql`select distinct organisation_id from identity_providers where issuer = ${String(user.oidc_issuer)} order by organisation_id`,
      )
    : [];
  const memberships = await queryRows<AccountFound['memberships'][number]>(
    db,
    sql`select m.id, m.edition_id, a.name as award, e.year, m.role, m.is_chair, m.party_letter, m.represents, m.invited_at, m.removed_at, a.organisation_id
          from edition_members m join editions e on e.id = m.edition_id join awards a on a.id = e.award_id
         where m.user_id = ${user.id} order by m.edition_id, m.id`,
  );
  return {
    user,
    memberships,
    ties: {
      adminOf: adminOf.map((r) => Number(r.organisation_id)),
      memberOf: memberships.map((m) => Number(m.organisation_id)),
      staffOf: staffOf.map((r) => Number(r.organisation_id)),
    },
  };
}

/** How many sessions and API tokens the user has. */
export async function countSessionsAndTokens(db: Database, userId: number): Promise<{ sessions: number; tokens: number }> {
  const [row] = await queryRows<{ sessions: number; tokens: number }>(
    db,
    sql`select (select count(*)::int from sessions where user_id = ${userId}) as sessions,
               (select count(*)::int from api_tokens where user_id = ${userId}) as tokens`,
  );
  return { sessions: Number(row?.sessions ?? 0), tokens: Number(row?.tokens ?? 0) };
}

/**
 * E-mails (outbox rows) that hold the person: those of `scope`'s organisations to the address
 * or about the person's nominations (a receipt to the nominator copies the nominee), and, when
 * `accountMail`, the person's own account mail (no organisation: sign-in links) to the address.
 */
export async function findMails(
  db: Database,
  q: { email: string; scope: readonly number[]; nominationIds: readonly number[]; accountMail: boolean },
): Promise<(Row & { id: number; organisation_id: number | null; created_at: Date })[]> {
  const about = q.nominationIds.map((id) => `nomination:${id}`);
  return queryRows(
    db,
    sql`select id, organisation_id, kind, subject, status, created_at, sent_at from outbox_messages
         where (organisation_id in ${sqlList(q.scope)} and (lower(to_address) = lower(${q.email}) or about in ${sqlList(about)}))
            or (${sql.raw(q.accountMail ? 'true' : 'false')} and organisation_id is null and lower(to_address) = lower(${q.email}))
         order by id`,
  );
}

/**
 * Audit events of `scope`'s organisations that hold the person: about their nominations, about
 * their memberships (`memberIds`, or naming their user id), by them (`userId`), or with the
 * address anywhere in before/after or the actor's label; and, when `accountEvents`, the events
 * of no organisation that they did (their account's own).
 */
export async function findAuditEvents(
  db: Database,
  q: {
    email: string;
    scope: readonly number[];
    userId: number | null;
    nominationIds: readonly number[];
    memberIds: readonly number[];
    invitationIds: readonly number[];
    accountEvents: boolean;
  },
): Promise<(Row & { id: number; organisation_id: number | null })[]> {
  const user =
    q.userId === null ? sql`false` : sql`actor_user_id = ${q.userId} or before->>'userId' = ${String(q.userId)} or after->>'userId' = ${String(q.userId)}`;
  return queryRows(
    db,
    sql`select id, at, actor_label, organisation_id, edition_id, action, entity_type, entity_id, before, after from audit_events
         where (organisation_id in ${sqlList(q.scope)}
                and (${user}
                     or (entity_type = 'nomination' and entity_id in ${sqlList(q.nominationIds.map(String))})
                     or (entity_type = 'edition_member' and entity_id in ${sqlList(q.memberIds.map(String))})
                     or (entity_type = 'member_invitation' and entity_id in ${sqlList(q.invitationIds.map(String))})
                     or position(lower(${q.email}) in lower(coalesce(before::text, '') || coalesce(after::text, '') || actor_label)) > 0))
            or (${sql.raw(q.accountEvents && q.userId !== null ? 'true' : 'false')} and organisation_id is null and actor_user_id = ${q.userId ?? 0})
         order by id`,
  );
}

/** Idea-bank solutions of `scope`'s organisations whose contact is the address (public on the solution's page and in the API). */
export async function findSolutionContacts(db: Database, email: string, scope: readonly number[]): Promise<(Row & { id: number; organisation_id: number })[]> {
  return queryRows(
    db,
    sql`select id, owner_organisation_id as organisation_id, title, organisation_name, unit_name, contact_name, contact_email, created_at, updated_at
          from solutions where owner_organisation_id in ${sqlList(scope)} and lower(contact_email) = lower(${email}) order by id`,
  );
}

/** Awards of `scope`'s organisations whose contact person is the address. */
export async function findAwardContacts(db: Database, email: string, scope: readonly number[]): Promise<(Row & { id: number; organisation_id: number })[]> {
  return queryRows(
    db,
    sql`select id, organisation_id, name as award, contact_name, contact_title, contact_unit, contact_phone, contact_email
          from awards where organisation_id in ${sqlList(scope)} and lower(contact_email) = lower(${email}) order by id`,
  );
}

/** `scope`'s organisations whose contact address or data protection officer's address is the address. */
export async function findOrganisationContacts(
  db: Database,
  email: string,
  scope: readonly number[],
): Promise<(Row & { id: number; organisation_id: number })[]> {
  return queryRows(
    db,
    sql`select id, id as organisation_id, name, contact_email, dpo_email from organisations
         where id in ${sqlList(scope)} and (lower(contact_email) = lower(${email}) or lower(dpo_email) = lower(${email})) order by id`,
  );
}

/** Identity providers of `scope`'s organisations that list the address among the employees made administrators at sign-in. */
export async function findProviderAdminEmails(
  db: Database,
  email: string,
  scope: readonly number[],
): Promise<(Row & { id: number; organisation_id: number })[]> {
  return queryRows(
    db,
    sql`select id, organisation_id, label, issuer from identity_providers
         where organisation_id in ${sqlList(scope)} and exists (select 1 from jsonb_array_elements_text(admin_emails) x where lower(x) = lower(${email}))
         order by id`,
  );
}

/** Committee seats (the published composition of a committee) in these editions named `name`. */
export async function findCommitteeSeats(
  db: Database,
  name: string,
  editionIds: readonly number[],
): Promise<(Row & { id: number; organisation_id: number })[]> {
  if (name.trim() === '' || editionIds.length === 0) return [];
  return queryRows(
    db,
    sql`select s.id, a.organisation_id, s.edition_id, s.name, s.party_letter, s.represents, s.is_chair
          from committee_seats s join editions e on e.id = s.edition_id join awards a on a.id = e.award_id
         where s.edition_id in ${sqlList(editionIds)} and lower(btrim(s.name)) = lower(btrim(${name})) order by s.id`,
  );
}

/** Invitations to the account, in editions of the given organisations (open, accepted or withdrawn). */
export async function findInvitations(db: Database, userId: number, scope: readonly number[]): Promise<(Row & { id: number; organisation_id: number })[]> {
  if (scope.length === 0) return [];
  return queryRows(
    db,
    sql`select i.id, a.organisation_id, i.edition_id, i.role, i.name, i.invited_at, i.expires_at, i.accepted_at, i.withdrawn_at
          from member_invitations i join editions e on e.id = i.edition_id join awards a on a.id = e.award_id
         where i.user_id = ${userId} and a.organisation_id in ${sqlList(scope)} order by i.id`,
  );
}

/** Rate-limit counters keyed by the address (e-mail sign-in links asked for it). */
export async function findRateLimits(db: Database, email: string): Promise<Row[]> {
  return queryRows(
    db,
    sql`select key, window_start, count from rate_limit_buckets where right(key, length(${email}) + 1) = ':' || lower(${email}) order by key`,
  );
}

// Erasure, by the ids found above.

/** Deletes these outbox rows (pending ones too: they would send the person's data after the erasure); returns what the `.eml` files need. */
export async function deleteMails(tx: Database, ids: readonly number[]): Promise<{ id: number; createdAt: Date }[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number; created_at: Date | string }>(
    tx,
    sql`delete from outbox_messages where id in ${sqlList(ids)} returning id, created_at`,
  );
  return rows.map((r) => ({ id: Number(r.id), createdAt: new Date(r.created_at) }));
}

const regexpOf = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Blanks the person in these audit events: the keys `personalKeys` of events about their
 * memberships (`memberIds`, or naming `userId`), the address wherever it is written in
 * before/after, and the actor's label of the events they did (or whose label holds the address).
 * Requires allowAuditAnonymisation in the transaction.
 */
export async function scrubAuditEvents(
  tx: Database,
  q: {
    ids: readonly number[];
    email: string;
    userId: number | null;
    memberIds: readonly number[];
    invitationIds: readonly number[];
    personalKeys: readonly string[];
    label: string;
  },
): Promise<number> {
  if (q.ids.length === 0) return 0;
  const keys = sql`array[${sql.join(
    q.personalKeys.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;
  // Events about the person's memberships and invitations lose the personal keys outright.
  const theirs = sql`(entity_type = 'edition_member' and entity_id in ${sqlList(q.memberIds.map(String))}) or (entity_type = 'member_invitation' and entity_id in ${sqlList(q.invitationIds.map(String))})`;
  const aboutPerson =
    q.userId === null ? sql`(${theirs})` : sql`(${theirs} or before->>'userId' = ${String(q.userId)} or after->>'userId' = ${String(q.userId)})`;
  const pattern = regexpOf(q.email);
  const byPerson = q.userId === null ? sql`false` : sql`actor_user_id = ${q.userId}`;
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`update audit_events
           set before = case when before is null then null
                             else regexp_replace((case when ${aboutPerson} and jsonb_typeof(before) = 'object' then before - ${keys} else before end)::text, ${pattern}, 'anonymiseret', 'gi')::jsonb end,
               after = case when after is null then null
                            else regexp_replace((case when ${aboutPerson} and jsonb_typeof(after) = 'object' then after - ${keys} else after end)::text, ${pattern}, 'anonymiseret', 'gi')::jsonb end,
               actor_label = case when ${byPerson} or position(lower(${q.email}) in lower(actor_label)) > 0 then ${q.label} else actor_label end
         where id in ${sqlList(q.ids)}
     returning id`,
  );
  return rows.length;
}

/** Blanks the contact (name and address) of these idea-bank solutions. */
export async function blankSolutionContacts(tx: Database, ids: readonly number[]): Promise<void> {
  if (ids.length) await tx.execute(sql`update solutions set contact_name = '', contact_email = '' where id in ${sqlList(ids)}`);
}

/** Blanks the contact person of these awards. */
export async function blankAwardContacts(tx: Database, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await tx.execute(
      sql`update awards set contact_name = null, contact_title = null, contact_unit = null, contact_phone = null, contact_email = null where id in ${sqlList(ids)}`,
    );
}

/** Clears the contact and data protection officer's addresses of these organisations where they are `email`. */
export async function clearOrganisationContacts(tx: Database, ids: readonly number[], email: string): Promise<void> {
  if (!ids.length) return;
  await tx.execute(
    sql`update organisations
           set contact_email = case when lower(contact_email) = lower(${email}) then null else contact_email end,
               dpo_email = case when lower(dpo_email) = lower(${email}) then null else dpo_email end
         where id in ${sqlList(ids)}`,
  );
}

/** Takes the address off the administrators' list of these identity providers. */
export async function removeProviderAdminEmail(tx: Database, ids: readonly number[], email: string): Promise<void> {
  if (ids.length)
    await tx.execute(
      sql`update identity_providers
             set admin_emails = coalesce((select jsonb_agg(x) from jsonb_array_elements_text(admin_emails) x where lower(x) <> lower(${email})), '[]'::jsonb)
           where id in ${sqlList(ids)}`,
    );
}

/** Takes the name off these committee seats (a seat that represents an organisation keeps that). */
export async function blankCommitteeSeats(tx: Database, ids: readonly number[]): Promise<void> {
  if (ids.length) await tx.execute(sql`update committee_seats set name = case when represents is null then '' else null end where id in ${sqlList(ids)}`);
}

/** Deletes invitations (the name typed for the person goes with them; a link not yet followed stops working). */
export async function deleteInvitations(tx: Database, ids: readonly number[]): Promise<void> {
  if (ids.length) await tx.execute(sql`delete from member_invitations where id in ${sqlList(ids)}`);
}

/** Deletes the rate-limit counters keyed by the address. */
export async function deleteRateLimits(tx: Database, email: string): Promise<void> {
  await tx.execute(sql`delete from rate_limit_buckets where right(key, length(${email}) + 1) = ':' || lower(${email})`);
}

/**
 * Anonymises a user account: e-mail and name replaced, sign-in identity removed, sessions, API
 * tokens and sign-in links deleted, and the actor label of everything they did anonymised
 * (their decisions stay). Returns the number of sessions ended and of audit labels changed.
 */
export async function anonymiseAccount(tx: Database, userId: number, label: string): Promise<{ sessions: number; auditEvents: number }> {
  const sessions = (await queryRows<{ id: string }>(tx, sql`delete from sessions where user_id = ${userId} returning id_hash as id`)).length;
  await tx.execute(sql`delete from api_tokens where user_id = ${userId}`);
  await tx.execute(sql`delete from email_sign_in_links where user_id = ${userId}`);
  await tx.execute(
    sql`update users set email = ${`slettet-${userId}@anonymiseret.invalid`}, name = '', oidc_issuer = null, oidc_subject = null where id = ${userId}`,
  );
  const events = await queryRows<{ id: number }>(
    tx,
    sql`update audit_events set actor_label = ${label} where actor_user_id = ${userId} and actor_label <> ${label} returning id`,
  );
  return { sessions, auditEvents: events.length };
}
