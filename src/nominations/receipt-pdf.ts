import { pdfText, PDF_COLOR, PDF_MARGIN as MARGIN, startTaggedPdf, writeFooters, type PdfFontName as FontName } from '../platform/pdf.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { pickText } from '../platform/ui/localized.js';
import { nominationTexts } from './i18n.js';
import { fieldsOf, type EditionForForm } from './nomination.service.js';
import { nominationBlocks } from './nomination-text.js';
import type { NominationRow } from './nominations.repo.js';

/**
 * The receipt as a PDF: what the receipt page and the receipt e-mail say, followed by a copy
 * of the nomination (the same headed blocks as the e-mail). In the page's language (the
 * nominator's own answers stay as written; the round's theme in English where given), tagged (headings,
 * paragraphs and lists in the structure tree, page footers as artifacts) so screen readers
 * can read it, with IBM Plex Sans from the installed DKFDS package embedded so that æ, ø, å,
 * dashes and quotes come out right (the PDF standard fonts only know Latin-1).
 */

/** Texts that only the PDF has, in both languages; the rest comes from the nomination catalogue. */
const PDF_TEXTS: Record<
  Locale,
  {
    documentHeading: string;
    subject: (edition: string) => string;
    title: (receiptNumber: string, edition: string) => string;
    status: string;
    statusSent: string;
    statusWithdrawn: string;
    withdrawnAt: (d: string) => string;
    copyHeading: string;
    notFilled: string;
    page: (n: number, of: number) => string;
  }
> = {
  da: {
    documentHeading: 'Kvittering for indstilling',
    subject: (edition) => `Kvittering for indstilling til ${edition}`,
    title: (receiptNumber, edition) => `Kvittering ${receiptNumber} – ${edition}`,
    status: 'Status',
    statusSent: 'Sendt',
    statusWithdrawn: 'Trukket tilbage',
    withdrawnAt: (d) => `Indstillingen blev trukket tilbage ${d}. Den indgår ikke i bedømmelsen.`,
    copyHeading: 'Din indstilling',
    notFilled: '(ikke udfyldt)',
    page: (n, of) => `Side ${n} af ${of}`,
  },
  en: {
    documentHeading: 'Receipt for your nomination',
    subject: (edition) => `Receipt for a nomination for ${edition}`,
    title: (receiptNumber, edition) => `Receipt ${receiptNumber} – ${edition}`,
    status: 'Status',
    statusSent: 'Sent',
    statusWithdrawn: 'Withdrawn',
    withdrawnAt: (d) => `The nomination was withdrawn on ${d}. It is not part of the assessment.`,
    copyHeading: 'Your nomination',
    notFilled: '(not filled in)',
    page: (n, of) => `Page ${n} of ${of}`,
  },
};

const COLOR = { ...PDF_COLOR, boxFill: '#eef6ea', boxBorder: '#358000' };

export type ReceiptPdfInput = {
  edition: EditionForForm;
  nomination: NominationRow;
  /** The files sent with it, by name (the receipt lists them). */
  attachments?: readonly { fileName: string }[];
  /** The receipt page's language, which the PDF is downloaded from. */
  locale?: Locale;
};

