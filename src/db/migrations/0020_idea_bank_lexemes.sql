CREATE TABLE "solution_lexemes" (
	"lexeme" text PRIMARY KEY NOT NULL,
	"solutions" integer NOT NULL
);
