import { AdminLayout, Alert, Details, Html, Layout, type PageContext, pickText, Table } from '../../platform/ui/index.js';
import { judgingTexts, type JudgingTexts } from '../i18n.js';
import { sortNominations, type CommitteeOverviewData, type OverviewNomination, type OverviewSort, type Stats } from '../overview.service.js';
import { editionCrumbs } from './review-pages.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { publicationUrls } from '../../publication/urls.js';

const SORT_PARAM: Record<OverviewSort, string> = { raw: 'raa', normalised: 'normaliseret', title: 'titel' };

/**
 * The query string's member whose comments are gathered under "The members' comments"
 * (medlem=1, 2 …: the member's place in the members' list, which is also the number of
 * "Medlem n" when anonymised, so the address gives away no id); null for none or anything else.
 */
export function parseCommentsBy(raw: unknown): number | null {
  return typeof raw === 'string' && /^[1-9][0-9]{0,3}$/.test(raw) ? Number(raw) : null;
}

/** The query string's sort (sorter=raa|normaliseret|titel); raw rank by default. */
export function parseSort(raw: unknown): OverviewSort {
  if (raw === 'normaliseret') return 'normalised';
  if (raw === 'titel') return 'title';
  return 'raw';
}

// One formatter per language and precision, made once: `toLocaleString` with options builds a
// new Intl.NumberFormat on every call, and the overview formats some 6,000 figures (240
// nominations × criteria × mean, median, min, max). The figures repeat (a mean of 5 scores from
// 1 to 5 takes few values), so each formatter remembers what it wrote: a lookup instead of
// Intl's formatting for nearly every figure.
const formatters = new Map<string, (v: number) => string>();
/** The page's number format for its language and precision (made once, remembering what it wrote). */
function numberFormat(ctx: PageContext, digits = 2): (v: number) => string {
  const locale = ctx.locale === 'da' ? 'da-DK' : 'en-GB';
  const key = `${locale}:${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
    const written = new Map<number, string>();
    formatter = (v: number) => {
      // (-0 is written "-0", and a Map does not tell it from 0.)
      if (Object.is(v, -0)) return format.format(v);
      let text = written.get(v);
      if (text === undefined) {
        text = format.format(v);
        // Bounded: a page of an edition of any size cannot grow it without end.
        if (written.size >= 10_000) written.clear();
        written.set(v, text);
      }
      return text;
    };
    formatters.set(key, formatter);
  }
  return formatter;
}
const number = (ctx: PageContext, v: number, digits = 2) => numberFormat(ctx, digits)(v);

function statsText(ctx: PageContext, j: JudgingTexts, s: Stats | null, format = numberFormat(ctx)): string {
  if (!s) return j.noScores;
  return j.statsText(format(s.mean), format(s.median), format(s.min), format(s.max));
}

type Props = {
  ctx: PageContext;
  data: CommitteeOverviewData;
  sort: OverviewSort;
  anonymous: boolean;
  /** The page's own path, for the sort and anonymous links. */
  path: string;
  /** The member (place in the list, from 1) whose comments are gathered on the page; null for none. */
  commentsBy?: number | null;
};

/** The committee overview for the meeting (members: /bedoemmelse/udgaver/:id/oversigt). */
export function MemberOverviewPage(props: Props): JSX.Element {
  const { ctx, data } = props;
  const j = judgingTexts(ctx.locale);
  const name = ctx.t.award.edition(data.awardName, data.year);
  return (
    <Layout ctx={ctx} title={j.overviewTitle(name)} breadcrumbs={editionCrumbs(ctx, name, data.editionId, [{ label: j.overviewTitle(name) }])}>
      <OverviewBody {...props} j={j} name={name} />
    </Layout>
  );
}

/** The same overview for administrators (/admin/udgaver/:editionId/bedoemmelse). */
export function AdminOverviewPage(props: Props & { csrf: string }): JSX.Element {
  const { ctx, data } = props;
  const j = judgingTexts(ctx.locale);
  const name = ctx.t.award.edition(data.awardName, data.year);
  return (
    <AdminLayout
      ctx={ctx}
      title={j.overviewTitle(name)}
      csrf={props.csrf}
      crumbs={[{ label: name, href: nominationsUrls.editionNominations({ id: data.editionId }) }, { label: j.adminOverviewLink }]}
    >
      <OverviewBody {...props} j={j} name={name} />
      <h2 safe>{j.exportsHeading}</h2>
      <ul class="nobullet-list">
        <li>
          <a href={publicationUrls.dossier({ editionId: data.editionId }, { anonym: props.anonymous })} class="function-link" safe>
            {j.dossierLink}
          </a>
        </li>
        <li>
          <a href={publicationUrls.scoresWorkbook({ editionId: data.editionId }, { anonym: props.anonymous })} class="function-link" safe>
            {j.scoresLink}
          </a>
        </li>
      </ul>
    </AdminLayout>
  );
}

function OverviewBody({ ctx, data, sort, anonymous, path, commentsBy, j, name }: Props & { j: JudgingTexts; name: string }) {
  const link = (s: OverviewSort, anon: boolean) => `${path}?sorter=${SORT_PARAM[s]}${anon ? '&anonym=1' : ''}`;
  const rows = sortNominations(data.nominations, sort);
  const alpha = data.alpha;
  return (
    <>
      <h1 safe>{j.overviewTitle(name)}</h1>
      <p safe>{j.overviewIntro}</p>
      <p safe>{j.normalisedExplained}</p>
      {data.tooFew ? (
        <Alert ctx={ctx} variant="warning" heading={j.tooFew}>
          <p id="too-few" safe>
            {data.tooFew.reason}
          </p>
        </Alert>
      ) : (
        ''
      )}
      {anonymous ? <Alert ctx={ctx} variant="info" text={j.anonymousNotice} /> : ''}
      {data.ranksHiddenForViewer ? (
        <p id="ranks-hidden" safe>
          {j.ranksHiddenConflict}
        </p>
      ) : (
        ''
      )}
      <p class="no-print">
        <a href={link(sort, !anonymous)} id="anonymous-link" safe>
          {anonymous ? j.namedLink : j.anonymousLink}
        </a>
      </p>
      <nav aria-label={j.sortLabel} class="no-print">
        <span safe>{`${j.sortLabel}: `}</span>
        {(['raw', 'normalised', 'title'] as const).map((s, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            {s === sort ? (
              <strong aria-current="true" safe>
                {j.sort[s]}
              </strong>
            ) : (
              <a href={link(s, anonymous)} safe>
                {j.sort[s]}
              </a>
            )}
          </>
        ))}
      </nav>
      <p id="overview-table-hint" safe>
        {j.overviewTableHint}
      </p>
      <Table compact label={j.nominationsTableLabel} id="overview-table" describedBy="overview-table-hint">
        <caption safe>{`${j.nominationsTableLabel}. ${j.sortedBy(j.sort[sort])}`}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {j.col.rank}
            </th>
            <th scope="col" safe>
              {j.col.nomination}
            </th>
            <th scope="col">
              <span safe>{j.criterionStats}</span>
              {criteriaInDanish(ctx, data.criteria) ? (
                <>
                  {' '}
                  <small class="localized-note" safe>
                    {ctx.t.ui.inDanish}
                  </small>
                </>
              ) : (
                ''
              )}
            </th>
            <th scope="col" safe>
              {j.col.total}
            </th>
            <th scope="col" safe>
              {j.col.normalised}
            </th>
            <th scope="col" safe>
              {j.col.reviews}
            </th>
            <th scope="col" safe>
              {j.col.absent}
            </th>
          </tr>
        </thead>
        <tbody>{nominationRows(ctx, j, data.criteria, rows)}</tbody>
      </Table>

      <h2 safe>{j.alphaHeading}</h2>
      <p id="alpha" safe>
        {alpha.alpha === null ? alpha.message : j.alphaValue(number(ctx, alpha.alpha, 3))}
      </p>
      {alpha.alpha === null ? '' : <p safe>{j.alphaBasis(alpha.pairableValues, alpha.pairableUnits)}</p>}
      <p safe>{j.alphaExplained}</p>

      <h2 safe>{j.membersHeading}</h2>
      {data.members.length === 0 ? (
        <p safe>{j.noMembers}</p>
      ) : (
        <Table compact label={j.membersTableLabel} id="members-table">
          <thead>
            <tr>
              <th scope="col" safe>
                {j.memberCol.name}
              </th>
              {anonymous ? (
                ''
              ) : (
                <th scope="col" safe>
                  {j.memberCol.affiliation}
                </th>
              )}
              <th scope="col" safe>
                {j.memberCol.progress}
              </th>
              <th scope="col" safe>
                {j.memberCol.mean}
              </th>
              <th scope="col" safe>
                {j.memberCol.sd}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr>
                <th scope="row" safe>
                  {m.isChair && !anonymous ? `${m.label} (${j.chair})` : m.label}
                </th>
                {anonymous ? '' : <td safe>{m.affiliation ?? '–'}</td>}
                <td>
                  <progress
                    max={String(Math.max(m.progress.total, 1))}
                    value={String(m.progress.done)}
                    aria-label={`${m.label}: ${j.progressText(m.progress.done, m.progress.total)}`}
                  ></progress>{' '}
                  <span safe>{j.progressText(m.progress.done, m.progress.total)}</span>
                </td>
                <td safe>{m.mean === null ? '–' : number(ctx, m.mean)}</td>
                <td safe>{m.sd === null ? '–' : m.noSpread ? `${number(ctx, m.sd)}. ${j.noSpread}` : number(ctx, m.sd)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2 id="comments-by-member" safe>
        {j.commentsHeading}
      </h2>
      <p safe>{j.commentsIntro}</p>
      {data.members.length === 0 ? (
        ''
      ) : (
        <MemberComments j={j} members={data.members} chosen={commentsBy ?? null} href={(i) => `${link(sort, anonymous)}&medlem=${i}#member-comments`} />
      )}
    </>
  );
}

