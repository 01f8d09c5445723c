import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { bufferBytes, type FileBytes } from '../../platform/storage/file-bytes.js';

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
 *
 * The checks read the file by ranges (`FileBytes`): an upload is staged in the database chunk by
 * chunk and never held whole in memory, so they read its head, its tail, the headers of a
 * PNG's chunks or a JPEG's segments one after another, and a DOCX's directory and two parts,
 * each through a window of at most WINDOW bytes (plus the few chunks the stored file keeps).
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

/** How much a walk over a file's headers reads at once. */
const WINDOW = 64 * 1024;

/**
 * Reads a file's headers one after another through one window of bytes: a header inside the
 * window is read without waiting (`has` first, then `await load` only when the window must
 * move), so 10 MB of one-byte JPEG fill markers is a plain loop, not ten million awaits.
 */
class Walker {
  private buf: Buffer = Buffer.alloc(0);
  private at = 0;
  constructor(private readonly bytes: FileBytes) {}
  get size() {
    return this.bytes.size;
  }
  /** Whether [pos, pos + n) is in the window now. */
  has(pos: number, n: number): boolean {
    return pos >= this.at && pos + n <= this.at + this.buf.length;
  }
  /** Moves the window to start at `pos`; false when the file ends before pos + n. */
  async load(pos: number, n: number): Promise<boolean> {
    if (pos < 0 || pos + n > this.bytes.size) return false;
    this.at = pos;
    this.buf = await this.bytes.read(pos, Math.min(this.bytes.size, pos + Math.max(n, WINDOW)));
    return this.buf.length >= n;
  }
  u8(pos: number): number {
    return this.buf[pos - this.at]!;
  }
  u16be(pos: number): number {
    return this.buf.readUInt16BE(pos - this.at);
  }
  u32be(pos: number): number {
    return this.buf.readUInt32BE(pos - this.at);
  }
  latin1(pos: number, end: number): string {
    return this.buf.toString('latin1', pos - this.at, end - this.at);
  }
}

/**
 * Inspects a file, read by ranges (an upload staged in the database, or a Buffer). Never throws:
 * a file that cannot be read (deleted meanwhile) is 'damaged'.
 */
export async function inspectFile(file: Buffer | FileBytes): Promise<Inspection> {
  const bytes = Buffer.isBuffer(file) ? bufferBytes(file) : file;
  try {
    if (bytes.size === 0) return refuse('empty', 'no bytes');
    const headBytes = await bytes.read(0, HEAD);
    const kind = kindByMagic(headBytes);
    if (!kind) return refuse('wrong-type', `unknown magic ${headBytes.subarray(0, 8).toString('hex')}`);
    const head = headBytes.toString('latin1').toLowerCase();
    if (MARKUP.test(head)) return refuse('mixed', 'markup in the first 1 KB');
    if (kind !== 'pdf' && head.includes('%pdf-')) return refuse('mixed', 'a PDF header in the first 1 KB');
    if (kind !== 'zip' && (await hasZipTrailer(bytes))) return refuse('mixed', 'a ZIP directory at the end');
    switch (kind) {
      case 'pdf':
        return await checkPdf(bytes, headBytes);
      case 'jpeg':
        return await checkJpeg(new Walker(bytes));
      case 'png':
        return await checkPng(new Walker(bytes));
      case 'zip':
        return await checkDocx(bytes);
    }
  } catch (err) {
    return refuse('damaged', `inspection failed: ${(err as Error).message}`);
  }
}

async function checkPdf(b: FileBytes, head: Buffer): Promise<Inspection> {
  if (!/^%PDF-[12]\.\d/.test(head.toString('latin1', 0, 8))) return refuse('damaged', 'pdf: bad version header');
  if (!(await b.read(b.size - HEAD, b.size)).toString('latin1').includes('%%EOF')) return refuse('damaged', 'pdf: no %%EOF at the end');
  return { ok: true, kind: 'pdf' };
}

