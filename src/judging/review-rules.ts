/**
 * The committee's rules that need no database: the review window, who may score, the scale
 * and its step labels, parsing a typed score, and the system's likely conflicts of interest.
 * Pure functions; the services call them with rows and the injected clock.
 */

/** `closesAt` is the planned deadline; `closedEarlyAt` is set when the chair closed scoring before it. */
export type ReviewWindow = { startsAt: Date; closesAt: Date; closedEarlyAt: Date | null };

type WindowColumns = {
  closesAt: Date | null;
  reviewStartsAt: Date | null;
  reviewClosesAt: Date | null;
  nomineesPublishedAt: Date | null;
  /** When the chair closed scoring early (judging's review_closures), if ever. */
  reviewClosedEarlyAt?: Date | null;
};

/**
 * When members may score: from the review start (or the closing of nominations when no start
 * is set), inclusive, until the review deadline (or the publication of nominees when no
 * deadline is set), exclusive, or until the chair closed scoring early, whichever is first.
 * Null for an edition without a timeline.
 */
export function reviewWindow(e: WindowColumns): ReviewWindow | null {
  if (!e.closesAt || !e.nomineesPublishedAt) return null;
  return { startsAt: e.reviewStartsAt ?? e.closesAt, closesAt: e.reviewClosesAt ?? e.nomineesPublishedAt, closedEarlyAt: e.reviewClosedEarlyAt ?? null };
}

export type ScoreRefusal = 'no-timeline' | 'not-started' | 'deadline-passed' | 'closed-early' | 'conflicted';

export type ScorePermission = { ok: true } | { ok: false; reason: ScoreRefusal };

/**
 * Whether a committee member may give or change scores on a nomination at `now` (the
 * nomination is already known to be eligible and in the member's edition). Fails closed: a
 * flagged conflict that the member has not dismissed counts as a conflict.
 */
export function canScore(member: { conflicted: boolean }, window: ReviewWindow | null, now: Date): ScorePermission {
  if (member.conflicted) return { ok: false, reason: 'conflicted' };
  return windowOpen(window, now);
}

/** Whether the review window is open at `now`, with the reason when not. */
export function windowOpen(window: ReviewWindow | null, now: Date): ScorePermission {
  if (!window) return { ok: false, reason: 'no-timeline' };
  if (window.closedEarlyAt && now.getTime() >= window.closedEarlyAt.getTime() && window.closedEarlyAt.getTime() < window.closesAt.getTime())
    return { ok: false, reason: 'closed-early' };
  if (now.getTime() < window.startsAt.getTime()) return { ok: false, reason: 'not-started' };
  if (now.getTime() >= window.closesAt.getTime()) return { ok: false, reason: 'deadline-passed' };
  return { ok: true };
}

export type ShortlistTiming = { ok: true } | { ok: false; reason: 'no-timeline' | 'review-open' };

/**
 * Whether the chair may record the shortlist at `now`: only once scores can no longer change,
 * that is from the review deadline on, or once the chair has closed scoring early. Before the
 * review starts it is refused as well ('review-open'): scoring has not even begun.
 */
export function shortlistTiming(window: ReviewWindow | null, now: Date): ShortlistTiming {
  const open = windowOpen(window, now);
  if (!open.ok && open.reason === 'no-timeline') return { ok: false, reason: 'no-timeline' };
  if (!open.ok && (open.reason === 'deadline-passed' || open.reason === 'closed-early')) return { ok: true };
  return { ok: false, reason: 'review-open' };
}

export type CloseReviewRefusal = 'no-timeline' | 'not-started' | 'deadline-passed' | 'already-closed';

/**
 * Whether the chair may close the committee's scoring early at `now`: only while the review is
 * under way (from its start, before its deadline) and not already closed.
 */
export function canCloseReview(window: ReviewWindow | null, now: Date): { ok: true } | { ok: false; reason: CloseReviewRefusal } {
  const open = windowOpen(window, now);
  if (open.ok) return { ok: true };
  if (open.reason === 'closed-early') return { ok: false, reason: 'already-closed' };
  if (open.reason === 'conflicted') return { ok: false, reason: 'no-timeline' };
  return { ok: false, reason: open.reason };
}

export type Scale = { min: number; max: number };

/**
 * The meaning of each step of the scale, lowest first: the edition's own labels when it has
 * exactly one per step, else `defaults` (the catalogue's words for the lowest, middle and
 * highest step), each prefixed with its number.
 */
