import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awardCall, type AwardCall } from './next-round.js';
import type { Phase, Timeline } from './phase.js';

const at = (s: string) => new Date(s);
const timeline = (opens: string, closes: string): Timeline => ({
  opensAt: at(opens),
  closesAt: at(closes),
  reviewStartsAt: null,
  nomineesPublishedAt: at('2030-01-01T00:00:00Z'),
  votingOpensAt: null,
  votingClosesAt: null,
  winnerAnnouncedAt: at('2030-02-01T00:00:00Z'),
  archivedAt: null,
});
const round = (year: number, phase: Phase, opens = '2026-01-01T00:00:00Z', closes = '2026-02-01T00:00:00Z') => ({
  year,
  phase,
  timeline: timeline(opens, closes),
});

const cases: { name: string; rounds: Parameters<typeof awardCall>[0]; call: AwardCall }[] = [
  { name: 'no rounds', rounds: [], call: { kind: 'unknown' } },
  { name: 'only a finished round', rounds: [round(2025, 'winner-announced')], call: { kind: 'unknown' } },
  { name: 'a historic round without dates', rounds: [{ year: 2019, phase: 'archived', timeline: null }], call: { kind: 'unknown' } },
  {
    name: 'an open round',
    rounds: [round(2025, 'archived'), round(2026, 'open')],
    call: { kind: 'open', year: 2026, closesAt: at('2026-02-01T00:00:00Z') },
  },
  {
    name: 'a published round not yet open',
    rounds: [round(2025, 'winner-announced'), round(2026, 'upcoming', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')],
    call: { kind: 'upcoming', year: 2026, opensAt: at('2026-03-01T00:00:00Z') },
  },
  {
    name: 'open wins over upcoming',
    rounds: [round(2026, 'open'), round(2027, 'upcoming', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z')],
    call: { kind: 'open', year: 2026, closesAt: at('2026-02-01T00:00:00Z') },
  },
  {
    name: 'two upcoming: the first to open',
    rounds: [round(2028, 'upcoming', '2028-01-01T00:00:00Z', '2028-02-01T00:00:00Z'), round(2027, 'upcoming', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z')],
    call: { kind: 'upcoming', year: 2027, opensAt: at('2027-01-01T00:00:00Z') },
  },
  { name: 'a round in review is no call', rounds: [round(2026, 'in-review')], call: { kind: 'unknown' } },
];

for (const c of cases) test(`award call: ${c.name}`, () => assert.deepEqual(awardCall(c.rounds), c.call));
