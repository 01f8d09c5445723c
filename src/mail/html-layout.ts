import type { Locale } from '../platform/time.js';

// Every e-mail has an HTML part beside its plain text, made from the text here: one simple,
// accessible layout (the organisation's name as a header, the language set, readable sizes,
// links underlined), never from markup a person typed. The text is escaped first, so a template
// holding <script> or <b> shows those characters and runs nothing.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// An http(s) address up to white space; trailing punctuation is not part of it.
const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** One line of text as HTML: escaped, with its addresses as links. */
function lineHtml(line: string): string {
  let out = '';
  let from = 0;
  for (const m of line.matchAll(URL_PATTERN)) {
    out += escapeHtml(line.slice(from, m.index));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}" style="color:#004993;text-decoration:underline">${url}</a>`;
    from = m.index + m[0].length;
  }
  return out + escapeHtml(line.slice(from));
}

/** A paragraph (lines without a blank line between): a list when every line starts with "- ". */
function blockHtml(block: string): string {
  const lines = block.split('\n');
  if (lines.every((l) => /^- /.test(l))) {
    return `<ul style="margin:0 0 16px 0;padding-left:24px">${lines.map((l) => `<li style="margin:0 0 4px 0">${lineHtml(l.slice(2))}</li>`).join('')}</ul>`;
  }
  return `<p style="margin:0 0 16px 0">${lines.map(lineHtml).join('<br>')}</p>`;
}

/**
 * The HTML part of an e-mail whose plain text is `text`: paragraphs at blank lines, "- " lines
 * as a list, addresses as links, in a layout with the sender organisation's name on top.
 */
export function htmlOfText(text: string, o: { subject: string; organisationName?: string | undefined; language?: Locale | undefined }): string {
  const lang = o.language ?? 'da';
  const organisation = o.organisationName?.trim() || 'Prisportal';
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b.trim() !== '');
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f5f5f5">',
    `<div role="article" aria-label="${escapeHtml(o.subject)}" lang="${lang}" style="max-width:640px;margin:0 auto;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">`,
    `<div style="padding:16px 24px;border-bottom:4px solid #004993"><p style="margin:0;font-size:18px;font-weight:bold">${escapeHtml(organisation)}</p></div>`,
    `<div style="padding:24px">${blocks.map(blockHtml).join('\n')}</div>`,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}
