import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.js';
import { hashToken, newToken } from '../platform/tokens.js';

// The nominators of a round as recipients of e-mail (src/outreach writes to them through
// index.ts). Withdrawn nominations are never among them, nor an erased nominator (blank address).

/** A nominator to write to: the nomination, the name and the address as given on the form. */
export type NominatorRecipient = { nominationId: number; name: string; email: string };

/**
 * The nominators of an edition: `sent` those whose nomination is sent (changes not yet sent
 * included), `drafts` those with a draft never sent. Withdrawn nominations and blank addresses
 * are left out; one row per nomination (the caller merges addresses), ordered by id.
 */
export async function listNominatorRecipients(db: Database, editionId: number, which: 'sent' | 'drafts'): Promise<NominatorRecipient[]> {
  const rows = await queryRows<{ id: number; nominator_name: string; nominator_email: string }>(
    db,
    sql`select id, nominator_name, nominator_email from nominations
         where edition_id = ${editionId} and status = ${which === 'sent' ? 'sent' : 'draft'} and nominator_email <> ''
         order by id`,
  );
  return rows.map((r) => ({ nominationId: Number(r.id), name: r.nominator_name, email: r.nominator_email }));
}

/** A draft whose deadline is near: what a reminder needs to know. */
export type DueDraft = {
  nominationId: number;
  editionId: number;
  name: string;
  email: string;
  closesAt: Date;
  awardName: string;
  year: number;
  organisationId: number;
  organisationName: string;
  /** The language of the pages the nominator wrote the draft on: the reminder is written in it. */
  language: 'da' | 'en';
};

/**
 * Unsent drafts with an address in published editions whose deadline is after `now` and at most
 * `withinMs` away: the candidates for a reminder. Ordered by id.
 */
export async function listDraftsNearDeadline(db: Database, now: Date, withinMs: number): Promise<DueDraft[]> {
  const until = new Date(now.getTime() + withinMs);
  const rows = await queryRows<{
    id: number;
    edition_id: number;
    nominator_name: string;
    nominator_email: string;
    closes_at: Date | string;
    award_name: string;
    year: number;
    organisation_id: number;
    organisation_name: string;
    language: string;
  }>(
    db,
    sql`select n.id, n.edition_id, n.nominator_name, n.nominator_email, n.language, e.closes_at, a.name as award_name, e.year,
               o.id as organisation_id, o.name as organisation_name
          from nominations n
          join editions e on e.id = n.edition_id
          join awards a on a.id = e.award_id
          join organisations o on o.id = a.organisation_id
         where n.status = 'draft' and n.nominator_email <> ''
           and e.published_at is not null
           and e.closes_at > ${now.toISOString()}::timestamptz and e.closes_at <= ${until.toISOString()}::timestamptz
         order by n.id`,
  );
  return rows.map((r) => ({
    nominationId: Number(r.id),
    editionId: Number(r.edition_id),
    name: r.nominator_name,
    email: r.nominator_email,
    closesAt: new Date(r.closes_at),
    awardName: r.award_name,
    year: Number(r.year),
    organisationId: Number(r.organisation_id),
    organisationName: r.organisation_name,
    language: r.language === 'en' ? 'en' : 'da',
  }));
}

/**
 * A private link for a reminder about a draft: a new random token whose SHA-256 replaces the
 * previous reminder's (the nominator's own link keeps working). Returns the token, or null when
 * the nomination is no longer a draft (sent or withdrawn since it was listed): then no reminder.
 * Call it in the transaction that queues the reminder.
 */
export async function issueReminderLink(db: Database, nominationId: number): Promise<string | null> {
  const token = newToken();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update nominations set reminder_token_hash = ${hashToken(token)}
         where id = ${nominationId} and status = 'draft' and nominator_email <> '' returning id`,
  );
  return rows.length > 0 ? token : null;
}
