import type { Phase, Timeline } from './phase.js';

/**
 * What an award page offers first (its "call"): nominate in the round that is open now; else
 * when the next round opens, if a round with dates is published and not yet open; else nothing
 * is known, and the page offers to tell the reader when it opens (the subscription slot).
 * Pure: a table of cases tests it (next-round.test.ts).
 */
export type AwardCall = { kind: 'open'; year: number; closesAt: Date } | { kind: 'upcoming'; year: number; opensAt: Date } | { kind: 'unknown' };

type Round = { year: number; phase: Phase; timeline: Timeline | null };

/** The call of an award at the phases of its published rounds. Several open at once: the one that closes first. */
export function awardCall(rounds: readonly Round[]): AwardCall {
  const dated = rounds.filter((r): r is Round & { timeline: Timeline } => r.timeline !== null);
  const open = dated.filter((r) => r.phase === 'open').sort((a, b) => a.timeline.closesAt.getTime() - b.timeline.closesAt.getTime())[0];
  if (open) return { kind: 'open', year: open.year, closesAt: open.timeline.closesAt };
  const next = dated.filter((r) => r.phase === 'upcoming').sort((a, b) => a.timeline.opensAt.getTime() - b.timeline.opensAt.getTime())[0];
  if (next) return { kind: 'upcoming', year: next.year, opensAt: next.timeline.opensAt };
  return { kind: 'unknown' };
}
