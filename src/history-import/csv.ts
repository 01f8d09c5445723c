/**
 * A small RFC 4180 CSV reader for the import of earlier years. What Excel writes is the
 * measure: a byte order mark or none, UTF-8 or (Danish Excel's plain "CSV") Windows-1252,
 * semicolons (Danish Excel: the comma is the decimal sign), commas or tabs between fields,
 * CRLF or LF between records, quoted fields with doubled quotes and line breaks inside.
 */

export type CsvRecord = { line: number; cells: string[] };
export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; reason: 'unclosed-quote'; line: number };

/**
 * What Windows-1252 puts at 0x80–0x9F (Latin-1's control characters there): € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ
 * Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; the five bytes it leaves undefined stay as they are. Decoded here
 * rather than by `TextDecoder('windows-1252')`, which a Node built without full ICU (Debian's
 * Node 20) treats as Latin-1, turning a Danish Excel file's € into a control character.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Windows-1252 bytes as text: every byte is one character, Latin-1's except at 0x80–0x9F. */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte);
  return text;
}

/** The text of a CSV file: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * The separator of a file: the one of `;`, `,` and tab found most often in its first record
 * outside quotes (a header row such as `År;Tema;Nomineret`), `;` when none is found.
 */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ';';
  for (const [sep, n] of counts) if (n > counts.get(best)!) best = sep;
  return best;
}

/**
 * Records of `text` (RFC 4180, with `separator`). Each record carries the line it starts on
 * (1-based), so errors can name it as a spreadsheet does. A quote inside an unquoted field is
 * kept as it is, as Excel does; a quoted field that never closes is refused.
 */
export function parseCsv(text: string, separator = detectSeparator(text)): CsvResult {
  const records: CsvRecord[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, cells: record });
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (ch === separator) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, reason: 'unclosed-quote', line: quoteLine };
  // The last record, unless the file ended with its line break.
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return { ok: true, records };
}
