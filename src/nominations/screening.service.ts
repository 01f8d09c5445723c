import type { Database } from '../db/database.js';
import { findNominationStatus, updateScreening } from './admin.repo.js';

export type ScreeningDecision = 'eligible' | 'not-eligible';

export type ScreeningRefusal = 'not-found' | 'reason-required' | 'not-sent' | 'withdrawn';

export type ScreeningResult = { ok: true } | { ok: false; reason: ScreeningRefusal };

/** The longest reason the form accepts (checked by the form, before this function). */
export const SCREENING_REASON_MAX = 2000;

/**
 * Records an administrator's screening of a sent nomination: eligible, or not eligible with
 * a reason. A decision may be changed by deciding again.
 *
 * Refuses with a reason: 'not-found' (no such nomination), 'not-sent' (a draft: the
 * nominator's private work), 'withdrawn' (the nominator withdrew it; also when that happens
 * while this runs), 'reason-required' (not eligible without a reason).
 *
 * Side effects: sets `screening`, `screening_reason` (trimmed; null when eligible) and
 * `screened_at` = `now` on the nomination row. Nothing else (no e-mail).
 */
export async function decideScreening({
  db,
  nominationId,
  decision,
  reason,
  now,
}: {
  db: Database;
  nominationId: number;
  decision: ScreeningDecision;
  reason?: string | null;
  now: Date;
}): Promise<ScreeningResult> {
  const status = await findNominationStatus(db, nominationId);
  if (status === null) return { ok: false, reason: 'not-found' };
  if (status === 'draft') return { ok: false, reason: 'not-sent' };
  if (status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  const cleaned = (reason ?? '').trim();
  if (decision === 'not-eligible' && cleaned === '') return { ok: false, reason: 'reason-required' };
  const changed = await updateScreening(db, nominationId, {
    screening: decision,
    reason: decision === 'not-eligible' ? cleaned : null,
    at: now,
  });
  if (!changed) {
    // The status changed between the two statements: the nominator withdrew it (or it vanished).
    const after = await findNominationStatus(db, nominationId);
    return { ok: false, reason: after === null ? 'not-found' : after === 'draft' ? 'not-sent' : 'withdrawn' };
  }
  return { ok: true };
}
