ALTER TABLE "outbox_messages" ADD COLUMN "html_language" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "html_organisation" text;