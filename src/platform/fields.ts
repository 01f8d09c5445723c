import { z } from 'zod';
import { copenhagen, parseLocalDate, parseLocalTime } from './time.js';

// The rules every form field follows, whichever module's form it is on: one e-mail pattern,
// one clean-up of typed text. A page and its API route both parse through these, so the same
// input is accepted or refused the same way everywhere.

// Characters that cannot be typed on purpose and break exports, e-mail headers and PDFs:
// C0 controls except tab and line feed, and DEL. Carriage returns are turned into line feeds first.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text as the user meant it: Unicode NFC (so "å" typed as a + ring equals "å"), line endings
 * as `\n`, control characters removed. Not trimmed: a form shown again keeps what was typed.
 */
export function formText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/**
 * Text to store: `formText`, then trimmed. A one-line field also turns line breaks and tabs
 * into one space; a multi-line field keeps its inner line breaks and loses leading blank lines
 * and trailing white space.
 */
export function cleanText(raw: unknown, multiline: boolean): string {
  const s = formText(raw);
  if (!multiline) return s.replace(/[\n\t]+/g, ' ').trim();
  return s.replace(/^\n+|\s+$/g, '');
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

/**
 * An address we can send to: one @, a dot in the domain, a top-level part of two characters or
 * more, no white space or characters that need quoting, at most 254 characters (RFC 5321).
 */
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}

/** An address a person can open: http(s), a dot in the host name, no white space. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Zod field schemas. A form's schema is built from these, and both its page (the text the
// browser sent) and its API route (JSON values) parse with it. Each takes the messages to show
// beside the field, so a module's schema carries its own (Danish or English) texts.

const issue = (ctx: z.RefinementCtx, message: string, path?: PropertyKey[]) => ctx.addIssue({ code: 'custom', message, ...(path ? { path } : {}) });

type TextFieldOptions = {
  /** Most characters, after the clean-up. */
  max: number;
  /** Keeps inner line breaks (a textarea); a one-line field turns them into a space. */
  multiline?: boolean;
  /** The message when the field is empty; without it the field is optional and empty is null. */
  required?: string;
  tooLong: string;
  /** A further rule on the cleaned text (an e-mail address, a link) and its message. */
  check?: { test: (s: string) => boolean; message: string };
  /** The message for a value that is not text (a number, a list); by default `required`'s. */
  type?: string;
};

/**
 * Text, cleaned by `cleanText` (NFC, line endings, control characters, trimmed). Takes a string,
 * null or nothing; gives the text, or null when it is empty and the field is optional.
 */
export function textField(o: TextFieldOptions & { required: string }): z.ZodType<string, string | null | undefined>;
export function textField(o: TextFieldOptions): z.ZodType<string | null, string | null | undefined>;
export function textField(o: TextFieldOptions): z.ZodType<string | null, string | null | undefined> {
  return z
    .string({ error: o.type ?? o.required ?? 'Expected text.' })
    .nullish()
    .transform((raw, ctx) => {
      const s = cleanText(raw ?? '', o.multiline ?? false);
      if (s === '') {
        if (o.required === undefined) return null;
        issue(ctx, o.required);
        return z.NEVER;
      }
      if (s.length > o.max) {
        issue(ctx, o.tooLong);
        return z.NEVER;
      }
      if (o.check && !o.check.test(s)) {
        issue(ctx, o.check.message);
        return z.NEVER;
      }
      return s;
    });
}

/** An e-mail address (`isEmail`), at most 254 characters. */
export function emailField(o: { required?: string; tooLong: string; invalid: string }) {
  return textField({ max: 254, required: o.required, tooLong: o.tooLong, check: { test: isEmail, message: o.invalid } });
}

/** A whole http(s) address (`isHttpUrl`), at most 2,000 characters. */
export function httpUrlField(o: { required?: string; tooLong: string; invalid: string }) {
  return textField({ max: 2000, required: o.required, tooLong: o.tooLong, check: { test: isHttpUrl, message: o.invalid } });
}

