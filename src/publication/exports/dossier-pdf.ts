import { pdfText, PDF_COLOR as COLOR, PDF_MARGIN as MARGIN, startTaggedPdf, writeFooters, type PdfFontName as FontName } from '../../platform/pdf.js';
import { formatInstant } from '../../platform/time.js';
import { NOMINEE_KIND_LABEL } from '../../nominations/index.js';
import { shownToCommittee, type BlindHiddenField } from '../../judging/index.js';

/**
 * The committee dossier: a cover with the edition's criteria and a table of contents with page
 * numbers, then every eligible nomination, one after the other (a nomination starts on a new
 * page only when its heading and first lines would not fit), each with the members' comments
 * when there are any. Danish, tagged (headings, paragraphs, lists in the structure tree; page
 * footers as artifacts), IBM Plex Sans from the installed DKFDS package embedded. With
 * `blind` (the members' dossier of an edition with blind review) the fields of
 * judging/blind-review.ts are left out, as on the review page: only the nominee's organisation
 * and the solution.
 * Pure apart from reading the font files once.
 */

export const DOSSIER_TEXTS = {
  heading: 'Dossier til bedømmelseskomitéen',
  criteria: 'Kriterier',
  criteriaIntro: 'Indstillingerne bedømmes ud fra disse kriterier:',
  count: (n: number) =>
    n === 1 ? 'Dossieret rummer 1 indstilling, der er godkendt til bedømmelse.' : `Dossieret rummer ${n} indstillinger, der er godkendt til bedømmelse.`,
  none: 'Der er ingen indstillinger godkendt til bedømmelse endnu.',
  blind: 'Blind bedømmelse: indstilleren og den indstilledes navn, afdeling og e-mail er udeladt.',
  made: (d: string) => `Udskrevet ${d}.`,
  confidential: 'Fortroligt: kun til komitéens arbejde.',
  receipt: 'Kvitteringsnummer',
  nominee: 'Den indstillede',
  nominator: 'Indstilleren',
  kind: 'Den indstillede er',
  names: 'Navn',
  unit: 'Afdeling eller enhed',
  organisation: 'Hospital eller organisation',
  email: 'E-mail',
  workplace: 'Arbejdsplads',
  citizen: 'Indstiller som borger',
  summary: 'Kort resumé',
  answersCriteria: 'Kriterier, indstillingen svarer på',
  origin: 'Først udviklet af',
  originDescription: 'Om oprindelsen',
  notFilled: '(ikke udfyldt)',
  contents: 'Indhold',
  contentsPage: (n: number) => `side ${n}`,
  comments: 'Komitéens kommentarer',
  commentsHidden: 'Skjult: du er inhabil i denne indstilling.',
  page: (n: number, of: number) => `Side ${n} af ${of}`,
};

/** A member's comment, under the member's name or anonymous label ("Medlem 1"). */
export type DossierComment = { label: string; text: string };

export type DossierNomination = {
  receiptNumber: string | null;
  title: string;
  summary: string;
  nomineeKind: 'person' | 'team' | 'workplace' | null;
  nomineeNames: string;
  nomineeUnit: string;
  nomineeOrganisation: string;
  nomineeEmail: string;
  nominatorName: string;
  nominatorEmail: string;
  nominatorWorkplace: string;
  nominatorIsCitizen: 'yes' | 'no' | null;
  criterionIds: number[];
  originOrganisation: string;
  originDescription: string;
  answers: Record<string, string>;
  /** The members' comments; null when they are hidden from the reader (a conflict of interest). */
  comments: DossierComment[] | null;
};

export type DossierInput = {
  organisationName: string;
  awardName: string;
  year: number;
  theme: string | null;
  criteria: { id: number; title: string; description: string }[];
  sections: { id: number; heading: string }[];
  nominations: DossierNomination[];
  blind: boolean;
  now: Date;
};

export function dossierFileName(awardSlug: string, year: number, blind: boolean): string {
  return `dossier-${awardSlug.replace(/[^a-z0-9-]/g, '-')}-${year}${blind ? '-blind' : ''}.pdf`;
}

