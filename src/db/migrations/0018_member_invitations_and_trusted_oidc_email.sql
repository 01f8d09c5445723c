-- Security issue 13, finding 2.
-- 1. member_invitations: an invitation makes a member only when the link e-mailed to the
--    invited address is followed (members/invitations.service.ts acceptInvitation).
-- 2. identity_providers.trusts_email: whether an ID token without an email_verified claim may
--    give its e-mail (accounts/sign-in-rules.ts trustedOidcEmail). Providers pinned to an Entra
--    ID tenant (tenant_id set) keep working as before: Entra sends no email_verified, and the
--    e-mails of an organisation's own tenant are set by its administrators.
CREATE TABLE "member_invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"is_chair" boolean DEFAULT false NOT NULL,
	"party_letter" text,
	"represents" text,
	"token_hash" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "member_invitations_chair_in_committee" CHECK (not "member_invitations"."is_chair" or "member_invitations"."role" = 'committee')
);
--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "trusts_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_invitations_token_uq" ON "member_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invitations_open_uq" ON "member_invitations" USING btree ("edition_id","user_id","role") WHERE "member_invitations"."accepted_at" is null and "member_invitations"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "member_invitations_user_idx" ON "member_invitations" USING btree ("user_id");--> statement-breakpoint
UPDATE "identity_providers" SET "trusts_email" = true WHERE "tenant_id" IS NOT NULL;