type IntegerFieldOptions = {
  min: number;
  max: number;
  /** Most digits typed (text only). */
  digits: number;
  /** The message when the field is empty; without it empty is null. */
  required?: string;
  /** The message for anything else that is not a whole number from `min` to `max`. */
  invalid: string;
  /** Tidies typed text before it is read as digits ("10.000 kr." → "10000"). */
  fromText?: (s: string) => string;
};

/** A whole number: a JSON number, or digits typed into a form. Empty (text, null or nothing) is null. */
export function integerField(o: IntegerFieldOptions & { required: string }): z.ZodType<number, number | string | null | undefined>;
export function integerField(o: IntegerFieldOptions): z.ZodType<number | null, number | string | null | undefined>;
export function integerField(o: IntegerFieldOptions): z.ZodType<number | null, number | string | null | undefined> {
  const digits = new RegExp(`^\\d{1,${o.digits}}$`);
  return z
    .union([z.number(), z.string()], { error: o.invalid })
    .nullish()
    .transform((raw, ctx) => {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else {
        const typed = cleanText(raw ?? '', false);
        const s = o.fromText ? o.fromText(typed) : typed;
        if (s === '') {
          if (o.required === undefined) return null;
          issue(ctx, o.required);
          return z.NEVER;
        }
        if (!digits.test(s)) {
          issue(ctx, o.invalid);
          return z.NEVER;
        }
        n = Number(s);
      }
      if (!Number.isInteger(n) || n < o.min || n > o.max) {
        issue(ctx, o.invalid);
        return z.NEVER;
      }
      return n;
    });
}

/**
 * A checkbox: a JSON boolean, or the text a form sends when it is ticked (any value; none
 * when it is not). Nothing at all (an API body without the field) is `absent`.
 */
export function checkboxField(absent = false): z.ZodType<boolean, boolean | string | null | undefined> {
  return z
    .union([z.boolean(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? absent : typeof v === 'boolean' ? v : v !== ''));
}

/** What a page sends for one instant: `<input type="date">` and `<input type="time">`, in Copenhagen. */
export type LocalDateTimeInput = { date?: string | null; time?: string | null };

/**
 * An instant: a Date (the API reads ISO 8601), or a date and a time typed into a page, read as
 * Danish time. An empty date is no instant (null): the time beside it is only the suggested
 * 12:00. Errors sit on the part to correct (`date` or `time`).
 */
export function localInstantField(m: {
  dateInvalid: string;
  timeMissing: string;
  timeInvalid: string;
}): z.ZodType<Date | null, Date | LocalDateTimeInput | null | undefined> {
  const part = z.string({ error: m.dateInvalid }).nullish();
  return z
    .union([z.date({ error: m.dateInvalid }), z.object({ date: part, time: part })], { error: m.dateInvalid })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      if (v instanceof Date) return v;
      const dateRaw = formText(v.date ?? '');
      const timeRaw = formText(v.time ?? '');
      if (dateRaw.trim() === '') return null;
      const date = parseLocalDate(dateRaw);
      if (!date) {
        issue(ctx, m.dateInvalid, ['date']);
        return z.NEVER;
      }
      if (timeRaw.trim() === '') {
        issue(ctx, m.timeMissing, ['time']);
        return z.NEVER;
      }
      const time = parseLocalTime(timeRaw);
      if (!time) {
        issue(ctx, m.timeInvalid, ['time']);
        return z.NEVER;
      }
      return copenhagen(date.year, date.month, date.day, time.hour, time.minute);
    });
}

/** A problem with one field: where it is (a path into the input) and the message to show. */
export type FieldIssue = { path: (string | number)[]; message: string };

/** A failed parse as field issues, the first one per field (in the order zod found them). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message: i.message });
  }
  return out;
}

/** The first string of a form field (a repeated field sends a list), or '' when it is absent. */
export function formField(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return formText(Array.isArray(v) ? v[0] : v);
}
