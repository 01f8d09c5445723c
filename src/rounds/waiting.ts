import { nextPhaseChange, type Phase, type Timeline } from '../awards/index.js';
import type { JudgingWaiting } from '../judging/index.js';
import type { NominationsWaiting } from '../nominations/index.js';
import type { PanelWaiting } from '../panel/index.js';
import { formatTimeLeft } from '../platform/ui/index.js';

/**
 * What a round's dashboard and the administration's front page say about a round: its stage,
 * its next deadline and what waits now. Pure rules on the counts the modules below hand over
 * (nominations, judging, panel each count their own rows); a table of cases in waiting.test.ts.
 */

/** The stages the front page groups rounds by. */
export const STAGES = ['draft', 'open', 'in-review', 'voting', 'finished'] as const;
export type Stage = (typeof STAGES)[number];

/** A round's stage: a draft until published, else by its phase. */
export function stageOf(phase: Phase, publishedAt: Date | null): Stage {
  if (publishedAt === null) return 'draft';
  switch (phase) {
    case 'upcoming':
    case 'open':
      return 'open';
    case 'closed':
    case 'in-review':
      return 'in-review';
    case 'nominees-published':
    case 'panel-voting':
      return 'voting';
    case 'winner-announced':
    case 'archived':
      return 'finished';
  }
}

export type RoundCounts = { nominations: NominationsWaiting; judging: JudgingWaiting; panel: PanelWaiting };

export const WAITING_KEYS = [
  'publish',
  'screen',
  'reach-nominee',
  'consent',
  'scoring',
  'conflicts',
  'shortlist',
  'summaries-missing',
  'summaries-hard',
  'votes',
] as const;
export type WaitingKey = (typeof WAITING_KEYS)[number];

/** One thing that waits, with how many of it and, where it has one, the total it is out of ("3 of 9 members"). */
export type WaitingItem = { key: WaitingKey; count: number; of?: number };

const during = (phase: Phase, ...phases: Phase[]) => phases.includes(phase);

/**
 * What waits now, in the order the work comes: each item only in the phases where someone can
 * still act on it, and only when its count is above zero.
 * - publish: a draft (nobody outside the organisation sees it).
 * - screen: sent nominations not screened, from the opening until the nominees are published.
 * - reach-nominee: citizens' nominations without the nominee's contact, until the winner is announced.
 * - consent: nominees (not screened out) who have not answered, until the winner is announced.
 * - scoring, conflicts: while the committee reviews (from closing until the nominees are published).
 * - shortlist: not recorded while the committee reviews, or later (then it is late).
 * - summaries: for a round with a patient panel, once there are nominees and until voting ends.
 * - votes: panel members who have not voted, while the panel votes.
 */
export function waitingNow(round: { phase: Phase; draft: boolean; hasPatientPanel: boolean }, counts: RoundCounts): WaitingItem[] {
  const { phase } = round;
  const { nominations: n, judging: j, panel: p } = counts;
  const items: WaitingItem[] = [];
  const add = (key: WaitingKey, count: number, when: boolean, of?: number) => {
    if (when && count > 0) items.push(of === undefined ? { key, count } : { key, count, of });
  };
  add('publish', 1, round.draft);
  add('screen', n.toScreen, during(phase, 'open', 'closed', 'in-review'));
  add('reach-nominee', n.nomineeUnreachable, during(phase, 'open', 'closed', 'in-review', 'nominees-published', 'panel-voting'));
  add('consent', n.consentPending, during(phase, 'open', 'closed', 'in-review', 'nominees-published', 'panel-voting'));
  const reviewing = during(phase, 'closed', 'in-review');
  add('scoring', j.unfinished, reviewing && j.eligible > 0, j.committee);
  add('conflicts', j.conflictsPending, reviewing);
  add('shortlist', 1, !j.shortlistRecorded && j.eligible > 0 && during(phase, 'in-review', 'nominees-published', 'panel-voting'));
  const summaries = round.hasPatientPanel && p.nominees > 0 && during(phase, 'in-review', 'nominees-published', 'panel-voting');
  add('summaries-missing', p.summariesMissing, summaries, p.nominees);
  add('summaries-hard', p.summariesHard, summaries, p.nominees);
  add('votes', p.notVoted, round.hasPatientPanel && phase === 'panel-voting', p.panel);
  return items;
}

export const INSTANT_KEYS = [
  'opensAt',
  'closesAt',
  'reviewStartsAt',
  'reviewClosesAt',
  'nomineesPublishedAt',
  'votingOpensAt',
  'votingClosesAt',
  'winnerAnnouncedAt',
  'archivedAt',
] as const;
export type InstantKey = (typeof INSTANT_KEYS)[number];

/**
 * The round's next deadline after `now`: the next change of phase (awards/phase.ts), or the
 * committee's review deadline when that comes first; the archive instant is the default one
 * year after the winner when none is set. Null when nothing more happens (or no timeline).
 */
export function nextInstant(timeline: Timeline | null, reviewClosesAt: Date | null, now: Date): { key: InstantKey; at: Date } | null {
  if (timeline === null) return null;
  const change = nextPhaseChange(timeline, now);
  const review = reviewClosesAt && reviewClosesAt.getTime() > now.getTime() ? reviewClosesAt : null;
  if (review && (!change || review.getTime() < change.getTime())) return { key: 'reviewClosesAt', at: review };
  if (!change) return null;
  const named: [InstantKey, Date | null][] = [
    ['opensAt', timeline.opensAt],
    ['closesAt', timeline.closesAt],
    ['reviewStartsAt', timeline.reviewStartsAt],
    ['nomineesPublishedAt', timeline.nomineesPublishedAt],
    ['votingOpensAt', timeline.votingOpensAt],
    ['votingClosesAt', timeline.votingClosesAt],
    ['winnerAnnouncedAt', timeline.winnerAnnouncedAt],
  ];
  const key = named.find(([, at]) => at?.getTime() === change.getTime())?.[0] ?? 'archivedAt';
  return { key, at: change };
}

type DurationTexts = {
  day: string;
  days: string;
  hour: string;
  hours: string;
  minute: string;
  minutes: string;
  second: string;
  seconds: string;
  and: (a: string, b: string) => string;
};

/**
 * A time left in words, as a person would say it: days and hours ("3 dage og 4 timer"; from
 * a week on only days), hours and minutes, and below an hour the kit's minutes (rounded up)
 * or seconds.
 */
export function durationText(t: DurationTexts, seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const unit = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('{n}', String(n)));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days >= 7 || (days >= 1 && hours === 0)) return unit(days, t.day, t.days);
  if (days >= 1) return t.and(unit(days, t.day, t.days), unit(hours, t.hour, t.hours));
  if (hours >= 1) return minutes === 0 ? unit(hours, t.hour, t.hours) : t.and(unit(hours, t.hour, t.hours), unit(minutes, t.minute, t.minutes));
  return formatTimeLeft(t, s);
}
