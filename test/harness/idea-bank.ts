import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/database.js';

export type CountOutOfStep = { facet: string; value: string; kept: number | null; counted: number | null };

/**
 * Every count the idea bank's triggers keep (solution_facet_counts, solution_title_words,
 * solution_lexemes) that differs from the same count made from scratch out of `solutions`;
 * empty when they are all exact.
 */
export function derivedCountsOutOfStep(db: Database): Promise<CountOutOfStep[]> {
  return queryRows<CountOutOfStep>(
    db,
    sql`with counted as (
        select 'total' as facet, '' as value, count(*)::int as n from solutions
        union all select 'organisation', organisation_name, count(*)::int from solutions group by 2
        union all select 'unit', unit_name, count(*)::int from solutions group by 2
        union all select 'status', status, count(*)::int from solutions group by 2
        union all select 'year', year::text, count(*)::int from solutions group by 2
        union all select 'tag', t, count(*)::int from solutions cross join jsonb_array_elements_text(tags) t group by 2
        union all select 'tag list', tags::text, count(*)::int from solutions group by 2
        union all select 'title word', u.lexeme, count(*)::int from solutions cross join unnest(to_tsvector('simple', lower(title))) u group by 2
        union all select 'lexeme', u.lexeme, count(*)::int from solutions cross join unnest(search_vector) u group by 2
      ), kept as (
        select facet, value, solutions as n from solution_facet_counts where solutions > 0
        union all select 'title word', word, solutions from solution_title_words where solutions > 0
        union all select 'lexeme', lexeme, solutions from solution_lexemes where solutions > 0
      )
      select coalesce(k.facet, c.facet) as facet, coalesce(k.value, c.value) as value, k.n as kept, c.n as counted
      from kept k full join counted c on c.facet = k.facet and c.value = k.value
      where k.n is distinct from c.n`,
  );
}
