import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFormBody, emptyFields, readAllSteps, readStep, type FormDefinition, type NominationInput } from './form.js';

const form: FormDefinition = {
  sections: [{ id: 7, heading: 'Resultat', help: '', wordLimit: 200, required: true }],
  criteria: [
    { id: 1, title: 'Patientoplevet kvalitet', description: '' },
    { id: 2, title: 'Spredning', description: '' },
  ],
  asksOrigin: false,
};

// One parser for the page and the API: the same answers given as a form body and as the API's
// typed input come out as the same fields.
test('a form body and the same answers as typed input parse to the same fields', () => {
  const body = {
    nominatorName: '  Anna\tHansen ',
    nominatorEmail: 'anna@example.dk',
    nominatorIsCitizen: 'no',
    nominatorWorkplace: 'AUH',
    nomineeKind: 'team',
    nomineeNames: 'Team Ø',
    nomineeUnit: 'Akutafdelingen',
    nomineeOrganisation: 'Region Midtjylland',
    nomineeEmail: 'team@example.dk',
    title: 'Hurtigere svar',
    summary: 'Kort.\r\n',
    criterionIds: ['2', '1', '2'],
    'section-7': 'Resultatet\u0007 er godt.',
  };
  const input: NominationInput = {
    nominatorName: 'Anna Hansen',
    nominatorEmail: 'anna@example.dk',
    nominatorIsCitizen: false,
    nominatorWorkplace: 'AUH',
    nomineeKind: 'team',
    nomineeNames: 'Team Ø',
    nomineeUnit: 'Akutafdelingen',
    nomineeOrganisation: 'Region Midtjylland',
    nomineeEmail: 'team@example.dk',
    title: 'Hurtigere svar',
    summary: 'Kort.',
    criterionIds: [1, 2],
    answers: { '7': 'Resultatet er godt.' },
  };
  const fromPage = readAllSteps(decodeFormBody(body), form);
  assert.deepEqual(fromPage, readAllSteps(input, form));
  assert.equal(fromPage.nominatorName, 'Anna Hansen');
  assert.equal(fromPage.nominatorIsCitizen, 'no');
  assert.deepEqual(fromPage.criterionIds, [1, 2]);
  assert.deepEqual(fromPage.answers, { '7': 'Resultatet er godt.' });
});

const cases: { name: string; input: NominationInput; expect: Partial<ReturnType<typeof emptyFields>> }[] = [
  { name: 'a kind outside the list reads as none chosen', input: { nomineeKind: 'alien' }, expect: { nomineeKind: '' } },
  { name: 'citizen left unanswered stays unanswered', input: { nominatorIsCitizen: null }, expect: { nominatorIsCitizen: '' } },
  { name: 'a criterion of another edition is dropped', input: { criterionIds: [99, 1] }, expect: { criterionIds: [1] } },
  { name: 'a section not on the form is dropped', input: { answers: { '7': 'x', '8': 'y' } }, expect: { answers: { '7': 'x' } } },
  { name: 'NFC: a + ring is å', input: { nomineeNames: 'Bja\u030Arne' }, expect: { nomineeNames: 'Bjårne' } },
];
for (const c of cases) {
  test(`shared parser: ${c.name}`, () => {
    const f = readAllSteps(c.input, form);
    for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(f[k as keyof typeof f], v);
  });
}

test("a step's POST changes only its own fields", () => {
  const saved = { ...emptyFields(), nominatorName: 'Anna', title: 'Gemt titel' };
  const next = readStep('om-dig', decodeFormBody({ nominatorName: 'Bo', title: 'Forsøg på at skrive en anden trins felt' }), saved, form);
  assert.equal(next.nominatorName, 'Bo');
  assert.equal(next.title, 'Gemt titel');
});

test('a tampered form body (arrays, objects) reads as empty rather than failing', () => {
  const f = readAllSteps(decodeFormBody({ nominatorName: ['a', 'b'], nomineeKind: { x: 1 }, criterionIds: [{}], 'section-7': 5 }), form);
  assert.equal(f.nominatorName, 'a');
  assert.equal(f.nomineeKind, '');
  assert.deepEqual(f.criterionIds, []);
  assert.equal(f.answers['7'], '');
});
