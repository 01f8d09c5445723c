ALTER TABLE "editions" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Rounds made before drafts existed were public the moment they were saved: they stay public.
UPDATE "editions" SET "published_at" = "created_at";
