import { TIME_ZONE } from './time.js';

/**
 * Tables for spreadsheets: CSV for Danish Excel and XLSX, and the download header. Used by the
 * nominations export, the idea bank export and the committee's score sheets.
 */

export type ExportCell = string | Date | null;
export type ExportTable = { sheetName: string; headers: string[]; rows: ExportCell[][] };

export function contentDisposition(fileName: string): string {
  // The name is plain ASCII; filename* is given too, as RFC 6266 recommends.
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time of an instant in Copenhagen. */
function wallClock(d: Date) {
  const p: Record<string, string> = {};
  for (const part of wallClockFormat.formatToParts(d)) p[part.type] = part.value;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** "2020-12-18 12:00" in Copenhagen: Excel reads it as a date and time, and it sorts as text too. */
export function formatExportInstant(d: Date): string {
  const w = wallClock(d);
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
}

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return that
 * some programs strip before looking) gets a leading apostrophe (OWASP: CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with the separator, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return formatExportInstant(cell);
  return csvField(neutraliseFormula(cell));
}

/**
 * CSV for Danish Excel: UTF-8 with a byte order mark (so æ, ø and å open correctly),
 * semicolons between fields (Danish Excel uses the comma as its decimal separator),
 * CRLF between records.
 */
export function toCsv(table: ExportTable): Buffer {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR));
  return Buffer.from(`${BOM + lines.join('\r\n')}\r\n`, 'utf8');
}

/** An instant as the Copenhagen wall-clock time Excel shows (Excel dates have no time zone). */
function excelDate(d: Date): Date {
  const w = wallClock(d);
  return new Date(Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second));
}

/**
 * An XLSX workbook with one sheet: a bold header row that stays in view, a filter on every
 * column, text as text (never as a formula) and instants as dates in Copenhagen time.
 * exceljs is loaded on the first export, not when the app starts (it is large).
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prisportal';
  // Fixed, so the same data gives the same file.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  // Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name.
  const sheet = workbook.addWorksheet(table.sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.headers.map((header, i) => {
    const longest = table.rows.reduce((m, r) => Math.max(m, cellWidth(r[i] ?? null)), header.length);
    return { header, width: Math.min(60, Math.max(12, longest + 2)) };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map((c) => (c instanceof Date ? excelDate(c) : (c ?? ''))));
    row.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (c instanceof Date) cell.numFmt = 'dd-mm-yyyy hh:mm';
      else if (typeof c === 'string' && c.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  if (table.headers.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.headers.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellWidth(c: ExportCell): number {
  if (c === null) return 0;
  if (c instanceof Date) return 16;
  return c.split('\n').reduce((m, l) => Math.max(m, l.length), 0);
}
