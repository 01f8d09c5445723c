import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Phase, Timeline } from '../awards/index.js';
import { NO_JUDGING_WAITING } from '../judging/index.js';
import { NO_NOMINATIONS_WAITING } from '../nominations/index.js';
import { NO_PANEL_WAITING } from '../panel/index.js';
import { copenhagen } from '../platform/time.js';
import { roundsTexts } from './i18n.js';
import { durationText, nextInstant, type RoundCounts, stageOf, waitingNow, type WaitingKey } from './waiting.js';

const everything: RoundCounts = {
  nominations: { sent: 40, toScreen: 3, consentPending: 2, nomineeUnreachable: 1 },
  judging: { committee: 9, unfinished: 4, eligible: 30, conflictsPending: 1, shortlistRecorded: false },
  panel: { panel: 5, notVoted: 2, nominees: 6, summariesMissing: 1, summariesHard: 2 },
};

const keys = (phase: Phase, opts: { draft?: boolean; panel?: boolean; counts?: RoundCounts } = {}): WaitingKey[] =>
  waitingNow({ phase, draft: opts.draft ?? false, hasPatientPanel: opts.panel ?? true }, opts.counts ?? everything).map((i) => i.key);

test('each phase lists only the work someone can still do in it', () => {
  const cases: [Phase, WaitingKey[]][] = [
    ['upcoming', []],
    ['open', ['screen', 'reach-nominee', 'consent']],
    ['closed', ['screen', 'reach-nominee', 'consent', 'scoring', 'conflicts']],
    ['in-review', ['screen', 'reach-nominee', 'consent', 'scoring', 'conflicts', 'shortlist', 'summaries-missing', 'summaries-hard']],
    ['nominees-published', ['reach-nominee', 'consent', 'shortlist', 'summaries-missing', 'summaries-hard']],
    ['panel-voting', ['reach-nominee', 'consent', 'shortlist', 'summaries-missing', 'summaries-hard', 'votes']],
    ['winner-announced', []],
    ['archived', []],
  ];
  for (const [phase, expected] of cases) assert.deepEqual(keys(phase), expected, phase);
});

test('a draft waits to be published, first', () => {
  assert.deepEqual(keys('upcoming', { draft: true }), ['publish']);
  assert.deepEqual(keys('open', { draft: true })[0], 'publish');
});

test('nothing with a count of zero is listed, and a recorded shortlist no longer waits', () => {
  const none: RoundCounts = { nominations: NO_NOMINATIONS_WAITING, judging: NO_JUDGING_WAITING, panel: NO_PANEL_WAITING };
  for (const phase of ['open', 'in-review', 'panel-voting'] as Phase[]) assert.deepEqual(keys(phase, { counts: none }), [], phase);
  const recorded = { ...everything, judging: { ...everything.judging, shortlistRecorded: true } };
  assert.ok(!keys('in-review', { counts: recorded }).includes('shortlist'));
  // No eligible nomination: there is nothing to score and no shortlist to choose from.
  const noneEligible = { ...everything, judging: { ...everything.judging, eligible: 0 } };
  assert.deepEqual(keys('in-review', { counts: noneEligible }), ['screen', 'reach-nominee', 'consent', 'conflicts', 'summaries-missing', 'summaries-hard']);
});

test('a round without a patient panel has no summaries or votes to wait for', () => {
  assert.deepEqual(keys('panel-voting', { panel: false }), ['reach-nominee', 'consent', 'shortlist']);
});

test('members and votes are counted out of their whole', () => {
  const items = waitingNow({ phase: 'in-review', draft: false, hasPatientPanel: true }, everything);
  assert.deepEqual(
    items.find((i) => i.key === 'scoring'),
    { key: 'scoring', count: 4, of: 9 },
  );
  const voting = waitingNow({ phase: 'panel-voting', draft: false, hasPatientPanel: true }, everything);
  assert.deepEqual(
    voting.find((i) => i.key === 'votes'),
    { key: 'votes', count: 2, of: 5 },
  );
});

