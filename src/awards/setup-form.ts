import type { SetupTexts } from './i18n.js';
import { copenhagen, formatInstant, type Locale } from '../platform/time.js';
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
import type { FieldErrors } from '../platform/ui/admin-parts.js';
import { panelTexts } from '../panel/i18n.js';
import { judgingTexts } from '../judging/i18n.js';
import { SCALE_LIMITS, SCORE_LABEL_MAX, parseScoreLabels } from '../judging/setup-rules.js';

// The setup forms: what the browser sent (always strings) → typed input for the service, or
// Danish messages for the error summary and beside each field. What the user typed is kept
// as it was (`values`) so the page can show it again.

export type FormValues = Record<string, string>;
type Body = Record<string, unknown>;
type T = SetupTexts;

/** One field of a form body as text: the first value of a repeated field, '' when absent. */
export function field(body: Body, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.normalize('NFC').replace(/\r\n?/g, '\n') : '';
}

const LONG = 20_000;
const SHORT = 300;

class Collector {
  errors: FieldErrors = [];
  values: FormValues = {};
  constructor(
    private readonly body: Body,
    private readonly t: T,
  ) {}

  private add(field: string, message: string, target = field) {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, target, message });
  }

  fail(field: string, message: string, target = field) {
    this.add(field, message, target);
  }

  /** Trimmed text; '' becomes null for optional fields. */
  text(name: string, label: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const raw = field(this.body, name);
    this.values[name] = raw;
    const value = raw.trim();
    if (value === '') {
      if (opts.required) this.add(name, this.t.errors.required(label));
      return null;
    }
    const max = opts.max ?? SHORT;
    if (value.length > max) this.add(name, this.t.errors.tooLong(label, max));
    return value;
  }

  url(name: string, label: string): string | null {
    const value = this.text(name, label, { max: 2000 });
    if (value === null) return null;
    if (!isHttpUrl(value)) this.add(name, this.t.errors.url(label));
    return value;
  }

  email(name: string, label: string): string | null {
    const value = this.text(name, label, { max: 254 });
    if (value === null) return null;
    if (!isEmail(value)) this.add(name, this.t.errors.email(label));
    return value;
  }

  year(name: string, label: string): number {
    const raw = field(this.body, name);
    this.values[name] = raw;
    const value = raw.trim();
    if (value === '') this.add(name, this.t.errors.required(label));
    else if (!/^\d{4}$/.test(value) || Number(value) < 1900) this.add(name, this.t.errors.year(label));
    return Number(value);
  }

  /** A whole number above 0, or null when empty. */
  count(name: string, label: string): number | null {
    const raw = field(this.body, name);
    this.values[name] = raw;
    const value = raw.trim();
    if (value === '') return null;
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
      this.add(name, this.t.errors.wholeNumber(label));
      return null;
    }
    return Number(value);
  }

  /** Kroner: digits, with '.' or spaces between thousands ("10.000"), or null when empty. */
  amount(name: string, label: string): number | null {
    const raw = field(this.body, name);
    this.values[name] = raw;
    const value = raw
      .trim()
      .replace(/(?<=\d)[.\s\u00a0](?=\d{3}(?:\D|$))/g, '')
      .replace(/\s*(kr\.?|,-)$/i, '');
    if (value === '') return null;
    if (!/^\d{1,9}$/.test(value)) {
      this.add(name, this.t.errors.amount(label));
      return null;
    }
    return Number(value);
  }

  checkbox(name: string): boolean {
    const on = field(this.body, name) !== '';
    this.values[name] = on ? 'ja' : '';
    return on;
  }
}

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export type Parsed<I> = { input: I | null; values: FormValues; errors: FieldErrors };

// ---------------------------------------------------------------------------------------

export function organisationValues(o: OrganisationRow | null): FormValues {
  return {
    name: o?.name ?? '',
    websiteUrl: o?.websiteUrl ?? '',
    contactEmail: o?.contactEmail ?? '',
    contactPhone: o?.contactPhone ?? '',
    privacyUrl: o?.privacyUrl ?? '',
  };
}

export function parseOrganisation(body: Body, t: T): Parsed<OrganisationInput> {
  const c = new Collector(body, t);
  const l = t.organisation;
  const input: OrganisationInput = {
    name: c.text('name', l.name, { required: true, max: 200 }) ?? '',
    websiteUrl: c.url('websiteUrl', l.websiteUrl),
    contactEmail: c.email('contactEmail', l.contactEmail),
    contactPhone: c.text('contactPhone', l.contactPhone, { max: 50 }),
    privacyUrl: c.url('privacyUrl', l.privacyUrl),
  };
  return { input: c.errors.length ? null : input, values: c.values, errors: c.errors };
}

