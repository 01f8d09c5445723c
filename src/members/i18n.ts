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
  inviteIntro: 'Har personen allerede en konto med samme e-mail, bliver kontoen brugt. Der bliver aldrig lavet to konti til samme e-mail.',
  nameLabel: 'Navn',
  emailLabel: 'E-mail',
  emailHint: 'Vi sender invitationen og linket til at logge ind til denne e-mail.',
  roleLegend: 'Hvor skal personen være medlem?',
  roleCommittee: 'Komitéen',
  rolePanel: 'Patientpanelet',
  chairLabel: 'Formand for komitéen',
  chairHint: 'Der er kun én formand. Gør du en ny til formand, er den tidligere formand det ikke længere.',
  partyLetterLabel: 'Partibogstav (valgfrit)',
  partyLetterHint: 'For politikere, for eksempel A eller V. Udfyld enten partibogstav eller organisation.',
  representsLabel: 'Organisation, personen repræsenterer (valgfrit)',
  representsHint: 'For eksempel Danske Patienter. Udfyld enten partibogstav eller organisation.',
  invite: 'Send invitation',
  invited: (email: string) => `Vi har sendt en invitation til ${email}.`,
  removed: 'Medlemmet er fjernet og kan ikke længere se udgaven.',
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
  mail: {
    subject: (edition: string) => `Du er inviteret til at bedømme ${edition}`,
    body: (p: { name: string; group: string; edition: string; organisation: string; link: string; signInUrl: string; email: string; chair: boolean }) =>
      `Kære ${p.name || 'medlem'}\n\n` +
      `${p.organisation} har inviteret dig til at være medlem af ${p.group}${p.chair ? ' som formand' : ''} for ${p.edition} i Prisportal.\n\n` +
      `Brug dette link for at logge ind. Det virker én gang og i 15 minutter:\n${p.link}\n\n` +
      `Er linket udløbet, kan du få et nyt: gå til ${p.signInUrl}, og skriv din e-mail (${p.email}).\n\n` +
      `Når du er logget ind, finder du prisen under "Mine udgaver".\n\n` +
      `Venlig hilsen\n${p.organisation}`,
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
  inviteIntro: 'If the person already has an account with the same e-mail, that account is used. Two accounts are never made for one e-mail.',
  nameLabel: 'Name',
  emailLabel: 'E-mail',
  emailHint: 'We send the invitation and the sign-in link to this e-mail.',
  roleLegend: 'Where should the person be a member?',
  roleCommittee: 'Committee',
  rolePanel: 'Patient panel',
  chairLabel: 'Chair of the committee',
  chairHint: 'There is one chair. If you make someone new the chair, the previous chair no longer is.',
  partyLetterLabel: 'Party letter (optional)',
  partyLetterHint: 'For politicians, for example A or V. Fill in either party letter or organisation.',
  representsLabel: 'Organisation the person represents (optional)',
  representsHint: 'For example Danske Patienter. Fill in either party letter or organisation.',
  invite: 'Send invitation',
  invited: (email) => `We have sent an invitation to ${email}.`,
  removed: 'The member has been removed and can no longer see the edition.',
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
  mail: {
    subject: (edition) => `You are invited to judge ${edition}`,
    body: (p) =>
      `Dear ${p.name || 'member'}\n\n` +
      `${p.organisation} has invited you to be a member of ${p.group}${p.chair ? ' as chair' : ''} for ${p.edition} in Prisportal.\n\n` +
      `Use this link to sign in. It works once and for 15 minutes:\n${p.link}\n\n` +
      `If the link has expired, get a new one: go to ${p.signInUrl} and enter your e-mail (${p.email}).\n\n` +
      `Once signed in, you find the prize under "My editions".\n\n` +
      `Kind regards\n${p.organisation}`,
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
