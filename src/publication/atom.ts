/**
 * The Atom 1.0 feed (RFC 4287) of announced winners. Pure: it writes what it is given, so
 * the caller decides what is public (publication.service loadAnnouncedWinners).
 */
import type { AnnouncedWinner } from './publication.service.js';
import { nomineeByline } from './public-result.js';
import { publicationTexts } from './i18n.js';

/** Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An instant before any real feed: the feed's `updated` when no winner is announced yet. */
const EMPTY_FEED_UPDATED = new Date('2015-01-01T00:00:00.000Z');

/**
 * The feed. Each entry's `updated` (and `published`) is the announce instant; the feed's
 * `updated` is the newest entry's, so the document only changes when a winner is announced.
 */
export function winnersFeed(winners: readonly AnnouncedWinner[], baseUrl: string): string {
  const p = publicationTexts('da');
  const updated = winners.reduce((max, w) => (w.announcedAt > max ? w.announcedAt : max), EMPTY_FEED_UPDATED);
  const selfUrl = `${baseUrl}/feeds/vindere.atom`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
    `  <id>${xmlEscape(selfUrl)}</id>`,
    `  <title>${xmlEscape(p.feedTitle)}</title>`,
    `  <subtitle>${xmlEscape(p.feedSubtitle)}</subtitle>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${baseUrl}/arkiv`)}"/>`,
    '  <author><name>Prisportal</name></author>',
  ];
  for (const w of winners) {
    const page = `${baseUrl}/priser/${w.award.slug}/${w.year}`;
    const who = nomineeByline(w.winner);
    const summary = [who, w.winner.summary].filter((x) => x.trim() !== '').join('. ');
    lines.push(
      '  <entry>',
      `    <id>${xmlEscape(`${page}#vinder-${w.winner.nominationId}`)}</id>`,
      `    <title>${xmlEscape(p.feedEntryTitle(w.award.name, w.year, w.winner.title))}</title>`,
      `    <updated>${w.announcedAt.toISOString()}</updated>`,
      `    <published>${w.announcedAt.toISOString()}</published>`,
      `    <author><name>${xmlEscape(w.organisation.name)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(page)}"/>`,
      `    <summary>${xmlEscape(summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
