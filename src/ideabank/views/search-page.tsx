import { attr } from '../../platform/html-attr.js';
import { Button, Details, ErrorSummary, Layout, type PageContext, Pagination, pickText, SearchField, Select } from '../../platform/ui/index.js';
import type { Facets, SearchResult, SolutionHit } from '../ideabank.repo.js';
import type { IdeaBankTexts } from '../i18n.js';
import { PAGE_SIZE, SEARCH_TEXT_MAX, searchQueryString, searchWords, STATUS_PARAM, type SearchQuery, type SearchQueryError } from '../search-query.js';
import { Highlighted, IdeaBankAssets } from './parts.js';
import type { SolutionStatus } from '../ideabank.schema.js';

type Props = {
  ctx: PageContext;
  it: IdeaBankTexts;
  query: SearchQuery;
  errors: SearchQueryError[];
  /** Null when the search could not run (refused input, or the statement timeout). */
  result: SearchResult | null;
  timedOut?: boolean;
  signedIn: boolean;
};

export function errorText(it: IdeaBankTexts, e: SearchQueryError): string {
  return e.code === 'too-long' ? it.errors['too-long'](SEARCH_TEXT_MAX) : it.errors[e.code];
}

/** /idebank: a GET form (the whole search is in the URL), facets with counts, hits, pages. */
export function SearchPage({ ctx, it, query, errors, result, timedOut, signedIn }: Props) {
  const summary = [
    ...errors.filter((e) => e.code !== 'repeated').map((e) => ({ field: e.field === 'sortering' ? 'sortering' : 'q', message: errorText(it, e) })),
    ...(timedOut ? [{ field: 'q', message: it.errors.timeout }] : []),
  ];
  const pages = result ? Math.ceil(result.total / PAGE_SIZE) : 0;
  const qErr = errors.find((e) => e.field === 'q');
  return (
    <Layout
      ctx={ctx}
      title={query.text && summary.length === 0 ? `${query.text} – ${it.title}` : it.title}
      hasErrors={summary.length > 0}
      breadcrumbs={[{ label: ctx.t.siteName, href: '/' }, { label: it.title }]}
    >
      <IdeaBankAssets />
      <ErrorSummary ctx={ctx} heading={it.errorsHeading} errors={summary} />
      <h1 safe>{it.title}</h1>
      <p class="font-lead" safe>
        {it.intro}
      </p>
      <form method="get" action="/idebank" class="ideabank-search" role="search">
        <SearchField
          ctx={ctx}
          id="q"
          label={it.searchLabel}
          hint={it.searchHint}
          value={query.text}
          error={qErr ? errorText(it, qErr) : timedOut ? it.errors.timeout : undefined}
          button={it.searchButton}
        />
        <HiddenFilters query={query} />
        {/* Sorting applies on change with JavaScript (ideabank.js hides the button); without it, by the button. */}
        <div class="ideabank-sort">
          <Select
            ctx={ctx}
            id="sortering"
            label={it.sortLabel}
            value={query.sort === 'date' ? 'nyeste' : 'relevans'}
            options={[
              { value: 'relevans', label: it.sortRelevance },
              { value: 'nyeste', label: it.sortDate },
            ]}
            data={{ 'data-sort-on-change': 'true' }}
          />
          <Button variant="secondary" text={it.sortButton} data={{ 'data-sort-button': 'true' }} />
        </div>
      </form>
      <p class="ideabank-links">
        <a href="/idebank/mest-spredte" safe>
          {it.mostSpreadLink}
        </a>
        {signedIn ? (
          <a href="/idebank/ny" safe>
            {it.addSolution}
          </a>
        ) : (
          ''
        )}
      </p>
      {result ? (
        <div class="row">
          <div class="col-12 col-lg-4">
            <FacetPanel it={it} query={query} facets={result.facets} />
          </div>
          <div class="col-12 col-lg-8">
            <h2 class="h3" id="results-heading" safe>
              {result.resembling.length
                ? it.resultCountResembling(result.total, query.text)
                : searchWords(query.text).length
                  ? it.resultCountFor(result.total, query.text)
                  : it.resultCount(result.total)}
            </h2>
            {result.total === 0 ? <p safe>{it.noResults}</p> : ''}
            {result.resembling.length ? (
              <p class="ideabank-resembling" safe>
                {it.noExactMatch(query.text, result.resembling)}
              </p>
            ) : (
              ''
            )}
            {result.hits.length === 0 && result.total > 0 ? (
              <p>
                <span safe>{it.pastLastPage(pages)}</span>{' '}
                <a href={`/idebank${searchQueryString(query, { page: pages })}`} safe>
                  {it.goToLastPage}
                </a>
              </p>
            ) : (
              ''
            )}
            <ol class="nobullet-list ideabank-hits" aria-labelledby="results-heading">
              {result.hits.map((h) => (
                <li class="ideabank-hit">
                  <h3 class="h4">
                    {/* The search is Danish: a Danish title (with its marks) on an English page is marked lang="da". */}
                    {ctx.locale === 'en' && h.titleEn?.trim() ? (
                      <a href={`/idebank/loesninger/${h.id}`} safe>
                        {h.titleEn}
                      </a>
                    ) : (
                      <>
                        <a href={`/idebank/loesninger/${h.id}`} lang={ctx.locale === 'en' ? 'da' : undefined}>
                          <Highlighted text={h.title} query={query.text} also={result.resembling} />
                        </a>
                        {ctx.locale === 'en' ? (
                          <>
                            {' '}
                            <small class="localized-note" safe>
                              {ctx.t.ui.inDanish}
                            </small>
                          </>
                        ) : (
                          ''
                        )}
                      </>
                    )}
                  </h3>
                  <p class="ideabank-meta">
                    <span class={`badge ideabank-status-${h.status}`} safe>
                      {it.status[h.status]}
                    </span>{' '}
                    <span safe>{[h.unitName, h.organisationName].filter(Boolean).join(' · ')}</span>
                    {h.adoptionCount > 0 ? <span safe>{` · ${it.adoptedBy(h.adoptionCount)}`}</span> : ''}
                  </p>
                  <HitSnippet ctx={ctx} hit={h} query={query.text} />
                </li>
              ))}
            </ol>
            <SearchPagination ctx={ctx} it={it} query={query} pages={pages} />
            <p>
              <a href={`/idebank/soeg.csv${searchQueryString(query, { page: 1 })}`} safe>
                {it.downloadCsv}
              </a>
            </p>
          </div>
        </div>
      ) : (
        ''
      )}
      <h2 class="h4" safe>
        {it.feedsHeading}
      </h2>
      <ul>
        <li>
          <a href="/feeds/loesninger.atom" type="application/atom+xml" safe>
            {it.feedSolutions}
          </a>
        </li>
        <li>
          <a href="/feeds/vindere.atom" type="application/atom+xml" safe>
            {it.feedWinners}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/** The chosen filters travel with a new search text (as hidden fields); the page starts over. */
function HiddenFilters({ query }: { query: SearchQuery }) {
  const fields: [string, string | null][] = [
    ['organisation', query.organisation],
    ['enhed', query.unit],
    ['status', query.status ? STATUS_PARAM[query.status] : null],
    ['emne', query.tag],
    ['pris', query.prize],
    ['aar', query.year === null ? null : String(query.year)],
  ];
  return (
    <>
      {fields
        .filter(([, v]) => v !== null)
        .map(([name, v]) => (
          <input type="hidden" name={name} value={attr(v!)} />
        ))}
    </>
  );
}

type FacetKey = keyof Facets;
const facetField: Record<FacetKey, keyof SearchQuery> = {
  organisation: 'organisation',
  unit: 'unit',
  status: 'status',
  tag: 'tag',
  prize: 'prize',
  year: 'year',
};

/** Facets as lists of links with counts: a link adds (or, when chosen, removes) the filter. */
function FacetPanel({ it, query, facets }: { it: IdeaBankTexts; query: SearchQuery; facets: Facets }) {
  const chosenCount = [query.organisation, query.unit, query.status, query.tag, query.prize, query.year].filter((v) => v !== null).length;
  const anyChosen = chosenCount > 0;
  // Behind "Filtrér" (a native <details>, so it works without JavaScript), so that on a phone the
  // first hit is in the first screen; open when a filter is chosen, and on wide screens (ideabank.js).
  return (
    <Details summary={it.filterSummary(chosenCount)} id="ideabank-filters" class="ideabank-filter-details" open={anyChosen} data={{ 'data-open-wide': 'true' }}>
      <nav aria-labelledby="facets-heading" class="ideabank-facets">
        <h2 class="h3" id="facets-heading" safe>
          {it.filtersHeading}
        </h2>
        {anyChosen ? (
          <p>
            <a
              href={`/idebank${searchQueryString({ ...query, organisation: null, unit: null, status: null, tag: null, prize: null, year: null, page: 1 })}`}
              safe
            >
              {it.clearFilters}
            </a>
          </p>
        ) : (
          ''
        )}
        {(Object.keys(facetField) as FacetKey[]).map((key) => {
          const values = facets[key];
          if (values.length === 0) return '';
          const field = facetField[key];
          const chosen = query[field];
          const chosenValue = chosen === null ? null : String(chosen);
          return (
            <div class="ideabank-facet">
              <h3 class="h5" safe>
                {it.facet[key]}
              </h3>
              <ul class="nobullet-list">
                {values.map((v) => {
                  const isChosen = chosenValue === v.value;
                  const value = key === 'year' ? Number(v.value) : key === 'status' ? (v.value as SolutionStatus) : v.value;
                  const href = `/idebank${searchQueryString(query, { [field]: isChosen ? null : value, page: 1 })}`;
                  const label = key === 'status' ? it.status[v.value as SolutionStatus] : v.label;
                  return (
                    <li>
                      <a href={href} aria-current={isChosen ? 'true' : undefined} class={isChosen ? 'facet-chosen' : undefined}>
                        <span safe>{label}</span> <span class="facet-count" safe>{`(${v.count})`}</span>
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </nav>
    </Details>
  );
}

function SearchPagination({ ctx, it, query, pages }: { ctx: PageContext; it: IdeaBankTexts; query: SearchQuery; pages: number }) {
  if (pages <= 1 || query.page > pages) return '';
  return <Pagination ctx={ctx} current={query.page} total={pages} label={it.pagination} href={(p) => `/idebank${searchQueryString(query, { page: p })}`} />;
}

/**
 * A hit's text under its title. The search is Danish, so the snippet (the matched words in their
 * context) is Danish; an English page shows the solution's English summary instead when there is
 * one, else the Danish snippet marked lang="da" (WCAG 3.1.2), with the "(in Danish)" note when the
 * title above it is in English (a Danish title carries the note already).
 */
function HitSnippet({ ctx, hit: h, query }: { ctx: PageContext; hit: SolutionHit; query: string }) {
  if (ctx.locale !== 'en') {
    return (
      <p class="ideabank-snippet">
        <Highlighted text={h.snippet} query={query} />
      </p>
    );
  }
  const summary = pickText('en', h.summary, h.summaryEn);
  if (!summary.fallback) {
    return (
      <p class="ideabank-snippet">
        <Highlighted text={summary.text} query={query} />
      </p>
    );
  }
  if (!h.titleEn?.trim()) {
    return (
      <p class="ideabank-snippet" lang="da">
        <Highlighted text={h.snippet} query={query} />
      </p>
    );
  }
  return (
    <p class="ideabank-snippet">
      <span lang="da">
        <Highlighted text={h.snippet} query={query} />
      </span>{' '}
      <small class="localized-note" safe>
        {ctx.t.ui.inDanish}
      </small>
    </p>
  );
}
