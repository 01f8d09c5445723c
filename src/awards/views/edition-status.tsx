import { Alert, type PageContext } from '../../platform/ui/index.js';
import type { EditionSummary } from '../awards.service.js';
import { publicStatus } from '../public-status.js';

/**
 * The DKFDS alert for an edition's status on its award page (public-status.ts): its wording as
 * heading, what it means as text, and, once the winner is public, the winner itself in a
 * success alert (publication's part of the page, passed in as `winner`).
 */
export function EditionStatus({
  ctx,
  awardName,
  edition,
  winner,
  headingLevel = 'h3',
}: {
  ctx: PageContext;
  awardName: string;
  edition: EditionSummary;
  /** The public winner, rendered by publication; null while there is none. */
  winner: JSX.Element | null;
  /** h2 where the status opens the page (the award page's call), h3 inside a section. */
  headingLevel?: 'h2' | 'h3';
}) {
  const s = publicStatus(ctx.t, ctx.locale, edition.phase, {
    awardName,
    year: edition.year,
    timeline: edition.timeline,
    winnerPublic: winner !== null,
  });
  return (
    <Alert
      ctx={ctx}
      variant={winner !== null ? 'success' : s.variant}
      heading={s.heading}
      headingLevel={headingLevel}
      text={s.text ?? undefined}
      live="none"
      class="edition-status"
      id="edition-status"
    >
      {winner !== null ? winner : ''}
    </Alert>
  );
}
