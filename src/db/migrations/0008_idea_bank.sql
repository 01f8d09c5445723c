CREATE TABLE "adoptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "adoptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"solution_id" integer NOT NULL,
	"organisation_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"adopted_on" date NOT NULL,
	"changes" text DEFAULT '' NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "solution_images" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "solution_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"solution_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "solution_nominations" (
	"nomination_id" integer NOT NULL,
	"role" text NOT NULL,
	"solution_id" integer NOT NULL,
	"linked_by" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "solution_nominations_nomination_id_role_pk" PRIMARY KEY("nomination_id","role")
);
--> statement-breakpoint
CREATE TABLE "solutions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "solutions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"organisation_name" text NOT NULL,
	"unit_name" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'idea' NOT NULL,
	"year" integer NOT NULL,
	"owner_user_id" integer,
	"owner_organisation_id" integer,
	"seed_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('danish'::regconfig, "title"), 'A') || setweight(to_tsvector('danish'::regconfig, "summary"), 'B') || setweight(to_tsvector('danish'::regconfig, "description"), 'C') || setweight(to_tsvector('danish'::regconfig, "tags"), 'C')) STORED NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower("title" || ' ' || "summary" || ' ' || "organisation_name" || ' ' || "unit_name")) STORED NOT NULL,
	CONSTRAINT "solutions_title_present" CHECK (length(btrim("solutions"."title")) > 0)
);
--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_images" ADD CONSTRAINT "solution_images_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_nominations" ADD CONSTRAINT "solution_nominations_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_nominations" ADD CONSTRAINT "solution_nominations_solution_id_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adoptions_solution_idx" ON "adoptions" USING btree ("solution_id","adopted_on");--> statement-breakpoint
CREATE INDEX "solution_images_solution_idx" ON "solution_images" USING btree ("solution_id");--> statement-breakpoint
CREATE INDEX "solution_nominations_solution_idx" ON "solution_nominations" USING btree ("solution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "solutions_seed_key_uq" ON "solutions" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "solutions_search_vector_idx" ON "solutions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "solutions_search_text_trgm_idx" ON "solutions" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "solutions_tags_idx" ON "solutions" USING gin ("tags" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "solutions_created_idx" ON "solutions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "solutions_owner_idx" ON "solutions" USING btree ("owner_user_id");