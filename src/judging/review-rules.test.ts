import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canCloseReview,
  canScore,
  likelyConflict,
  likelyConflicts,
  parseScore,
  reviewWindow,
  scoreLabels,
  shortlistSizeOk,
  shortlistTiming,
  windowOpen,
} from './review-rules.js';
import { defaultStepWords, judgingTexts, ruleText } from './i18n.js';

const closes = new Date('2030-03-01T11:00:00Z');
const starts = new Date('2030-03-15T11:00:00Z');
const deadline = new Date('2030-04-15T10:00:00Z');
const published = new Date('2030-05-01T10:00:00Z');

test('the review window runs from the review start (or closing) to the deadline (or publication), exclusive at the end', () => {
  assert.deepEqual(reviewWindow({ closesAt: closes, reviewStartsAt: starts, reviewClosesAt: deadline, nomineesPublishedAt: published }), {
    startsAt: starts,
    closesAt: deadline,
    closedEarlyAt: null,
  });
  assert.deepEqual(reviewWindow({ closesAt: closes, reviewStartsAt: null, reviewClosesAt: null, nomineesPublishedAt: published }), {
    startsAt: closes,
    closesAt: published,
    closedEarlyAt: null,
  });
  assert.equal(reviewWindow({ closesAt: null, reviewStartsAt: null, reviewClosesAt: null, nomineesPublishedAt: null }), null);
  const w = { startsAt: starts, closesAt: deadline, closedEarlyAt: null };
  assert.deepEqual(windowOpen(w, new Date(starts.getTime() - 1)), { ok: false, reason: 'not-started' });
  assert.deepEqual(windowOpen(w, starts), { ok: true });
  assert.deepEqual(windowOpen(w, new Date(deadline.getTime() - 1)), { ok: true });
  assert.deepEqual(windowOpen(w, deadline), { ok: false, reason: 'deadline-passed' });
  assert.deepEqual(windowOpen(null, starts), { ok: false, reason: 'no-timeline' });
  assert.deepEqual(canScore({ conflicted: true }, w, starts), { ok: false, reason: 'conflicted' });
  assert.deepEqual(canScore({ conflicted: false }, w, starts), { ok: true });
});

