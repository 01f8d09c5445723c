/**
 * The rules of the import of earlier years: which rows of a file are fit to import, what is
 * already there, and what the import would create. Pure (no I/O, no clock): the preview (the dry
 * run) and the apply both call `planImport` with what the database holds, so the apply does
 * exactly what the preview showed. Each rule returns its reasons; i18n.ts words them.
 *
 * Natural keys, so a second run of the same file creates nothing: a round is its award and year;
 * a nominee is its award, year and name (trimmed, any case); a solution is its title and
 * organisation (trimmed, any case).
 */
import { cleanText, isHttpUrl } from '../platform/fields.js';
import type { RawRow, RoundField, SolutionField } from './parse.js';

export const LIMITS = { theme: 200, nominee: 200, title: 200, summary: 1000, description: 10_000, unit: 200, organisation: 200, film: 500 } as const;
export const SOLUTION_STATUSES = ['idea', 'tested', 'implemented', 'spread'] as const;
export type ImportedStatus = (typeof SOLUTION_STATUSES)[number];
/** The idea bank's earliest year (its own form's rule). */
export const FIRST_SOLUTION_YEAR = 1990;

export type Problem =
  | { reason: 'required'; field: RoundField | SolutionField }
  | { reason: 'too-long'; field: RoundField | SolutionField; max: number }
  | { reason: 'formula'; field: RoundField | SolutionField }
  | { reason: 'html'; field: RoundField | SolutionField }
  | { reason: 'year-invalid' }
  | { reason: 'year-before-award'; established: number }
  | { reason: 'year-not-past'; currentYear: number }
  | { reason: 'solution-year'; currentYear: number }
  | { reason: 'winner-invalid' }
  | { reason: 'film-invalid' }
  | { reason: 'status-invalid' }
  | { reason: 'tags-invalid' }
  | { reason: 'theme-conflict'; line: number }
  | { reason: 'film-conflict'; line: number }
  | { reason: 'two-winners'; line: number }
  | { reason: 'duplicate-in-file'; line: number }
  | { reason: 'round-run-here'; year: number }
  | { reason: 'theme-differs'; existing: string }
  | { reason: 'film-differs'; existing: string }
  | { reason: 'winner-differs'; existing: string };

export type Outcome = 'new' | 'already-there' | 'error';

export type RoundValues = {
  year: number | null;
  theme: string;
  nominee: string;
  title: string;
  summary: string;
  unit: string;
  organisation: string;
  winner: boolean;
  film: string;
};
export type SolutionValues = { title: string; summary: string; description: string; unit: string; status: ImportedStatus; year: number | null; tags: string[] };

export type RowPlan<V> = { sheet: string | null; line: number; values: V; outcome: Outcome; problems: Problem[] };

/** What the database holds of one year of the award. */
export type ExistingRound =
  | { kind: 'run-here'; year: number }
  | { kind: 'placeholder'; year: number; editionId: number; theme: string | null }
  | {
      kind: 'imported';
      year: number;
      editionId: number;
      theme: string | null;
      filmUrl: string | null;
      /** The names of its nominees (as stored), and the winner's. */
      nominees: string[];
      winner: string | null;
    };

export type ImportContext = {
  establishedYear: number;
  organisationName: string;
  currentYear: number;
  rounds: ReadonlyMap<number, ExistingRound>;
  /** Titles of the organisation's solutions in the idea bank. */
  solutionTitles: readonly string[];
};

/** One year to write: a new round, a placeholder (year and theme only) completed, or nominees added to an imported one. */
export type RoundWrite = {
  year: number;
  action: 'create' | 'complete' | 'add';
  editionId: number | null;
  /** The theme and film link to set (null: keep what is there). */
  theme: string | null;
  filmUrl: string | null;
  nominees: { name: string; title: string; summary: string; unit: string; organisation: string }[];
  /** The winner's name, when the round gets its winner now (a new nominee or one already there). */
  winner: string | null;
};

export type ImportPlan = {
  rounds: RowPlan<RoundValues>[];
  solutions: RowPlan<SolutionValues>[];
  writes: RoundWrite[];
  newSolutions: SolutionValues[];
  counts: { roundsCreated: number; roundsCompleted: number; nomineesCreated: number; solutionsCreated: number; alreadyThere: number; errors: number };
};