/**
 * The comments by member. Each comment is written once on the page, under its nomination in
 * the table; here each member is a link to the same page with that member's comments gathered
 * (medlem=n), so the committee can read one member's reasons across the nominations. Writing
 * every comment under its member as well doubled the page (some 2,000 comments at 300
 * nominations × 9 members, 450 KB) and a large part of its time.
 */
function MemberComments({
  j,
  members,
  chosen,
  href,
}: {
  j: JudgingTexts;
  members: CommitteeOverviewData['members'];
  chosen: number | null;
  href: (place: number) => string;
}) {
  const member = chosen === null ? undefined : members[chosen - 1];
  return (
    <>
      <ul class="nobullet-list" id="member-comment-links">
        {members.map((m, i) => {
          const text = `${m.label}: ${j.commentCount(m.comments.length)}`;
          if (m === member)
            return (
              <li>
                <strong aria-current="true" safe>
                  {text}
                </strong>
              </li>
            );
          return (
            <li>
              {m.comments.length === 0 ? (
                <span safe>{text}</span>
              ) : (
                <a href={href(i + 1)} safe>
                  {text}
                </a>
              )}
            </li>
          );
        })}
      </ul>
      {member ? (
        <section id="member-comments" class="member-comments" aria-labelledby="member-comments-heading">
          <h3 id="member-comments-heading" safe>
            {j.commentsOf(member.label)}
          </h3>
          {commentList(
            j,
            member.comments.map((c) => ({ label: `${c.receiptNumber ?? ''} ${c.title || j.untitled}`.trim(), text: c.text, lang: 'da' })),
          )}
        </section>
      ) : (
        ''
      )}
    </>
  );
}

