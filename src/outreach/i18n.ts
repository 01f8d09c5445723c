import type { Locale } from '../platform/time.js';
import type { RecipientGroup } from './outreach.schema.js';
import type { MessageProblem, SubscribeProblem } from './outreach-rules.js';

/**
 * The outreach module's texts: messages to a round's groups, reminders about drafts, and
 * "Få besked, når der åbnes" with its e-mails. Danish is the source; English has the same keys,
 * so a missing English text fails the typecheck.
 */
const da = {
  // --- Messages to a group (administrators) ---------------------------------------------------
  messagesTitle: (round: string) => `Send besked: ${round}`,
  messagesCrumb: 'Send besked',
  messagesIntro:
    'Skriv en besked til en gruppe i runden. Du ser, hvor mange der får den, før du sender. Hver modtager får sin egen e-mail; ingen ser de andres adresser.',
  group: {
    nominators: 'Alle, der har sendt en indstilling',
    drafts: 'Alle med en kladde, de ikke har sendt',
    'committee-unfinished': 'Komitémedlemmer, der ikke er færdige med at bedømme',
    'panel-not-voted': 'Patientpanelets medlemmer, der ikke har stemt',
  } satisfies Record<RecipientGroup, string>,
  groupLegend: 'Hvem skal have beskeden?',
  groupCount: (n: number) => (n === 1 ? '1 modtager nu' : `${n} modtagere nu`),
  subjectLabel: 'Emne',
  subjectHint: (max: number) => `Højst ${max} tegn.`,
  bodyLabel: 'Besked',
  bodyHint: (max: number) =>
    `Højst ${max} tegn. Beskeden sendes som almindelig tekst: HTML og andre koder vises, som du skriver dem. Skriv ikke navne, CPR-numre eller helbredsoplysninger om patienter.`,
  previewButton: 'Se beskeden, før du sender',
  previewTitle: 'Tjek beskeden',
  previewLead: (n: number, group: string) => `Beskeden sendes til ${n === 1 ? '1 person' : `${n} personer`}: ${group.toLowerCase()}.`,
  previewEmpty: (group: string) => `Der er ingen i gruppen "${group.toLowerCase()}" lige nu, så beskeden kan ikke sendes. Vælg en anden gruppe.`,
  previewEmptyHeading: 'Ingen modtagere',
  previewSubject: 'Emne',
  previewBody: 'Besked',
  previewFooterNote: 'Under beskeden står rundens navn og organisationen, så modtageren ved, hvem den er fra.',
  sendButton: (n: number) => (n === 1 ? 'Send til 1 person' : `Send til ${n} personer`),
  editButton: 'Ret beskeden',
  sentTitle: 'Beskeden er sendt',
  sentLead: (n: number, group: string) =>
    `Beskeden er lagt i kø til ${n === 1 ? '1 person' : `${n} personer`} (${group.toLowerCase()}). E-mails sendes i løbet af få minutter.`,
  sentAt: (when: string) => `Sendt ${when}.`,
  backToDashboard: 'Tilbage til rundens overblik',
  newMessage: 'Skriv en ny besked',
  earlierHeading: 'Beskeder sendt i runden',
  earlierNone: 'Der er ikke sendt beskeder i runden endnu.',
  earlierColumns: { when: 'Sendt', group: 'Gruppe', subject: 'Emne', count: 'Modtagere' },
  messageErrors: {
    groupRequired: 'Vælg, hvem der skal have beskeden',
    subjectRequired: 'Skriv et emne',
    subjectTooLong: (max: number) => `Emnet må højst være ${max} tegn. Gør det kortere`,
    bodyRequired: 'Skriv en besked',
    bodyTooLong: (max: number) => `Beskeden må højst være ${max} tegn. Gør den kortere`,
    stale: 'Siden var for gammel. Tjek beskeden og send igen',
  } satisfies Record<MessageProblem | 'stale', unknown>,
  messageMail: {
    footer: (round: string, organisation: string) => `Du får denne e-mail, fordi du er med i ${round} hos ${organisation}.`,
  },

  // --- Reminders about drafts ------------------------------------------------------------------
  reminderSubject: (round: string, when: string) => `Husk at sende din indstilling til ${round} inden ${when}`,
  reminderBody: (name: string, round: string, when: string, link: string, organisation: string) =>
    [
      name ? `Kære ${name}` : 'Hej',
      '',
      `Du er begyndt på en indstilling til ${round}, men har ikke sendt den. Fristen er ${when}.`,
      '',
      'Fortsæt, hvor du slap, med dit private link:',
      link,
      '',
      'Linket er personligt: alle, der har det, kan se og ændre din indstilling. Del det ikke.',
      'Har du sendt indstillingen, eller vil du ikke indstille alligevel, skal du ikke gøre noget.',
      '',
      `Venlig hilsen\n${organisation}`,
    ].join('\n'),

  // --- "Få besked, når der åbnes" ------------------------------------------------------------
  signupHeading: 'Få besked, når der åbnes for indstillinger',
  signupText: 'Der er ikke åbent for indstillinger lige nu. Skriv din e-mail, så sender vi dig én e-mail, når næste runde åbner.',
  signupLink: 'Få besked på e-mail',
  subscribeTitle: (award: string) => `Få besked, når ${award} åbner`,
  subscribeIntro: (award: string) =>
    `Vi sender dig én e-mail, når der åbnes for indstillinger til ${award}. Først skal du bekræfte din adresse via et link, vi sender dig.`,
  subscribeOpenNow: (award: string) => `Der er åbent for indstillinger til ${award} nu.`,
  subscribeOpenNowLink: 'Gå til prisens side',
  emailLabel: 'Din e-mail',
  emailHint: 'Vi bruger kun adressen til denne ene besked. Du kan altid afmelde dig via linket i e-mailen.',
  consentWording: (award: string) =>
    `Jeg vil have én e-mail, når der åbnes for indstillinger til ${award}. Min adresse slettes, når beskeden er sendt, eller når jeg afmelder mig.`,
  subscribeButton: 'Send mig et bekræftelseslink',
  subscribeErrors: {
    emailRequired: 'Skriv din e-mail',
    emailTooLong: 'E-mailen er for lang. Tjek, at du har skrevet den rigtigt',
    emailInvalid: 'Skriv en e-mail i formen navn@eksempel.dk',
  } satisfies Record<SubscribeProblem, string>,
  checkMailTitle: 'Tjek din e-mail',
  checkMailText: (email: string) =>
    `Hvis ${email} ikke allerede er tilmeldt, har vi sendt en e-mail med et link. Følg linket for at bekræfte. Kommer der ingen e-mail, så tjek din spam-mappe.`,
  tooManyTitle: 'Prøv igen senere',
  tooManyText: 'Der er bedt om mange tilmeldinger fra din forbindelse eller til denne adresse. Vent lidt, og prøv igen.',
  confirmTitle: 'Bekræft din tilmelding',
  confirmText: (award: string, email: string) => `Bekræft, at ${email} skal have én e-mail, når der åbnes for indstillinger til ${award}.`,
  confirmButton: 'Bekræft',
  confirmedTitle: 'Du er tilmeldt',
  confirmedText: (award: string) => `Tak. Vi sender dig én e-mail, når der åbnes for indstillinger til ${award}.`,
  linkInvalidTitle: 'Linket virker ikke',
  linkInvalidText: 'Linket er for gammelt, allerede brugt, eller tilmeldingen er afmeldt. Du kan tilmelde dig igen på prisens side.',
  unsubscribeTitle: 'Afmeld besked om åbning',
  unsubscribeText: 'Vil du afmelde dig? Så får du ingen e-mail, når der åbnes, og vi sletter din adresse.',
  unsubscribeButton: 'Afmeld',
  unsubscribedTitle: 'Du er afmeldt',
  unsubscribedText: 'Du får ingen e-mails fra os om dette, og din adresse er slettet.',
  confirmMail: {
    subject: (award: string) => `Bekræft: besked når ${award} åbner`,
    body: (award: string, confirmLink: string, unsubscribeLink: string) =>
      [
        'Hej',
        '',
        `Nogen (forhåbentlig dig) har bedt om en e-mail, når der åbnes for indstillinger til ${award}.`,
        '',
        'Bekræft her:',
        confirmLink,
        '',
        'Har du ikke bedt om det, skal du ikke gøre noget: uden bekræftelse får du ingen e-mails, og adressen slettes efter 7 dage.',
        '',
        'Afmeld og slet adressen med det samme:',
        unsubscribeLink,
      ].join('\n'),
  },
  openingMail: {
    subject: (round: string) => `Nu kan du indstille til ${round}`,
    body: (round: string, when: string, link: string, unsubscribeLink: string, organisation: string) =>
      [
        'Hej',
        '',
        `Der er åbnet for indstillinger til ${round}. Fristen er ${when}.`,
        '',
        'Læs om prisen og indstil her:',
        link,
        '',
        'Du bad om denne ene e-mail. Vi sender ikke flere og sletter din adresse. Vil du have besked igen næste gang, kan du tilmelde dig på prisens side.',
        '',
        `Venlig hilsen\n${organisation}`,
        '',
        `Afmeld: ${unsubscribeLink}`,
      ].join('\n'),
  },
};

