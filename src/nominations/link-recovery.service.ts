import { type Database, inTransaction } from '../db/database.js';
import { enqueueMail, type NewMail } from '../mail/index.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { loadEditionForForm, type EditionForForm } from './edition-form.js';
import { nominationTexts } from './i18n.js';
import { LINK_RECOVERY_TTL_MS, mayIssueRecovery, recoveryRefusal, type RecoveryRefusal } from './link-recovery-rules.js';
import type { MailContext } from './nomination-mails.js';
import {
  findNominationById,
  findNominationsForRecovery,
  insertLinkRecovery,
  lockLinkRecovery,
  markLinkRecoveryUsed,
  updateNomination,
} from './nominations.repo.js';
import { nominationsUrls as urls } from './urls.js';

/**
 * "Send mig mit link igen". A nominator who lost the private link asks with the address they
 * used; each of their draft and sent nominations gets an e-mail with a recovery link. The
 * request answers the same whatever the address, revokes nothing, and sends nothing more for a
 * nomination that already has LINK_RECOVERY_CAP working recovery links (its owner has them in
 * their inbox): a stranger cannot lock the owner out, only fill the owner's own inbox a little.
 * Opening a recovery link asks for a confirmation (a POST), since mail scanners open links.
 */

/**
 * Side effects: for each draft or sent nomination of `email` with fewer than the cap of working
 * recovery links, a `nomination_link_recoveries` row (only the token's hash) and an e-mail with
 * the link to the nominator's address, in one transaction. Returns nothing the caller could
 * tell apart (the page answers the same).
 */
export async function requestLinkRecovery(args: { db: Database; email: string; now: Date; mail: MailContext }): Promise<void> {
  await inTransaction(args.db, async (tx) => {
    const found = await findNominationsForRecovery(tx, args.email, args.now);
    const editions = new Map<number, EditionForForm | null>();
    for (const n of found) {
      if (!mayIssueRecovery(n.working)) continue;
      const nomination = await findNominationById(tx, n.id);
      if (!editions.has(n.edition_id)) editions.set(n.edition_id, await loadEditionForForm(tx, n.edition_id));
      const edition = editions.get(n.edition_id);
      if (!nomination || !edition) continue;
      const token = newToken();
      await insertLinkRecovery(tx, {
        nominationId: n.id,
        tokenHash: hashToken(token),
        now: args.now,
        expiresAt: new Date(args.now.getTime() + LINK_RECOVERY_TTL_MS),
      });
      await enqueueMail(
        tx,
        recoveryMail({
          edition,
          nominationId: n.id,
          title: nomination.title,
          to: nomination.nominatorEmail,
          token,
          mail: args.mail,
          language: nomination.language,
        }),
        args.now,
      );
    }
  });
}

/** In the nominator's language (the pages they wrote it on). */
function recoveryMail(a: {
  edition: EditionForForm;
  nominationId: number;
  title: string;
  to: string;
  token: string;
  mail: MailContext;
  language: 'da' | 'en';
}): NewMail {
  const m = nominationTexts(a.language).linkRecovery;
  const edition = `${a.edition.award.name} ${a.edition.edition.year}`;
  return {
    kind: 'nomination-link-recovery',
    to: a.to,
    subject: m.mailSubject(edition),
    text: [
      m.mailBody(a.title || edition, edition),
      `${a.mail.baseUrl}${urls.linkRecovery({ token: a.token })}`,
      '',
      m.mailNotYou,
      '',
      a.edition.organisation.name,
    ].join('\n'),
    // One e-mail per recovery link: its token's hash names it.
    language: a.language,
    organisationName: a.edition.organisation.name,
    dedupeKey: `link-recovery:${hashToken(a.token).slice(0, 24)}`,
    organisationId: a.edition.organisation.id,
    about: `nomination:${a.nominationId}`,
  };
}

/** What a recovery link opens, before it is confirmed: its nomination's title, or why it cannot. */
export async function checkLinkRecovery(db: Database, token: string, now: Date): Promise<{ ok: true; title: string } | { ok: false; reason: RecoveryRefusal }> {
  const found = await inTransaction(db, (tx) => lockLinkRecovery(tx, hashToken(token)));
  const refusal = recoveryRefusal(found, now);
  return refusal || !found ? { ok: false, reason: refusal ?? 'unknown' } : { ok: true, title: found.title };
}

/**
 * Uses a recovery link: the nomination gets a new private link (the old one stops working).
 * Refuses: see recoveryRefusal. Side effects: the recovery row marked used, the nomination's
 * access token replaced, in one transaction (a double click uses it once: the second is 'used').
 */
export async function useLinkRecovery(args: { db: Database; token: string; now: Date }) {
  return inTransaction(args.db, async (tx) => {
    const found = await lockLinkRecovery(tx, hashToken(args.token));
    const refusal = recoveryRefusal(found, args.now);
    if (refusal || !found) return { ok: false, reason: refusal ?? 'unknown' } as const;
    await markLinkRecoveryUsed(tx, found.id, args.now);
    const accessToken = newToken();
    await updateNomination(tx, found.nominationId, { accessTokenHash: hashToken(accessToken), accessRevokedAt: args.now });
    return { ok: true, nominationId: found.nominationId, accessToken } as const;
  });
}
