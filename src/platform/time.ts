import { TZDate } from '@date-fns/tz';

/** Every instant is shown in this zone, whatever the server's own zone is. */
export const TIME_ZONE = 'Europe/Copenhagen';

export type Locale = 'da' | 'en';

const dateTimeFormats = {
  da: new Intl.DateTimeFormat('da-DK', {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};
const dateFormats = {
  da: new Intl.DateTimeFormat('da-DK', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
};

function parts(format: Intl.DateTimeFormat, d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** The last minute formatInstant wrote, per language. */
const lastInstant: Record<Locale, { minute: number; text: string }> = { da: { minute: Number.NaN, text: '' }, en: { minute: Number.NaN, text: '' } };

/**
 * "18. december 2020 kl. 12.00" (Danish) or "18 December 2020 at 12:00" (English),
 * in Europe/Copenhagen. Built from parts so the wording does not depend on the ICU version.
 */
export function formatInstant(d: Date, locale: Locale = 'da'): string {
  // The text names the minute, and Copenhagen's offsets since 1894 are whole hours, so every
  // instant of a UTC minute reads the same: the last minute written is kept per language (a
  // deadline rush writes the same minute into hundreds of receipts; Intl's parts are the cost).
  const minute = Math.floor(d.getTime() / 60_000);
  const last = lastInstant[locale];
  if (last.minute === minute) return last.text;
  const p = parts(dateTimeFormats[locale], d);
  const text = locale === 'da' ? `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute}` : `${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute}`;
  if (minute >= 0) lastInstant[locale] = { minute, text };
  return text;
}

/** "26. september 2024" / "26 September 2024" in Europe/Copenhagen. */
export function formatDate(d: Date, locale: Locale = 'da'): string {
  const p = parts(dateFormats[locale], d);
  return locale === 'da' ? `${p.day}. ${p.month} ${p.year}` : `${p.day} ${p.month} ${p.year}`;
}

/** ISO 8601 with offset in Copenhagen, for `<time datetime>`: 2020-12-18T12:00:00+01:00. */
export function isoInCopenhagen(d: Date): string {
  return new TZDate(d.getTime(), TIME_ZONE).toISOString();
}

/** The calendar year of an instant in Copenhagen (New Year's Eve 23.30 UTC is already next year there). */
export function yearInCopenhagen(d: Date): number {
  return new TZDate(d.getTime(), TIME_ZONE).getFullYear();
}

/**
 * The instant of a wall-clock time in Copenhagen: copenhagen(2020, 11, 11, 12) is
 * 11 November 2020 at 12.00 Danish time. Months count from 1. A time that does not exist
 * (the skipped hour in spring) moves forward, as clocks do; an ambiguous one (the repeated
 * hour in autumn) is read as standard (winter) time.
 */
export function copenhagen(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, 0, TIME_ZONE).getTime());
}

/** The same wall-clock time in Copenhagen a number of years later (for next year's round). */
export function addYearsInCopenhagen(d: Date, years: number): Date {
  const local = new TZDate(d.getTime(), TIME_ZONE);
  return copenhagen(local.getFullYear() + years, local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes());
}

// What `<input type="date">` and `<input type="time">` send (or a person types), read as a
// wall-clock time in Copenhagen; and an instant shown back in those two inputs.

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
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
  const p = parts(localParts, d);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export type LocalDate = { year: number; month: number; day: number };

/** "2025-09-26" (what `type="date"` sends) or "26.09.2025", "26-9-2025", "26/9/2025" (typed by hand). */
export function parseLocalDate(raw: string): LocalDate | null {
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
export function nextLocalDay(d: LocalDate): LocalDate {
  const n = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate() };
}
