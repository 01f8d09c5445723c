import { setupTexts } from './i18n.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copenhagen, parseLocalDate, parseLocalTime, toLocalInputs } from '../platform/time.js';
import { applyListAction, parseEdition, parseList, readListForm } from './setup-form.js';
import { editionProblems, publishedDateChanges, slugify, timelineChangeMail, timelineProblems, type TimelineInput, yearProblem } from './setup.service.js';
import type { EditionRow } from './setup.repo.js';

const t = setupTexts('da');

const timeline = (over: Partial<TimelineInput> = {}): TimelineInput => ({
  opensAt: copenhagen(2025, 4, 15, 12),
  closesAt: copenhagen(2025, 6, 14, 12),
  reviewStartsAt: null,
  nomineesPublishedAt: copenhagen(2025, 9, 26, 12),
  votingOpensAt: null,
  votingClosesAt: null,
  winnerAnnouncedAt: copenhagen(2025, 10, 23, 12),
  ...over,
});

test('a timeline in order has no problems; one without any date is a historic round', () => {
  assert.deepEqual(timelineProblems(timeline()), []);
  const none = Object.fromEntries(Object.keys(timeline()).map((k) => [k, null])) as TimelineInput;
  assert.deepEqual(timelineProblems(none), []);
});

test('closing must be strictly after opening; later dates may share an instant', () => {
  const at = copenhagen(2025, 6, 14, 12);
  assert.deepEqual(timelineProblems(timeline({ opensAt: at })), [{ field: 'closesAt', code: 'out-of-order', earlier: 'opensAt', earlierAt: at, strict: true }]);
  assert.deepEqual(
    timelineProblems(timeline({ reviewStartsAt: at, nomineesPublishedAt: copenhagen(2025, 9, 26, 12), votingOpensAt: copenhagen(2025, 9, 26, 12) })),
    [],
  );
  const v = copenhagen(2025, 10, 1, 12);
  assert.deepEqual(timelineProblems(timeline({ votingOpensAt: v, votingClosesAt: v })), [
    { field: 'votingClosesAt', code: 'out-of-order', earlier: 'votingOpensAt', earlierAt: v, strict: true },
  ]);
});

test('each date is checked against the nearest earlier date that is filled in', () => {
  const problems = timelineProblems(timeline({ reviewStartsAt: copenhagen(2025, 6, 1, 12) }));
  assert.deepEqual(
    problems.map((p) => [p.field, p.code === 'out-of-order' ? p.earlier : null]),
    [['reviewStartsAt', 'closesAt']],
  );
  // Winner before nominees published, with no voting between.
  assert.deepEqual(
    timelineProblems(timeline({ winnerAnnouncedAt: copenhagen(2025, 9, 1, 12) })).map((p) => p.field),
    ['winnerAnnouncedAt'],
  );
});

test('a partly filled timeline names every missing required date; voting closes needs voting opens', () => {
  assert.deepEqual(
    timelineProblems(timeline({ closesAt: null, winnerAnnouncedAt: null })).map((p) => [p.field, p.code]),
    [
      ['closesAt', 'missing'],
      ['winnerAnnouncedAt', 'missing'],
    ],
  );
  assert.deepEqual(
    timelineProblems(timeline({ votingClosesAt: copenhagen(2025, 10, 1, 12) })).map((p) => [p.field, p.code]),
    [['votingOpensAt', 'missing']],
  );
});

test('nominee counts: exactly 5 (5–5) and 5–7 are fine, 7–5 is not', () => {
  assert.deepEqual(editionProblems({ nomineeCountMin: 5, nomineeCountMax: 5 }), []);
  assert.deepEqual(editionProblems({ nomineeCountMin: 5, nomineeCountMax: 7 }), []);
  assert.deepEqual(editionProblems({ nomineeCountMin: 7, nomineeCountMax: 5 }), [{ field: 'nomineeCountMax', code: 'min-above-max' }]);
});

test('slugs spell æ, ø and å the Danish way', () => {
  assert.equal(slugify('Årets Borgerinddragende Initiativ'), 'aarets-borgerinddragende-initiativ');
  assert.equal(slugify('Sundhed & Nærhed – Ørestad'), 'sundhed-naerhed-oerestad');
  assert.equal(slugify('Café Zoë'), 'cafe-zoe');
  assert.equal(slugify('!!!'), 'pris');
});

