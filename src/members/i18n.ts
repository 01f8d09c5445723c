import type { Locale } from '../platform/time.js';

/** Committee and panel membership: the members page, invitations and their e-mail, a member's own rounds. Danish is the source; English has the same keys, so a missing text fails the typecheck. */
const da = {
  untitled: '(uden titel)',
  crumb: 'Medlemmer',
  mineAccount: 'Min side',
  title: (edition: string) => `Komité og patientpanel: ${edition}`,
  intro:
    'Her inviterer du medlemmer af komitéen og patientpanelet. De får en e-mail med et link, så de kan logge ind og se den pris, de er med til at bedømme.',
  overviewLink: 'Medlemmer',
  overviewLinkOf: (edition: string) => `Medlemmer af komité og patientpanel for ${edition}`,
  committeeHeading: 'Komitéen',
  panelHeading: 'Patientpanelet',
  noCommittee: 'Der er ingen medlemmer af komitéen endnu.',
  noPanel: 'Der er ingen medlemmer af patientpanelet endnu.',
  column: { name: 'Navn', email: 'E-mail', affiliation: 'Tilknytning', chair: 'Formand', invitedAt: 'Inviteret', actions: 'Handlinger' },
  chairMarker: 'Formand',
  partyLetter: (letter: string) => `Partibogstav ${letter}`,
  noAffiliation: 'Ingen',
  remove: 'Fjern',
  removeLabel: (name: string, group: string) => `Fjern ${name} fra ${group}`,
  group: { committee: 'komitéen', panel: 'patientpanelet' },
  inviteHeading: 'Invitér et medlem',
  inviteIntro:
    'Personen bliver medlem, når hun eller han har taget imod invitationen med linket i e-mailen. Linket virker én gang og i 7 dage. Der bliver aldrig lavet to konti til samme e-mail.',
  nameLabel: 'Navn',
  emailLabel: 'E-mail',
  emailHint: 'Vi sender invitationen og linket til at logge ind til denne e-mail.',
  roleLegend: 'Hvor skal personen være medlem?',
  roleCommittee: 'Komitéen',
  rolePanel: 'Patientpanelet',
  languageLegend: 'Sprog i personens e-mails',
  languageHint: 'Invitationen og alle senere e-mails til personen bliver skrevet på dette sprog.',
  languageDa: 'Dansk',
  languageEn: 'Engelsk',
  chairLabel: 'Formand for komitéen',
  chairHint: 'Der er kun én formand. Gør du en ny til formand, er den tidligere formand det ikke længere.',
  partyLetterLabel: 'Partibogstav (valgfrit)',
  partyLetterHint: 'For politikere, for eksempel A eller V. Udfyld enten partibogstav eller organisation.',
  representsLabel: 'Organisation, personen repræsenterer (valgfrit)',
  representsHint: 'For eksempel Danske Patienter. Udfyld enten partibogstav eller organisation.',
  invite: 'Send invitation',
  invited: (email: string) => `Vi har sendt en invitation til ${email}. Personen bliver medlem, når invitationen er taget imod.`,
  removed: 'Medlemmet er fjernet og kan ikke længere se udgaven.',
  withdrawn: 'Invitationen er trukket tilbage. Linket i den virker ikke længere.',
  invitationsHeading: 'Inviteret, har ikke svaret endnu',
  invitationsIntro: 'Personerne herunder er ikke medlemmer, før de har taget imod invitationen. Invitér igen for at sende et nyt link.',
  invitationColumn: { name: 'Navn', email: 'E-mail', group: 'Hvor', invitedAt: 'Inviteret', expiresAt: 'Linket virker til', actions: 'Handlinger' },
  invitationExpired: 'Udløbet',
  withdraw: 'Træk tilbage',
  withdrawLabel: (name: string, group: string) => `Træk tilbage: invitationen af ${name} til ${group}`,
  groupName: { committee: 'Komitéen', panel: 'Patientpanelet' },
  errors: {
    nameRequired: 'Skriv personens navn.',
    nameTooLong: (max: number) => `Navnet må højst være ${max} tegn.`,
    emailRequired: 'Skriv personens e-mail.',
    emailFormat: 'Skriv e-mailen i formatet navn@eksempel.dk.',
    emailTooLong: (max: number) => `E-mailen må højst være ${max} tegn.`,
    roleRequired: 'Vælg, om personen skal være medlem af komitéen eller patientpanelet.',
    chairNotCommittee: 'Kun et medlem af komitéen kan være formand. Vælg komitéen, eller fjern fluebenet ved formand.',
    partyLetterTooLong: (max: number) => `Partibogstavet må højst være ${max} tegn.`,
    representsTooLong: (max: number) => `Organisationens navn må højst være ${max} tegn.`,
    bothAffiliations: 'Udfyld enten partibogstav eller organisation, ikke begge.',
    alreadyMember: (email: string, group: string) => `${email} er allerede medlem af ${group}.`,
  },
  accept: {
    title: 'Tag imod invitationen',
    body: (group: string, edition: string, organisation: string) =>
      `${organisation} har inviteret dig til at være medlem af ${group} for ${edition}. Tryk på knappen for at tage imod invitationen og logge ind. Linket virker kun én gang.`,
    button: 'Tag imod og log ind',
    refusedTitle: 'Invitationen kan ikke bruges',
    refused: {
      unknown: 'Linket til invitationen er ugyldigt. Tjek, at du har kopieret hele linket fra e-mailen.',
      withdrawn: 'Invitationen er trukket tilbage. Kontakt den, der inviterede dig, hvis du mener, det er en fejl.',
      used: 'Du har allerede taget imod invitationen. Log ind med et link på e-mail for at se prisen.',
      expired: 'Invitationen er udløbet. Linket virker i 7 dage. Bed den, der inviterede dig, om at sende en ny invitation.',
    },
    signIn: 'Til log ind',
  },
  mine: {
    title: 'Mine udgaver',
    intro: 'De priser, hvor du er medlem af komitéen eller patientpanelet.',
    none: 'Du er ikke medlem af en komité eller et patientpanel lige nu.',
    tableLabel: 'Udgaver, hvor du er medlem',
    column: { edition: 'Pris', year: 'År', role: 'Din rolle', phase: 'Fase' },
    link: 'Mine udgaver',
  },
  role: { committee: 'Medlem af komitéen', chair: 'Formand for komitéen', panel: 'Medlem af patientpanelet' },
  edition: {
    roleLabel: 'Din rolle',
    phaseLabel: 'Fase',
    themeLabel: 'Tema',
    eligibleHeading: 'Egnede indstillinger',
    eligibleIntro: 'Indstillingerne, som administratorerne har vurderet som egnede. Her kommer du senere til at bedømme dem.',
    eligibleNone: 'Der er ingen egnede indstillinger endnu.',
    panelHeading: 'Patientpanelet',
    panelBody: 'Når komitéen har valgt de nominerede, kan du læse om dem og stemme her.',
    resultHeading: 'Resultatet',
    publicPage: (edition: string) => `Se ${edition} på den offentlige side`,
  },
};

