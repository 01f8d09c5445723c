-- solution_lexemes follows solution_search, as solution_facet_counts and solution_title_words
-- do (migrations 0015, 0017): the lexemes of the search documents of the rows a statement
-- removed count -1 and of those it added +1, once per solution, summed per lexeme; unchanged
-- lexemes are not touched; rows are written in lexeme order, under the counts' lock.
CREATE OR REPLACE FUNCTION solution_lexemes_add(removed solution_search[], added solution_search[]) RETURNS void AS $$
  INSERT INTO solution_lexemes AS l (lexeme, solutions)
  SELECT d.lexeme, sum(d.delta)::int
  FROM (
    SELECT r.delta, u.lexeme
    FROM (
      SELECT -1 AS delta, o.search_vector FROM unnest(removed) AS o
      UNION ALL
      SELECT 1 AS delta, n.search_vector FROM unnest(added) AS n
    ) r
    CROSS JOIN LATERAL unnest(r.search_vector) AS u
  ) d
  GROUP BY d.lexeme
  HAVING sum(d.delta) <> 0
  ORDER BY d.lexeme
  ON CONFLICT (lexeme) DO UPDATE SET solutions = l.solutions + excluded.solutions;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION solution_facet_counts_apply() RETURNS trigger AS $$
DECLARE
  removed solution_search[] := '{}';
  added solution_search[] := '{}';
BEGIN
  -- One writer of counts at a time, until its transaction ends. The rows are written in order
  -- within a statement, but a transaction with several statements (insert, then update) could
  -- otherwise hold one count while waiting for another held by a second transaction doing the
  -- same the other way round. Solutions are written by people, a few at a time; the wait is
  -- short. (The number is arbitrary; the migrations' lock, in src/db/database.ts, is another.)
  PERFORM pg_advisory_xact_lock(7164220311);
  -- Each branch names only the transition tables its event has.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    removed := ARRAY(SELECT ROW(o.*)::solution_search FROM old_search_rows o);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    added := ARRAY(SELECT ROW(n.*)::solution_search FROM new_search_rows n);
  END IF;
  PERFORM solution_facet_counts_add(removed, added);
  PERFORM solution_title_words_add(removed, added);
  PERFORM solution_lexemes_add(removed, added);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The lexemes of the solutions already there.
SELECT pg_advisory_xact_lock(7164220311);
--> statement-breakpoint
SELECT solution_lexemes_add('{}'::solution_search[], ARRAY(SELECT s FROM solution_search s));
