-- Secret ballots that a dump or a backup cannot link to the voters (issue 13, finding 3).
--
-- Ballot keys were an HMAC of the member keyed with editions.ballot_salt, stored in the same
-- database, and ballots.cast_at equalled panel_voters.first_cast_at and the audit event's time.
-- From now on a ballot's key is an HMAC of edition and member under the server secret
-- BALLOT_KEY (config.ts), which never enters the database, and a ballot row holds only its
-- edition, its key and its ranking: no serial id, no time.
--
-- Ballots cast before this migration: their rankings are kept and counted as before. Their keys
-- cannot be recomputed under BALLOT_KEY (SQL does not know it), and the salt that made them is
-- dropped here, so each gets a random key marked 'legacy:'. A member who voted before the
-- upgrade in a vote that is still open keeps their counted ballot but can no longer change it
-- (the ballot page says so; panel/ballot.service.ts). Finally the ballots are written anew in
-- the order of their keys, so their physical order no longer follows the order of voting.
-- Old row versions (with cast_at) stay in the table's files until they are vacuumed; where the
-- data files themselves could be read, run VACUUM FULL ballots once after the upgrade.
ALTER TABLE "ballots" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "ballots" DROP COLUMN "cast_at";--> statement-breakpoint
ALTER TABLE "editions" DROP COLUMN "ballot_salt";--> statement-breakpoint
DROP INDEX "ballots_edition_voter_uq";--> statement-breakpoint
UPDATE "ballots" SET "voter_key" = 'legacy:' || gen_random_uuid()::text;--> statement-breakpoint
CREATE TEMPORARY TABLE "ballots_rewrite" AS SELECT "edition_id", "voter_key", "ranking" FROM "ballots";--> statement-breakpoint
DELETE FROM "ballots";--> statement-breakpoint
INSERT INTO "ballots" ("edition_id", "voter_key", "ranking") SELECT "edition_id", "voter_key", "ranking" FROM "ballots_rewrite" ORDER BY "edition_id", "voter_key";--> statement-breakpoint
DROP TABLE "ballots_rewrite";--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_pkey" PRIMARY KEY("edition_id","voter_key");
