CREATE TABLE "awards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "awards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"established_year" integer NOT NULL,
	"eligibility" text,
	"contact_name" text,
	"contact_title" text,
	"contact_unit" text,
	"contact_phone" text,
	"contact_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "awards_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "committee_seats" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "committee_seats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text,
	"party_letter" text,
	"represents" text,
	"is_chair" boolean DEFAULT false NOT NULL,
	CONSTRAINT "committee_seats_who" CHECK ("committee_seats"."name" is not null or "committee_seats"."represents" is not null)
);
--> statement-breakpoint
CREATE TABLE "criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "editions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"award_id" integer NOT NULL,
	"year" integer NOT NULL,
	"theme" text,
	"theme_description" text,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"review_starts_at" timestamp with time zone,
	"nominees_published_at" timestamp with time zone,
	"voting_opens_at" timestamp with time zone,
	"voting_closes_at" timestamp with time zone,
	"winner_announced_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"event_name" text,
	"event_place" text,
	"nominee_count_min" integer,
	"nominee_count_max" integer,
	"prize_amount_kr" integer,
	"prize_purpose" text,
	"prize_extras" text,
	"film_url" text,
	"has_patient_panel" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editions_timeline_complete" CHECK (("editions"."opens_at" is null) = ("editions"."closes_at" is null)
        and ("editions"."opens_at" is null) = ("editions"."nominees_published_at" is null)
        and ("editions"."opens_at" is null) = ("editions"."winner_announced_at" is null)),
	CONSTRAINT "editions_timeline_order" CHECK ("editions"."opens_at" is null or ("editions"."opens_at" < "editions"."closes_at"
        and "editions"."closes_at" <= coalesce("editions"."review_starts_at", "editions"."closes_at")
        and coalesce("editions"."review_starts_at", "editions"."closes_at") <= "editions"."nominees_published_at"
        and "editions"."nominees_published_at" <= "editions"."winner_announced_at")),
	CONSTRAINT "editions_nominee_count" CHECK ("editions"."nominee_count_min" is null or "editions"."nominee_count_max" is null or "editions"."nominee_count_min" <= "editions"."nominee_count_max")
);
--> statement-breakpoint
CREATE TABLE "form_sections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "form_sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"help" text DEFAULT '' NOT NULL,
	"word_limit" integer,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "form_sections_word_limit_positive" CHECK ("form_sections"."word_limit" is null or "form_sections"."word_limit" > 0)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"website_url" text,
	"contact_email" text,
	"contact_phone" text,
	"privacy_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_seats" ADD CONSTRAINT "committee_seats_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_sections" ADD CONSTRAINT "form_sections_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awards_organisation_idx" ON "awards" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_seats_edition_position_uq" ON "committee_seats" USING btree ("edition_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_edition_position_uq" ON "criteria" USING btree ("edition_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "editions_award_year_uq" ON "editions" USING btree ("award_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "form_sections_edition_position_uq" ON "form_sections" USING btree ("edition_id","position");