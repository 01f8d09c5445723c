import { membersTexts } from '../../members/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { Alert, Layout, type Crumb, type PageContext } from '../../platform/layout.js';
import { formatInstant } from '../../platform/time.js';
import { ErrorSummary, type ErrorLink } from '../../nominations/views/form-parts.js';
import { Paragraphs } from '../../platform/ui/admin-parts.js';
import { PLACE_FIELD, type BallotProblem } from '../ballot.js';
import type { BallotPage } from '../ballot.service.js';
import { panelTexts, type PanelTexts } from '../i18n.js';
import type { NomineeRow } from '../panel.repo.js';

// The patient panel's pages: very plain, large, one column, working on a phone and without
// JavaScript. One "placering" select per nominee, "Tjek din rangering", then a receipt.

const editionName = (ctx: PageContext, page: BallotPage) => ctx.t.award.edition(page.edition.awardName, page.edition.year);

function crumbs(ctx: PageContext, page: BallotPage, last: string): Crumb[] {
  const m = membersTexts(ctx.locale);
  return [
    { label: ctx.t.home, href: '/' },
    { label: m.mineAccount, href: '/min-side' },
    { label: m.mine.title, href: '/mine-udgaver' },
    { label: editionName(ctx, page), href: `/mine-udgaver/${page.edition.id}` },
    { label: last },
  ];
}

export const titleOf = (p: PanelTexts, n: { title: string }) => n.title.trim() || p.ballot.untitled;

/** The messages of a ballot's problems, each linked to the select it is about. */
export function ballotErrors(p: PanelTexts, nominees: NomineeRow[], problems: BallotProblem[]): ErrorLink[] {
  const n = nominees.length;
  const title = (id: number) => titleOf(p, nominees.find((x) => x.id === id) ?? { title: '' });
  return problems.map((pr) => {
    if (pr.code === 'unknown') return { field: `place-${nominees[0]?.id ?? 0}`, text: p.errors.unknown };
    const field = `place-${pr.nominationId}`;
    if (pr.code === 'missing') return { field, text: p.errors.missing(title(pr.nominationId)) };
    if (pr.code === 'bad-place') return { field, text: p.errors.badPlace(n, title(pr.nominationId)) };
    return { field, text: p.errors.duplicate(pr.place, title(pr.nominationId)) };
  });
}

/** A notice page in the panel's frame: not open yet, closed, no nominees, no panel. */
export function PanelMessagePage({
  ctx,
  page,
  title,
  body,
  extra,
}: {
  ctx: PageContext;
  page: BallotPage;
  title: string;
  body: string;
  extra?: string;
}): JSX.Element {
  const p = panelTexts(ctx.locale);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, page, p.ballot.title)}>
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {body}
      </p>
      {extra ? (
        <p class="font-lead" safe>
          {extra}
        </p>
      ) : (
        ''
      )}
      <p>
        <a href={`/mine-udgaver/${page.edition.id}`} class="button button-secondary" safe>
          {p.receipt.backLink}
        </a>
      </p>
    </Layout>
  );
}

