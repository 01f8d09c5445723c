import { da, type Messages } from './da.js';
import { en } from './en.js';
import type { Locale } from '../time.js';

export type { Messages };
export const LOCALES = ['da', 'en'] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = 'da';
export const LANG_COOKIE = 'lang';

const catalogues: Record<Locale, Messages> = { da, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

export function isLocale(v: unknown): v is Locale {
  return v === 'da' || v === 'en';
}