export function scoreLabels(scale: Scale, own: readonly string[] | null, defaults: StepWords): string[] {
  const steps = scale.max - scale.min + 1;
  if (own && own.length === steps && own.every((l) => l.trim() !== '')) return own.map((l) => l.trim());
  const mid = (scale.min + scale.max) / 2;
  return Array.from({ length: steps }, (_, i) => {
    const v = scale.min + i;
    if (v === scale.min) return `${v} – ${defaults.lowest}`;
    if (v === scale.max) return `${v} – ${defaults.highest}`;
    if (v === mid) return `${v} – ${defaults.middle}`;
    // A five-step scale has a word for every step.
    if (steps === 5) return `${v} – ${i === 1 ? defaults.low : defaults.high}`;
    return String(v);
  });
}

/** The catalogue's words for the steps of a scale without labels of its own. */
export type StepWords = { lowest: string; low: string; middle: string; high: string; highest: string };

export type ParsedScore = { ok: true; value: number | null } | { ok: false; problem: 'not-a-number' | 'out-of-scale' };

/** A typed score: empty is "not scored yet"; otherwise a whole number on the scale. */
export function parseScore(raw: unknown, scale: Scale): ParsedScore {
  if (raw === undefined || raw === null) return { ok: true, value: null };
  if (typeof raw !== 'string') return { ok: false, problem: 'not-a-number' };
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^[+-]?\d{1,9}$/.test(text)) return { ok: false, problem: 'not-a-number' };
  const value = Number(text);
  if (value < scale.min || value > scale.max) return { ok: false, problem: 'out-of-scale' };
  return { ok: true, value };
}

export type ConflictFlag = 'same-organisation' | 'same-unit' | 'nominated-it';

// Lower case without a locale: Unicode's language-specific lower-casing rules are Lithuanian,
// Turkish and Azerbaijani only, so Danish lower-cases as the root does, and toLocaleLowerCase('da')
// went through ICU for each of the ~900 values the overview compares on every load.
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

type MemberKeys = { email: string; represents: string };
type NominationKeys = { nominator: string; organisation: string; unit: string };
const memberKeys = (m: { email: string; represents: string | null }): MemberKeys => ({ email: norm(m.email), represents: norm(m.represents) });
const nominationKeys = (n: { nominatorEmail: string; nomineeOrganisation: string; nomineeUnit: string }): NominationKeys => ({
  nominator: norm(n.nominatorEmail),
  organisation: norm(n.nomineeOrganisation),
  unit: norm(n.nomineeUnit),
});

function matchKeys(member: MemberKeys, nomination: NominationKeys): ConflictFlag | null {
  if (member.email !== '' && member.email === nomination.nominator) return 'nominated-it';
  if (member.represents === '') return null;
  if (member.represents === nomination.unit) return 'same-unit';
  if (member.represents === nomination.organisation) return 'same-organisation';
  return null;
}

/**
 * The likely conflicts the system flags for a member to confirm or dismiss: the member
 * nominated it (the user's e-mail is the nominator's), or the organisation the member
 * represents is the nominee's organisation or unit. Compared trimmed and case-insensitively;
 * empty values never match. The first reason found is enough.
 */
export function likelyConflict(
  member: { email: string; represents: string | null },
  nomination: { nominatorEmail: string; nomineeOrganisation: string; nomineeUnit: string },
): ConflictFlag | null {
  return matchKeys(memberKeys(member), nominationKeys(nomination));
}

/**
 * likelyConflict for every member with every nomination: each value is normalised once, not once
 * per pair (at 9 members × 240 nominations that was thousands of Unicode normalisations per
 * overview page).
 */
export function likelyConflicts<
  M extends { id: number; email: string; represents: string | null },
  N extends { id: number; nominatorEmail: string; nomineeOrganisation: string; nomineeUnit: string },
>(members: readonly M[], nominations: readonly N[]): { memberId: number; nominationId: number; flag: ConflictFlag }[] {
  const keyed = nominations.map((n) => ({ id: n.id, keys: nominationKeys(n) }));
  const flags: { memberId: number; nominationId: number; flag: ConflictFlag }[] = [];
  for (const m of members) {
    const keys = memberKeys(m);
    for (const n of keyed) {
      const flag = matchKeys(keys, n.keys);
      if (flag) flags.push({ memberId: m.id, nominationId: n.id, flag });
    }
  }
  return flags;
}

/** Whether a shortlist of `count` nominees meets the edition's rule (a missing bound is no bound; at least one). */
export function shortlistSizeOk(count: number, rule: { min: number | null; max: number | null }): boolean {
  if (count < Math.max(1, rule.min ?? 1)) return false;
  if (rule.max !== null && count > rule.max) return false;
  return true;
}
