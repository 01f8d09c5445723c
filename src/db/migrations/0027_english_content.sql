ALTER TABLE "awards" ADD COLUMN "summary_en" text;--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "eligibility_en" text;--> statement-breakpoint
ALTER TABLE "criteria" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "criteria" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "theme_en" text;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "theme_description_en" text;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "prize_purpose_en" text;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "prize_extras_en" text;--> statement-breakpoint
ALTER TABLE "form_sections" ADD COLUMN "heading_en" text;--> statement-breakpoint
ALTER TABLE "form_sections" ADD COLUMN "help_en" text;--> statement-breakpoint
ALTER TABLE "solutions" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "solutions" ADD COLUMN "summary_en" text;--> statement-breakpoint
ALTER TABLE "solutions" ADD COLUMN "description_en" text;