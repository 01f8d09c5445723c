import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../platform/i18n/index.js';
import { copenhagen } from '../platform/time.js';
import { PHASES, phaseAt, type Phase, type Timeline } from './phase.js';
import { publicStatus, type PublicState } from './public-status.js';

// Årets Borgerinddragende Initiativ 2021 (its real timeline).
const abi2021: Timeline = {
  opensAt: copenhagen(2020, 11, 11, 12),
  closesAt: copenhagen(2020, 12, 18, 12),
  reviewStartsAt: copenhagen(2021, 1, 8, 12),
  nomineesPublishedAt: copenhagen(2021, 2, 15, 12),
  votingOpensAt: copenhagen(2021, 2, 20, 12),
  votingClosesAt: copenhagen(2021, 3, 8, 12),
  winnerAnnouncedAt: copenhagen(2021, 3, 25, 10),
  archivedAt: null,
};
const facts = (winnerPublic: boolean) => ({ awardName: 'Årets Borgerinddragende Initiativ', year: 2021, timeline: abi2021, winnerPublic });

// phase, winner public → state, variant, heading (da), text (da). One row per status: the table
// is the whole of what the public is told, and each wording belongs to exactly one state.
const TABLE: [Phase, boolean, PublicState, 'info' | 'success', string, string | null][] = [
  ['upcoming', false, 'upcoming', 'info', 'Åbner snart', 'Linket aktiveres 11. november 2020 kl. 12.00.'],
  ['open', false, 'open', 'success', 'Åben for indstillinger', 'Du kan indstille frem til 18. december 2020 kl. 12.00.'],
  ['closed', false, 'closed', 'info', 'Lukket for indstillinger', 'Fristen for at indstille til Årets Borgerinddragende Initiativ 2021 er overskredet.'],
  ['in-review', false, 'in-review', 'info', 'Komitéen bedømmer', 'De nominerede offentliggøres 15. februar 2021 kl. 12.00.'],
  ['nominees-published', false, 'nominees-published', 'info', 'De nominerede er offentliggjort', 'Vinderen offentliggøres 25. marts 2021 kl. 10.00.'],
  ['panel-voting', false, 'panel-voting', 'info', 'Patientpanelet stemmer', 'Vinderen offentliggøres 25. marts 2021 kl. 10.00.'],
  ['winner-announced', true, 'winner-announced', 'success', 'Vinderen er offentliggjort', null],
  ['winner-announced', false, 'winner-pending', 'info', 'Vinderen er ikke offentliggjort endnu', null],
  ['archived', true, 'archived', 'info', 'Afsluttet', null],
  ['archived', false, 'archived', 'info', 'Afsluttet', null],
];

test('each phase has one status with one wording (Danish)', () => {
  for (const [phase, winner, state, variant, heading, text] of TABLE) {
    assert.deepEqual(publicStatus(messages('da'), 'da', phase, facts(winner)), { state, variant, heading, text }, `${phase}, winner ${winner}`);
  }
});

test('the table covers every phase, and no two states share a wording (in either language)', () => {
  assert.deepEqual([...new Set(TABLE.map((r) => r[0]))].sort(), [...PHASES].sort());
  for (const locale of ['da', 'en'] as const) {
    const byHeading = new Map<string, string>();
    for (const [phase, winner] of TABLE) {
      const s = publicStatus(messages(locale), locale, phase, facts(winner));
      const seen = byHeading.get(s.heading);
      assert.ok(seen === undefined || seen === s.state, `${locale}: "${s.heading}" is the wording of ${seen} and ${s.state}`);
      byHeading.set(s.heading, s.state);
      // The explanation never repeats the status, and never contradicts it.
      assert.notEqual(s.text, s.heading);
      if (s.state === 'winner-pending') assert.ok(!s.heading.includes(messages(locale).phase['winner-announced']));
    }
  }
});

test('the status follows the clock through a whole round', () => {
  const at = (d: Date) => publicStatus(messages('da'), 'da', phaseAt(abi2021, d), facts(false)).state;
  assert.equal(at(copenhagen(2020, 11, 1, 12)), 'upcoming');
  assert.equal(at(copenhagen(2020, 12, 1, 12)), 'open');
  assert.equal(at(copenhagen(2021, 1, 1, 12)), 'closed');
  assert.equal(at(copenhagen(2021, 2, 1, 12)), 'in-review');
  assert.equal(at(copenhagen(2021, 2, 16, 12)), 'nominees-published');
  assert.equal(at(copenhagen(2021, 3, 1, 12)), 'panel-voting');
  assert.equal(at(copenhagen(2021, 4, 1, 12)), 'winner-pending');
  assert.equal(at(copenhagen(2023, 4, 1, 12)), 'archived');
});

test('English has the same states', () => {
  const s = publicStatus(messages('en'), 'en', 'winner-announced', facts(false));
  assert.deepEqual(s, { state: 'winner-pending', variant: 'info', heading: 'The winner has not been announced yet', text: null });
  assert.equal(publicStatus(messages('en'), 'en', 'winner-announced', facts(true)).heading, 'Winner announced');
});

test('a historic round without a timeline is finished, with no dates to tell', () => {
  assert.deepEqual(publicStatus(messages('da'), 'da', 'archived', { ...facts(false), timeline: null }), {
    state: 'archived',
    variant: 'info',
    heading: 'Afsluttet',
    text: null,
  });
});
