import type Html from '@kitajs/html';

/**
 * DKFDS details (`details.njk`): a native <details> with a summary, so it opens and closes
 * without JavaScript. For extra content that would otherwise widen a table or a page.
 */
export function Details(p: { summary: string; id?: string; class?: string; open?: boolean; data?: Record<string, string>; children?: Html.Children }) {
  return (
    <details class={p.class ? `details ${p.class}` : 'details'} id={p.id} open={p.open} {...(p.data ?? {})}>
      <summary class="details-summary" safe>
        {p.summary}
      </summary>
      <div class="details-text">{p.children}</div>
    </details>
  );
}