/** Names, titles and themes are compared trimmed, with single spaces, in any case. */
export const sameKey = (a: string, b: string) => keyOf(a) === keyOf(b);
export const keyOf = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');

/** Whether a cell reads as a spreadsheet formula (=…, @…, +SUM(…), -HYPERLINK(…)). Nothing in a file is ever run. */
export function looksLikeFormula(text: string): boolean {
  const s = text.trimStart();
  return /^[=@]/.test(s) || /^[+-]\s*[A-Za-z_.]+\s*\(/.test(s);
}

/** Whether a cell holds HTML markup (a tag, a comment, a doctype). Text is shown as text, but markup in old records is a mistake. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z!?][^<>]*>/i.test(text);
}

const YES = new Set(['ja', 'j', 'x', '1', 'yes', 'y', 'true', 'sand', 'vinder', 'winner', '✓', '✔']);
const NO = new Set(['', 'nej', 'n', '0', 'no', 'false', 'falsk', '-']);

/** "ja", "x", "1" … is the winner; "", "nej", "0" … is not; anything else is a mistake. */
export function parseWinner(raw: string): boolean | null {
  const v = keyOf(raw);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

const STATUS_WORDS: Record<string, ImportedStatus> = {
  idé: 'idea',
  ide: 'idea',
  idea: 'idea',
  afprøvet: 'tested',
  afproevet: 'tested',
  tested: 'tested',
  implementeret: 'implemented',
  implemented: 'implemented',
  spredt: 'spread',
  spread: 'spread',
};

/** A solution's status in Danish or English; empty is "implementeret" (an earlier year's solution was put to use). */
export function parseStatus(raw: string): ImportedStatus | null {
  const v = keyOf(raw);
  if (v === '') return 'implemented';
  return STATUS_WORDS[v] ?? null;
}

/** The tags of "telemedicin, pårørende": trimmed, lower case, no duplicates (the idea bank's own rule). */
export function splitTags(raw: string): string[] {
  const out: string[] = [];
  for (const t of raw.split(/[,;\n]/)) {
    const tag = t.replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function textProblems<F extends RoundField | SolutionField>(field: F, value: string, raw: RawRow<F>, max: number): Problem[] {
  if (raw.formulas.includes(field) || looksLikeFormula(value)) return [{ reason: 'formula', field }];
  if (looksLikeHtml(value)) return [{ reason: 'html', field }];
  if (value.length > max) return [{ reason: 'too-long', field, max }];
  return [];
}

function yearOf(raw: string): number | null {
  const s = raw.trim();
  return /^\d{4}$/.test(s) ? Number(s) : null;
}

/** One row of an earlier round on its own: its values cleaned, and what is wrong with it. */
export function checkRoundRow(
  raw: RawRow<RoundField>,
  ctx: Pick<ImportContext, 'establishedYear' | 'organisationName' | 'currentYear'>,
): { values: RoundValues; problems: Problem[] } {
  const v = raw.values;
  const one = (f: RoundField) => cleanText(v[f], false);
  const problems: Problem[] = [];
  const year = yearOf(v.year);
  if (v.year.trim() === '') problems.push({ reason: 'required', field: 'year' });
  else if (year === null) problems.push({ reason: 'year-invalid' });
  else if (year < ctx.establishedYear) problems.push({ reason: 'year-before-award', established: ctx.establishedYear });
  else if (year >= ctx.currentYear) problems.push({ reason: 'year-not-past', currentYear: ctx.currentYear });
  const nominee = one('nominee');
  if (nominee === '') problems.push({ reason: 'required', field: 'nominee' });
  const values: RoundValues = {
    year: problems.some((p) => p.reason.startsWith('year') || (p.reason === 'required' && p.field === 'year')) ? null : year,
    theme: one('theme'),
    nominee,
    title: one('title') || nominee,
    summary: cleanText(v.summary, true),
    unit: one('unit'),
    organisation: one('organisation') || ctx.organisationName,
    winner: parseWinner(v.winner) ?? false,
    film: one('film'),
  };
  for (const f of ['theme', 'nominee', 'title', 'summary', 'unit', 'organisation'] as const) {
    const shown = f === 'title' && one('title') === '' ? '' : f === 'organisation' && one('organisation') === '' ? '' : values[f];
    problems.push(...textProblems(f, shown, raw, LIMITS[f]));
  }
  if (parseWinner(v.winner) === null) problems.push({ reason: 'winner-invalid' });
  if (raw.formulas.includes('film') || looksLikeFormula(values.film)) problems.push({ reason: 'formula', field: 'film' });
  else if (values.film !== '' && (!isHttpUrl(values.film) || values.film.length > LIMITS.film)) problems.push({ reason: 'film-invalid' });
  if (raw.formulas.includes('year') || raw.formulas.includes('winner'))
    problems.push({ reason: 'formula', field: raw.formulas.includes('year') ? 'year' : 'winner' });
  return { values, problems };
}

/** One row of an idea-bank solution on its own. */
export function checkSolutionRow(raw: RawRow<SolutionField>, ctx: Pick<ImportContext, 'currentYear'>): { values: SolutionValues; problems: Problem[] } {
  const v = raw.values;
  const problems: Problem[] = [];
  const values: SolutionValues = {
    title: cleanText(v.title, false),
    summary: cleanText(v.summary, true),
    description: cleanText(v.description, true),
    unit: cleanText(v.unit, false),
    status: parseStatus(v.status) ?? 'implemented',
    year: yearOf(v.year),
    tags: splitTags(cleanText(v.tags, false)),
  };
  if (values.title === '') problems.push({ reason: 'required', field: 'title' });
  if (values.summary === '') problems.push({ reason: 'required', field: 'summary' });
  for (const f of ['title', 'summary', 'description', 'unit'] as const) problems.push(...textProblems(f, values[f], raw, LIMITS[f]));
  if (parseStatus(v.status) === null) problems.push({ reason: 'status-invalid' });
  if (v.year.trim() === '') problems.push({ reason: 'required', field: 'year' });
  else if (values.year === null || values.year < FIRST_SOLUTION_YEAR || values.year > ctx.currentYear) {
    problems.push({ reason: 'solution-year', currentYear: ctx.currentYear });
    values.year = null;
  }
  if (values.tags.length > 10 || values.tags.some((t) => t.length > 40)) problems.push({ reason: 'tags-invalid' });
  else if (looksLikeFormula(v.tags) || raw.formulas.includes('tags')) problems.push({ reason: 'formula', field: 'tags' });
  else if (looksLikeHtml(v.tags)) problems.push({ reason: 'html', field: 'tags' });
  if (raw.formulas.includes('year') || raw.formulas.includes('status'))
    problems.push({ reason: 'formula', field: raw.formulas.includes('year') ? 'year' : 'status' });
  return { values, problems };
}

/**
 * The whole file against what the database holds: each row with its outcome and reasons, and,
 * when no row has an error, what to write. Rows of the same year must agree on theme and film
 * link and name at most one winner; a name or title twice in the file is a mistake; a round that
 * was run in Prisportal is never touched by an import.
 */
export function planImport(file: { rounds: RawRow<RoundField>[]; solutions: RawRow<SolutionField>[] }, ctx: ImportContext): ImportPlan {
  const rounds: RowPlan<RoundValues>[] = [];
  const byYear = new Map<
    number,
    { theme?: { value: string; line: number }; film?: { value: string; line: number }; winnerLine?: number; names: Map<string, number> }
  >();
  for (const raw of file.rounds) {
    const { values, problems } = checkRoundRow(raw, ctx);
    let outcome: Outcome = 'new';
    if (values.year !== null) {
      const y = byYear.get(values.year) ?? { names: new Map<string, number>() };
      byYear.set(values.year, y);
      const existing = ctx.rounds.get(values.year);
      if (existing?.kind === 'run-here') problems.push({ reason: 'round-run-here', year: values.year });
      if (values.theme !== '') {
        if (y.theme && !sameKey(y.theme.value, values.theme)) problems.push({ reason: 'theme-conflict', line: y.theme.line });
        else y.theme ??= { value: values.theme, line: raw.line };
        if (existing && existing.kind !== 'run-here' && existing.theme && !sameKey(existing.theme, values.theme))
          problems.push({ reason: 'theme-differs', existing: existing.theme });
      }
      if (values.film !== '') {
        if (y.film && y.film.value !== values.film) problems.push({ reason: 'film-conflict', line: y.film.line });
        else y.film ??= { value: values.film, line: raw.line };
        if (existing?.kind === 'imported' && existing.filmUrl && existing.filmUrl !== values.film)
          problems.push({ reason: 'film-differs', existing: existing.filmUrl });
      }
      if (values.nominee !== '') {
        const seen = y.names.get(keyOf(values.nominee));
        if (seen !== undefined) problems.push({ reason: 'duplicate-in-file', line: seen });
        else y.names.set(keyOf(values.nominee), raw.line);
      }
      const already = existing?.kind === 'imported' && existing.nominees.some((n) => sameKey(n, values.nominee));
      if (values.winner) {
        if (y.winnerLine !== undefined) problems.push({ reason: 'two-winners', line: y.winnerLine });
        else y.winnerLine = raw.line;
        if (existing?.kind === 'imported' && existing.winner && !sameKey(existing.winner, values.nominee))
          problems.push({ reason: 'winner-differs', existing: existing.winner });
      }
      if (already) outcome = 'already-there';
    }
    if (problems.length > 0) outcome = 'error';
    rounds.push({ sheet: raw.sheet, line: raw.line, values, outcome, problems });
  }

  const solutions: RowPlan<SolutionValues>[] = [];
  const titles = new Map<string, number>();
  const existingTitles = new Set(ctx.solutionTitles.map(keyOf));
  for (const raw of file.solutions) {
    const { values, problems } = checkSolutionRow(raw, ctx);
    if (values.title !== '') {
      const seen = titles.get(keyOf(values.title));
      if (seen !== undefined) problems.push({ reason: 'duplicate-in-file', line: seen });
      else titles.set(keyOf(values.title), raw.line);
    }
    const outcome: Outcome = problems.length > 0 ? 'error' : existingTitles.has(keyOf(values.title)) ? 'already-there' : 'new';
    solutions.push({ sheet: raw.sheet, line: raw.line, values, outcome, problems });
  }

  const errors = rounds.filter((r) => r.outcome === 'error').length + solutions.filter((r) => r.outcome === 'error').length;
  const alreadyThere = rounds.filter((r) => r.outcome === 'already-there').length + solutions.filter((r) => r.outcome === 'already-there').length;
  const writes: RoundWrite[] = [];
  if (errors === 0) {
    const years = [...new Set(rounds.map((r) => r.values.year!))].sort((a, b) => a - b);
    for (const year of years) {
      const rows = rounds.filter((r) => r.values.year === year);
      const fresh = rows.filter((r) => r.outcome === 'new');
      const existing = ctx.rounds.get(year);
      const theme = rows.find((r) => r.values.theme !== '')?.values.theme ?? null;
      const film = rows.find((r) => r.values.film !== '')?.values.film ?? null;
      const nominees = fresh.map((r) => ({
        name: r.values.nominee,
        title: r.values.title,
        summary: r.values.summary,
        unit: r.values.unit,
        organisation: r.values.organisation,
      }));
      const winnerRow = rows.find((r) => r.values.winner);
      const winner = winnerRow && !(existing?.kind === 'imported' && existing.winner) ? winnerRow.values.nominee : null;
      if (!existing) writes.push({ year, action: 'create', editionId: null, theme, filmUrl: film, nominees, winner });
      else if (existing.kind === 'placeholder')
        writes.push({ year, action: 'complete', editionId: existing.editionId, theme: existing.theme ? null : theme, filmUrl: film, nominees, winner });
      else if (existing.kind === 'imported') {
        // Only what is missing is filled in; what is there stays (a difference is an error above).
        const setTheme = existing.theme ? null : theme;
        const setFilm = existing.filmUrl ? null : film;
        if (nominees.length > 0 || setTheme !== null || setFilm !== null || winner !== null)
          writes.push({ year, action: 'add', editionId: existing.editionId, theme: setTheme, filmUrl: setFilm, nominees, winner });
      }
    }
  }
  const newSolutions = errors === 0 ? solutions.filter((s) => s.outcome === 'new').map((s) => s.values) : [];
  return {
    rounds,
    solutions,
    writes,
    newSolutions,
    counts: {
      roundsCreated: writes.filter((w) => w.action === 'create').length,
      roundsCompleted: writes.filter((w) => w.action === 'complete').length,
      nomineesCreated: writes.reduce((n, w) => n + w.nominees.length, 0),
      solutionsCreated: newSolutions.length,
      alreadyThere,
      errors,
    },
  };
}
