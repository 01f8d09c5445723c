import type { MessageKind, OutgoingMessage } from '../messages/index.js';
import type { Locale } from '../platform/time.js';

// Who is told what when the nominees and the winner are published, and the confidential notice
// to the winner before. The wording is the round's template of each kind (src/messages); this
// file picks the recipients and the values. They are sent only after the public instant (the
// confidential notice excepted), so they say nothing that is not already on the public page.

export type NoticeContact = {
  id: number;
  title: string;
  nominatorName: string;
  nominatorEmail: string;
  nomineeNames: string;
  nomineeEmail: string;
  /** The nominator's language, and the nominee's own (null: the nominator's). */
  language: Locale;
  nomineeLanguage: Locale | null;
  screeningReason?: string | null;
};

type Role = 'nominator' | 'nominee';
export type NoticeRecipient = { role: Role; to: string; name: string; language: Locale };

/** The nominator and the nominee (when an address was given; once when it is the same address). */
export function recipientsOf(c: NoticeContact): NoticeRecipient[] {
  const out: NoticeRecipient[] = [];
  if (c.nominatorEmail.trim()) out.push({ role: 'nominator', to: c.nominatorEmail.trim(), name: c.nominatorName, language: c.language });
  const nominee = c.nomineeEmail.trim();
  if (nominee && nominee.toLowerCase() !== c.nominatorEmail.trim().toLowerCase())
    out.push({ role: 'nominee', to: nominee, name: c.nomineeNames, language: c.nomineeLanguage ?? c.language });
  return out;
}

/** The outcome of a sent nomination when the nominees are published. */
export type NomineesOutcome = 'nominated' | 'not-nominated' | 'not-eligible';

const NOMINEES_KIND: Record<NomineesOutcome, MessageKind> = {
  nominated: 'nominees-nominated',
  'not-nominated': 'nominees-not-nominated',
  'not-eligible': 'nominees-not-eligible',
};

/**
 * The nominees e-mail of one nomination: "nominated" to its nominator and nominee; "not
 * nominated" to both too; "not eligible" (with the screening's reason, when one was written)
 * to the nominator only, whose nomination it was.
 */
export function nomineesMails(editionId: number, c: NoticeContact, outcome: NomineesOutcome): OutgoingMessage<MessageKind>[] {
  const recipients = recipientsOf(c).filter((r) => outcome !== 'not-eligible' || r.role === 'nominator');
  return recipients.map((r) => ({
    kind: NOMINEES_KIND[outcome],
    to: r.to,
    language: r.language,
    values: { recipient: r.name, title: c.title, reason: outcome === 'not-eligible' ? (c.screeningReason ?? '') : '' },
    dedupeKey: outcome === 'nominated' ? `publication:nominees:${editionId}:${c.id}:${r.role}` : `publication:${outcome}:${editionId}:${c.id}:${r.role}`,
    about: `nomination:${c.id}`,
  }));
}

/** "The winner is announced" to the nominator and nominee of a nominee; the winner's own say so. */
export function winnerMails(editionId: number, c: NoticeContact, winnerTitle: string, isWinner: boolean): OutgoingMessage<MessageKind>[] {
  return recipientsOf(c).map((r) => ({
    kind: isWinner ? 'winner-announced-winner' : 'winner-announced',
    to: r.to,
    language: r.language,
    values: { recipient: r.name, title: c.title, winner: winnerTitle },
    dedupeKey: `publication:winner:${editionId}:${c.id}:${r.role}`,
    about: `nomination:${c.id}`,
  }));
}

/** The confidential notice before the event, to the winner's nominator and nominee. */
export function winnerConfidentialMails(editionId: number, c: NoticeContact): OutgoingMessage<MessageKind>[] {
  return recipientsOf(c).map((r) => ({
    kind: 'winner-confidential',
    to: r.to,
    language: r.language,
    values: { recipient: r.name, title: c.title },
    dedupeKey: `publication:winner-confidential:${editionId}:${c.id}:${r.role}`,
    about: `nomination:${c.id}`,
  }));
}

export type RoundMember = { id: number; role: 'committee' | 'panel'; name: string; email: string; language: Locale | null };

/** The thanks to every member of the committee and the panel, once the winner is announced. */
export function thanksMails(editionId: number, members: readonly RoundMember[], winnerTitle: string): OutgoingMessage<MessageKind>[] {
  return members.map((m) => ({
    kind: m.role === 'committee' ? 'thanks-committee' : 'thanks-panel',
    to: m.email,
    language: m.language ?? 'da',
    values: { recipient: m.name, winner: winnerTitle },
    dedupeKey: `publication:thanks:${editionId}:${m.id}`,
  }));
}
