import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

/**
 * What an uploaded file really is, decided by its bytes, never by its name or by the type
 * the browser claims. Four kinds are accepted; everything else is refused with a reason the
 * page turns into a Danish message.
 *
 * The type is the one the magic bytes at offset 0 say. On top of that, a file is refused when
 * another program would read it as something else (a polyglot):
 * - HTML/SVG/script markup in the first 1 KB (what browsers have sniffed for),
 * - a `%PDF-` header in the first 1 KB of a non-PDF (PDF readers look that far),
 * - a ZIP end-of-central-directory record at the end of a non-ZIP (ZIP readers read from the end),
 * - data after a PNG's IEND chunk, data before a ZIP's first entry, duplicate ZIP entries.
 * JPEG may carry data after its image (phones append motion-photo video there), but not a ZIP.
 *
 * A DOCX is a ZIP: it must be a real Office Open XML word-processing document (a
 * `[Content_Types].xml` naming `/word/document.xml` as the main part, which must exist and be
 * a `document` element), without macros, DTDs or encrypted entries, and its declared unpacked
 * size must be sane (see ZIP_LIMITS). Only two small parts are ever unpacked, with a cap, and
 * yauzl checks that each one's real size matches the declared size.
 */

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'docx';

export const FILE_KINDS: Record<FileKind, { mediaType: string; extension: string; aliases: string[]; label: string }> = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf', aliases: ['pdf'], label: 'PDF' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg', aliases: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'JPEG' },
  png: { mediaType: 'image/png', extension: 'png', aliases: ['png'], label: 'PNG' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    aliases: ['docx'],
    label: 'Word (DOCX)',
  },
};

export type RefusalReason = 'empty' | 'wrong-type' | 'damaged' | 'mixed' | 'unpacks-too-large' | 'macros';

/** `detail` is a short English note for the log; the user sees a message for `reason`. */
export type Inspection = { ok: true; kind: FileKind } | { ok: false; reason: RefusalReason; detail: string };

export const ZIP_LIMITS = {
  /** Sum of the declared unpacked sizes of all entries. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  /** Unpacked size / packed size, for the archive and for each entry above `ratioFloorBytes`. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 5_000,
  /** `[Content_Types].xml` is a few KB in real documents. */
  maxContentTypesBytes: 1024 * 1024,
  /** How much of word/document.xml is unpacked to see its root element. */
  documentHeadBytes: 64 * 1024,
} as const;

const HEAD = 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MARKUP = /<(?:!doctype|html|head|body|script|iframe|frame|frameset|svg|object|embed|meta|style|link|base|form)[\s/>]/;
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const refuse = (reason: RefusalReason, detail: string): Inspection => ({ ok: false, reason, detail });

type MagicKind = Exclude<FileKind, 'docx'> | 'zip';

function kindByMagic(b: Buffer): MagicKind | null {
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (b.length >= 4 && b.readUInt32LE(0) === 0x04034b50) return 'zip';
  return null;
}

/** Inspects a whole file held in memory (at most 10 MB here). Never throws. */
export async function inspectFile(data: Buffer): Promise<Inspection> {
  if (data.length === 0) return refuse('empty', 'no bytes');
  const kind = kindByMagic(data);
  if (!kind) return refuse('wrong-type', `unknown magic ${data.subarray(0, 8).toString('hex')}`);
  const head = data.toString('latin1', 0, Math.min(HEAD, data.length)).toLowerCase();
  if (MARKUP.test(head)) return refuse('mixed', 'markup in the first 1 KB');
  if (kind !== 'pdf' && head.includes('%pdf-')) return refuse('mixed', 'a PDF header in the first 1 KB');
  if (kind !== 'zip' && hasZipTrailer(data)) return refuse('mixed', 'a ZIP directory at the end');
  try {
    switch (kind) {
      case 'pdf':
        return checkPdf(data);
      case 'jpeg':
        return checkJpeg(data);
      case 'png':
        return checkPng(data);
      case 'zip':
        return await checkDocx(data);
    }
  } catch (err) {
    return refuse('damaged', `inspection failed: ${(err as Error).message}`);
  }
}

function checkPdf(b: Buffer): Inspection {
  if (!/^%PDF-[12]\.\d/.test(b.toString('latin1', 0, 8))) return refuse('damaged', 'pdf: bad version header');
  if (!b.toString('latin1', Math.max(0, b.length - HEAD)).includes('%%EOF')) return refuse('damaged', 'pdf: no %%EOF at the end');
  return { ok: true, kind: 'pdf' };
}

/** Walks the JPEG's marker segments from SOI to the start of scan. */
function checkJpeg(b: Buffer): Inspection {
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return refuse('damaged', `jpeg: no marker at ${i}`);
    let marker = b[i + 1]!;
    while (marker === 0xff && i + 2 < b.length) marker = b[++i + 1]!;
    if (marker === 0xda) return { ok: true, kind: 'jpeg' }; // start of scan: image data follows
    if (marker === 0xd9) return refuse('damaged', 'jpeg: ends before any image data');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 3 >= b.length) break;
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return refuse('damaged', `jpeg: bad segment length at ${i}`);
    i += 2 + length;
  }
  return refuse('damaged', 'jpeg: no image data');
}

