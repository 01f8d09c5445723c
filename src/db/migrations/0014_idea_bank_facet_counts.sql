CREATE TABLE "solution_facet_counts" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"solutions" integer NOT NULL,
	CONSTRAINT "solution_facet_counts_facet_value_pk" PRIMARY KEY("facet","value")
);
