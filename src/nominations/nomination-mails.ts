import type { NewMail } from '../mail/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { nominationTexts } from './i18n.js';
import type { NominationRow } from './nominations.repo.js';
import type { EditionForForm } from './edition-form.js';
import { nominationAsText } from './nomination-text.js';
import { fieldsOf } from './edition-form.js';

// The e-mails of the nomination flow, worded in the module's catalogue (i18n.ts, `mail`) in
// plain language. They go out in Danish (`locale` defaults to 'da') until a person's language
// is known. Links carry private tokens, so these bodies are never logged.

/** What the e-mails need to know of where they are read: the absolute base of their links. */
export type MailContext = { baseUrl: string };

/** Whose e-mail it is and whose people it names (a person's data is exported and erased by these; see mail.schema.ts). */
const ownerOf = (e: EditionForForm, n: NominationRow) => ({ organisationId: e.organisation.id, about: `nomination:${n.id}` });

const editionName = (e: EditionForForm) => `${e.award.name} ${e.edition.year}`;

function whatHappensNext(e: EditionForForm, locale: Locale): string {
  const t = e.timeline;
  if (!t) return '';
  const m = nominationTexts(locale).mail;
  const lines = [
    m.nextChange(formatInstant(t.closesAt, locale)),
    m.nextNominees(formatInstant(t.nomineesPublishedAt, locale)),
    m.nextWinner(formatInstant(t.winnerAnnouncedAt, locale), e.edition.eventName),
  ];
  return `${m.whatHappensNext}\n${lines.join('\n')}`;
}

export function receiptMail(a: {
  edition: EditionForForm;
  nomination: NominationRow;
  firstSend: boolean;
  mail: MailContext;
  accessToken?: string | undefined;
  locale?: Locale;
}): NewMail {
  const locale = a.locale ?? 'da';
  const m = nominationTexts(locale).mail;
  const n = a.nomination;
  const body = [
    m.greeting(n.nominatorName),
    '',
    a.firstSend ? m.receiptThanks(editionName(a.edition)) : m.receiptChanged(editionName(a.edition)),
    '',
    m.receiptNumber(n.receiptNumber ?? ''),
    m.receivedAt(formatInstant(n.sentAt!, locale)),
    '',
    whatHappensNext(a.edition, locale),
    '',
    a.accessToken ? m.privateLink(`${a.mail.baseUrl}/indstillinger/adgang/${a.accessToken}`) : m.privateLinkLost,
    '',
    m.copyFollows,
    '',
    nominationAsText(fieldsOf(n), a.edition.form),
    '',
    m.signature(a.edition.organisation.name),
  ].join('\n');
  return {
    kind: 'nomination-receipt',
    to: n.nominatorEmail,
    subject: m.receiptSubject(editionName(a.edition), n.receiptNumber ?? ''),
    text: body,
    dedupeKey: `receipt:${n.id}:${n.version}`,
    ...ownerOf(a.edition, n),
  };
}

export function nomineeNoticeMail(a: {
  edition: EditionForForm;
  nomination: NominationRow;
  consentToken: string;
  mail: MailContext;
  locale?: Locale;
}): NewMail {
  const m = nominationTexts(a.locale ?? 'da').mail;
  const n = a.nomination;
  const link = `${a.mail.baseUrl}/samtykke/${a.consentToken}`;
  const body = [
    m.greeting(n.nomineeNames),
    '',
    m.nomineeLead(n.nominatorName, editionName(a.edition), n.title),
    '',
    m.nomineePublication,
    '',
    m.nomineeAnswer(link),
    '',
    m.nomineeJudgedAnyway,
    '',
    m.signature(a.edition.organisation.name),
  ].join('\n');
  return {
    kind: 'nominee-notice',
    to: n.nomineeEmail,
    subject: m.nomineeSubject(editionName(a.edition)),
    text: body,
    dedupeKey: `nominee-notice:${n.id}`,
    ...ownerOf(a.edition, n),
  };
}

export function draftLinkMail(a: { edition: EditionForForm; nomination: NominationRow; token: string; mail: MailContext; locale?: Locale }): NewMail {
  const locale = a.locale ?? 'da';
  const m = nominationTexts(locale).mail;
  const n = a.nomination;
  const link = `${a.mail.baseUrl}/indstillinger/adgang/${a.token}`;
  const deadline = a.edition.timeline ? `\n${m.draftDeadline(formatInstant(a.edition.timeline.closesAt, locale))}` : '';
  return {
    kind: 'draft-link',
    to: n.nominatorEmail,
    subject: m.draftSubject(editionName(a.edition)),
    text: [
      m.greeting(n.nominatorName || m.draftGreetingFallback),
      '',
      m.draftSaved(editionName(a.edition)),
      link,
      deadline,
      '',
      m.draftDoNotShare,
      '',
      m.signature(a.edition.organisation.name),
    ].join('\n'),
    dedupeKey: `draft-link:${n.id}:${n.version}:${n.accessTokenHash.slice(0, 12)}`,
    ...ownerOf(a.edition, n),
  };
}

export function withdrawalMail(a: { edition: EditionForForm; nomination: NominationRow; mail: MailContext; locale?: Locale }): NewMail {
  const m = nominationTexts(a.locale ?? 'da').mail;
  const n = a.nomination;
  return {
    kind: 'nomination-withdrawn',
    to: n.nominatorEmail,
    subject: m.withdrawnSubject(editionName(a.edition), n.receiptNumber ?? ''),
    text: [m.greeting(n.nominatorName), '', m.withdrawnBody(n.title, editionName(a.edition)), '', m.signature(a.edition.organisation.name)].join('\n'),
    dedupeKey: `withdrawn:${n.id}`,
    ...ownerOf(a.edition, n),
  };
}