/** Walks the PNG's chunks: IHDR first, IEND last, nothing after it. */
function checkPng(b: Buffer): Inspection {
  let i = 8;
  let first = true;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return refuse('damaged', `png: bad chunk at ${i}`);
    if (first && (type !== 'IHDR' || length !== 13)) return refuse('damaged', 'png: IHDR is not the first chunk');
    first = false;
    const end = i + 12 + length;
    if (end > b.length) return refuse('damaged', `png: chunk ${type} runs past the end`);
    if (type === 'IEND') return end === b.length ? { ok: true, kind: 'png' } : refuse('mixed', `png: ${b.length - end} bytes after IEND`);
    i = end;
  }
  return refuse('damaged', 'png: no IEND chunk');
}

/**
 * Whether a ZIP reader would find an archive at the end of these bytes: an end-of-central-
 * directory record whose comment reaches exactly to the end and whose directory lies inside.
 */
export function hasZipTrailer(b: Buffer): boolean {
  const last = b.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (b[i] !== 0x50 || b.readUInt32LE(i) !== 0x06054b50) continue;
    if (b.readUInt16LE(i + 20) !== b.length - i - 22) continue;
    const size = b.readUInt32LE(i + 12);
    const offset = b.readUInt32LE(i + 16);
    if (offset === 0xffffffff || size === 0xffffffff) return true; // ZIP64: a ZIP either way
    if (size === 0 || size > i) continue;
    // Readers find the directory where the record says, or, for an archive appended to other
    // data (offsets not adjusted), right before the record.
    if (b.readUInt32LE(i - size) === 0x02014b50) return true;
    if (offset + size <= i && b.readUInt32LE(offset) === 0x02014b50) return true;
  }
  return false;
}

/** Reads at most `cap` unpacked bytes of an entry, as UTF-8 text. */
async function readEntry(zip: ZipFile, entry: Entry, cap: number): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= cap) break; // leaving the loop destroys the stream: nothing more is unpacked
  }
  return Buffer.concat(chunks).subarray(0, cap).toString('utf8');
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];

async function checkDocx(data: Buffer): Promise<Inspection> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
  } catch (err) {
    return refuse('damaged', `zip: ${(err as Error).message}`);
  }
  if (zip.entryCount > ZIP_LIMITS.maxEntries) return refuse('unpacks-too-large', `zip: ${zip.entryCount} entries`);
  const byName = new Map<string, Entry>();
  let unpacked = 0;
  let firstOffset = Number.POSITIVE_INFINITY;
  try {
    for await (const e of zip.eachEntry()) {
      if (e.isEncrypted()) return refuse('damaged', `zip: encrypted entry ${e.fileName}`);
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) return refuse('damaged', `zip: compression method ${e.compressionMethod}`);
      const name = e.fileName.toLowerCase();
      if (byName.has(name)) return refuse('mixed', `zip: duplicate entry ${e.fileName}`);
      byName.set(name, e);
      unpacked += e.uncompressedSize;
      firstOffset = Math.min(firstOffset, e.relativeOffsetOfLocalHeader);
      if (e.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && e.uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(e.compressedSize, 1)) {
        return refuse('unpacks-too-large', `zip: ${e.fileName} unpacks ${e.uncompressedSize} from ${e.compressedSize}`);
      }
      if (unpacked > ZIP_LIMITS.maxUnpackedBytes) return refuse('unpacks-too-large', `zip: unpacks to more than ${ZIP_LIMITS.maxUnpackedBytes}`);
    }
  } catch (err) {
    return refuse('damaged', `zip: ${(err as Error).message}`);
  }
  if (unpacked > ZIP_LIMITS.ratioFloorBytes && unpacked > ZIP_LIMITS.maxRatio * data.length) {
    return refuse('unpacks-too-large', `zip: unpacks ${unpacked} from ${data.length}`);
  }
  if (byName.size > 0 && firstOffset !== 0) return refuse('mixed', 'zip: data before the first entry');

  const types = byName.get('[content_types].xml');
  if (!types) return refuse('wrong-type', 'zip: not Office Open XML (no [Content_Types].xml)');
  if (types.uncompressedSize > ZIP_LIMITS.maxContentTypesBytes) return refuse('damaged', 'ooxml: [Content_Types].xml too large');
  let typesXml: string;
  let docHead: string;
  try {
    typesXml = await readEntry(zip, types, ZIP_LIMITS.maxContentTypesBytes);
    if (/<!(?:doctype|entity)/i.test(typesXml)) return refuse('damaged', 'ooxml: DTD in [Content_Types].xml');
    if (/macroenabled/i.test(typesXml) || byName.has('word/vbaproject.bin')) return refuse('macros', 'ooxml: macro-enabled document');
    const overrides = typesXml.match(/<(?:\w+:)?Override\b[^>]*>/gi) ?? [];
    const main = overrides.find((tag) => attr(tag, 'ContentType')?.toLowerCase() === WORD_MAIN);
    if (!main) return refuse('wrong-type', 'ooxml: not a word-processing document');
    if (attr(main, 'PartName')?.toLowerCase() !== '/word/document.xml') return refuse('damaged', `ooxml: main part is ${attr(main, 'PartName')}`);
    const doc = byName.get('word/document.xml');
    if (!doc) return refuse('damaged', 'ooxml: word/document.xml is missing');
    docHead = await readEntry(zip, doc, ZIP_LIMITS.documentHeadBytes);
  } catch (err) {
    return refuse('damaged', `ooxml: ${(err as Error).message}`);
  }
  if (/<!(?:doctype|entity)/i.test(docHead)) return refuse('damaged', 'ooxml: DTD in word/document.xml');
  if (!/<(?:[A-Za-z_][\w.-]*:)?document[\s>]/.test(docHead)) return refuse('damaged', 'ooxml: word/document.xml is not a document');
  return { ok: true, kind: 'docx' };
}
