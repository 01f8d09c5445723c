import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../i18n/index.js';
import type { Locale } from '../time.js';
import type { PageContext } from './context.js';
import { LocalizedParagraphs, LocalizedText, pickText } from './localized.js';
import { render } from './render.js';

const ctx = (locale: Locale): PageContext => ({ locale, t: messages(locale), path: '/' });

test('pickText: which text a page shows, and whether it is the Danish stand-in', () => {
  const cases: [Locale, string, string | null | undefined, { text: string; fallback: boolean }][] = [
    ['en', 'Tema', 'Theme', { text: 'Theme', fallback: false }],
    ['en', 'Tema', null, { text: 'Tema', fallback: true }],
    ['en', 'Tema', undefined, { text: 'Tema', fallback: true }],
    ['en', 'Tema', '   ', { text: 'Tema', fallback: true }],
    ['en', '', null, { text: '', fallback: false }],
    ['da', 'Tema', 'Theme', { text: 'Tema', fallback: false }],
    ['da', 'Tema', null, { text: 'Tema', fallback: false }],
  ];
  for (const [locale, da, en, want] of cases) assert.deepEqual(pickText(locale, da, en), want, `${locale} ${da} ${en}`);
});

test('LocalizedText: English given on an English page: the English text, no note, no lang', () => {
  const html = render(<LocalizedText ctx={ctx('en')} da="Bedre forløb" en="Better pathways" />);
  assert.equal(html, '<span>Better pathways</span>');
});

test('LocalizedText: Danish stand-in on an English page is marked lang="da" with the note', () => {
  const html = render(<LocalizedText ctx={ctx('en')} da="Bedre forløb" en={null} />);
  assert.match(html, /<span lang="da">Bedre forløb<\/span>/);
  assert.match(html, /\(in Danish\)/);
});

test('LocalizedText: Danish pages show the Danish text without a note, even with English given', () => {
  const html = render(<LocalizedText ctx={ctx('da')} da="Bedre forløb" en="Better pathways" />);
  assert.equal(html, '<span>Bedre forløb</span>');
});

test('LocalizedText escapes both texts', () => {
  assert.doesNotMatch(render(<LocalizedText ctx={ctx('en')} da="x" en="<b>hi</b>" />), /<b>/);
  assert.doesNotMatch(render(<LocalizedText ctx={ctx('en')} da="<b>hej</b>" en={null} />), /<b>/);
});

test('LocalizedParagraphs: paragraphs, the stand-in marked lang="da" and noted', () => {
  const en = render(<LocalizedParagraphs ctx={ctx('en')} da={'Et.\n\nTo.'} en={'One.\n\nTwo.'} />);
  assert.equal((en.match(/<p>/g) ?? []).length, 2);
  assert.doesNotMatch(en, /lang=|in Danish/);
  const fallback = render(<LocalizedParagraphs ctx={ctx('en')} da={'Et.\n\nTo.'} en="" />);
  assert.equal((fallback.match(/<p lang="da">/g) ?? []).length, 2);
  assert.match(fallback, /\(in Danish\)/);
  const da = render(<LocalizedParagraphs ctx={ctx('da')} da={'Et.'} en={'One.'} />);
  assert.match(da, /<p>.*Et\./);
  assert.doesNotMatch(da, /lang=|på dansk/);
});
