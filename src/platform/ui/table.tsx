import type Html from '@kitajs/html';
import { attr } from '../html-attr.js';
import { Icon } from './icon.js';

/**
 * A DKFDS table (dkfds/src/components/table/table.njk) in its scroll container, so a wide
 * table scrolls on a phone instead of widening the page. The caller writes `<caption>`,
 * `<thead>` and `<tbody>` as plain HTML children (`th scope="col"` / `scope="row"`).
 */
export function Table(p: {
  id?: string;
  zebra?: boolean;
  compact?: boolean;
  borderless?: boolean;
  /** DKFDS responsive headers: below this breakpoint each row is shown as a list. */
  responsiveHeaders?: 'sm' | 'md' | 'lg';
  /** Extra classes on the table. */
  class?: string;
  /** Extra classes on the scroll container. */
  outerClass?: string;
  /** The accessible name of the scroll container (a region that takes keyboard focus needs one), e.g. the caption's text… */
  label?: string;
  /** …or the id of the heading or caption that names it. */
  labelledBy?: string;
  /** The id of a text that explains the table. */
  describedBy?: string;
  children?: Html.Children;
}) {
  const classes = [
    'table',
    p.zebra ? 'table--zebra' : '',
    p.borderless ? 'table--borderless' : '',
    p.compact ? 'table--compact' : '',
    p.responsiveHeaders ? `table-${p.responsiveHeaders}-responsive-headers` : '',
    p.class ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      class={p.outerClass ? `table--responsive-scroll ${p.outerClass}` : 'table--responsive-scroll'}
      tabindex="0"
      role="region"
      aria-label={p.label}
      aria-labelledby={p.labelledBy}
    >
      <table class={classes} id={p.id} aria-describedby={p.describedBy}>
        {p.children}
      </table>
    </div>
  );
}

/**
 * A sortable column's header (after DKFDS's sortable table, table.njk), sorted on the server:
 * a link to the same list sorted by this column, its state for screen readers in `aria-sort`
 * and in `sortText` (e.g. ", sorteret stigende. Sortér faldende"), and DKFDS's sort icon.
 */
export function SortHeader(p: { label: string; href: string; sorted: 'asc' | 'desc' | null; sortText: string; linkClass?: string }) {
  return (
    <th scope="col" aria-sort={p.sorted === 'asc' ? 'ascending' : p.sorted === 'desc' ? 'descending' : undefined}>
      <a href={attr(p.href)} class={p.linkClass}>
        <span safe>{p.label}</span>
        <span class="sr-only" safe>
          {p.sortText}
        </span>
        <Icon name={p.sorted === 'asc' ? 'sort-table-ascending' : p.sorted === 'desc' ? 'sort-table-descending' : 'sort-table-none'} />
      </a>
    </th>
  );
}
