import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../awards/awards.schema.js';
import { users } from '../accounts/accounts.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { storedFiles } from '../platform/storage/files.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Postgres' full-text document type; only ever written by the database (a generated column). */
const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/** Idé, afprøvet, implementeret, spredt: how far a solution has come. */
export const solutionStatuses = ['idea', 'tested', 'implemented', 'spread'] as const;
export type SolutionStatus = (typeof solutionStatuses)[number];

/**
 * A solution in the idea bank: a new way of working, a tool or a project, nominated or not.
 * Organisation and unit are free text because solutions come from every region and
 * municipality, not only from the organisers. `ownerUserId` and the admins of
 * `ownerOrganisationId` may edit it.
 *
 * Search: `search_vector` weighs the title (A) over the summary (B) and the description and
 * tags (C) with the `danish` configuration; `search_text` is the lowercased title, summary,
 * organisation and unit for substring matching (closed compounds, typos, "ærø"). Both are
 * copied to `solution_search`, which holds the search indexes.
 */
export const solutions = pgTable(
  'solutions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    /** English texts (null: none; English pages show the Danish ones marked lang="da"). Search stays Danish. */
    titleEn: text('title_en'),
    summaryEn: text('summary_en'),
    descriptionEn: text('description_en'),
    organisationName: text('organisation_name').notNull(),
    unitName: text('unit_name').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Tags as a JSON array of strings ("patientinddragelse", "telemedicin"). */
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    status: text('status', { enum: solutionStatuses }).notNull().default('idea'),
    /** The year the solution was made or first tried. */
    year: integer('year').notNull(),
    ownerUserId: integer('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** Demo data and generated benchmark rows carry a key so seeding is idempotent. */
    seedKey: text('seed_key'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('danish'::regconfig, "title"), 'A') || setweight(to_tsvector('danish'::regconfig, "summary"), 'B') || setweight(to_tsvector('danish'::regconfig, "description"), 'C') || setweight(to_tsvector('danish'::regconfig, "tags"), 'C')`,
      ),
    searchText: text('search_text').notNull().generatedAlwaysAs(sql`lower("title" || ' ' || "summary" || ' ' || "organisation_name" || ' ' || "unit_name")`),
  },
  (t) => [
    uniqueIndex('solutions_seed_key_uq').on(t.seedKey),
    // The newest solutions (the Atom feed); searches use solution_search's indexes.
    index('solutions_created_idx').on(t.createdAt),
    index('solutions_owner_idx').on(t.ownerUserId),
    check('solutions_title_present', sql`length(btrim(${t.title})) > 0`),
  ],
);

/**
 * What searching needs of each solution, one narrow row per solution (no description text,
 * contact or owner): the search document and text, the lowercased title (ranking and
 * typo-tolerant matching), the facet columns and created_at. A search reads the matching rows
 * of this table only and joins `solutions` for the page of hits. Written only by the trigger
 * `solution_search_sync` (migrations 0013, 0014) after every insert, update and delete of
 * `solutions`, in the same statement, so it is never out of step; the values are copied from
 * the row (search_vector and search_text are its generated columns).
 */
export const solutionSearch = pgTable(
  'solution_search',
  {
    solutionId: integer('solution_id')
      .primaryKey()
      .references(() => solutions.id, { onDelete: 'cascade' }),
    // Fixed-width columns first, the widest last: every match reads the facet columns, and
    // they are then found at fixed offsets or after short values only.
    year: integer('year').notNull(),
    createdAt: instant('created_at').notNull(),
    /**
     * The facet values by number (solution_facet_counts.key, set by the same trigger): a search
     * copies and counts its matches by these four integers, which costs about a third less per
     * match than the texts. The tag list is one value (its JSON text, 'tag list' in the counts),
     * unpacked into tags after counting.
     */
    organisationKey: integer('organisation_key').notNull(),
    unitKey: integer('unit_key').notNull(),
    statusKey: integer('status_key').notNull(),
    tagListKey: integer('tag_list_key').notNull(),
    status: text('status', { enum: solutionStatuses }).notNull(),
    organisationName: text('organisation_name').notNull(),
    unitName: text('unit_name').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    /** lower(title). */
    titleLower: text('title_lower').notNull(),
    searchText: text('search_text').notNull(),
    searchVector: tsvector('search_vector').notNull(),
  },
  (t) => [
    index('solution_search_vector_idx').using('gin', t.searchVector),
    index('solution_search_text_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    // Typo-tolerant matching (the fallback when nothing matches exactly) compares with titles only.
    index('solution_search_title_trgm_idx').using('gin', t.titleLower.op('gin_trgm_ops')),
    index('solution_search_tags_idx').using('gin', t.tags.op('jsonb_path_ops')),
    index('solution_search_created_idx').on(t.createdAt),
    // Browsing by facet without search words (status and year, the most chosen).
    index('solution_search_status_year_idx').on(t.status, t.year),
    index('solution_search_year_idx').on(t.year),
    // A search's words narrowed by an organisation or a unit: the planner ANDs the text
    // indexes' bitmap with these, so the rows of other organisations are never read.
    index('solution_search_organisation_idx').on(t.organisationName),
    index('solution_search_unit_idx').on(t.unitName),
  ],
);

/**
 * How many solutions have each facet value, kept up to date in advance: the bare /idebank
 * (no search words, no filter) shows counts over every solution, and counting them at each
 * visit meant reading the whole of solution_search. One row per facet ('organisation',
 * 'unit', 'status', 'year', 'tag') and value, and one row ('total', '') for all solutions.
 * Written only by the statement-level triggers on `solution_search` (migration 0014), in the
 * same transaction as the change, so the counts are exact, never a cached estimate. A value
 * whose last solution went keeps its row at 0 (readers skip 0), so concurrent writers never
 * race a delete. (No CHECK (solutions >= 0): PostgreSQL checks the row an upsert proposes before
 * it finds the conflict, and a decrement is proposed as a negative row; the integration test
 * compares every count with one made from scratch instead.)
 */
export const solutionFacetCounts = pgTable(
  'solution_facet_counts',
  {
    facet: text('facet').notNull(),
    value: text('value').notNull(),
    solutions: integer('solutions').notNull(),
    /** The value's number: solution_search holds it, and searches count by it (see there). */
    key: integer('key').notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.value] }), uniqueIndex('solution_facet_counts_key_idx').on(t.key)],
);

/**
 * The words of the solutions' titles (lowercased, not stemmed) and how many solutions have
 * each: the typo-tolerant search compares a misspelt search word with these few thousand words
 * (trigram word similarity, its own index) instead of with every title, then finds the titles
 * holding the words that resemble it through the full-text index.
 * Written only by the triggers on `solution_search` (migration 0014), in the same transaction;
 * a word whose last solution went keeps its row at 0, which readers skip.
 */
export const solutionTitleWords = pgTable(
  'solution_title_words',
  {
    word: text('word').primaryKey(),
    solutions: integer('solutions').notNull(),
  },
  (t) => [index('solution_title_words_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);

/**
 * Every lexeme of the search documents and how many solutions have it (document frequency):
 * similar solutions weigh a shared word by how rare it is, and look for candidates through the
 * rarest of a text's words only, so suggesting costs about the same whatever the size of the
 * idea bank. Written only by the triggers on `solution_search` (migration 0014), in the same
 * transaction; a lexeme whose last solution went keeps its row at 0, which readers skip.
 */
export const solutionLexemes = pgTable('solution_lexemes', {
  lexeme: text('lexeme').primaryKey(),
  solutions: integer('solutions').notNull(),
});

/** "Vi har taget løsningen i brug": a unit adopted a solution (when, and what it changed). */
export const adoptions = pgTable(
  'adoptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    solutionId: integer('solution_id')
      .notNull()
      .references(() => solutions.id, { onDelete: 'cascade' }),
    organisationName: text('organisation_name').notNull(),
    unitName: text('unit_name').notNull(),
    /** The day the unit began using it (a calendar date, no time of day). */
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    changes: text('changes').notNull().default(''),
    createdByUserId: integer('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('adoptions_solution_idx').on(t.solutionId, t.adoptedOn)],
);

/**
 * An image of a solution (PNG, JPEG or WebP). Its bytes are the stored file `storageKey` (platform/storage/files.schema.ts),
 * written in the same transaction as this row and deleted with it (trigger `solution_images_delete_file`).
 */
export const solutionImages = pgTable(
  'solution_images',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    solutionId: integer('solution_id')
      .notNull()
      .references(() => solutions.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key')
      .notNull()
      .references(() => storedFiles.key),
    altText: text('alt_text').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('solution_images_solution_idx').on(t.solutionId), uniqueIndex('solution_images_storage_key_uq').on(t.storageKey)],
);

/**
 * Links between nominations and solutions. 'nominated': the nomination is about this
 * solution (made when it is eligible and the nominee accepted publication). 'origin': a
 * Smartprisen nomination's "where it was first developed" is this solution.
 */
export const solutionNominations = pgTable(
  'solution_nominations',
  {
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['nominated', 'origin'] }).notNull(),
    solutionId: integer('solution_id')
      .notNull()
      .references(() => solutions.id, { onDelete: 'cascade' }),
    linkedBy: text('linked_by', { enum: ['automatic', 'admin'] }).notNull(),
    linkedAt: instant('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.role] }), index('solution_nominations_solution_idx').on(t.solutionId)],
);
