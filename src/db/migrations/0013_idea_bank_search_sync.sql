-- solution_search follows solutions row for row: after every insert, update and delete of a
-- solution, in the same statement (and transaction). The values are copied from the row, so a
-- search over solution_search finds exactly what a search over solutions would.
CREATE OR REPLACE FUNCTION solution_search_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM solution_search WHERE solution_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
    DELETE FROM solution_search WHERE solution_id = OLD.id;
  END IF;
  INSERT INTO solution_search (solution_id, search_vector, search_text, title_lower, organisation_name, unit_name, status, year, tags_key, tags, created_at)
  VALUES (NEW.id, NEW.search_vector, NEW.search_text, lower(NEW.title), NEW.organisation_name, NEW.unit_name, NEW.status, NEW.year, NEW.tags::text, NEW.tags, NEW.created_at)
  ON CONFLICT (solution_id) DO UPDATE SET
    search_vector = excluded.search_vector,
    search_text = excluded.search_text,
    title_lower = excluded.title_lower,
    organisation_name = excluded.organisation_name,
    unit_name = excluded.unit_name,
    status = excluded.status,
    year = excluded.year,
    tags_key = excluded.tags_key,
    tags = excluded.tags,
    created_at = excluded.created_at;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER solution_search_sync AFTER INSERT OR UPDATE OR DELETE ON solutions
  FOR EACH ROW EXECUTE FUNCTION solution_search_sync();
--> statement-breakpoint
INSERT INTO solution_search (solution_id, search_vector, search_text, title_lower, organisation_name, unit_name, status, year, tags_key, tags, created_at)
SELECT id, search_vector, search_text, lower(title), organisation_name, unit_name, status, year, tags::text, tags, created_at FROM solutions
ON CONFLICT (solution_id) DO NOTHING;
