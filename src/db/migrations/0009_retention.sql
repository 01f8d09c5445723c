-- Data retention (src/privacy): the audit log stays append-only for the app, but the
-- retention job and a person's erasure request may blank personal data in events. They do
-- so inside their own transaction after `SET LOCAL prisportal.retention = 'on'`, which ends
-- with that transaction. Deleting an event stays refused, always.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('prisportal.retention', true), '') = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
