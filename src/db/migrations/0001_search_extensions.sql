-- pg_trgm serves the idea bank's search (closed compounds and typos) beside the `danish`
-- full-text configuration. No `unaccent`: it would fold æ/ø/å into ae/o/a.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
