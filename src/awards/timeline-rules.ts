import { yearInCopenhagen } from '../platform/time.js';

// The rules of a round's dates, pure: the order of the timeline and whether the year fits it.
// Used by every save (setup.service.ts) and by publishing (publishing.ts).

/** The dates of an edition's timeline, in the order they must come. */
export const TIMELINE_KEYS = ['opensAt', 'closesAt', 'reviewStartsAt', 'nomineesPublishedAt', 'votingOpensAt', 'votingClosesAt', 'winnerAnnouncedAt'] as const;
export type TimelineKey = (typeof TIMELINE_KEYS)[number];
export type TimelineInput = Record<TimelineKey, Date | null>;

/** Dates every edition with a timeline has (the database's `editions_timeline_complete`). */
export const REQUIRED_TIMELINE_KEYS: readonly TimelineKey[] = ['opensAt', 'closesAt', 'nomineesPublishedAt', 'winnerAnnouncedAt'];

/** Dates shown on the public pages: moving one of them is told to everyone it concerns. */
export const PUBLISHED_TIMELINE_KEYS: readonly TimelineKey[] = ['opensAt', 'closesAt', 'nomineesPublishedAt', 'winnerAnnouncedAt'];

export type TimelineProblem =
  | { field: TimelineKey; code: 'missing' }
  /** `field` must come after `earlier` (strictly, or at the same instant or later). */
  | { field: TimelineKey; code: 'out-of-order'; earlier: TimelineKey; earlierAt: Date; strict: boolean };

/**
 * What is wrong with a timeline, at most one problem per date, reported on the later date of
 * each pair: opens < closes ≤ review starts ≤ nominees published ≤ voting opens < voting
 * closes ≤ winner announced (absent optional dates are skipped). A timeline without any date
 * is fine: a historic edition kept for its year and theme alone.
 */
export function timelineProblems(t: TimelineInput): TimelineProblem[] {
  if (TIMELINE_KEYS.every((k) => t[k] === null)) return [];
  const problems: TimelineProblem[] = [];
  const has = (k: TimelineKey) => problems.some((p) => p.field === k);
  for (const k of REQUIRED_TIMELINE_KEYS) if (t[k] === null) problems.push({ field: k, code: 'missing' });
  if (t.votingClosesAt !== null && t.votingOpensAt === null) problems.push({ field: 'votingOpensAt', code: 'missing' });
  // Each date against the nearest earlier date that is present; strictly later where phase.ts
  // needs a window (open, panel voting), the same instant allowed elsewhere.
  let previous: TimelineKey | null = null;
  for (const k of TIMELINE_KEYS) {
    const at = t[k];
    if (at === null) continue;
    if (previous !== null) {
      const before = t[previous]!;
      const strict = (k === 'closesAt' && previous === 'opensAt') || (k === 'votingClosesAt' && previous === 'votingOpensAt');
      const bad = strict ? at.getTime() <= before.getTime() : at.getTime() < before.getTime();
      if (bad && !has(k)) problems.push({ field: k, code: 'out-of-order', earlier: previous, earlierAt: before, strict });
    }
    previous = k;
  }
  return problems;
}

/** The round's year is not the year its winner is announced (or, without that date, the year nominations close or the one after). */
export type YearProblem = { field: 'year'; code: 'year-mismatch'; date: TimelineKey; at: Date };

/**
 * Whether a round's year fits its dates. A round is named after the year its winner is
 * announced (Initiativprisen 2021 opened in November 2020 and was awarded in March 2021), so
 * that date must fall in the year. Without it, nominations close in the year or the year
 * before. A round with no dates (a historic round kept for its theme) fits any year.
 */
export function yearProblem(year: number | null, t: TimelineInput): YearProblem | null {
  if (year === null) return null;
  const yearOf = yearInCopenhagen;
  if (t.winnerAnnouncedAt !== null) {
    return yearOf(t.winnerAnnouncedAt) === year ? null : { field: 'year', code: 'year-mismatch', date: 'winnerAnnouncedAt', at: t.winnerAnnouncedAt };
  }
  if (t.closesAt !== null) {
    const y = yearOf(t.closesAt);
    return y === year || y === year - 1 ? null : { field: 'year', code: 'year-mismatch', date: 'closesAt', at: t.closesAt };
  }
  return null;
}