// ---------------------------------------------------------------------------------------

export function awardValues(a: AwardRow | null): FormValues {
  return {
    name: a?.name ?? '',
    summary: a?.summary ?? '',
    description: a?.description ?? '',
    establishedYear: a ? String(a.establishedYear) : '',
    eligibility: a?.eligibility ?? '',
    contactName: a?.contactName ?? '',
    contactTitle: a?.contactTitle ?? '',
    contactUnit: a?.contactUnit ?? '',
    contactPhone: a?.contactPhone ?? '',
    contactEmail: a?.contactEmail ?? '',
  };
}

export function parseAward(body: Body, t: T): Parsed<AwardInput> {
  const c = new Collector(body, t);
  const l = t.award;
  const input: AwardInput = {
    name: c.text('name', l.name, { required: true, max: 200 }) ?? '',
    summary: c.text('summary', l.summary, { required: true, max: 500 }) ?? '',
    description: c.text('description', l.description, { required: true, max: LONG }) ?? '',
    establishedYear: c.year('establishedYear', l.establishedYear),
    eligibility: c.text('eligibility', l.eligibility, { max: LONG }),
    contactName: c.text('contactName', `${l.contactHeading}: ${l.contactName}`, { max: 200 }),
    contactTitle: c.text('contactTitle', `${l.contactHeading}: ${l.contactTitle}`, { max: 200 }),
    contactUnit: c.text('contactUnit', `${l.contactHeading}: ${l.contactUnit}`, { max: 200 }),
    contactPhone: c.text('contactPhone', `${l.contactHeading}: ${l.contactPhone}`, { max: 50 }),
    contactEmail: c.email('contactEmail', `${l.contactHeading}: ${l.contactEmail}`),
  };
  return { input: c.errors.length ? null : input, values: c.values, errors: c.errors };
}

// ---------------------------------------------------------------------------------------
// Dates and times, in Copenhagen

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the values of `<input type="date">` and `<input type="time">` in Copenhagen. */
export function toLocalInputs(d: Date | null): { date: string; time: string } {
  if (!d) return { date: '', time: '' };
  const p: Record<string, string> = {};
  for (const x of localParts.formatToParts(d)) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** "2025-09-26" (what `type="date"` sends) or "26.09.2025", "26-9-2025", "26/9/2025" (typed by hand). */
export function parseLocalDate(raw: string): { year: number; month: number; day: number } | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let year: number, month: number, day: number;
  if (m) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
    if (!m) return null;
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return { year, month, day };
}

