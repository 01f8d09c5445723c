import { countWords } from './word-count.js';
import { z } from 'zod';
import { cleanText, isEmail } from '../platform/fields.js';
import type { NominationFieldValues } from './nominations.schema.js';

/**
 * The nomination form: its steps, fields, clean-up of input and the rules a nomination
 * must meet to be sent. One definition used by the pages, the API and the service; the
 * browser's live word counter loads the same word count (word-count.js).
 */

/** The nomination's fields as the form works with them (declared beside the table, which keeps them as a working copy). */
export type NominationFields = NominationFieldValues;

/** The English texts are optional (null: English pages show the Danish ones, marked lang="da"). */
export type FormSection = {
  id: number;
  heading: string;
  help: string;
  headingEn?: string | null;
  helpEn?: string | null;
  wordLimit: number | null;
  required: boolean;
};
export type FormCriterion = { id: number; title: string; description: string; titleEn?: string | null; descriptionEn?: string | null };

/** What the form of one edition asks. */
export type FormDefinition = {
  sections: FormSection[];
  criteria: FormCriterion[];
  asksOrigin: boolean;
};

export const STEPS = ['om-dig', 'kandidat', 'loesning', 'beskrivelse'] as const;
export type Step = (typeof STEPS)[number];

export const SUMMARY_WORD_LIMIT = 60;
/** Hard caps that protect the database, far above anything the form asks for. */
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 30_000;

export function emptyFields(): NominationFields {
  return {
    nominatorName: '',
    nominatorEmail: '',
    nominatorIsCitizen: '',
    nominatorWorkplace: '',
    nomineeKind: '',
    nomineeNames: '',
    nomineeUnit: '',
    nomineeOrganisation: '',
    nomineeEmail: '',
    title: '',
    summary: '',
    criterionIds: [],
    originOrganisation: '',
    originDescription: '',
    originUrl: '',
    answers: {},
  };
}

const SHORT_FIELDS = [
  'nominatorName',
  'nominatorEmail',
  'nominatorWorkplace',
  'nomineeNames',
  'nomineeUnit',
  'nomineeOrganisation',
  'nomineeEmail',
  'title',
  'originOrganisation',
  'originUrl',
] as const;
const LONG_FIELDS = ['summary', 'originDescription'] as const;

/** Which fields each step shows, so a step's POST changes only its own fields. */
export function fieldsOfStep(step: Step, form: FormDefinition): (keyof NominationFields)[] {
  switch (step) {
    case 'om-dig':
      return ['nominatorName', 'nominatorEmail', 'nominatorIsCitizen', 'nominatorWorkplace'];
    case 'kandidat':
      return ['nomineeKind', 'nomineeNames', 'nomineeUnit', 'nomineeOrganisation', 'nomineeEmail'];
    case 'loesning':
      return ['title', 'summary', 'criterionIds', ...(form.asksOrigin ? (['originOrganisation', 'originDescription', 'originUrl'] as const) : [])];
    case 'beskrivelse':
      return ['answers'];
  }
}

/**
 * The nomination's fields as typed values: what the API's JSON holds, and what a step's page
 * decodes its form body into (`decodeFormBody`). Every field may be absent (a step sends only
 * its own). Types are checked by the API's body schema; here a value of the wrong type reads as
 * empty, so a tampered form never fails with an error the nominator cannot act on.
 */
export type NominationInput = Partial<{
  [K in (typeof SHORT_FIELDS)[number] | (typeof LONG_FIELDS)[number]]: string;
}> & {
  nominatorIsCitizen?: boolean | null;
  nomineeKind?: string | null;
  criterionIds?: readonly number[];
  /** Text per form section, keyed by the section id. */
  answers?: Readonly<Record<string, string>>;
};

/**
 * The one parser of a nomination's fields, used by the pages (through `decodeFormBody`) and
 * the API: typed text cleaned by the shared field rules (platform/fields.ts), a kind outside
 * the list read as none chosen, criteria of another edition and sections not on the form
 * dropped. What a nomination must hold to be sent is checked afterwards by `stepErrors`, so
 * that a draft can be saved half done.
 */
export function nominationFieldsSchema(form: FormDefinition) {
  let schema = schemas.get(form);
  if (!schema) {
    schema = buildFieldsSchema(form);
    schemas.set(form, schema);
  }
  return schema;
}

