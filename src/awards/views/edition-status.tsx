import type { PageContext } from '../../platform/layout.js';
import { formatInstant } from '../../platform/time.js';
import type { EditionSummary } from '../awards.service.js';

/** One line saying where an edition stands: open until…, opens…, or closed. */
export function statusLine(ctx: PageContext, awardName: string, e: EditionSummary): string {
  const { t, locale } = ctx;
  if (!e.timeline) return t.phase[e.phase];
  if (e.phase === 'upcoming') return t.status.upcoming(formatInstant(e.timeline.opensAt, locale));
  if (e.phase === 'open') return t.status.open(formatInstant(e.timeline.closesAt, locale));
  if (e.phase === 'closed' || e.phase === 'in-review') return t.status.closed(awardName, e.year);
  return t.phase[e.phase];
}

/** The DKFDS alert for an edition's status on its award page. */
export function EditionStatus({ ctx, awardName, edition }: { ctx: PageContext; awardName: string; edition: EditionSummary }) {
  const variant = edition.phase === 'open' ? 'success' : edition.phase === 'upcoming' ? 'info' : 'warning';
  return (
    <div class={`alert alert-${variant} edition-status`}>
      <div class="alert-body">
        <p class="alert-heading" safe>
          {ctx.t.phase[edition.phase]}
        </p>
        <p class="alert-text" safe>
          {statusLine(ctx, awardName, edition)}
        </p>
      </div>
    </div>
  );
}
