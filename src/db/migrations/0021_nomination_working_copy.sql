ALTER TABLE "nominations" ADD COLUMN "working_copy" jsonb;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "working_copy_saved_at" timestamp with time zone;