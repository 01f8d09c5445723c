import { nominationAdminTexts } from '../admin-i18n.js';
// Links to the committee's pages in nominations' own words (nominations sits below judging).
import { judgingLinkTexts as judgingTexts } from '../admin-i18n.js';
import type { PageContext } from '../../platform/layout.js';
import { formatInstant } from '../../platform/time.js';
import { SORT_KEYS, type SortKey } from '../admin.repo.js';
import type { NominationList } from '../admin.service.js';
import { DEFAULT_LIST_QUERY, DIRECTION_PARAM, SCREENING_PARAM, SEARCH_MAX, SORT_PARAM, STATUS_PARAM, sortLink } from '../list-query.js';
import { AdminLayout, attr } from '../../platform/ui/admin-parts.js';

type Props = { ctx: PageContext; csrf: string; list: NominationList };

/** The sent and withdrawn nominations of an edition: filter (GET form), export links, sortable table. */
export function NominationListPage({ ctx, csrf, list }: Props): JSX.Element {
  const { t } = ctx;
  const a = nominationAdminTexts(ctx.locale);
  const { edition, award, rows, total, query } = list;
  const editionName = t.award.edition(award.name, edition.year);
  const title = a.listTitle(editionName);
  const base = `/admin/udgaver/${edition.id}/indstillinger`;
  const filtered = Boolean(query.text || query.status || query.screening);
  const columns: Record<SortKey, string> = a.column;

  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={[{ label: editionName }]}>
      <h1 safe>{title}</h1>
      <p class="no-print">
        <a href={`/admin/udgaver/${edition.id}/bedoemmelse`} id="judging-overview-link" safe>
          {judgingTexts(ctx.locale).adminOverviewLinkOf(editionName)}
        </a>
      </p>

      <section aria-labelledby="export-heading" class="no-print">
        <h2 id="export-heading" class="h4" safe>
          {a.exportHeading}
        </h2>
        <p safe>{a.exportHint}</p>
        <ul class="nobullet-list admin-export-links">
          <li>
            <a href={`${base}.xlsx`} class="function-link" safe>
              {a.exportXlsx}
            </a>
          </li>
          <li>
            <a href={`${base}.csv`} class="function-link" safe>
              {a.exportCsv}
            </a>
          </li>
        </ul>
      </section>

      <form method="get" action={base} class="admin-filter no-print" role="search" aria-labelledby="filter-heading">
        <h2 id="filter-heading" class="h4" safe>
          {a.filterHeading}
        </h2>
        {query.sort !== DEFAULT_LIST_QUERY.sort || query.direction !== DEFAULT_LIST_QUERY.direction ? (
          <>
            <input type="hidden" name="sorter" value={SORT_PARAM[query.sort]} />
            <input type="hidden" name="retning" value={DIRECTION_PARAM[query.direction]} />
          </>
        ) : (
          ''
        )}
        <div class="form-group">
          <label class="form-label" for="q" safe>
            {a.searchLabel}
          </label>
          <input class="form-input input-width-xl" type="search" id="q" name="q" value={attr(query.text)} maxlength={String(SEARCH_MAX)} />
        </div>
        <div class="form-group">
          <label class="form-label" for="status" safe>
            {a.statusLabel}
          </label>
          <select class="form-select" id="status" name="status">
            <option value="" selected={query.status === null} safe>
              {a.all}
            </option>
            {(['sent', 'withdrawn'] as const).map((s) => (
              <option value={STATUS_PARAM[s]} selected={query.status === s} safe>
                {a.status[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="screening" safe>
            {a.screeningLabel}
          </label>
          <select class="form-select" id="screening" name="screening">
            <option value="" selected={query.screening === null} safe>
              {a.all}
            </option>
            {(['pending', 'eligible', 'not-eligible'] as const).map((s) => (
              <option value={SCREENING_PARAM[s]} selected={query.screening === s} safe>
                {a.screening[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="admin-filter-buttons">
          <button type="submit" class="button button-primary" safe>
            {a.filter}
          </button>
          {filtered ? (
            <a href={base} class="button button-secondary" safe>
              {a.resetFilter}
            </a>
          ) : (
            ''
          )}
        </div>
      </form>

      <h2 class="h4" id="result-heading" safe>
        {a.resultCount(rows.length, total)}
      </h2>
      {rows.length === 0 ? (
        <p safe>{total === 0 ? a.none : a.noneMatch}</p>
      ) : (
        <div class="table--responsive-scroll" tabindex="0" role="region" aria-labelledby="result-heading">
          <table class="table table--compact admin-nomination-table">
            <caption class="sr-only" safe>
              {a.tableLabel}
            </caption>
            <thead>
              <tr>
                {SORT_KEYS.map((key) => {
                  const sorted = query.sort === key ? query.direction : null;
                  return (
                    <th scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      <a href={attr(`${base}${sortLink(query, key)}`)} class="admin-sort-link">
                        <span safe>{columns[key]}</span>
                        <span class="sr-only" safe>
                          {sorted === 'asc'
                            ? `, ${a.sortedAscending}. ${a.sortDescending}`
                            : sorted === 'desc'
                              ? `, ${a.sortedDescending}. ${a.sortAscending}`
                              : `. ${key === 'sent' ? a.sortDescending : a.sortAscending}`}
                        </span>
                        <svg class="icon-svg" aria-hidden="true" focusable="false">
                          <use
                            href={`/dkfds/img/all-svg-icons.svg#${sorted === 'asc' ? 'sort-table-ascending' : sorted === 'desc' ? 'sort-table-descending' : 'sort-table-none'}`}
                          ></use>
                        </svg>
                      </a>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr>
                  <td safe>{n.receiptNumber ?? ''}</td>
                  <td>
                    <a href={`/admin/indstillinger/${n.id}`} safe>
                      {n.title || a.untitled}
                    </a>
                  </td>
                  <td safe>{n.nomineeNames}</td>
                  <td safe>{n.nominatorName}</td>
                  <td>
                    {n.sentAt ? (
                      <time datetime={n.sentAt.toISOString()} safe>
                        {formatInstant(n.sentAt, ctx.locale)}
                      </time>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{a.status[n.status]}</td>
                  <td safe>{a.screening[n.screening]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