export type MembersTexts = typeof da;

const en: MembersTexts = {
  untitled: '(untitled)',
  crumb: 'Members',
  mineAccount: 'My page',
  title: (edition) => `Committee and patient panel: ${edition}`,
  intro:
    'Here you invite members of the committee and the patient panel. They get an e-mail with a link, so they can sign in and see the prize they help judge.',
  overviewLink: 'Members',
  overviewLinkOf: (edition) => `Members of the committee and patient panel of ${edition}`,
  committeeHeading: 'Committee',
  panelHeading: 'Patient panel',
  noCommittee: 'The committee has no members yet.',
  noPanel: 'The patient panel has no members yet.',
  column: { name: 'Name', email: 'E-mail', affiliation: 'Affiliation', chair: 'Chair', invitedAt: 'Invited', actions: 'Actions' },
  chairMarker: 'Chair',
  partyLetter: (letter) => `Party letter ${letter}`,
  noAffiliation: 'None',
  remove: 'Remove',
  removeLabel: (name, group) => `Remove ${name} from ${group}`,
  group: { committee: 'the committee', panel: 'the patient panel' },
  inviteHeading: 'Invite a member',
  inviteIntro:
    'The person becomes a member once they have accepted the invitation with the link in the e-mail. The link works once and for 7 days. Two accounts are never made for one e-mail.',
  nameLabel: 'Name',
  emailLabel: 'E-mail',
  emailHint: 'We send the invitation and the sign-in link to this e-mail.',
  roleLegend: 'Where should the person be a member?',
  roleCommittee: 'Committee',
  rolePanel: 'Patient panel',
  languageLegend: "Language of the person's e-mails",
  languageHint: 'The invitation and all later e-mails to the person are written in this language.',
  languageDa: 'Danish',
  languageEn: 'English',
  chairLabel: 'Chair of the committee',
  chairHint: 'There is one chair. If you make someone new the chair, the previous chair no longer is.',
  partyLetterLabel: 'Party letter (optional)',
  partyLetterHint: 'For politicians, for example A or V. Fill in either party letter or organisation.',
  representsLabel: 'Organisation the person represents (optional)',
  representsHint: 'For example Danske Patienter. Fill in either party letter or organisation.',
  invite: 'Send invitation',
  invited: (email) => `We have sent an invitation to ${email}. The person becomes a member once the invitation is accepted.`,
  removed: 'The member has been removed and can no longer see the edition.',
  withdrawn: 'The invitation has been withdrawn. Its link no longer works.',
  invitationsHeading: 'Invited, not answered yet',
  invitationsIntro: 'The people below are not members until they accept the invitation. Invite again to send a new link.',
  invitationColumn: { name: 'Name', email: 'E-mail', group: 'Where', invitedAt: 'Invited', expiresAt: 'Link works until', actions: 'Actions' },
  invitationExpired: 'Expired',
  withdraw: 'Withdraw',
  withdrawLabel: (name, group) => `Withdraw: the invitation of ${name} to ${group}`,
  groupName: { committee: 'Committee', panel: 'Patient panel' },
  errors: {
    nameRequired: "Enter the person's name.",
    nameTooLong: (max) => `The name may be at most ${max} characters.`,
    emailRequired: "Enter the person's e-mail.",
    emailFormat: 'Enter the e-mail in the format name@example.com.',
    emailTooLong: (max) => `The e-mail may be at most ${max} characters.`,
    roleRequired: 'Choose whether the person joins the committee or the patient panel.',
    chairNotCommittee: 'Only a committee member can be chair. Choose the committee, or untick chair.',
    partyLetterTooLong: (max) => `The party letter may be at most ${max} characters.`,
    representsTooLong: (max) => `The organisation's name may be at most ${max} characters.`,
    bothAffiliations: 'Fill in either party letter or organisation, not both.',
    alreadyMember: (email, group) => `${email} is already a member of ${group}.`,
  },
  accept: {
    title: 'Accept the invitation',
    body: (group, edition, organisation) =>
      `${organisation} has invited you to be a member of ${group} for ${edition}. Press the button to accept the invitation and sign in. The link works only once.`,
    button: 'Accept and sign in',
    refusedTitle: 'The invitation cannot be used',
    refused: {
      unknown: 'The invitation link is not valid. Check that you copied the whole link from the e-mail.',
      withdrawn: 'The invitation has been withdrawn. Contact the person who invited you if you think this is a mistake.',
      used: 'You have already accepted the invitation. Sign in with a link by e-mail to see the prize.',
      expired: 'The invitation has expired. The link works for 7 days. Ask the person who invited you to send a new invitation.',
    },
    signIn: 'Go to sign-in',
  },
  mine: {
    title: 'My editions',
    intro: 'The prizes where you are a member of the committee or the patient panel.',
    none: 'You are not a member of a committee or a patient panel at the moment.',
    tableLabel: 'Editions where you are a member',
    column: { edition: 'Prize', year: 'Year', role: 'Your role', phase: 'Phase' },
    link: 'My editions',
  },
  role: { committee: 'Committee member', chair: 'Chair of the committee', panel: 'Patient panel member' },
  edition: {
    roleLabel: 'Your role',
    phaseLabel: 'Phase',
    themeLabel: 'Theme',
    eligibleHeading: 'Eligible nominations',
    eligibleIntro: 'The nominations the administrators have screened as eligible. This is where you will judge them later.',
    eligibleNone: 'There are no eligible nominations yet.',
    panelHeading: 'Patient panel',
    resultHeading: 'The result',
    publicPage: (edition) => `See ${edition} on the public page`,
    panelBody: 'When the committee has chosen the nominees, you can read about them and vote here.',
  },
};

