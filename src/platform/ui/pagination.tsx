import { attr } from '../html-attr.js';
import type { PageContext } from './context.js';
import { Icon } from './icon.js';

/** The page numbers to show, with null for a gap ("…"), as DKFDS's pagination.njk picks them. */
export function pageItems(current: number, total: number): (number | null)[] {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1);
  if (current < 5) return [1, 2, 3, 4, 5, null, total];
  if (current + 4 > total) return [1, null, total - 4, total - 3, total - 2, total - 1, total];
  return [1, null, current - 1, current, current + 1, null, total];
}

/**
 * DKFDS pagination with links (dkfds/src/components/pagination/pagination.njk): first, previous,
 * the numbers (gaps as "…"), next, last; "Side 2 af 9" on phones. `href(n)` is page n's address.
 */
export function Pagination({
  ctx,
  current,
  total,
  href: rawHref,
  label,
}: {
  ctx: PageContext;
  current: number;
  total: number;
  href: (page: number) => string;
  label?: string;
}) {
  if (total <= 1) return '';
  const href = (n: number) => attr(rawHref(n));
  const p = ctx.t.ui.pagination;
  const atFirst = current <= 1;
  const atLast = current >= total;
  return (
    <nav class="pagination" aria-label={label ?? p.label}>
      <a href={href(1)} class={`button button-arrow button-first${atFirst ? ' hidden' : ''}`}>
        <Icon name="first-page" />
        <span class="sr-only" safe>
          {p.first}
        </span>
      </a>
      <a href={href(Math.max(1, current - 1))} class={`button button-arrow button-previous${atFirst ? ' hidden' : ''}`} aria-label={p.previousPage}>
        <Icon name="chevron-left" />
        <span class="pagination-nav-link" safe>
          {p.previous}
        </span>
      </a>
      <span class="pagination-mobile" safe>
        {p.pageOf(current, total)}
      </span>
      <ul class="pagination__items">
        {pageItems(current, total).map((n) =>
          n === null ? (
            <li class="pagination-item pagination-overflow">
              <span class="sr-only" safe>
                {p.hidden}
              </span>
              <span aria-hidden="true">…</span>
            </li>
          ) : (
            <li class="pagination-item pagination-number">
              <a
                href={href(n)}
                class={n === current ? 'button current-page' : 'button button-secondary'}
                aria-label={n === total && total > 7 ? p.lastPage(n) : p.page(n)}
                aria-current={n === current ? 'page' : undefined}
                safe
              >
                {String(n)}
              </a>
            </li>
          ),
        )}
      </ul>
      <a href={href(Math.min(total, current + 1))} class={`button button-arrow button-next${atLast ? ' hidden' : ''}`} aria-label={p.nextPage}>
        <span class="pagination-nav-link" safe>
          {p.next}
        </span>
        <Icon name="chevron-right" />
      </a>
      <a href={href(total)} class={`button button-arrow button-last${atLast ? ' hidden' : ''}`}>
        <Icon name="last-page" />
        <span class="sr-only" safe>
          {p.last}
        </span>
      </a>
    </nav>
  );
}
