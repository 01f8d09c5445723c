import { solutionStatuses, type SolutionStatus } from './ideabank.schema.js';

/**
 * The idea bank's search lives in the query string, so a search is a URL that can be shared:
 * /idebank?q=klinik&status=spredt&emne=telemedicin&sortering=nyeste&side=2
 * The same names are used by the page, the CSV export and GET /api/v1/solutions.
 */
export type SearchQuery = {
  text: string;
  organisation: string | null;
  unit: string | null;
  status: SolutionStatus | null;
  tag: string | null;
  /** An award's slug (a prize the solution took part in). */
  prize: string | null;
  year: number | null;
  sort: 'relevance' | 'date';
  page: number;
};

export type SearchQueryError = {
  field: 'q' | 'status' | 'sortering' | 'side' | 'aar' | 'filter';
  code: 'too-long' | 'unknown-status' | 'unknown-sort' | 'bad-page' | 'bad-year' | 'too-long-filter' | 'repeated';
};

export const SEARCH_TEXT_MAX = 200;
export const FILTER_MAX = 200;
export const PAGE_SIZE = 20;
/** Deeper pages than this are refused: nobody reads them, and OFFSET grows linearly. */
export const PAGE_MAX = 500;

export const STATUS_PARAM: Record<SolutionStatus, string> = { idea: 'ide', tested: 'afproevet', implemented: 'implementeret', spread: 'spredt' };
const statusByParam = new Map(Object.entries(STATUS_PARAM).map(([k, v]) => [v, k as SolutionStatus]));
export const SORT_PARAM = { relevance: 'relevans', date: 'nyeste' } as const;

/** Query-string names, Danish like the rest of the URLs. */
export const PARAM = {
  text: 'q',
  organisation: 'organisation',
  unit: 'enhed',
  status: 'status',
  tag: 'emne',
  prize: 'pris',
  year: 'aar',
  sort: 'sortering',
  page: 'side',
} as const;

function clean(v: string): string {
  return v
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a search from the query string. Returns the query (with what could be read) and the
 * errors; the caller shows the errors and keeps the visitor's text in the search field.
 * Unknown organisations, units, tags and prizes are not errors: they simply find nothing.
 */
export function parseSearchQuery(raw: unknown): { query: SearchQuery; errors: SearchQueryError[] } {
  const q = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const errors: SearchQueryError[] = [];
  const one = (name: string): string | null => {
    const v = q[name];
    if (Array.isArray(v)) {
      if (!errors.some((e) => e.code === 'repeated')) errors.push({ field: 'filter', code: 'repeated' });
      return typeof v[0] === 'string' ? v[0] : null;
    }
    return typeof v === 'string' ? v : null;
  };
  const text = clean(one(PARAM.text) ?? '');
  if (text.length > SEARCH_TEXT_MAX) errors.push({ field: 'q', code: 'too-long' });
  const filter = (name: string): string | null => {
    const v = clean(one(name) ?? '');
    if (v === '') return null;
    if (v.length > FILTER_MAX) {
      errors.push({ field: 'filter', code: 'too-long-filter' });
      return null;
    }
    return v;
  };
  const statusRaw = filter(PARAM.status);
  const status = statusRaw === null ? null : (statusByParam.get(statusRaw.toLowerCase()) ?? null);
  if (statusRaw !== null && status === null) errors.push({ field: 'status', code: 'unknown-status' });
  const sortRaw = filter(PARAM.sort);
  // Relevance is the default; without search words every rank is equal, so it is newest first.
  let sort: SearchQuery['sort'] = 'relevance';
  if (sortRaw === SORT_PARAM.relevance) sort = 'relevance';
  else if (sortRaw === SORT_PARAM.date) sort = 'date';
  else if (sortRaw !== null) errors.push({ field: 'sortering', code: 'unknown-sort' });
  const pageRaw = filter(PARAM.page);
  let page = 1;
  if (pageRaw !== null) {
    if (/^[1-9]\d{0,5}$/.test(pageRaw) && Number(pageRaw) <= PAGE_MAX) page = Number(pageRaw);
    else errors.push({ field: 'side', code: 'bad-page' });
  }
  const yearRaw = filter(PARAM.year);
  let year: number | null = null;
  if (yearRaw !== null) {
    if (/^\d{4}$/.test(yearRaw)) year = Number(yearRaw);
    else errors.push({ field: 'aar', code: 'bad-year' });
  }
  return {
    query: {
      text,
      organisation: filter(PARAM.organisation),
      unit: filter(PARAM.unit),
      status,
      tag: filter(PARAM.tag),
      prize: filter(PARAM.prize),
      year,
      sort,
      page,
    },
    errors,
  };
}

/** The query string of a search (defaults left out), starting with '?' or empty. `over` changes some parts. */
export function searchQueryString(query: SearchQuery, over: Partial<SearchQuery> = {}): string {
  const s = { ...query, ...over };
  const p = new URLSearchParams();
  if (s.text) p.set(PARAM.text, s.text);
  if (s.organisation) p.set(PARAM.organisation, s.organisation);
  if (s.unit) p.set(PARAM.unit, s.unit);
  if (s.status) p.set(PARAM.status, STATUS_PARAM[s.status]);
  if (s.tag) p.set(PARAM.tag, s.tag);
  if (s.prize) p.set(PARAM.prize, s.prize);
  if (s.year !== null) p.set(PARAM.year, String(s.year));
  if (s.sort !== 'relevance') p.set(PARAM.sort, SORT_PARAM[s.sort]);
  if (s.page > 1) p.set(PARAM.page, String(s.page));
  const str = p.toString();
  return str ? `?${str}` : '';
}

/**
 * The distinct words of a text: runs of letters and digits only (so nothing of tsquery's
 * syntax survives), lowercased, each at most 40 characters, those of `minLength` or more, at
 * most `max`.
 */
export function distinctWords(text: string, max: number, minLength = 1): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const word = w.slice(0, 40);
    if (word.length >= minLength && !out.includes(word)) out.push(word);
    if (out.length === max) break;
  }
  return out;
}

/** The words of a search, for the prefix and trigram parts of the query: at most 8 (distinctWords). */
export function searchWords(text: string): string[] {
  return distinctWords(text, 8);
}

/**
 * The words a search excludes, written as on a search engine with a leading minus
 * ("sygeplejerske -ærø"); websearch_to_tsquery reads them the same way. Letters and digits only.
 */
export function excludedWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/(?:^|\s)-([\p{L}\p{N}]+)/gu)) {
    const w = m[1]!.slice(0, 40);
    if (!out.includes(w)) out.push(w);
  }
  return out.slice(0, 8);
}

/** The words a search looks for: searchWords without the excluded ones. */
export function wantedWords(text: string): string[] {
  const excluded = excludedWords(text);
  return searchWords(text).filter((w) => !excluded.includes(w));
}

export { solutionStatuses };
