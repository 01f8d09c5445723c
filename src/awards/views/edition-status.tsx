import { Alert, type PageContext } from '../../platform/ui/index.js';
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

/**
 * The DKFDS alert for an edition's status on its award page: the phase as heading and what it
 * means as text — or the heading alone when the text would only repeat it ("Afsluttet").
 */
export function EditionStatus({ ctx, awardName, edition }: { ctx: PageContext; awardName: string; edition: EditionSummary }) {
  const variant = edition.phase === 'open' ? 'success' : edition.phase === 'upcoming' ? 'info' : 'warning';
  const heading = ctx.t.phase[edition.phase];
  const line = statusLine(ctx, awardName, edition);
  return <Alert ctx={ctx} variant={variant} heading={heading} text={line === heading ? undefined : line} live="none" class="edition-status" />;
}
