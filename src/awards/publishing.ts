import { type TimelineInput, yearProblem } from './timeline-rules.js';

/**
 * A round's life before the public sees it: it starts as a draft, is checked and published,
 * may return to draft until it opens, and may be deleted while it is a draft with no
 * nomination. Pure rules that return their reason (as judging/review-rules.ts); the service
 * (setup.service.ts) calls them with rows and the injected clock.
 */

type EditionState = TimelineInput & { year: number; theme: string | null; publishedAt: Date | null };

/** Why a round cannot be published now; empty when it can. */
export type PublishProblem =
  | { code: 'already-published' }
  | { code: 'theme-missing' }
  | { code: 'no-criteria' }
  | { code: 'no-sections' }
  | { code: 'year-mismatch'; date: keyof TimelineInput; at: Date }
  /** Nominations would open at once (or already closed): allowed only when the administrator confirms it. */
  | { code: 'opens-in-past'; opensAt: Date };

/**
 * What stops a round from being published. A round with a timeline takes nominations, so it
 * needs its theme, at least one criterion and one form section, a year that fits its dates,
 * and an opening in the future; an opening in the past (the round opens the moment it is
 * published) needs the administrator's confirmation. A round without dates is history (a
 * past year kept for its theme and winner) and needs only its theme. The order of the dates
 * is checked on every save (timelineProblems) and cannot be wrong here.
 */
export function publishProblems(e: EditionState, counts: { criteria: number; sections: number }, now: Date, confirmPastOpening: boolean): PublishProblem[] {
  if (e.publishedAt !== null) return [{ code: 'already-published' }];
  const out: PublishProblem[] = [];
  if (!e.theme?.trim()) out.push({ code: 'theme-missing' });
  if (e.opensAt === null) return out;
  if (counts.criteria === 0) out.push({ code: 'no-criteria' });
  if (counts.sections === 0) out.push({ code: 'no-sections' });
  const year = yearProblem(e.year, e);
  if (year) out.push({ code: 'year-mismatch', date: year.date, at: year.at });
  if (e.opensAt.getTime() <= now.getTime() && !confirmPastOpening) out.push({ code: 'opens-in-past', opensAt: e.opensAt });
  return out;
}

export type UnpublishRefusal = { code: 'not-published' } | { code: 'already-open'; opensAt: Date } | { code: 'history' };

/**
 * Whether a published round may return to draft: only before it opens, so that no nominator
 * who saw it loses a round they may have started on. A round without dates (history) stays.
 */
export function unpublishRefusal(e: Pick<EditionState, 'publishedAt' | 'opensAt'>, now: Date): UnpublishRefusal | null {
  if (e.publishedAt === null) return { code: 'not-published' };
  if (e.opensAt === null) return { code: 'history' };
  if (e.opensAt.getTime() <= now.getTime()) return { code: 'already-open', opensAt: e.opensAt };
  return null;
}

export type DeleteRefusal = { code: 'published' } | { code: 'has-nominations' };

/** Whether a round may be deleted: only a draft that never received a nomination (nothing anyone sent is lost). */
export function deleteRefusal(e: Pick<EditionState, 'publishedAt'>, hasNominations: boolean): DeleteRefusal | null {
  if (e.publishedAt !== null) return { code: 'published' };
  if (hasNominations) return { code: 'has-nominations' };
  return null;
}

/** Whether someone may see a draft round (its preview): the organisation's administrators and the round's committee. */
export function maySeeDraft(
  viewer: { adminOf: ReadonlySet<number>; committeeOf: ReadonlySet<number> } | null,
  edition: { id: number; organisationId: number },
): boolean {
  if (!viewer) return false;
  return viewer.adminOf.has(edition.organisationId) || viewer.committeeOf.has(edition.id);
}