test('stages: a draft whatever its dates, then by phase', () => {
  const published = new Date('2026-01-01T00:00:00Z');
  assert.equal(stageOf('open', null), 'draft');
  assert.equal(stageOf('archived', null), 'draft');
  const expected: Record<Phase, string> = {
    upcoming: 'open',
    open: 'open',
    closed: 'in-review',
    'in-review': 'in-review',
    'nominees-published': 'voting',
    'panel-voting': 'voting',
    'winner-announced': 'finished',
    archived: 'finished',
  };
  for (const [phase, stage] of Object.entries(expected)) assert.equal(stageOf(phase as Phase, published), stage, phase);
});

const timeline: Timeline = {
  opensAt: copenhagen(2026, 9, 1, 12),
  closesAt: copenhagen(2026, 10, 1, 12),
  reviewStartsAt: null,
  nomineesPublishedAt: copenhagen(2026, 12, 15, 12),
  votingOpensAt: copenhagen(2026, 12, 20, 12),
  votingClosesAt: copenhagen(2027, 1, 10, 12),
  winnerAnnouncedAt: copenhagen(2027, 1, 15, 12),
  archivedAt: null,
};

test('the next deadline: the next phase change, or the review deadline when it comes first', () => {
  assert.deepEqual(nextInstant(timeline, null, copenhagen(2026, 8, 1, 0)), { key: 'opensAt', at: timeline.opensAt });
  assert.deepEqual(nextInstant(timeline, null, timeline.opensAt), { key: 'closesAt', at: timeline.closesAt });
  const review = copenhagen(2026, 12, 1, 12);
  assert.deepEqual(nextInstant(timeline, review, copenhagen(2026, 11, 1, 0)), { key: 'reviewClosesAt', at: review });
  // At the review deadline itself it has passed: the next is the nominees' publication.
  assert.deepEqual(nextInstant(timeline, review, review), { key: 'nomineesPublishedAt', at: timeline.nomineesPublishedAt });
  assert.deepEqual(nextInstant(timeline, null, copenhagen(2027, 1, 12, 0)), { key: 'winnerAnnouncedAt', at: timeline.winnerAnnouncedAt });
  // After the winner, the archive a year later (the default) …
  const archive = nextInstant(timeline, null, copenhagen(2027, 2, 1, 0));
  assert.equal(archive?.key, 'archivedAt');
  assert.equal(archive?.at.getTime(), timeline.winnerAnnouncedAt.getTime() + 365 * 24 * 3600 * 1000);
  // … and then nothing; nor for a year kept without a timeline.
  assert.equal(nextInstant(timeline, null, copenhagen(2028, 2, 1, 0)), null);
  assert.equal(nextInstant(null, null, copenhagen(2026, 1, 1, 0)), null);
});

test('time left in words, Danish and English', () => {
  const da = roundsTexts('da').duration;
  const en = roundsTexts('en').duration;
  const cases: [number, string, string][] = [
    [30 * 86_400 + 5 * 3_600, '30 dage', '30 days'],
    [7 * 86_400, '7 dage', '7 days'],
    [3 * 86_400 + 3.5 * 3_600, '3 dage og 3 timer', '3 days and 3 hours'],
    [86_400 + 3_600, '1 dag og 1 time', '1 day and 1 hour'],
    [2 * 86_400, '2 dage', '2 days'],
    [5 * 3_600 + 10 * 60, '5 timer og 10 minutter', '5 hours and 10 minutes'],
    [3_600, '1 time', '1 hour'],
    [59 * 60 + 1, '60 minutter', '60 minutes'],
    [61, '2 minutter', '2 minutes'],
    [60, '1 minut', '1 minute'],
    [45, '45 sekunder', '45 seconds'],
    [1, '1 sekund', '1 second'],
    [-5, '0 sekunder', '0 seconds'],
  ];
  for (const [s, d, e] of cases) {
    assert.equal(durationText(da, s), d, `${s} s`);
    assert.equal(durationText(en, s), e, `${s} s`);
  }
});
