import { decodeCsvBytes, parseCsv } from './csv.js';
import { looksLikeZip, readXlsx, type Sheet } from './xlsx.js';

/**
 * The parser of an import file: XLSX (every sheet) or CSV, to rows of earlier rounds and of
 * idea-bank solutions keyed by field. Which kind a table holds is told by its header row (a
 * "Nomineret" column: rounds; "Titel" without it: solutions), so one workbook may hold both on
 * two sheets. Column names are matched without regard to case, accents written as Excel users
 * do ("Aar", "Resume") or a trailing "*"; unknown columns are reported and left out.
 */

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Rows of data in one file, all sheets together. */
export const MAX_ROWS = 1000;
/** Characters in one cell; the longest field kept (a solution's description) is 10,000. */
export const MAX_CELL_CHARS = 20_000;

export const ROUND_FIELDS = ['year', 'theme', 'nominee', 'title', 'summary', 'unit', 'organisation', 'winner', 'film'] as const;
export const SOLUTION_FIELDS = ['title', 'summary', 'description', 'unit', 'status', 'year', 'tags'] as const;
export type RoundField = (typeof ROUND_FIELDS)[number];
export type SolutionField = (typeof SOLUTION_FIELDS)[number];
export type TableKind = 'rounds' | 'solutions';

/** The column names each field answers to (compared after `headerKey`); the first is the sample file's. */
export const COLUMN_NAMES: { rounds: Record<RoundField, string[]>; solutions: Record<SolutionField, string[]> } = {
  rounds: {
    year: ['År', 'aar', 'year'],
    theme: ['Tema', 'theme'],
    nominee: ['Nomineret', 'nominerede', 'nominee', 'navn'],
    title: ['Titel', 'løsning', 'title'],
    summary: ['Resumé', 'resume', 'beskrivelse', 'summary'],
    unit: ['Enhed', 'afdeling', 'unit'],
    organisation: ['Organisation', 'organization', 'arbejdsplads'],
    winner: ['Vinder', 'vandt', 'winner'],
    film: ['Film', 'filmlink', 'link til film', 'film link', 'video'],
  },
  solutions: {
    title: ['Titel', 'title'],
    summary: ['Resumé', 'resume', 'kort resumé', 'summary'],
    description: ['Beskrivelse', 'description'],
    unit: ['Enhed', 'afdeling', 'unit'],
    status: ['Status'],
    year: ['År', 'aar', 'year', 'startår'],
    tags: ['Emneord', 'emner', 'tags'],
  },
};

const REQUIRED: { rounds: RoundField[]; solutions: SolutionField[] } = { rounds: ['year', 'nominee'], solutions: ['title', 'summary', 'year'] };

/** A column name compared: NFC, lower case, single spaces, no "*" or "(…)" after it. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type RawRow<F extends string> = {
  /** The sheet's name in a workbook; null in a CSV file. */
  sheet: string | null;
  /** The row's number as the spreadsheet shows it (the header is usually 1). */
  line: number;
  values: Record<F, string>;
  /** Fields whose cell holds a spreadsheet formula (refused: nothing in a file is run). */
  formulas: F[];
};

export type ParsedFile = {
  format: 'csv' | 'xlsx';
  rounds: RawRow<RoundField>[];
  solutions: RawRow<SolutionField>[];
  /** Column names no field answers to, left out ("Runder: Bemærkning"). */
  ignoredColumns: string[];
};

export type ParseRefusal =
  | { reason: 'empty' }
  | { reason: 'too-big' }
  | { reason: 'damaged' }
  | { reason: 'unpacks-too-large' }
  | { reason: 'unclosed-quote'; line: number }
  | { reason: 'no-known-columns' }
  | { reason: 'missing-columns'; kind: TableKind; sheet: string | null; columns: string[] }
  | { reason: 'too-many-rows'; rows: number };

export type ParseResult = ({ ok: true } & ParsedFile) | ({ ok: false } & ParseRefusal);