/** The file name offered for download: kvittering-ABI-2027-0042.pdf. */
export function receiptPdfFileName(receiptNumber: string): string {
  return `kvittering-${receiptNumber.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
}

/**
 * Renders the receipt of a sent or withdrawn nomination as a PDF. No side effects; throws
 * for a draft (it has no receipt).
 */
export async function renderReceiptPdf({ edition, nomination, attachments = [], locale = 'da' }: ReceiptPdfInput): Promise<Buffer> {
  if (nomination.status === 'draft' || !nomination.receiptNumber || !nomination.sentAt) {
    throw new Error(`nomination ${nomination.id} has no receipt (status ${nomination.status})`);
  }
  const t = nominationTexts(locale).receipt;
  const PDF = PDF_TEXTS[locale];
  const receiptNumber = nomination.receiptNumber;
  const editionName = `${edition.award.name} ${edition.edition.year}`;
  const withdrawn = nomination.status === 'withdrawn';
  const fmt = (d: Date) => formatInstant(d, locale);

  const { doc, done } = await startTaggedPdf(
    { Title: PDF.title(receiptNumber, editionName), Author: edition.organisation.name, Subject: PDF.subject(editionName), Creator: 'Prisportal' },
    locale === 'en' ? 'en-GB' : 'da-DK',
  );
  doc.font('regular').fillColor(COLOR.text);

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;

  const root = doc.struct('Document');
  doc.addStructure(root);

  /** Moves to a new page unless `height` points fit below the cursor. */
  const keepSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const lineHeight = (font: FontName, size: number, gap = 0) => {
    doc.font(font).fontSize(size);
    return doc.currentLineHeight(true) + gap;
  };

  /** One tagged element whose content is drawn by `draw`, which may run over several pages. */
  const element = (type: string, draw: () => void, parent = root) => {
    parent.add(doc.struct(type, {}, draw));
  };

  const paragraph = (text: string, o: { font?: FontName; size?: number; color?: string; gap?: number; type?: string; indent?: number } = {}) => {
    const font = o.font ?? 'regular';
    const size = o.size ?? 11;
    element(o.type ?? 'P', () => {
      doc
        .font(font)
        .fontSize(size)
        .fillColor(o.color ?? COLOR.text)
        .text(text, left + (o.indent ?? 0), doc.y, { width: width - (o.indent ?? 0), lineGap: 2, paragraphGap: 4 });
    });
    doc.fillColor(COLOR.text);
    doc.y += o.gap ?? 0;
  };

  const heading = (level: 1 | 2 | 3, text: string) => {
    const size = level === 1 ? 22 : level === 2 ? 16 : 13;
    const font: FontName = level === 3 ? 'semibold' : 'bold';
    // A heading never stands alone at the foot of a page: keep it with about three lines.
    keepSpace(lineHeight(font, size, 6) + 3 * lineHeight('regular', 11, 2));
    doc.y += level === 1 ? 0 : level === 2 ? 10 : 6;
    element(`H${level}`, () => {
      doc.font(font).fontSize(size).fillColor(COLOR.text).text(text, left, doc.y, { width, lineGap: 1 });
    });
    doc.y += level === 1 ? 4 : 4;
  };

  const rule = () => {
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.75)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.endMarkedContent();
    doc.y += 8;
  };

  const bulletList = (items: string[]) => {
    const list = doc.struct('L');
    root.add(list);
    const indent = 16;
    for (const item of items) {
      keepSpace(lineHeight('regular', 11, 2));
      const y = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      li.add(
        doc.struct('Lbl', {}, () => {
          doc
            .font('regular')
            .fontSize(11)
            .fillColor(COLOR.text)
            .text('•', left + 4, y, { width: indent, lineBreak: false });
        }),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          doc
            .font('regular')
            .fontSize(11)
            .text(item, left + indent, y, { width: width - indent, lineGap: 2 });
        }),
      );
      li.end();
      doc.y += 3;
    }
    list.end();
  };

  /** Label above value, as a DKFDS summary list reads. */
  const labelled = (label: string, value: string) => {
    const v = pdfText(value);
    keepSpace(lineHeight('semibold', 9.5, 1) + lineHeight('regular', 11, 2));
    paragraph(label, { font: 'semibold', size: 9.5, color: COLOR.muted });
    doc.y -= 4;
    paragraph(v || PDF.notFilled, { color: v ? COLOR.text : COLOR.muted, gap: 4 });
  };

  // --- Head: organiser, award, heading ------------------------------------------------------
  paragraph(edition.organisation.name, { font: 'semibold', size: 10, color: COLOR.muted });
  doc.y -= 2;
  heading(1, PDF.documentHeading);
  const theme = pickText(locale, edition.edition.theme ?? '', edition.edition.themeEn).text;
  paragraph(theme ? `${editionName}: ${pdfText(theme)}` : editionName, { font: 'regular', size: 14, gap: 10 });

  // --- The receipt itself in a box -------------------------------------------------------
  const firstSentAt = nomination.firstSentAt ?? nomination.sentAt;
  const changed = firstSentAt.getTime() !== nomination.sentAt.getTime();
  const facts: [string, string][] = [
    [t.number, receiptNumber],
    [changed ? t.firstSent : t.received, fmt(firstSentAt)],
    ...(changed ? [[t.lastChanged, fmt(nomination.sentAt)] as [string, string]] : []),
    [PDF.status, withdrawn ? PDF.statusWithdrawn : PDF.statusSent],
  ];
  const labelWidth = 130;
  const pad = 12;
  const boxTop = doc.y;
  const rowHeight = lineHeight('regular', 12, 4);
  const boxHeight = pad * 2 + rowHeight * facts.length;
  doc.markContent('Artifact', { type: 'Layout' });
  doc.rect(left, boxTop, width, boxHeight).fill(COLOR.boxFill);
  doc.rect(left, boxTop, 4, boxHeight).fill(COLOR.boxBorder);
  doc.endMarkedContent();
  doc.fillColor(COLOR.text);
  const table = doc.struct('Table');
  root.add(table);
  facts.forEach(([label, value], i) => {
    const y = boxTop + pad + i * rowHeight;
    const tr = doc.struct('TR');
    table.add(tr);
    tr.add(
      doc.struct('TH', {}, () =>
        doc
          .font('semibold')
          .fontSize(12)
          .text(label, left + pad + 6, y, { width: labelWidth, lineBreak: false }),
      ),
    );
    tr.add(
      doc.struct('TD', {}, () =>
        doc
          .font(i === 0 ? 'bold' : 'regular')
          .fontSize(12)
          .text(value, left + pad + 6 + labelWidth, y, { width: width - labelWidth - 2 * pad - 6, lineBreak: false }),
      ),
    );
    tr.end();
  });
  table.end();
  doc.y = boxTop + boxHeight + 14;
  doc.x = left;

  // --- What happens next -------------------------------------------------------------------
  const tl = edition.timeline;
  if (withdrawn) {
    paragraph(nomination.withdrawnAt ? PDF.withdrawnAt(fmt(nomination.withdrawnAt)) : t.withdrawn, { gap: 4 });
  } else {
    paragraph(t.emailSent(nomination.nominatorEmail), { gap: 2 });
    if (tl) {
      heading(2, t.next);
      bulletList([
        t.canChange(fmt(tl.closesAt)),
        t.nomineeTold,
        t.nomineesPublished(fmt(tl.nomineesPublishedAt)),
        t.winner(fmt(tl.winnerAnnouncedAt), edition.edition.eventName),
      ]);
    }
  }

  // --- The copy of the nomination ----------------------------------------------------------
  doc.y += 8;
  keepSpace(120);
  rule();
  heading(2, PDF.copyHeading);
  for (const block of nominationBlocks(fieldsOf(nomination), edition.form, locale)) {
    heading(3, pdfText(block.heading));
    if ('lines' in block) {
      for (const [label, value] of block.lines) labelled(label, value);
    } else {
      const text = pdfText(block.text);
      if (!text) paragraph(PDF.notFilled, { color: COLOR.muted, gap: 4 });
      // A blank line starts a new paragraph (its own P in the structure tree).
      else for (const para of text.split(/\n[ \t]*\n/)) paragraph(para.trim(), { gap: 4 });
    }
  }

  // --- The files sent with it ---------------------------------------------------------------
  heading(3, t.attachments);
  if (attachments.length) bulletList(attachments.map((a) => pdfText(a.fileName)));
  else paragraph(t.noAttachments, { color: COLOR.muted, gap: 4 });

  // --- Footers, once the number of pages is known -------------------------------------------
  writeFooters(doc, `${edition.organisation.name} · ${t.number} ${receiptNumber}`, PDF.page);

  root.end();
  doc.end();
  return done;
}
