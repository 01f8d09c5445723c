-- 1. solution_search follows solutions with statement-level triggers instead of one trigger
-- call per row: a statement that writes many solutions (the generator's batches of 1,000, a
-- restore) now writes solution_search once, and so fires the facet-count triggers below once.
-- Transition tables admit one event per trigger, hence three triggers. They run at the end of
-- the statement, in the same transaction, so solution_search is never out of step with a
-- committed solution.
DROP TRIGGER IF EXISTS solution_search_sync ON solutions;
--> statement-breakpoint
DROP FUNCTION IF EXISTS solution_search_sync();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION solution_search_sync() RETURNS trigger AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'DELETE' THEN
    -- A solution's delete also cascades to solution_search through the foreign key; this then
    -- finds nothing left to delete.
    DELETE FROM solution_search ss WHERE ss.solution_id IN (SELECT o.id FROM old_solutions o);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- A changed id (never done by the application, but not impossible).
    DELETE FROM solution_search ss
    WHERE ss.solution_id IN (SELECT o.id FROM old_solutions o) AND ss.solution_id NOT IN (SELECT n.id FROM new_solutions n);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Only rows whose copied values changed: an update of, say, the contact person leaves
    -- solution_search (and the facet counts) untouched.
    UPDATE solution_search ss SET
      search_vector = n.search_vector,
      search_text = n.search_text,
      title_lower = lower(n.title),
      organisation_name = n.organisation_name,
      unit_name = n.unit_name,
      status = n.status,
      year = n.year,
      tags_key = n.tags::text,
      tags = n.tags,
      created_at = n.created_at
    FROM new_solutions n
    WHERE ss.solution_id = n.id
      AND (ss.search_vector, ss.search_text, ss.title_lower, ss.organisation_name, ss.unit_name, ss.status, ss.year, ss.tags_key, ss.created_at)
        IS DISTINCT FROM (n.search_vector, n.search_text, lower(n.title), n.organisation_name, n.unit_name, n.status, n.year, n.tags::text, n.created_at);
  END IF;
  -- INSERT, or UPDATE to a new id.
  INSERT INTO solution_search (solution_id, search_vector, search_text, title_lower, organisation_name, unit_name, status, year, tags_key, tags, created_at)
    SELECT n.id, n.search_vector, n.search_text, lower(n.title), n.organisation_name, n.unit_name, n.status, n.year, n.tags::text, n.tags, n.created_at
    FROM new_solutions n
    WHERE NOT EXISTS (SELECT 1 FROM solution_search ss WHERE ss.solution_id = n.id)
    ORDER BY n.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER solution_search_sync_insert AFTER INSERT ON solutions
  REFERENCING NEW TABLE AS new_solutions FOR EACH STATEMENT EXECUTE FUNCTION solution_search_sync();
--> statement-breakpoint
CREATE TRIGGER solution_search_sync_update AFTER UPDATE ON solutions
  REFERENCING OLD TABLE AS old_solutions NEW TABLE AS new_solutions FOR EACH STATEMENT EXECUTE FUNCTION solution_search_sync();
--> statement-breakpoint
CREATE TRIGGER solution_search_sync_delete AFTER DELETE ON solutions
  REFERENCING OLD TABLE AS old_solutions FOR EACH STATEMENT EXECUTE FUNCTION solution_search_sync();
--> statement-breakpoint
-- 2. solution_facet_counts follows solution_search: after each statement that changes it, the
-- facet values of the rows it removed count -1 and those of the rows it added +1, summed per
-- value; values whose sum is 0 (an update that left them as they were) are not touched. Rows
-- are written in (facet, value) order, so two writers lock them in the same order and cannot
-- deadlock.
CREATE OR REPLACE FUNCTION solution_facet_counts_add(removed solution_search[], added solution_search[]) RETURNS void AS $$
  INSERT INTO solution_facet_counts AS c (facet, value, solutions)
  SELECT d.facet, d.value, sum(d.delta)::int
  FROM (
    SELECT r.delta, v.facet, v.value
    FROM (
      SELECT -1 AS delta, o.* FROM unnest(removed) AS o
      UNION ALL
      SELECT 1 AS delta, n.* FROM unnest(added) AS n
    ) r
    CROSS JOIN LATERAL (
      VALUES ('total', ''), ('organisation', r.organisation_name), ('unit', r.unit_name), ('status', r.status), ('year', r.year::text)
      UNION ALL
      SELECT 'tag', t FROM jsonb_array_elements_text(r.tags) AS t
    ) AS v(facet, value)
  ) d
  GROUP BY d.facet, d.value
  HAVING sum(d.delta) <> 0
  ORDER BY d.facet, d.value
  ON CONFLICT (facet, value) DO UPDATE SET solutions = c.solutions + excluded.solutions;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION solution_facet_counts_apply() RETURNS trigger AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    PERFORM solution_facet_counts_add('{}'::solution_search[], ARRAY(SELECT ROW(n.*)::solution_search FROM new_search_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM solution_facet_counts_add(ARRAY(SELECT ROW(o.*)::solution_search FROM old_search_rows o), ARRAY(SELECT ROW(n.*)::solution_search FROM new_search_rows n));
  ELSE
    PERFORM solution_facet_counts_add(ARRAY(SELECT ROW(o.*)::solution_search FROM old_search_rows o), '{}'::solution_search[]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER solution_facet_counts_insert AFTER INSERT ON solution_search
  REFERENCING NEW TABLE AS new_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
CREATE TRIGGER solution_facet_counts_update AFTER UPDATE ON solution_search
  REFERENCING OLD TABLE AS old_search_rows NEW TABLE AS new_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
CREATE TRIGGER solution_facet_counts_delete AFTER DELETE ON solution_search
  REFERENCING OLD TABLE AS old_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
-- The counts of the solutions already there.
SELECT solution_facet_counts_add('{}'::solution_search[], ARRAY(SELECT s FROM solution_search s));
