import type Html from '@kitajs/html';
import { Icon } from './icon.js';

/**
 * A DKFDS tag (dkfds/src/components/tags/tags.njk): a button, e.g. an active search filter that
 * is removed when pressed (`removable` adds the close icon). Needs a surrounding form.
 */
export function Tag(p: { name?: string; value?: string; removable?: boolean; class?: string; children?: Html.Children }) {
  return (
    <button type="submit" class={`tag${p.removable ? ' tag-icon' : ''}${p.class ? ` ${p.class}` : ''}`} name={p.name} value={p.value}>
      {p.children}
      {p.removable ? <Icon name="close" /> : ''}
    </button>
  );
}

export type BadgeStatus = 'info' | 'success' | 'warning' | 'error';

/** A DKFDS badge (dkfds/src/components/badge/badge.njk): a short status label that is not a control. */
export function Badge({ status, class: extra, children }: { status?: BadgeStatus; class?: string; children?: Html.Children }) {
  return <span class={`badge${status ? ` badge-${status}` : ''}${extra ? ` ${extra}` : ''}`}>{children}</span>;
}
