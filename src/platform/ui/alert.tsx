import type Html from '@kitajs/html';
import type { PageContext } from './context.js';
import { Icon } from './icon.js';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

export type AlertProps = {
  ctx: PageContext;
  variant: AlertVariant;
  /** The alert's heading. An alert with only a heading shows the heading alone. */
  heading?: string;
  /** DKFDS documents h2–h4 and `strong`; h2 unless the page's outline needs another. */
  headingLevel?: 'h2' | 'h3' | 'h4' | 'strong';
  /** A one-paragraph text (`p.alert-text`). */
  text?: string;
  /** Richer content (paragraphs, lists, links) in `div.alert-text`, after `text`. */
  children?: Html.Children;
  /** DKFDS gives warnings and errors `role="alert"`; `status` announces a success politely instead. */
  role?: 'alert' | 'status';
  id?: string;
  class?: string;
};

/**
 * A DKFDS alert (dkfds/src/components/alerts/alerts.njk): the variant's icon with its name in
 * the page's language, then the heading and the text, each shown only when given.
 */
export function Alert(p: AlertProps) {
  const Heading = p.headingLevel ?? 'h2';
  const role = p.role ?? (p.variant === 'warning' || p.variant === 'error' ? 'alert' : undefined);
  const hasChildren = p.children !== undefined && p.children !== null && p.children !== '' && p.children !== false;
  return (
    <div class={`alert alert-${p.variant}${p.class ? ` ${p.class}` : ''}`} role={role} id={p.id}>
      <Icon name={p.variant} class="alert-icon" label={p.ctx.t.ui.alertIcon[p.variant]} />
      <div class="alert-body">
        {p.heading ? (
          <Heading class="alert-heading" safe>
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
