import { AdminLayout, Alert, Details, Layout, type PageContext, Table } from '../../platform/ui/index.js';
import { judgingTexts, type JudgingTexts } from '../i18n.js';
import { sortNominations, type CommitteeOverviewData, type OverviewSort, type Stats } from '../overview.service.js';
import { editionCrumbs } from './review-pages.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { publicationUrls } from '../../publication/urls.js';

const SORT_PARAM: Record<OverviewSort, string> = { raw: 'raa', normalised: 'normaliseret', title: 'titel' };

/** The query string's sort (sorter=raa|normaliseret|titel); raw rank by default. */
export function parseSort(raw: unknown): OverviewSort {
  if (raw === 'normaliseret') return 'normalised';
  if (raw === 'titel') return 'title';
  return 'raw';
}

// One formatter per language and precision, made once: `toLocaleString` with options builds a
// new Intl.NumberFormat on every call, and the overview formats some 6,000 figures (240
// nominations × criteria × mean, median, min, max), which took most of the page's time.
const formatters = new Map<string, Intl.NumberFormat>();
const number = (ctx: PageContext, v: number, digits = 2) => {
  const locale = ctx.locale === 'da' ? 'da-DK' : 'en-GB';
  const key = `${locale}:${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
    formatters.set(key, format);
  }
  return format.format(v);
};

function statsText(ctx: PageContext, j: JudgingTexts, s: Stats | null): string {
  if (!s) return j.noScores;
  return j.statsText(number(ctx, s.mean), number(ctx, s.median), number(ctx, s.min), number(ctx, s.max));
}

type Props = {
  ctx: PageContext;
  data: CommitteeOverviewData;
  sort: OverviewSort;
  anonymous: boolean;
  /** The page's own path, for the sort and anonymous links. */
  path: string;
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

function OverviewBody({ ctx, data, sort, anonymous, path, j, name }: Props & { j: JudgingTexts; name: string }) {
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
            <th scope="col" safe>
              {j.criterionStats}
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
        <tbody>
          {rows.map((n) => (
            <>
              <tr data-nomination={String(n.id)}>
                <td safe>{`${n.rankRaw === null ? '–' : String(n.rankRaw)} / ${n.rankNormalised === null ? '–' : String(n.rankNormalised)}`}</td>
                <th scope="row" lang="da" safe>
                  {`${n.receiptNumber ?? ''} ${n.title || j.untitled}`.trim()}
                </th>
                {n.hiddenForViewer ? (
                  <td colspan="4" safe>
                    {j.hiddenConflict}
                  </td>
                ) : (
                  <>
                    <td>
                      <ul class="nobullet-list mt-0 mb-0">
                        {data.criteria.map((c) => (
                          <li safe>{`${c.title}: ${statsText(ctx, j, n.criteria[c.id] ?? null)}`}</li>
                        ))}
                      </ul>
                    </td>
                    <td safe>{statsText(ctx, j, n.total)}</td>
                    <td safe>{n.normalisedTotal === null ? '–' : number(ctx, n.normalisedTotal)}</td>
                    <td safe>{n.partialReviews > 0 ? `${n.memberCount} (${j.partial(n.partialReviews)})` : String(n.memberCount)}</td>
                  </>
                )}
                <td safe>{n.absent.length > 0 ? n.absent.join(', ') : j.noneAbsent}</td>
              </tr>
              {n.hiddenForViewer ? (
                ''
              ) : (
                <tr class="overview-details-row" data-details-of={String(n.id)}>
                  <td colspan="7">
                    <Details summary={j.detailsSummary(n.comments.length)} id={`comments-${n.id}`}>
                      <CommentList j={j} comments={n.comments.map((c) => ({ label: c.label, text: c.text }))} />
                    </Details>
                  </td>
                </tr>
              )}
            </>
          ))}
        </tbody>
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
      {data.members.map((m) => (
        <Details summary={`${m.label}: ${j.commentCount(m.comments.length)}`} id={`member-comments-${m.id}`} class="member-comments">
          <CommentList
            j={j}
            comments={m.comments.map((c) => ({ label: `${c.receiptNumber ?? ''} ${c.title || j.untitled}`.trim(), text: c.text, lang: 'da' }))}
          />
        </Details>
      ))}
    </>
  );
}

/** Comments as a list of who (or which nomination) and what; the text keeps its line breaks. */
function CommentList({ j, comments }: { j: JudgingTexts; comments: { label: string; text: string; lang?: string }[] }) {
  if (comments.length === 0)
    return (
      <p class="admin-empty" safe>
        {j.noComments}
      </p>
    );
  return (
    <dl class="answers-list mt-0">
      {comments.map((c) => (
        <>
          <dt lang={c.lang} safe>
            {c.label}
          </dt>
          <dd class="answer-text" safe>
            {c.text}
          </dd>
        </>
      ))}
    </dl>
  );
}
