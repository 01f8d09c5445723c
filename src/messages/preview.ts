import { formatInstant, type Locale } from '../platform/time.js';
import { judgingUrls } from '../judging/urls.js';
import { panelUrls } from '../panel/urls.js';
import { MESSAGE_KINDS, type Audience, type MessageKind } from './catalogue.js';
import { messagesTexts } from './i18n.js';
import type { PreviewPerson } from './messages.repo.js';

// The preview of a template: the text filled for a real person of the round (their name, their
// nomination's title and receipt number, the screening's reason), with the round's real dates and
// public links. Links that hold a private token are shown as an example link, never made.

const FITS: Record<Audience, readonly PreviewPerson['role'][]> = {
  nominator: ['nominator'],
  nominee: ['nominee'],
  'nominator-or-nominee': ['nominator', 'nominee'],
  committee: ['committee'],
  panel: ['panel'],
  'invitee-committee': ['invitee-committee', 'committee'],
  'invitee-panel': ['invitee-panel', 'panel'],
  anyone: ['nominator', 'nominee', 'committee', 'panel'],
};

/** The people of the round who get e-mails of this kind. */
export function previewCandidates(kind: MessageKind, people: readonly PreviewPerson[]): PreviewPerson[] {
  const roles = FITS[MESSAGE_KINDS[kind].audience];
  return people.filter((p) => roles.includes(p.role));
}

/** The values of one kind for a person (or a made-up one when the round has nobody yet), in a language. */
export function previewValues(
  kind: MessageKind,
  person: PreviewPerson | null,
  o: { editionId: number; baseUrl: string; language: Locale; now: Date },
): Record<string, string> {
  const t = messagesTexts(o.language);
  const base = o.baseUrl.replace(/\/+$/, '');
  const example = t.exampleLink(base);
  const title = person?.nomination?.title || t.exampleTitle;
  const link =
    kind === 'scoring-opens' || kind === 'scoring-reminder'
      ? `${base}${judgingUrls.review({ editionId: o.editionId })}`
      : kind === 'voting-opens'
        ? `${base}${panelUrls.ballot({ editionId: o.editionId })}`
        : example;
  return {
    recipient: person?.name || t.examplePerson,
    email: person?.email ?? 'navn@example.dk',
    title,
    receipt: person?.nomination?.receiptNumber ?? 'IP-2026-001',
    nominator: person?.nomination?.nominatorName || t.examplePerson,
    reason: person?.nomination?.screeningReason ?? '',
    received: formatInstant(o.now, o.language),
    expires: formatInstant(new Date(o.now.getTime() + 7 * 24 * 60 * 60 * 1000), o.language),
    link,
    'private-link': example,
    'sign-in-link': `${base}/log-ind`,
    chair: person?.isChair ? t.value.chair : '',
    nomination: t.exampleNomination,
    count: '6',
    done: '4',
    total: '6',
    winner: t.exampleTitle,
    changes: t.exampleChanges(formatInstant(o.now, o.language)),
    because: t.exampleBecause,
  };
}
