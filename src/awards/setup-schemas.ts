import { brandColourProblem, isMarkText, normaliseColour } from './brand.js';
import { setupTexts, type SetupTexts } from './i18n.js';
import { z } from 'zod';
import { SCALE_LIMITS, SCORE_LABEL_MAX, parseScoreLabels } from './review-settings.js';
import {
  checkboxField,
  cleanText,
  emailField,
  formText,
  httpUrlField,
  integerField,
  localInstantField,
  textField,
  type LocalDateTimeInput,
} from '../platform/fields.js';
import type { Locale } from '../platform/time.js';
import { TIMELINE_KEYS, type CommitteeSeatInput, type CriterionInput, type FormSectionInput, type TimelineKey } from './setup.service.js';

// The setup forms as zod schemas, one per form, with the messages beside each field. The page
// (setup-form.ts: what the browser sent, as text) and the admin API (setup.api.ts,
// organisations.api.ts: JSON) parse with the same schema, so a field has one rule. A field
// takes either kind of value: digits typed or a JSON number, a ticked checkbox or a boolean, a
// Copenhagen date and time or an instant. The rules between fields and with the database
// (timeline order, the year free, the form locked) stay in setup.service.ts.

type T = SetupTexts;

const LONG = 20_000;
const SHORT = 300;

/** The most rows of an ordered list (criteria, form sections, committee seats). */
export const MAX_ROWS = 30;

/** The first year an award can have been given. */
const FIRST_YEAR = 1900;

/**
 * The schemas are built once per catalogue (Danish, English): the messages are part of them.
 * The key is the catalogue object, so a test's own catalogue gets its own schemas.
 */
function perCatalogue<K extends object, S>(build: (t: K) => S): (t: K) => S {
  const cache = new WeakMap<K, S>();
  return (t) => {
    let s = cache.get(t);
    if (!s) {
      s = build(t);
      cache.set(t, s);
    }
    return s;
  };
}

const text = (t: T, label: string, max: number, o: { required?: boolean; multiline?: boolean } = {}) =>
  textField({ max, multiline: o.multiline, required: o.required ? t.errors.required(label) : undefined, tooLong: t.errors.tooLong(label, max) });

const requiredText = (t: T, label: string, max: number, o: { multiline?: boolean } = {}) =>
  textField({ max, multiline: o.multiline, required: t.errors.required(label), tooLong: t.errors.tooLong(label, max) });

const url = (t: T, label: string) => httpUrlField({ tooLong: t.errors.tooLong(label, 2000), invalid: t.errors.url(label) });

const email = (t: T, label: string) => emailField({ tooLong: t.errors.tooLong(label, 254), invalid: t.errors.email(label) });

const year = (t: T, label: string) =>
  integerField({ min: FIRST_YEAR, max: 9999, digits: 4, required: t.errors.required(label), invalid: t.errors.year(label) });

// ---------------------------------------------------------------------------------------

export const organisationSchema = perCatalogue((t: T) => {
  const l = t.organisation;
  return z.object({
    name: requiredText(t, l.name, 200),
    websiteUrl: url(t, l.websiteUrl),
    contactEmail: email(t, l.contactEmail),
    contactPhone: text(t, l.contactPhone, 50),
    privacyUrl: url(t, l.privacyUrl),
    dpoEmail: email(t, l.dpoEmail),
    accessibilityUrl: url(t, l.accessibilityUrl),
    brandColour: textField({
      max: 20,
      tooLong: t.errors.colourFormat(l.brandColour),
      check: { test: (s) => brandColourProblem(s) !== 'format', message: t.errors.colourFormat(l.brandColour) },
    })
      .refine((s) => s === null || brandColourProblem(s) !== 'contrast', { message: t.errors.colourContrast(l.brandColour) })
      .transform((s) => (s === null ? null : normaliseColour(s))),
    markLetters: textField({ max: 3, tooLong: t.errors.markLetters(l.markLetters), check: { test: isMarkText, message: t.errors.markLetters(l.markLetters) } }),
  });
});

