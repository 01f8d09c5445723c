import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLIND_REVIEW_HIDDEN_FIELDS, forCommittee, shownToCommittee } from './blind-review.js';

const nomination = {
  title: 'Pårørendecafé',
  summary: 'Et fast mødested.',
  nomineeNames: 'Anna Hemmelig',
  nomineeKind: 'person' as 'person' | 'team' | 'workplace' | null,
  nomineeUnit: 'Akutafdelingen',
  nomineeOrganisation: 'Aarhus Universitetshospital',
  nomineeEmail: 'anna@example.dk',
  nominatorName: 'Ib Indstiller',
  nominatorEmail: 'ib@example.dk',
  nominatorWorkplace: 'Psykiatrien',
  nominatorIsCitizen: 'no' as 'yes' | 'no' | null,
};

for (const [field, blind, shown] of [
  ['nomineeNames', true, false],
  ['nomineeUnit', true, false],
  ['nomineeKind', true, false],
  ['nominatorName', true, false],
  ['nomineeUnit', false, true],
  ['nominatorEmail', false, true],
] as const) {
  test(`${field} is ${shown ? 'shown' : 'hidden'} to the committee ${blind ? 'with' : 'without'} blind review`, () => {
    assert.equal(shownToCommittee(field, blind), shown);
  });
}

test('blind: every hidden field is blanked, the rest kept; not blind: the nomination as it is', () => {
  const blinded = forCommittee(nomination, true);
  assert.deepEqual(blinded, {
    title: 'Pårørendecafé',
    summary: 'Et fast mødested.',
    nomineeNames: '',
    nomineeKind: null,
    nomineeUnit: '',
    nomineeOrganisation: 'Aarhus Universitetshospital',
    nomineeEmail: '',
    nominatorName: '',
    nominatorEmail: '',
    nominatorWorkplace: '',
    nominatorIsCitizen: null,
  });
  assert.equal(forCommittee(nomination, false), nomination);
  assert.equal(nomination.nomineeUnit, 'Akutafdelingen', 'the original is not changed');
  for (const f of BLIND_REVIEW_HIDDEN_FIELDS) assert.ok(f in nomination, f);
});