// One schema per form object: building a zod object (and zod's first parse of it, which
// compiles a fast path) cost more than parsing a nomination; a form read once (or cached, see
// edition-cache.ts) is parsed with the same schema for every step and request.
const schemas = new WeakMap<FormDefinition, ReturnType<typeof buildFieldsSchema>>();

function buildFieldsSchema(form: FormDefinition) {
  // A field may be absent (each step sends only its own), so each reads from an optional unknown.
  const field = <T>(read: (v: unknown) => T) => z.unknown().optional().transform(read);
  const short = field((v) => cleanText(v, false));
  const long = field((v) => cleanText(v, true));
  const allowed = new Set(form.criteria.map((c) => c.id));
  return z.object({
    nominatorName: short,
    nominatorEmail: short,
    nominatorIsCitizen: field((v): NominationFields['nominatorIsCitizen'] => (v === true ? 'yes' : v === false ? 'no' : '')),
    nominatorWorkplace: short,
    nomineeKind: field((v): NominationFields['nomineeKind'] => (v === 'person' || v === 'team' || v === 'workplace' ? v : '')),
    nomineeNames: short,
    nomineeUnit: short,
    nomineeOrganisation: short,
    nomineeEmail: short,
    title: short,
    summary: long,
    criterionIds: field((v) => {
      const ids = (Array.isArray(v) ? v : []).filter((n): n is number => typeof n === 'number' && allowed.has(n));
      return [...new Set(ids)].sort((a, b) => a - b);
    }),
    originOrganisation: short,
    originDescription: long,
    originUrl: short,
    answers: field((v) => {
      const given = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
      return Object.fromEntries(form.sections.map((s) => [String(s.id), cleanText(given[String(s.id)], true)]));
    }),
  }) satisfies z.ZodType<NominationFields>;
}

/**
 * Reads one step's fields on top of the saved fields: only the fields the step shows change,
 * so a step's POST cannot write another step's answers.
 */
export function readStep(step: Step, input: NominationInput, saved: NominationFields, form: FormDefinition): NominationFields {
  const parsed = nominationFieldsSchema(form).parse(input);
  const next: NominationFields = { ...saved, answers: { ...saved.answers } };
  for (const field of fieldsOfStep(step, form)) (next as Record<string, unknown>)[field] = parsed[field];
  return next;
}

/** Every field from a complete input (the API sends all steps at once). */
export function readAllSteps(input: NominationInput, form: FormDefinition): NominationFields {
  // The same as reading each step in turn on empty fields (parsed once, not once per step).
  const parsed = nominationFieldsSchema(form).parse(input);
  const next = emptyFields();
  for (const step of STEPS) for (const field of fieldsOfStep(step, form)) (next as Record<string, unknown>)[field] = parsed[field];
  return next;
}

const one = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * An HTML form body as typed input: radios "yes"/"no" as a boolean, checkbox values as
 * criterion ids, `section-{id}` fields as answers. The page's one job before the shared parser.
 */
export function decodeFormBody(body: Record<string, unknown>): NominationInput {
  const text = (k: string) => (typeof one(body[k]) === 'string' ? (one(body[k]) as string) : undefined);
  const citizen = one(body.nominatorIsCitizen);
  const ids = body.criterionIds === undefined ? [] : Array.isArray(body.criterionIds) ? body.criterionIds : [body.criterionIds];
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^section-(\d{1,9})$/.exec(k);
    if (m && typeof one(v) === 'string') answers[m[1]!] = one(v) as string;
  }
  return {
    ...Object.fromEntries([...SHORT_FIELDS, ...LONG_FIELDS].map((k) => [k, text(k)])),
    nominatorIsCitizen: citizen === 'yes' ? true : citizen === 'no' ? false : null,
    nomineeKind: text('nomineeKind') ?? null,
    criterionIds: ids.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number),
    answers,
  };
}

/** A problem with one field: `code` names a text in the `errors` catalogue, `args` fill it in. */
export type FieldError = { field: string; code: string; args?: (string | number)[] };

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Errors that stop even a draft from being saved: text beyond the hard caps. */
export function hardLimitErrors(f: NominationFields, form: FormDefinition): FieldError[] {
  const errors: FieldError[] = [];
  for (const k of SHORT_FIELDS) {
    if (f[k].length > SHORT_TEXT_MAX) errors.push({ field: k, code: 'tooLong', args: [SHORT_TEXT_MAX] });
  }
  for (const k of LONG_FIELDS) {
    if (f[k].length > LONG_TEXT_MAX) errors.push({ field: k, code: 'tooLong', args: [LONG_TEXT_MAX] });
  }
  for (const s of form.sections) {
    if ((f.answers[String(s.id)] ?? '').length > LONG_TEXT_MAX) errors.push({ field: `section-${s.id}`, code: 'tooLong', args: [LONG_TEXT_MAX] });
  }
  return errors;
}

