import { awardsUrls } from '../../awards/urls.js';
import { judgingUrls } from '../../judging/urls.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { panelUrls } from '../../panel/urls.js';
import { LIX_AIM } from '../../panel/index.js';
import type { PageContext } from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { roundsTexts } from '../i18n.js';
import type { RoundSummary } from '../rounds.service.js';
import { durationText, type WaitingItem, type WaitingKey } from '../waiting.js';

/** Where each waiting item's work is done (another module's page). */
export function waitingHref(roundId: number, key: WaitingKey): string {
  switch (key) {
    case 'publish':
      return `${awardsUrls.editionSetup({ id: roundId })}#publishing-heading`;
    case 'screen':
      return nominationsUrls.editionNominations({ id: roundId }, { screening: 'afventer' });
    case 'reach-nominee':
      return nominationsUrls.editionNominations({ id: roundId }, { kontakt: 'mangler' });
    case 'consent':
      return nominationsUrls.editionNominations({ id: roundId });
    case 'scoring':
    case 'conflicts':
    case 'shortlist':
      return judgingUrls.adminOverview({ editionId: roundId });
    case 'summaries-missing':
    case 'summaries-hard':
    case 'votes':
      return panelUrls.adminPanel({ id: roundId });
  }
}

/** One waiting item in words ("12 indstillinger venter på screening"). */
export function waitingText(ctx: PageContext, item: WaitingItem): string {
  const w = roundsTexts(ctx.locale).waiting;
  switch (item.key) {
    case 'scoring':
    case 'votes':
      return w[item.key](item.count, item.of ?? item.count);
    case 'summaries-hard':
      return w[item.key](item.count, LIX_AIM);
    default:
      return w[item.key](item.count);
  }
}

/** The round's next deadline in words, with the time left; or that there is none. */
export function nextText(ctx: PageContext, round: Pick<RoundSummary, 'next' | 'phase'>, now: Date): string {
  const r = roundsTexts(ctx.locale);
  if (round.phase === null) return r.historic;
  if (!round.next) return r.noNext;
  const left = durationText(r.duration, (round.next.at.getTime() - now.getTime()) / 1000);
  return r.nextInstant(r.instant[round.next.key], formatInstant(round.next.at, ctx.locale), left);
}

/** The items that wait, each a link to where the work is done; `compact` for a table cell. */
export function WaitingList({ ctx, round, compact }: { ctx: PageContext; round: RoundSummary; compact?: boolean }) {
  const r = roundsTexts(ctx.locale);
  if (round.waiting.length === 0) return <p safe>{compact ? r.nothingWaits : r.nothingWaitsNow}</p>;
  return (
    <ul class={compact ? 'unstyled-list' : undefined}>
      {round.waiting.map((item) => (
        <li>
          <a href={waitingHref(round.id, item.key)} safe>
            {waitingText(ctx, item)}
          </a>
        </li>
      ))}
    </ul>
  );
}
