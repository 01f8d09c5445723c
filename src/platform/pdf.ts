import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.js';

/**
 * What the app's PDFs (the nomination receipt, the committee dossier) share: A4 with the same
 * margins, tagged for PDF/UA (Danish, structure tree, page footers as artifacts), and IBM Plex
 * Sans from the installed DKFDS package embedded so that æ, ø, å, dashes and quotes come out
 * right (the PDF standard fonts only know Latin-1).
 */

const FONT_DIR = join(projectRoot, 'node_modules', 'dkfds', 'dist', 'fonts', 'IBMPlexSans', 'complete', 'ttf');

export type PdfFontName = 'regular' | 'semibold' | 'bold';
const FONT_FILES: Record<PdfFontName, string> = {
  regular: 'IBMPlexSans-Regular.ttf',
  semibold: 'IBMPlexSans-SemiBold.ttf',
  bold: 'IBMPlexSans-Bold.ttf',
};

let fontCache: Record<PdfFontName, Buffer> | null = null;

/** The font files, read once per process (pdfkit embeds only the glyphs a PDF uses). */
function fonts(): Record<PdfFontName, Buffer> {
  fontCache ??= {
    regular: readFileSync(join(FONT_DIR, FONT_FILES.regular)),
    semibold: readFileSync(join(FONT_DIR, FONT_FILES.semibold)),
    bold: readFileSync(join(FONT_DIR, FONT_FILES.bold)),
  };
  return fontCache;
}

export const PDF_MARGIN = { top: 56, bottom: 64, left: 62, right: 62 };
export const PDF_COLOR = { text: '#1a1a1a', muted: '#545454', rule: '#bfbfbf' };

/**
 * Text typed by people goes into the PDF as it was typed, minus what a PDF cannot show:
 * composed to NFC (a decomposed "å" becomes one glyph), Windows line ends and tabs made
 * plain, other control characters dropped.
 */
export function pdfText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A new tagged A4 document with the fonts registered as 'regular', 'semibold' and 'bold';
 * `lang` is the document's language (screen readers read it in that voice).
 * `done` is the whole file once `doc.end()` has been called. Pages are buffered, so the
 * footers can be written when the number of pages is known (writeFooters). pdfkit is loaded
 * on the first PDF, not when the app starts (it is large and most processes never make one).
 */
export async function startTaggedPdf(info: PDFKit.DocumentInfo, lang = 'da-DK'): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang,
    displayTitle: true,
    // PDF/UA identification in the XMP metadata (pdfkit's types list only PDF/A).
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    info,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('semibold', f.semibold);
  doc.registerFont('bold', f.bold);
  return { doc, done };
}

/**
 * Writes every page's footer, once the number of pages is known: `text` on the left, the
 * page's number (`page(n, of)`) on the right, both marked as pagination artifacts (not in
 * the structure tree).
 */
export function writeFooters(doc: PDFKit.PDFDocument, text: string, page: (n: number, of: number) => string): void {
  const left = PDF_MARGIN.left;
  const width = doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin while writing.
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - PDF_MARGIN.bottom + 24;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(PDF_COLOR.muted)
      .text(text, left, y, { width: width - 90, lineBreak: false })
      .text(page(i - range.start + 1, range.count), left + width - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = keep;
  }
}
