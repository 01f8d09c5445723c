import type { NominationAdminTexts } from './admin-i18n.js';
import type { NominationRow } from './admin.repo.js';
import type { ExportCell, ExportTable } from '../platform/spreadsheet.js';

/**
 * The nominations of an edition as a table for Excel: one row per sent or withdrawn
 * nomination, one column per fixed field and one per form section (its heading as the
 * column title). Written as XLSX (exceljs) or as CSV for Danish Excel.
 */

export type ExportInput = {
  labels: NominationAdminTexts;
  asksOrigin: boolean;
  sections: { id: number; heading: string }[];
  criteria: { id: number; title: string }[];
  nominations: NominationRow[];
};

type Column = { header: string; value: (n: NominationRow) => ExportCell };

export function buildExportTable({ labels, asksOrigin, sections, criteria, nominations }: ExportInput): ExportTable {
  const x = labels.export;
  const criterionTitle = new Map(criteria.map((c) => [c.id, c.title]));
  const criterionOrder = new Map(criteria.map((c, i) => [c.id, i]));
  const yesNo = (v: 'yes' | 'no' | null) => (v === 'yes' ? labels.yes : v === 'no' ? labels.no : '');
  const showOrigin = asksOrigin || nominations.some((n) => n.originOrganisation || n.originDescription || n.originUrl);

  const columns: Column[] = [
    { header: x.receipt, value: (n) => n.receiptNumber ?? '' },
    { header: x.status, value: (n) => labels.status[n.status] },
    { header: x.sentAt, value: (n) => n.sentAt },
    { header: x.withdrawnAt, value: (n) => n.withdrawnAt },
    { header: x.screening, value: (n) => labels.screening[n.screening] },
    { header: x.screeningReason, value: (n) => n.screeningReason ?? '' },
    { header: x.screenedAt, value: (n) => n.screenedAt },
    { header: x.nominatorName, value: (n) => n.nominatorName },
    { header: x.nominatorEmail, value: (n) => n.nominatorEmail },
    { header: x.nominatorWorkplace, value: (n) => n.nominatorWorkplace },
    { header: x.nominatorIsCitizen, value: (n) => yesNo(n.nominatorIsCitizen) },
    { header: x.nomineeKind, value: (n) => (n.nomineeKind ? labels.nomineeKind[n.nomineeKind] : '') },
    { header: x.nomineeNames, value: (n) => n.nomineeNames },
    { header: x.nomineeUnit, value: (n) => n.nomineeUnit },
    { header: x.nomineeOrganisation, value: (n) => n.nomineeOrganisation },
    { header: x.nomineeEmail, value: (n) => n.nomineeEmail },
    { header: x.nomineeConsent, value: (n) => x.consent[n.nomineeConsent] },
    { header: x.title, value: (n) => n.title },
    { header: x.summary, value: (n) => n.summary },
    {
      header: x.criteria,
      value: (n) =>
        [...new Set(n.criterionIds)]
          .filter((id) => criterionTitle.has(id))
          .sort((a, b) => criterionOrder.get(a)! - criterionOrder.get(b)!)
          .map((id) => criterionTitle.get(id)!)
          .join('; '),
    },
    ...(showOrigin
      ? [
          { header: x.originOrganisation, value: (n: NominationRow) => n.originOrganisation },
          { header: x.originDescription, value: (n: NominationRow) => n.originDescription },
          { header: x.originUrl, value: (n: NominationRow) => n.originUrl },
        ]
      : []),
    ...sections.map((s) => ({ header: s.heading, value: (n: NominationRow) => n.answers[String(s.id)] ?? '' })),
  ];

  return {
    sheetName: x.sheetName,
    headers: columns.map((c) => c.header),
    rows: nominations.map((n) => columns.map((c) => c.value(n))),
  };
}

/** `indstillinger-aarets-borgerinddragende-initiativ-2021.csv`: ASCII only (slugs are). */
export function exportFileName(awardSlug: string, year: number, extension: 'csv' | 'xlsx'): string {
  const safe = awardSlug.replace(/[^a-z0-9-]/g, '-');
  return `indstillinger-${safe}-${year}.${extension}`;
}
