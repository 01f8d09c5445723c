ALTER TABLE "editions" ADD COLUMN "prize_not_cash" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "dpo_email" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "accessibility_url" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "brand_colour" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "mark_letters" text;