function Nominee({
  ctx,
  p,
  nominee,
  index,
  count,
  value,
  error,
}: {
  ctx: PageContext;
  p: PanelTexts;
  nominee: NomineeRow;
  index: number;
  count: number;
  value: string;
  error: string | undefined;
}) {
  const id = `place-${nominee.id}`;
  const headingId = `nominee-${nominee.id}-heading`;
  const who = p.ballot.nomineeOf(nominee.nomineeUnit, nominee.nomineeOrganisation);
  return (
    <section class="panel-nominee" aria-labelledby={headingId}>
      <h2 id={headingId} lang="da" safe>
        {titleOf(p, nominee)}
      </h2>
      {who ? (
        <p class="panel-nominee-who" lang="da" safe>
          {who}
        </p>
      ) : (
        ''
      )}
      {nominee.summary ? (
        <div class="panel-summary font-lead">
          <Paragraphs text={nominee.summary} lang="da" />
        </div>
      ) : (
        <p safe>{p.ballot.noSummary}</p>
      )}
      <div class={error ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={id} safe>
          {p.ballot.placeLabel(titleOf(p, nominee))}
        </label>
        {error ? (
          <span class="form-error-message" id={`${id}-error`}>
            <span class="sr-only" safe>{`${ctx.t.admin.errorPrefix} `}</span>
            <span safe>{error}</span>
          </span>
        ) : (
          ''
        )}
        <select
          class="form-select"
          id={id}
          name={`${PLACE_FIELD}${nominee.id}`}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-place-index={String(index)}
        >
          <option value="" selected={value === ''} safe>
            {p.ballot.choosePlace}
          </option>
          {Array.from({ length: count }, (_, i) => i + 1).map((place) => (
            <option value={String(place)} selected={value === String(place)} safe>
              {p.ballot.placeOption(place, count)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

/** /panel/udgaver/:editionId: the ballot form (also shown again with errors, or to correct it). */
export function BallotFormPage({
  ctx,
  csrf,
  page,
  places,
  errors,
}: {
  ctx: PageContext;
  csrf: string;
  page: BallotPage;
  places: Record<number, string>;
  errors: ErrorLink[];
}): JSX.Element {
  const p = panelTexts(ctx.locale);
  const n = page.nominees.length;
  const closesAt = page.window.state === 'open' ? page.window.closesAt : null;
  const errorFor = (id: number) => errors.find((e) => e.field === `place-${id}`)?.text;
  return (
    <Layout ctx={ctx} title={p.ballot.title} hasErrors={errors.length > 0} breadcrumbs={crumbs(ctx, page, p.ballot.title)}>
      <ErrorSummary heading={p.ballot.errorSummaryHeading} errors={errors} />
      <h1 safe>{p.ballot.title}</h1>
      <p class="font-lead" safe>
        {p.ballot.intro(n)}
      </p>
      <p class="font-lead">
        <strong safe>{p.ballot.uniqueRule}</strong>
      </p>
      {closesAt ? (
        page.mine ? (
          <Alert variant="info">
            <p safe>{p.ballot.alreadyVoted(formatInstant(closesAt, ctx.locale))}</p>
          </Alert>
        ) : (
          <p class="font-lead" safe>
            {p.ballot.deadline(formatInstant(closesAt, ctx.locale))}
          </p>
        )
      ) : (
        ''
      )}
      <form method="post" action={`/panel/udgaver/${page.edition.id}/tjek`} novalidate class="panel-ballot">
        <CsrfField token={csrf} />
        {page.nominees.map((nominee, i) => (
          <Nominee ctx={ctx} p={p} nominee={nominee} index={i} count={n} value={places[nominee.id] ?? ''} error={errorFor(nominee.id)} />
        ))}
        <div class="button-row">
          <button type="submit" class="button button-primary" safe>
            {p.ballot.checkButton}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The hidden fields that carry a ranking from the check page to the next step. */
function RankingFields({ ranking }: { ranking: number[] }) {
  return (
    <>
      {ranking.map((id, i) => (
        <input type="hidden" name={`${PLACE_FIELD}${id}`} value={String(i + 1)} />
      ))}
    </>
  );
}

function RankingList({ p, page, ranking, id }: { p: PanelTexts; page: BallotPage; ranking: number[]; id: string }) {
  return (
    <ol class="panel-ranking font-lead" id={id}>
      {ranking.map((nid) => (
        <li lang="da" safe>
          {titleOf(p, page.nominees.find((x) => x.id === nid) ?? { title: '' })}
        </li>
      ))}
    </ol>
  );
}

/** POST /panel/udgaver/:editionId/tjek: "Tjek din rangering" before the ballot is cast. */
export function BallotCheckPage({ ctx, csrf, page, ranking }: { ctx: PageContext; csrf: string; page: BallotPage; ranking: number[] }): JSX.Element {
  const p = panelTexts(ctx.locale);
  const closesAt = page.window.state === 'open' ? page.window.closesAt : null;
  return (
    <Layout ctx={ctx} title={p.check.title} breadcrumbs={crumbs(ctx, page, p.check.title)}>
      <h1 safe>{p.check.title}</h1>
      <p class="font-lead" safe>
        {p.check.intro}
      </p>
      <RankingList p={p} page={page} ranking={ranking} id="checked-ranking" />
      <p class="font-lead" safe>
        {p.check.question}
      </p>
      {closesAt ? (
        <p class="font-lead" safe>
          {p.ballot.deadline(formatInstant(closesAt, ctx.locale))}
        </p>
      ) : (
        ''
      )}
      <div class="button-row">
        <form method="post" action={`/panel/udgaver/${page.edition.id}/stem`}>
          <CsrfField token={csrf} />
          <RankingFields ranking={ranking} />
          <button type="submit" class="button button-primary" safe>
            {p.check.castButton}
          </button>
        </form>
        <form method="post" action={`/panel/udgaver/${page.edition.id}/tjek`}>
          <CsrfField token={csrf} />
          <RankingFields ranking={ranking} />
          <input type="hidden" name="handling" value="ret" />
          <button type="submit" class="button button-secondary" safe>
            {p.check.changeButton}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** GET /panel/udgaver/:editionId/kvittering: the member's receipt, with their own ranking. */
export function BallotReceiptPage({ ctx, page }: { ctx: PageContext; page: BallotPage & { mine: NonNullable<BallotPage['mine']> } }): JSX.Element {
  const p = panelTexts(ctx.locale);
  const open = page.window.state === 'open';
  const closesAt = page.window.state === 'open' || page.window.state === 'closed' ? page.window.closesAt : null;
  const fmt = (d: Date) => formatInstant(d, ctx.locale);
  return (
    <Layout ctx={ctx} title={p.receipt.title} breadcrumbs={crumbs(ctx, page, p.receipt.title)}>
      <div class="alert alert-success" role="status">
        <div class="alert-body">
          <h1 class="alert-heading h2" safe>
            {p.receipt.title}
          </h1>
          <p class="alert-text font-lead" safe>
            {open && closesAt ? p.receipt.changeUntil(fmt(closesAt)) : closesAt ? p.state.closed(fmt(closesAt)) : p.receipt.title}
          </p>
        </div>
      </div>
      <p class="font-lead" safe>
        {p.receipt.saved(fmt(page.mine.castAt))}
      </p>
      <h2 safe>{p.receipt.yourRanking}</h2>
      <RankingList p={p} page={page} ranking={page.mine.ranking} id="my-ranking" />
      <h2 safe>{p.receipt.nextHeading}</h2>
      <p class="font-lead" safe>
        {p.receipt.next}
      </p>
      {page.edition.winnerAnnouncedAt ? (
        <p class="font-lead" safe>
          {p.receipt.announced(fmt(page.edition.winnerAnnouncedAt))}
        </p>
      ) : (
        ''
      )}
      <div class="button-row">
        {open ? (
          <a href={`/panel/udgaver/${page.edition.id}`} class="button button-secondary" safe>
            {p.receipt.changeLink}
          </a>
        ) : (
          ''
        )}
        <a href={`/mine-udgaver/${page.edition.id}`} class="button button-tertiary" safe>
          {p.receipt.backLink}
        </a>
      </div>
    </Layout>
  );
}
