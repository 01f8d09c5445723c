ALTER TABLE "outbox_messages" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "about" text;--> statement-breakpoint
CREATE INDEX "outbox_to_address_idx" ON "outbox_messages" USING btree (lower("to_address"));--> statement-breakpoint
CREATE INDEX "outbox_about_idx" ON "outbox_messages" USING btree ("about");--> statement-breakpoint
-- Whose e-mails the rows queued before this migration are, read from their dedupe keys (the
-- callers now say it in organisation_id and about): a nomination's e-mails, the publication
-- notices, the moved-dates notices and the review reminders. Rows without such a key stay null
-- (a person's own account mail, or an invitation: see src/privacy).
UPDATE "outbox_messages" o SET "about" = 'nomination:' || substring(o."dedupe_key" from '^(?:receipt|nominee-notice|draft-link|withdrawn):([0-9]+)')
  WHERE o."about" IS NULL AND o."dedupe_key" ~ '^(?:receipt|nominee-notice|draft-link|withdrawn):[0-9]+';--> statement-breakpoint
UPDATE "outbox_messages" o SET "about" = 'nomination:' || substring(o."dedupe_key" from '^publication:(?:nominees|winner):[0-9]+:([0-9]+)')
  WHERE o."about" IS NULL AND o."dedupe_key" ~ '^publication:(?:nominees|winner):[0-9]+:[0-9]+';--> statement-breakpoint
UPDATE "outbox_messages" o SET "organisation_id" = a."organisation_id"
  FROM "nominations" n JOIN "editions" e ON e."id" = n."edition_id" JOIN "awards" a ON a."id" = e."award_id"
  WHERE o."organisation_id" IS NULL AND o."about" = 'nomination:' || n."id";--> statement-breakpoint
UPDATE "outbox_messages" o SET "organisation_id" = a."organisation_id"
  FROM "editions" e JOIN "awards" a ON a."id" = e."award_id"
  WHERE o."organisation_id" IS NULL AND o."dedupe_key" ~ '^timeline-change:[0-9]+:'
    AND e."id" = substring(o."dedupe_key" from '^timeline-change:([0-9]+):')::integer;--> statement-breakpoint
UPDATE "outbox_messages" o SET "organisation_id" = a."organisation_id"
  FROM "edition_members" m JOIN "editions" e ON e."id" = m."edition_id" JOIN "awards" a ON a."id" = e."award_id"
  WHERE o."organisation_id" IS NULL AND o."dedupe_key" ~ '^review-reminder:[0-9]+:'
    AND m."id" = substring(o."dedupe_key" from '^review-reminder:([0-9]+):')::integer;
