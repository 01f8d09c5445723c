import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.js';

/** A committee member to write to. */
export type MemberRecipient = { memberId: number; name: string; email: string };

/**
 * The active committee members of an edition who have not finished: some eligible nomination
 * they are not conflicted with lacks a complete review (the rule of countJudgingWaiting and
 * progressOf). Removed members are left out. Ordered by member id.
 */
export async function listUnfinishedCommittee(db: Database, editionId: number): Promise<MemberRecipient[]> {
  const rows = await queryRows<{ id: number; name: string; email: string }>(
    db,
    sql`
      with m as (
        select em.id, u.name, u.email from edition_members em join users u on u.id = em.user_id
        where em.edition_id = ${editionId} and em.role = 'committee' and em.removed_at is null
      ),
      e as (select id from nominations where edition_id = ${editionId} and status = 'sent' and screening = 'eligible'),
      criteria_count as (select count(*) as n from criteria where edition_id = ${editionId}),
      scored as materialized (
        select s.review_id, count(*) as n from review_scores s join criteria c on c.id = s.criterion_id
        where c.edition_id = ${editionId} group by s.review_id
      ),
      todo as (
        select m.id as member_id, e.id as nomination_id from m cross join e
        where not exists (
          select 1 from conflicts_of_interest ci where ci.member_id = m.id and ci.nomination_id = e.id and ci.status <> 'dismissed'
        )
      )
      select m.id, m.name, m.email from m
      where exists (
        select 1 from todo t
        where t.member_id = m.id
          and not exists (
            select 1 from reviews r left join scored sc on sc.review_id = r.id
            where r.member_id = t.member_id and r.nomination_id = t.nomination_id
              and coalesce(sc.n, 0) = (select n from criteria_count)
          )
      )
      order by m.id`,
  );
  return rows.map((r) => ({ memberId: Number(r.id), name: r.name, email: r.email }));
}
