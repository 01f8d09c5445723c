import type { Locale } from '../platform/time.js';

/** The administrators' pages for a person's data on request, Danish first. The English mirror below has the same keys. */
const da = {
  title: 'Personoplysninger',
  intro:
    'Når en person beder om at se eller slette sine oplysninger, så søg på personens e-mailadresse. Du ser kun, hvad der er gemt i de organisationer, du er administrator for.',
  emailLabel: 'E-mailadresse',
  emailHint: 'Den adresse, personen har brugt som indstiller, kandidat eller medlem.',
  search: 'Søg',
  emailRequired: 'Skriv e-mailadressen på den person, der har bedt om sine oplysninger.',
  emailFormat: 'Skriv en gyldig e-mailadresse, fx navn@region.dk.',
  resultHeading: (email: string) => `Gemt om ${email}`,
  nothing: 'Der er ikke gemt noget om denne e-mailadresse i dine organisationer.',
  asNominator: 'Indstillinger, hvor personen er indstiller',
  asNominee: 'Indstillinger, hvor personen er kandidat',
  column: { receipt: 'Nummer', award: 'Pris', title: 'Titel', status: 'Status' },
  draft: 'Kladde',
  account: 'Brugerkonto',
  accountYes: (memberships: number, sessions: number) => `Ja: ${memberships} medlemskab(er) af udvalg eller panel, ${sessions} session(er).`,
  accountShared: (memberships: number) =>
    `Ja, men den bruges også af en anden organisation: ${memberships} medlemskab(er) hos jer. Kontoens log-ind og sessioner vises ikke, og kontoen bevares ved sletning.`,
  accountNo: 'Nej',
  auditEvents: 'Hændelser i loggen',
  emails: 'E-mails til adressen eller om personens indstillinger',
  solutionContacts: 'Kontaktperson for løsninger i idébanken',
  otherContacts: 'Nævnt som kontaktperson, administrator eller udvalgsmedlem',
  openingSubscriptions: 'Tilmeldt besked, når der åbnes for indstillinger',
  exportLink: 'Hent alle oplysninger (JSON)',
  eraseLink: 'Slet eller anonymisér oplysningerne',
  eraseTitle: 'Slet personens oplysninger',
  eraseIntro: (email: string) => `Du er ved at slette oplysningerne om ${email} i dine organisationer. Det kan ikke fortrydes.`,
  eraseWhat: [
    'Navn, e-mail og arbejdssted slettes i de indstillinger, personen har sendt. Personens private link holder op med at virke, og bilag slettes.',
    'Navn, enhed og e-mail slettes i de indstillinger, hvor personen er kandidat.',
    'En brugerkonto, der kun bruges i dine organisationer, anonymiseres, og personen logges ud. Point og beslutninger bliver stående uden navn.',
    'E-mails til adressen og kvitteringer, der nævner personen, slettes. Loggen beholder hændelserne, men uden personens navn og adresse.',
    'Personen fjernes som kontaktperson på løsninger i idébanken og på jeres priser.',
    'Tilmeldinger til "Få besked, når der åbnes" for jeres priser slettes.',
  ],
  confirmLabel: 'Jeg har kontrolleret, at anmodningen kommer fra personen selv, og vil slette oplysningerne',
  confirmRequired: 'Sæt flueben for at bekræfte, at du vil slette oplysningerne.',
  eraseButton: 'Slet oplysningerne',
  cancel: 'Fortryd',
  erasedTitle: 'Oplysningerne er slettet',
  erasedBody: (nominations: number, account: string) =>
    `Oplysningerne er slettet eller anonymiseret i ${nominations} indstilling(er). Brugerkonto: ${account}.`,
  accountOutcome: { anonymised: 'anonymiseret', none: 'ingen', kept: 'bevaret, fordi den også bruges af en anden organisation – kontakt dem' },
  backToSearch: 'Tilbage til søgningen',
  overviewLink: 'Personoplysninger: se eller slet en persons data',
};

export type PrivacyTexts = typeof da;

const en: PrivacyTexts = {
  title: 'Personal data',
  intro: 'When a person asks to see or delete their data, search for their e-mail address. You only see what is stored in the organisations you administer.',
  emailLabel: 'E-mail address',
  emailHint: 'The address the person used as nominator, nominee or member.',
  search: 'Search',
  emailRequired: 'Enter the e-mail address of the person who asked for their data.',
  emailFormat: 'Enter a valid e-mail address, e.g. name@region.dk.',
  resultHeading: (email: string) => `Stored about ${email}`,
  nothing: 'Nothing is stored about this e-mail address in your organisations.',
  asNominator: 'Nominations the person sent',
  asNominee: 'Nominations where the person is the nominee',
  column: { receipt: 'Number', award: 'Award', title: 'Title', status: 'Status' },
  draft: 'Draft',
  account: 'User account',
  accountYes: (memberships: number, sessions: number) => `Yes: ${memberships} committee or panel membership(s), ${sessions} session(s).`,
  accountShared: (memberships: number) =>
    `Yes, but another organisation uses it too: ${memberships} membership(s) with you. The account's sign-ins and sessions are not shown, and the account is kept on erasure.`,
  accountNo: 'No',
  auditEvents: 'Events in the log',
  emails: "E-mails to the address or about the person's nominations",
  solutionContacts: 'Contact of solutions in the idea bank',
  otherContacts: 'Named as contact, administrator or committee member',
  openingSubscriptions: 'Signed up for an e-mail when nominations open',
  exportLink: 'Download all data (JSON)',
  eraseLink: 'Delete or anonymise the data',
  eraseTitle: "Delete the person's data",
  eraseIntro: (email: string) => `You are about to delete the data about ${email} in your organisations. This cannot be undone.`,
  eraseWhat: [
    'Name, e-mail and workplace are deleted from the nominations the person sent. Their private link stops working and attachments are deleted.',
    'Name, unit and e-mail are deleted from the nominations where the person is the nominee.',
    'A user account used only in your organisations is anonymised and signed out. Scores and decisions stay, without the name.',
    'E-mails to the address and receipts that name the person are deleted. The log keeps the events, without the name and address.',
    'The person is removed as the contact of solutions in the idea bank and of your awards.',
    'Sign-ups for "Get an e-mail when nominations open" for your awards are deleted.',
  ],
  confirmLabel: 'I have checked that the request comes from the person and want to delete the data',
  confirmRequired: 'Tick the box to confirm that you want to delete the data.',
  eraseButton: 'Delete the data',
  cancel: 'Cancel',
  erasedTitle: 'The data is deleted',
  erasedBody: (nominations: number, account: string) => `The data is deleted or anonymised in ${nominations} nomination(s). User account: ${account}.`,
  accountOutcome: { anonymised: 'anonymised', none: 'none', kept: 'kept, as another organisation uses it too – contact them' },
  backToSearch: 'Back to the search',
  overviewLink: "Personal data: see or delete a person's data",
};

export function privacyTexts(locale: Locale): PrivacyTexts {
  return locale === 'en' ? en : da;
}
