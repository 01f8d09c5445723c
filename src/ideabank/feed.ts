import type { FeedRow } from './ideabank.repo.js';

/** XML text: & < > " ' escaped, and characters XML 1.0 forbids removed. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An Atom 1.0 feed (RFC 4287) of solutions, newest first, with absolute links. */
export function atomFeed({
  baseUrl,
  title,
  selfPath,
  updated,
  rows,
}: {
  baseUrl: string;
  title: string;
  selfPath: string;
  updated: Date;
  rows: FeedRow[];
}): string {
  const entries = rows.map((r) => {
    const url = `${baseUrl}/idebank/loesninger/${r.id}`;
    const where = [r.unitName, r.organisationName].filter(Boolean).join(', ');
    return `  <entry>
    <id>${xmlEscape(url)}</id>
    <title>${xmlEscape(r.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>
    <published>${r.createdAt.toISOString()}</published>
    <updated>${r.updatedAt.toISOString()}</updated>
    <author><name>${xmlEscape(where || r.organisationName)}</name></author>
    <summary>${xmlEscape(r.summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">
  <id>${xmlEscape(baseUrl + selfPath)}</id>
  <title>${xmlEscape(title)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(baseUrl + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(`${baseUrl}/idebank`)}"/>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}
