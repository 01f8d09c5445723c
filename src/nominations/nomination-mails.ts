import type { NewMail } from '../mail/outbox.js';
import { formatInstant } from '../platform/time.js';
import type { NominationRow } from './nominations.repo.js';
import type { EditionForForm } from './edition-form.js';
import { nominationAsText } from './nomination-text.js';
import { fieldsOf } from './edition-form.js';

// The e-mails of the nomination flow, in Danish plain language. Links carry private tokens,
// so these bodies are never logged.

/** What the e-mails need to know of where they are read: the absolute base of their links. */
export type MailContext = { baseUrl: string };

const editionName = (e: EditionForForm) => `${e.award.name} ${e.edition.year}`;

function whatHappensNext(e: EditionForForm): string {
  const t = e.timeline;
  if (!t) return '';
  const lines = [
    `- Du kan ændre eller trække indstillingen tilbage frem til ${formatInstant(t.closesAt)}.`,
    `- De nominerede offentliggøres ${formatInstant(t.nomineesPublishedAt)}.`,
    `- Vinderen offentliggøres ${formatInstant(t.winnerAnnouncedAt)}${e.edition.eventName ? ` på ${e.edition.eventName}` : ''}.`,
  ];
  return `Hvad sker der nu?\n${lines.join('\n')}`;
}

export function receiptMail(a: {
  edition: EditionForForm;
  nomination: NominationRow;
  firstSend: boolean;
  mail: MailContext;
  accessToken?: string | undefined;
}): NewMail {
  const n = a.nomination;
  const body = [
    `Kære ${n.nominatorName}`,
    '',
    a.firstSend
      ? `Tak for din indstilling til ${editionName(a.edition)}. Vi har modtaget den.`
      : `Vi har modtaget dine ændringer af din indstilling til ${editionName(a.edition)}.`,
    '',
    `Kvitteringsnummer: ${n.receiptNumber}`,
    `Modtaget: ${formatInstant(n.sentAt!)}`,
    '',
    whatHappensNext(a.edition),
    '',
    a.accessToken
      ? `Du kan ændre eller trække indstillingen tilbage via dit private link (del det ikke):\n${a.mail.baseUrl}/indstillinger/adgang/${a.accessToken}`
      : 'Du ændrer eller trækker indstillingen tilbage via dit private link. Har du mistet det, så skriv til kontaktpersonen.',
    '',
    'Her er en kopi af din indstilling:',
    '',
    nominationAsText(fieldsOf(n), a.edition.form),
    '',
    `Venlig hilsen\n${a.edition.organisation.name}`,
  ].join('\n');
  return {
    kind: 'nomination-receipt',
    to: n.nominatorEmail,
    subject: `Kvittering for din indstilling – ${editionName(a.edition)} (${n.receiptNumber})`,
    text: body,
    dedupeKey: `receipt:${n.id}:${n.version}`,
  };
}

export function nomineeNoticeMail(a: { edition: EditionForForm; nomination: NominationRow; consentToken: string; mail: MailContext }): NewMail {
  const n = a.nomination;
  const link = `${a.mail.baseUrl}/samtykke/${a.consentToken}`;
  const body = [
    `Kære ${n.nomineeNames}`,
    '',
    `${n.nominatorName} har indstillet jer til ${editionName(a.edition)} for løsningen "${n.title}".`,
    '',
    'Hvis I bliver nomineret, offentliggør vi jeres navne, afdeling og en beskrivelse af løsningen. Det gør vi kun, hvis I siger ja.',
    '',
    `Sig ja eller nej til at blive offentliggjort her:\n${link}`,
    '',
    'Indstillingen bliver bedømt uanset jeres svar. I kan ændre jeres svar via samme link.',
    '',
    `Venlig hilsen\n${a.edition.organisation.name}`,
  ].join('\n');
  return {
    kind: 'nominee-notice',
    to: n.nomineeEmail,
    subject: `I er indstillet til ${editionName(a.edition)}`,
    text: body,
    dedupeKey: `nominee-notice:${n.id}`,
  };
}

export function draftLinkMail(a: { edition: EditionForForm; nomination: NominationRow; token: string; mail: MailContext }): NewMail {
  const n = a.nomination;
  const link = `${a.mail.baseUrl}/indstillinger/adgang/${a.token}`;
  const deadline = a.edition.timeline ? `\nFristen er ${formatInstant(a.edition.timeline.closesAt)}.` : '';
  return {
    kind: 'draft-link',
    to: n.nominatorEmail,
    subject: `Din kladde til ${editionName(a.edition)}`,
    text: [
      `Kære ${n.nominatorName || 'indstiller'}`,
      '',
      `Din indstilling til ${editionName(a.edition)} er gemt som kladde. Brug dit private link for at skrive videre:`,
      link,
      deadline,
      '',
      'Del ikke linket: alle med linket kan læse og ændre indstillingen.',
      '',
      `Venlig hilsen\n${a.edition.organisation.name}`,
    ].join('\n'),
    dedupeKey: `draft-link:${n.id}:${n.version}:${n.accessTokenHash.slice(0, 12)}`,
  };
}

export function withdrawalMail(a: { edition: EditionForForm; nomination: NominationRow; mail: MailContext }): NewMail {
  const n = a.nomination;
  return {
    kind: 'nomination-withdrawn',
    to: n.nominatorEmail,
    subject: `Din indstilling er trukket tilbage – ${editionName(a.edition)} (${n.receiptNumber})`,
    text: [
      `Kære ${n.nominatorName}`,
      '',
      `Du har trukket din indstilling "${n.title}" til ${editionName(a.edition)} tilbage. Den indgår ikke i bedømmelsen.`,
      '',
      `Venlig hilsen\n${a.edition.organisation.name}`,
    ].join('\n'),
    dedupeKey: `withdrawn:${n.id}`,
  };
}