export const ORGANISATION_FIELDS = [
  'name',
  'websiteUrl',
  'contactEmail',
  'contactPhone',
  'privacyUrl',
  'dpoEmail',
  'accessibilityUrl',
  'brandColour',
  'markLetters',
] as const;

export type OrganisationSchemaInput = z.input<ReturnType<typeof organisationSchema>>;

// ---------------------------------------------------------------------------------------

export const awardSchema = perCatalogue((t: T) => {
  const l = t.award;
  const contact = (label: string) => `${l.contactHeading}: ${label}`;
  return z.object({
    name: requiredText(t, l.name, 200),
    summary: requiredText(t, l.summary, 500),
    description: requiredText(t, l.description, LONG, { multiline: true }),
    establishedYear: year(t, l.establishedYear),
    eligibility: text(t, l.eligibility, LONG, { multiline: true }),
    // The English twins: optional, with their Danish twin's clean-up and limit.
    summaryEn: text(t, l.summaryEn, 500),
    descriptionEn: text(t, l.descriptionEn, LONG, { multiline: true }),
    eligibilityEn: text(t, l.eligibilityEn, LONG, { multiline: true }),
    contactName: text(t, contact(l.contactName), 200),
    contactTitle: text(t, contact(l.contactTitle), 200),
    contactUnit: text(t, contact(l.contactUnit), 200),
    contactPhone: text(t, contact(l.contactPhone), 50),
    contactEmail: email(t, contact(l.contactEmail)),
  });
});

export const AWARD_FIELDS = [
  'name',
  'summary',
  'description',
  'establishedYear',
  'eligibility',
  'summaryEn',
  'descriptionEn',
  'eligibilityEn',
  'contactName',
  'contactTitle',
  'contactUnit',
  'contactPhone',
  'contactEmail',
] as const;

export type AwardSchemaInput = z.input<ReturnType<typeof awardSchema>>;

// ---------------------------------------------------------------------------------------

/** "10.000", "10 000", "10000 kr." and "10.000,-" are ten thousand kroner. */
export function kronerText(s: string): string {
  return s.replace(/(?<=\d)[.\s\u00a0](?=\d{3}(?:\D|$))/g, '').replace(/\s*(kr\.?|,-)$/i, '');
}

/** Step labels: typed one per line, or a JSON list; blank ones dropped, none at all is null (the default labels). */
function scoreLabelsField(message: string): z.ZodType<string[] | null, string | string[] | null | undefined> {
  return z
    .union([z.string(), z.array(z.string())], { error: message })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      const labels = parseScoreLabels(typeof v === 'string' ? formText(v) : v.map((l) => cleanText(l, false)).join('\n'));
      if (labels?.some((l) => l.length > SCORE_LABEL_MAX)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return labels;
    });
}

/** Each date of the timeline as a field of its own (for reading what can be read of a form with errors). */
export const timelineFields = perCatalogue((t: T) => {
  const l = t.edition;
  const e = t.errors;
  const instant = (k: TimelineKey) =>
    localInstantField({ dateInvalid: e.dateInvalid(l[k]), timeMissing: e.timeMissing(l[k]), timeInvalid: e.timeInvalid(l[k]) });
  return Object.fromEntries(TIMELINE_KEYS.map((k) => [k, instant(k)])) as Record<TimelineKey, ReturnType<typeof instant>>;
});

