import type { Locale } from '../time.js';
import type { PageContext } from './context.js';
import { Paragraphs } from './paragraphs.js';

/**
 * A text administrators may give in both languages: the Danish text is always there, the English
 * one is optional (null or blank: not given).
 */
export type TwoLanguages = { da: string; en: string | null | undefined };

/**
 * The text to show on a page in `locale`: the English text on English pages when given, else the
 * Danish one. `fallback` says the Danish text stands in on an English page, so it must be marked
 * lang="da" (WCAG 3.1.2, language of parts) and carry the short "(in Danish)" note.
 */
export function pickText(locale: Locale, da: string, en: string | null | undefined): { text: string; fallback: boolean } {
  if (locale === 'en') {
    if (en != null && en.trim() !== '') return { text: en, fallback: false };
    return { text: da, fallback: da.trim() !== '' };
  }
  return { text: da, fallback: false };
}

/**
 * One line of such text (a heading, a title, a theme): the English text on English pages when
 * given; else the Danish text, which on English pages is wrapped in lang="da" and followed by the
 * note in the page's language.
 */
export function LocalizedText({ ctx, da, en }: { ctx: PageContext; da: string; en: string | null | undefined }) {
  const { text, fallback } = pickText(ctx.locale, da, en);
  if (!fallback) return <span safe>{text}</span>;
  return (
    <>
      <span lang="da" safe>
        {text}
      </span>{' '}
      <small class="localized-note" safe>
        {ctx.t.ui.inDanish}
      </small>
    </>
  );
}

/** Multi-line text (a description, help) as paragraphs, chosen and marked as LocalizedText does. */
export function LocalizedParagraphs({ ctx, da, en }: { ctx: PageContext; da: string; en: string | null | undefined }) {
  const { text, fallback } = pickText(ctx.locale, da, en);
  if (!fallback) return <Paragraphs text={text} />;
  return (
    <>
      <Paragraphs text={text} lang="da" />
      <p>
        <small class="localized-note" safe>
          {ctx.t.ui.inDanish}
        </small>
      </p>
    </>
  );
}