const early = new Date('2030-04-01T08:00:00Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

test('closing early ends scoring at the closing instant, before the deadline', () => {
  const w = reviewWindow({ closesAt: closes, reviewStartsAt: starts, reviewClosesAt: deadline, nomineesPublishedAt: published, reviewClosedEarlyAt: early });
  assert.deepEqual(w, { startsAt: starts, closesAt: deadline, closedEarlyAt: early });
  assert.deepEqual(windowOpen(w, ms(early, -1)), { ok: true });
  assert.deepEqual(windowOpen(w, early), { ok: false, reason: 'closed-early' });
  assert.deepEqual(windowOpen(w, deadline), { ok: false, reason: 'closed-early' });
  assert.deepEqual(canScore({ conflicted: false }, w, early), { ok: false, reason: 'closed-early' });
});

// [case, window, now, shortlist timing, closing early]
const open = { startsAt: starts, closesAt: deadline, closedEarlyAt: null };
const closedEarly = { ...open, closedEarlyAt: early };
const TIMING_CASES: [string, Parameters<typeof shortlistTiming>[0], Date, ReturnType<typeof shortlistTiming>, ReturnType<typeof canCloseReview>][] = [
  ['no timeline', null, starts, { ok: false, reason: 'no-timeline' }, { ok: false, reason: 'no-timeline' }],
  ['before the review starts', open, ms(starts, -1), { ok: false, reason: 'review-open' }, { ok: false, reason: 'not-started' }],
  ['at the review start', open, starts, { ok: false, reason: 'review-open' }, { ok: true }],
  ['a moment before the deadline', open, ms(deadline, -1), { ok: false, reason: 'review-open' }, { ok: true }],
  ['at the deadline', open, deadline, { ok: true }, { ok: false, reason: 'deadline-passed' }],
  ['after the deadline', open, published, { ok: true }, { ok: false, reason: 'deadline-passed' }],
  ['a moment before the chair’s early closing', closedEarly, ms(early, -1), { ok: false, reason: 'review-open' }, { ok: true }],
  ['at the chair’s early closing', closedEarly, early, { ok: true }, { ok: false, reason: 'already-closed' }],
  ['closed early, after the deadline', closedEarly, published, { ok: true }, { ok: false, reason: 'already-closed' }],
];

for (const [name, window, now, timing, close] of TIMING_CASES) {
  test(`the shortlist and closing early: ${name}`, () => {
    assert.deepEqual(shortlistTiming(window, now), timing);
    assert.deepEqual(canCloseReview(window, now), close);
  });
}

test('a typed score: empty is not scored, whole numbers on the scale only', () => {
  const scale = { min: 1, max: 5 };
  assert.deepEqual(parseScore('', scale), { ok: true, value: null });
  assert.deepEqual(parseScore(undefined, scale), { ok: true, value: null });
  assert.deepEqual(parseScore(' 3 ', scale), { ok: true, value: 3 });
  assert.deepEqual(parseScore('5', scale), { ok: true, value: 5 });
  assert.deepEqual(parseScore('6', scale), { ok: false, problem: 'out-of-scale' });
  assert.deepEqual(parseScore('0', scale), { ok: false, problem: 'out-of-scale' });
  assert.deepEqual(parseScore('-1', scale), { ok: false, problem: 'out-of-scale' });
  for (const bad of ['3.5', '3,5', 'tre', '1e1', '0x3', ['3', '4'], 3])
    assert.deepEqual(parseScore(bad, scale), { ok: false, problem: 'not-a-number' }, String(bad));
  assert.deepEqual(parseScore('0', { min: 0, max: 10 }), { ok: true, value: 0 });
});

test('step labels: the edition’s own when one per step, else the defaults', () => {
  const words = defaultStepWords('da');
  assert.deepEqual(scoreLabels({ min: 1, max: 5 }, null, words), [
    '1 – lever ikke op til kriteriet',
    '2 – lever lidt op til kriteriet',
    '3 – lever delvist op til kriteriet',
    '4 – lever godt op til kriteriet',
    '5 – lever fuldt ud op til kriteriet',
  ]);
  assert.deepEqual(scoreLabels({ min: 0, max: 3 }, ['a', 'b'], words), ['0 – lever ikke op til kriteriet', '1', '2', '3 – lever fuldt ud op til kriteriet']);
  assert.deepEqual(scoreLabels({ min: 1, max: 3 }, [' Dårlig ', 'Middel', 'God'], words), ['Dårlig', 'Middel', 'God']);
  assert.deepEqual(scoreLabels({ min: 1, max: 3 }, null, words), [
    '1 – lever ikke op til kriteriet',
    '2 – lever delvist op til kriteriet',
    '3 – lever fuldt ud op til kriteriet',
  ]);
});

test('likely conflicts: the member nominated it, or represents the nominee’s unit or organisation (trimmed, any case)', () => {
  const n = { nominatorEmail: 'Ib@Example.dk ', nomineeOrganisation: 'Aarhus Universitetshospital', nomineeUnit: 'Akutafdelingen' };
  assert.equal(likelyConflict({ email: 'ib@example.dk', represents: null }, n), 'nominated-it');
  assert.equal(likelyConflict({ email: 'x@example.dk', represents: '  aarhus   universitetshospital ' }, n), 'same-organisation');
  assert.equal(likelyConflict({ email: 'x@example.dk', represents: 'AKUTAFDELINGEN' }, n), 'same-unit');
  assert.equal(likelyConflict({ email: 'x@example.dk', represents: 'Danske Patienter' }, n), null);
  assert.equal(likelyConflict({ email: 'x@example.dk', represents: '' }, { ...n, nomineeUnit: '' }), null);
  assert.equal(likelyConflict({ email: '', represents: null }, { ...n, nominatorEmail: '' }), null);
});

test('likely conflicts of many members with many nominations: the same answer as one pair at a time', () => {
  const members = [
    { id: 1, email: 'ib@example.dk', represents: null },
    { id: 2, email: 'x@example.dk', represents: '  aarhus   universitetshospital ' },
    { id: 3, email: 'y@example.dk', represents: 'AKUTAFDELINGEN' },
    { id: 4, email: '', represents: '' },
  ];
  const nominations = [
    { id: 10, nominatorEmail: 'Ib@Example.dk ', nomineeOrganisation: 'Aarhus Universitetshospital', nomineeUnit: 'Akutafdelingen' },
    { id: 11, nominatorEmail: '', nomineeOrganisation: 'Regionshospitalet Gødstrup', nomineeUnit: '' },
  ];
  const oneByOne = members.flatMap((m) =>
    nominations.flatMap((n) => {
      const flag = likelyConflict(m, n);
      return flag ? [{ memberId: m.id, nominationId: n.id, flag }] : [];
    }),
  );
  assert.deepEqual(likelyConflicts(members, nominations), oneByOne);
  assert.equal(oneByOne.length, 3);
});

test('the shortlist size rule, and the rule in words', () => {
  assert.equal(shortlistSizeOk(5, { min: 5, max: 7 }), true);
  assert.equal(shortlistSizeOk(7, { min: 5, max: 7 }), true);
  assert.equal(shortlistSizeOk(4, { min: 5, max: 7 }), false);
  assert.equal(shortlistSizeOk(8, { min: 5, max: 7 }), false);
  assert.equal(shortlistSizeOk(0, { min: null, max: null }), false);
  assert.equal(shortlistSizeOk(12, { min: null, max: null }), true);
  const j = judgingTexts('da');
  assert.equal(ruleText(j, 5, 5), 'præcis 5');
  assert.equal(ruleText(j, 5, 7), '5–7');
  assert.equal(ruleText(j, null, null), 'mindst 1');
  assert.equal(ruleText(j, null, 3), '1–3');
});
