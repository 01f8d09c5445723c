import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { auditTexts, fieldLabel } from '../../src/audit/i18n.js';

/**
 * Every key that the audit log holds in `before`/`after` (of a record, or of the records in a
 * list) without a label in Danish and English (src/audit/i18n.ts `fields`), with the action
 * that recorded it. Numeric keys (criterion ids of `scores`) and made-up test actions
 * ('test.*') are left out. Two engines, one query.
 */
export async function unlabelledAuditKeys(db: Database): Promise<{ action: string; key: string }[]> {
  const rows = (await db.execute(sql`
    select distinct a.action, k.key
    from audit_events a
    cross join lateral (select a.before as v union all select a.after) s
    cross join lateral (
      select s.v as o where jsonb_typeof(s.v) = 'object'
      union all
      select e from jsonb_array_elements(case when jsonb_typeof(s.v) = 'array' then s.v else '[]'::jsonb end) e where jsonb_typeof(e) = 'object'
    ) r
    cross join lateral jsonb_object_keys(r.o) k(key)
    where a.action not like 'test.%' and k.key !~ '^[0-9]+$'
    order by 1, 2`)) as unknown as { rows?: { action: string; key: string }[] } | { action: string; key: string }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  const da = auditTexts('da');
  const en = auditTexts('en');
  return list.filter((r) => fieldLabel(da, r.key) === null || fieldLabel(en, r.key) === null);
}

/** Throws, naming each key and its action, when a key in the audit log has no label. */
export async function assertAuditKeysLabelled(db: Database): Promise<void> {
  const missing = await unlabelledAuditKeys(db);
  if (missing.length > 0) {
    throw new Error(
      `The audit log holds keys without a Danish and English label (add them to src/audit/i18n.ts fields): ${missing.map((m) => `${m.key} (${m.action})`).join(', ')}`,
    );
  }
}
