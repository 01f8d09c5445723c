import { membersTexts } from '../../members/index.js';
import { CsrfField } from '../../platform/csrf.js';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  type Crumb,
  ErrorSummary,
  type FieldError,
  Layout,
  type PageContext,
  Paragraphs,
  Select,
} from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { PLACE_FIELD, type BallotProblem } from '../ballot.js';
import type { BallotPage } from '../ballot.service.js';
import { panelTexts, type PanelTexts } from '../i18n.js';
import type { NomineeRow } from '../panel.repo.js';
import { panelUrls as urls } from '../urls.js';
import { membersUrls } from '../../members/urls.js';

// The patient panel's pages: very plain, large, one column, working on a phone and without
// JavaScript. One "placering" select per nominee, "Tjek din rangering", then a receipt.

const editionName = (ctx: PageContext, page: BallotPage) => ctx.t.award.edition(page.edition.awardName, page.edition.year);

function crumbs(ctx: PageContext, page: BallotPage, last: string): Crumb[] {
  const m = membersTexts(ctx.locale);
  return [
    { label: ctx.t.home, href: '/' },
    { label: m.mineAccount, href: '/min-side' },
    { label: m.mine.title, href: membersUrls.myEditions() },
    { label: editionName(ctx, page), href: membersUrls.myEdition({ editionId: page.edition.id }) },
    { label: last },
  ];
}

export const titleOf = (p: PanelTexts, n: { title: string }) => n.title.trim() || p.ballot.untitled;

/** The messages of a ballot's problems, each linked to the select it is about. */
export function ballotErrors(p: PanelTexts, nominees: NomineeRow[], problems: BallotProblem[]): FieldError[] {
  const n = nominees.length;
  const title = (id: number) => titleOf(p, nominees.find((x) => x.id === id) ?? { title: '' });
  return problems.map((pr) => {
    if (pr.code === 'unknown') return { field: `place-${nominees[0]?.id ?? 0}`, message: p.errors.unknown };
    const field = `place-${pr.nominationId}`;
    if (pr.code === 'missing') return { field, message: p.errors.missing(title(pr.nominationId)) };
    if (pr.code === 'bad-place') return { field, message: p.errors.badPlace(n, title(pr.nominationId)) };
    return { field, message: p.errors.duplicate(pr.place, title(pr.nominationId)) };
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
        <ButtonLink variant="secondary" href={membersUrls.myEdition({ editionId: page.edition.id })} text={p.receipt.backLink} />
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
      <Select
        ctx={ctx}
        id={id}
        name={`${PLACE_FIELD}${nominee.id}`}
        label={p.ballot.placeLabel(titleOf(p, nominee))}
        value={value}
        error={error}
        data={{ 'data-place-index': String(index) }}
        options={[
          { value: '', label: p.ballot.choosePlace },
          ...Array.from({ length: count }, (_, i) => i + 1).map((place) => ({ value: String(place), label: p.ballot.placeOption(place, count) })),
        ]}
      />
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
  errors: FieldError[];
}): JSX.Element {
  const p = panelTexts(ctx.locale);
  const n = page.nominees.length;
  const closesAt = page.window.state === 'open' ? page.window.closesAt : null;
  const errorFor = (id: number) => errors.find((e) => e.field === `place-${id}`)?.message;
  return (
    <Layout ctx={ctx} title={p.ballot.title} hasErrors={errors.length > 0} breadcrumbs={crumbs(ctx, page, p.ballot.title)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{p.ballot.title}</h1>
      <p class="font-lead" safe>
        {p.ballot.intro(n)}
      </p>
      <p class="font-lead">
        <strong safe>{p.ballot.uniqueRule}</strong>
      </p>
      {closesAt ? (
        page.mine ? (
          <Alert ctx={ctx} variant="info" text={p.ballot.alreadyVoted(formatInstant(closesAt, ctx.locale))} />
        ) : (
          <p class="font-lead" safe>
            {p.ballot.deadline(formatInstant(closesAt, ctx.locale))}
          </p>
        )
      ) : (
        ''
      )}
      <form method="post" action={urls.ballotCheck({ editionId: page.edition.id })} novalidate class="panel-ballot">
        <CsrfField token={csrf} />
        {page.nominees.map((nominee, i) => (
          <Nominee ctx={ctx} p={p} nominee={nominee} index={i} count={n} value={places[nominee.id] ?? ''} error={errorFor(nominee.id)} />
        ))}
        <ButtonGroup>
          <Button variant="primary" text={p.ballot.checkButton} />
        </ButtonGroup>
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
      <ButtonGroup>
        <form method="post" action={urls.vote({ editionId: page.edition.id })}>
          <CsrfField token={csrf} />
          <RankingFields ranking={ranking} />
          <Button variant="primary" text={p.check.castButton} />
        </form>
        <form method="post" action={urls.ballotCheck({ editionId: page.edition.id })}>
          <CsrfField token={csrf} />
          <RankingFields ranking={ranking} />
          <input type="hidden" name="handling" value="ret" />
          <Button variant="secondary" text={p.check.changeButton} />
        </form>
      </ButtonGroup>
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
      {/* The heading alone when there is nothing more to say (never the heading twice). */}
      <Alert
        ctx={ctx}
        variant="success"
        live="status"
        heading={p.receipt.title}
        headingLevel="h1"
        headingClass="h2"
        text={open && closesAt ? p.receipt.changeUntil(fmt(closesAt)) : closesAt ? p.state.closed(fmt(closesAt)) : undefined}
      />
      <p class="font-lead" safe>
        {p.receipt.saved}
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
      <ButtonGroup>
        {open ? <ButtonLink variant="secondary" href={urls.ballot({ editionId: page.edition.id })} text={p.receipt.changeLink} /> : ''}
        <ButtonLink variant="tertiary" href={membersUrls.myEdition({ editionId: page.edition.id })} text={p.receipt.backLink} />
      </ButtonGroup>
    </Layout>
  );
}
