import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScores, parseScoresInto } from './judging.repo.js';

// listReviews reads a review's scores as one text, "criterion:score,…" (string_agg): the cases
// the database can give, and what is refused rather than misread.
test('a review’s scores read from their text', () => {
  const cases: [string | null, [number, number][]][] = [
    [null, []],
    ['', []],
    ['7:3', [[7, 3]]],
    [
      '12:1,13:5,140:10',
      [
        [12, 1],
        [13, 5],
        [140, 10],
      ],
    ],
    [
      '5:0,6:-2',
      [
        [5, 0],
        [6, -2],
      ],
    ],
    ['2147483647:100', [[2147483647, 100]]],
  ];
  for (const [text, expected] of cases) assert.deepEqual([...parseScores(text)], expected, String(text));
  // The committee overview's columns: each review's pairs appended after the ones before.
  const criteria: number[] = [1];
  const scores: number[] = [4];
  for (const [text] of cases) parseScoresInto(text, criteria, scores);
  const all = [[1, 4], ...cases.flatMap(([, expected]) => expected)];
  assert.deepEqual(
    criteria.map((c, i) => [c, scores[i]]),
    all,
  );
});

test('a text that is not "criterion:score,…" is refused', () => {
  for (const text of ['7', '7:3,8', 'a:1', '7:3;8:1', '7:3, 8:1']) assert.throws(() => parseScores(text), /scores:/, text);
});
