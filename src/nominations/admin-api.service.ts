import { type Database, inTransaction } from '../db/database.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { timelineOf, phaseAt, findEditionWithAward } from '../awards/index.js';
import { findEditionsWithSentCounts, findNominationsForExport, findVisibleNomination, nominationIdsOfEdition } from './admin.repo.js';
import { decideScreening, type ScreeningDecision, type ScreeningRefusal } from './screening.service.js';

// What the admin API (admin.api.ts) reads and changes beyond the members: the editions of the
// caller's organisations, an edition's nominations, and screening with its audit record.

/** The editions of the given organisations with their phase at `now` and number of sent nominations (one query). */
export async function listAdministeredEditions(db: Database, organisationIds: ReadonlySet<number>, now: Date) {
  const rows = await findEditionsWithSentCounts(db);
  return rows
    .filter((r) => organisationIds.has(r.organisation.id))
    .map((r) => ({
      id: r.edition.id,
      year: r.edition.year,
      theme: r.edition.theme,
      phase: phaseAt(timelineOf(r.edition), now),
      sentCount: r.sentCount,
      award: { id: r.award.id, slug: r.award.slug, name: r.award.name },
      organisation: { id: r.organisation.id, slug: r.organisation.slug, name: r.organisation.name },
    }));
}

/** The sent and withdrawn nominations of an edition in receipt order (never drafts), or null when there is no such edition. */
export async function listEditionNominations(db: Database, editionId: number) {
  const [found, rows] = await Promise.all([findEditionWithAward(db, editionId), findNominationsForExport(db, editionId)]);
  if (!found) return null;
  return { edition: found.edition, award: found.award, nominations: rows };
}

export type AuditedScreeningResult = { ok: true; screening: ScreeningState } | { ok: false; reason: ScreeningRefusal };
export type ScreeningState = { state: 'pending' | 'eligible' | 'not-eligible'; reason: string | null; screenedAt: Date | null };

/**
 * `decideScreening` (same rules and refusals as the administrators' page) with an audit
 * record 'nomination.screen' (before and after) in the same transaction.
 */
export async function screenNomination(args: {
  db: Database;
  actor: Actor;
  nominationId: number;
  decision: ScreeningDecision;
  reason?: string | null;
  now: Date;
}): Promise<AuditedScreeningResult> {
  return inTransaction(args.db, async (tx): Promise<AuditedScreeningResult> => {
    const before = await findVisibleNomination(tx, args.nominationId);
    const result = await decideScreening({ db: tx, nominationId: args.nominationId, decision: args.decision, reason: args.reason ?? null, now: args.now });
    if (!result.ok) return result;
    const after = await findVisibleNomination(tx, args.nominationId);
    if (!before || !after) return { ok: false, reason: 'not-found' };
    const view = (n: typeof before.nomination): ScreeningState => ({ state: n.screening, reason: n.screeningReason, screenedAt: n.screenedAt });
    const json = (s: ScreeningState) => ({ ...s, screenedAt: s.screenedAt ? s.screenedAt.toISOString() : null });
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'nomination.screen',
        entityType: 'nomination',
        entityId: args.nominationId,
        organisationId: after.organisation.id,
        editionId: after.edition.id,
        before: json(view(before.nomination)),
        after: json(view(after.nomination)),
      },
      args.now,
    );
    return { ok: true, screening: view(after.nomination) };
  });
}

export type BulkScreeningResult = { ok: true; screened: number; skipped: number } | { ok: false; reason: 'none-chosen' | 'reason-required' };

/**
 * Screens several nominations of one edition at once with the same decision (and reason), as
 * the list page's bulk form asks. Ids of other editions (a tampered form) are ignored.
 * Refuses: 'none-chosen' (no nomination of this edition among the ids), 'reason-required'
 * (not eligible without a reason; nothing is screened).
 * Side effects: for each nomination what `screenNomination` does (the row and its own audit
 * event 'nomination.screen'), all in one transaction; a nomination withdrawn meanwhile (or a
 * draft) is skipped and counted in `skipped`.
 */
export async function screenNominations(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  nominationIds: readonly number[];
  decision: ScreeningDecision;
  reason?: string | null;
  now: Date;
}): Promise<BulkScreeningResult> {
  if (args.decision === 'not-eligible' && (args.reason ?? '').trim() === '') return { ok: false, reason: 'reason-required' };
  return inTransaction(args.db, async (tx): Promise<BulkScreeningResult> => {
    const ids = await nominationIdsOfEdition(tx, args.editionId, [...new Set(args.nominationIds)]);
    if (ids.length === 0) return { ok: false, reason: 'none-chosen' };
    let screened = 0;
    for (const nominationId of ids) {
      const one = await screenNomination({ db: tx, actor: args.actor, nominationId, decision: args.decision, reason: args.reason ?? null, now: args.now });
      if (one.ok) screened++;
    }
    return { ok: true, screened, skipped: ids.length - screened };
  });
}
