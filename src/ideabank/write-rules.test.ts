import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canWriteToIdeaBank, sameOrganisationName, type IdeaBankPermission, type StaffOrganisation } from './write-rules.js';

const rm: StaffOrganisation = { id: 1, name: 'Region Midtjylland' };
const dr: StaffOrganisation = { id: 2, name: 'Danske Regioner' };

const cases: [string, { signedIn: boolean; staffOf: StaffOrganisation[] }, string | null, IdeaBankPermission][] = [
  ['the public', { signedIn: false, staffOf: [] }, 'Region Midtjylland', { ok: false, reason: 'not-signed-in' }],
  ['a patient panel citizen', { signedIn: true, staffOf: [] }, 'Region Midtjylland', { ok: false, reason: 'not-staff' }],
  ['a citizen opening the form', { signedIn: true, staffOf: [] }, null, { ok: false, reason: 'not-staff' }],
  ['staff opening the form', { signedIn: true, staffOf: [rm] }, null, { ok: true, organisation: null }],
  ['staff in their own name', { signedIn: true, staffOf: [rm] }, 'Region Midtjylland', { ok: true, organisation: rm }],
  ['staff, written another way', { signedIn: true, staffOf: [rm] }, '  region   MIDTJYLLAND ', { ok: true, organisation: rm }],
  ['staff in another organisation’s name', { signedIn: true, staffOf: [rm] }, 'Danske Regioner', { ok: false, reason: 'other-organisation' }],
  ['staff in a name that is no organisation', { signedIn: true, staffOf: [rm] }, 'Region Nordjylland', { ok: false, reason: 'other-organisation' }],
  ['staff of two, in the second’s name', { signedIn: true, staffOf: [rm, dr] }, 'Danske Regioner', { ok: true, organisation: dr }],
  ['staff, an empty name', { signedIn: true, staffOf: [rm] }, '', { ok: false, reason: 'other-organisation' }],
];

for (const [who, user, name, expected] of cases) {
  test(`idea bank writes: ${who} → ${expected.ok ? 'allowed' : expected.reason}`, () => {
    assert.deepEqual(canWriteToIdeaBank(user, name), expected);
  });
}

test('organisation names compare without case, extra spaces or Unicode form', () => {
  assert.ok(sameOrganisationName('Region Sjælland', 'region sjælland'));
  assert.ok(sameOrganisationName('Århus Kommune', 'A\u030Arhus Kommune'), 'Å composed or not');
  assert.ok(!sameOrganisationName('Region Sjælland', 'Region Sjaelland'));
});
