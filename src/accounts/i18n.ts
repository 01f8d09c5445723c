import type { Locale } from '../platform/time.js';

const da = {
  signIn: {
    title: 'Log ind',
    errorSummaryHeading: 'Der er problemer',
    intro: 'Medarbejdere logger ind med deres arbejdskonto. Medlemmer af en komité eller et patientpanel får et link på e-mail.',
    employees: 'Medarbejder',
    withProvider: (label: string) => `Log ind med ${label}`,
    noProviders: 'Der er ikke sat login med arbejdskonto op endnu.',
    emailHeading: 'Få et link på e-mail',
    emailLabel: 'Din e-mail',
    emailHint: 'Brug den e-mail, som du er inviteret med.',
    emailButton: 'Send mig et link',
    emailRequired: 'Skriv din e-mail',
    emailFormat: 'Skriv e-mailen i formatet navn@eksempel.dk',
    sentTitle: 'Tjek din e-mail',
    sentBody: (email: string) =>
      `Hvis ${email} hører til en konto i Prisportal, har vi sendt et link til den. Linket virker én gang og i 15 minutter. Links, du allerede har fået, virker også, til de er brugt eller udløbet. Kan du ikke finde e-mailen, så kig i uønsket post.`,
    demoHeading: 'Demo',
    demoBody: 'Prisportal kører med demodata. Du kan logge ind som demo-administrator for Region Midtjylland og Danske Regioner uden konto.',
    demoButton: 'Log ind som demo-administrator',
    linkTitle: 'Log ind med dit link',
    linkBody: 'Tryk på knappen for at logge ind. Linket virker kun én gang.',
    linkButton: 'Log ind',
    linkUsed: 'Linket er allerede brugt. Bed om et nyt link nedenfor.',
    linkExpired: 'Linket er udløbet. Det virker kun i 15 minutter. Bed om et nyt link nedenfor.',
    linkUnknown: 'Linket er ugyldigt. Bed om et nyt link nedenfor.',
    tooMany: 'Du har bedt om for mange links. Vent lidt, og prøv igen.',
    mailSubject: 'Dit link til at logge ind i Prisportal',
    mailBody: (name: string, link: string) =>
      `Kære ${name || 'bruger'}\n\nBrug dette link for at logge ind i Prisportal. Det virker én gang og i 15 minutter:\n${link}\n\nHar du ikke bedt om linket, kan du se bort fra denne e-mail.\n\nVenlig hilsen\nPrisportal`,
  },
  account: {
    title: 'Min side',
    signedInAs: (name: string, email: string) => `Du er logget ind som ${name ? `${name} (${email})` : email}.`,
    adminOf: 'Du er administrator for',
    memberOf: 'Du er medlem af',
    committee: 'komitéen',
    chair: 'formand for komitéen',
    panel: 'patientpanelet',
    none: 'Du har ingen roller endnu.',
    signOut: 'Log ud',
    signOutEverywhere: 'Log ud på alle enheder',
    signOutEverywhereHint: 'Afslutter alle dine sessioner, også på andre computere og telefoner.',
    signedOut: 'Du er logget ud.',
    signedOutEverywhere: (n: number) => `Du er logget ud på alle enheder (${n} ${n === 1 ? 'session' : 'sessioner'}).`,
    administration: 'Gå til administration',
  },
  oidc: {
    unavailableTitle: 'Log ind med arbejdskonto virker ikke lige nu',
    notConfigured: (label: string) =>
      `Log ind med ${label} er ikke sat helt op i Prisportal endnu. Log ind med et link på e-mail i stedet, eller bed din administrator om at gøre opsætningen færdig.`,
    providerDown: (label: string) => `Vi kan ikke få forbindelse til ${label} lige nu. Prøv igen om lidt, eller log ind med et link på e-mail.`,
    refusedTitle: 'Du blev ikke logget ind',
    expired: 'Log ind tog for lang tid, eller linket er allerede brugt. Start forfra med knappen herunder.',
    denied: 'Log ind blev afbrudt hos din arbejdskonto. Prøv igen. Har du ikke adgang, så kontakt din IT-afdeling.',
    providerError: 'Din arbejdskonto kunne ikke logge dig ind. Prøv igen. Sker det igen, så kontakt din IT-afdeling.',
    invalidResponse: 'Svaret fra din arbejdskonto kunne ikke godkendes. Prøv igen. Sker det igen, så kontakt din IT-afdeling.',
    wrongTenant: (label: string) => `Du loggede ind med en konto fra en anden organisation. Log ind med din arbejdskonto fra ${label}.`,
    noAccount: 'Vi kunne ikke knytte din arbejdskonto til en bruger i Prisportal. Kontakt administratoren af Prisportal i din organisation.',
    emailUnverified:
      'Din arbejdskonto har ikke bekræftet din e-mail, så vi kan ikke logge dig ind med den. Bed din IT-afdeling om at bekræfte e-mailen. Er du inviteret til en komité eller et patientpanel, så log ind med et link på e-mail.',
    tryAgain: 'Prøv igen',
    backToSignIn: 'Til log ind',
  },
};