test('only moved published dates are changes; adding a date to a historic round is not', () => {
  const row = (over: Partial<EditionRow>) => ({ ...timeline(), ...over }) as unknown as EditionRow;
  const before = row({});
  const after = row({ closesAt: copenhagen(2025, 6, 21, 12), reviewStartsAt: copenhagen(2025, 7, 1, 12) });
  assert.deepEqual(publishedDateChanges(before, after), [{ key: 'closesAt', before: before.closesAt!, after: after.closesAt! }]);
  const historic = row({ opensAt: null, closesAt: null, nomineesPublishedAt: null, winnerAnnouncedAt: null });
  assert.deepEqual(publishedDateChanges(historic, before), []);
});

test('the e-mail about moved dates says what moved, old and new, and why; the kind fits whether the deadline has passed', () => {
  const base = {
    to: 'anna@auh.rm.dk',
    name: '',
    eventName: 'Danske Regioners Generalforsamling',
    changes: [{ key: 'winnerAnnouncedAt' as const, before: copenhagen(2021, 3, 25, 12), after: copenhagen(2021, 4, 22, 12) }],
    closesAt: copenhagen(2021, 1, 15, 12),
    now: copenhagen(2021, 2, 1, 12),
    dedupeKey: 'k',
  };
  const mail = timelineChangeMail({ ...base, concerns: ['committee'] });
  assert.equal(mail.kind, 'date-changed');
  assert.equal(mail.language, 'da');
  assert.deepEqual(mail.values, {
    recipient: '',
    changes: '- Vinderen offentliggøres (Danske Regioners Generalforsamling): nu 22. april 2021 kl. 12.00. Før: 25. marts 2021 kl. 12.00.',
    because: 'Du får denne e-mail, fordi du er med i komitéen.',
  });
  // A draft after the deadline: never "remember to send it before the deadline".
  assert.equal(timelineChangeMail({ ...base, concerns: ['nominator-draft'] }).kind, 'date-changed-draft-expired');
  assert.equal(timelineChangeMail({ ...base, concerns: ['nominator-draft'], now: copenhagen(2021, 1, 1, 12) }).kind, 'date-changed-draft');
  const en = timelineChangeMail({ ...base, concerns: ['committee', 'panel'], locale: 'en' });
  assert.equal(en.language, 'en');
  assert.match(en.values.because!, /^You receive this e-mail because/);
});

test('dates typed by hand or by a date picker, and times', () => {
  assert.deepEqual(parseLocalDate('2025-09-26'), { year: 2025, month: 9, day: 26 });
  assert.deepEqual(parseLocalDate('26.09.2025'), { year: 2025, month: 9, day: 26 });
  assert.deepEqual(parseLocalDate('6/9/2025'), { year: 2025, month: 9, day: 6 });
  assert.equal(parseLocalDate('29.02.2025'), null);
  assert.deepEqual(parseLocalDate('29.02.2024'), { year: 2024, month: 2, day: 29 });
  assert.equal(parseLocalDate('26. september 2025'), null);
  assert.deepEqual(parseLocalTime('12:00'), { hour: 12, minute: 0 });
  assert.deepEqual(parseLocalTime('9.30'), { hour: 9, minute: 30 });
  assert.deepEqual(parseLocalTime('14'), { hour: 14, minute: 0 });
  assert.equal(parseLocalTime('24:00'), null);
  assert.equal(parseLocalTime('12:60'), null);
  // Shown back in Copenhagen whatever the server's zone.
  assert.deepEqual(toLocalInputs(new Date('2025-10-26T11:00:00Z')), { date: '2025-10-26', time: '12:00' });
  assert.deepEqual(toLocalInputs(new Date('2025-03-30T22:30:00Z')), { date: '2025-03-31', time: '00:30' });
});

test('the edition form: amounts with Danish thousands, checkboxes, and every format error at once', () => {
  const base = {
    year: '2025',
    'opensAt-date': '15.04.2025',
    'opensAt-time': '12:00',
    'closesAt-date': '2025-06-14',
    'closesAt-time': '12.00',
    'nomineesPublishedAt-date': '2025-09-26',
    'nomineesPublishedAt-time': '12',
    'winnerAnnouncedAt-date': '2025-10-23',
    'winnerAnnouncedAt-time': '12:00',
  };
  for (const [raw, kr] of [
    ['10.000', 10000],
    ['10 000', 10000],
    ['10000 kr.', 10000],
    ['1.000.000', 1000000],
  ] as const) {
    const parsed = parseEdition({ ...base, prizeAmountKr: raw, hasPatientPanel: 'ja' }, t, 'da');
    assert.deepEqual(parsed.errors, [], raw);
    assert.equal(parsed.input!.prizeAmountKr, kr);
    assert.equal(parsed.input!.hasPatientPanel, true);
    assert.equal(parsed.input!.asksOrigin, false);
    assert.equal(parsed.input!.timeline.opensAt!.toISOString(), '2025-04-15T10:00:00.000Z');
  }
  const bad = parseEdition({ ...base, year: 'x', 'closesAt-date': '2025-02-30', prizeAmountKr: '10,5', nomineeCountMin: '0' }, t, 'da');
  assert.equal(bad.input, null);
  assert.deepEqual(
    bad.errors.map((e) => e.target ?? e.field),
    ['year', 'closesAt-date', 'nomineeCountMin', 'prizeAmountKr'],
  );
  // The unreadable closing date is not also reported as missing or out of order.
  assert.equal(bad.errors.filter((e) => e.field === 'closesAt').length, 1);
  assert.equal(bad.values['closesAt-date'], '2025-02-30');
});

