import { test } from 'node:test';
import assert from 'node:assert/strict';
import { krippendorffAlphaInterval } from './krippendorff.js';

const _ = null;

function alphaOf(data: Parameters<typeof krippendorffAlphaInterval>[0]): number {
  const r = krippendorffAlphaInterval(data);
  assert.notEqual(r.alpha, null, JSON.stringify(r));
  return r.alpha as number;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
// 4 observers × 12 units with missing values. Published: nominal 0.743, ordinal 0.815,
// interval 0.849, ratio 0.797.
const krippendorff2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

test('Krippendorff 2011 example: interval alpha = 0.849', () => {
  const r = krippendorffAlphaInterval(krippendorff2011);
  assert.ok(r.alpha !== null);
  assert.equal(Math.round(r.alpha * 1000) / 1000, 0.849);
  // unit 12 has one value only and is not pairable: 40 pairable values in 11 units
  assert.equal(r.pairableValues, 40);
  assert.equal(r.pairableUnits, 11);
});

test('Krippendorff 2011 example: exact value 1 − (13/30)/(112/39)', () => {
  // D_o = 0.4333… = 13/30 and D_e = 2.8718… = 112/39 (hand check of the sums)
  const r = krippendorffAlphaInterval(krippendorff2011);
  assert.ok(r.alpha !== null);
  assert.ok(Math.abs(r.observedDisagreement - 13 / 30) < 1e-12);
  assert.ok(Math.abs(r.expectedDisagreement - 112 / 39) < 1e-12);
  assert.ok(Math.abs(r.alpha - (1 - 13 / 30 / (112 / 39))) < 1e-12);
});

test('perfect agreement gives alpha = 1', () => {
  assert.equal(
    alphaOf([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]),
    1,
  );
  // also with missing values
  assert.equal(
    alphaOf([
      [1, _, 3, 4, 7],
      [1, 2, 3, _, 7],
      [_, 2, _, 4, _],
    ]),
    1,
  );
});

test('hand-computed: units (1,1) and (2,3) give alpha = 8/11', () => {
  // n = 4; D_o = (0 + 2·1²/1)/4 = 1/2; Σ_{c≠k} δ² = 2·(0+1+4+1+4+1) = 22, D_e = 22/12.
  const a = alphaOf([
    [1, 2],
    [1, 3],
  ]);
  assert.ok(Math.abs(a - 8 / 11) < 1e-12);
});

test('hand-computed: two coders in exact opposition give alpha = −0.5', () => {
  // units (1,2), (2,1): D_o = (2+2)/4 = 1; D_e = 8/12; alpha = 1 − 3/2.
  const a = alphaOf([
    [1, 2],
    [2, 1],
  ]);
  assert.ok(Math.abs(a - -0.5) < 1e-12);
});

test('interval alpha does not change under a linear rescaling of the scores', () => {
  const scaled = krippendorff2011.map((row) => row.map((v) => (v === null ? null : 10 * v - 3)));
  assert.ok(Math.abs(alphaOf(scaled) - alphaOf(krippendorff2011)) < 1e-12);
  const shifted = krippendorff2011.map((row) => row.map((v) => (v === null ? null : v + 1e6)));
  assert.ok(Math.abs(alphaOf(shifted) - alphaOf(krippendorff2011)) < 1e-9);
});

test('order of coders and of units does not matter', () => {
  const a = alphaOf(krippendorff2011);
  assert.ok(Math.abs(alphaOf([...krippendorff2011].reverse()) - a) < 1e-12);
  assert.ok(Math.abs(alphaOf(krippendorff2011.map((r) => [...r].reverse())) - a) < 1e-12);
});

test('undefined, null and a short row all mean missing', () => {
  const a = alphaOf(krippendorff2011);
  const variant = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2], // short row
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, undefined, 3],
    [undefined, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1],
  ];
  assert.ok(Math.abs(alphaOf(variant) - a) < 1e-12);
});

test('fewer than two pairable values gives null with a reason', () => {
  for (const data of [
    [],
    [[]],
    [[1, 2, 3]],
    [
      [1, _],
      [_, 2],
    ],
    [[5]],
  ]) {
    const r = krippendorffAlphaInterval(data);
    assert.equal(r.alpha, null);
    assert.ok(r.alpha === null && r.reason === 'too-few-pairable');
    assert.ok(r.alpha === null && r.message.length > 0);
  }
});

test('all values equal: no variation, null with a reason', () => {
  const r = krippendorffAlphaInterval([
    [3, 3, 3],
    [3, 3, _],
  ]);
  assert.equal(r.alpha, null);
  assert.ok(r.alpha === null && r.reason === 'no-variation');
});

test('non-finite values are rejected', () => {
  assert.throws(
    () =>
      krippendorffAlphaInterval([
        [1, NaN],
        [1, 2],
      ]),
    RangeError,
  );
  assert.throws(
    () =>
      krippendorffAlphaInterval([
        [1, Infinity],
        [1, 2],
      ]),
    RangeError,
  );
});

test('matches a direct pairwise computation on random sparse data', () => {
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let k = 0; k < 50; k++) {
    const coders = 2 + Math.floor(rand() * 5);
    const units = 2 + Math.floor(rand() * 20);
    const data = Array.from({ length: coders }, () => Array.from({ length: units }, () => (rand() < 0.2 ? null : Math.floor(rand() * 10) + 1)));
    const r = krippendorffAlphaInterval(data);
    // direct O(n²) computation
    const cols = Array.from({ length: units }, (_u, u) => data.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined)).filter(
      (vs) => vs.length >= 2,
    );
    const all = cols.flat();
    const n = all.length;
    if (n < 2) {
      assert.equal(r.alpha, null);
      continue;
    }
    let Do = 0;
    for (const vs of cols) {
      let t = 0;
      for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) if (i !== j) t += (vs[i]! - vs[j]!) ** 2;
      Do += t / (vs.length - 1);
    }
    Do /= n;
    let De = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) De += (all[i]! - all[j]!) ** 2;
    De /= n * (n - 1);
    if (De === 0) {
      assert.equal(r.alpha, null);
      continue;
    }
    assert.ok(r.alpha !== null);
    assert.ok(Math.abs(r.alpha - (1 - Do / De)) < 1e-9, `case ${k}`);
  }
});
