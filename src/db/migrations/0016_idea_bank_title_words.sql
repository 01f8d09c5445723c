CREATE TABLE "solution_title_words" (
	"word" text PRIMARY KEY NOT NULL,
	"solutions" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "solution_title_words_trgm_idx" ON "solution_title_words" USING gin ("word" gin_trgm_ops);