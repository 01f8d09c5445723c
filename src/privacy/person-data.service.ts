import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, inTransaction } from '../db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import type { AttachmentStore } from '../platform/storage/store.js';
import { allowAuditAnonymisation, anonymiseNominationAudit, blankNomination, deleteSentMailTo } from './privacy.repo.js';

/**
 * A person's data on request (GDPR articles 15 and 17), for an administrator and limited to the
 * administrator's organisations: everything stored about one e-mail address, as JSON, and its
 * erasure (anonymisation where a record must stay, such as a committee member's scores).
 */

export type PersonData = {
  email: string;
  exportedAt: string;
  organisationIds: number[];
  nominationsAsNominator: Record<string, unknown>[];
  nominationsAsNominee: Record<string, unknown>[];
  user: Record<string, unknown> | null;
  administratorOf: number[];
  memberships: Record<string, unknown>[];
  sessions: number;
  apiTokens: number;
  emails: Record<string, unknown>[];
  auditEvents: Record<string, unknown>[];
};

/** The pseudonym of an address in the audit log of an export or erasure: the address itself is not kept there. */
export function emailPseudonym(email: string): string {
  return `sha256:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 16)}`;
}

/** Nomination columns shown in an export; the token hashes are secrets, not personal data. */
const NOMINATION_COLUMNS = sql`n.id, n.edition_id, a.name as award, e.year, n.status, n.receipt_number, n.nominee_kind, n.nominee_names, n.nominee_unit,
  n.nominee_organisation, n.nominee_email, n.nominator_name, n.nominator_email, n.nominator_workplace, n.nominator_is_citizen, n.title, n.summary,
  n.answers, n.origin_organisation, n.origin_description, n.origin_url, n.nominee_consent, n.nominee_consent_at, n.screening, n.created_at,
  n.updated_at, n.sent_at, n.withdrawn_at,
  (select coalesce(jsonb_agg(jsonb_build_object('fileName', f.file_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes, 'createdAt', f.created_at)), '[]'::jsonb)
     from nomination_attachments f where f.nomination_id = n.id) as attachments`;

