import type { NewMail } from '../mail/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { publicationTexts } from './i18n.js';

// The publication e-mails, worded in the module's catalogue (i18n.ts, `mail`); Danish until a
// person's language is known. They are sent only after the public instant, so they say
// nothing that is not already on the public page.

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

/** The nominator and the nominee (when an address was given; once when it is the same address). */
export function recipientsOf(c: NoticeContact): { role: Role; to: string; name: string }[] {
  const out: { role: Role; to: string; name: string }[] = [];
  if (c.nominatorEmail.trim()) out.push({ role: 'nominator', to: c.nominatorEmail.trim(), name: c.nominatorName });
  const nominee = c.nomineeEmail.trim();
  if (nominee && nominee.toLowerCase() !== c.nominatorEmail.trim().toLowerCase()) out.push({ role: 'nominee', to: nominee, name: c.nomineeNames });
  return out;
}

/** "You are nominated" to the nominator and to the nominee of one nominee. */
export function nomineesMail(e: NoticeEdition, c: NoticeContact, r: { role: Role; to: string; name: string }, baseUrl: string, locale: Locale = 'da'): NewMail {
  const m = publicationTexts(locale).mail;
  const lead = r.role === 'nominator' ? m.nomineesLeadNominator(editionName(e), c.title) : m.nomineesLeadNominee(editionName(e), c.title);
  const privacy = r.role === 'nominee' && !c.nomineeNamePublic ? m.nomineesNamesHidden : '';
  const winner = e.winnerAnnouncedAt ? m.winnerAnnouncedOn(formatInstant(e.winnerAnnouncedAt, locale), e.eventName) : '';
  return {
    kind: 'publication-nominees',
    to: r.to,
    subject: m.nomineesSubject(editionName(e), c.title),
    text: [
      m.greeting(r.name),
      '',
      lead,
      '',
      m.seeNominees(pageUrl(e, baseUrl)),
      privacy ? `\n${privacy}` : '',
      winner ? `\n${winner}` : '',
      '',
      m.signature(e.organisationName),
    ]
      .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
      .join('\n'),
    dedupeKey: `publication:nominees:${e.id}:${c.id}:${r.role}`,
    about: `nomination:${c.id}`,
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
  locale: Locale = 'da',
): NewMail {
  const m = publicationTexts(locale).mail;
  const lead = isWinner
    ? r.role === 'nominator'
      ? m.winnerLeadNominator(editionName(e), c.title)
      : m.winnerLeadNominee(editionName(e), c.title)
    : m.winnerLeadOthers(editionName(e), winnerTitle, c.title);
  return {
    kind: 'publication-winner',
    to: r.to,
    subject: isWinner ? m.winnerSubjectWinner(editionName(e), c.title) : m.winnerSubjectOthers(editionName(e)),
    text: [m.greeting(r.name), '', lead, '', m.readMore(pageUrl(e, baseUrl)), '', m.signature(e.organisationName)].join('\n'),
    dedupeKey: `publication:winner:${e.id}:${c.id}:${r.role}`,
    about: `nomination:${c.id}`,
  };
}
