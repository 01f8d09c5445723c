import { formText, isEmail } from '../platform/fields.js';
import type { FieldError } from '../platform/ui/index.js';
import type { IdeaBankTexts } from './i18n.js';
import { solutionStatuses, type SolutionStatus } from './ideabank.schema.js';
import type { AdoptionInput, SolutionInput } from './ideabank.service.js';
import type { SolutionFormValues } from './views/solution-form.js';
import type { AdoptionForm } from './views/solution-page.js';

const LIMITS = {
  title: 200,
  summary: 1000,
  description: 10_000,
  titleEn: 200,
  summaryEn: 1000,
  descriptionEn: 10_000,
  organisationName: 200,
  unitName: 200,
  contactName: 200,
  contactEmail: 254,
  tags: 500,
  changes: 2000,
};

function text(body: Record<string, unknown>, name: string): string {
  return formText(body[name]);
}

export function solutionFormValues(body: unknown): SolutionFormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    title: text(b, 'title'),
    summary: text(b, 'summary'),
    description: text(b, 'description'),
    titleEn: text(b, 'titleEn'),
    summaryEn: text(b, 'summaryEn'),
    descriptionEn: text(b, 'descriptionEn'),
    organisationName: text(b, 'organisationName'),
    unitName: text(b, 'unitName'),
    contactName: text(b, 'contactName'),
    contactEmail: text(b, 'contactEmail'),
    tags: text(b, 'tags'),
    status: text(b, 'status'),
    year: text(b, 'year'),
  };
}

/** Splits "telemedicin, pårørende" into tags: trimmed, lower case, no duplicates. */
export function parseTags(raw: string): string[] {
  const out: string[] = [];
  for (const t of raw.split(/[,;\n]/)) {
    const tag = t.replace(/\s+/g, ' ').trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Checks the solution form; the errors link to the fields and say how to fix them. */
export function checkSolutionForm(v: SolutionFormValues, it: IdeaBankTexts, currentYear: number): { input: SolutionInput | null; errors: FieldError[] } {
  const f = it.form;
  const e = f.errors;
  const errors: FieldError[] = [];
  const labels: Record<string, string> = {
    title: f.title,
    summary: f.summary,
    description: f.description,
    titleEn: f.titleEn,
    summaryEn: f.summaryEn,
    descriptionEn: f.descriptionEn,
    organisationName: f.organisation,
    unitName: f.unit,
    contactName: f.contactName,
    contactEmail: f.contactEmail,
  };
  if (v.title.trim() === '') errors.push({ field: 'title', message: e.title });
  if (v.summary.trim() === '') errors.push({ field: 'summary', message: e.summary });
  if (v.organisationName.trim() === '') errors.push({ field: 'organisationName', message: e.organisation });
  for (const [field, label] of Object.entries(labels)) {
    const max = LIMITS[field as keyof typeof LIMITS];
    if (v[field as keyof SolutionFormValues].trim().length > max && !errors.some((x) => x.field === field))
      errors.push({ field, message: e.tooLong(label, max) });
  }
  if (v.contactEmail.trim() !== '' && !isEmail(v.contactEmail.trim()) && !errors.some((x) => x.field === 'contactEmail'))
    errors.push({ field: 'contactEmail', message: e.email });
  const tags = parseTags(v.tags);
  if (tags.length > 10 || tags.some((t) => t.length > 40)) errors.push({ field: 'tags', message: e.tags });
  if (!(solutionStatuses as readonly string[]).includes(v.status)) errors.push({ field: 'status', message: e.status });
  const year = /^\s*\d{4}\s*$/.test(v.year) ? Number(v.year.trim()) : NaN;
  if (!(year >= 1990 && year <= currentYear)) errors.push({ field: 'year', message: e.year(currentYear) });
  if (errors.length) return { input: null, errors };
  return {
    input: {
      title: v.title.trim(),
      summary: v.summary.trim(),
      description: v.description.trim(),
      // The English twins are optional: blank is none.
      titleEn: v.titleEn.trim() || null,
      summaryEn: v.summaryEn.trim() || null,
      descriptionEn: v.descriptionEn.trim() || null,
      organisationName: v.organisationName.trim(),
      unitName: v.unitName.trim(),
      contactName: v.contactName.trim(),
      contactEmail: v.contactEmail.trim(),
      tags,
      status: v.status as SolutionStatus,
      year,
    },
    errors,
  };
}

export function adoptionFormValues(body: unknown): AdoptionForm {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { organisation: text(b, 'organisation'), unit: text(b, 'unit'), adoptedOn: text(b, 'adoptedOn'), changes: text(b, 'changes') };
}

/** "1-3-2025", "01-03-2025", "01.03.2025" or "2025-03-01" → "2025-03-01"; null when it is no real date. */
export function parseDanishDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const danish = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(s);
  const iso = danish ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (danish) [d, m, y] = [Number(danish[1]), Number(danish[2]), Number(danish[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1990) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Checks "Vi har taget løsningen i brug"; `today` is the Copenhagen date (yyyy-mm-dd) of the server's clock. */
export function checkAdoptionForm(v: AdoptionForm, it: IdeaBankTexts, today: string): { input: AdoptionInput | null; errors: FieldError[] } {
  const a = it.adopt;
  const errors: FieldError[] = [];
  if (v.organisation.trim() === '') errors.push({ field: 'organisation', message: a.errors.organisation });
  else if (v.organisation.trim().length > LIMITS.organisationName)
    errors.push({ field: 'organisation', message: a.errors.tooLong(a.organisation, LIMITS.organisationName) });
  if (v.unit.trim() === '') errors.push({ field: 'unit', message: a.errors.unit });
  else if (v.unit.trim().length > LIMITS.unitName) errors.push({ field: 'unit', message: a.errors.tooLong(a.unit, LIMITS.unitName) });
  const on = parseDanishDate(v.adoptedOn);
  if (on === null) errors.push({ field: 'adoptedOn', message: a.errors.adoptedOn });
  else if (on > today) errors.push({ field: 'adoptedOn', message: a.errors.adoptedOnFuture });
  if (v.changes.trim().length > LIMITS.changes) errors.push({ field: 'changes', message: a.errors.tooLong(a.changes, LIMITS.changes) });
  if (errors.length) return { input: null, errors };
  return { input: { organisationName: v.organisation.trim(), unitName: v.unit.trim(), adoptedOn: on!, changes: v.changes.trim() }, errors };
}
