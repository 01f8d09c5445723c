import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyImportTexts, problemText } from './i18n.js';
import {
  checkRoundRow,
  checkSolutionRow,
  type ExistingRound,
  type ImportContext,
  looksLikeFormula,
  looksLikeHtml,
  parseStatus,
  parseWinner,
  planImport,
  type Problem,
} from './import-rules.js';
import { ROUND_FIELDS, SOLUTION_FIELDS, type RawRow, type RoundField, type SolutionField } from './parse.js';

const ctx: ImportContext = {
  establishedYear: 2015,
  organisationName: 'Region Midtjylland',
  currentYear: 2026,
  rounds: new Map(),
  solutionTitles: [],
};

let line = 1;
function round(values: Partial<Record<RoundField, string>>, formulas: RoundField[] = []): RawRow<RoundField> {
  const all = Object.fromEntries(ROUND_FIELDS.map((f) => [f, ''])) as Record<RoundField, string>;
  return { sheet: null, line: ++line, values: { ...all, year: '2019', nominee: 'Team A', ...values }, formulas };
}
function solution(values: Partial<Record<SolutionField, string>>, formulas: SolutionField[] = []): RawRow<SolutionField> {
  const all = Object.fromEntries(SOLUTION_FIELDS.map((f) => [f, ''])) as Record<SolutionField, string>;
  return { sheet: null, line: ++line, values: { ...all, title: 'Løsning', summary: 'Kort', year: '2020', ...values }, formulas };
}
const reasons = (ps: Problem[]) => ps.map((p) => p.reason);

test('a round row: each rule and its reason (a table of cases)', () => {
  const cases: [string, Partial<Record<RoundField, string>>, string[]][] = [
    ['a plain row', {}, []],
    ['year missing', { year: ' ' }, ['required']],
    ['year not four digits', { year: '19' }, ['year-invalid']],
    ['year written as text', { year: 'tyve' }, ['year-invalid']],
    ['year before the award', { year: '2014' }, ['year-before-award']],
    ['this year', { year: '2026' }, ['year-not-past']],
    ['a future year', { year: '2030' }, ['year-not-past']],
    ['the founding year', { year: '2015' }, []],
    ['last year', { year: '2025' }, []],
    ['nominee missing', { nominee: '' }, ['required']],
    ['nominee of control characters only', { nominee: '\u0000\u0007' }, ['required']],
    ['nominee too long', { nominee: 'x'.repeat(201) }, ['too-long']],
    ['summary too long', { summary: 'x'.repeat(1001) }, ['too-long']],
    ['summary of 1000', { summary: 'x'.repeat(1000) }, []],
    ['winner ja', { winner: 'Ja' }, []],
    ['winner x', { winner: 'X' }, []],
    ['winner nej', { winner: 'nej' }, []],
    ['winner maybe', { winner: 'måske' }, ['winner-invalid']],
    ['film https', { film: 'https://example.org/film' }, []],
    ['film not a link', { film: 'youtube' }, ['film-invalid']],
    ['film javascript', { film: 'javascript:alert(1)' }, ['film-invalid']],
    ['a formula', { nominee: '=HYPERLINK("https://x.dk","Team")' }, ['formula']],
    ['an @ formula', { theme: '@SUM(A1)' }, ['formula']],
    ['a +function formula', { unit: '+cmd(1)' }, ['formula']],
    ['a minus that is text', { summary: '- færre genindlæggelser' }, []],
    ['HTML', { title: '<b>Fed</b> titel' }, ['html']],
    ['a script', { summary: 'Se <script>alert(1)</script>' }, ['html']],
    ['a less-than that is text', { summary: 'Ventetid < 3 uger og 2>1' }, []],
    ['odd Unicode', { nominee: 'Ærø-teamet – “fiktiv” 🙂 e\u0301' }, []],
  ];
  for (const [name, values, expected] of cases) {
    assert.deepEqual(reasons(checkRoundRow(round(values), ctx).problems), expected, name);
  }
});

test('a round row: values are cleaned; title and organisation have defaults', () => {
  const { values } = checkRoundRow(round({ nominee: '  Team\tB \u0000 ', title: '', summary: '\r\nLinje 1\r\nLinje 2  ', organisation: '' }), ctx);
  assert.equal(values.nominee, 'Team B');
  assert.equal(values.title, 'Team B');
  assert.equal(values.summary, 'Linje 1\nLinje 2');
  assert.equal(values.organisation, 'Region Midtjylland');
  // NFC: "e" + combining acute is "é".
  assert.equal(checkRoundRow(round({ nominee: 'Rene\u0301' }), ctx).values.nominee, 'René');
  // A formula cell of a workbook is refused even when its result is plain text.
  assert.deepEqual(reasons(checkRoundRow(round({ nominee: 'AB' }, ['nominee']), ctx).problems), ['formula']);
});

