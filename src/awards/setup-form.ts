import { setupTexts, type SetupTexts } from './i18n.js';
import type { z } from 'zod';
import { fieldIssues, formField } from '../platform/fields.js';
import type { FieldError } from '../platform/ui/index.js';
import { formatInstant, toLocalInputs, type Locale } from '../platform/time.js';
import type { PublishProblem } from './publishing.js';
import {
  AWARD_FIELDS,
  LIST_FIELDS,
  MAX_ROWS,
  ORGANISATION_FIELDS,
  awardSchema,
  editionSchema,
  isBlankItem,
  listSchema,
  organisationSchema,
  timelineFields,
  type EditionSchemaInput,
  type ListKind,
} from './setup-schemas.js';
import type { AwardRow, EditionRow, OrganisationRow } from './setup.repo.js';
import {
  TIMELINE_KEYS,
  editionProblems,
  timelineProblems,
  type AwardInput,
  type CommitteeSeatInput,
  type CriterionInput,
  type EditionInput,
  type EditionProblem,
  type FormSectionInput,
  type OrganisationInput,
  type TimelineInput,
  type TimelineProblem,
} from './setup.service.js';

// The setup pages' side of the setup forms: what the browser sent (always text) is turned into
// the input of the form's zod schema (setup-schemas.ts, which the admin API parses with too),
// and the schema's issues and the rules' problems become the messages for the error summary
// and beside each field. What the user typed is kept as it was (`values`) so the page can show
// it again.

export { LIST_FIELDS, MAX_ROWS, type ListKind };

export type FormValues = Record<string, string>;
type Body = Record<string, unknown>;
type T = SetupTexts;

export type Parsed<I> = { input: I | null; values: FormValues; errors: FieldError[] };
export type Checked<I> = { input: I | null; errors: FieldError[] };
/** What a setup page's form shows: the fields as typed and the errors on them. */
export type FormState = { values: FormValues; errors: FieldError[] };

/** The fields of a form as typed (NFC, \n line endings, no control characters; not trimmed). */
function typedValues(body: Body, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((n) => [n, formField(body, n)]));
}

/** A one-level form (organisation, award) checked by its schema; a field's message on the field of the same name. */
export function checkFlat<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { input: r.data, errors: [] };
  const errors = fieldIssues(r.error).map((i) => {
    const field = String(i.path[0] ?? '');
    return { field, message: i.message };
  });
  return { input: null, errors };
}

// ---------------------------------------------------------------------------------------

/** A saved row as the form shows it: each field as text, '' for a field not set (or no row yet). */
function valuesOf<R extends object>(row: R | null, names: readonly (keyof R & string)[]): FormValues {
  return Object.fromEntries(names.map((n) => [n, row?.[n] == null ? '' : String(row[n])]));
}

export const organisationValues = (o: OrganisationRow | null): FormValues => valuesOf(o, ORGANISATION_FIELDS);

export function parseOrganisation(body: Body, t: T): Parsed<OrganisationInput> {
  const values = typedValues(body, ORGANISATION_FIELDS);
  return { ...checkFlat(organisationSchema(t), values), values };
}

// ---------------------------------------------------------------------------------------

export const awardValues = (a: AwardRow | null): FormValues => valuesOf(a, AWARD_FIELDS);

export function parseAward(body: Body, t: T): Parsed<AwardInput> {
  const values = typedValues(body, AWARD_FIELDS);
  return { ...checkFlat(awardSchema(t), values), values };
}

// ---------------------------------------------------------------------------------------

const NUMBER_FIELDS = ['nomineeCountMin', 'nomineeCountMax', 'prizeAmountKr'] as const;

