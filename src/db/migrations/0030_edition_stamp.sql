CREATE SEQUENCE "public"."edition_stamps" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "stamp" bigint DEFAULT nextval('edition_stamps') NOT NULL;--> statement-breakpoint
-- The edition's stamp (decision 0013) is renewed by the database itself whenever anything a
-- nomination is sent against changes, whoever writes it: the edition's row, its award, its
-- organisation, its form sections, criteria and e-mail templates. A sender that locks the edition
-- (FOR SHARE) and finds the stamp it cached knows the whole round is as it cached it, and stays so
-- until it commits: every change renews the stamp, which updates the edition's row, which waits
-- for the lock.
CREATE OR REPLACE FUNCTION edition_stamp_renew() RETURNS trigger AS $$
BEGIN
  NEW.stamp := nextval('edition_stamps');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER editions_stamp BEFORE UPDATE ON editions
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_renew();
--> statement-breakpoint
-- A row that belongs to one edition (form_sections, criteria, message_templates): inserted,
-- changed, moved to another edition or deleted. The UPDATE renews the stamp (editions_stamp).
-- While the edition itself is being deleted (a cascade), its row is gone and nothing is updated.
CREATE OR REPLACE FUNCTION edition_stamp_of_part() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE editions SET stamp = nextval('edition_stamps') WHERE id = OLD.edition_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.edition_id IS DISTINCT FROM OLD.edition_id) THEN
    UPDATE editions SET stamp = nextval('edition_stamps') WHERE id = NEW.edition_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER form_sections_edition_stamp AFTER INSERT OR UPDATE OR DELETE ON form_sections
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_of_part();
--> statement-breakpoint
CREATE TRIGGER criteria_edition_stamp AFTER INSERT OR UPDATE OR DELETE ON criteria
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_of_part();
--> statement-breakpoint
CREATE TRIGGER message_templates_edition_stamp AFTER INSERT OR UPDATE OR DELETE ON message_templates
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_of_part();
--> statement-breakpoint
-- An award's or an organisation's row changed: every edition of it (their e-mails and pages name
-- them). Neither can be deleted while it has editions.
CREATE OR REPLACE FUNCTION edition_stamp_of_award() RETURNS trigger AS $$
BEGIN
  UPDATE editions SET stamp = nextval('edition_stamps') WHERE award_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER awards_edition_stamp AFTER UPDATE ON awards
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_of_award();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edition_stamp_of_organisation() RETURNS trigger AS $$
BEGIN
  UPDATE editions SET stamp = nextval('edition_stamps') WHERE award_id IN (SELECT id FROM awards WHERE organisation_id = NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organisations_edition_stamp AFTER UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION edition_stamp_of_organisation();