test('a solution row: each rule and its reason', () => {
  const cases: [string, Partial<Record<SolutionField, string>>, string[]][] = [
    ['a plain row', {}, []],
    ['title missing', { title: '' }, ['required']],
    ['summary missing', { summary: '  ' }, ['required']],
    ['year missing', { year: '' }, ['required']],
    ['year too early', { year: '1989' }, ['solution-year']],
    ['this year', { year: '2026' }, []],
    ['next year', { year: '2027' }, ['solution-year']],
    ['status in Danish', { status: 'Afprøvet' }, []],
    ['status unknown', { status: 'færdig' }, ['status-invalid']],
    ['eleven tags', { tags: 'a,b,c,d,e,f,g,h,i,j,k' }, ['tags-invalid']],
    ['a tag too long', { tags: 'x'.repeat(41) }, ['tags-invalid']],
    ['description too long', { description: 'x'.repeat(10_001) }, ['too-long']],
    ['HTML in the title', { title: '<img src=x onerror=alert(1)>' }, ['html']],
  ];
  for (const [name, values, expected] of cases) {
    assert.deepEqual(reasons(checkSolutionRow(solution(values), ctx).problems), expected, name);
  }
  assert.deepEqual(checkSolutionRow(solution({ tags: ' Telemedicin, pårørende ,telemedicin' }), ctx).values.tags, ['telemedicin', 'pårørende']);
});

test('small rules: winner, status, formula, HTML', () => {
  assert.deepEqual(['ja', 'JA', ' x ', '1', 'yes', '✓'].map(parseWinner), [true, true, true, true, true, true]);
  assert.deepEqual(['', 'nej', '0', 'no', '-'].map(parseWinner), [false, false, false, false, false]);
  assert.equal(parseWinner('vandt måske'), null);
  assert.deepEqual(['', 'idé', 'Ide', 'spredt', 'implemented'].map(parseStatus), ['implemented', 'idea', 'idea', 'spread', 'implemented']);
  assert.equal(looksLikeFormula('=1+1'), true);
  assert.equal(looksLikeFormula('  =1'), true);
  assert.equal(looksLikeFormula('-SUM(A1)'), true);
  assert.equal(looksLikeFormula('-5 grader'), false);
  assert.equal(looksLikeFormula('+45 12 34 56 78'), false);
  assert.equal(looksLikeHtml('<p>'), true);
  assert.equal(looksLikeHtml('<!-- x -->'), true);
  assert.equal(looksLikeHtml('a < b > c'), false);
});

test('the file as a whole: a year agrees on theme and film, has one winner, names a nominee once', () => {
  const plan = planImport(
    {
      rounds: [
        round({ year: '2019', nominee: 'A', theme: 'Pårørende', winner: 'ja', film: 'https://example.org/a' }),
        round({ year: '2019', nominee: 'B', theme: 'pårørende ' }),
        round({ year: '2019', nominee: 'C', theme: 'Psykiatri' }),
        round({ year: '2019', nominee: 'D', winner: 'x' }),
        round({ year: '2019', nominee: ' a ', film: 'https://example.org/b' }),
      ],
      solutions: [solution({ title: 'Samme' }), solution({ title: 'samme' })],
    },
    ctx,
  );
  assert.deepEqual(
    plan.rounds.map((r) => [r.outcome, reasons(r.problems)]),
    [
      ['new', []],
      ['new', []],
      ['error', ['theme-conflict']],
      ['error', ['two-winners']],
      ['error', ['film-conflict', 'duplicate-in-file']],
    ],
  );
  assert.deepEqual(plan.rounds[3]!.problems, [{ reason: 'two-winners', line: plan.rounds[0]!.line }]);
  assert.deepEqual(
    plan.solutions.map((r) => reasons(r.problems)),
    [[], ['duplicate-in-file']],
  );
  // Nothing is written while any row has an error.
  assert.deepEqual(plan.writes, []);
  assert.deepEqual(plan.newSolutions, []);
  assert.equal(plan.counts.errors, 4);
});

