import { sql } from 'drizzle-orm';
import { type Database, queryRows, sqlList } from '../db/database.js';

/** The LIX a panel summary should stay below (the panel page warns from this rounded value on). */
export const LIX_AIM = 40;

/** What of an edition's patient panel waits, counted in one query for any number of editions. */
export type PanelWaiting = {
  /** Active panel members. */
  panel: number;
  /** Panel members who have not cast a ballot. */
  notVoted: number;
  /** Nominees on the shortlist. */
  nominees: number;
  /** Nominees without a plain-language summary. */
  summariesMissing: number;
  /** Summaries whose LIX, rounded as the panel page shows it, is LIX_AIM or more. */
  summariesHard: number;
};

export const NO_PANEL_WAITING: PanelWaiting = { panel: 0, notVoted: 0, nominees: 0, summariesMissing: 0, summariesHard: 0 };

/** The panel's open work per edition, in one statement. Reads who has voted, never a ballot. */
export async function countPanelWaiting(db: Database, editionIds: readonly number[]): Promise<Map<number, PanelWaiting>> {
  if (editionIds.length === 0) return new Map();
  const ids = sqlList(editionIds);
  const rows = await queryRows<{
    edition_id: number;
    panel: number;
    not_voted: number;
    nominees: number;
    summaries_missing: number;
    summaries_hard: number;
  }>(
    db,
    sql`
      with m as (
        select id, edition_id from edition_members
        where edition_id in ${ids} and role = 'panel' and removed_at is null
      ),
      n as (
        select se.edition_id, ns.nomination_id as has_summary, ns.lix
        from shortlist_entries se
        left join nominee_summaries ns on ns.nomination_id = se.nomination_id
        where se.edition_id in ${ids}
      )
      select ed.id as edition_id,
        (select count(*) from m where m.edition_id = ed.id)::int as panel,
        (select count(*) from m where m.edition_id = ed.id and not exists (select 1 from panel_voters v where v.member_id = m.id))::int as not_voted,
        (select count(*) from n where n.edition_id = ed.id)::int as nominees,
        (select count(*) from n where n.edition_id = ed.id and n.has_summary is null)::int as summaries_missing,
        (select count(*) from n where n.edition_id = ed.id and round(n.lix) >= ${LIX_AIM})::int as summaries_hard
      from editions ed
      where ed.id in ${ids}`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.edition_id),
      {
        panel: Number(r.panel),
        notVoted: Number(r.not_voted),
        nominees: Number(r.nominees),
        summariesMissing: Number(r.summaries_missing),
        summariesHard: Number(r.summaries_hard),
      },
    ]),
  );
}
