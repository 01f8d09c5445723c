import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountAccess, auditedOrganisations, type AccountAccess, type AccountTies } from './person-rules.js';

const RM = 1;
const DR = 2;
const RS = 3;
const none: AccountTies = { adminOf: [], memberOf: [], staffOf: [] };

test('a user account is shown to an administrator by the person’s ties to organisations', () => {
  const cases: [string, AccountTies | null, number[], AccountAccess][] = [
    ['no account', null, [RM], { see: 'nothing', reason: 'no-account' }],
    ['an account with no tie (e.g. only a nominator)', none, [RM], { see: 'nothing', reason: 'not-ours' }],
    ['a member of another organisation only', { ...none, memberOf: [DR] }, [RM], { see: 'nothing', reason: 'not-ours' }],
    ['an administrator of another organisation', { ...none, adminOf: [DR] }, [RM], { see: 'nothing', reason: 'not-ours' }],
    ['staff of another organisation', { ...none, staffOf: [DR] }, [RM], { see: 'nothing', reason: 'not-ours' }],
    ['a member of our edition only', { ...none, memberOf: [RM] }, [RM], { see: 'all', reason: 'only-ours' }],
    ['a member of two of our editions', { ...none, memberOf: [RM, RM] }, [RM], { see: 'all', reason: 'only-ours' }],
    ['our staff', { ...none, staffOf: [RM] }, [RM], { see: 'all', reason: 'only-ours' }],
    ['our administrator', { ...none, adminOf: [RM] }, [RM], { see: 'all', reason: 'only-ours' }],
    ['our member, and another organisation’s member', { ...none, memberOf: [RM, DR] }, [RM], { see: 'ties', reason: 'shared' }],
    [
      'our member, another organisation’s staff (an invitation of their address)',
      { ...none, memberOf: [RM], staffOf: [DR] },
      [RM],
      { see: 'ties', reason: 'shared' },
    ],
    ['our member, another organisation’s administrator', { adminOf: [DR], memberOf: [RM], staffOf: [] }, [RM], { see: 'ties', reason: 'shared' }],
    ['ties to two organisations, both ours', { adminOf: [DR], memberOf: [RM], staffOf: [] }, [RM, DR], { see: 'all', reason: 'only-ours' }],
    ['ties to three organisations, two ours', { adminOf: [DR], memberOf: [RM], staffOf: [RS] }, [RM, DR], { see: 'ties', reason: 'shared' }],
    ['an administrator of no organisation sees nothing', { ...none, memberOf: [RM] }, [], { see: 'nothing', reason: 'not-ours' }],
  ];
  for (const [label, ties, scope, expected] of cases) assert.deepEqual(accountAccess(ties, scope), expected, label);
});

test('an export or erasure is recorded in the organisations whose data it touched, else in all of the administrator’s', () => {
  assert.deepEqual(auditedOrganisations([RM, RM], [RM, DR]), [RM]);
  assert.deepEqual(auditedOrganisations([DR, RM], [RM, DR]), [RM, DR]);
  assert.deepEqual(auditedOrganisations([], [DR, RM]), [RM, DR]);
  assert.deepEqual(auditedOrganisations([RS], [RM]), [RM], 'never in an organisation outside the scope');
});
