import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgingTexts } from './i18n.js';
import { conflictRefusalText, errorPageOf, JUDGING_REFUSALS, type JudgingRefusal } from './refusals.js';

test('every refusal of judging has one answer: a distinct problem type, and an error page exactly for 403 and 404', () => {
  const reasons = Object.keys(JUDGING_REFUSALS) as JudgingRefusal[];
  assert.equal(new Set(reasons.map((r) => JUDGING_REFUSALS[r].code)).size, reasons.length);
  assert.deepEqual(reasons.filter((r) => errorPageOf(r) !== null).sort(), ['not-chair', 'not-found', 'not-member']);
  assert.equal(errorPageOf('not-member'), 'forbidden');
  assert.equal(errorPageOf('not-found'), 'notFound');
});

test('a refused conflict of interest is worded from the catalogue of the page’s language, the limit filled in', () => {
  assert.equal(conflictRefusalText(judgingTexts('da'), 'reason-too-long', 1000), 'Begrundelsen må højst have 1000 tegn. Gør den kortere.');
  assert.equal(conflictRefusalText(judgingTexts('en'), 'no-flag', 1000), judgingTexts('en').conflictRefusal['no-flag']);
});
