CREATE TABLE "message_schedules" (
	"edition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_schedules_edition_id_kind_pk" PRIMARY KEY("edition_id","kind")
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"edition_id" integer NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	CONSTRAINT "message_templates_edition_id_kind_language_pk" PRIMARY KEY("edition_id","kind","language"),
	CONSTRAINT "message_templates_language" CHECK ("message_templates"."language" in ('da', 'en'))
);
--> statement-breakpoint
CREATE TABLE "stage_mailings" (
	"edition_id" integer NOT NULL,
	"stage" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"mails" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stage_mailings_edition_id_stage_pk" PRIMARY KEY("edition_id","stage")
);
--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "language" text DEFAULT 'da' NOT NULL;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "nominee_language" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "member_invitations" ADD COLUMN "language" text DEFAULT 'da' NOT NULL;--> statement-breakpoint
ALTER TABLE "message_schedules" ADD CONSTRAINT "message_schedules_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_mailings" ADD CONSTRAINT "stage_mailings_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;