CREATE INDEX "solutions_status_year_idx" ON "solutions" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "solutions_year_idx" ON "solutions" USING btree ("year");