/** "12:00" (what `type="time"` sends), "12.00", "12" or "9:30". */
export function parseLocalTime(raw: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$/.exec(raw.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The first day after a local date, as a local date. */
export function nextLocalDay(d: { year: number; month: number; day: number }) {
  const n = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate() };
}

// ---------------------------------------------------------------------------------------

const NUMBER_FIELDS = ['nomineeCountMin', 'nomineeCountMax', 'prizeAmountKr'] as const;

export function editionValues(e: EditionRow | null, defaults: { year?: number } = {}): FormValues {
  const v: FormValues = {
    year: e ? String(e.year) : defaults.year ? String(defaults.year) : '',
    theme: e?.theme ?? '',
    themeDescription: e?.themeDescription ?? '',
    eventName: e?.eventName ?? '',
    eventPlace: e?.eventPlace ?? '',
    prizePurpose: e?.prizePurpose ?? '',
    prizeExtras: e?.prizeExtras ?? '',
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
export function editionRuleErrors(t: T, locale: Locale, timeline: TimelineProblem[], edition: EditionProblem[], year: number, labelCount = 0): FieldErrors {
  const l = t.edition;
  const out: FieldErrors = [];
  for (const p of timeline) {
    const target = `${p.field}-date`;
    if (p.code === 'missing') out.push({ field: p.field, target, message: t.errors.dateMissing(l[p.field]) });
    else {
      const msg = p.strict ? t.errors.afterStrict : t.errors.afterOrSame;
      out.push({ field: p.field, target, message: msg(l[p.field], l[p.earlier], formatInstant(p.earlierAt, locale)) });
    }
  }
  for (const p of edition) {
    if (p.code === 'min-above-max') out.push({ field: 'nomineeCountMax', target: 'nomineeCountMax', message: t.errors.countOrder });
    if (p.code === 'taken') out.push({ field: 'year', target: 'year', message: t.errors.yearTaken(year) });
    if (p.code === 'form-locked') out.push({ field: 'asksOrigin', target: 'asksOrigin', message: t.errors.asksOriginLocked });
    if (p.code === 'voting-locked') {
      const lock = panelTexts(locale).lock;
      const since = formatInstant(p.since, locale);
      out.push({
        field: p.field,
        target: p.field === 'hasPatientPanel' ? 'hasPatientPanel' : `${p.field}-date`,
        message: p.field === 'hasPatientPanel' ? lock.panelLocked(since) : lock.datesLocked(since),
      });
    }
    const j = judgingTexts(locale).setup.errors;
    if (p.code === 'review-closes-order') out.push({ field: 'reviewClosesAt', target: 'reviewClosesAt-date', message: j.reviewClosesOrder });
    if (p.code === 'scale-order') out.push({ field: 'scoreScaleMax', target: 'scoreScaleMax', message: j.scaleOrder });
    if (p.code === 'labels-count') out.push({ field: 'scoreLabels', target: 'scoreLabels', message: j.labelsCount(p.steps, labelCount) });
    if (p.code === 'scale-locked') out.push({ field: 'scoreScaleMin', target: 'scoreScaleMin', message: j.scaleLocked });
  }
  return out;
}

/** Orders errors as the fields stand on the page, so the summary reads top to bottom. */
const EDITION_FIELD_ORDER = [
  'year',
  'theme',
  'themeDescription',
  ...TIMELINE_KEYS,
  'eventName',
  'eventPlace',
  'nomineeCountMin',
  'nomineeCountMax',
  'prizeAmountKr',
  'prizePurpose',
  'prizeExtras',
  'filmUrl',
  'reviewClosesAt',
  'blindReview',
  'scoreScaleMin',
  'scoreScaleMax',
  'scoreLabels',
  'hasPatientPanel',
  'asksOrigin',
];

export function sortEditionErrors(errors: FieldErrors): FieldErrors {
  const rank = (f: string) => {
    const i = EDITION_FIELD_ORDER.indexOf(f);
    return i === -1 ? EDITION_FIELD_ORDER.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/**
 * The edition form. Format errors and the pure rules (timeline order, min ≤ max) are found at
 * once, so the summary lists every problem; the service checks the rules again with the
 * database (year taken, form locked).
 */
export function parseEdition(body: Body, t: T, locale: Locale): Parsed<EditionInput> {
  const c = new Collector(body, t);
  const l = t.edition;
  const year = c.year('year', l.year);
  const theme = c.text('theme', l.theme, { max: 200 });
  const themeDescription = c.text('themeDescription', l.themeDescription, { max: LONG });

  const timeline = {} as TimelineInput;
  for (const k of TIMELINE_KEYS) {
    const dateRaw = field(body, `${k}-date`);
    const timeRaw = field(body, `${k}-time`);
    c.values[`${k}-date`] = dateRaw;
    c.values[`${k}-time`] = timeRaw;
    timeline[k] = null;
    // A time without a date is the suggested 12:00 of a date left empty: no date.
    if (dateRaw.trim() === '') continue;
    const date = parseLocalDate(dateRaw);
    if (!date) {
      c.fail(k, t.errors.dateInvalid(l[k]), `${k}-date`);
      continue;
    }
    if (timeRaw.trim() === '') {
      c.fail(k, t.errors.timeMissing(l[k]), `${k}-time`);
      continue;
    }
    const time = parseLocalTime(timeRaw);
    if (!time) {
      c.fail(k, t.errors.timeInvalid(l[k]), `${k}-time`);
      continue;
    }
    timeline[k] = copenhagen(date.year, date.month, date.day, time.hour, time.minute);
  }

  const eventName = c.text('eventName', l.eventName, { max: 200 });
  const eventPlace = c.text('eventPlace', l.eventPlace, { max: 200 });
  const nomineeCountMin = c.count('nomineeCountMin', l.nomineeCountMin);
  const nomineeCountMax = c.count('nomineeCountMax', l.nomineeCountMax);
  const prizeAmountKr = c.amount('prizeAmountKr', l.prizeAmountKr);
  const prizePurpose = c.text('prizePurpose', l.prizePurpose, { max: 2000 });
  const prizeExtras = c.text('prizeExtras', l.prizeExtras, { max: 2000 });
  const filmUrl = c.url('filmUrl', l.filmUrl);
  const hasPatientPanel = c.checkbox('hasPatientPanel');
  const asksOrigin = c.checkbox('asksOrigin');
  const judging = parseJudgingSettings(body, c, locale);

  const input: EditionInput = {
    year,
    theme,
    themeDescription,
    timeline,
    eventName,
    eventPlace,
    nomineeCountMin,
    nomineeCountMax,
    prizeAmountKr,
    prizePurpose,
    prizeExtras,
    filmUrl,
    hasPatientPanel,
    asksOrigin,
    ...judging,
  };
  // The rules, on the dates that could be read: a date with a format error has only its own message.
  const unreadable = new Set(c.errors.map((e) => e.field));
  const ruleErrors = editionRuleErrors(
    t,
    locale,
    timelineProblems(timeline).filter((p) => !unreadable.has(p.field)),
    editionProblems(input).filter((p) => !unreadable.has(p.field)),
    year,
    judging.scoreLabels?.length ?? 0,
  );
  const errors = sortEditionErrors([...c.errors, ...ruleErrors]);
  return { input: errors.length ? null : input, values: c.values, errors };
}

/**
 * The committee's settings of the edition form: the review deadline (Copenhagen date and
 * time), blind review, the scale and its step labels. Format errors go to the collector.
 */
function parseJudgingSettings(body: Body, c: Collector, locale: Locale) {
  const j = judgingTexts(locale).setup;
  const dateRaw = field(body, 'reviewClosesAt-date');
  const timeRaw = field(body, 'reviewClosesAt-time');
  c.values['reviewClosesAt-date'] = dateRaw;
  c.values['reviewClosesAt-time'] = timeRaw;
  let reviewClosesAt: Date | null = null;
  if (dateRaw.trim() !== '') {
    const date = parseLocalDate(dateRaw);
    const time = parseLocalTime(timeRaw);
    if (!date) c.fail('reviewClosesAt', j.errors.reviewClosesInvalid, 'reviewClosesAt-date');
    else if (!time) c.fail('reviewClosesAt', j.errors.reviewClosesInvalid, 'reviewClosesAt-time');
    else reviewClosesAt = copenhagen(date.year, date.month, date.day, time.hour, time.minute);
  }
  const blindReview = c.checkbox('blindReview');
  const scale = (name: 'scoreScaleMin' | 'scoreScaleMax', label: string, fallback: number) => {
    const raw = field(body, name);
    c.values[name] = raw;
    const v = raw.trim();
    if (v === '') return fallback;
    if (!/^\d{1,3}$/.test(v) || Number(v) < SCALE_LIMITS.min || Number(v) > SCALE_LIMITS.max) {
      c.fail(name, j.errors.scaleNumber(label));
      return fallback;
    }
    return Number(v);
  };
  const scoreScaleMin = scale('scoreScaleMin', j.scoreScaleMin, 1);
  const scoreScaleMax = scale('scoreScaleMax', j.scoreScaleMax, 5);
  const labelsRaw = field(body, 'scoreLabels');
  c.values.scoreLabels = labelsRaw;
  const scoreLabels = parseScoreLabels(labelsRaw);
  if (scoreLabels?.some((l) => l.length > SCORE_LABEL_MAX)) c.fail('scoreLabels', j.errors.labelTooLong(SCORE_LABEL_MAX));
  return { reviewClosesAt, blindReview, scoreScaleMin, scoreScaleMax, scoreLabels };
}

// ---------------------------------------------------------------------------------------
// Ordered lists (criteria, form sections, committee seats), edited with plain forms: each
// row's fields are named `r<index>-<field>`, `antal` says how many rows there are, and the
// pressed button's `handling` says what to do: save, add a row, or move or remove row i.

export const MAX_ROWS = 30;

export type ListKind = 'criteria' | 'form-sections' | 'committee';
export type ListAction = { kind: 'save' } | { kind: 'add' } | { kind: 'up' | 'down' | 'remove'; index: number } | { kind: 'none' };

export const LIST_FIELDS: Record<ListKind, readonly string[]> = {
  criteria: ['title', 'description'],
  'form-sections': ['heading', 'help', 'wordLimit', 'required'],
  committee: ['name', 'partyLetter', 'represents', 'isChair'],
};

/** A row as the form shows it: its id (empty for a new row) and its fields as typed. */
export type ListRow = { id: string; fields: Record<string, string> };

export function rowsOfCriteria(rows: { id: number; title: string; description: string }[]): ListRow[] {
  return rows.map((r) => ({ id: String(r.id), fields: { title: r.title, description: r.description } }));
}

export function rowsOfSections(rows: { id: number; heading: string; help: string; wordLimit: number | null; required: boolean }[]): ListRow[] {
  return rows.map((r) => ({
    id: String(r.id),
    fields: { heading: r.heading, help: r.help, wordLimit: r.wordLimit === null ? '' : String(r.wordLimit), required: r.required ? 'ja' : '' },
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
  const n = Math.min(Math.max(Number.parseInt(field(body, 'antal'), 10) || 0, 0), MAX_ROWS + 1);
  const rows: ListRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = field(body, `r${i}-id`).trim();
    const fields: Record<string, string> = {};
    for (const f of LIST_FIELDS[kind]) fields[f] = field(body, `r${i}-${f}`);
    rows.push({ id: /^[1-9]\d{0,9}$/.test(id) ? id : '', fields });
  }
  const h = field(body, 'handling');
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

const isBlank = (row: ListRow, kind: ListKind) => LIST_FIELDS[kind].every((f) => (f === 'required' || f === 'isChair' ? true : row.fields[f]!.trim() === ''));

type ListInput<K extends ListKind> = K extends 'criteria' ? CriterionInput[] : K extends 'form-sections' ? FormSectionInput[] : CommitteeSeatInput[];

/**
 * Checks the rows of a list for saving. Rows left completely empty are dropped (an "add"
 * pressed once too often); errors are placed on the first field of each problem.
 */
export function parseList<K extends ListKind>(kind: K, rows: ListRow[], t: T): { input: ListInput<K> | null; rows: ListRow[]; errors: FieldErrors } {
  const kept = rows.filter((r) => !isBlank(r, kind));
  const errors: FieldErrors = [];
  const l = t.lists;
  const e = t.errors;
  if (kept.length > MAX_ROWS) errors.push({ field: 'list', target: 'list-add', message: e.tooManyRows(MAX_ROWS) });
  const items: unknown[] = [];
  kept.forEach((row, i) => {
    const f = (name: string) => row.fields[name]!.trim();
    const id = row.id ? Number(row.id) : null;
    const target = (name: string) => `r${i}-${name}`;
    const check = (name: string, label: string, what: string, required: boolean, max: number) => {
      const v = f(name);
      if (required && v === '') errors.push({ field: target(name), target: target(name), message: e.rowRequired(what, label) });
      else if (v.length > max) errors.push({ field: target(name), target: target(name), message: e.rowTooLong(what, label, max) });
      return v;
    };
    if (kind === 'criteria') {
      const what = l.criterion(i + 1).toLowerCase();
      items.push({ id, title: check('title', l.title, what, true, SHORT), description: check('description', l.description, what, true, LONG) });
    } else if (kind === 'form-sections') {
      const what = l.section(i + 1).toLowerCase();
      const heading = check('heading', l.heading, what, true, SHORT);
      const help = check('help', l.help, what, false, LONG);
      const raw = f('wordLimit');
      let wordLimit: number | null = null;
      if (raw !== '') {
        if (/^\d{1,6}$/.test(raw) && Number(raw) > 0) wordLimit = Number(raw);
        else errors.push({ field: target('wordLimit'), target: target('wordLimit'), message: e.rowWordLimit(what) });
      }
      items.push({ id, heading, help, wordLimit, required: f('required') !== '' });
    } else {
      const what = l.seat(i + 1).toLowerCase();
      const name = check('name', l.seatName, what, false, 200);
      const partyLetter = check('partyLetter', l.partyLetter, what, false, 10);
      const represents = check('represents', l.represents, what, false, 200);
      if (name === '' && represents === '') errors.push({ field: target('name'), target: target('name'), message: e.rowSeatWho(what) });
      items.push({ id, name: name || null, partyLetter: partyLetter || null, represents: represents || null, isChair: f('isChair') !== '' });
    }
  });
  return { input: errors.length ? null : (items as ListInput<K>), rows: kept, errors };
}
