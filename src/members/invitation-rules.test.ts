import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canAcceptInvitation, INVITATION_TTL_MS } from './invitation-rules.js';

test('an invitation is accepted once, through its link, within seven days, unless withdrawn (finding 2)', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const before = new Date(now.getTime() - 1);
  const after = new Date(now.getTime() + 1);
  const open = { acceptedAt: null, withdrawnAt: null, expiresAt: after };
  assert.equal(INVITATION_TTL_MS, 7 * 24 * 60 * 60 * 1000);
  const cases: [name: string, invitation: Parameters<typeof canAcceptInvitation>[0], expected: ReturnType<typeof canAcceptInvitation>][] = [
    ['open', open, { ok: true }],
    ['no invitation with the token', null, { ok: false, reason: 'unknown' }],
    ['already accepted', { ...open, acceptedAt: before }, { ok: false, reason: 'used' }],
    ['withdrawn', { ...open, withdrawnAt: before }, { ok: false, reason: 'withdrawn' }],
    ['withdrawn after being accepted: withdrawn is the reason', { ...open, acceptedAt: before, withdrawnAt: before }, { ok: false, reason: 'withdrawn' }],
    ['expires at this very instant', { ...open, expiresAt: now }, { ok: false, reason: 'expired' }],
    ['expired', { ...open, expiresAt: before }, { ok: false, reason: 'expired' }],
  ];
  for (const [name, invitation, expected] of cases) assert.deepEqual(canAcceptInvitation(invitation, now), expected, name);
});
