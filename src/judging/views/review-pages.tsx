import { membersTexts } from '../../members/index.js';
import { shownToCommittee, type BlindHiddenField } from '../blind-review.js';
import {
  Alert,
  Button,
  type Crumb,
  errorFor,
  ErrorSummary,
  type FieldError,
  Hint,
  Label,
  Layout,
  LocalizedText,
  type PageContext,
  Paragraphs,
  pickText,
  Radios,
  Table,
  TextArea,
} from '../../platform/ui/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import { defaultStepWords, judgingTexts, type JudgingTexts } from '../i18n.js';
import type { MemberEditionOverview, ReviewPage } from '../review.service.js';
import { scoreLabels, type ReviewWindow, type ScorePermission } from '../review-rules.js';
import { judgingUrls as urls } from '../urls.js';
import { membersUrls } from '../../members/urls.js';

export const editionCrumbs = (ctx: PageContext, editionName: string, editionId: number, more: Crumb[] = []): Crumb[] => [
  { label: ctx.t.home, href: '/' },
  { label: membersTexts(ctx.locale).mine.title, href: membersUrls.myEditions() },
  ...(more.length > 0
    ? [{ label: judgingTexts(ctx.locale).listTitle(editionName), href: urls.review({ editionId }) }, ...more]
    : [{ label: judgingTexts(ctx.locale).listTitle(editionName) }]),
];

/** The accessible progress bar: a native <progress> with the count beside it in words. */
export function ProgressBar({ j, id, done, total, label }: { j: JudgingTexts; id: string; done: number; total: number; label: string }) {
  return (
    <div class="judging-progress">
      <Label id={id} label={label} />
      <div>
        <progress id={id} max={String(Math.max(total, 1))} value={String(done)} aria-describedby={`${id}-text`}></progress>{' '}
        <span id={`${id}-text`} class="judging-progress-text" safe>
          {j.progressText(done, total)}
        </span>
      </div>
    </div>
  );
}

/** The window's state in words, for the list and the review form. */
export function windowText(ctx: PageContext, j: JudgingTexts, open: ScorePermission, window: ReviewWindow | null): string {
  if (!window) return j.noTimeline;
  if (open.ok) return j.deadline(formatInstant(window.closesAt, ctx.locale));
  if (open.reason === 'not-started') return j.notStarted(formatInstant(window.startsAt, ctx.locale));
  if (open.reason === 'deadline-passed') return j.deadlinePassed(formatInstant(window.closesAt, ctx.locale));
  if (open.reason === 'closed-early' && window.closedEarlyAt) return j.closedEarly(formatInstant(window.closedEarlyAt, ctx.locale));
  return j.noTimeline;
}

/** The window's state; when the chair closed scoring early, a notice every member sees. */
function WindowState({ ctx, j, open, window }: { ctx: PageContext; j: JudgingTexts; open: ScorePermission; window: ReviewWindow | null }) {
  const text = windowText(ctx, j, open, window);
  if (!open.ok && open.reason === 'closed-early') return <Alert ctx={ctx} variant="info" id="review-closed-early" text={text} />;
  return <p safe>{text}</p>;
}

