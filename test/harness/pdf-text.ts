/**
 * The text layer of a PDF as a reader extracts it (pdf.js): each page's text, all of it
 * joined, the number of pages, and the document information (title, author, …).
 */
export async function readPdf(pdf: Buffer): Promise<{ pages: string[]; text: string; pageCount: number; info: Record<string, unknown> }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    }
    return { pages, text: pages.join('\n'), pageCount: doc.numPages, info: (await doc.getMetadata()).info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
