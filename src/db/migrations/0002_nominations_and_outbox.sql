CREATE TABLE "nomination_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nomination_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nomination_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"receipt_number" text,
	"access_token_hash" text NOT NULL,
	"access_revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"nominee_kind" text,
	"nominee_names" text DEFAULT '' NOT NULL,
	"nominee_unit" text DEFAULT '' NOT NULL,
	"nominee_organisation" text DEFAULT '' NOT NULL,
	"nominee_email" text DEFAULT '' NOT NULL,
	"nominator_name" text DEFAULT '' NOT NULL,
	"nominator_email" text DEFAULT '' NOT NULL,
	"nominator_workplace" text DEFAULT '' NOT NULL,
	"nominator_is_citizen" text,
	"title" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"criterion_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"origin_organisation" text DEFAULT '' NOT NULL,
	"origin_description" text DEFAULT '' NOT NULL,
	"origin_url" text DEFAULT '' NOT NULL,
	"nominee_consent" text DEFAULT 'pending' NOT NULL,
	"nominee_consent_token_hash" text,
	"nominee_consent_at" timestamp with time zone,
	"screening" text DEFAULT 'pending' NOT NULL,
	"screening_reason" text,
	"screened_at" timestamp with time zone,
	"idempotency_key" text,
	"idempotency_fingerprint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_sent_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "nominations_sent_has_receipt" CHECK ("nominations"."status" = 'draft' or "nominations"."receipt_number" is not null)
);
--> statement-breakpoint
CREATE TABLE "receipt_counters" (
	"edition_id" integer PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"dedupe_key" text,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_attempts_nonnegative" CHECK ("outbox_messages"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "asks_origin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "nomination_attachments" ADD CONSTRAINT "nomination_attachments_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_counters" ADD CONSTRAINT "receipt_counters_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nomination_attachments_nomination_idx" ON "nomination_attachments" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_access_token_uq" ON "nominations" USING btree ("access_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_receipt_uq" ON "nominations" USING btree ("edition_id","receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_idempotency_uq" ON "nominations" USING btree ("edition_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_consent_token_uq" ON "nominations" USING btree ("nominee_consent_token_hash");--> statement-breakpoint
CREATE INDEX "nominations_edition_status_idx" ON "nominations" USING btree ("edition_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_uq" ON "outbox_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox_messages" USING btree ("status","next_attempt_at");