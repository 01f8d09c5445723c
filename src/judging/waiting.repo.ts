import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.js';

/** What of an edition's judging waits, counted in one query for any number of editions. */
export type JudgingWaiting = {
  /** Active committee members. */
  committee: number;
  /** Members with at least one eligible nomination left to score completely (conflicts in force left out, as progressOf counts). */
  unfinished: number;
  /** Nominations that go to the committee (sent and screened eligible). */
  eligible: number;
  /** Likely conflicts the system flagged that the member has neither confirmed nor dismissed. */
  conflictsPending: number;
  /** Whether the chair has recorded the nominees. */
  shortlistRecorded: boolean;
};

export const NO_JUDGING_WAITING: JudgingWaiting = { committee: 0, unfinished: 0, eligible: 0, conflictsPending: 0, shortlistRecorded: false };

/**
 * The committee's open work per edition, in one statement: a member is unfinished while some
 * eligible nomination they are not conflicted with (a conflict is in force unless dismissed)
 * lacks a review with a score on every criterion of the edition (review.service.ts isComplete).
 */
export async function countJudgingWaiting(db: Database, editionIds: readonly number[]): Promise<Map<number, JudgingWaiting>> {
  if (editionIds.length === 0) return new Map();
  const ids = sql.join(
    editionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<{
    edition_id: number;
    committee: number;
    unfinished: number;
    eligible: number;
    conflicts_pending: number;
    shortlist_recorded: boolean;
  }>(
    db,
    sql`
      with m as (
        select id, edition_id from edition_members
        where edition_id in (${ids}) and role = 'committee' and removed_at is null
      ),
      e as (
        select id, edition_id from nominations
        where edition_id in (${ids}) and status = 'sent' and screening = 'eligible'
      ),
      c as (select id, edition_id from criteria where edition_id in (${ids})),
      complete as (
        select r.member_id, r.nomination_id
        from reviews r
        join m on m.id = r.member_id
        left join c on c.edition_id = m.edition_id
        left join review_scores s on s.review_id = r.id and s.criterion_id = c.id
        group by r.id, r.member_id, r.nomination_id
        having count(c.id) = count(s.review_id)
      ),
      unfinished as (
        select m.id, m.edition_id
        from m
        join e on e.edition_id = m.edition_id
        left join conflicts_of_interest ci on ci.member_id = m.id and ci.nomination_id = e.id and ci.status <> 'dismissed'
        left join complete k on k.member_id = m.id and k.nomination_id = e.id
        where ci.id is null and k.member_id is null
        group by m.id, m.edition_id
      )
      select ed.id as edition_id,
        (select count(*) from m where m.edition_id = ed.id)::int as committee,
        (select count(*) from unfinished u where u.edition_id = ed.id)::int as unfinished,
        (select count(*) from e where e.edition_id = ed.id)::int as eligible,
        (select count(*) from conflicts_of_interest ci join m on m.id = ci.member_id join e on e.id = ci.nomination_id
          where m.edition_id = ed.id and ci.status = 'pending')::int as conflicts_pending,
        exists (select 1 from shortlists sl where sl.edition_id = ed.id) as shortlist_recorded
      from editions ed
      where ed.id in (${ids})`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.edition_id),
      {
        committee: Number(r.committee),
        unfinished: Number(r.unfinished),
        eligible: Number(r.eligible),
        conflictsPending: Number(r.conflicts_pending),
        shortlistRecorded: Boolean(r.shortlist_recorded),
      },
    ]),
  );
}
