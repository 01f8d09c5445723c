import { createHash } from 'node:crypto';
import type { Actor } from '../accounts/index.js';
import { findAwardForImport, findRoundsForImport, importedTimeline, writeImportedRound } from '../awards/index.js';
import { type Database, inTransaction } from '../db/database.js';
import { findSolutionTitlesOf, insertImportedSolution } from '../ideabank/index.js';
import { findShortlist, writeShortlist } from '../judging/index.js';
import { findNomineesOfEditions, insertImportedNominee } from '../nominations/index.js';
import { findWinner, recordImportedWinner } from '../panel/index.js';
import { recordAudit } from '../platform/audit.js';
import { yearInCopenhagen } from '../platform/time.js';
import { type ExistingRound, type ImportContext, type ImportPlan, keyOf, planImport } from './import-rules.js';
import { type ParseRefusal, MAX_UPLOAD_BYTES, parseImportFile } from './parse.js';
import { deleteStaleUploads, findUpload, insertUpload, lockAwardForImport, lockUpload, markApplied, type HistoryImportRow } from './history-import.repo.js';
import type { HistoryImportSummary } from './history-import.schema.js';

type UserActor = Extract<Actor, { kind: 'user' }>;
export type ImportAward = NonNullable<Awaited<ReturnType<typeof findAwardForImport>>>;

/** How long an upload that was never applied is kept (it holds nominees' names). */
const UPLOAD_KEPT_MS = 24 * 3600 * 1000;

export type UploadRefusal = ParseRefusal | { reason: 'no-file' };

/**
 * Stores an uploaded file of earlier years for the award, once it reads as a table of rounds or
 * solutions, and returns its id for the preview.
 *
 * Refuses, storing nothing: 'no-file' (nothing chosen), 'empty', 'too-big' (over
 * MAX_UPLOAD_BYTES), 'damaged' (neither XLSX nor text), 'unpacks-too-large' (a zip bomb),
 * 'unclosed-quote', 'no-known-columns', 'missing-columns', 'too-many-rows' (parse.ts).
 *
 * Side effects: a `history_imports` row with the bytes; unapplied uploads (of any award) older
 * than a day are deleted. Nothing else changes until the apply.
 */
export async function uploadHistoryFile({
  db,
  actor,
  award,
  upload,
  now,
}: {
  db: Database;
  actor: UserActor;
  award: ImportAward;
  upload: { fileName: string; data: Buffer; truncated: boolean } | null;
  now: Date;
}): Promise<{ ok: true; importId: number } | ({ ok: false } & UploadRefusal)> {
  if (!upload || (upload.data.length === 0 && upload.fileName === '')) return { ok: false, reason: 'no-file' };
  if (upload.truncated || upload.data.length > MAX_UPLOAD_BYTES) return { ok: false, reason: 'too-big' };
  const parsed = await parseImportFile(upload.data);
  if (!parsed.ok) {
    const { ok: _ok, ...refusal } = parsed;
    return { ok: false, ...refusal };
  }
  await deleteStaleUploads(db, new Date(now.getTime() - UPLOAD_KEPT_MS));
  const importId = await insertUpload(db, {
    awardId: award.award.id,
    userId: actor.user.id,
    fileName:
      upload.fileName
        .normalize('NFC')
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .slice(0, 200) || 'fil',
    sha256: createHash('sha256').update(upload.data).digest('hex'),
    bytes: upload.data,
    now,
  });
  return { ok: true, importId };
}

/** What the database holds that the rules compare the file with (read in the caller's transaction for the apply). */
async function importContext(db: Database, award: ImportAward, now: Date): Promise<ImportContext> {
  const editions = await findRoundsForImport(db, award.award.id);
  const imported = editions.filter((e) => e.kind === 'imported');
  const nominees = await findNomineesOfEditions(
    db,
    imported.map((e) => e.id),
  );
  const rounds = new Map<number, ExistingRound>();
  for (const e of editions) {
    if (e.kind === 'run-here') rounds.set(e.year, { kind: 'run-here', year: e.year });
    else if (e.kind === 'placeholder') rounds.set(e.year, { kind: 'placeholder', year: e.year, editionId: e.id, theme: e.theme });
    else {
      const own = nominees.filter((n) => n.editionId === e.id);
      const w = await findWinner(db, e.id);
      const winner = w.kind === 'winner' ? (own.find((n) => n.id === w.nominationId)?.names ?? null) : null;
      rounds.set(e.year, { kind: 'imported', year: e.year, editionId: e.id, theme: e.theme, filmUrl: e.filmUrl, nominees: own.map((n) => n.names), winner });
    }
  }
  return {
    establishedYear: award.award.establishedYear,
    organisationName: award.organisation.name,
    currentYear: yearInCopenhagen(now),
    rounds,
    solutionTitles: await findSolutionTitlesOf(db, award.organisation.name),
  };
}

export type Preview =
  | { kind: 'applied'; upload: HistoryImportRow; summary: HistoryImportSummary }
  | { kind: 'unreadable'; upload: HistoryImportRow; refusal: ParseRefusal }
  | { kind: 'plan'; upload: HistoryImportRow; plan: ImportPlan; ignoredColumns: string[]; format: 'csv' | 'xlsx' };

