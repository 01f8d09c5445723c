import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageStatus, refusalProblem } from '../platform/errors.js';
import { nominationTexts } from './i18n.js';
import { NOMINATION_REFUSALS, type NominationRefusal } from './refusals.js';

test('every refusal of the nomination flow has one answer: a 4xx status, its own problem type, a text in Danish and English', () => {
  const reasons = Object.keys(NOMINATION_REFUSALS) as NominationRefusal[];
  const codes = new Set(reasons.map((r) => NOMINATION_REFUSALS[r].code));
  assert.equal(codes.size, reasons.length, 'no problem type is used for two reasons');
  for (const r of reasons) {
    const { status } = NOMINATION_REFUSALS[r];
    assert.ok(status >= 400 && status < 500, r);
    for (const locale of ['da', 'en'] as const) assert.ok(nominationTexts(locale).refusals[r].length > 5, `${r} ${locale}`);
  }
  // A form shown again with its messages answers 400 on the page, 422 in the API.
  assert.equal(pageStatus(NOMINATION_REFUSALS['too-long']), 400);
  assert.equal(pageStatus(NOMINATION_REFUSALS['deadline-passed']), 409);
  assert.deepEqual(refusalProblem(NOMINATION_REFUSALS['deadline-passed'], '/api/v1/editions/1/nominations', { detail: 'x' }), {
    type: '/problems/deadline-passed',
    title: 'The deadline has passed',
    status: 409,
    detail: 'x',
    instance: '/api/v1/editions/1/nominations',
  });
});
