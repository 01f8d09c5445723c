import type { MessageKind, OutgoingMessage } from '../messages/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import type { NominationRow } from './nominations.repo.js';
import type { EditionForForm } from './edition-form.js';
import { nominationAsText } from './nomination-text.js';
import type { NominationFields } from './form.js';
import { nominationsUrls as urls } from './urls.js';

// The e-mails of the nomination flow. Their wording is the round's template of each kind
// (src/messages: the administrators may change it, in Danish and English); this file gives the
// values for one nomination. Each goes out in its recipient's language: the nominator's is the
// language of the page they sent from, the nominee's the one of their consent page (else the
// nominator's). Links carry private tokens, so these bodies are never logged.

/** Where the e-mails are read (the absolute base of their links) and the language of the page that caused them. */
export type MailContext = { baseUrl: string; language?: Locale };

const about = (n: Pick<NominationRow, 'id'>) => `nomination:${n.id}`;
const abs = (mail: MailContext, path: string) => `${mail.baseUrl.replace(/\/+$/, '')}${path}`;

/** The nominator's language; the page's when the nominator is on it now. */
export const nominatorLanguage = (n: Pick<NominationRow, 'language'>, mail?: MailContext): Locale => mail?.language ?? n.language;
/** The nominee's language: their own once they used their consent page, else the nominator's. */
export const nomineeLanguage = (n: Pick<NominationRow, 'language' | 'nomineeLanguage'>): Locale => n.nomineeLanguage ?? n.language;

/** What a receipt says of its nomination: a sent row, or a row the same statement is about to write (src/nominations submit). */
export type ReceiptNomination = Pick<NominationRow, 'id' | 'version' | 'nominatorEmail' | 'nominatorName' | 'title' | 'receiptNumber' | 'sentAt' | 'language'>;
/** What the nominee's notice says of its nomination. */
export type NoticeNomination = Pick<NominationRow, 'id' | 'nomineeEmail' | 'nomineeNames' | 'nominatorName' | 'title' | 'language' | 'nomineeLanguage'>;

export function receiptMail(a: {
  edition: EditionForForm;
  nomination: ReceiptNomination;
  /** The fields as sent (`fieldsOf` of a sent row). */
  fields: NominationFields;
  firstSend: boolean;
  mail: MailContext;
  accessToken?: string | undefined;
  /** The names of the files sent with it: the receipt lists them. */
  attachments: readonly string[];
}): OutgoingMessage<'receipt' | 'receipt-changed'> {
  const n = a.nomination;
  const language = nominatorLanguage(n, a.mail);
  return {
    kind: a.firstSend ? 'receipt' : 'receipt-changed',
    to: n.nominatorEmail,
    language,
    values: {
      recipient: n.nominatorName,
      title: n.title,
      receipt: n.receiptNumber ?? '',
      received: formatInstant(n.sentAt!, language),
      'private-link': a.accessToken ? abs(a.mail, urls.privateLink({ token: a.accessToken })) : '',
      nomination: nominationAsText(a.fields, a.edition.form, a.attachments, language),
    },
    dedupeKey: `receipt:${n.id}:${n.version}`,
    about: about(n),
  };
}

export function nomineeNoticeMail(a: { nomination: NoticeNomination; consentToken: string; mail: MailContext }): OutgoingMessage<'nominee-notice'> {
  const n = a.nomination;
  return {
    kind: 'nominee-notice',
    to: n.nomineeEmail,
    language: nomineeLanguage(n),
    values: { recipient: n.nomineeNames, nominator: n.nominatorName, title: n.title, link: abs(a.mail, urls.consent({ token: a.consentToken })) },
    dedupeKey: `nominee-notice:${n.id}`,
    about: about(n),
  };
}

export function draftLinkMail(a: { nomination: NominationRow; token: string; mail: MailContext; fallbackName: string }): OutgoingMessage<'draft-link'> {
  const n = a.nomination;
  return {
    kind: 'draft-link',
    to: n.nominatorEmail,
    language: nominatorLanguage(n, a.mail),
    values: { recipient: n.nominatorName || a.fallbackName, link: abs(a.mail, urls.privateLink({ token: a.token })) },
    dedupeKey: `draft-link:${n.id}:${n.version}:${n.accessTokenHash.slice(0, 12)}`,
    about: about(n),
  };
}

/** The withdrawal: to the nominator, and to the nominee (when they have their own address). */
export function withdrawalMails(a: { nomination: NominationRow; mail: MailContext }): OutgoingMessage<MessageKind>[] {
  const n = a.nomination;
  const out: OutgoingMessage<MessageKind>[] = [
    {
      kind: 'withdrawal',
      to: n.nominatorEmail,
      language: nominatorLanguage(n, a.mail),
      values: { recipient: n.nominatorName, title: n.title, receipt: n.receiptNumber ?? '' },
      dedupeKey: `withdrawn:${n.id}`,
      about: about(n),
    },
  ];
  if (n.nomineeEmail.trim() && n.nomineeEmail.trim().toLowerCase() !== n.nominatorEmail.trim().toLowerCase()) {
    out.push({
      kind: 'withdrawal-nominee',
      to: n.nomineeEmail,
      language: nomineeLanguage(n),
      values: { recipient: n.nomineeNames, nominator: n.nominatorName, title: n.title },
      dedupeKey: `withdrawn-nominee:${n.id}`,
      about: about(n),
    });
  }
  return out;
}
