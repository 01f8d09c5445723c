import { membersTexts } from '../../members/index.js';
import { Alert, Layout, type Crumb, type PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import { ErrorSummary, FieldError, Paragraphs, errorOf, type FieldErrors } from '../../platform/ui/admin-parts.js';
import { defaultStepWords, judgingTexts, type JudgingTexts } from '../i18n.js';
import type { MemberEditionOverview, ReviewPage } from '../review.service.js';
import { scoreLabels, type ScorePermission } from '../review-rules.js';

export const editionCrumbs = (ctx: PageContext, editionName: string, editionId: number, more: Crumb[] = []): Crumb[] => [
  { label: ctx.t.home, href: '/' },
  { label: membersTexts(ctx.locale).mine.title, href: '/mine-udgaver' },
  ...(more.length > 0
    ? [{ label: judgingTexts(ctx.locale).listTitle(editionName), href: `/bedoemmelse/udgaver/${editionId}` }, ...more]
    : [{ label: judgingTexts(ctx.locale).listTitle(editionName) }]),
];

/** The accessible progress bar: a native <progress> with the count beside it in words. */
export function ProgressBar({ j, id, done, total, label }: { j: JudgingTexts; id: string; done: number; total: number; label: string }) {
  return (
    <div class="judging-progress">
      <label class="form-label" for={id} safe>
        {label}
      </label>
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
function windowText(ctx: PageContext, j: JudgingTexts, open: ScorePermission, window: { startsAt: Date; closesAt: Date } | null): string {
  if (!window) return j.noTimeline;
  if (open.ok) return j.deadline(formatInstant(window.closesAt, ctx.locale));
  if (open.reason === 'not-started') return j.notStarted(formatInstant(window.startsAt, ctx.locale));
  if (open.reason === 'deadline-passed') return j.deadlinePassed(formatInstant(window.closesAt, ctx.locale));
  return j.noTimeline;
}

/** /bedoemmelse/udgaver/:editionId: the member's eligible nominations, their state and progress. */
export function MemberListPage({ ctx, page }: { ctx: PageContext; page: MemberEditionOverview }): JSX.Element {
  const j = judgingTexts(ctx.locale);
  const name = ctx.t.award.edition(page.edition.awardName, page.edition.year);
  const base = `/bedoemmelse/udgaver/${page.edition.id}`;
  return (
    <Layout ctx={ctx} title={j.listTitle(name)} breadcrumbs={editionCrumbs(ctx, name, page.edition.id)}>
      <h1 safe>{j.listTitle(name)}</h1>
      <p safe>{j.listIntro}</p>
      <p safe>{windowText(ctx, j, page.open, page.window)}</p>
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
        <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={j.tableLabel}>
          <table class="table table--compact" id="review-list">
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
          </table>
        </div>
      )}
    </Layout>
  );
}

export type ReviewFormState = {
  /** What was sent, per criterion id (after an error), else the saved scores. */
  values: Record<string, string>;
  comment: string;
  errors: FieldErrors;
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
  const base = `/bedoemmelse/udgaver/${edition.id}`;
  const title = n.title || j.untitled;
  const receipt = n.receiptNumber ?? '';
  const blind = edition.blindReview;
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
      <ErrorSummary ctx={ctx} errors={form.refusal ? [{ field: 'refusal', target: 'scores-heading', message: form.refusal }, ...form.errors] : form.errors} />
      {form.notice ? (
        <Alert variant="success">
          <p safe>{form.notice}</p>
        </Alert>
      ) : (
        ''
      )}
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
      {blind ? (
        <Alert variant="info">
          <p safe>{j.blindNotice}</p>
        </Alert>
      ) : (
        ''
      )}
      <dl class="admin-facts" id="dossier-facts">
        {blind ? '' : <Fact label={j.nominee} value={n.nomineeNames} lang="da" />}
        <Fact label={j.nomineeKindLabel} value={n.nomineeKind ? (j.kind[n.nomineeKind] ?? '') : ''} />
        <Fact label={j.unit} value={n.nomineeUnit} lang="da" />
        <Fact label={j.organisation} value={n.nomineeOrganisation} lang="da" />
        {blind ? '' : <Fact label={j.nominator} value={[n.nominatorName, n.nominatorWorkplace].filter((s) => s.trim() !== '').join(', ')} lang="da" />}
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
              <li safe>{c.title}</li>
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
            <h3 id={`section-${s.id}`} class="h4" safe>
              {s.heading}
            </h3>
            {answer.trim() ? <Paragraphs text={answer} lang="da" /> : <p safe>{j.notAnswered}</p>}
          </section>
        );
      })}

      <section aria-labelledby="scores-heading" class="judging-scores">
        <h2 id="scores-heading" tabindex="-1" safe>
          {j.scoresHeading}
        </h2>
        <p safe>{windowText(ctx, j, page.open, page.window)}</p>
        {inForce ? (
          <p safe>{j.conflictInForce}</p>
        ) : (
          <form method="post" action={`${base}/indstillinger/${n.id}`} novalidate data-review-form>
            <CsrfField token={csrf} />
            <p class="form-hint" safe>
              {j.scaleHint(scale.min, scale.max)}
            </p>
            {criteria.map((c) => {
              const id = `score-${c.id}`;
              const err = errorOf(form.errors, id);
              const value = form.values[String(c.id)] ?? '';
              return (
                <div class={`form-group${err ? ' form-error' : ''}`}>
                  <fieldset aria-describedby={err ? `${id}-hint ${id}-error` : `${id}-hint`}>
                    <legend class="form-label" safe>
                      {c.title}
                    </legend>
                    <span class="form-hint" id={`${id}-hint`} safe>
                      {c.description}
                    </span>
                    <FieldError ctx={ctx} id={id} message={err} />
                    {labels.map((label, i) => {
                      const v = String(scale.min + i);
                      return (
                        <div class="form-group-radio">
                          <input type="radio" id={`${id}-${v}`} name={`point-${c.id}`} value={v} class="form-radio" checked={value === v} disabled={!open} />
                          <label class="form-label" for={`${id}-${v}`} safe>
                            {label}
                          </label>
                        </div>
                      );
                    })}
                    <div class="form-group-radio">
                      <input type="radio" id={`${id}-none`} name={`point-${c.id}`} value="" class="form-radio" checked={value === ''} disabled={!open} />
                      <label class="form-label" for={`${id}-none`} safe>
                        {j.noScore}
                      </label>
                    </div>
                  </fieldset>
                </div>
              );
            })}
            <div class={`form-group${errorOf(form.errors, 'comment') ? ' form-error' : ''}`}>
              <label class="form-label" for="comment" safe>
                {j.comment}
              </label>
              <span class="form-hint" id="comment-hint" safe>
                {j.commentHint}
              </span>
              <FieldError ctx={ctx} id="comment" message={errorOf(form.errors, 'comment')} />
              <textarea
                class="form-input"
                id="comment"
                name="kommentar"
                rows="5"
                disabled={!open}
                aria-describedby={errorOf(form.errors, 'comment') ? 'comment-hint comment-error' : 'comment-hint'}
                safe
              >
                {form.comment}
              </textarea>
            </div>
            {page.review ? (
              <p class="form-hint" safe>
                {j.lastSaved(formatInstant(page.review.updatedAt, ctx.locale))}
              </p>
            ) : (
              ''
            )}
            {open ? (
              <button type="submit" class="button button-primary" safe>
                {j.save}
              </button>
            ) : (
              ''
            )}
          </form>
        )}
      </section>

      <ConflictSection ctx={ctx} j={j} csrf={csrf} page={page} form={form} />
    </Layout>
  );
}

