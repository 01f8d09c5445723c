/**
 * The rules of "Send mig mit link igen" (link-recovery.service.ts), as functions that return
 * their reason; a table of cases in link-recovery-rules.test.ts.
 */

/** How long an e-mailed recovery link works. */
export const LINK_RECOVERY_TTL_MS = 24 * 60 * 60 * 1000;
/** At most this many working recovery links per nomination: beyond, a request sends nothing (the owner already has them). */
export const LINK_RECOVERY_CAP = 3;

export type RecoveryRefusal = 'unknown' | 'used' | 'expired' | 'withdrawn';

/** Whether a recovery link may open its nomination at `now`, or why not. */
export function recoveryRefusal(
  found: { usedAt: Date | null; expiresAt: Date; nominationStatus: 'draft' | 'sent' | 'withdrawn' } | null,
  now: Date,
): RecoveryRefusal | null {
  if (!found) return 'unknown';
  if (found.usedAt) return 'used';
  if (found.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (found.nominationStatus === 'withdrawn') return 'withdrawn';
  return null;
}

/** Whether a request may e-mail one more recovery link for a nomination that has `working` of them. */
export function mayIssueRecovery(working: number): boolean {
  return working < LINK_RECOVERY_CAP;
}
