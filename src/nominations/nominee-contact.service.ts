import { type Database, inTransaction } from '../db/database.js';
import type { Actor } from '../accounts/index.js';
import { messageRenderer } from '../messages/index.js';
import { recordAudit } from '../platform/audit.js';
import { isEmail } from '../platform/fields.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { loadEditionForForm } from './edition-form.js';
import { nomineeNoticeMail, type MailContext } from './nomination-mails.js';
import { lockNomination, updateNomination, type NominationRow } from './nominations.repo.js';

/**
 * Anyone can nominate, and a citizen may send a nomination without the nominee's e-mail or
 * unit (form.ts nomineeContactOptional). The organiser then reaches the nominee through their
 * workplace (the round's dashboard lists such nominations) and adds a contact address here:
 * the nominee is then told, and asked for consent, as if the nominator had given it.
 */

export type NomineeContactRefusal = 'not-found' | 'not-sent' | 'withdrawn' | 'has-contact' | 'email-invalid';

/** Why a contact cannot be added to this nomination with this address, or null when it can. */
export function nomineeContactRefusal(row: Pick<NominationRow, 'status' | 'nomineeEmail'> | null, email: string): NomineeContactRefusal | null {
  if (!row) return 'not-found';
  if (row.status === 'draft') return 'not-sent';
  if (row.status === 'withdrawn') return 'withdrawn';
  if (row.nomineeEmail !== '') return 'has-contact';
  if (!isEmail(email)) return 'email-invalid';
  return null;
}

/**
 * Adds the nominee's contact address (and unit, when the nomination has none) that the organiser
 * found.
 *
 * Refuses: see nomineeContactRefusal ('has-contact': the nominee already has an address, which
 * only the nominator changes; the page then shows it).
 * Side effects, in one transaction: the nomination's nominee e-mail (and unit), a new consent
 * link (only its hash stored), the notice to the nominee with that link in the outbox, and an
 * audit event 'nomination.nominee-contact'. The sent version's `updated_at` stays: the
 * solution did not change, so screening is not asked again.
 */
export async function addNomineeContact(args: {
  db: Database;
  actor: Actor;
  nominationId: number;
  email: string;
  unit: string;
  now: Date;
  mail: MailContext;
}): Promise<{ ok: true } | { ok: false; reason: NomineeContactRefusal }> {
  return inTransaction(args.db, async (tx) => {
    const row = await lockNomination(tx, args.nominationId);
    const refusal = nomineeContactRefusal(row, args.email);
    if (refusal || !row) return { ok: false, reason: refusal ?? 'not-found' } as const;
    const edition = await loadEditionForForm(tx, row.editionId);
    if (!edition) return { ok: false, reason: 'not-found' } as const;
    const consentToken = newToken();
    const unit = row.nomineeUnit === '' ? args.unit : row.nomineeUnit;
    const updated = await updateNomination(tx, row.id, {
      nomineeEmail: args.email,
      nomineeUnit: unit,
      nomineeConsentTokenHash: hashToken(consentToken),
    });
    const messages = (await messageRenderer(tx, edition.edition.id, args.mail.baseUrl))!;
    await messages.queue(tx, nomineeNoticeMail({ nomination: updated, consentToken, mail: args.mail }), args.now);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'nomination.nominee-contact',
        entityType: 'nomination',
        entityId: row.id,
        organisationId: edition.organisation.id,
        editionId: edition.edition.id,
        before: { nomineeEmail: row.nomineeEmail, nomineeUnit: row.nomineeUnit },
        after: { nomineeEmail: updated.nomineeEmail, nomineeUnit: updated.nomineeUnit },
      },
      args.now,
    );
    return { ok: true } as const;
  });
}