function ConflictSection({ ctx, j, csrf, page, form }: { ctx: PageContext; j: JudgingTexts; csrf: string; page: ReviewPage; form: ReviewFormState }) {
  const c = page.conflict;
  const action = `/bedoemmelse/udgaver/${page.edition.id}/indstillinger/${page.nomination.id}/inhabilitet`;
  const closed = !page.open.ok && page.open.reason !== 'not-started';
  const reasonError = errorOf(form.errors, 'conflict-reason');
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
              <button type="submit" name="handling" value="bekraeft" class="button button-secondary" safe>
                {j.flagConfirm}
              </button>{' '}
              <button type="submit" name="handling" value="afvis" class="button button-secondary" safe>
                {j.flagDismiss}
              </button>
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
              <div class={`form-group${reasonError ? ' form-error' : ''}`}>
                <label class="form-label" for="conflict-reason" safe>
                  {j.conflictReason}
                </label>
                <span class="form-hint" id="conflict-reason-hint" safe>
                  {j.conflictReasonHint}
                </span>
                <FieldError ctx={ctx} id="conflict-reason" message={reasonError} />
                <textarea
                  class="form-input"
                  id="conflict-reason"
                  name="begrundelse"
                  rows="3"
                  aria-describedby={reasonError ? 'conflict-reason-hint conflict-reason-error' : 'conflict-reason-hint'}
                  safe
                >
                  {form.conflictReason}
                </textarea>
              </div>
              <button type="submit" class="button button-secondary" safe>
                {j.conflictDeclare}
              </button>
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
