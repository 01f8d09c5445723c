import type Html from '@kitajs/html';
import type { PageContext } from './context.js';
import { Icon } from './icon.js';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

export type AlertProps = {
  ctx: PageContext;
  variant: AlertVariant;
  /** The alert's heading. An alert with only a heading shows the heading alone. */
  heading?: string;
  /**
   * DKFDS documents h2–h4 and `strong`; h2 unless the page's outline needs another. `h1` for a
   * page whose main message is the alert (a receipt), styled by `headingClass`.
   */
  headingLevel?: 'h1' | 'h2' | 'h3' | 'h4' | 'strong';
  headingClass?: string;
  /** A one-paragraph text (`p.alert-text`). */
  text?: string;
  /** Richer content (paragraphs, lists, links) in `div.alert-text`, after `text`. */
  children?: Html.Children;
  /**
   * How the alert is announced (its ARIA role). DKFDS gives warnings and errors `role="alert"`;
   * `status` announces a success politely instead; `none` for a standing notice that is part of
   * the page rather than news.
   */
  live?: 'alert' | 'status' | 'none';
  id?: string;
  class?: string;
};

/**
 * A DKFDS alert (dkfds/src/components/alerts/alerts.njk): the variant's icon with its name in
 * the page's language, then the heading and the text, each shown only when given.
 */
export function Alert(p: AlertProps) {
  const Heading = p.headingLevel ?? 'h2';
  const live = p.live ?? (p.variant === 'warning' || p.variant === 'error' ? 'alert' : 'none');
  const role = live === 'none' ? undefined : live;
  const hasChildren = p.children !== undefined && p.children !== null && p.children !== '' && p.children !== false;
  return (
    <div class={`alert alert-${p.variant}${p.class ? ` ${p.class}` : ''}`} role={role} id={p.id}>
      <Icon name={p.variant} class="alert-icon" label={p.ctx.t.ui.alertIcon[p.variant]} />
      <div class="alert-body">
        {p.heading ? (
          <Heading class={p.headingClass ? `alert-heading ${p.headingClass}` : 'alert-heading'} safe>
            {p.heading}
          </Heading>
        ) : (
          ''
        )}
        {p.text ? (
          <p class="alert-text" safe>
            {p.text}
          </p>
        ) : (
          ''
        )}
        {hasChildren ? <div class="alert-text">{p.children}</div> : ''}
      </div>
    </div>
  );
}
