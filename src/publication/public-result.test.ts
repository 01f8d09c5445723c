import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextPublicationChange, nomineesArePublic, publicNominee, publicResult, winnerIsPublic, type NomineeSource } from './public-result.js';

const instants = { nomineesPublishedAt: new Date('2021-02-15T11:00:00.000Z'), winnerAnnouncedAt: new Date('2021-03-25T09:00:00.000Z') };
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const row = (id: number, over: Partial<NomineeSource> = {}): NomineeSource => ({
  id,
  status: 'sent',
  title: `Løsning ${id}`,
  summary: `Resumé ${id}`,
  nomineeKind: 'team',
  nomineeNames: `Team ${id}`,
  nomineeUnit: `Afdeling ${id}`,
  nomineeOrganisation: 'Region Midtjylland',
  nomineeConsent: 'accepted',
  originOrganisation: '',
  originSolutionId: null,
  originSolutionTitle: null,
  solutionId: null,
  ...over,
});
const rows = [row(1), row(2, { nomineeConsent: 'declined' }), row(3, { nomineeConsent: 'pending' }), row(4)];
const winner2 = { kind: 'winner', nominationId: 2, basis: 'panel' } as const;

test('nothing is public one millisecond before the nominees instant', () => {
  const r = publicResult(instants, [1, 2, 3], rows, winner2, ms(instants.nomineesPublishedAt, -1));
  assert.deepEqual(r, { nominees: null, winner: null, winnerAnnouncedAt: null });
});

test('at the nominees instant the shortlist is public in the chair order, the winner not yet', () => {
  const r = publicResult(instants, [3, 1, 2], rows, winner2, instants.nomineesPublishedAt);
  assert.deepEqual(
    r.nominees?.map((n) => n.nominationId),
    [3, 1, 2],
  );
  assert.equal(r.winner, null);
  assert.equal(r.winnerAnnouncedAt, null);
  assert.equal(publicResult(instants, [1, 2], rows, winner2, ms(instants.winnerAnnouncedAt, -1)).winner, null);
});

test('at the winner instant a single winner among the nominees is public', () => {
  const r = publicResult(instants, [1, 2, 3], rows, winner2, instants.winnerAnnouncedAt);
  assert.equal(r.winner?.nominationId, 2);
  assert.equal(r.winnerAnnouncedAt?.toISOString(), '2021-03-25T09:00:00.000Z');
});

test('a tie, no decision, or a winner outside the shortlist shows no winner', () => {
  const late = ms(instants.winnerAnnouncedAt, 86_400_000);
  assert.equal(publicResult(instants, [1, 2], rows, { kind: 'tie', nominationIds: [1, 2] }, late).winner, null);
  assert.equal(publicResult(instants, [1, 2], rows, { kind: 'none' }, late).winner, null);
  assert.equal(publicResult(instants, [1, 2], rows, { kind: 'winner', nominationId: 4, basis: 'committee' }, late).winner, null);
});

test('names and unit only with the nominee’s consent', () => {
  const r = publicResult(instants, [1, 2, 3], rows, { kind: 'none' }, instants.nomineesPublishedAt);
  assert.deepEqual(r.nominees, [
    {
      nominationId: 1,
      title: 'Løsning 1',
      summary: 'Resumé 1',
      organisation: 'Region Midtjylland',
      names: 'Team 1',
      unit: 'Afdeling 1',
      origin: null,
      hasPage: true,
      solutionId: null,
    },
    {
      nominationId: 2,
      title: 'Løsning 2',
      summary: 'Resumé 2',
      organisation: 'Region Midtjylland',
      names: null,
      unit: null,
      origin: null,
      hasPage: false,
      solutionId: null,
    },
    {
      nominationId: 3,
      title: 'Løsning 3',
      summary: 'Resumé 3',
      organisation: 'Region Midtjylland',
      names: null,
      unit: null,
      origin: null,
      hasPage: false,
      solutionId: null,
    },
  ]);
  assert.equal(publicNominee(row(9, { nomineeUnit: '  ' })).unit, null);
});

test('withdrawn nominations and unknown ids are left out; no shortlist gives an empty list', () => {
  const r = publicResult(instants, [1, 5, 4], [...rows.slice(0, 3), row(4, { status: 'withdrawn' })], { kind: 'none' }, instants.nomineesPublishedAt);
  assert.deepEqual(
    r.nominees?.map((n) => n.nominationId),
    [1],
  );
  assert.deepEqual(publicResult(instants, null, rows, { kind: 'none' }, instants.winnerAnnouncedAt).nominees, []);
});

test('an edition without a timeline never shows a result', () => {
  const none = { nomineesPublishedAt: null, winnerAnnouncedAt: null };
  assert.equal(nomineesArePublic(none, new Date('2030-01-01')), false);
  assert.equal(winnerIsPublic(none, new Date('2030-01-01')), false);
  assert.equal(publicResult(none, [1], rows, winner2, new Date('2030-01-01')).nominees, null);
});

test('nextPublicationChange gives the next instant, then null', () => {
  assert.equal(nextPublicationChange(instants, ms(instants.nomineesPublishedAt, -1))?.getTime(), instants.nomineesPublishedAt.getTime());
  assert.equal(nextPublicationChange(instants, instants.nomineesPublishedAt)?.getTime(), instants.winnerAnnouncedAt.getTime());
  assert.equal(nextPublicationChange(instants, instants.winnerAnnouncedAt), null);
});

test('Smartprisen: where it was first developed, linked to its solution in the idea bank when one is linked', () => {
  assert.equal(publicNominee(row(1)).origin, null);
  assert.deepEqual(publicNominee(row(1, { originOrganisation: 'Region Syddanmark' })).origin, { organisation: 'Region Syddanmark', solution: null });
  assert.deepEqual(publicNominee(row(1, { originOrganisation: ' ', originSolutionId: 12, originSolutionTitle: 'Pårørendekufferten' })).origin, {
    organisation: null,
    solution: { id: 12, title: 'Pårørendekufferten' },
  });
});
