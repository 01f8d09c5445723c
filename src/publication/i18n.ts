import type { Locale } from '../platform/time.js';

/** Texts of publication: nominees and winner on the edition page, the archive, the feed. Danish is the source. */
const da = {
  nominees: 'De nominerede',
  nomineesIntro: (n: number) => (n === 1 ? 'Komitéen har nomineret 1 løsning.' : `Komitéen har nomineret ${n} løsninger.`),
  nomineesNone: 'Komitéen har ikke offentliggjort nogen nominerede.',
  winner: 'Vinderen',
  winnerBadge: 'Vinder',
  firstDeveloped: 'Først udviklet:',
  originInIdeaBank: 'se løsningen i idébanken',
  organisation: 'Organisation',
  unit: 'Afdeling',
  names: 'Nomineret',
  film: 'Se filmen om vinderen',
  archiveTitle: 'Arkiv: alle år, nominerede og vindere',
  archiveIntro: 'Her er alle år af alle priser med tema, nominerede og vinder. Nominerede og vindere vises fra den dag, de bliver offentliggjort.',
  archiveLink: 'Arkiv',
  archiveYear: 'År',
  archiveTheme: 'Tema',
  archiveNominees: 'Nominerede',
  archiveWinner: 'Vinder',
  archiveNotPublic: 'Ikke offentliggjort endnu',
  archiveNotRecorded: 'Ikke registreret i Prisportal',
  archiveNoEditions: 'Der er ingen år endnu.',
  noTheme: 'Intet særligt tema',
  feedLink: 'Nyhedsfeed med vindere (Atom)',
  feedTitle: 'Prisportal: vindere',
  feedSubtitle: 'Vinderne af innovationspriserne, når de er offentliggjort.',
  feedEntryTitle: (award: string, year: number, title: string) => `${award} ${year}: ${title}`,
  /** The publication e-mails. They go out after the public instant and say nothing the public page does not. */
  mail: {
    greeting: (name: string) => (name.trim() ? `Kære ${name.trim()}` : 'Hej'),
    signature: (organisation: string) => `Venlig hilsen\n${organisation}`,
    nomineesSubject: (edition: string, title: string) => `Nomineret til ${edition}: ${title}`,
    nomineesLeadNominator: (edition: string, title: string) => `Den løsning, du indstillede til ${edition}, er nomineret: "${title}".`,
    nomineesLeadNominee: (edition: string, title: string) => `Du er nomineret til ${edition} for løsningen "${title}". Tillykke!`,
    nomineesNamesHidden:
      'Dit navn og din afdeling vises ikke på siden, fordi du ikke har sagt ja til at blive offentliggjort. Løsningens titel og organisation vises.',
    winnerAnnouncedOn: (when: string, event: string | null) => `Vinderen offentliggøres ${when}${event ? ` på ${event}` : ''}.`,
    seeNominees: (url: string) => `Se alle de nominerede her:\n${url}`,
    winnerSubjectWinner: (edition: string, title: string) => `Vinder af ${edition}: ${title}`,
    winnerSubjectOthers: (edition: string) => `Vinderen af ${edition} er fundet`,
    winnerLeadNominator: (edition: string, title: string) => `Den løsning, du indstillede, "${title}", har vundet ${edition}. Tillykke!`,
    winnerLeadNominee: (edition: string, title: string) => `Jeres løsning "${title}" har vundet ${edition}. Tillykke!`,
    winnerLeadOthers: (edition: string, winner: string, title: string) =>
      `Vinderen af ${edition} er fundet: "${winner}". Tak, fordi "${title}" var med blandt de nominerede.`,
    readMore: (url: string) => `Læs mere her:\n${url}`,
  },
};

export type PublicationTexts = typeof da;

const en: PublicationTexts = {
  nominees: 'The nominees',
  nomineesIntro: (n) => (n === 1 ? 'The committee has nominated 1 solution.' : `The committee has nominated ${n} solutions.`),
  nomineesNone: 'The committee has not published any nominees.',
  winner: 'The winner',
  winnerBadge: 'Winner',
  firstDeveloped: 'First developed:',
  originInIdeaBank: 'see the solution in the idea bank',
  organisation: 'Organisation',
  unit: 'Department',
  names: 'Nominated',
  film: 'Watch the film about the winner',
  archiveTitle: 'Archive: every year, nominees and winners',
  archiveIntro: 'Every year of every award with its theme, nominees and winner. Nominees and winners are shown from the day they are published.',
  archiveLink: 'Archive',
  archiveYear: 'Year',
  archiveTheme: 'Theme',
  archiveNominees: 'Nominees',
  archiveWinner: 'Winner',
  archiveNotPublic: 'Not published yet',
  archiveNotRecorded: 'Not recorded in Prisportal',
  archiveNoEditions: 'There are no years yet.',
  noTheme: 'No particular theme',
  feedLink: 'News feed of winners (Atom)',
  feedTitle: 'Prisportal: winners',
  feedSubtitle: 'The winners of the innovation prizes, once announced.',
  feedEntryTitle: (award, year, title) => `${award} ${year}: ${title}`,
  mail: {
    greeting: (name) => (name.trim() ? `Dear ${name.trim()}` : 'Hello'),
    signature: (organisation) => `Kind regards\n${organisation}`,
    nomineesSubject: (edition, title) => `Nominated for ${edition}: ${title}`,
    nomineesLeadNominator: (edition, title) => `The solution you nominated for ${edition} is a nominee: "${title}".`,
    nomineesLeadNominee: (edition, title) => `You are a nominee for ${edition} for the solution "${title}". Congratulations!`,
    nomineesNamesHidden:
      'Your name and unit are not shown on the page, because you have not agreed to be published. The solution’s title and organisation are shown.',
    winnerAnnouncedOn: (when, event) => `The winner is announced on ${when}${event ? ` at ${event}` : ''}.`,
    seeNominees: (url) => `See all the nominees here:\n${url}`,
    winnerSubjectWinner: (edition, title) => `Winner of ${edition}: ${title}`,
    winnerSubjectOthers: (edition) => `The winner of ${edition} has been announced`,
    winnerLeadNominator: (edition, title) => `The solution you nominated, "${title}", has won ${edition}. Congratulations!`,
    winnerLeadNominee: (edition, title) => `Your solution "${title}" has won ${edition}. Congratulations!`,
    winnerLeadOthers: (edition, winner, title) =>
      `The winner of ${edition} has been announced: "${winner}". Thank you for taking part with "${title}" among the nominees.`,
    readMore: (url) => `Read more here:\n${url}`,
  },
};

export function publicationTexts(locale: Locale): PublicationTexts {
  return locale === 'en' ? en : da;
}
