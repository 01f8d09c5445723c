/**
 * The rules of an invitation that need no database. Pure functions returning their reason,
 * with a table of cases in invitation-rules.test.ts.
 */

/** An invitation's link works once, for this long. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationRefusal = 'unknown' | 'withdrawn' | 'used' | 'expired';

/**
 * Whether the invitation found by a link's token may be accepted at `now` (null: no invitation
 * has that token). Only an open invitation whose link has not expired is accepted.
 */
export function canAcceptInvitation(
  invitation: { acceptedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date } | null,
  now: Date,
): { ok: true } | { ok: false; reason: InvitationRefusal } {
  if (!invitation) return { ok: false, reason: 'unknown' };
  if (invitation.withdrawnAt) return { ok: false, reason: 'withdrawn' };
  if (invitation.acceptedAt) return { ok: false, reason: 'used' };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