/**
 * The dry run (it deletes unapplied uploads older than a day first, so an old one is gone): the stored file read again and compared with the database, each row with its
 * outcome ('new', 'already-there', 'error') and reasons, and the counts of what the apply would
 * create. Writes nothing. Null when the upload is not the award's (or is gone).
 */
export async function previewHistoryImport({
  db,
  award,
  importId,
  now,
}: {
  db: Database;
  award: ImportAward;
  importId: number;
  now: Date;
}): Promise<Preview | null> {
  await deleteStaleUploads(db, new Date(now.getTime() - UPLOAD_KEPT_MS));
  const upload = await findUpload(db, award.award.id, importId);
  if (!upload) return null;
  if (upload.appliedAt && upload.summary) return { kind: 'applied', upload, summary: upload.summary };
  if (upload.content === null) return null;
  const parsed = await parseImportFile(Buffer.from(upload.content, 'base64'));
  if (!parsed.ok) {
    const { ok: _ok, ...refusal } = parsed;
    return { kind: 'unreadable', upload, refusal };
  }
  const plan = planImport(parsed, await importContext(db, award, now));
  return { kind: 'plan', upload, plan, ignoredColumns: parsed.ignoredColumns, format: parsed.format };
}

export type ApplyRefusal = 'not-found' | 'already-applied' | 'changed' | 'has-errors' | 'unreadable';

/**
 * Applies a previewed upload: the stored bytes are read and planned again inside the
 * transaction (so what is written is what the rules allow now, not what a stale page showed),
 * and everything is written in ONE transaction with one audit event.
 *
 * Refuses, writing nothing: 'not-found' (not the award's upload, or expired), 'already-applied',
 * 'changed' (the form's SHA-256 is not the stored file's: a preview of another upload),
 * 'unreadable', 'has-errors' (a row has an error now; the preview lists them).
 *
 * Side effects (one transaction, under a per-award lock): the rounds created or completed with
 * their nominees (as sent, eligible nominations), shortlist and winner; the new idea-bank
 * solutions; the upload marked applied with its summary and its bytes dropped; the audit event
 * 'history.import' on the award with the counts. Rows already there are left as they are, so a
 * second run of the same file creates nothing.
 */
export async function applyHistoryImport({
  db,
  actor,
  award,
  importId,
  sha256,
  now,
}: {
  db: Database;
  actor: UserActor;
  award: ImportAward;
  importId: number;
  sha256: string;
  now: Date;
}): Promise<{ ok: true; summary: HistoryImportSummary } | { ok: false; reason: ApplyRefusal; plan?: ImportPlan }> {
  return inTransaction(db, async (tx) => {
    await lockAwardForImport(tx, award.award.id);
    const upload = await lockUpload(tx, award.award.id, importId);
    if (!upload) return { ok: false as const, reason: 'not-found' as const };
    if (upload.appliedAt) return { ok: false as const, reason: 'already-applied' as const };
    if (upload.content === null) return { ok: false as const, reason: 'not-found' as const };
    if (upload.sha256 !== sha256) return { ok: false as const, reason: 'changed' as const };
    const parsed = await parseImportFile(Buffer.from(upload.content, 'base64'));
    if (!parsed.ok) return { ok: false as const, reason: 'unreadable' as const };
    const plan = planImport(parsed, await importContext(tx, award, now));
    if (plan.counts.errors > 0) return { ok: false as const, reason: 'has-errors' as const, plan };

    const userId = actor.user.id;
    for (const w of plan.writes) {
      const editionId = await writeImportedRound(tx, {
        awardId: award.award.id,
        year: w.year,
        action: w.action,
        editionId: w.editionId,
        theme: w.theme,
        filmUrl: w.filmUrl,
        now,
      });
      const at = importedTimeline(w.year).opensAt;
      const before = await findNomineesOfEditions(tx, [editionId]);
      const added: { id: number; names: string }[] = [];
      for (const [i, n] of w.nominees.entries()) {
        const id = await insertImportedNominee(tx, { editionId, year: w.year, number: before.length + i + 1, ...n, at, now });
        added.push({ id, names: n.name });
      }
      if (added.length > 0) {
        const shortlist = (await findShortlist(tx, editionId))?.nominationIds ?? [];
        await writeShortlist(tx, editionId, [...shortlist, ...added.map((a) => a.id)], userId, now);
      }
      if (w.winner !== null) {
        const winner = [...before, ...added].find((n) => keyOf(n.names) === keyOf(w.winner!));
        if (winner) await recordImportedWinner(tx, editionId, winner.id, userId, now);
      }
    }
    for (const s of plan.newSolutions) {
      await insertImportedSolution(tx, { ...s, year: s.year!, organisation: award.organisation, userId, now });
    }
    const summary: HistoryImportSummary = {
      roundsCreated: plan.counts.roundsCreated,
      roundsCompleted: plan.counts.roundsCompleted,
      nomineesCreated: plan.counts.nomineesCreated,
      solutionsCreated: plan.counts.solutionsCreated,
      alreadyThere: plan.counts.alreadyThere,
      years: plan.writes.map((w) => w.year),
    };
    await markApplied(tx, upload.id, userId, summary, now);
    await recordAudit(
      tx,
      {
        actor,
        action: 'history.import',
        entityType: 'award',
        entityId: award.award.id,
        organisationId: award.organisation.id,
        after: { fileName: upload.fileName, sha256: upload.sha256, ...summary },
      },
      now,
    );
    return { ok: true as const, summary };
  });
}

export { findAwardForImport };