export function editionValues(e: EditionRow | null, defaults: { year?: number } = {}): FormValues {
  const v: FormValues = {
    year: e ? String(e.year) : defaults.year ? String(defaults.year) : '',
    theme: e?.theme ?? '',
    themeDescription: e?.themeDescription ?? '',
    themeEn: e?.themeEn ?? '',
    themeDescriptionEn: e?.themeDescriptionEn ?? '',
    prizePurposeEn: e?.prizePurposeEn ?? '',
    prizeExtrasEn: e?.prizeExtrasEn ?? '',
    eventName: e?.eventName ?? '',
    eventPlace: e?.eventPlace ?? '',
    prizePurpose: e?.prizePurpose ?? '',
    prizeExtras: e?.prizeExtras ?? '',
    prizeNotCash: e?.prizeNotCash ? 'ja' : '',
    filmUrl: e?.filmUrl ?? '',
    hasPatientPanel: e?.hasPatientPanel ? 'ja' : '',
    asksOrigin: e?.asksOrigin ? 'ja' : '',
    blindReview: e?.blindReview ? 'ja' : '',
    scoreScaleMin: String(e?.scoreScaleMin ?? 1),
    scoreScaleMax: String(e?.scoreScaleMax ?? 5),
    scoreLabels: (e?.scoreLabels ?? []).join('\n'),
    'reviewClosesAt-date': toLocalInputs(e?.reviewClosesAt ?? null).date,
    'reviewClosesAt-time': toLocalInputs(e?.reviewClosesAt ?? null).time || '12:00',
  };
  for (const k of NUMBER_FIELDS) v[k] = e?.[k] == null ? '' : String(e[k]);
  for (const k of TIMELINE_KEYS) {
    const local = toLocalInputs(e?.[k] ?? null);
    v[`${k}-date`] = local.date;
    // An empty date suggests noon, the time every deadline of the sources has.
    v[`${k}-time`] = local.time || '12:00';
  }
  return v;
}

/** The error messages of timeline problems and edition rules, on their fields. */
export function editionRuleErrors(t: T, locale: Locale, timeline: TimelineProblem[], edition: EditionProblem[], year: number, labelCount = 0): FieldError[] {
  const l = t.edition;
  const out: FieldError[] = [];
  for (const p of timeline) {
    const target = `${p.field}-date`;
    if (p.code === 'missing') out.push({ field: p.field, target, message: t.errors.dateMissing(l[p.field]) });
    else {
      const msg = p.strict ? t.errors.afterStrict : t.errors.afterOrSame;
      out.push({ field: p.field, target, message: msg(l[p.field], l[p.earlier], formatInstant(p.earlierAt, locale)) });
    }
  }
  for (const p of edition) {
    if (p.code === 'min-above-max') out.push({ field: 'nomineeCountMax', message: t.errors.countOrder });
    if (p.code === 'taken') out.push({ field: 'year', message: t.errors.yearTaken(year) });
    if (p.code === 'year-mismatch') out.push({ field: 'year', message: t.errors.yearMismatch(year, l[p.date], formatInstant(p.at, locale)) });
    if (p.code === 'form-locked') out.push({ field: 'asksOrigin', message: t.errors.asksOriginLocked });
    if (p.code === 'voting-locked') {
      const lock = setupTexts(locale).votingLock;
      const since = formatInstant(p.since, locale);
      out.push({
        field: p.field,
        ...(p.field === 'hasPatientPanel' ? {} : { target: `${p.field}-date` }),
        message: p.field === 'hasPatientPanel' ? lock.panelLocked(since) : lock.datesLocked(since),
      });
    }
    const j = setupTexts(locale).review.errors;
    if (p.code === 'review-closes-order') out.push({ field: 'reviewClosesAt', target: 'reviewClosesAt-date', message: j.reviewClosesOrder });
    if (p.code === 'scale-order') out.push({ field: 'scoreScaleMax', message: j.scaleOrder });
    if (p.code === 'labels-count') out.push({ field: 'scoreLabels', message: j.labelsCount(p.steps, labelCount) });
    if (p.code === 'scale-locked') out.push({ field: 'scoreScaleMin', message: j.scaleLocked });
  }
  return out;
}

/** Orders errors as the fields stand on the page, so the summary reads top to bottom. */
const EDITION_FIELD_ORDER = [
  'year',
  'theme',
  'themeDescription',
  ...TIMELINE_KEYS.flatMap((k) => (k === 'reviewStartsAt' ? [k, 'reviewClosesAt'] : [k])),
  'eventName',
  'eventPlace',
  'nomineeCountMin',
  'nomineeCountMax',
  'prizeAmountKr',
  'prizePurpose',
  'prizeExtras',
  'prizeNotCash',
  'filmUrl',
  'themeEn',
  'themeDescriptionEn',
  'prizePurposeEn',
  'prizeExtrasEn',
  'blindReview',
  'scoreScaleMin',
  'scoreScaleMax',
  'scoreLabels',
  'hasPatientPanel',
  'asksOrigin',
];

