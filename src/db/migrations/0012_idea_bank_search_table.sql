CREATE TABLE "solution_search" (
	"solution_id" integer PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"organisation_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"tags_key" text NOT NULL,
	"tags" jsonb NOT NULL,
	"title_lower" text NOT NULL,
	"search_text" text NOT NULL,
	"search_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX "solutions_search_vector_idx";--> statement-breakpoint
DROP INDEX "solutions_search_text_trgm_idx";--> statement-breakpoint
DROP INDEX "solutions_title_trgm_idx";--> statement-breakpoint
DROP INDEX "solutions_tags_idx";--> statement-breakpoint
DROP INDEX "solutions_status_year_idx";--> statement-breakpoint
DROP INDEX "solutions_year_idx";--> statement-breakpoint
ALTER TABLE "solution_search" ADD CONSTRAINT "solution_search_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "solution_search_vector_idx" ON "solution_search" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "solution_search_text_trgm_idx" ON "solution_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "solution_search_title_trgm_idx" ON "solution_search" USING gin ("title_lower" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "solution_search_tags_idx" ON "solution_search" USING gin ("tags" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "solution_search_created_idx" ON "solution_search" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "solution_search_status_year_idx" ON "solution_search" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "solution_search_year_idx" ON "solution_search" USING btree ("year");