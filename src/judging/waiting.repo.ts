import { sql } from 'drizzle-orm';
import { type Database, queryRows, sqlList } from '../db/database.js';

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
  const ids = sqlList(editionIds);
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
        where edition_id in ${ids} and role = 'committee' and removed_at is null
      ),
      e as (
        select id, edition_id from nominations
        where edition_id in ${ids} and status = 'sent' and screening = 'eligible'
      ),
      eligible_count as (select edition_id, count(*) as n from e group by edition_id),
      -- Conflicts in force (declared, confirmed or not yet dismissed) with eligible nominations, per member.
      conflicted as (
        select ci.member_id, count(*) as n
        from conflicts_of_interest ci
        join m on m.id = ci.member_id
        join e on e.id = ci.nomination_id and e.edition_id = m.edition_id
        where ci.status <> 'dismissed'
        group by ci.member_id
      ),
      criteria_count as (select edition_id, count(*) as n from criteria where edition_id in ${ids} group by edition_id),
      -- How many of its edition's criteria each review scores.
      scored as materialized (
        select s.review_id, count(*) as n
        from review_scores s
        join criteria c on c.id = s.criterion_id
        where c.edition_id in ${ids}
        group by s.review_id
      ),
      -- Complete reviews (a score on every criterion of the edition) of eligible nominations the member is not conflicted with.
      done as (
        select r.member_id, count(*) as n
        from reviews r
        join m on m.id = r.member_id
        join e on e.id = r.nomination_id and e.edition_id = m.edition_id
        left join scored sc on sc.review_id = r.id
        left join criteria_count cc on cc.edition_id = m.edition_id
        where coalesce(sc.n, 0) = coalesce(cc.n, 0)
          and not exists (
            select 1 from conflicts_of_interest ci
            where ci.member_id = r.member_id and ci.nomination_id = r.nomination_id and ci.status <> 'dismissed'
          )
        group by r.member_id
      ),
      progress as (
        select m.id as member_id, m.edition_id, coalesce(ec.n, 0) - coalesce(cf.n, 0) as total, coalesce(d.n, 0) as done
        from m
        left join eligible_count ec on ec.edition_id = m.edition_id
        left join conflicted cf on cf.member_id = m.id
        left join done d on d.member_id = m.id
      )
      select ed.id as edition_id,
        coalesce(mc.n, 0)::int as committee,
        coalesce(pu.n, 0)::int as unfinished,
        coalesce(ec.n, 0)::int as eligible,
        coalesce(cp.n, 0)::int as conflicts_pending,
        (sl.edition_id is not null) as shortlist_recorded
      from editions ed
      left join (select edition_id, count(*) as n from m group by edition_id) mc on mc.edition_id = ed.id
      left join (select edition_id, count(*) filter (where done < total) as n from progress group by edition_id) pu on pu.edition_id = ed.id
      left join eligible_count ec on ec.edition_id = ed.id
      left join (
        select e.edition_id, count(*) as n
        from conflicts_of_interest ci
        join m on m.id = ci.member_id
        join e on e.id = ci.nomination_id and e.edition_id = m.edition_id
        where ci.status = 'pending'
        group by e.edition_id
      ) cp on cp.edition_id = ed.id
      left join shortlists sl on sl.edition_id = ed.id
      where ed.id in ${ids}`,
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
