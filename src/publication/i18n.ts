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
  winnerOf: (round: string) => `Vinder af ${round}`,
  nomineeOf: (round: string) => `Nomineret til ${round}`,
  summaryHeading: 'Om løsningen',
  solutionInIdeaBank: 'Se løsningen i idébanken',
  notInIdeaBank: 'Løsningen er ikke lagt i idébanken endnu.',
  seeRound: (round: string) => `Se ${round}`,
  noTheme: 'Intet særligt tema',
  feedLink: 'Nyhedsfeed med vindere (Atom)',
  feedTitle: 'Prisportal: vindere',
  feedSubtitle: 'Vinderne af innovationspriserne, når de er offentliggjort.',
  feedEntryTitle: (award: string, year: number, title: string) => `${award} ${year}: ${title}`,
  /** The publication e-mails. They go out after the public instant and say nothing the public page does not. */
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
  winnerOf: (round) => `Winner of ${round}`,
  nomineeOf: (round) => `Nominated for ${round}`,
  summaryHeading: 'About the solution',
  solutionInIdeaBank: 'See the solution in the idea bank',
  notInIdeaBank: 'The solution is not in the idea bank yet.',
  seeRound: (round) => `See ${round}`,
  noTheme: 'No particular theme',
  feedLink: 'News feed of winners (Atom)',
  feedTitle: 'Prisportal: winners',
  feedSubtitle: 'The winners of the innovation prizes, once announced.',
  feedEntryTitle: (award, year, title) => `${award} ${year}: ${title}`,
};

export function publicationTexts(locale: Locale): PublicationTexts {
  return locale === 'en' ? en : da;
}
