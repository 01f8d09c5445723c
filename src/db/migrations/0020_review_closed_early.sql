CREATE TABLE "review_closures" (
	"edition_id" integer PRIMARY KEY NOT NULL,
	"closed_by_user_id" integer,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_closures" ADD CONSTRAINT "review_closures_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_closures" ADD CONSTRAINT "review_closures_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;