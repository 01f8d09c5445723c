import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LINK_RECOVERY_CAP, mayIssueRecovery, recoveryRefusal, type RecoveryRefusal } from './link-recovery-rules.js';

const now = new Date('2026-11-24T12:00:00Z');
const later = new Date('2026-11-25T12:00:00Z');
const earlier = new Date('2026-11-24T11:00:00Z');

type Found = Parameters<typeof recoveryRefusal>[0];
const cases: [string, Found, RecoveryRefusal | null][] = [
  ['a fresh link to a draft', { usedAt: null, expiresAt: later, nominationStatus: 'draft' }, null],
  ['a fresh link to a sent nomination', { usedAt: null, expiresAt: later, nominationStatus: 'sent' }, null],
  ['a token nobody issued', null, 'unknown'],
  ['a link used once already', { usedAt: earlier, expiresAt: later, nominationStatus: 'draft' }, 'used'],
  ['a link past its day', { usedAt: null, expiresAt: earlier, nominationStatus: 'draft' }, 'expired'],
  ['a link expiring this very instant', { usedAt: null, expiresAt: now, nominationStatus: 'draft' }, 'expired'],
  ['a withdrawn nomination', { usedAt: null, expiresAt: later, nominationStatus: 'withdrawn' }, 'withdrawn'],
];
for (const [name, found, expected] of cases) {
  test(`recovery link: ${name}`, () => assert.equal(recoveryRefusal(found, now), expected));
}

test('at most LINK_RECOVERY_CAP working recovery links per nomination', () => {
  for (let working = 0; working <= LINK_RECOVERY_CAP + 1; working++) assert.equal(mayIssueRecovery(working), working < LINK_RECOVERY_CAP, String(working));
});