/** Whether the nominee's e-mail and unit may be left empty: the nominator is a citizen. */
export function nomineeContactOptional(f: Pick<NominationFields, 'nominatorIsCitizen'>): boolean {
  return f.nominatorIsCitizen === 'yes';
}

/**
 * What is missing or wrong in one step for the nomination to be sent. Codes name texts of
 * the nomination catalogue (nominations/i18n.ts), so pages and the API word them in their
 * own language.
 */
export function stepErrors(step: Step, f: NominationFields, form: FormDefinition): FieldError[] {
  const e: FieldError[] = [];
  const need = (field: keyof NominationFields & string, ok: boolean, code: string) => {
    if (!ok) e.push({ field, code });
  };
  switch (step) {
    case 'om-dig':
      need('nominatorName', f.nominatorName !== '', 'nominatorNameRequired');
      need('nominatorEmail', f.nominatorEmail !== '', 'nominatorEmailRequired');
      if (f.nominatorEmail !== '') need('nominatorEmail', isEmail(f.nominatorEmail), 'emailFormat');
      need('nominatorIsCitizen', f.nominatorIsCitizen !== '', 'nominatorIsCitizenRequired');
      if (f.nominatorIsCitizen === 'no') need('nominatorWorkplace', f.nominatorWorkplace !== '', 'nominatorWorkplaceRequired');
      break;
    case 'kandidat':
      need('nomineeKind', f.nomineeKind !== '', 'nomineeKindRequired');
      need('nomineeNames', f.nomineeNames !== '', 'nomineeNamesRequired');
      // Anyone can nominate: a citizen rarely knows a staff member's e-mail or unit, so may leave
      // them out; the organiser then reaches the nominee through the hospital (the dashboard asks).
      if (!nomineeContactOptional(f)) need('nomineeUnit', f.nomineeUnit !== '', 'nomineeUnitRequired');
      need('nomineeOrganisation', f.nomineeOrganisation !== '', 'nomineeOrganisationRequired');
      if (!nomineeContactOptional(f)) need('nomineeEmail', f.nomineeEmail !== '', 'nomineeEmailRequired');
      if (f.nomineeEmail !== '') need('nomineeEmail', isEmail(f.nomineeEmail), 'emailFormat');
      break;
    case 'loesning': {
      need('title', f.title !== '', 'titleRequired');
      need('summary', f.summary !== '', 'summaryRequired');
      const words = countWords(f.summary);
      if (words > SUMMARY_WORD_LIMIT) e.push({ field: 'summary', code: 'wordLimit', args: [words, SUMMARY_WORD_LIMIT] });
      if (form.criteria.length > 0) need('criterionIds', f.criterionIds.length > 0, 'criteriaRequired');
      if (form.asksOrigin) {
        need('originOrganisation', f.originOrganisation !== '', 'originOrganisationRequired');
        if (f.originUrl !== '') need('originUrl', isHttpUrl(f.originUrl), 'urlFormat');
      }
      break;
    }
    case 'beskrivelse':
      for (const s of form.sections) {
        const text = f.answers[String(s.id)] ?? '';
        const field = `section-${s.id}`;
        if (s.required && text === '') e.push({ field, code: 'sectionRequired', args: [s.heading] });
        const words = countWords(text);
        if (s.wordLimit !== null && words > s.wordLimit) e.push({ field, code: 'sectionWordLimit', args: [s.heading, words, s.wordLimit] });
      }
      break;
  }
  return [
    ...hardLimitErrors(f, form).filter((h) => fieldsOfStep(step, form).some((k) => h.field === k || (k === 'answers' && h.field.startsWith('section-')))),
    ...e,
  ];
}

/** Every error of every step: empty when the nomination may be sent. */
export function completeErrors(f: NominationFields, form: FormDefinition): { step: Step; errors: FieldError[] }[] {
  return STEPS.map((step) => ({ step, errors: stepErrors(step, f, form) })).filter((s) => s.errors.length > 0);
}

/** The first step with something missing, for "continue where you left off". */
export function firstIncompleteStep(f: NominationFields, form: FormDefinition): Step | null {
  return completeErrors(f, form)[0]?.step ?? null;
}