const esc = Html.escapeHtml;

/** Whether some criterion's Danish title stands in for a missing English one on this page. */
function criteriaInDanish(ctx: PageContext, criteria: CommitteeOverviewData['criteria']): boolean {
  return criteria.some((c) => pickText(ctx.locale, c.title, c.titleEn).fallback);
}

/**
 * The table's rows: per nomination its figures and, below, a details row with the members'
 * comments. Written as one list of strings joined once rather than as JSX: at 240 nominations
 * with some 2,000 comments, Kita's element-by-element concatenation built a string of tens of
 * thousands of pieces, and flattening it to send took longer than rendering it. The markup is
 * the same as the elements would give (text escaped as `safe` does; the kit's Details), and typed
 * as an element so the XSS scan treats it as the markup it is.
 */
function nominationRows(ctx: PageContext, j: JudgingTexts, criteria: CommitteeOverviewData['criteria'], rows: readonly OverviewNomination[]): JSX.Element {
  const format = numberFormat(ctx);
  // The criteria's titles and the members' labels repeat on every row: escaped once.
  // On English pages a criterion without an English title shows its Danish one, marked as Danish
  // (the column's header carries the one note, criteriaInDanish).
  const titles = criteria.map((c) => {
    const { text, fallback } = pickText(ctx.locale, c.title, c.titleEn);
    return fallback ? `<li><span lang="da">${esc(text)}</span>: ` : `<li>${esc(text)}: `;
  });
  const labels = new Map<string, string>();
  const label = (text: string) => {
    let escaped = labels.get(text);
    if (escaped === undefined) {
      escaped = esc(text);
      labels.set(text, escaped);
    }
    return escaped;
  };
  const hidden = `<td colspan="4">${esc(j.hiddenConflict)}</td>`;
  const noneAbsent = `<td>${esc(j.noneAbsent)}</td></tr>`;
  // One string built by concatenation, row by row (V8 joins the pieces once, when the reply
  // measures and encodes the page): no array of tens of thousands of pieces to grow and join.
  let out = '';
  for (const n of rows) {
    out += `<tr data-nomination="${n.id}"><td>${esc(`${n.rankRaw === null ? '–' : String(n.rankRaw)} / ${n.rankNormalised === null ? '–' : String(n.rankNormalised)}`)}</td><th scope="row" lang="da">${esc(`${n.receiptNumber ?? ''} ${n.title || j.untitled}`.trim())}</th>`;
    if (n.hiddenForViewer) out += hidden;
    else {
      out += '<td><ul class="nobullet-list mt-0 mb-0">';
      for (let i = 0; i < criteria.length; i++) out += `${titles[i]!}${esc(statsText(ctx, j, n.criteria[criteria[i]!.id] ?? null, format))}</li>`;
      out += `</ul></td><td>${esc(statsText(ctx, j, n.total, format))}</td><td>${esc(n.normalisedTotal === null ? '–' : format(n.normalisedTotal))}</td><td>${esc(n.partialReviews > 0 ? `${n.memberCount} (${j.partial(n.partialReviews)})` : String(n.memberCount))}</td>`;
    }
    out += n.absent.length > 0 ? `<td>${esc(n.absent.join(', '))}</td></tr>` : noneAbsent;
    if (!n.hiddenForViewer)
      // (The details row has no class or data attribute of its own: nothing used them, and they
      // were 12 KB of the page at 240 nominations.)
      out += `<tr><td colspan="7">${Details({ summary: j.detailsSummary(n.comments.length), id: `comments-${n.id}`, children: commentList(j, n.comments, label) }) as string}</td></tr>`;
  }
  return out;
}

/**
 * Comments as a list of who (or which nomination) and what; the text keeps its line breaks (the
 * list's class styles its <dd>s as the kit's `answer-text`: one class for the list rather than one
 * on each of some 2,000 comments, 36 KB of the page). One string by concatenation, as the rows are.
 */
function commentList(j: JudgingTexts, comments: readonly { label: string; text: string; lang?: string }[], label: (text: string) => string = esc): JSX.Element {
  if (comments.length === 0) return `<p class="admin-empty">${esc(j.noComments)}</p>`;
  let out = '<dl class="answers-list comment-list mt-0">';
  for (const c of comments) out += `${c.lang ? `<dt lang="${esc(c.lang)}">` : '<dt>'}${label(c.label)}</dt><dd>${esc(c.text)}</dd>`;
  return `${out}</dl>`;
}
