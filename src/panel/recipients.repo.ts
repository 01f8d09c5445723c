import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.js';

/** A panel member to write to. */
export type PanelRecipient = { memberId: number; name: string; email: string };

/**
 * The active patient panel members of an edition who have not cast a ballot (panel_voters, never
 * the ballots). Removed members are left out. Ordered by member id.
 */
export async function listPanelNotVoted(db: Database, editionId: number): Promise<PanelRecipient[]> {
  const rows = await queryRows<{ id: number; name: string; email: string }>(
    db,
    sql`select em.id, u.name, u.email from edition_members em join users u on u.id = em.user_id
         where em.edition_id = ${editionId} and em.role = 'panel' and em.removed_at is null
           and not exists (select 1 from panel_voters v where v.member_id = em.id)
         order by em.id`,
  );
  return rows.map((r) => ({ memberId: Number(r.id), name: r.name, email: r.email }));
}
