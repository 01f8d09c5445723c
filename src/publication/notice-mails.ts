import type { NewMail } from '../mail/outbox.js';
import { formatInstant } from '../platform/time.js';

// The publication e-mails, in Danish plain language. They are sent only after the public
// instant, so they say nothing that is not already on the public page.

export type NoticeEdition = {
  id: number;
  year: number;
  awardName: string;
  awardSlug: string;
  organisationName: string;
  winnerAnnouncedAt: Date | null;
  eventName: string | null;
};

export type NoticeContact = {
  id: number;
  title: string;
  nominatorName: string;
  nominatorEmail: string;
  nomineeNames: string;
  nomineeEmail: string;
  /** Whether the nominee accepted publication of their name. */
  nomineeNamePublic: boolean;
};

type Role = 'nominator' | 'nominee';

const editionName = (e: NoticeEdition) => `${e.awardName} ${e.year}`;
const pageUrl = (e: NoticeEdition, baseUrl: string) => `${baseUrl}/priser/${e.awardSlug}/${e.year}`;
const greeting = (name: string) => (name.trim() ? `Kære ${name.trim()}` : 'Hej');
const signature = (e: NoticeEdition) => `Venlig hilsen\n${e.organisationName}`;

/** The nominator and the nominee (when an address was given; once when it is the same address). */
export function recipientsOf(c: NoticeContact): { role: Role; to: string; name: string }[] {
  const out: { role: Role; to: string; name: string }[] = [];
  if (c.nominatorEmail.trim()) out.push({ role: 'nominator', to: c.nominatorEmail.trim(), name: c.nominatorName });
  const nominee = c.nomineeEmail.trim();
  if (nominee && nominee.toLowerCase() !== c.nominatorEmail.trim().toLowerCase()) out.push({ role: 'nominee', to: nominee, name: c.nomineeNames });
  return out;
}

/** "You are nominated" to the nominator and to the nominee of one nominee. */
export function nomineesMail(e: NoticeEdition, c: NoticeContact, r: { role: Role; to: string; name: string }, baseUrl: string): NewMail {
  const lead =
    r.role === 'nominator'
      ? `Den løsning, du indstillede til ${editionName(e)}, er nomineret: "${c.title}".`
      : `Du er nomineret til ${editionName(e)} for løsningen "${c.title}". Tillykke!`;
  const privacy =
    r.role === 'nominee' && !c.nomineeNamePublic
      ? 'Dit navn og din afdeling vises ikke på siden, fordi du ikke har sagt ja til at blive offentliggjort. Løsningens titel og organisation vises.'
      : '';
  const winner = e.winnerAnnouncedAt ? `Vinderen offentliggøres ${formatInstant(e.winnerAnnouncedAt)}${e.eventName ? ` på ${e.eventName}` : ''}.` : '';
  return {
    kind: 'publication-nominees',
    to: r.to,
    subject: `Nomineret til ${editionName(e)}: ${c.title}`,
    text: [
      greeting(r.name),
      '',
      lead,
      '',
      `Se alle de nominerede her:\n${pageUrl(e, baseUrl)}`,
      privacy ? `\n${privacy}` : '',
      winner ? `\n${winner}` : '',
      '',
      signature(e),
    ]
      .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
      .join('\n'),
    dedupeKey: `publication:nominees:${e.id}:${c.id}:${r.role}`,
  };
}

/** "The winner is announced" to the nominator and nominee of every nominee; the winner's own say so. */
export function winnerMail(
  e: NoticeEdition,
  c: NoticeContact,
  winnerTitle: string,
  isWinner: boolean,
  r: { role: Role; to: string; name: string },
  baseUrl: string,
): NewMail {
  const lead = isWinner
    ? r.role === 'nominator'
      ? `Den løsning, du indstillede, "${c.title}", har vundet ${editionName(e)}. Tillykke!`
      : `Jeres løsning "${c.title}" har vundet ${editionName(e)}. Tillykke!`
    : `Vinderen af ${editionName(e)} er fundet: "${winnerTitle}". Tak, fordi "${c.title}" var med blandt de nominerede.`;
  return {
    kind: 'publication-winner',
    to: r.to,
    subject: isWinner ? `Vinder af ${editionName(e)}: ${c.title}` : `Vinderen af ${editionName(e)} er fundet`,
    text: [greeting(r.name), '', lead, '', `Læs mere her:\n${pageUrl(e, baseUrl)}`, '', signature(e)].join('\n'),
    dedupeKey: `publication:winner:${e.id}:${c.id}:${r.role}`,
  };
}
