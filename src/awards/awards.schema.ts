import { bigint, boolean, jsonb, check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Instants are always timestamptz; they are shown in Europe/Copenhagen by the views. */
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An organiser of prizes: a region or Danske Regioner. */
export const organisations = pgTable('organisations', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  websiteUrl: text('website_url'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  privacyUrl: text('privacy_url'),
  /** The data protection officer's e-mail, named in the privacy policy. */
  dpoEmail: text('dpo_email'),
  /** The organisation's own accessibility statement on was.digst.dk; null: the portal's statement. */
  accessibilityUrl: text('accessibility_url'),
  /** The primary colour, "#rrggbb", giving white text at least 4.5:1 (brand.ts); null: DKFDS's own. */
  brandColour: text('brand_colour'),
  /** One to three letters or digits drawn as the organisation's mark (brand.ts); null: its initials. */
  markLetters: text('mark_letters'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** A prize, such as Initiativprisen. Its yearly rounds are editions. */
export const awards = pgTable(
  'awards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** One sentence: what the prize is for. */
    summary: text('summary').notNull(),
    description: text('description').notNull(),
    establishedYear: integer('established_year').notNull(),
    eligibility: text('eligibility'),
    /**
     * English texts beside the Danish ones (null: none given; English pages then show the Danish
     * text marked lang="da", see platform/ui/localized.tsx). The name is one proper name in both.
     */
    summaryEn: text('summary_en'),
    descriptionEn: text('description_en'),
    eligibilityEn: text('eligibility_en'),
    contactName: text('contact_name'),
    contactTitle: text('contact_title'),
    contactUnit: text('contact_unit'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('awards_organisation_idx').on(t.organisationId)],
);

/**
 * One year of an award. The timeline columns are null only for historic editions that
 * are kept for their year and theme alone; the phase is always derived from them
 * (see awards/phase.ts), never stored.
 */
/**
 * Where every edition's stamp comes from (editions.stamp): one sequence for all editions, owned by
 * no table, so a number is never given twice, not even after a table is emptied and refilled.
 */
export const editionStamps = pgSequence('edition_stamps');

export const editions = pgTable(
  'editions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    awardId: integer('award_id')
      .notNull()
      .references(() => awards.id),
    year: integer('year').notNull(),
    theme: text('theme'),
    themeDescription: text('theme_description'),
    /** English theme and prize terms; null: English pages show the Danish text marked lang="da". */
    themeEn: text('theme_en'),
    themeDescriptionEn: text('theme_description_en'),
    opensAt: instant('opens_at'),
    closesAt: instant('closes_at'),
    reviewStartsAt: instant('review_starts_at'),
    nomineesPublishedAt: instant('nominees_published_at'),
    votingOpensAt: instant('voting_opens_at'),
    votingClosesAt: instant('voting_closes_at'),
    winnerAnnouncedAt: instant('winner_announced_at'),
    archivedAt: instant('archived_at'),
    eventName: text('event_name'),
    eventPlace: text('event_place'),
    nomineeCountMin: integer('nominee_count_min'),
    nomineeCountMax: integer('nominee_count_max'),
    prizeAmountKr: integer('prize_amount_kr'),
    prizePurpose: text('prize_purpose'),
    prizeExtras: text('prize_extras'),
    prizePurposeEn: text('prize_purpose_en'),
    prizeExtrasEn: text('prize_extras_en'),
    /** The prize is not paid out in cash (it is earmarked, e.g. for the department's surroundings). */
    prizeNotCash: boolean('prize_not_cash').notNull().default(false),
    filmUrl: text('film_url'),
    hasPatientPanel: boolean('has_patient_panel').notNull().default(false),
    /** Smartprisen's form asks where the solution was first developed. */
    asksOrigin: boolean('asks_origin').notNull().default(false),
    /** Scores may be given and changed until this instant; when absent, until nominees are published. */
    reviewClosesAt: instant('review_closes_at'),
    /** Blind review: no page, export or e-mail to committee members shows nominators' or nominees' names. */
    blindReview: boolean('blind_review').notNull().default(false),
    /** The committee's scale per criterion (default 1–5); the meaning of each step may be given. */
    scoreScaleMin: integer('score_scale_min').notNull().default(1),
    scoreScaleMax: integer('score_scale_max').notNull().default(5),
    /** One label per step, lowest first ("1 – lever ikke op til kriteriet" …); null: the default labels. */
    scoreLabels: jsonb('score_labels').$type<string[]>(),
    /** Set when the first ballot is cast: the panel's nominees, method and deadline cannot change after. */
    votingLockedAt: instant('voting_locked_at'),
    /**
     * When the round was made public; null while it is a draft, seen only by its organisation's
     * administrators and committee (a preview). Rounds start as drafts.
     */
    publishedAt: instant('published_at'),
    /**
     * Set when the round was imported from an earlier year's records (history-import/) rather
     * than run here: its timeline is made up (the real dates are not known), so pages do not show it.
     */
    importedAt: instant('imported_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    /**
     * A new number from edition_stamps whenever anything a nomination is sent against changes:
     * this row, its award, its organisation, its form sections, criteria or e-mail templates. Kept
     * by triggers (migration edition_stamp), so every writer keeps it true; a process that cached the round
     * (nominations/edition-cache.ts) compares it instead of reading the round again (decision 0013).
     */
    stamp: bigint('stamp', { mode: 'number' }).notNull().default(sql`nextval('edition_stamps')`),
  },
  (t) => [
    uniqueIndex('editions_award_year_uq').on(t.awardId, t.year),
    check(
      'editions_timeline_complete',
      sql`(${t.opensAt} is null) = (${t.closesAt} is null)
        and (${t.opensAt} is null) = (${t.nomineesPublishedAt} is null)
        and (${t.opensAt} is null) = (${t.winnerAnnouncedAt} is null)`,
    ),
    check(
      'editions_timeline_order',
      sql`${t.opensAt} is null or (${t.opensAt} < ${t.closesAt}
        and ${t.closesAt} <= coalesce(${t.reviewStartsAt}, ${t.closesAt})
        and coalesce(${t.reviewStartsAt}, ${t.closesAt}) <= ${t.nomineesPublishedAt}
        and ${t.nomineesPublishedAt} <= ${t.winnerAnnouncedAt})`,
    ),
    check(
      'editions_review_closes_in_order',
      sql`${t.reviewClosesAt} is null or (${t.closesAt} < ${t.reviewClosesAt} and ${t.reviewClosesAt} <= ${t.nomineesPublishedAt})`,
    ),
    check('editions_score_scale', sql`${t.scoreScaleMin} >= 0 and ${t.scoreScaleMin} < ${t.scoreScaleMax} and ${t.scoreScaleMax} <= 100`),
    check('editions_nominee_count', sql`${t.nomineeCountMin} is null or ${t.nomineeCountMax} is null or ${t.nomineeCountMin} <= ${t.nomineeCountMax}`),
  ],
);

/** What the committee judges nominations against. */
export const criteria = pgTable(
  'criteria',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** English title and description; null: English pages show the Danish ones marked lang="da". */
    titleEn: text('title_en'),
    descriptionEn: text('description_en'),
  },
  (t) => [uniqueIndex('criteria_edition_position_uq').on(t.editionId, t.position)],
);

/** A heading of the nomination form, with help text and a word limit. */
export const formSections = pgTable(
  'form_sections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    help: text('help').notNull().default(''),
    /** English heading and help; null: English pages show the Danish ones marked lang="da". */
    headingEn: text('heading_en'),
    helpEn: text('help_en'),
    wordLimit: integer('word_limit'),
    required: boolean('required').notNull().default(true),
  },
  (t) => [
    uniqueIndex('form_sections_edition_position_uq').on(t.editionId, t.position),
    check('form_sections_word_limit_positive', sql`${t.wordLimit} is null or ${t.wordLimit} > 0`),
  ],
);

/** A seat on an edition's committee: a named person (with party letter) or an organisation represented. */
export const committeeSeats = pgTable(
  'committee_seats',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name'),
    partyLetter: text('party_letter'),
    represents: text('represents'),
    isChair: boolean('is_chair').notNull().default(false),
  },
  (t) => [
    uniqueIndex('committee_seats_edition_position_uq').on(t.editionId, t.position),
    check('committee_seats_who', sql`${t.name} is not null or ${t.represents} is not null`),
  ],
);
