CREATE TABLE "nomination_link_recoveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nomination_link_recoveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nomination_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "working_copy" jsonb;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "working_copy_saved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nomination_link_recoveries" ADD CONSTRAINT "nomination_link_recoveries_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nomination_link_recoveries_token_uq" ON "nomination_link_recoveries" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "nomination_link_recoveries_nomination_idx" ON "nomination_link_recoveries" USING btree ("nomination_id");