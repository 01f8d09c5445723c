import { z } from 'zod';
import { cleanText, formText, localInstantField } from '../platform/fields.js';
import type { Locale } from '../platform/time.js';
import { messagesTexts } from './i18n.js';
import type { TemplateProblem } from './template-rules.js';

// The template form's fields. Length and placeholders are checked by the rule
// (template-rules.ts), which says where the problem is; this only reads and cleans what was
// posted, so a huge or odd post is shown back as typed, never a 500.

/** More than this many characters are not even read back into the form (far above BODY_MAX). */
const READ_MAX = 100_000;

const text = (multiline: boolean) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''))
    .transform((v) => formText(v.slice(0, READ_MAX)))
    .transform((v) => (multiline ? v : v.replace(/[\n\t]+/g, ' ')));

/** The template form as posted: `emne`, `tekst`, the button pressed (`handling`) and the preview's recipient (`modtager`). */
export const templateFormSchema = z.object({
  emne: text(false),
  tekst: text(true),
  handling: z
    .unknown()
    .optional()
    .transform((v) => (v === 'vis' ? ('preview' as const) : ('save' as const))),
  modtager: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' && /^[nemi]\d{1,9}$/.test(v) ? v : '')),
});

export type TemplateForm = z.output<typeof templateFormSchema>;

/** What is stored: trimmed, inner line breaks kept. */
export function cleanTemplate(f: TemplateForm): { subject: string; body: string } {
  return { subject: cleanText(f.emne, false), body: cleanText(f.tekst, true) };
}

/** The field of the page an error points to: the input's id. */
export const FIELD_ID = { subject: 'subject', body: 'body' } as const;

/** A refusal of the rule in words, pointing to the spot. */
export function problemText(locale: Locale, p: TemplateProblem): string {
  const t = messagesTexts(locale);
  const field = p.field === 'subject' ? t.subject : t.body;
  switch (p.reason) {
    case 'required':
      return t.errors.required(field);
    case 'too-long':
      return t.errors.tooLong(field, p.limit, p.length, p.line, p.column);
    case 'unknown-placeholder':
      return t.errors.unknown(field, p.name, p.line, p.column);
    case 'unclosed-placeholder':
      return t.errors.unclosed(field, p.line, p.column);
  }
}

/** The schedule form of the confidential notice: a date and a time in Copenhagen; empty clears it. */
export function scheduleFormSchema(locale: Locale) {
  const e = messagesTexts(locale).errors;
  return z.object({
    sendAt: localInstantField({ dateInvalid: e.scheduleDate, timeMissing: e.scheduleDate, timeInvalid: e.scheduleDate }),
  });
}
