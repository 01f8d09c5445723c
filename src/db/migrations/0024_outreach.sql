CREATE TABLE "draft_reminders" (
	"nomination_id" integer NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "draft_reminders_nomination_id_kind_pk" PRIMARY KEY("nomination_id","kind")
);
--> statement-breakpoint
CREATE TABLE "group_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"recipient_group" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"recipient_count" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"sent_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_messages_count_nonnegative" CHECK ("group_messages"."recipient_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "opening_subscriptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opening_subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"award_id" integer NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"confirm_token_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"confirmations_sent" integer DEFAULT 1 NOT NULL,
	"confirmations_window_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"consent_wording" text,
	"notified_edition_id" integer,
	"notified_at" timestamp with time zone,
	CONSTRAINT "opening_subscriptions_consent" CHECK (("opening_subscriptions"."confirmed_at" is null) = ("opening_subscriptions"."consent_wording" is null))
);
--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "reminder_token_hash" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "draft_reminders" ADD CONSTRAINT "draft_reminders_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_messages" ADD CONSTRAINT "group_messages_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_subscriptions" ADD CONSTRAINT "opening_subscriptions_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_subscriptions" ADD CONSTRAINT "opening_subscriptions_notified_edition_id_editions_id_fk" FOREIGN KEY ("notified_edition_id") REFERENCES "public"."editions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_messages_idempotency_uq" ON "group_messages" USING btree ("edition_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "group_messages_edition_idx" ON "group_messages" USING btree ("edition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opening_subscriptions_address_uq" ON "opening_subscriptions" USING btree ("award_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "opening_subscriptions_token_uq" ON "opening_subscriptions" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "opening_subscriptions_email_idx" ON "opening_subscriptions" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_reminder_token_uq" ON "nominations" USING btree ("reminder_token_hash");