/** The edition form: its fields and timeline, and the committee's settings (review-settings.ts). */
function buildEditionSchema(t: T, locale: Locale) {
  const l = t.edition;
  const e = t.errors;
  const j = setupTexts(locale).review;
  const count = (label: string) => integerField({ min: 1, max: 999_999, digits: 6, invalid: e.wholeNumber(label) });
  const scale = (label: string, fallback: number) =>
    integerField({ min: SCALE_LIMITS.min, max: SCALE_LIMITS.max, digits: 3, invalid: j.errors.scaleNumber(label) }).transform((v) => v ?? fallback);
  const timeline = timelineFields(t);
  const reviewCloses = j.errors.reviewClosesInvalid;
  return z.object({
    year: year(t, l.year),
    theme: text(t, l.theme, 200),
    themeDescription: text(t, l.themeDescription, LONG, { multiline: true }),
    // The English twins: optional, with their Danish twin's clean-up and limit.
    themeEn: text(t, l.themeEn, 200),
    themeDescriptionEn: text(t, l.themeDescriptionEn, LONG, { multiline: true }),
    prizePurposeEn: text(t, l.prizePurposeEn, 2000, { multiline: true }),
    prizeExtrasEn: text(t, l.prizeExtrasEn, 2000, { multiline: true }),
    // No timeline at all is a historic round: every date null.
    timeline: z
      .object(timeline, { error: e.dateMissing(l.opensAt) })
      .nullish()
      .transform((v) => v ?? (Object.fromEntries(TIMELINE_KEYS.map((k) => [k, null])) as Record<TimelineKey, Date | null>)),
    eventName: text(t, l.eventName, 200),
    eventPlace: text(t, l.eventPlace, 200),
    nomineeCountMin: count(l.nomineeCountMin),
    nomineeCountMax: count(l.nomineeCountMax),
    prizeAmountKr: integerField({ min: 0, max: 999_999_999, digits: 9, invalid: e.amount(l.prizeAmountKr), fromText: kronerText }),
    prizePurpose: text(t, l.prizePurpose, 2000, { multiline: true }),
    prizeExtras: text(t, l.prizeExtras, 2000, { multiline: true }),
    prizeNotCash: checkboxField(),
    filmUrl: url(t, l.filmUrl),
    hasPatientPanel: checkboxField(),
    asksOrigin: checkboxField(),
    reviewClosesAt: localInstantField({ dateInvalid: reviewCloses, timeMissing: reviewCloses, timeInvalid: reviewCloses }),
    blindReview: checkboxField(),
    scoreScaleMin: scale(j.scoreScaleMin, 1),
    scoreScaleMax: scale(j.scoreScaleMax, 5),
    scoreLabels: scoreLabelsField(j.errors.labelTooLong(SCORE_LABEL_MAX)),
  });
}

const editionSchemas = new WeakMap<T, Partial<Record<Locale, ReturnType<typeof buildEditionSchema>>>>();

/** The edition schema with the setup catalogue `t` and the judging module's texts in `locale`. */
export function editionSchema(t: T, locale: Locale) {
  const byLocale = editionSchemas.get(t) ?? {};
  editionSchemas.set(t, byLocale);
  byLocale[locale] ??= buildEditionSchema(t, locale);
  return byLocale[locale];
}

export type EditionSchema = ReturnType<typeof buildEditionSchema>;
export type EditionSchemaInput = z.input<EditionSchema>;
export type { LocalDateTimeInput };

// ---------------------------------------------------------------------------------------
// Ordered lists. An item's messages name its row ("i kriterium 2"), so each row index has its
// schema; the list schema parses each row with its own and puts the issues under its index.

export type ListKind = 'criteria' | 'form-sections' | 'committee';

export const LIST_FIELDS: Record<ListKind, readonly string[]> = {
  criteria: ['title', 'description', 'titleEn', 'descriptionEn'],
  'form-sections': ['heading', 'help', 'headingEn', 'helpEn', 'wordLimit', 'required'],
  committee: ['name', 'partyLetter', 'represents', 'isChair'],
};

/** The id of an existing row: a positive number (JSON) or its digits (a form); anything else is a new row (null). */
const rowId = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (typeof v === 'number') return Number.isInteger(v) && v > 0 && v <= 2_147_483_647 ? v : null;
    const s = (v ?? '').trim();
    return /^[1-9]\d{0,9}$/.test(s) ? Number(s) : null;
  });