/** Walks the JPEG's marker segments from SOI to the start of scan. */
async function checkJpeg(w: Walker): Promise<Inspection> {
  let i = 2;
  while (w.has(i, 2) || (await w.load(i, 2))) {
    if (w.u8(i) !== 0xff) return refuse('damaged', `jpeg: no marker at ${i}`);
    let marker = w.u8(i + 1);
    while (marker === 0xff && (w.has(i + 1, 2) || (await w.load(i + 1, 2)))) marker = w.u8(++i + 1);
    if (marker === 0xda) return { ok: true, kind: 'jpeg' }; // start of scan: image data follows
    if (marker === 0xd9) return refuse('damaged', 'jpeg: ends before any image data');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (!(w.has(i, 4) || (await w.load(i, 4)))) break;
    const length = w.u16be(i + 2);
    if (length < 2 || i + 2 + length > w.size) return refuse('damaged', `jpeg: bad segment length at ${i}`);
    i += 2 + length;
  }
  return refuse('damaged', 'jpeg: no image data');
}

/** Walks the PNG's chunks: IHDR first, IEND last, nothing after it. */
async function checkPng(w: Walker): Promise<Inspection> {
  let i = 8;
  let first = true;
  while (w.has(i, 12) || (await w.load(i, 12))) {
    const length = w.u32be(i);
    const type = w.latin1(i + 4, i + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return refuse('damaged', `png: bad chunk at ${i}`);
    if (first && (type !== 'IHDR' || length !== 13)) return refuse('damaged', 'png: IHDR is not the first chunk');
    first = false;
    const end = i + 12 + length;
    if (end > w.size) return refuse('damaged', `png: chunk ${type} runs past the end`);
    if (type === 'IEND') return end === w.size ? { ok: true, kind: 'png' } : refuse('mixed', `png: ${w.size - end} bytes after IEND`);
    i = end;
  }
  return refuse('damaged', 'png: no IEND chunk');
}

/**
 * Whether a ZIP reader would find an archive at the end of these bytes: an end-of-central-
 * directory record whose comment reaches exactly to the end and whose directory lies inside.
 * Reads the last 64 KB (where the record must be) and 4 bytes where a directory would start.
 */
export async function hasZipTrailer(file: Buffer | FileBytes): Promise<boolean> {
  const bytes = Buffer.isBuffer(file) ? bufferBytes(file) : file;
  const size = bytes.size;
  const last = size - 22;
  if (last < 0) return false;
  const tailStart = Math.max(0, last - 0xffff);
  const tail = await bytes.read(tailStart, size);
  const u32 = async (pos: number) =>
    pos >= tailStart && pos + 4 <= size
      ? tail.readUInt32LE(pos - tailStart)
      : pos >= 0 && pos + 4 <= size
        ? (await bytes.read(pos, pos + 4)).readUInt32LE(0)
        : -1;
  for (let i = last; i >= tailStart; i--) {
    const t = i - tailStart;
    if (tail[t] !== 0x50 || tail.readUInt32LE(t) !== 0x06054b50) continue;
    if (tail.readUInt16LE(t + 20) !== size - i - 22) continue;
    const dirSize = tail.readUInt32LE(t + 12);
    const offset = tail.readUInt32LE(t + 16);
    if (offset === 0xffffffff || dirSize === 0xffffffff) return true; // ZIP64: a ZIP either way
    if (dirSize === 0 || dirSize > i) continue;
    // Readers find the directory where the record says, or, for an archive appended to other
    // data (offsets not adjusted), right before the record.
    if ((await u32(i - dirSize)) === 0x02014b50) return true;
    if (offset + dirSize <= i && (await u32(offset)) === 0x02014b50) return true;
  }
  return false;
}

/**
 * yauzl's access to the file: reads go to `FileBytes` (for a staged upload, the chunk rows), so
 * the directory and the two parts are read without the whole file in memory.
 */
class BytesReader extends yauzl.RandomAccessReader {
  constructor(private readonly bytes: FileBytes) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    const bytes = this.bytes;
    async function* pieces() {
      for (let at = start; at < end; at += WINDOW) yield await bytes.read(at, Math.min(end, at + WINDOW));
    }
    return Readable.from(pieces(), { objectMode: false });
  }
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

async function checkDocx(data: FileBytes): Promise<Inspection> {
  let zip: ZipFile;
  try {
    // autoClose off: the two parts are opened after the directory is read to its end.
    zip = await yauzl.fromRandomAccessReaderPromise(new BytesReader(data), data.size, {
      autoClose: false,
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
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
  if (unpacked > ZIP_LIMITS.ratioFloorBytes && unpacked > ZIP_LIMITS.maxRatio * data.size) {
    return refuse('unpacks-too-large', `zip: unpacks ${unpacked} from ${data.size}`);
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
