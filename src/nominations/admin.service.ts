import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, nominations } from '../db/schema.js';
import { findEditionWithAward } from '../awards/index.js';
import type { NominationAdminTexts } from './admin-i18n.js';
import {
  findAttachments,
  findFormOfEdition,
  findNominationOrder,
  findNominationsForExport,
  findVisibleNomination,
  listNominationsOfEdition,
  markScreeningSeen,
  type NominationListQuery,
} from './admin.repo.js';
import { buildExportTable, exportFileName } from './export.js';
import { toCsv, toXlsx } from '../platform/spreadsheet.js';

// What the administrators' pages show, read from the nominations' repository. The rules of
// screening live in nominations/screening.service.ts.

/** The list page of an edition, or null when there is no such edition. */
export async function getNominationList(db: Database, editionId: number, query: NominationListQuery) {
  const [found, list] = await Promise.all([findEditionWithAward(db, editionId), listNominationsOfEdition(db, editionId, query)]);
  if (!found) return null;
  return { ...found, ...list, query };
}

export type NominationList = NonNullable<Awaited<ReturnType<typeof getNominationList>>>;

/**
 * A sent or withdrawn nomination in full, or null (unknown id, or a draft), with its
 * neighbours in the edition's receipt order (previous and next, for screening one after the
 * other) and whether it changed after it was screened and last looked at.
 */
export async function getNominationDetail(db: Database, id: number) {
  const found = await findVisibleNomination(db, id);
  if (!found) return null;
  const [form, attachments, order] = await Promise.all([
    findFormOfEdition(db, found.edition.id),
    findAttachments(db, id),
    findNominationOrder(db, found.edition.id),
  ]);
  const at = order.findIndex((o) => o.id === id);
  return {
    ...found,
    ...form,
    attachments,
    position: { index: at + 1, total: order.length, previous: order[at - 1] ?? null, next: order[at + 1] ?? null },
  };
}

export type NominationDetail = NonNullable<Awaited<ReturnType<typeof getNominationDetail>>>;

/**
 * Records that an administrator opened a screened nomination's page. Side effects:
 * nominations.screening_seen_at = now (only on a screened nomination), which ends its
 * "changed after screening" mark on the list and the dashboard.
 */
export async function recordScreeningSeen(db: Database, id: number, now: Date): Promise<void> {
  await markScreeningSeen(db, id, now);
}

/** The export of every sent and withdrawn nomination of an edition, or null when there is no such edition. */
export async function getNominationExport(db: Database, editionId: number, labels: NominationAdminTexts, format: 'csv' | 'xlsx') {
  const [found, form, rows] = await Promise.all([
    findEditionWithAward(db, editionId),
    findFormOfEdition(db, editionId),
    findNominationsForExport(db, editionId),
  ]);
  if (!found) return null;
  const table = buildExportTable({ labels, asksOrigin: found.edition.asksOrigin, sections: form.sections, criteria: form.criteria, nominations: rows });
  const fileName = exportFileName(found.award.slug, found.edition.year, format);
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
  return { fileName, body };
}

/** The organisation that owns a nomination's edition; null when there is none. */
export async function organisationOfNomination(db: Database, nominationId: number): Promise<number | null> {
  const [row] = await db
    .select({ organisationId: awards.organisationId })
    .from(nominations)
    .innerJoin(editions, eq(editions.id, nominations.editionId))
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(nominations.id, nominationId))
    .limit(1);
  return row?.organisationId ?? null;
}
