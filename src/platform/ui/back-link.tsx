import { attr } from '../html-attr.js';
import type { PageContext } from './context.js';
import { Icon } from './icon.js';

/** DKFDS back link (dkfds/src/components/back-link/back-link.njk), with its chevron. */
export function BackLink({ ctx, href, text }: { ctx: PageContext; href: string; text?: string }) {
  return (
    <div>
      <a href={attr(href)} class="back-link">
        <Icon name="chevron-left" />
        <span safe>{text ?? ctx.t.ui.back}</span>
      </a>
    </div>
  );
}
