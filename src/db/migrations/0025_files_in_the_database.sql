CREATE TABLE "stored_file_chunks" (
	"file_key" text NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "stored_file_chunks_file_key_seq_pk" PRIMARY KEY("file_key","seq")
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"key" text PRIMARY KEY NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"on_disk" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "stored_file_chunks_file_key_stored_files_key_fk" FOREIGN KEY ("file_key") REFERENCES "public"."stored_files"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Files uploaded before this migration are on disk (ATTACHMENTS_DIR): list them here, marked
-- on_disk, so the owners' foreign keys hold at once; start-up moves their bytes in
-- (platform/storage/file-store.ts, moveDiskFilesIntoDatabase).
INSERT INTO "stored_files" ("key", "size_bytes", "sha256", "on_disk", "created_at")
  SELECT "storage_key", "size_bytes", "sha256", true, "created_at" FROM "nomination_attachments"
  UNION ALL
  SELECT "storage_key", "size_bytes", "sha256", true, "created_at" FROM "solution_images"
  ON CONFLICT ("key") DO NOTHING;--> statement-breakpoint
ALTER TABLE "nomination_attachments" ADD CONSTRAINT "nomination_attachments_storage_key_stored_files_key_fk" FOREIGN KEY ("storage_key") REFERENCES "public"."stored_files"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_images" ADD CONSTRAINT "solution_images_storage_key_stored_files_key_fk" FOREIGN KEY ("storage_key") REFERENCES "public"."stored_files"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nomination_attachments_storage_key_uq" ON "nomination_attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "solution_images_storage_key_uq" ON "solution_images" USING btree ("storage_key");--> statement-breakpoint
-- A file goes with the row it belongs to: whatever deletes the row (the nominator, erasure,
-- retention, a cascade from its nomination or solution) deletes the file and, by cascade, its
-- chunks, in the same transaction.
CREATE OR REPLACE FUNCTION delete_stored_file_of_row() RETURNS trigger AS $$
BEGIN
  DELETE FROM stored_files WHERE key = OLD.storage_key;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER nomination_attachments_delete_file AFTER DELETE ON nomination_attachments
  FOR EACH ROW EXECUTE FUNCTION delete_stored_file_of_row();
--> statement-breakpoint
CREATE TRIGGER solution_images_delete_file AFTER DELETE ON solution_images
  FOR EACH ROW EXECUTE FUNCTION delete_stored_file_of_row();
