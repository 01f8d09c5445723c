import yauzl from 'yauzl';

/**
 * Reading an XLSX file for the import of earlier years. exceljs is loaded only when an XLSX
 * file arrives (it is large, and most pages never need it). Before it unpacks anything, the
 * zip's directory is read with yauzl and a file that claims to unpack to far more than a sheet
 * of earlier years can hold is refused (a zip bomb), as is an encrypted one.
 */

/** One cell as the import sees it: its text, and whether the spreadsheet holds a formula there. */
export type SheetCell = { text: string; formula: boolean };
export type SheetRow = { line: number; cells: SheetCell[] };
export type Sheet = { name: string; rows: SheetRow[] };

export type XlsxResult = { ok: true; sheets: Sheet[] } | { ok: false; reason: 'damaged' | 'unpacks-too-large' };

const LIMITS = { maxEntries: 500, maxUnpackedBytes: 40 * 1024 * 1024 };

/** Whether the bytes are a zip archive (an XLSX file is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

async function zipIsSane(data: Buffer): Promise<XlsxResult | null> {
  try {
    const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
    if (zip.entryCount > LIMITS.maxEntries) return { ok: false, reason: 'unpacks-too-large' };
    let unpacked = 0;
    for await (const e of zip.eachEntry()) {
      if (e.isEncrypted()) return { ok: false, reason: 'damaged' };
      unpacked += e.uncompressedSize;
      if (unpacked > LIMITS.maxUnpackedBytes) return { ok: false, reason: 'unpacks-too-large' };
    }
    zip.close();
    return null;
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

/** The text of a cell value as Excel shows it; dates as YYYY-MM-DD, numbers without grouping. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    // A hyperlink cell: the link itself is what the import wants (a film link), else its text.
    if (typeof v.hyperlink === 'string') return v.hyperlink.startsWith('mailto:') ? cellText(v.text) : v.hyperlink;
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return '';
}

/** Every sheet of the workbook with its rows (empty rows left out), each row with its row number. */
export async function readXlsx(data: Buffer): Promise<XlsxResult> {
  const insane = await zipIsSane(data);
  if (insane) return insane;
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  const sheets: Sheet[] = [];
  workbook.eachSheet((ws) => {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: SheetCell[] = [];
      const count = Math.min(row.cellCount, 100);
      for (let c = 1; c <= count; c++) {
        const cell = row.getCell(c);
        const v = cell.value as unknown;
        const formula = v !== null && typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object));
        cells.push({ text: cellText(v), formula });
      }
      rows.push({ line: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  });
  return { ok: true, sheets };
}
