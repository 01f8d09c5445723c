/**
 * The patient panel's ballot as pure rules: who a ballot belongs to (a keyed hash, not a
 * name), when voting is open, and reading the ballot form into a full ranking. No I/O.
 */
import { keyedDigest } from '../platform/tokens.js';
import { SchulzeBallotError, validateBallot } from './schulze.js';

/**
 * The key a member's ballot is stored under: HMAC-SHA256 of the edition's id and the edition
 * member's id, keyed with the server secret BALLOT_KEY (config.ts), which is never stored in the
 * database. The same member always gets the same key (so a new ballot replaces the old), the
 * ballot row names nobody, and a dump or a backup of the database alone cannot tell whose it is.
 */
export function voterKey(ballotKey: string, editionId: number, memberId: number): string {
  return keyedDigest(ballotKey, 'ballot-voter', `edition:${editionId}`, `member:${memberId}`);
}

/**
 * The order a panel member sees the nominees in: a random order of their own, the nominees
 * sorted by an HMAC of edition, member and nominee under the server secret BALLOT_KEY. The same
 * for that member on every visit of the edition, different between members and editions, and
 * never the committee's rank order (the shortlist is recorded best first), which could steer
 * the panel.
 */
export function ballotOrder(ballotKey: string, editionId: number, memberId: number, nomineeIds: readonly number[]): number[] {
  const digest = new Map(nomineeIds.map((id) => [id, keyedDigest(ballotKey, 'ballot-order', `edition:${editionId}`, `member:${memberId}`, `nominee:${id}`)]));
  return [...nomineeIds].sort((a, b) => (digest.get(a)! < digest.get(b)! ? -1 : digest.get(a)! > digest.get(b)! ? 1 : a - b));
}

export type VotingWindow =
  | { state: 'no-panel' }
  | { state: 'no-dates' }
  | { state: 'not-open'; opensAt: Date; closesAt: Date }
  | { state: 'open'; opensAt: Date; closesAt: Date }
  | { state: 'closed'; opensAt: Date; closesAt: Date };

/**
 * Whether the panel may vote at `now`: from `votingOpensAt` (inclusive) until `votingClosesAt`
 * (exclusive: a ballot handled at exactly the closing instant is too late), as phase.ts does.
 */
export function votingWindow(e: { hasPatientPanel: boolean; votingOpensAt: Date | null; votingClosesAt: Date | null }, now: Date): VotingWindow {
  if (!e.hasPatientPanel) return { state: 'no-panel' };
  if (!e.votingOpensAt || !e.votingClosesAt) return { state: 'no-dates' };
  const w = { opensAt: e.votingOpensAt, closesAt: e.votingClosesAt };
  const t = now.getTime();
  if (t < w.opensAt.getTime()) return { state: 'not-open', ...w };
  if (t < w.closesAt.getTime()) return { state: 'open', ...w };
  return { state: 'closed', ...w };
}

/** The form field of a nominee's place: `placering-<nomination id>`. */
export const PLACE_FIELD = 'placering-';

export type BallotProblem =
  /** No place chosen for the nominee. */
  | { code: 'missing'; nominationId: number }
  /** The place is not a whole number from 1 to n. */
  | { code: 'bad-place'; nominationId: number }
  /** The place is also given to another nominee (reported on each of them). */
  | { code: 'duplicate'; nominationId: number; place: number }
  /** The form names a nominee who is not in the vote (a forged or stale form). */
  | { code: 'unknown' };

export type ReadBallot = {
  /** What the member chose per nominee, as typed (to show the form again). */
  places: Record<number, string>;
  /** The full ranking, best first, when there are no problems. */
  ranking: number[] | null;
  problems: BallotProblem[];
};

/**
 * Reads the ballot form: one field `placering-<id>` per nominee with a place 1..n. Every
 * nominee must have a place, every place is used once, and no other nominee may be named.
 * The result is checked once more by the Schulze count's own ballot validation.
 */
export function readBallotForm(body: unknown, nomineeIds: readonly number[]): ReadBallot {
  const b = (body ?? {}) as Record<string, unknown>;
  const n = nomineeIds.length;
  const known = new Set(nomineeIds);
  const problems: BallotProblem[] = [];
  const places: Record<number, string> = {};

  for (const key of Object.keys(b)) {
    if (!key.startsWith(PLACE_FIELD)) continue;
    const raw = key.slice(PLACE_FIELD.length);
    const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
    if (!known.has(id)) {
      if (!problems.some((p) => p.code === 'unknown')) problems.push({ code: 'unknown' });
    }
  }

  const chosen = new Map<number, number>();
  for (const id of nomineeIds) {
    const value = b[`${PLACE_FIELD}${id}`];
    const text = typeof value === 'string' ? value.trim() : '';
    places[id] = text.slice(0, 10);
    if (text === '') {
      problems.push({ code: 'missing', nominationId: id });
      continue;
    }
    const place = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(place >= 1 && place <= n)) {
      problems.push({ code: 'bad-place', nominationId: id });
      continue;
    }
    chosen.set(id, place);
  }

  const byPlace = new Map<number, number[]>();
  for (const [id, place] of chosen) byPlace.set(place, [...(byPlace.get(place) ?? []), id]);
  for (const id of nomineeIds) {
    const place = chosen.get(id);
    if (place !== undefined && byPlace.get(place)!.length > 1) problems.push({ code: 'duplicate', nominationId: id, place });
  }

  // Reported in the order of the page: by nominee, the form-wide problem first.
  const order = (p: BallotProblem) => (p.code === 'unknown' ? -1 : nomineeIds.indexOf(p.nominationId));
  problems.sort((a, c) => order(a) - order(c));

  if (problems.length > 0) return { places, ranking: null, problems };
  const ranking = [...nomineeIds].sort((a, c) => chosen.get(a)! - chosen.get(c)!);
  try {
    validateBallot(nomineeIds.map(String), ranking.map(String));
  } catch (e) {
    if (e instanceof SchulzeBallotError) return { places, ranking: null, problems: [{ code: 'unknown' }] };
    throw e;
  }
  return { places, ranking, problems: [] };
}

/** The form values (`placering-<id>` → place) of a ranking, to fill the form from a stored ballot. */
export function placesOf(ranking: readonly number[]): Record<number, string> {
  return Object.fromEntries(ranking.map((id, i) => [id, String(i + 1)]));
}
