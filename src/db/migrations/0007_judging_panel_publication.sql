CREATE TABLE "conflicts_of_interest" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conflicts_of_interest_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"nomination_id" integer NOT NULL,
	"origin" text NOT NULL,
	"flag" text,
	"status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "conflicts_declared_confirmed" CHECK ("conflicts_of_interest"."origin" = 'flagged' or "conflicts_of_interest"."status" = 'confirmed')
);
--> statement-breakpoint
CREATE TABLE "review_reminders" (
	"member_id" integer NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_reminders_member_id_kind_pk" PRIMARY KEY("member_id","kind")
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"review_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "review_scores_review_id_criterion_id_pk" PRIMARY KEY("review_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"nomination_id" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shortlist_entries" (
	"edition_id" integer NOT NULL,
	"nomination_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "shortlist_entries_edition_id_nomination_id_pk" PRIMARY KEY("edition_id","nomination_id")
);
--> statement-breakpoint
CREATE TABLE "shortlists" (
	"edition_id" integer PRIMARY KEY NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"voter_key" text NOT NULL,
	"ranking" jsonb NOT NULL,
	"cast_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominee_summaries" (
	"nomination_id" integer PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"lix" real NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_user_id" integer
);
--> statement-breakpoint
CREATE TABLE "panel_voters" (
	"member_id" integer NOT NULL,
	"edition_id" integer NOT NULL,
	"first_cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_voters_member_id_pk" PRIMARY KEY("member_id")
);
--> statement-breakpoint
CREATE TABLE "winner_decisions" (
	"edition_id" integer PRIMARY KEY NOT NULL,
	"nomination_id" integer NOT NULL,
	"basis" text NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_notices" (
	"edition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"enqueued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "publication_notices_edition_id_kind_pk" PRIMARY KEY("edition_id","kind")
);
--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "review_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "blind_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "score_scale_min" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "score_scale_max" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "score_labels" jsonb;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "voting_locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "ballot_salt" text DEFAULT md5(random()::text || clock_timestamp()::text) NOT NULL;--> statement-breakpoint
ALTER TABLE "conflicts_of_interest" ADD CONSTRAINT "conflicts_of_interest_member_id_edition_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."edition_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts_of_interest" ADD CONSTRAINT "conflicts_of_interest_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reminders" ADD CONSTRAINT "review_reminders_member_id_edition_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."edition_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_member_id_edition_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."edition_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_edition_id_shortlists_edition_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."shortlists"("edition_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominee_summaries" ADD CONSTRAINT "nominee_summaries_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominee_summaries" ADD CONSTRAINT "nominee_summaries_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_voters" ADD CONSTRAINT "panel_voters_member_id_edition_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."edition_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_voters" ADD CONSTRAINT "panel_voters_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "winner_decisions" ADD CONSTRAINT "winner_decisions_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "winner_decisions" ADD CONSTRAINT "winner_decisions_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "winner_decisions" ADD CONSTRAINT "winner_decisions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_notices" ADD CONSTRAINT "publication_notices_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conflicts_member_nomination_uq" ON "conflicts_of_interest" USING btree ("member_id","nomination_id");--> statement-breakpoint
CREATE INDEX "conflicts_nomination_idx" ON "conflicts_of_interest" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_member_nomination_uq" ON "reviews" USING btree ("member_id","nomination_id");--> statement-breakpoint
CREATE INDEX "reviews_nomination_idx" ON "reviews" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shortlist_entries_position_uq" ON "shortlist_entries" USING btree ("edition_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_edition_voter_uq" ON "ballots" USING btree ("edition_id","voter_key");--> statement-breakpoint
CREATE INDEX "panel_voters_edition_idx" ON "panel_voters" USING btree ("edition_id");--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_review_closes_in_order" CHECK ("editions"."review_closes_at" is null or ("editions"."closes_at" < "editions"."review_closes_at" and "editions"."review_closes_at" <= "editions"."nominees_published_at"));--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_score_scale" CHECK ("editions"."score_scale_min" >= 0 and "editions"."score_scale_min" < "editions"."score_scale_max" and "editions"."score_scale_max" <= 100);