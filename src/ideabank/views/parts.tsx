import Html from '@kitajs/html';
import { MARK_END, MARK_START, type SimilarRow } from '../ideabank.repo.js';
import { wantedWords } from '../search-query.js';
import { staticAsset } from '../../platform/static-assets.js';
import { type PageContext, pickText } from '../../platform/ui/index.js';

export { Html };

/** The idea bank's own stylesheet and script (CSP: files only, no inline code). */
export function IdeaBankAssets() {
  return (
    <>
      <link rel="stylesheet" href={staticAsset('ideabank.css')} />
      <script type="module" src={staticAsset('ideabank.js')}></script>
    </>
  );
}

/**
 * A snippet with highlighted words: the parts ts_headline marked, and (for closed compounds
 * and typos, which full-text search does not mark) every place a search word, or one of `also`
 * (the title words a misspelt word resembled), occurs inside a longer word. Every piece of text
 * is escaped.
 */
export function Highlighted({ text, query, also = [] }: { text: string; query: string; also?: string[] }) {
  const words = [...wantedWords(query).filter((w) => w.length >= 3), ...also];
  const pieces: { text: string; mark: boolean }[] = [];
  const re = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g');
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) pieces.push(...markWords(text.slice(last, m.index), words));
    pieces.push({ text: m[1] ?? '', mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push(...markWords(text.slice(last), words));
  return <>{pieces.map((p) => (p.mark ? <mark safe>{p.text}</mark> : <span safe>{p.text}</span>))}</>;
}

function markWords(text: string, words: string[]): { text: string; mark: boolean }[] {
  if (words.length === 0) return [{ text, mark: false }];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'giu');
  const out: { text: string; mark: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}

/**
 * One suggested similar solution: its title, linked, then its unit and organisation. On an English
 * page the English title when given, else the Danish one marked lang="da" with the note.
 */
export function SimilarItem({ solution, ctx }: { solution: Pick<SimilarRow, 'id' | 'title' | 'titleEn' | 'unitName' | 'organisationName'>; ctx: PageContext }) {
  const title = pickText(ctx.locale, solution.title, solution.titleEn);
  return (
    <li>
      <a href={`/idebank/loesninger/${solution.id}`} lang={title.fallback ? 'da' : undefined} safe>
        {title.text}
      </a>
      {title.fallback ? (
        <>
          {' '}
          <small class="localized-note" safe>
            {ctx.t.ui.inDanish}
          </small>
        </>
      ) : (
        ''
      )}
      <span safe>{` – ${[solution.unitName, solution.organisationName].filter(Boolean).join(', ')}`}</span>
    </li>
  );
}