export async function renderDossierPdf(input: DossierInput): Promise<Buffer> {
  const T = DOSSIER_TEXTS;
  const editionName = `${input.awardName} ${input.year}`;
  const { doc, done } = await startTaggedPdf({
    Title: `${T.heading} – ${editionName}`,
    Author: input.organisationName,
    Subject: T.heading,
    Creator: 'Prisportal',
    CreationDate: input.now,
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const lineHeight = (font: FontName, size: number) => {
    doc.font(font).fontSize(size);
    return doc.currentLineHeight(true) + 2;
  };
  const keepSpace = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const paragraph = (text: string, o: { font?: FontName; size?: number; color?: string; gap?: number } = {}) => {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(o.font ?? 'regular')
          .fontSize(o.size ?? 11)
          .fillColor(o.color ?? COLOR.text)
          .text(text, left, doc.y, { width, lineGap: 2, paragraphGap: 4 });
      }),
    );
    doc.fillColor(COLOR.text);
    doc.y += o.gap ?? 0;
  };
  const heading = (level: 1 | 2 | 3, text: string) => {
    const size = level === 1 ? 22 : level === 2 ? 16 : 13;
    const font: FontName = level === 3 ? 'semibold' : 'bold';
    keepSpace(lineHeight(font, size) + 3 * lineHeight('regular', 11));
    doc.y += level === 1 ? 0 : 6;
    root.add(doc.struct(`H${level}`, {}, () => doc.font(font).fontSize(size).fillColor(COLOR.text).text(text, left, doc.y, { width, lineGap: 1 })));
    doc.y += 4;
  };
  const labelled = (label: string, value: string) => {
    const v = pdfText(value);
    keepSpace(lineHeight('semibold', 9.5) + lineHeight('regular', 11));
    paragraph(label, { font: 'semibold', size: 9.5, color: COLOR.muted });
    doc.y -= 4;
    paragraph(v || T.notFilled, { color: v ? COLOR.text : COLOR.muted, gap: 4 });
  };
  /** A short fact on one line ("Navn: Kandidat Karl"); a long or multi-line value as `labelled`. */
  const fact = (label: string, value: string) => {
    const v = pdfText(value);
    if (v.includes('\n') || v.length > 80) return labelled(label, value);
    keepSpace(lineHeight('regular', 11));
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font('semibold')
          .fontSize(11)
          .fillColor(COLOR.muted)
          .text(`${label}: `, left, doc.y, { width, lineGap: 2, continued: true })
          .font('regular')
          .fillColor(v ? COLOR.text : COLOR.muted)
          .text(v || T.notFilled, { lineGap: 2, paragraphGap: 3 });
      }),
    );
    doc.fillColor(COLOR.text);
  };
  const list = (items: { title: string; text: string }[]) => {
    const l = doc.struct('L');
    root.add(l);
    items.forEach((item, i) => {
      keepSpace(2 * lineHeight('regular', 11));
      const y = doc.y;
      const li = doc.struct('LI');
      l.add(li);
      li.add(
        doc.struct('Lbl', {}, () =>
          doc
            .font('semibold')
            .fontSize(11)
            .fillColor(COLOR.text)
            .text(`${i + 1}.`, left, y, { width: 18, lineBreak: false }),
        ),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          doc
            .font('semibold')
            .fontSize(11)
            .text(pdfText(item.title), left + 18, y, { width: width - 18, lineGap: 2 });
          if (item.text)
            doc
              .font('regular')
              .fontSize(11)
              .text(pdfText(item.text), left + 18, doc.y, { width: width - 18, lineGap: 2 });
        }),
      );
      li.end();
      doc.y += 4;
    });
    l.end();
  };

  // --- Cover: edition ----------------------------------------------------------
  paragraph(input.organisationName, { font: 'semibold', size: 10, color: COLOR.muted });
  heading(1, T.heading);
  paragraph(input.theme ? `${editionName}: ${pdfText(input.theme)}` : editionName, { size: 14, gap: 6 });
  paragraph(input.nominations.length === 0 ? T.none : T.count(input.nominations.length));
  if (input.blind) paragraph(T.blind, { font: 'semibold' });
  paragraph(`${T.made(formatInstant(input.now, 'da'))} ${T.confidential}`, { color: COLOR.muted, gap: 6 });

  // --- Table of contents: its lines are placed now and written once the pages are known ---
  const pageIndex = () => {
    const r = doc.bufferedPageRange();
    return r.start + r.count - 1;
  };
  const tocLabel = (n: DossierNomination) => `${n.receiptNumber ?? ''} ${pdfText(n.title) || T.notFilled}`.trim();
  const numberWidth = 56;
  const slots: { page: number; y: number }[] = [];
  // Only made when there is a line for it: an element never ended keeps the document from ending.
  const toc = input.nominations.length > 0 ? doc.struct('TOC') : null;
  if (toc) {
    heading(2, T.contents);
    root.add(toc);
    for (const n of input.nominations) {
      doc.font('regular').fontSize(11);
      const h = doc.heightOfString(tocLabel(n), { width: width - numberWidth, lineGap: 2 }) + 3;
      if (doc.y + h > bottom()) doc.addPage();
      slots.push({ page: pageIndex(), y: doc.y });
      doc.y += h;
    }
  }

  // --- The criteria ------------------------------------------------------------------------
  if (input.criteria.length > 0) {
    heading(2, T.criteria);
    paragraph(T.criteriaIntro);
    list(input.criteria.map((c) => ({ title: c.title, text: c.description })));
  }

  // --- The nominations, one after the other -----------------------------------------------
  const criterionTitle = new Map(input.criteria.map((c) => [c.id, c.title]));
  const show = (field: BlindHiddenField) => shownToCommittee(field, input.blind);
  const starts: number[] = [];
  const top = MARGIN.top;
  input.nominations.forEach((n, i) => {
    const title = pdfText(n.title) || T.notFilled;
    // Keep the receipt line, the title and the first lines of the summary together.
    doc.font('bold').fontSize(16);
    const titleHeight = doc.heightOfString(title, { width, lineGap: 1 });
    const head = lineHeight('semibold', 10) + 6 + titleHeight + 4 + lineHeight('semibold', 9.5) + 2 * lineHeight('regular', 11);
    if (doc.y > top + 1) {
      if (doc.y + 24 + head > bottom()) doc.addPage();
      else {
        // A rule between two nominations on the same page (an artifact, not content).
        doc.y += 10;
        doc.markContent('Artifact', { type: 'Layout' });
        doc
          .moveTo(left, doc.y)
          .lineTo(left + width, doc.y)
          .lineWidth(0.75)
          .strokeColor(COLOR.rule)
          .stroke();
        doc.endMarkedContent();
        doc.y += 14;
      }
    }
    starts.push(pageIndex());
    doc.addNamedDestination(`indstilling-${i + 1}`, 'XYZ', left, doc.page.height - doc.y, null);
    paragraph(`${T.receipt} ${n.receiptNumber ?? ''}`.trim(), { font: 'semibold', size: 10, color: COLOR.muted });
    heading(2, title);
    labelled(T.summary, n.summary);
    const answered = n.criterionIds.filter((id) => criterionTitle.has(id)).map((id) => criterionTitle.get(id)!);
    if (answered.length > 0) fact(T.answersCriteria, answered.join(', '));
    if (n.originOrganisation) fact(T.origin, n.originOrganisation);
    if (n.originDescription) labelled(T.originDescription, n.originDescription);
    heading(3, T.nominee);
    // Blind review hides the same fields here as on the review page (judging/blind-review.ts).
    if (show('nomineeKind')) fact(T.kind, n.nomineeKind ? NOMINEE_KIND_LABEL[n.nomineeKind] : '');
    if (show('nomineeNames')) fact(T.names, n.nomineeNames);
    if (show('nomineeUnit')) fact(T.unit, n.nomineeUnit);
    fact(T.organisation, n.nomineeOrganisation);
    if (show('nomineeEmail')) fact(T.email, n.nomineeEmail);
    if (show('nominatorName')) {
      heading(3, T.nominator);
      fact(T.names, n.nominatorName);
      if (show('nominatorEmail')) fact(T.email, n.nominatorEmail);
      if (show('nominatorIsCitizen') && n.nominatorIsCitizen === 'yes') paragraph(T.citizen);
      else if (show('nominatorWorkplace')) fact(T.workplace, n.nominatorWorkplace);
    }
    for (const s of input.sections) {
      heading(3, pdfText(s.heading));
      const text = pdfText(n.answers[String(s.id)] ?? '');
      if (!text) paragraph(T.notFilled, { color: COLOR.muted });
      else for (const para of text.split(/\n[ \t]*\n/)) paragraph(para.trim(), { gap: 4 });
    }
    if (n.comments === null) {
      heading(3, T.comments);
      paragraph(T.commentsHidden, { color: COLOR.muted });
    } else if (n.comments.length > 0) {
      heading(3, T.comments);
      for (const c of n.comments) labelled(pdfText(c.label), c.text);
    }
  });

  // --- The table of contents' lines, now that each nomination's page is known ---------------
  input.nominations.forEach((n, i) => {
    const slot = slots[i]!;
    doc.switchToPage(slot.page);
    const pageNo = starts[i]! - doc.bufferedPageRange().start + 1;
    toc!.add(
      doc.struct('TOCI', {}, () => {
        doc
          .font('regular')
          .fontSize(11)
          .fillColor(COLOR.text)
          .text(tocLabel(n), left, slot.y, { width: width - numberWidth, lineGap: 2, goTo: `indstilling-${i + 1}` })
          .text(T.contentsPage(pageNo), left + width - numberWidth, slot.y, {
            width: numberWidth,
            align: 'right',
            lineBreak: false,
            goTo: `indstilling-${i + 1}`,
          });
      }),
    );
  });
  toc?.end();

  // --- Footers -----------------------------------------------------------------------------
  writeFooters(doc, `${editionName} · ${T.heading}`, T.page);
  root.end();
  doc.end();
  return done;
}