function itemSchema(kind: ListKind, t: T, i: number) {
  const l = t.lists;
  const e = t.errors;
  const row = (label: string, max: number, o: { required?: boolean; multiline?: boolean } = {}) =>
    textField({
      max,
      multiline: o.multiline,
      required: o.required ? e.rowRequired(what, label) : undefined,
      tooLong: e.rowTooLong(what, label, max),
    });
  const what = (kind === 'criteria' ? l.criterion(i + 1) : kind === 'form-sections' ? l.section(i + 1) : l.seat(i + 1)).toLowerCase();
  if (kind === 'criteria') {
    return z.object({
      id: rowId,
      title: row(l.title, SHORT, { required: true }),
      description: row(l.description, LONG, { required: true, multiline: true }),
      // The English twins: optional, with their Danish twin's clean-up and limit.
      titleEn: row(l.titleEn, SHORT),
      descriptionEn: row(l.descriptionEn, LONG, { multiline: true }),
    });
  }
  if (kind === 'form-sections') {
    return z.object({
      id: rowId,
      heading: row(l.heading, SHORT, { required: true }),
      help: row(l.help, LONG, { multiline: true }).transform((v) => v ?? ''),
      headingEn: row(l.headingEn, SHORT),
      helpEn: row(l.helpEn, LONG, { multiline: true }),
      wordLimit: integerField({ min: 1, max: 999_999, digits: 6, invalid: e.rowWordLimit(what) }),
      // An API item without `required` is a required section; an unticked box on the page is not.
      required: checkboxField(true),
    });
  }
  return z.object({
    id: rowId,
    name: row(l.seatName, 200),
    partyLetter: row(l.partyLetter, 10),
    represents: row(l.represents, 200),
    isChair: checkboxField(),
  });
}

const isBlankText = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && cleanText(v, true) === '');

/** An item with nothing typed in it (its checkboxes aside): the page drops it, the API refuses it. */
export function isBlankItem(kind: ListKind, item: Record<string, unknown>): boolean {
  return LIST_FIELDS[kind].every((f) => f === 'required' || f === 'isChair' || isBlankText(item[f]));
}

type ItemOutput = { criteria: CriterionInput; 'form-sections': FormSectionInput; committee: CommitteeSeatInput };

/**
 * A list of a kind: at most MAX_ROWS items, each by its row's schema; for committee seats a
 * name or an organisation represented. Issues carry the row index first (`[2, 'title']`).
 */
function buildListSchema<K extends ListKind>(kind: K, t: T): z.ZodType<ItemOutput[K][], Record<string, unknown>[]> {
  const rows: ReturnType<typeof itemSchema>[] = [];
  const rowSchema = (i: number) => {
    rows[i] ??= itemSchema(kind, t, i);
    return rows[i]!;
  };
  return z.array(z.record(z.string(), z.unknown())).transform((items, ctx) => {
    if (items.length > MAX_ROWS) ctx.addIssue({ code: 'custom', message: t.errors.tooManyRows(MAX_ROWS) });
    const out: ItemOutput[K][] = [];
    items.slice(0, MAX_ROWS + 1).forEach((item, i) => {
      const r = rowSchema(i).safeParse(item);
      if (r.success) out.push(r.data as ItemOutput[K]);
      else
        for (const x of r.error.issues)
          ctx.addIssue({ code: 'custom', message: x.message, path: [i, ...x.path.map((p) => (typeof p === 'symbol' ? String(p) : p))] });
      if (kind === 'committee' && isBlankText(item.name) && isBlankText(item.represents)) {
        const what = t.lists.seat(i + 1).toLowerCase();
        ctx.addIssue({ code: 'custom', message: t.errors.rowSeatWho(what), path: [i, 'name'] });
      }
    });
    return out;
  });
}

const listSchemas = {
  criteria: perCatalogue((t: T) => buildListSchema('criteria', t)),
  'form-sections': perCatalogue((t: T) => buildListSchema('form-sections', t)),
  committee: perCatalogue((t: T) => buildListSchema('committee', t)),
};

export function listSchema<K extends ListKind>(kind: K, t: T): z.ZodType<ItemOutput[K][], Record<string, unknown>[]> {
  return listSchemas[kind](t) as z.ZodType<ItemOutput[K][], Record<string, unknown>[]>;
}
