import type { Messages } from '../platform/i18n/index.js';

/**
 * The phase of an edition, derived from its timeline and the clock; never stored.
 * upcoming → open → closed (screening) → in review → nominees published → panel voting
 * → winner announced → archived.
 */
export const PHASES = ['upcoming', 'open', 'closed', 'in-review', 'nominees-published', 'panel-voting', 'winner-announced', 'archived'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The chrome's catalogue (platform/i18n) names every phase, and platform imports no module:
 * so the check that it names exactly these phases is made here. A phase added without its
 * text, or a text for a phase that does not exist, fails the typecheck.
 */
type PhaseTexts = Messages['phase'];
const _everyPhaseHasItsText: [Phase, keyof PhaseTexts] extends [keyof PhaseTexts, Phase] ? true : never = true;

export type Timeline = {
  /** Nominations are accepted from this instant (inclusive). */
  opensAt: Date;
  /** …until this instant (exclusive): a request handled at exactly closesAt is too late. */
  closesAt: Date;
  /** Screening ends and the committee starts; when absent the committee starts at closing. */
  reviewStartsAt: Date | null;
  nomineesPublishedAt: Date;
  /** The patient panel's vote, when the edition has one. */
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  winnerAnnouncedAt: Date;
  /** When the edition moves to the archive; when absent, one year after the winner is announced. */
  archivedAt: Date | null;
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Each boundary is inclusive at its start: at exactly `opensAt` the edition is open. */
export function phaseAt(timeline: Timeline | null, now: Date): Phase {
  // A historic edition kept only for its year and theme has no timeline: it is history.
  if (timeline === null) return 'archived';
  const t = now.getTime();
  if (t < timeline.opensAt.getTime()) return 'upcoming';
  if (t < timeline.closesAt.getTime()) return 'open';
  if (t < (timeline.reviewStartsAt ?? timeline.closesAt).getTime()) return 'closed';
  if (t < timeline.nomineesPublishedAt.getTime()) return 'in-review';
  if (t < timeline.winnerAnnouncedAt.getTime()) {
    const { votingOpensAt, votingClosesAt } = timeline;
    if (votingOpensAt && t >= votingOpensAt.getTime() && (!votingClosesAt || t < votingClosesAt.getTime())) {
      return 'panel-voting';
    }
    return 'nominees-published';
  }
  const archivedAt = timeline.archivedAt ?? new Date(timeline.winnerAnnouncedAt.getTime() + YEAR_MS);
  if (t < archivedAt.getTime()) return 'winner-announced';
  return 'archived';
}

/**
 * The next instant at which the phase changes, or null when it never will again. Rendered
 * pages that depend on the phase may be cached until then.
 */
export function nextPhaseChange(timeline: Timeline | null, now: Date): Date | null {
  if (timeline === null) return null;
  const t = now.getTime();
  const instants = [
    timeline.opensAt,
    timeline.closesAt,
    timeline.reviewStartsAt,
    timeline.nomineesPublishedAt,
    timeline.votingOpensAt,
    timeline.votingClosesAt,
    timeline.winnerAnnouncedAt,
    timeline.archivedAt ?? new Date(timeline.winnerAnnouncedAt.getTime() + YEAR_MS),
  ]
    .filter((d): d is Date => d !== null && d.getTime() > t)
    .sort((a, b) => a.getTime() - b.getTime());
  return instants[0] ?? null;
}

/** Whether nominations may be sent at `now`. */
export function isOpen(timeline: Timeline | null, now: Date): boolean {
  return phaseAt(timeline, now) === 'open';
}