export function membersTexts(locale: Locale): MembersTexts {
  return locale === 'en' ? en : da;
}

/**
 * Words on members' pages for links to the committee's and the patient panel's pages. Members
 * sits below judging and panel and imports neither, so these words are its own, shaped like
 * the catalogue of the module linked to.
 */
const linksDa = {
  judging: { myEditionsLink: 'Bedøm indstillingerne' },
  panel: {
    member: {
      ballotLink: 'Gå til afstemningen',
      ballotLinkOf: (edition: string) => `Ranger de nominerede: ${edition}`,
      ballotsHeading: 'Afstemning i patientpanelet',
      winnerLink: 'Vinderen: formandens afgørelse',
    },
  },
};

const linksEn: typeof linksDa = {
  judging: { myEditionsLink: 'Review the nominations' },
  panel: {
    member: {
      ballotLink: 'Go to the vote',
      ballotLinkOf: (edition) => `Rank the nominees: ${edition}`,
      ballotsHeading: 'Patient panel vote',
      winnerLink: "The winner: the chair's decision",
    },
  },
};

const linksOf = (locale: Locale) => (locale === 'en' ? linksEn : linksDa);
export const judgingLinkTexts = (locale: Locale) => linksOf(locale).judging;
export const panelLinkTexts = (locale: Locale) => linksOf(locale).panel;
