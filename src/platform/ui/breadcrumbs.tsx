import { attr } from '../html-attr.js';
import { Icon } from './icon.js';
import type { PageContext } from './context.js';

/** One step of the breadcrumb trail; the last (the current page) has no `href`. */
export type Crumb = { label: string; href?: string };

/**
 * DKFDS breadcrumbs (dkfds/src/components/breadcrumbs/breadcrumbs.njk):
 * `nav.breadcrumbs > ol.breadcrumbs__list`, a chevron before every item but the first, the
 * current page as text with `aria-current="page"`.
 */
export function Breadcrumbs({ ctx, crumbs }: { ctx: PageContext; crumbs: Crumb[] }) {
  if (crumbs.length === 0) return '';
  return (
    <nav class="breadcrumbs" aria-label={ctx.t.breadcrumbLabel}>
      <ol class="breadcrumbs__list">
        {crumbs.map((c, i) =>
          c.href ? (
            <li class="breadcrumbs__list-item">
              {i > 0 ? <Icon name="chevron-right" /> : ''}
              <a class="breadcrumbs__link" href={attr(c.href)} safe>
                {c.label}
              </a>
            </li>
          ) : (
            <li class="breadcrumbs__list-item" aria-current="page">
              {i > 0 ? <Icon name="chevron-right" /> : ''}
              <span safe>{c.label}</span>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