test('against the database: new rounds, a placeholder completed, an imported round added to, a round run here refused, rows already there', () => {
  const rounds = new Map<number, ExistingRound>([
    [2018, { kind: 'placeholder', year: 2018, editionId: 18, theme: 'Særligt sårbare' }],
    [2019, { kind: 'imported', year: 2019, editionId: 19, theme: 'Pårørende', filmUrl: null, nominees: ['Team A'], winner: 'Team A' }],
    [2024, { kind: 'run-here', year: 2024 }],
  ]);
  const base = { ...ctx, rounds, solutionTitles: ['Kendt løsning'] };
  const ok = planImport(
    {
      rounds: [
        round({ year: '2017', nominee: 'Ny', theme: 'Børn', winner: 'ja' }),
        round({ year: '2018', nominee: 'P', theme: 'særligt  sårbare' }),
        round({ year: '2019', nominee: 'team a', winner: 'ja' }),
        round({ year: '2019', nominee: 'Team B', film: 'https://example.org/f' }),
      ],
      solutions: [solution({ title: 'KENDT løsning ' }), solution({ title: 'Ny løsning' })],
    },
    base,
  );
  assert.deepEqual(
    ok.rounds.map((r) => r.outcome),
    ['new', 'new', 'already-there', 'new'],
  );
  assert.deepEqual(
    ok.writes.map((w) => [w.year, w.action, w.editionId, w.theme, w.filmUrl, w.nominees.map((n) => n.name), w.winner]),
    [
      [2017, 'create', null, 'Børn', null, ['Ny'], 'Ny'],
      [2018, 'complete', 18, null, null, ['P'], null],
      [2019, 'add', 19, null, 'https://example.org/f', ['Team B'], null],
    ],
  );
  assert.deepEqual(ok.counts, { roundsCreated: 1, roundsCompleted: 1, nomineesCreated: 3, solutionsCreated: 1, alreadyThere: 2, errors: 0 });
  assert.deepEqual(
    ok.newSolutions.map((s) => s.title),
    ['Ny løsning'],
  );

  const refused = planImport(
    {
      rounds: [
        round({ year: '2024', nominee: 'X' }),
        round({ year: '2018', nominee: 'Y', theme: 'Andet tema' }),
        round({ year: '2019', nominee: 'Team C', winner: 'ja' }),
      ],
      solutions: [],
    },
    base,
  );
  assert.deepEqual(
    refused.rounds.map((r) => reasons(r.problems)),
    [['round-run-here'], ['theme-differs'], ['winner-differs']],
  );
  // The same file again after it was applied: everything is already there, nothing to write.
  const again = planImport(
    { rounds: [round({ year: '2019', nominee: 'Team A', winner: 'ja', theme: 'Pårørende' })], solutions: [solution({ title: 'Kendt løsning' })] },
    base,
  );
  assert.deepEqual(again.writes, []);
  assert.deepEqual(again.newSolutions, []);
  assert.equal(again.counts.alreadyThere, 2);
});

test('every reason has a Danish and an English message that says how to fix it', () => {
  const all: Problem[] = [
    { reason: 'required', field: 'year' },
    { reason: 'too-long', field: 'summary', max: 1000 },
    { reason: 'formula', field: 'nominee' },
    { reason: 'html', field: 'title' },
    { reason: 'year-invalid' },
    { reason: 'year-before-award', established: 2015 },
    { reason: 'year-not-past', currentYear: 2026 },
    { reason: 'solution-year', currentYear: 2026 },
    { reason: 'winner-invalid' },
    { reason: 'film-invalid' },
    { reason: 'status-invalid' },
    { reason: 'tags-invalid' },
    { reason: 'theme-conflict', line: 3 },
    { reason: 'film-conflict', line: 3 },
    { reason: 'two-winners', line: 3 },
    { reason: 'duplicate-in-file', line: 3 },
    { reason: 'round-run-here', year: 2024 },
    { reason: 'theme-differs', existing: 'Pårørende' },
    { reason: 'film-differs', existing: 'https://example.org' },
    { reason: 'winner-differs', existing: 'Team A' },
  ];
  for (const locale of ['da', 'en'] as const) {
    for (const p of all) {
      const text = problemText(historyImportTexts(locale), p);
      assert.ok(text.length > 20 && text.endsWith('.'), `${locale} ${p.reason}: ${text}`);
    }
  }
  assert.equal(
    problemText(historyImportTexts('da'), { reason: 'two-winners', line: 3 }),
    'Året har allerede en vinder i række 3. Der kan kun være én vinder hvert år.',
  );
});