export type OutreachTexts = typeof da;

const en: OutreachTexts = {
  messagesTitle: (round) => `Send a message: ${round}`,
  messagesCrumb: 'Send a message',
  messagesIntro:
    'Write a message to a group of the round. You see how many will get it before you send it. Each recipient gets their own e-mail; nobody sees the others’ addresses.',
  group: {
    nominators: 'Everyone who sent a nomination',
    drafts: 'Everyone with a draft they have not sent',
    'committee-unfinished': 'Committee members who have not finished reviewing',
    'panel-not-voted': 'Patient panel members who have not voted',
  },
  groupLegend: 'Who should get the message?',
  groupCount: (n) => (n === 1 ? '1 recipient now' : `${n} recipients now`),
  subjectLabel: 'Subject',
  subjectHint: (max) => `At most ${max} characters.`,
  bodyLabel: 'Message',
  bodyHint: (max) =>
    `At most ${max} characters. The message is sent as plain text: HTML and other code is shown as you write it. Do not write names, CPR numbers or health details about patients.`,
  previewButton: 'Check the message before sending',
  previewTitle: 'Check the message',
  previewLead: (n, group) => `The message goes to ${n === 1 ? '1 person' : `${n} people`}: ${group.toLowerCase()}.`,
  previewEmpty: (group) => `There is nobody in the group "${group.toLowerCase()}" right now, so the message cannot be sent. Choose another group.`,
  previewEmptyHeading: 'No recipients',
  previewSubject: 'Subject',
  previewBody: 'Message',
  previewFooterNote: 'Below the message, the round’s name and the organisation are added, so the recipient knows who it is from.',
  sendButton: (n) => (n === 1 ? 'Send to 1 person' : `Send to ${n} people`),
  editButton: 'Edit the message',
  sentTitle: 'The message has been sent',
  sentLead: (n, group) =>
    `The message is queued for ${n === 1 ? '1 person' : `${n} people`} (${group.toLowerCase()}). The e-mails go out within a few minutes.`,
  sentAt: (when) => `Sent ${when}.`,
  backToDashboard: 'Back to the round’s dashboard',
  newMessage: 'Write a new message',
  earlierHeading: 'Messages sent in the round',
  earlierNone: 'No messages have been sent in the round yet.',
  earlierColumns: { when: 'Sent', group: 'Group', subject: 'Subject', count: 'Recipients' },
  messageErrors: {
    groupRequired: 'Choose who should get the message',
    subjectRequired: 'Write a subject',
    subjectTooLong: (max) => `The subject can be at most ${max} characters. Make it shorter`,
    bodyRequired: 'Write a message',
    bodyTooLong: (max) => `The message can be at most ${max} characters. Make it shorter`,
    stale: 'The page was too old. Check the message and send it again',
  },
  messageMail: {
    footer: (round, organisation) => `You get this e-mail because you take part in ${round} at ${organisation}.`,
  },
  reminderSubject: (round, when) => `Remember to send your nomination for ${round} before ${when}`,
  reminderBody: (name, round, when, link, organisation) =>
    [
      name ? `Dear ${name}` : 'Hello',
      '',
      `You have started a nomination for ${round} but not sent it. The deadline is ${when}.`,
      '',
      'Continue where you left off with your private link:',
      link,
      '',
      'The link is personal: anyone who has it can see and change your nomination. Do not share it.',
      'If you have sent the nomination, or do not want to nominate after all, you need not do anything.',
      '',
      `Kind regards\n${organisation}`,
    ].join('\n'),
  signupHeading: 'Get an e-mail when nominations open',
  signupText: 'Nominations are not open right now. Leave your e-mail and we send you one e-mail when the next round opens.',
  signupLink: 'Get an e-mail',
  subscribeTitle: (award) => `Get an e-mail when ${award} opens`,
  subscribeIntro: (award) => `We send you one e-mail when nominations for ${award} open. First, confirm your address with a link we send you.`,
  subscribeOpenNow: (award) => `Nominations for ${award} are open now.`,
  subscribeOpenNowLink: 'Go to the prize’s page',
  emailLabel: 'Your e-mail',
  emailHint: 'We use the address for this one message only. You can always unsubscribe with the link in the e-mail.',
  consentWording: (award) =>
    `I want one e-mail when nominations for ${award} open. My address is deleted when the message has been sent, or when I unsubscribe.`,
  subscribeButton: 'Send me a confirmation link',
  subscribeErrors: {
    emailRequired: 'Write your e-mail',
    emailTooLong: 'The e-mail is too long. Check that you wrote it correctly',
    emailInvalid: 'Write an e-mail like name@example.com',
  },
  checkMailTitle: 'Check your e-mail',
  checkMailText: (email) =>
    `If ${email} is not subscribed already, we have sent an e-mail with a link. Follow the link to confirm. If no e-mail arrives, check your spam folder.`,
  tooManyTitle: 'Try again later',
  tooManyText: 'Many subscriptions were asked for from your connection or for this address. Wait a while and try again.',
  confirmTitle: 'Confirm your subscription',
  confirmText: (award, email) => `Confirm that ${email} should get one e-mail when nominations for ${award} open.`,
  confirmButton: 'Confirm',
  confirmedTitle: 'You are subscribed',
  confirmedText: (award) => `Thank you. We will send you one e-mail when nominations for ${award} open.`,
  linkInvalidTitle: 'The link does not work',
  linkInvalidText: 'The link is too old, already used, or the subscription was cancelled. You can subscribe again on the prize’s page.',
  unsubscribeTitle: 'Unsubscribe from the opening notice',
  unsubscribeText: 'Do you want to unsubscribe? Then you get no e-mail when nominations open, and we delete your address.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribedText: 'You get no e-mails from us about this, and your address has been deleted.',
  confirmMail: {
    subject: (award) => `Confirm: an e-mail when ${award} opens`,
    body: (award, confirmLink, unsubscribeLink) =>
      [
        'Hello',
        '',
        `Someone (hopefully you) asked for an e-mail when nominations for ${award} open.`,
        '',
        'Confirm here:',
        confirmLink,
        '',
        'If you did not ask for it, do nothing: without confirmation you get no e-mails, and the address is deleted after 7 days.',
        '',
        'Unsubscribe and delete the address now:',
        unsubscribeLink,
      ].join('\n'),
  },
  openingMail: {
    subject: (round) => `You can now nominate for ${round}`,
    body: (round, when, link, unsubscribeLink, organisation) =>
      [
        'Hello',
        '',
        `Nominations for ${round} are open. The deadline is ${when}.`,
        '',
        'Read about the prize and nominate here:',
        link,
        '',
        'You asked for this one e-mail. We send no more and delete your address. To be told again next time, subscribe on the prize’s page.',
        '',
        `Kind regards\n${organisation}`,
        '',
        `Unsubscribe: ${unsubscribeLink}`,
      ].join('\n'),
  },
};

export function outreachTexts(locale: Locale): OutreachTexts {
  return locale === 'en' ? en : da;
}
