-- The idea bank's search, made to stay fast at 100,000 solutions (issue 6's benchmark):
--
-- 1. solution_search (migration 0012) is built anew in a new layout: the facet values also as
--    numbers (organisation_key, unit_key, status_key, tag_list_key) among the fixed-width
--    columns at the front of the row, because a search copies its matches and counts them by
--    facet value, which costs about a third less per match with integers than with texts; no
--    tags_key (the 'tag list' value replaces it); btree indexes on organisation and unit, so a
--    search narrowed by one ANDs the text indexes' bitmap with them.
-- 2. Derived counts, exact, kept by statement-level triggers in the same transaction as the
--    change (never a cache): solution_facet_counts (solutions per facet value and in all, which
--    also numbers the values), solution_title_words (per title word: typo-tolerant search) and
--    solution_lexemes (per lexeme of the search documents: similar solutions).
-- 3. solution_search follows solutions per statement instead of per row (migration 0013): a
--    statement that writes many solutions (the generator's batches, a restore) writes
--    solution_search, and so the counts, once.
--
-- Every trigger runs AFTER the statement, in its transaction. Transition tables admit one event
-- per trigger, hence three triggers on each table; each branch of a trigger function names only
-- the transition tables its event has.
DROP TRIGGER IF EXISTS solution_search_sync ON solutions;
--> statement-breakpoint
DROP FUNCTION IF EXISTS solution_search_sync();
--> statement-breakpoint
DROP TABLE solution_search CASCADE;
--> statement-breakpoint
CREATE TABLE "solution_search" (
	"solution_id" integer PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"organisation_key" integer NOT NULL,
	"unit_key" integer NOT NULL,
	"status_key" integer NOT NULL,
	"tag_list_key" integer NOT NULL,
	"status" text NOT NULL,
	"organisation_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"tags" jsonb NOT NULL,
	"title_lower" text NOT NULL,
	"search_text" text NOT NULL,
	"search_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "solution_search" ADD CONSTRAINT "solution_search_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "solution_search_vector_idx" ON "solution_search" USING gin ("search_vector");
--> statement-breakpoint
CREATE INDEX "solution_search_text_trgm_idx" ON "solution_search" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "solution_search_title_trgm_idx" ON "solution_search" USING gin ("title_lower" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "solution_search_tags_idx" ON "solution_search" USING gin ("tags" jsonb_path_ops);
--> statement-breakpoint
CREATE INDEX "solution_search_created_idx" ON "solution_search" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX "solution_search_status_year_idx" ON "solution_search" USING btree ("status","year");
--> statement-breakpoint
CREATE INDEX "solution_search_year_idx" ON "solution_search" USING btree ("year");
--> statement-breakpoint
CREATE INDEX "solution_search_organisation_idx" ON "solution_search" USING btree ("organisation_name");
--> statement-breakpoint
CREATE INDEX "solution_search_unit_idx" ON "solution_search" USING btree ("unit_name");
--> statement-breakpoint
CREATE TABLE "solution_facet_counts" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"solutions" integer NOT NULL,
	"key" integer GENERATED ALWAYS AS IDENTITY (sequence name "solution_facet_counts_key_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	CONSTRAINT "solution_facet_counts_facet_value_pk" PRIMARY KEY("facet","value")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "solution_facet_counts_key_idx" ON "solution_facet_counts" USING btree ("key");
--> statement-breakpoint
CREATE TABLE "solution_title_words" (
	"word" text PRIMARY KEY NOT NULL,
	"solutions" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "solution_title_words_trgm_idx" ON "solution_title_words" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
CREATE TABLE "solution_lexemes" (
	"lexeme" text PRIMARY KEY NOT NULL,
	"solutions" integer NOT NULL
);
--> statement-breakpoint
-- The counts. Each *_add function takes the search rows a statement removed and those it added:
-- the values of the removed count -1, of the added +1, summed per value; values whose sum is 0
-- (an update that left them as they were) are not touched; rows are written in key order. A
-- value whose last solution went keeps its row at 0 (readers skip 0), so writers never race a
-- delete. (No CHECK (solutions >= 0): PostgreSQL checks the row an upsert proposes before it
-- finds the conflict, and a decrement is proposed as a negative row; an integration test
-- compares every count with one made from scratch instead.)
--
-- Facet values: organisation, unit, status, year, each tag, the tag list (its JSON text), and
-- 'total' ('').
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
      VALUES ('total', ''), ('organisation', r.organisation_name), ('unit', r.unit_name), ('status', r.status), ('year', r.year::text), ('tag list', r.tags::text)
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
-- Title words: lowercased and unstemmed (the 'simple' configuration), since a typo is compared
-- with the word as written and stemming cuts the endings a typo's trigrams share.
CREATE OR REPLACE FUNCTION solution_title_words_add(removed solution_search[], added solution_search[]) RETURNS void AS $$
  INSERT INTO solution_title_words AS w (word, solutions)
  SELECT d.word, sum(d.delta)::int
  FROM (
    SELECT r.delta, u.lexeme AS word
    FROM (
      SELECT -1 AS delta, o.title_lower FROM unnest(removed) AS o
      UNION ALL
      SELECT 1 AS delta, n.title_lower FROM unnest(added) AS n
    ) r
    CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, r.title_lower)) AS u
  ) d
  GROUP BY d.word
  HAVING sum(d.delta) <> 0
  ORDER BY d.word
  ON CONFLICT (word) DO UPDATE SET solutions = w.solutions + excluded.solutions;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Lexemes of the search documents (all weights).
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
CREATE TRIGGER solution_facet_counts_insert AFTER INSERT ON solution_search
  REFERENCING NEW TABLE AS new_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
CREATE TRIGGER solution_facet_counts_update AFTER UPDATE ON solution_search
  REFERENCING OLD TABLE AS old_search_rows NEW TABLE AS new_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
CREATE TRIGGER solution_facet_counts_delete AFTER DELETE ON solution_search
  REFERENCING OLD TABLE AS old_search_rows FOR EACH STATEMENT EXECUTE FUNCTION solution_facet_counts_apply();
--> statement-breakpoint
-- Writes the search rows of `changed` (solutions just inserted or updated): first the numbers of
-- their facet values (new values get a row at 0, which the counting trigger then raises), then
-- the rows, inserted or, where the copied values differ, updated (an update of, say, the
-- contact person leaves solution_search and the counts untouched).
CREATE OR REPLACE FUNCTION solution_search_write(changed solutions[]) RETURNS void AS $$
  -- The counts' lock before any row of solution_facet_counts is written.
  SELECT pg_advisory_xact_lock(7164220311);
  INSERT INTO solution_facet_counts (facet, value, solutions)
  SELECT DISTINCT v.facet, v.value, 0
  FROM unnest(changed) AS n
  CROSS JOIN LATERAL (VALUES ('organisation', n.organisation_name), ('unit', n.unit_name), ('status', n.status), ('tag list', n.tags::text)) AS v(facet, value)
  ORDER BY 1, 2
  ON CONFLICT (facet, value) DO NOTHING;
  WITH fresh AS (
    SELECT n.id, n.year, n.created_at, o.key AS organisation_key, u.key AS unit_key, st.key AS status_key, tl.key AS tag_list_key,
      n.status, n.organisation_name, n.unit_name, n.tags, lower(n.title) AS title_lower, n.search_text, n.search_vector
    FROM unnest(changed) AS n
    JOIN solution_facet_counts o ON o.facet = 'organisation' AND o.value = n.organisation_name
    JOIN solution_facet_counts u ON u.facet = 'unit' AND u.value = n.unit_name
    JOIN solution_facet_counts st ON st.facet = 'status' AND st.value = n.status
    JOIN solution_facet_counts tl ON tl.facet = 'tag list' AND tl.value = n.tags::text
  ), updated AS (
    UPDATE solution_search ss SET
      year = f.year, created_at = f.created_at,
      organisation_key = f.organisation_key, unit_key = f.unit_key, status_key = f.status_key, tag_list_key = f.tag_list_key,
      status = f.status, organisation_name = f.organisation_name, unit_name = f.unit_name, tags = f.tags,
      title_lower = f.title_lower, search_text = f.search_text, search_vector = f.search_vector
    FROM fresh f
    WHERE ss.solution_id = f.id
      AND (ss.year, ss.created_at, ss.status, ss.organisation_name, ss.unit_name, ss.tags, ss.title_lower, ss.search_text, ss.search_vector)
        IS DISTINCT FROM (f.year, f.created_at, f.status, f.organisation_name, f.unit_name, f.tags, f.title_lower, f.search_text, f.search_vector)
    RETURNING ss.solution_id
  )
  INSERT INTO solution_search (solution_id, year, created_at, organisation_key, unit_key, status_key, tag_list_key, status, organisation_name, unit_name, tags, title_lower, search_text, search_vector)
  SELECT f.id, f.year, f.created_at, f.organisation_key, f.unit_key, f.status_key, f.tag_list_key, f.status, f.organisation_name, f.unit_name, f.tags, f.title_lower, f.search_text, f.search_vector
  FROM fresh f
  WHERE NOT EXISTS (SELECT 1 FROM solution_search ss WHERE ss.solution_id = f.id)
  ORDER BY f.id;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION solution_search_sync() RETURNS trigger AS $$
BEGIN
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
  PERFORM solution_search_write(ARRAY(SELECT ROW(n.*)::solutions FROM new_solutions n));
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
-- The search rows and counts of the solutions already there.
SELECT solution_search_write(ARRAY(SELECT s FROM solutions s ORDER BY s.id));