export type AccountTexts = typeof da;

const en: AccountTexts = {
  signIn: {
    title: 'Sign in',
    errorSummaryHeading: 'There is a problem',
    intro: 'Employees sign in with their work account. Members of a committee or a patient panel get a link by e-mail.',
    employees: 'Employee',
    withProvider: (label) => `Sign in with ${label}`,
    noProviders: 'Sign-in with a work account has not been set up yet.',
    emailHeading: 'Get a link by e-mail',
    emailLabel: 'Your e-mail',
    emailHint: 'Use the e-mail you were invited with.',
    emailButton: 'Send me a link',
    emailRequired: 'Enter your e-mail',
    emailFormat: 'Enter the e-mail in the format name@example.com',
    sentTitle: 'Check your e-mail',
    sentBody: (email) =>
      `If ${email} belongs to an account in Prisportal, we have sent a link to it. The link works once and for 15 minutes. Links you have already received also work until they are used or expire. If you cannot find the e-mail, look in your spam folder.`,
    demoHeading: 'Demo',
    demoBody: 'Prisportal is running with demo data. You can sign in as demo administrator of Region Midtjylland and Danske Regioner without an account.',
    demoButton: 'Sign in as demo administrator',
    linkTitle: 'Sign in with your link',
    linkBody: 'Press the button to sign in. The link works only once.',
    linkButton: 'Sign in',
    linkUsed: 'The link has already been used. Ask for a new link below.',
    linkExpired: 'The link has expired. It works for 15 minutes only. Ask for a new link below.',
    linkUnknown: 'The link is invalid. Ask for a new link below.',
    tooMany: 'You have asked for too many links. Wait a little and try again.',
    mailSubject: 'Your link to sign in to Prisportal',
    mailBody: (name, link) =>
      `Dear ${name || 'user'}\n\nUse this link to sign in to Prisportal. It works once and for 15 minutes:\n${link}\n\nIf you did not ask for it, ignore this e-mail.\n\nPrisportal`,
  },
  account: {
    title: 'My page',
    signedInAs: (name, email) => `You are signed in as ${name ? `${name} (${email})` : email}.`,
    adminOf: 'You administer',
    memberOf: 'You are a member of',
    committee: 'the committee',
    chair: 'chair of the committee',
    panel: 'the patient panel',
    none: 'You have no roles yet.',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out on all devices',
    signOutEverywhereHint: 'Ends all your sessions, on other computers and phones too.',
    signedOut: 'You are signed out.',
    signedOutEverywhere: (n) => `You are signed out on all devices (${n} ${n === 1 ? 'session' : 'sessions'}).`,
    administration: 'Go to administration',
  },
  oidc: {
    unavailableTitle: 'Sign-in with a work account does not work right now',
    notConfigured: (label) =>
      `Sign-in with ${label} has not been fully set up in Prisportal yet. Sign in with a link by e-mail instead, or ask your administrator to finish the setup.`,
    providerDown: (label) => `We cannot reach ${label} right now. Try again shortly, or sign in with a link by e-mail.`,
    refusedTitle: 'You were not signed in',
    expired: 'Signing in took too long, or the link has already been used. Start again with the button below.',
    denied: 'Signing in was cancelled at your work account. Try again. If you have no access, contact your IT department.',
    providerError: 'Your work account could not sign you in. Try again. If it happens again, contact your IT department.',
    invalidResponse: 'The answer from your work account could not be accepted. Try again. If it happens again, contact your IT department.',
    wrongTenant: (label) => `You signed in with an account from another organisation. Sign in with your work account from ${label}.`,
    noAccount: 'We could not link your work account to a user in Prisportal. Contact the administrator of Prisportal in your organisation.',
    emailUnverified:
      'Your work account has not confirmed your e-mail, so we cannot sign you in with it. Ask your IT department to confirm the e-mail. If you have been invited to a committee or a patient panel, sign in with a link by e-mail.',
    tryAgain: 'Try again',
    backToSignIn: 'Go to sign-in',
  },
};