type Table = { sheet: string | null; rows: { line: number; cells: { text: string; formula: boolean }[] }[] };

/** Reads an uploaded file's bytes: XLSX by its zip signature, anything else as CSV text. */
export async function parseImportFile(bytes: Buffer): Promise<ParseResult> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, reason: 'too-big' };
  if (looksLikeZip(bytes)) {
    const x = await readXlsx(bytes);
    if (!x.ok) return { ok: false, reason: x.reason };
    return fromTables(
      'xlsx',
      x.sheets.map((s: Sheet) => ({ sheet: s.name, rows: s.rows })),
    );
  }
  // A binary file that is not a zip (an old .xls, a PDF) is not a table of text.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'damaged' };
  const csv = parseCsv(decodeCsvBytes(bytes));
  if (!csv.ok) return { ok: false, reason: 'unclosed-quote', line: csv.line };
  return fromTables('csv', [{ sheet: null, rows: csv.records.map((r) => ({ line: r.line, cells: r.cells.map((text) => ({ text, formula: false })) })) }]);
}

function fieldOfHeader(kind: TableKind, header: string): string | null {
  const key = headerKey(header);
  if (key === '') return null;
  for (const [field, names] of Object.entries(COLUMN_NAMES[kind])) if (names.some((n) => headerKey(n) === key)) return field;
  return null;
}

const blank = (cells: { text: string }[]) => cells.every((c) => c.text.trim() === '');

function fromTables(format: 'csv' | 'xlsx', tables: Table[]): ParseResult {
  const out: ParsedFile = { format, rounds: [], solutions: [], ignoredColumns: [] };
  let found = false;
  let total = 0;
  for (const table of tables) {
    const rows = table.rows.filter((r) => !blank(r.cells));
    const header = rows[0];
    if (!header) continue;
    const headers = header.cells.map((c) => c.text);
    const kind: TableKind | null = headers.some((h) => fieldOfHeader('rounds', h) === 'nominee')
      ? 'rounds'
      : headers.some((h) => fieldOfHeader('solutions', h) === 'title')
        ? 'solutions'
        : null;
    // A sheet of instructions or notes beside the data is left alone.
    if (kind === null) continue;
    found = true;
    const columns = headers.map((h) => fieldOfHeader(kind, h));
    const missing = (REQUIRED[kind] as string[]).filter((f) => !columns.includes(f));
    if (missing.length > 0) {
      const names = COLUMN_NAMES[kind] as Record<string, string[]>;
      return { ok: false, reason: 'missing-columns', kind, sheet: table.sheet, columns: missing.map((f) => names[f]![0]!) };
    }
    headers.forEach((h, i) => {
      const unused = columns[i] === null || columns.indexOf(columns[i]!) !== i;
      if (unused && h.trim() !== '') out.ignoredColumns.push(table.sheet ? `${table.sheet}: ${h.trim()}` : h.trim());
    });
    const fields = kind === 'rounds' ? ROUND_FIELDS : SOLUTION_FIELDS;
    for (const r of rows.slice(1)) {
      total++;
      if (total > MAX_ROWS) continue;
      const values = Object.fromEntries(fields.map((f) => [f, ''])) as Record<string, string>;
      const formulas: string[] = [];
      r.cells.forEach((cell, i) => {
        const field = columns[i];
        if (!field) return;
        // The first column a field answers to is read; a second one ("Resumé" and "Beskrivelse") is reported as left out.
        if (columns.indexOf(field) !== i) return;
        values[field] = cell.text.slice(0, MAX_CELL_CHARS + 1);
        if (cell.formula) formulas.push(field);
      });
      const row = { sheet: table.sheet, line: r.line, values, formulas };
      if (kind === 'rounds') out.rounds.push(row as RawRow<RoundField>);
      else out.solutions.push(row as RawRow<SolutionField>);
    }
  }
  if (!found) return { ok: false, reason: 'no-known-columns' };
  if (total > MAX_ROWS) return { ok: false, reason: 'too-many-rows', rows: total };
  return { ok: true, ...out };
}
