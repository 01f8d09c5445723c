import { neutraliseFormula } from '../../platform/spreadsheet.js';
import type { CommitteeOverviewData } from '../../judging/index.js';

/**
 * The committee's scores as XLSX: sheet "Point" with one row per (nomination, member,
 * criterion) score, sheet "Samlet" with the totals of src/judging/overview.service.ts
 * (mean, median, spread, normalised total, ranks), sheet "Kommentarer" with the members'
 * comments (one row per nomination and member), and sheet "Om tallene" with how they are
 * computed and Krippendorff's alpha. Text cells that a spreadsheet would run as a formula
 * (= + - @ …) get a leading apostrophe; numbers are numbers. Pure.
 */

export type ScoreRow = { receiptNumber: string | null; title: string; member: string; criterion: string; score: number };

export const SCORES_TEXTS = {
  scoresSheet: 'Point',
  totalsSheet: 'Samlet',
  aboutSheet: 'Om tallene',
  commentsSheet: 'Kommentarer',
  comment: 'Kommentar',
  receipt: 'Kvitteringsnummer',
  title: 'Titel',
  member: 'Medlem',
  criterion: 'Kriterium',
  score: 'Point',
  members: 'Antal medlemmer',
  completeReviews: 'Hele bedømmelser',
  partialReviews: 'Delvise bedømmelser',
  mean: 'Gennemsnit (total)',
  median: 'Median (total)',
  min: 'Laveste total',
  max: 'Højeste total',
  range: 'Spredning (højeste − laveste)',
  sd: 'Standardafvigelse (total)',
  normalised: 'Normaliseret total (z)',
  rankRaw: 'Rang (rå total)',
  rankNormalised: 'Rang (normaliseret)',
  criterionMean: (title: string) => `Gennemsnit: ${title}`,
  absent: 'Inhabile medlemmer',
  about: [
    'Total: summen af ét medlems point på alle kriterier; kun hele bedømmelser (alle kriterier givet) tæller med.',
    'Spredning: højeste minus laveste total. Standardafvigelse: populationens (divideret med n).',
    'Normaliseret total: hvert medlems point omregnet til z-værdier over alle medlemmets point, gennemsnit pr. medlem og derefter over medlemmerne.',
    'Rang: 1 er bedst; lige værdier deler rang, og den næste springes over (1, 2, 2, 4).',
    'Point fra medlemmer, der er inhabile i en indstilling, indgår ikke.',
  ],
  alpha: 'Krippendorffs alfa (interval)',
  alphaNone: (why: string) => `Kan ikke beregnes: ${why}`,
  tooFew: (why: string) => `Bemærk: ${why}`,
};

const text = (s: string) => neutraliseFormula(s);

export function scoresFileName(awardSlug: string, year: number): string {
  return `bedoemmelser-${awardSlug.replace(/[^a-z0-9-]/g, '-')}-${year}.xlsx`;
}

export async function scoresWorkbook(overview: CommitteeOverviewData, rows: readonly ScoreRow[]): Promise<Buffer> {
  // Loaded on the first workbook, not when the app starts (exceljs is large).
  const { default: ExcelJS } = await import('exceljs');
  const T = SCORES_TEXTS;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Prisportal';
  wb.created = new Date(0);
  wb.modified = new Date(0);

  const scores = wb.addWorksheet(T.scoresSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  scores.columns = [
    { header: T.receipt, width: 18 },
    { header: T.title, width: 40 },
    { header: T.member, width: 28 },
    { header: T.criterion, width: 32 },
    { header: T.score, width: 8 },
  ];
  scores.getRow(1).font = { bold: true };
  for (const r of rows) scores.addRow([text(r.receiptNumber ?? ''), text(r.title), text(r.member), text(r.criterion), r.score]);
  scores.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: 5 } };

  const totals = wb.addWorksheet(T.totalsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [
    T.receipt,
    T.title,
    T.members,
    T.completeReviews,
    T.partialReviews,
    T.mean,
    T.median,
    T.min,
    T.max,
    T.range,
    T.sd,
    T.normalised,
    T.rankRaw,
    T.rankNormalised,
    ...overview.criteria.map((c) => text(T.criterionMean(c.title))),
    T.absent,
  ];
  totals.columns = headers.map((h) => ({ header: h, width: Math.min(40, Math.max(12, h.length + 2)) }));
  totals.getRow(1).font = { bold: true };
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : v);
  for (const n of overview.nominations) {
    const t = n.total;
    const row = totals.addRow([
      text(n.receiptNumber ?? ''),
      text(n.title),
      n.memberCount,
      t ? t.count : 0,
      n.partialReviews,
      num(t?.mean),
      num(t?.median),
      num(t?.min),
      num(t?.max),
      num(t?.range),
      num(t?.sd),
      num(n.normalisedTotal),
      num(n.rankRaw),
      num(n.rankNormalised),
      ...overview.criteria.map((c) => num(n.criteria[c.id]?.mean)),
      text(n.absent.join(', ')),
    ]);
    for (const col of [6, 7, 11, 12, ...overview.criteria.map((_, i) => 15 + i)]) row.getCell(col).numFmt = '0.00';
  }
  totals.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + overview.nominations.length, column: headers.length } };

  const comments = wb.addWorksheet(T.commentsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  comments.columns = [
    { header: T.receipt, width: 18 },
    { header: T.title, width: 40 },
    { header: T.member, width: 28 },
    { header: T.comment, width: 90 },
  ];
  comments.getRow(1).font = { bold: true };
  let commentRows = 0;
  for (const n of overview.nominations) {
    for (const c of n.comments) {
      const row = comments.addRow([text(n.receiptNumber ?? ''), text(n.title), text(c.label), text(c.text)]);
      row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
      commentRows++;
    }
  }
  comments.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + commentRows, column: 4 } };

  const about = wb.addWorksheet(T.aboutSheet);
  about.getColumn(1).width = 110;
  for (const line of T.about) about.addRow([line]);
  about.addRow([]);
  const a = overview.alpha;
  about.addRow([`${T.alpha}: ${a.alpha === null ? T.alphaNone(a.message) : a.alpha.toFixed(3)}`]);
  if (overview.tooFew) about.addRow([text(T.tooFew(overview.tooFew.reason))]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
