import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgingSetupProblems, parseScoreLabels } from './review-settings.js';

const closes = new Date('2030-03-01T11:00:00Z');
const starts = new Date('2030-03-15T11:00:00Z');
const deadline = new Date('2030-04-15T10:00:00Z');
const published = new Date('2030-05-01T10:00:00Z');

test('judging settings: the review deadline between closing/review start and publication; the scale and its labels', () => {
  const timeline = { closesAt: closes, reviewStartsAt: starts, nomineesPublishedAt: published };
  assert.deepEqual(judgingSetupProblems({ timeline, reviewClosesAt: deadline, scoreScaleMin: 1, scoreScaleMax: 5, scoreLabels: null }), []);
  assert.deepEqual(judgingSetupProblems({ timeline, reviewClosesAt: published }), []);
  for (const bad of [closes, starts, new Date(published.getTime() + 1)]) {
    assert.deepEqual(judgingSetupProblems({ timeline, reviewClosesAt: bad }), [{ field: 'reviewClosesAt', code: 'review-closes-order' }], bad.toISOString());
  }
  assert.deepEqual(judgingSetupProblems({ timeline: { closesAt: null, reviewStartsAt: null, nomineesPublishedAt: null }, reviewClosesAt: deadline }), [
    { field: 'reviewClosesAt', code: 'review-closes-order' },
  ]);
  assert.deepEqual(judgingSetupProblems({ scoreScaleMin: 5, scoreScaleMax: 5 }), [{ field: 'scoreScaleMax', code: 'scale-order' }]);
  assert.deepEqual(judgingSetupProblems({ scoreScaleMin: 1, scoreScaleMax: 3, scoreLabels: ['a', 'b'] }), [
    { field: 'scoreLabels', code: 'labels-count', steps: 3 },
  ]);
  assert.deepEqual(parseScoreLabels(' a \r\n\r\n b\n'), ['a', 'b']);
  assert.equal(parseScoreLabels(' \n '), null);
});