test('list forms: rows by index, the pressed button, moves and removals without saving', () => {
  const body = {
    antal: '3',
    'r0-id': '5',
    'r0-title': 'A',
    'r0-description': 'a',
    'r1-id': 'x',
    'r1-title': 'B',
    'r1-description': 'b',
    'r2-id': '',
    'r2-title': '',
    'r2-description': '',
    handling: 'op-1',
  };
  const { rows, action } = readListForm(body, 'criteria');
  assert.deepEqual(action, { kind: 'up', index: 1 });
  assert.deepEqual(
    rows.map((r) => [r.id, r.fields.title]),
    [
      ['5', 'A'],
      ['', 'B'],
      ['', ''],
    ],
  );
  const moved = applyListAction(rows, action, 'criteria');
  assert.deepEqual(
    moved.map((r) => r.fields.title),
    ['B', 'A', ''],
  );
  assert.deepEqual(
    applyListAction(rows, { kind: 'remove', index: 0 }, 'criteria').map((r) => r.fields.title),
    ['B', ''],
  );
  assert.equal(applyListAction(rows, { kind: 'add' }, 'criteria').length, 4);
  assert.deepEqual(readListForm({ ...body, handling: 'fjern-9' }, 'criteria').action, { kind: 'none' });
  // Saving drops the empty row and keeps the id.
  const parsed = parseList('criteria', moved, t);
  assert.deepEqual(parsed.input, [
    { id: null, title: 'B', description: 'b', titleEn: null, descriptionEn: null },
    { id: 5, title: 'A', description: 'a', titleEn: null, descriptionEn: null },
  ]);
});

// A round is named after the year its winner is announced (Initiativprisen 2021 opened in
// November 2020 and was awarded in March 2021, DKFDS seeds).
const yearCases: { name: string; year: number; t: TimelineInput; want: ReturnType<typeof yearProblem> }[] = [
  { name: 'winner announced in the year', year: 2025, t: timeline(), want: null },
  {
    name: 'opened the year before, awarded in the year',
    year: 2021,
    t: timeline({
      opensAt: copenhagen(2020, 11, 11, 12),
      closesAt: copenhagen(2021, 1, 6, 12),
      nomineesPublishedAt: copenhagen(2021, 3, 1, 12),
      winnerAnnouncedAt: copenhagen(2021, 3, 25, 12),
    }),
    want: null,
  },
  {
    name: 'winner announced in another year',
    year: 2026,
    t: timeline(),
    want: { field: 'year', code: 'year-mismatch', date: 'winnerAnnouncedAt', at: copenhagen(2025, 10, 23, 12) },
  },
  { name: "New Year's Eve 23.30 UTC is next year in Copenhagen", year: 2026, t: timeline({ winnerAnnouncedAt: new Date('2025-12-31T23:30:00Z') }), want: null },
  { name: 'no winner date: closing in the year before is fine', year: 2026, t: timeline({ winnerAnnouncedAt: null }), want: null },
  {
    name: 'no winner date: closing two years before is not',
    year: 2027,
    t: timeline({ winnerAnnouncedAt: null }),
    want: { field: 'year', code: 'year-mismatch', date: 'closesAt', at: copenhagen(2025, 6, 14, 12) },
  },
  {
    name: 'no dates at all: a historic round fits any year',
    year: 2016,
    t: timeline({ opensAt: null, closesAt: null, nomineesPublishedAt: null, winnerAnnouncedAt: null }),
    want: null,
  },
];
for (const c of yearCases) test(`yearProblem: ${c.name}`, () => assert.deepEqual(yearProblem(c.year, c.t), c.want));