export function sortEditionErrors(errors: FieldError[]): FieldError[] {
  const rank = (f: string) => {
    const i = EDITION_FIELD_ORDER.indexOf(f);
    return i === -1 ? EDITION_FIELD_ORDER.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** Every field name of the edition page, as the browser sends them. */
const EDITION_PAGE_FIELDS = [
  'year',
  'theme',
  'themeDescription',
  ...TIMELINE_KEYS.flatMap((k) => [`${k}-date`, `${k}-time`]),
  'eventName',
  'eventPlace',
  'nomineeCountMin',
  'nomineeCountMax',
  'prizeAmountKr',
  'prizePurpose',
  'prizeExtras',
  'filmUrl',
  'themeEn',
  'themeDescriptionEn',
  'prizePurposeEn',
  'prizeExtrasEn',
  'reviewClosesAt-date',
  'reviewClosesAt-time',
  'scoreScaleMin',
  'scoreScaleMax',
  'scoreLabels',
] as const;

const EDITION_CHECKBOXES = ['prizeNotCash', 'hasPatientPanel', 'asksOrigin', 'blindReview'] as const;

/** The edition page's body as the schema's input: each date and time pair as one instant of the timeline. */
function editionInputOfPage(v: FormValues): EditionSchemaInput {
  const local = (k: string) => ({ date: v[`${k}-date`], time: v[`${k}-time`] });
  return {
    year: v.year,
    theme: v.theme,
    themeDescription: v.themeDescription,
    timeline: Object.fromEntries(TIMELINE_KEYS.map((k) => [k, local(k)])) as EditionSchemaInput['timeline'],
    eventName: v.eventName,
    eventPlace: v.eventPlace,
    nomineeCountMin: v.nomineeCountMin,
    nomineeCountMax: v.nomineeCountMax,
    prizeAmountKr: v.prizeAmountKr,
    prizePurpose: v.prizePurpose,
    prizeExtras: v.prizeExtras,
    themeEn: v.themeEn,
    themeDescriptionEn: v.themeDescriptionEn,
    prizePurposeEn: v.prizePurposeEn,
    prizeExtrasEn: v.prizeExtrasEn,
    prizeNotCash: v.prizeNotCash,
    filmUrl: v.filmUrl,
    hasPatientPanel: v.hasPatientPanel,
    asksOrigin: v.asksOrigin,
    reviewClosesAt: local('reviewClosesAt'),
    blindReview: v.blindReview,
    scoreScaleMin: v.scoreScaleMin,
    scoreScaleMax: v.scoreScaleMax,
    scoreLabels: v.scoreLabels,
  };
}

/** An issue's place on the edition page: a timeline date's part (`closesAt-date`), or the field itself. */
function editionFieldOf(path: (string | number)[]): { field: string; target?: string } {
  const [first, second, third] = path.map(String);
  if (first === 'timeline' && second) return { field: second, target: `${second}-${third ?? 'date'}` };
  if (first === 'reviewClosesAt') return { field: first, target: `${first}-${second ?? 'date'}` };
  return { field: first ?? '' };
}

/** What could be read of each field when the edition does not parse, for the rules between fields. */
function readableEdition(input: Record<string, unknown>, t: T, locale: Locale): EditionInput {
  const shape = editionSchema(t, locale).shape;
  const read = <K extends keyof typeof shape>(k: K, fallback: z.output<(typeof shape)[K]>): z.output<(typeof shape)[K]> => {
    const r = shape[k].safeParse(input[k]);
    return r.success ? (r.data as z.output<(typeof shape)[K]>) : fallback;
  };
  const timeline = {} as TimelineInput;
  for (const k of TIMELINE_KEYS) {
    const r = timelineFields(t)[k].safeParse((input.timeline as Record<string, unknown> | null | undefined)?.[k]);
    timeline[k] = r.success ? r.data : null;
  }
  return {
    year: read('year', 0),
    theme: null,
    themeDescription: null,
    timeline,
    eventName: null,
    eventPlace: null,
    nomineeCountMin: read('nomineeCountMin', null),
    nomineeCountMax: read('nomineeCountMax', null),
    prizeAmountKr: null,
    prizePurpose: null,
    prizeExtras: null,
    prizeNotCash: read('prizeNotCash', false),
    filmUrl: null,
    hasPatientPanel: read('hasPatientPanel', false),
    asksOrigin: read('asksOrigin', false),
    reviewClosesAt: read('reviewClosesAt', null),
    blindReview: read('blindReview', false),
    scoreScaleMin: read('scoreScaleMin', 1),
    scoreScaleMax: read('scoreScaleMax', 5),
    scoreLabels: read('scoreLabels', null),
  };
}

/**
 * The edition form, from the page or the API: the schema's format errors and the pure rules
 * (timeline order, min ≤ max, the judging settings) at once, so the summary lists every
 * problem; a date with a format error has only its own message. The service checks the rules
 * again with the database (year taken, form locked) and decides.
 */
export function checkEdition(input: Record<string, unknown>, t: T, locale: Locale): Checked<EditionInput> {
  const r = editionSchema(t, locale).safeParse(input);
  const formatErrors: FieldError[] = r.success ? [] : fieldIssues(r.error).map((i) => ({ ...editionFieldOf(i.path), message: i.message }));
  const unique = formatErrors.filter((e, i) => formatErrors.findIndex((x) => x.field === e.field) === i);
  const readable = r.success ? r.data : readableEdition(input, t, locale);
  const unreadable = new Set(unique.map((e) => e.field));
  const ruleErrors = editionRuleErrors(
    t,
    locale,
    timelineProblems(readable.timeline).filter((p) => !unreadable.has(p.field)),
    editionProblems(readable).filter((p) => !unreadable.has(p.field)),
    readable.year,
    readable.scoreLabels?.length ?? 0,
  );
  const errors = sortEditionErrors([...unique, ...ruleErrors]);
  return { input: errors.length || !r.success ? null : r.data, errors };
}

/** The edition page's form. */
export function parseEdition(body: Body, t: T, locale: Locale): Parsed<EditionInput> {
  const values = typedValues(body, EDITION_PAGE_FIELDS);
  for (const k of EDITION_CHECKBOXES) values[k] = formField(body, k) !== '' ? 'ja' : '';
  return { ...checkEdition(editionInputOfPage(values), t, locale), values };
}

// ---------------------------------------------------------------------------------------
// Ordered lists (criteria, form sections, committee seats), edited with plain forms: each
// row's fields are named `r<index>-<field>`, `antal` says how many rows there are, and the
// pressed button's `handling` says what to do: save, add a row, or move or remove row i.

export type ListAction = { kind: 'save' } | { kind: 'add' } | { kind: 'up' | 'down' | 'remove'; index: number } | { kind: 'none' };

/** A row as the form shows it: its id (empty for a new row) and its fields as typed. */
export type ListRow = { id: string; fields: Record<string, string> };

export function rowsOfCriteria(rows: { id: number; title: string; description: string; titleEn: string | null; descriptionEn: string | null }[]): ListRow[] {
  return rows.map((r) => ({
    id: String(r.id),
    fields: { title: r.title, description: r.description, titleEn: r.titleEn ?? '', descriptionEn: r.descriptionEn ?? '' },
  }));
}

export function rowsOfSections(
  rows: { id: number; heading: string; help: string; headingEn: string | null; helpEn: string | null; wordLimit: number | null; required: boolean }[],
): ListRow[] {
  return rows.map((r) => ({
    id: String(r.id),
    fields: {
      heading: r.heading,
      help: r.help,
      headingEn: r.headingEn ?? '',
      helpEn: r.helpEn ?? '',
      wordLimit: r.wordLimit === null ? '' : String(r.wordLimit),
      required: r.required ? 'ja' : '',
    },
  }));
}

export function rowsOfSeats(rows: { id: number; name: string | null; partyLetter: string | null; represents: string | null; isChair: boolean }[]): ListRow[] {
  return rows.map((r) => ({
    id: String(r.id),
    fields: { name: r.name ?? '', partyLetter: r.partyLetter ?? '', represents: r.represents ?? '', isChair: r.isChair ? 'ja' : '' },
  }));
}

export function emptyRow(kind: ListKind): ListRow {
  const fields = Object.fromEntries(LIST_FIELDS[kind].map((f) => [f, ''])) as Record<string, string>;
  if (kind === 'form-sections') fields.required = 'ja';
  return { id: '', fields };
}

/** The rows and the pressed button of a list form. */
export function readListForm(body: Body, kind: ListKind): { rows: ListRow[]; action: ListAction } {
  const n = Math.min(Math.max(Number.parseInt(formField(body, 'antal'), 10) || 0, 0), MAX_ROWS + 1);
  const rows: ListRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = formField(body, `r${i}-id`).trim();
    const fields: Record<string, string> = {};
    for (const f of LIST_FIELDS[kind]) fields[f] = formField(body, `r${i}-${f}`);
    rows.push({ id: /^[1-9]\d{0,9}$/.test(id) ? id : '', fields });
  }
  const h = formField(body, 'handling');
  let action: ListAction = { kind: 'none' };
  if (h === 'gem') action = { kind: 'save' };
  else if (h === 'tilfoej') action = { kind: 'add' };
  else {
    const m = /^(op|ned|fjern)-(\d{1,3})$/.exec(h);
    if (m && Number(m[2]) < rows.length) action = { kind: m[1] === 'op' ? 'up' : m[1] === 'ned' ? 'down' : 'remove', index: Number(m[2]) };
  }
  return { rows, action };
}

/** Moves, removes or adds a row (nothing is saved). */
export function applyListAction(rows: ListRow[], action: ListAction, kind: ListKind): ListRow[] {
  const out = [...rows];
  if (action.kind === 'add' && out.length < MAX_ROWS) out.push(emptyRow(kind));
  if (action.kind === 'remove') out.splice(action.index, 1);
  if (action.kind === 'up' && action.index > 0) [out[action.index - 1], out[action.index]] = [out[action.index]!, out[action.index - 1]!];
  if (action.kind === 'down' && action.index < out.length - 1) [out[action.index + 1], out[action.index]] = [out[action.index]!, out[action.index + 1]!];
  return out;
}

type ListInput<K extends ListKind> = K extends 'criteria' ? CriterionInput[] : K extends 'form-sections' ? FormSectionInput[] : CommitteeSeatInput[];

/** An issue's place on a list page: `[2, 'title']` is the input `r2-title`; the list itself is its add button. */
function listFieldOf(path: (string | number)[]): { field: string; target?: string } {
  if (path.length < 2) return { field: 'list', target: 'list-add' };
  return { field: `r${path[0]}-${path[1]}` };
}

/** A list from the page or the API, checked by its schema; errors on `r<index>-<field>`. */
export function checkList<K extends ListKind>(kind: K, items: Record<string, unknown>[], t: T): Checked<ListInput<K>> {
  const r = listSchema(kind, t).safeParse(items);
  if (r.success) return { input: r.data as unknown as ListInput<K>, errors: [] };
  return { input: null, errors: fieldIssues(r.error).map((i) => ({ ...listFieldOf(i.path), message: i.message })) };
}

/**
 * Checks the rows of a list page for saving. Rows left completely empty are dropped (an "add"
 * pressed once too often); errors are placed on the first field of each problem.
 */
export function parseList<K extends ListKind>(kind: K, rows: ListRow[], t: T): { input: ListInput<K> | null; rows: ListRow[]; errors: FieldError[] } {
  const kept = rows.filter((r) => !isBlankItem(kind, r.fields));
  return {
    ...checkList(
      kind,
      kept.map((r) => ({ id: r.id, ...r.fields })),
      t,
    ),
    rows: kept,
  };
}

/**
 * The problems that stop a round from being published, as messages on the edition page: each
 * links to what fixes it (the theme field, the criteria or form page, the confirmation box).
 */
export function publishErrors(t: T, locale: Locale, problems: readonly PublishProblem[], year: number): FieldError[] {
  const m = t.publishing.problems;
  return problems.map((p): FieldError => {
    switch (p.code) {
      case 'already-published':
      case 'theme-missing':
        return { field: p.code === 'theme-missing' ? 'theme' : 'publish', message: m[p.code] };
      case 'no-criteria':
        return { field: 'criteria', target: 'edition-criteria-link', message: m['no-criteria'] };
      case 'no-sections':
        return { field: 'formSections', target: 'edition-form-link', message: m['no-sections'] };
      case 'year-mismatch':
        return { field: 'year', message: m.yearMismatch(year, t.edition[p.date], formatInstant(p.at, locale)) };
      default:
        // 'opens-in-past', the last code (the typecheck fails here when a new one is added without a case).
        return { field: 'confirmPastOpening', message: m.opensInPast(formatInstant(p.opensAt, locale)) };
    }
  });
}
