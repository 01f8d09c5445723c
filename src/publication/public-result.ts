/**
 * What of an edition's result is public at an instant. Pure: no I/O, no clock; pages, the
 * API and the feed all call these functions, so they can never disagree.
 *
 * Rules (decided here, documented in README "Publication"):
 * - Nominees (the chair's shortlist, in the chair's order) are public from the edition's
 *   `nominees_published_at` instant, inclusive: at instant − 1 ms nothing, at the instant all.
 * - The winner is public from `winner_announced_at`, inclusive, and only when the count or
 *   decision gives exactly one winner (`kind === 'winner'`) who is one of the public nominees.
 *   A tie or no decision shows no winner, however late it is.
 * - Only nominations still sent (not withdrawn, not drafts) are shown.
 * - A nominee's names and unit are shown only when the nominee accepted publication
 *   (`nominee_consent = 'accepted'`). Otherwise (pending or declined) only the solution's
 *   title, summary and the nominee's organisation are shown: the organisation is a public
 *   body, the names are a third party's personal data.
 * - An edition without a timeline (kept for its year and theme only) never shows a result.
 */
import type { Winner } from '../panel/index.js';
import type { PublicationInstants, PublicNominee, PublicResult } from '../awards/index.js';

// The shapes of a public result are awards' (its pages and API show it, through awards/edition-result.ts).
export type { PublicationInstants, PublicNominee, PublicResult };

export type NomineeSource = {
  id: number;
  status: 'draft' | 'sent' | 'withdrawn';
  title: string;
  summary: string;
  nomineeKind: 'person' | 'team' | 'workplace' | null;
  nomineeNames: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  nomineeConsent: 'pending' | 'accepted' | 'declined';
  /** Smartprisen: where the solution was first developed ('' when not asked or not given). */
  originOrganisation: string;
  /** The idea bank's solution it came from, when an administrator linked one. */
  originSolutionId: number | null;
  originSolutionTitle: string | null;
  /** The idea bank's entry for this nominated solution (solution_nominations, role 'nominated'), when there is one. */
  solutionId: number | null;
};

export const NOTHING_PUBLIC: PublicResult = Object.freeze({ nominees: null, winner: null, winnerAnnouncedAt: null }) as PublicResult;

/** Whether the nominees are public at `now` (inclusive at the instant). */
export function nomineesArePublic(e: PublicationInstants, now: Date): boolean {
  return e.nomineesPublishedAt !== null && now.getTime() >= e.nomineesPublishedAt.getTime();
}

/** Whether the winner may be public at `now` (inclusive at the instant); there may still be none. */
export function winnerIsPublic(e: PublicationInstants, now: Date): boolean {
  return nomineesArePublic(e, now) && e.winnerAnnouncedAt !== null && now.getTime() >= e.winnerAnnouncedAt.getTime();
}

/** One nominee as the public may see it: names and unit only with the nominee's consent. */
export function publicNominee(n: NomineeSource): PublicNominee {
  const consented = n.nomineeConsent === 'accepted';
  return {
    nominationId: n.id,
    title: n.title,
    summary: n.summary,
    organisation: n.nomineeOrganisation,
    names: consented && n.nomineeNames.trim() !== '' ? n.nomineeNames : null,
    unit: consented && n.nomineeUnit.trim() !== '' ? n.nomineeUnit : null,
    origin: originOf(n),
    hasPage: consented,
    solutionId: n.solutionId,
  };
}

function originOf(n: NomineeSource): PublicNominee['origin'] {
  const organisation = n.originOrganisation.trim() !== '' ? n.originOrganisation : null;
  const solution = n.originSolutionId !== null && n.originSolutionTitle !== null ? { id: n.originSolutionId, title: n.originSolutionTitle } : null;
  return organisation === null && solution === null ? null : { organisation, solution };
}

/** Who a nominee is, in one line: names and unit (only with consent), then the organisation. */
export function nomineeByline(n: PublicNominee): string {
  return [n.names, n.unit, n.organisation].filter((x): x is string => x !== null && x.trim() !== '').join(', ');
}

/**
 * The public result of an edition at `now`.
 * @param shortlistIds the chair's shortlist in order, or null when none is recorded
 * @param nominations the rows of (at least) the shortlisted nominations; others are ignored
 * @param winner what src/panel/winner.service.ts findWinner decided (only read after the winner instant)
 */
export function publicResult(
  edition: PublicationInstants,
  shortlistIds: readonly number[] | null,
  nominations: readonly NomineeSource[],
  winner: Winner,
  now: Date,
): PublicResult {
  if (!nomineesArePublic(edition, now)) return NOTHING_PUBLIC;
  const byId = new Map(nominations.map((n) => [n.id, n]));
  const nominees: PublicNominee[] = [];
  for (const id of shortlistIds ?? []) {
    const n = byId.get(id);
    if (n && n.status === 'sent') nominees.push(publicNominee(n));
  }
  let shownWinner: PublicNominee | null = null;
  if (winnerIsPublic(edition, now) && winner.kind === 'winner') {
    shownWinner = nominees.find((n) => n.nominationId === winner.nominationId) ?? null;
  }
  return { nominees, winner: shownWinner, winnerAnnouncedAt: shownWinner ? edition.winnerAnnouncedAt : null };
}

/**
 * The instant at which what is public may next change, for caches: the next of the two
 * publication instants after `now`, or null when both have passed.
 */
export function nextPublicationChange(e: PublicationInstants, now: Date): Date | null {
  const t = now.getTime();
  for (const d of [e.nomineesPublishedAt, e.winnerAnnouncedAt]) if (d && d.getTime() > t) return d;
  return null;
}
