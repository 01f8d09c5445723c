import type { Database } from '../../db/database.js';
import { findEditionById, findEditionDetails } from '../../awards/index.js';
import { listConflicts, listReviews, loadCommitteeOverview, conflictIndex, conflictOf, forCommittee, inForce, type Anonymise } from '../../judging/index.js';
import { findEligibleNominationsInFull } from '../publication.repo.js';
import { dossierFileName, renderDossierPdf } from './dossier-pdf.js';
import { scoresFileName, scoresWorkbook, type ScoreRow } from './scores-xlsx.js';

export type ExportFile = { fileName: string; body: Buffer; organisationId: number };

/** The edition's organisation, for the routes' permission check before anything is rendered; null when it does not exist. */
export async function organisationOfEdition(db: Database, editionId: number): Promise<{ organisationId: number; blindReview: boolean } | null> {
  const found = await findEditionById(db, editionId);
  return found ? { organisationId: found.organisation.id, blindReview: found.edition.blindReview } : null;
}

/**
 * The committee dossier of an edition as PDF, or null when the edition does not exist.
 * `blind`: leave out the fields blind review hides from the committee (judging/blind-review.ts),
 * the same as the review page. The members' comments are the committee overview's
 * (judging/overview.service.ts): by name, or under "Medlem n" with `anonymise`; for a committee
 * member (`viewerMemberId`), none on a nomination they are conflicted with.
 * Side effects: as loadCommitteeOverview (flags likely conflicts, idempotent).
 */
export async function dossierExport(
  db: Database,
  editionId: number,
  { blind, now, anonymise = false, viewerMemberId }: { blind: boolean; now: Date; anonymise?: Anonymise; viewerMemberId?: number },
): Promise<ExportFile | null> {
  const found = await findEditionById(db, editionId);
  if (!found) return null;
  const [details, rows, overview] = await Promise.all([
    findEditionDetails(db, [editionId]),
    findEligibleNominationsInFull(db, editionId),
    loadCommitteeOverview(db, editionId, { anonymise, viewerMemberId, now }),
  ]);
  const byId = new Map((overview?.nominations ?? []).map((n) => [n.id, n]));
  const nominations = rows.map((n) => {
    const o = byId.get(n.id);
    return { ...n, comments: o?.hiddenForViewer ? null : (o?.comments ?? []).map((c) => ({ label: c.label, text: c.text })) };
  });
  const body = await renderDossierPdf({
    organisationName: found.organisation.name,
    awardName: found.award.name,
    year: found.edition.year,
    theme: found.edition.theme,
    criteria: details.criteria.map((c) => ({ id: c.id, title: c.title, description: c.description })),
    sections: details.formSections.map((s) => ({ id: s.id, heading: s.heading })),
    nominations: nominations.map((n) => forCommittee(n, blind)),
    blind,
    now,
  });
  return { fileName: dossierFileName(found.award.slug, found.edition.year, blind), body, organisationId: found.organisation.id };
}

/**
 * The committee's scores as XLSX (see scores-xlsx.ts), or null when the edition does not
 * exist; the members by name, or under "Medlem n" with `anonymise`, their comments included. The totals are the committee overview's (judging/overview.service.ts); the rows are
 * the scores it counts: active members, eligible nominations, no member with a conflict in force.
 * Side effects: as loadCommitteeOverview (flags likely conflicts, idempotent).
 */
export async function scoresExport(db: Database, editionId: number, now: Date, anonymise: Anonymise = false): Promise<ExportFile | null> {
  const found = await findEditionById(db, editionId);
  if (!found) return null;
  const overview = await loadCommitteeOverview(db, editionId, { anonymise, now });
  if (!overview) return null;
  const [reviewRows, conflictRows] = await Promise.all([listReviews(db, editionId), listConflicts(db, editionId)]);
  const conflicts = conflictIndex(conflictRows);
  const members = new Map(overview.members.map((m) => [m.id, m.label]));
  const nominations = new Map(overview.nominations.map((n) => [n.id, n]));
  const criterionOrder = new Map(overview.criteria.map((c, i) => [c.id, i]));
  const criterionTitle = new Map(overview.criteria.map((c) => [c.id, c.title]));
  const memberOrder = new Map(overview.members.map((m, i) => [m.id, i]));
  const nominationOrder = new Map(overview.nominations.map((n, i) => [n.id, i]));
  const rows: (ScoreRow & { order: [number, number, number] })[] = [];
  for (const r of reviewRows) {
    const n = nominations.get(r.nominationId);
    const member = members.get(r.memberId);
    if (!n || member === undefined || inForce(conflictOf(conflicts, r.memberId, r.nominationId))) continue;
    for (const [criterionId, score] of r.scores) {
      if (!criterionTitle.has(criterionId)) continue;
      rows.push({
        receiptNumber: n.receiptNumber,
        title: n.title,
        member,
        criterion: criterionTitle.get(criterionId)!,
        score,
        order: [nominationOrder.get(n.id)!, memberOrder.get(r.memberId)!, criterionOrder.get(criterionId)!],
      });
    }
  }
  rows.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  const body = await scoresWorkbook(overview, rows);
  return { fileName: scoresFileName(found.award.slug, found.edition.year), body, organisationId: found.organisation.id };
}
