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

/**
 * "18. december 2020 kl. 12.00" (Danish) or "18 December 2020 at 12:00" (English),
 * in Europe/Copenhagen. Built from parts so the wording does not depend on the ICU version.
 */
export function formatInstant(d: Date, locale: Locale = 'da'): string {
  const p = parts(dateTimeFormats[locale], d);
  return locale === 'da' ? `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute}` : `${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute}`;
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
