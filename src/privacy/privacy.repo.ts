import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';

/**
 * SQL of the privacy module: which nominations hold expired personal data, blanking it,
 * and everything stored about one e-mail address within some organisations.
 */

/** The personal fields blanked in a nomination. Title, summary and answers (the solution) stay. */
export const NOMINATOR_FIELDS = ['nominator_name', 'nominator_email', 'nominator_workplace'] as const;
export const NOMINEE_FIELDS = ['nominee_names', 'nominee_unit', 'nominee_email'] as const;

/** Keys removed from the before/after of audit events about nominations. */
export const PERSONAL_AUDIT_KEYS = ['nominatorName', 'nominatorEmail', 'nominatorWorkplace', 'nomineeNames', 'nomineeUnit', 'nomineeEmail', 'email', 'name'];

/** The label that replaces a person's name and e-mail in the audit log. */
export const ANONYMISED_LABEL = 'anonymiseret';

export type ExpiredNomination = { id: number; editionId: number; keepNominee: boolean };

/**
 * Nominations of editions archived before `cutoff` that still hold personal data. An edition is
 * archived at `archived_at`, or one year after its winner was announced (as awards/phase.ts
 * computes); editions without a timeline are skipped (their archive instant is unknown).
 * `keepNominee`: a nominee (on the shortlist, the winner among them) who accepted publication.
 */
export async function findExpiredNominations(db: Database, cutoff: Date): Promise<ExpiredNomination[]> {
  const rows = await queryRows<{ id: number; edition_id: number; keep: boolean }>(
    db,
    sql`select n.id, n.edition_id,
               (n.nominee_consent = 'accepted' and exists (select 1 from shortlist_entries s where s.nomination_id = n.id)) as keep
          from nominations n
          join editions e on e.id = n.edition_id
         where coalesce(e.archived_at, e.winner_announced_at + interval '1 year') < ${cutoff.toISOString()}::timestamptz
           and (n.nominator_name <> '' or n.nominator_email <> '' or n.nominator_workplace <> '' or n.nominee_email <> ''
                or n.nominee_consent_token_hash is not null or n.access_revoked_at is null or n.working_copy is not null
                or ((n.nominee_names <> '' or n.nominee_unit <> '')
                    and not (n.nominee_consent = 'accepted' and exists (select 1 from shortlist_entries s where s.nomination_id = n.id)))
                or exists (select 1 from nomination_attachments a where a.nomination_id = n.id))
         order by n.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), editionId: Number(r.edition_id), keepNominee: Boolean(r.keep) }));
}

/** Lets this transaction blank personal data in audit events (migration 0009). */
export async function allowAuditAnonymisation(tx: Database): Promise<void> {
  await tx.execute(sql`set local prisportal.retention = 'on'`);
}

/**
 * Blanks a nomination's personal data: the nominator's when `nominator` (with the private
 * link: a fresh random hash that no token matches; and the attachments, whose rows are deleted,
 * their stored files and chunks with them by the rows' delete trigger, and whose storage keys
 * are returned for the count), the nominee's when `nominee` (only the e-mail with
 * 'email', for a nominee who consented to publication). The consent token is dropped.
 */
export async function blankNomination(tx: Database, id: number, parts: { nominator: boolean; nominee: boolean | 'email' }, now: Date): Promise<string[]> {
  const nomineeFields = parts.nominee === 'email' ? ['nominee_email'] : parts.nominee ? NOMINEE_FIELDS : [];
  const set = [
    ...(parts.nominator ? NOMINATOR_FIELDS.map((f) => sql`${sql.identifier(f)} = ''`) : []),
    ...nomineeFields.map((f) => sql`${sql.identifier(f)} = ''`),
    sql`nominee_consent_token_hash = null`,
    // Changes saved after sending and never sent hold both people's fields: they go as a whole.
    sql`working_copy = null`,
    sql`working_copy_saved_at = null`,
    sql`updated_at = ${now.toISOString()}::timestamptz`,
  ];
  // The private link and the attachments are the nominator's: they go with the nominator's data.
  if (parts.nominator) {
    set.push(sql`access_token_hash = encode(sha256(gen_random_uuid()::text::bytea), 'hex')`);
    set.push(sql`reminder_token_hash = null`);
    set.push(sql`access_revoked_at = coalesce(access_revoked_at, ${now.toISOString()}::timestamptz)`);
  }
  await tx.execute(sql`update nominations set ${sql.join(set, sql`, `)} where id = ${id}`);
  if (!parts.nominator) return [];
  const files = await queryRows<{ storage_key: string }>(tx, sql`delete from nomination_attachments where nomination_id = ${id} returning storage_key`);
  return files.map((f) => f.storage_key);
}

/** Keys of the nominator and of the nominee in the before/after of audit events about a nomination. */
export const NOMINATOR_AUDIT_KEYS = ['nominatorName', 'nominatorEmail', 'nominatorWorkplace'];
export const NOMINEE_AUDIT_KEYS = ['nomineeNames', 'nomineeUnit', 'nomineeEmail'];

const textArray = (keys: readonly string[]) =>
  sql`array[${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;

/**
 * Removes personal keys (`keys`, by default all of PERSONAL_AUDIT_KEYS) from the before/after of
 * audit events about these nominations and anonymises the public actor label (the nominator
 * sending as the public) when the nominator's keys go.
 */
export async function anonymiseNominationAudit(tx: Database, nominationIds: number[], keys: readonly string[] = PERSONAL_AUDIT_KEYS): Promise<number> {
  if (nominationIds.length === 0) return 0;
  const list = textArray(keys);
  const label = sql.raw(keys.includes('nominatorEmail') ? 'true' : 'false');
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`update audit_events
           set before = case when jsonb_typeof(before) = 'object' then before - ${list} else before end,
               after = case when jsonb_typeof(after) = 'object' then after - ${list} else after end,
               actor_label = case when ${label} and actor_user_id is null and actor_label <> 'system' then ${ANONYMISED_LABEL} else actor_label end
         where entity_type = 'nomination' and entity_id in (${sql.join(
           nominationIds.map((id) => sql`${String(id)}`),
           sql`, `,
         )})
           and ((jsonb_typeof(before) = 'object' and before ?| ${list}) or (jsonb_typeof(after) = 'object' and after ?| ${list})
                or (${label} and actor_user_id is null and actor_label not in ('system', ${ANONYMISED_LABEL})))
     returning id`,
  );
  return rows.length;
}

/** Sent e-mails older than `cutoff` (their copies in the outbox hold names, addresses and links). */
export async function deleteSentMailBefore(tx: Database, cutoff: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`delete from outbox_messages where status = 'sent' and created_at < ${cutoff.toISOString()}::timestamptz returning id`,
  );
  return rows.length;
}
