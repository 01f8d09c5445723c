import { countWords } from './word-count.js';
import { cleanText, isEmail } from '../platform/fields.js';

/**
 * The nomination form: its steps, fields, clean-up of input and the rules a nomination
 * must meet to be sent. One definition used by the pages, the API and the service; the
 * browser's live word counter loads the same word count (word-count.js).
 */

export type NominationFields = {
  nominatorName: string;
  nominatorEmail: string;
  nominatorIsCitizen: '' | 'yes' | 'no';
  nominatorWorkplace: string;
  nomineeKind: '' | 'person' | 'team' | 'workplace';
  nomineeNames: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  nomineeEmail: string;
  title: string;
  summary: string;
  criterionIds: number[];
  originOrganisation: string;
  originDescription: string;
  originUrl: string;
  /** Keyed by form section id (as a string). */
  answers: Record<string, string>;
};

export type FormSection = { id: number; heading: string; help: string; wordLimit: number | null; required: boolean };
export type FormCriterion = { id: number; title: string; description: string };

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

/**
 * Cleans typed text: Unicode NFC, line breaks as \n, no control characters other than line
 * breaks and tabs (they are invisible and break exports). Nothing visible is removed.
 */

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

type Body = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Reads one step's fields from a form body (or API JSON) on top of the saved fields.
 * Unknown values (a criterion of another edition, a made-up radio value) are dropped.
 */
export function readStep(step: Step, body: Body, saved: NominationFields, form: FormDefinition): NominationFields {
  const next: NominationFields = { ...saved, answers: { ...saved.answers } };
  for (const field of fieldsOfStep(step, form)) {
    if ((SHORT_FIELDS as readonly string[]).includes(field)) {
      (next as Record<string, unknown>)[field] = cleanText(body[field], false);
    } else if ((LONG_FIELDS as readonly string[]).includes(field)) {
      (next as Record<string, unknown>)[field] = cleanText(body[field], true);
    } else if (field === 'nominatorIsCitizen') {
      const v = body.nominatorIsCitizen;
      next.nominatorIsCitizen = v === 'yes' || v === 'no' ? v : '';
    } else if (field === 'nomineeKind') {
      const v = body.nomineeKind;
      next.nomineeKind = v === 'person' || v === 'team' || v === 'workplace' ? v : '';
    } else if (field === 'criterionIds') {
      const allowed = new Set(form.criteria.map((c) => c.id));
      const ids = asArray(body.criterionIds)
        .map((v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : NaN))
        .filter((n) => allowed.has(n));
      next.criterionIds = [...new Set(ids)].sort((a, b) => a - b);
    } else if (field === 'answers') {
      for (const s of form.sections) {
        const raw = body[`section-${s.id}`] ?? (body.answers as Body | undefined)?.[String(s.id)];
        next.answers[String(s.id)] = cleanText(raw, true);
      }
    }
  }
  return next;
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
      need('nomineeUnit', f.nomineeUnit !== '', 'nomineeUnitRequired');
      need('nomineeOrganisation', f.nomineeOrganisation !== '', 'nomineeOrganisationRequired');
      need('nomineeEmail', f.nomineeEmail !== '', 'nomineeEmailRequired');
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
