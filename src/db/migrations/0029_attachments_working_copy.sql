-- Attachments after sending are part of the working copy: a file attached after sending is
-- 'added', one deleted after sending 'removed', until "Send ændringer" applies the change.
ALTER TABLE "nomination_attachments" ADD COLUMN "pending_change" text;--> statement-breakpoint
ALTER TABLE "nomination_attachments" ADD CONSTRAINT "nomination_attachments_pending_change" CHECK ("nomination_attachments"."pending_change" is null or "nomination_attachments"."pending_change" in ('added', 'removed'));