const inScope = (organisationIds: number[]) =>
  sql`a.organisation_id in (${sql.join(
    organisationIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;

async function nominationsOf(db: Database, role: 'nominator' | 'nominee', email: string, organisationIds: number[]) {
  const column = role === 'nominator' ? sql`n.nominator_email` : sql`n.nominee_email`;
  return queryRows<Record<string, unknown> & { id: number }>(
    db,
    sql`select ${NOMINATION_COLUMNS} from nominations n join editions e on e.id = n.edition_id join awards a on a.id = e.award_id
         where lower(${column}) = lower(${email}) and ${inScope(organisationIds)} order by n.id`,
  );
}

type UserFacts = { user: Record<string, unknown> & { id: number }; adminOf: number[]; memberships: (Record<string, unknown> & { organisation_id: number })[] };

async function userOf(db: Database, email: string): Promise<UserFacts | null> {
  const [user] = await queryRows<Record<string, unknown> & { id: number }>(
    db,
    sql`select id, email, name, oidc_issuer, created_at, last_sign_in_at from users where lower(email) = lower(${email})`,
  );
  if (!user) return null;
  const adminOf = (
    await queryRows<{ organisation_id: number }>(db, sql`select organisation_id from organisation_admins where user_id = ${user.id} order by organisation_id`)
  ).map((r) => Number(r.organisation_id));
  const memberships = await queryRows<Record<string, unknown> & { organisation_id: number }>(
    db,
    sql`select m.edition_id, a.name as award, e.year, m.role, m.is_chair, m.party_letter, m.represents, m.invited_at, m.removed_at, a.organisation_id
          from edition_members m join editions e on e.id = m.edition_id join awards a on a.id = e.award_id
         where m.user_id = ${user.id} order by m.edition_id`,
  );
  return { user, adminOf, memberships };
}

/** Whether the user has anything to do with these organisations (else their account is none of the administrator's business). */
function touches(facts: UserFacts, organisationIds: number[]): boolean {
  return facts.adminOf.some((o) => organisationIds.includes(o)) || facts.memberships.some((m) => organisationIds.includes(Number(m.organisation_id)));
}

/** Everything stored about `email` within `organisationIds`, as it is in the database (reads only). */
export async function collectPersonData(deps: { db: Database; email: string; organisationIds: number[]; now: Date }): Promise<PersonData> {
  const { db, email, organisationIds, now } = deps;
  const asNominator = await nominationsOf(db, 'nominator', email, organisationIds);
  const asNominee = await nominationsOf(db, 'nominee', email, organisationIds);
  const facts = await userOf(db, email);
  const visible = facts && touches(facts, organisationIds) ? facts : null;
  const counts = visible
    ? (
        await queryRows<{ sessions: number; tokens: number }>(
          db,
          sql`select (select count(*)::int from sessions where user_id = ${visible.user.id}) as sessions,
                     (select count(*)::int from api_tokens where user_id = ${visible.user.id}) as tokens`,
        )
      )[0]!
    : { sessions: 0, tokens: 0 };
  const nominationIds = [...asNominator, ...asNominee].map((n) => String(n.id));
  const auditEvents = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, at, actor_label, organisation_id, edition_id, action, entity_type, entity_id, before, after from audit_events
         where organisation_id in (${sql.join(
           organisationIds.map((id) => sql`${id}`),
           sql`, `,
         )})
           and (${visible ? sql`actor_user_id = ${visible.user.id}` : sql`false`}
                or (entity_type = 'nomination' and entity_id in (${
                  nominationIds.length
                    ? sql.join(
                        nominationIds.map((id) => sql`${id}`),
                        sql`, `,
                      )
                    : sql`null`
                }))
                or position(lower(${email}) in lower(coalesce(before::text, '') || coalesce(after::text, ''))) > 0)
         order by id`,
  );
  const emails = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, kind, subject, status, created_at, sent_at from outbox_messages where lower(to_address) = lower(${email}) order by id`,
  );
  const data: PersonData = {
    email,
    exportedAt: now.toISOString(),
    organisationIds,
    nominationsAsNominator: asNominator,
    nominationsAsNominee: asNominee,
    user: visible?.user ?? null,
    administratorOf: visible ? visible.adminOf.filter((o) => organisationIds.includes(o)) : [],
    memberships: visible ? visible.memberships.filter((m) => organisationIds.includes(Number(m.organisation_id))) : [],
    sessions: counts.sessions,
    apiTokens: counts.tokens,
    emails,
    auditEvents,
  };
  return data;
}

/** collectPersonData for a person's request to see their data; records a 'person.export' audit event (the address as a pseudonym). */
export async function exportPersonData(deps: { db: Database; email: string; organisationIds: number[]; actor: Actor; now: Date }): Promise<PersonData> {
  const { db, email, organisationIds, now } = deps;
  const data = await collectPersonData(deps);
  await recordAudit(
    db,
    {
      actor: deps.actor,
      action: 'person.export',
      entityType: 'person',
      entityId: emailPseudonym(email),
      organisationId: organisationIds.length === 1 ? organisationIds[0]! : null,
      after: {
        nominations: data.nominationsAsNominator.length + data.nominationsAsNominee.length,
        user: data.user ? 1 : 0,
        auditEvents: data.auditEvents.length,
      },
    },
    now,
  );
  return data;
}

export type ErasureResult = {
  nominationsAsNominator: number;
  nominationsAsNominee: number;
  attachments: number;
  /** 'anonymised', 'none' (no account), or 'kept' (the account also serves another organisation). */
  user: 'anonymised' | 'none' | 'kept';
  sessions: number;
  auditEvents: number;
  sentMails: number;
};

/**
 * Erases `email`'s personal data within `organisationIds`. Side effects, in one transaction:
 * nominations where the address is the nominator's: the nominator's name, e-mail and workplace
 * blanked, the private link dropped, attachments deleted (bytes removed after the commit);
 * where it is the nominee's: the nominee's names, unit and e-mail blanked; the user account,
 * when all its roles are within these organisations: e-mail and name replaced, sign-in
 * identity, sessions, API tokens and sign-in links removed (its decisions stay, anonymous);
 * audit events: personal keys removed, the user's actor label anonymised; sent e-mails to the
 * address deleted; one 'person.erase' audit event with the counts (the address only as a
 * pseudonym).
 */
export async function erasePersonData(deps: {
  db: Database;
  email: string;
  organisationIds: number[];
  actor: Actor;
  now: Date;
  store?: AttachmentStore;
}): Promise<ErasureResult> {
  const { db, email, organisationIds, now } = deps;
  const { result, keys } = await inTransaction(db, async (tx) => {
    await allowAuditAnonymisation(tx);
    const asNominator = await nominationsOf(tx, 'nominator', email, organisationIds);
    const asNominee = await nominationsOf(tx, 'nominee', email, organisationIds);
    const keys: string[] = [];
    for (const n of asNominator) keys.push(...(await blankNomination(tx, Number(n.id), { nominator: true, nominee: false }, now)));
    for (const n of asNominee) await blankNomination(tx, Number(n.id), { nominator: false, nominee: true }, now);
    let auditEvents = await anonymiseNominationAudit(
      tx,
      [...asNominator, ...asNominee].map((n) => Number(n.id)),
    );
    const facts = await userOf(tx, email);
    let user: ErasureResult['user'] = 'none';
    let sessions = 0;
    if (facts && touches(facts, organisationIds)) {
      const elsewhere =
        facts.adminOf.some((o) => !organisationIds.includes(o)) || facts.memberships.some((m) => !organisationIds.includes(Number(m.organisation_id)));
      if (elsewhere) user = 'kept';
      else {
        const id = facts.user.id;
        sessions = (await queryRows<{ id: string }>(tx, sql`delete from sessions where user_id = ${id} returning id_hash as id`)).length;
        await tx.execute(sql`delete from api_tokens where user_id = ${id}`);
        await tx.execute(sql`delete from email_sign_in_links where user_id = ${id}`);
        await tx.execute(
          sql`update users set email = ${`slettet-${id}@anonymiseret.invalid`}, name = '', oidc_issuer = null, oidc_subject = null where id = ${id}`,
        );
        const label = `anonymiseret bruger #${id}`;
        auditEvents += (
          await queryRows<{ id: number }>(
            tx,
            sql`update audit_events set actor_label = ${label} where actor_user_id = ${id} and actor_label <> ${label} returning id`,
          )
        ).length;
        user = 'anonymised';
      }
    }
    const sentMails = await deleteSentMailTo(tx, email);
    const result: ErasureResult = {
      nominationsAsNominator: asNominator.length,
      nominationsAsNominee: asNominee.length,
      attachments: keys.length,
      user,
      sessions,
      auditEvents,
      sentMails,
    };
    await recordAudit(
      tx,
      {
        actor: deps.actor,
        action: 'person.erase',
        entityType: 'person',
        entityId: emailPseudonym(email),
        organisationId: organisationIds.length === 1 ? organisationIds[0]! : null,
        after: result,
      },
      now,
    );
    return { result, keys };
  });
  for (const key of keys) await deps.store?.delete(key).catch(() => {});
  return result;
}
