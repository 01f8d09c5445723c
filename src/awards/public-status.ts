import type { Messages } from '../platform/i18n/index.js';
import type { Locale } from '../platform/time.js';
import { formatInstant } from '../platform/time.js';
import type { Phase, Timeline } from './phase.js';

/**
 * What the public is told about a round: one status for each phase, with one wording (the
 * phase's name in the chrome's catalogue, `t.phase`), and one more for the time after the
 * winner instant while no single winner is public (a tie not yet broken, no decision): then
 * the page says so, and never "Vinderen er offentliggjort" beside it. Pure, so a table of
 * cases tests it (public-status.test.ts); the award page, the front page and the members'
 * page all show it.
 */
export type PublicState = Phase | 'winner-pending';

export type PublicStatus = {
  state: PublicState;
  /** The DKFDS alert variant: success for an open round and for an announced winner, info otherwise. */
  variant: 'info' | 'success';
  /** The status in words: the same wording wherever the status is shown. */
  heading: string;
  /** What it means for the reader, with the next date; null when the heading says it all. */
  text: string | null;
};

/** The facts besides the phase: the award and year, the timeline (null for a historic round) and whether a winner is public now. */
export type StatusFacts = { awardName: string; year: number; timeline: Timeline | null; winnerPublic: boolean };

const VARIANT: Record<PublicState, PublicStatus['variant']> = {
  upcoming: 'info',
  open: 'success',
  closed: 'info',
  'in-review': 'info',
  'nominees-published': 'info',
  'panel-voting': 'info',
  'winner-announced': 'success',
  'winner-pending': 'info',
  archived: 'info',
};

/** The state shown for a phase: 'winner-announced' only with a public winner. */
export function publicState(phase: Phase, winnerPublic: boolean): PublicState {
  return phase === 'winner-announced' && !winnerPublic ? 'winner-pending' : phase;
}

/** The status of a round at its phase, in the reader's language. */
export function publicStatus(t: Messages, locale: Locale, phase: Phase, facts: StatusFacts): PublicStatus {
  const state = publicState(phase, facts.winnerPublic);
  const tl = facts.timeline;
  const fmt = (d: Date) => formatInstant(d, locale);
  const heading = state === 'winner-pending' ? t.status.winnerPending : t.phase[state];
  let text: string | null = null;
  if (tl) {
    if (state === 'upcoming') text = t.status.upcoming(fmt(tl.opensAt));
    else if (state === 'open') text = t.status.open(fmt(tl.closesAt));
    else if (state === 'closed') text = t.status.closed(facts.awardName, facts.year);
    else if (state === 'in-review') text = t.status.nomineesOn(fmt(tl.nomineesPublishedAt));
    else if (state === 'nominees-published' || state === 'panel-voting') text = t.status.winnerOn(fmt(tl.winnerAnnouncedAt));
  }
  return { state, variant: VARIANT[state], heading, text };
}