export function accountTexts(locale: Locale): AccountTexts {
  return locale === 'en' ? en : da;
}

/** Personal API tokens (/min-side/api-noegler). Danish is the source; English has the same keys, so a missing text fails the typecheck. */
const apiTokensDa = {
  title: 'API-nøgler',
  intro:
    'Med en personlig API-nøgle kan et andet system bruge administrationens API på dine vegne. Nøglen giver den samme adgang, som du har, så pas på den som på en adgangskode.',
  usage: 'Send nøglen i headeren Authorization: Bearer efterfulgt af nøglen. API-dokumentationen står i OpenAPI-dokumentet:',
  createHeading: 'Lav en ny nøgle',
  nameLabel: 'Navn på nøglen',
  nameHint: 'Så du kan kende den igen, for eksempel navnet på det system, der skal bruge den.',
  create: 'Lav nøgle',
  createdHeading: 'Din nye nøgle',
  createdBody: 'Kopiér nøglen nu. Den bliver kun vist denne ene gang. Mister du den, så tilbagekald den, og lav en ny.',
  tokenLabel: 'Nøgle',
  listHeading: 'Dine nøgler',
  tableLabel: 'Dine API-nøgler',
  none: 'Du har ingen API-nøgler.',
  column: { name: 'Navn', createdAt: 'Lavet', lastUsedAt: 'Sidst brugt', actions: 'Handlinger' },
  neverUsed: 'Aldrig',
  revoke: 'Tilbagekald',
  revokeLabel: (name: string) => `Tilbagekald nøglen ${name}`,
  revoked: 'Nøglen er tilbagekaldt. Den virker ikke længere.',
  nameRequired: 'Skriv et navn på nøglen.',
  nameTooLong: (max: number) => `Navnet må højst være ${max} tegn.`,
  link: 'API-nøgler',
};

export type ApiTokenTexts = typeof apiTokensDa;

const apiTokensEn: ApiTokenTexts = {
  title: 'API tokens',
  intro:
    'With a personal API token, another system can use the administration API on your behalf. The token gives the same access you have, so guard it like a password.',
  usage: 'Send the token in the header Authorization: Bearer followed by the token. The API is documented in the OpenAPI document:',
  createHeading: 'Create a new token',
  nameLabel: 'Name of the token',
  nameHint: 'So you can recognise it, for example the name of the system that will use it.',
  create: 'Create token',
  createdHeading: 'Your new token',
  createdBody: 'Copy the token now. It is shown this one time only. If you lose it, revoke it and create a new one.',
  tokenLabel: 'Token',
  listHeading: 'Your tokens',
  tableLabel: 'Your API tokens',
  none: 'You have no API tokens.',
  column: { name: 'Name', createdAt: 'Created', lastUsedAt: 'Last used', actions: 'Actions' },
  neverUsed: 'Never',
  revoke: 'Revoke',
  revokeLabel: (name) => `Revoke the token ${name}`,
  revoked: 'The token has been revoked. It no longer works.',
  nameRequired: 'Enter a name for the token.',
  nameTooLong: (max) => `The name may be at most ${max} characters.`,
  link: 'API tokens',
};

export function apiTokenTexts(locale: Locale): ApiTokenTexts {
  return locale === 'en' ? apiTokensEn : apiTokensDa;
}

/**
 * Words on accounts' pages for links to members' pages ("Min side", "Mine udgaver"). Accounts
 * sits below members and imports none of it, so these words are its own, shaped like members'
 * catalogue.
 */
const memberLinksDa = { mineAccount: 'Min side', mine: { link: 'Mine udgaver' } };
const memberLinksEn: typeof memberLinksDa = { mineAccount: 'My page', mine: { link: 'My editions' } };

export function memberLinkTexts(locale: Locale): typeof memberLinksDa {
  return locale === 'en' ? memberLinksEn : memberLinksDa;
}
