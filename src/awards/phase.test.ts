import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copenhagen } from '../platform/time.js';
import { nextPhaseChange, phaseAt, type Timeline } from './phase.js';

// Årets Borgerinddragende Initiativ 2021: opens 11 Nov 2020 12.00, closes 18 Dec 2020 12.00.
const abi2021: Timeline = {
  opensAt: copenhagen(2020, 11, 11, 12),
  closesAt: copenhagen(2020, 12, 18, 12),
  reviewStartsAt: copenhagen(2021, 1, 8, 12),
  nomineesPublishedAt: copenhagen(2021, 2, 15, 12),
  votingOpensAt: copenhagen(2021, 2, 15, 12),
  votingClosesAt: copenhagen(2021, 3, 8, 12),
  winnerAnnouncedAt: copenhagen(2021, 3, 25, 10),
  archivedAt: null,
};
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

test('upcoming until the exact opening instant, open from it', () => {
  assert.equal(phaseAt(abi2021, ms(abi2021.opensAt, -1)), 'upcoming');
  assert.equal(phaseAt(abi2021, abi2021.opensAt), 'open');
});

test('open until the exact closing instant; at the instant it is closed', () => {
  assert.equal(phaseAt(abi2021, ms(abi2021.closesAt, -1)), 'open');
  assert.equal(phaseAt(abi2021, abi2021.closesAt), 'closed');
});

test('screening, review, nominees, voting, winner, archive in order', () => {
  assert.equal(phaseAt(abi2021, copenhagen(2021, 1, 7, 23)), 'closed');
  assert.equal(phaseAt(abi2021, abi2021.reviewStartsAt!), 'in-review');
  assert.equal(phaseAt(abi2021, ms(abi2021.nomineesPublishedAt, -1)), 'in-review');
  assert.equal(phaseAt(abi2021, abi2021.nomineesPublishedAt), 'panel-voting');
  assert.equal(phaseAt(abi2021, abi2021.votingClosesAt!), 'nominees-published');
  assert.equal(phaseAt(abi2021, ms(abi2021.winnerAnnouncedAt, -1)), 'nominees-published');
  assert.equal(phaseAt(abi2021, abi2021.winnerAnnouncedAt), 'winner-announced');
  assert.equal(phaseAt(abi2021, copenhagen(2022, 3, 26)), 'archived');
});

test('without a screening date the committee starts at closing', () => {
  const t = { ...abi2021, reviewStartsAt: null, votingOpensAt: null, votingClosesAt: null };
  assert.equal(phaseAt(t, t.closesAt), 'in-review');
  assert.equal(phaseAt(t, t.nomineesPublishedAt), 'nominees-published');
});

test('an explicit archive instant is honoured', () => {
  const t = { ...abi2021, archivedAt: copenhagen(2021, 4, 1) };
  assert.equal(phaseAt(t, ms(t.archivedAt, -1)), 'winner-announced');
  assert.equal(phaseAt(t, t.archivedAt), 'archived');
});

test('a historic edition without a timeline is archived', () => {
  assert.equal(phaseAt(null, new Date('2016-01-01')), 'archived');
  assert.equal(nextPhaseChange(null, new Date()), null);
});

test('opening and closing on DST change days are exact to the millisecond', () => {
  // Opens 29 March 2026 at 03.00 (the first minute of summer time), closes 25 October 2026 at 02.30.
  const t: Timeline = {
    opensAt: copenhagen(2026, 3, 29, 3),
    closesAt: copenhagen(2026, 10, 25, 2, 30),
    reviewStartsAt: null,
    nomineesPublishedAt: copenhagen(2026, 11, 1, 12),
    votingOpensAt: null,
    votingClosesAt: null,
    winnerAnnouncedAt: copenhagen(2026, 12, 1, 12),
    archivedAt: null,
  };
  assert.equal(t.opensAt.toISOString(), '2026-03-29T01:00:00.000Z');
  assert.equal(phaseAt(t, new Date('2026-03-29T00:59:59.999Z')), 'upcoming');
  assert.equal(phaseAt(t, new Date('2026-03-29T01:00:00.000Z')), 'open');
  assert.equal(phaseAt(t, new Date('2026-10-25T01:29:59.999Z')), 'open');
  assert.equal(phaseAt(t, new Date('2026-10-25T01:30:00.000Z')), 'in-review');
});

test('nextPhaseChange gives the next boundary', () => {
  assert.equal(nextPhaseChange(abi2021, ms(abi2021.opensAt, -5))?.getTime(), abi2021.opensAt.getTime());
  assert.equal(nextPhaseChange(abi2021, abi2021.opensAt)?.getTime(), abi2021.closesAt.getTime());
  assert.equal(nextPhaseChange(abi2021, copenhagen(2030, 1, 1)), null);
});
