import type { NominationListQuery, ScreeningState, SortDirection, SortKey, VisibleStatus } from './admin.repo.js';

/**
 * The list of nominations is driven by query parameters in Danish, so a filtered and sorted
 * list is a URL that can be shared: ?sorter=titel&retning=faldende&status=sendt&screening=afventer&q=…
 * Anything malformed (an unknown value, a repeated parameter, an overlong search) falls back
 * to the default; it is never an error.
 */

export const SORT_PARAM: Record<SortKey, string> = {
  receipt: 'kvittering',
  title: 'titel',
  nominee: 'kandidat',
  nominator: 'indstiller',
  sent: 'sendt',
  status: 'status',
  screening: 'screening',
};
export const DIRECTION_PARAM: Record<SortDirection, string> = { asc: 'stigende', desc: 'faldende' };
export const STATUS_PARAM: Record<VisibleStatus, string> = { sent: 'sendt', withdrawn: 'trukket-tilbage' };
export const SCREENING_PARAM: Record<ScreeningState, string> = { pending: 'afventer', eligible: 'egnet', 'not-eligible': 'ikke-egnet' };

/** ?kontakt=mangler: nominations whose nominee has no contact address. */
export const CONTACT_MISSING_PARAM = 'mangler';

export const SEARCH_MAX = 200;

export const DEFAULT_LIST_QUERY: NominationListQuery = { sort: 'sent', direction: 'desc', status: null, screening: null, contact: null, text: '' };

function reverse<K extends string>(map: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
}
const sorts = reverse(SORT_PARAM);
const directions = reverse(DIRECTION_PARAM);
const statuses = reverse(STATUS_PARAM);
const screenings = reverse(SCREENING_PARAM);

const single = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads the list's query parameters; every malformed value gets its default. */
export function parseListQuery(query: unknown): NominationListQuery {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const sort = sorts.get(single(q.sorter) ?? '') ?? DEFAULT_LIST_QUERY.sort;
  // A sort column without a direction gets that column's natural one: newest first for time.
  const direction = directions.get(single(q.retning) ?? '') ?? (sort === 'sent' ? 'desc' : 'asc');
  const text = (single(q.q) ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F]/g, ' ')
    .trim()
    .slice(0, SEARCH_MAX);
  return {
    sort,
    direction,
    status: statuses.get(single(q.status) ?? '') ?? null,
    screening: screenings.get(single(q.screening) ?? '') ?? null,
    contact: single(q.kontakt) === CONTACT_MISSING_PARAM ? 'missing' : null,
    text,
  };
}

/** The query string of a list (without the defaults), starting with '?' or empty. */
export function listQueryString(q: NominationListQuery): string {
  const p = new URLSearchParams();
  if (q.text) p.set('q', q.text);
  if (q.status) p.set('status', STATUS_PARAM[q.status]);
  if (q.screening) p.set('screening', SCREENING_PARAM[q.screening]);
  if (q.contact) p.set('kontakt', CONTACT_MISSING_PARAM);
  if (q.sort !== DEFAULT_LIST_QUERY.sort || q.direction !== DEFAULT_LIST_QUERY.direction) {
    p.set('sorter', SORT_PARAM[q.sort]);
    p.set('retning', DIRECTION_PARAM[q.direction]);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The query string that sorts by `key`: the other direction when already sorted by it. */
export function sortLink(q: NominationListQuery, key: SortKey): string {
  const direction: SortDirection = q.sort === key ? (q.direction === 'asc' ? 'desc' : 'asc') : key === 'sent' ? 'desc' : 'asc';
  const next = { ...q, sort: key, direction };
  const p = new URLSearchParams();
  if (next.text) p.set('q', next.text);
  if (next.status) p.set('status', STATUS_PARAM[next.status]);
  if (next.screening) p.set('screening', SCREENING_PARAM[next.screening]);
  if (next.contact) p.set('kontakt', CONTACT_MISSING_PARAM);
  p.set('sorter', SORT_PARAM[key]);
  p.set('retning', DIRECTION_PARAM[direction]);
  return `?${p.toString()}`;
}