/** /bedoemmelse/udgaver/:editionId: the member's eligible nominations, their state and progress. */
export function MemberListPage({ ctx, page }: { ctx: PageContext; page: MemberEditionOverview }): JSX.Element {
  const j = judgingTexts(ctx.locale);
  const name = ctx.t.award.edition(page.edition.awardName, page.edition.year);
  const base = urls.review({ editionId: page.edition.id });
  return (
    <Layout ctx={ctx} title={j.listTitle(name)} breadcrumbs={editionCrumbs(ctx, name, page.edition.id)}>
      <h1 safe>{j.listTitle(name)}</h1>
      <p safe>{j.listIntro}</p>
      <WindowState ctx={ctx} j={j} open={page.open} window={page.window} />
      <ProgressBar j={j} id="review-progress" done={page.progress.done} total={page.progress.total} label={j.progressLabel} />
      <ul class="nobullet-list judging-links">
        <li>
          <a href={`${base}/oversigt`} safe>
            {j.overviewLink}
          </a>
        </li>
        <li>
          <a href={`${base}/dossier.pdf`} safe>
            {j.dossierLink}
          </a>
        </li>
        <li>
          <a href={`${base}/nominerede`} safe>
            {page.member.isChair ? j.shortlistLinkChair : j.shortlistLink}
          </a>
        </li>
      </ul>
      {page.nominations.length === 0 ? (
        <p safe>{j.none}</p>
      ) : (
        <Table compact label={j.tableLabel} id="review-list">
          <thead>
            <tr>
              <th scope="col" safe>
                {j.column.receipt}
              </th>
              <th scope="col" safe>
                {j.column.title}
              </th>
              <th scope="col" safe>
                {j.column.state}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.nominations.map((n) => (
              <tr>
                <td safe>{n.receiptNumber ?? ''}</td>
                <th scope="row">
                  <a href={`${base}/indstillinger/${n.id}`} lang="da" safe>
                    {n.title || j.untitled}
                  </a>
                </th>
                <td safe>{j.state[n.state]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Layout>
  );
}

export type ReviewFormState = {
  /** What was sent, per criterion id (after an error), else the saved scores. */
  values: Record<string, string>;
  comment: string;
  errors: FieldError[];
  /** A refusal shown above the form (deadline, not started, conflict). */
  refusal: string | null;
  notice: string | null;
  conflictReason: string;
};

/** /bedoemmelse/udgaver/:editionId/indstillinger/:nominationId: the dossier, the scores and the conflict declaration. */
export function ReviewFormPage({ ctx, csrf, page, form }: { ctx: PageContext; csrf: string; page: ReviewPage; form: ReviewFormState }): JSX.Element {
  const j = judgingTexts(ctx.locale);
  const { edition, nomination: n, criteria, sections } = page;
  const editionName = ctx.t.award.edition(edition.awardName, edition.year);
  const base = urls.review({ editionId: edition.id });
  const title = n.title || j.untitled;
  const receipt = n.receiptNumber ?? '';
  const blind = edition.blindReview;
  /** Blind review hides the same fields here as in the dossier PDF (blind-review.ts). */
  const show = (field: BlindHiddenField) => shownToCommittee(field, blind);
  const scale = { min: edition.scoreScaleMin, max: edition.scoreScaleMax };
  const labels = scoreLabels(scale, edition.scoreLabels, defaultStepWords(ctx.locale));
  const chosen = new Set(n.criterionIds);
  const claimed = criteria.filter((c) => chosen.has(c.id));
  const at = page.order.indexOf(n.id);
  const prev = at > 0 ? page.order[at - 1] : undefined;
  const next = at >= 0 && at < page.order.length - 1 ? page.order[at + 1] : undefined;
  const hasErrors = form.errors.length > 0 || form.refusal !== null;
  const open = page.permission.ok;
  const conflict = page.conflict;
  const inForce = conflict !== null && conflict.status !== 'dismissed';

  return (
    <Layout
      ctx={ctx}
      title={j.reviewTitle(receipt, title)}
      hasErrors={hasErrors}
      breadcrumbs={editionCrumbs(ctx, editionName, edition.id, [{ label: receipt }])}
    >
      <ErrorSummary ctx={ctx} errors={form.refusal ? [{ field: 'scores-heading', message: form.refusal }, ...form.errors] : form.errors} />
      {form.notice ? <Alert ctx={ctx} variant="success" live="status" text={form.notice} /> : ''}
      <p class="admin-kicker" safe>
        {`${receipt} · ${editionName}`}
      </p>
      <h1 lang="da" safe>
        {title}
      </h1>
      <nav aria-label={j.pagerLabel} class="judging-pager">
        <ul class="nobullet-list">
          <li>
            <a href={base} safe>
              {j.backToList}
            </a>
          </li>
          {prev !== undefined ? (
            <li>
              <a href={`${base}/indstillinger/${prev}`} rel="prev" safe>
                {j.previous}
              </a>
            </li>
          ) : (
            ''
          )}
          {next !== undefined ? (
            <li>
              <a href={`${base}/indstillinger/${next}`} rel="next" safe>
                {j.next}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </nav>

      <h2 safe>{j.dossier}</h2>
      {blind ? <Alert ctx={ctx} variant="info" text={j.blindNotice} /> : ''}
      <dl class="admin-facts" id="dossier-facts">
        {show('nomineeNames') ? <Fact label={j.nominee} value={n.nomineeNames} lang="da" /> : ''}
        {show('nomineeKind') ? <Fact label={j.nomineeKindLabel} value={n.nomineeKind ? (j.kind[n.nomineeKind] ?? '') : ''} /> : ''}
        {show('nomineeUnit') ? <Fact label={j.unit} value={n.nomineeUnit} lang="da" /> : ''}
        <Fact label={j.organisation} value={n.nomineeOrganisation} lang="da" />
        {show('nominatorName') ? (
          <Fact label={j.nominator} value={[n.nominatorName, n.nominatorWorkplace].filter((s) => s.trim() !== '').join(', ')} lang="da" />
        ) : (
          ''
        )}
      </dl>
      <h3 class="h5" safe>
        {j.summary}
      </h3>
      {n.summary.trim() ? <Paragraphs text={n.summary} lang="da" /> : <p safe>{j.notAnswered}</p>}
      {claimed.length > 0 ? (
        <>
          <h3 class="h5" safe>
            {j.claimedCriteria}
          </h3>
          <ul>
            {claimed.map((c) => (
              <li>
                <LocalizedText ctx={ctx} da={c.title} en={c.titleEn} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {sections.map((s) => {
        const answer = n.answers[String(s.id)] ?? '';
        return (
          <section aria-labelledby={`section-${s.id}`}>
            <h3 id={`section-${s.id}`} class="h4">
              <LocalizedText ctx={ctx} da={s.heading} en={s.headingEn} />
            </h3>
            {answer.trim() ? <Paragraphs text={answer} lang="da" /> : <p safe>{j.notAnswered}</p>}
          </section>
        );
      })}

      <section aria-labelledby="scores-heading" class="judging-scores">
        <h2 id="scores-heading" tabindex="-1" safe>
          {j.scoresHeading}
        </h2>
        <WindowState ctx={ctx} j={j} open={page.open} window={page.window} />
        {inForce ? (
          <p safe>{j.conflictInForce}</p>
        ) : (
          <form method="post" action={`${base}/indstillinger/${n.id}`} novalidate data-review-form>
            <CsrfField token={csrf} />
            <Hint block text={j.scaleHint(scale.min, scale.max)} />
            {criteria.some((c) => pickText(ctx.locale, c.title, c.titleEn).fallback || pickText(ctx.locale, c.description, c.descriptionEn).fallback) ? (
              <p safe>{ctx.t.ui.someInDanish}</p>
            ) : (
              ''
            )}
            {criteria.map((c) => {
              const id = `score-${c.id}`;
              const value = form.values[String(c.id)] ?? '';
              // An English page shows the English title and description where given; a Danish one standing in is marked lang="da".
              const title = pickText(ctx.locale, c.title, c.titleEn);
              const description = pickText(ctx.locale, c.description, c.descriptionEn);
              return (
                <Radios
                  ctx={ctx}
                  id={id}
                  name={`point-${c.id}`}
                  legend={title.text}
                  legendLang={title.fallback ? 'da' : undefined}
                  hint={description.text}
                  hintLang={description.fallback ? 'da' : undefined}
                  error={errorFor(form.errors, `${id}-${scale.min}`)}
                  value={value}
                  disabled={!open}
                  options={[
                    ...labels.map((label, i) => ({ id: `${id}-${scale.min + i}`, value: String(scale.min + i), label })),
                    { id: `${id}-none`, value: '', label: j.noScore },
                  ]}
                />
              );
            })}
            <TextArea
              ctx={ctx}
              id="comment"
              name="kommentar"
              label={j.comment}
              hint={j.commentHint}
              value={form.comment}
              error={errorFor(form.errors, 'comment')}
              rows={5}
              disabled={!open}
            />
            {page.review ? <Hint block text={j.lastSaved(formatInstant(page.review.updatedAt, ctx.locale))} /> : ''}
            {open ? <Button variant="primary" text={j.save} /> : ''}
          </form>
        )}
      </section>

      <ConflictSection ctx={ctx} j={j} csrf={csrf} page={page} form={form} />
    </Layout>
  );
}

function ConflictSection({ ctx, j, csrf, page, form }: { ctx: PageContext; j: JudgingTexts; csrf: string; page: ReviewPage; form: ReviewFormState }) {
  const c = page.conflict;
  const action = urls.conflict({ editionId: page.edition.id, nominationId: page.nomination.id });
  const closed = !page.open.ok && page.open.reason !== 'not-started';
  const reasonError = errorFor(form.errors, 'conflict-reason');
  return (
    <section aria-labelledby="conflict-heading" class="judging-conflict">
      <h2 id="conflict-heading" safe>
        {c && c.status === 'pending' ? j.flagHeading : j.conflictHeading}
      </h2>
      {c && c.status === 'pending' ? (
        <>
          <p id="conflict-flag">{c.flag ? j.flag[c.flag] : ''}</p>
          <p safe>{j.flagIntro}</p>
          {closed ? (
            ''
          ) : (
            <form method="post" action={action}>
              <CsrfField token={csrf} />
              <Button variant="secondary" name="handling" value="bekraeft" text={j.flagConfirm} />{' '}
              <Button variant="secondary" name="handling" value="afvis" text={j.flagDismiss} />
            </form>
          )}
        </>
      ) : c && c.status === 'confirmed' ? (
        <p id="conflict-state" safe>
          {c.origin === 'declared' ? j.conflictDeclared(c.reason) : j.conflictConfirmedFlag}
        </p>
      ) : (
        <>
          {c && c.status === 'dismissed' ? <p safe>{j.flagDismissedNotice}</p> : ''}
          <p safe>{j.conflictIntro}</p>
          {closed ? (
            ''
          ) : (
            <form method="post" action={action} novalidate>
              <CsrfField token={csrf} />
              <input type="hidden" name="handling" value="erklaer" />
              <TextArea
                ctx={ctx}
                id="conflict-reason"
                name="begrundelse"
                label={j.conflictReason}
                hint={j.conflictReasonHint}
                value={form.conflictReason}
                error={reasonError}
                rows={3}
              />
              <Button variant="secondary" text={j.conflictDeclare} />
            </form>
          )}
        </>
      )}
    </section>
  );
}

function Fact({ label, value, lang }: { label: string; value: string; lang?: string }) {
  return (
    <div class="admin-fact">
      <dt safe>{label}</dt>
      <dd lang={lang} safe>
        {value || '–'}
      </dd>
    </div>
  );
}
