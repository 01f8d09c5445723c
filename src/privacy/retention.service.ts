import { type Database, inTransaction } from '../db/database.js';
import { deleteExpiredOpeningSubscriptions } from '../outreach/index.js';
import { recordAudit } from '../platform/audit.js';
import { allowAuditAnonymisation, anonymiseNominationAudit, blankNomination, deleteSentMailBefore, findExpiredNominations } from './privacy.repo.js';

/** How many years after an edition is archived its personal data is kept, unless RETENTION_YEARS says otherwise. */
export const DEFAULT_RETENTION_YEARS = 5;

export type RetentionResult = {
  cutoff: string;
  nominations: number;
  nomineesKept: number;
  attachments: number;
  auditEvents: number;
  sentMails: number;
  /** Sign-ups for "Få besked, når der åbnes" deleted: unconfirmed after 7 days, fulfilled after 30 (src/outreach). */
  openingSubscriptions: number;
  /** Attachment files whose bytes could not be removed (the rows are gone; retried never, logged by the caller). */
};

/** `now` minus `years` calendar years (UTC). */
export function retentionCutoff(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/**
 * The retention job: for editions archived more than `retentionYears` ago (archived_at, or one
 * year after the winner was announced), anonymises the personal data of their nominations.
 *
 * Side effects, in one transaction:
 * - the nominator's name, e-mail and workplace are blanked in every such nomination; the
 *   nominee's names, unit and e-mail too, except for nominees (shortlisted, the winner among
 *   them) who accepted publication: their names and unit stay, as consented (the e-mail goes);
 * - the private links stop working (a random token hash, the consent token dropped);
 * - attachment rows are deleted, and with them their stored files and chunks (the rows' delete trigger);
 * - personal keys are removed from audit events about these nominations and the public
 *   actor's label anonymised (the append-only trigger allows it in this transaction only);
 * - sent e-mails older than the cutoff are deleted from the outbox (pending ones stay);
 * - one audit event 'retention.run' with the counts.
 * Running it again finds nothing more to do. Title, summary and answers (the solution) stay.
 */
export async function anonymiseExpiredPersonalData(deps: { db: Database; now: Date; retentionYears: number }): Promise<RetentionResult> {
  const { db, now } = deps;
  if (!Number.isInteger(deps.retentionYears) || deps.retentionYears < 1) throw new Error('retentionYears must be a whole number of years ≥ 1');
  const cutoff = retentionCutoff(now, deps.retentionYears);
  return inTransaction(db, async (tx) => {
    await allowAuditAnonymisation(tx);
    const expired = await findExpiredNominations(tx, cutoff);
    const keys: string[] = [];
    for (const n of expired) keys.push(...(await blankNomination(tx, n.id, { nominator: true, nominee: n.keepNominee ? 'email' : true }, now)));
    const auditEvents = await anonymiseNominationAudit(
      tx,
      expired.map((n) => n.id),
    );
    const sentMails = await deleteSentMailBefore(tx, cutoff);
    const openingSubscriptions = await deleteExpiredOpeningSubscriptions(tx, now);
    const result: RetentionResult = {
      cutoff: cutoff.toISOString(),
      nominations: expired.length,
      nomineesKept: expired.filter((n) => n.keepNominee).length,
      attachments: keys.length,
      auditEvents,
      sentMails,
      openingSubscriptions,
    };
    await recordAudit(
      tx,
      {
        actor: 'system',
        action: 'retention.run',
        entityType: 'retention',
        entityId: cutoff.toISOString(),
        after: { ...result, retentionYears: deps.retentionYears },
      },
      now,
    );
    return result;
  });
}
