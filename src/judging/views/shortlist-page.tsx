import { Alert, Button, Checkbox, Checkboxes, errorFor, ErrorSummary, type FieldError, Layout, type PageContext } from '../../platform/ui/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import { judgingTexts, ruleText } from '../i18n.js';
import { sortNominations } from '../overview.service.js';
import type { ShortlistPageData } from '../shortlist.service.js';
import { editionCrumbs } from './review-pages.js';
import { judgingUrls as urls } from '../urls.js';

export type ShortlistForm = {
  chosen: number[] | null;
  errors: FieldError[];
  saved: boolean;
  /** Set right after the chair closed scoring early: how many members were told. */
  closedNotified?: number | null;
};

/** /bedoemmelse/udgaver/:editionId/nominerede: the recorded nominees; the chair's form to record them. */
export function ShortlistPage({
  ctx,
  csrf,
  data,
  isChair,
  form,
}: {
  ctx: PageContext;
  csrf: string;
  data: ShortlistPageData;
  isChair: boolean;
  form: ShortlistForm;
}): JSX.Element {
  const j = judgingTexts(ctx.locale);
  const o = data.overview;
  const name = ctx.t.award.edition(o.awardName, o.year);
  const title = j.shortlistTitle(name);
  const byId = new Map(o.nominations.map((n) => [n.id, n]));
  const chosen = new Set(form.chosen ?? data.shortlist?.nominationIds ?? []);
  const rule = ruleText(j, data.rule.min, data.rule.max);
  const rank = (v: number | null) => (v === null ? '–' : String(v));
  // Each message links to its field; a refusal whose field is not on the page (the state changed) leads to the recorded list.
  const closeFormShown = !data.locked && !data.timing.ok && isChair && data.closable && data.window !== null;
  const listFormShown = !data.locked && data.timing.ok && isChair && o.nominations.length > 0;
  const errors = form.errors.map((e) =>
    (e.field === 'close-confirm' && closeFormShown) || (e.field === 'nominees' && listFormShown) ? e : { ...e, field: 'shortlist-current' },
  );
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} breadcrumbs={editionCrumbs(ctx, name, o.editionId, [{ label: title }])}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {form.saved ? <Alert ctx={ctx} variant="success" live="status" text={j.shortlistSaved} /> : ''}
      {form.closedNotified != null ? <Alert ctx={ctx} variant="success" live="status" text={j.closeSaved(form.closedNotified)} /> : ''}
      <h1 safe>{title}</h1>
      <p safe>{j.shortlistIntro}</p>
      {data.window?.closedEarlyAt ? (
        <p id="review-closed-early" safe>
          {j.closedEarly(formatInstant(data.window.closedEarlyAt, ctx.locale))}
        </p>
      ) : (
        ''
      )}
      <h2 id="shortlist-current" tabindex="-1" safe>
        {j.shortlistCurrent}
      </h2>
      {data.shortlist ? (
        <>
          <ol id="shortlist">
            {data.shortlist.nominationIds.map((id) => {
              const n = byId.get(id);
              return (
                <li lang="da" safe>
                  {n ? `${n.receiptNumber ?? ''} ${n.title || j.untitled}`.trim() : String(id)}
                </li>
              );
            })}
          </ol>
          <p safe>{j.shortlistDecided(data.shortlist.decidedBy ?? '–', formatInstant(data.shortlist.decidedAt, ctx.locale))}</p>
        </>
      ) : (
        <p safe>{j.shortlistNone}</p>
      )}
      {data.locked ? (
        <Alert ctx={ctx} variant="warning" id="shortlist-locked" text={j.shortlistLocked} />
      ) : !data.timing.ok ? (
        <>
          <Alert
            ctx={ctx}
            variant="info"
            id="shortlist-waits"
            text={
              data.timing.reason === 'no-timeline' || !data.window ? j.shortlistNoTimeline : j.shortlistWaits(formatInstant(data.window.closesAt, ctx.locale))
            }
          />
          {isChair && data.closable && data.window ? (
            <section aria-labelledby="close-heading">
              <h2 id="close-heading" safe>
                {j.closeHeading}
              </h2>
              <p safe>{j.closeIntro(formatInstant(data.window.closesAt, ctx.locale))}</p>
              <form method="post" action={urls.closeReview({ editionId: o.editionId })} novalidate>
                <CsrfField token={csrf} />
                <Checkbox
                  ctx={ctx}
                  id="close-confirm"
                  name="bekraeft"
                  label={j.closeConfirm}
                  hint={j.closeConfirmHint}
                  checked={false}
                  error={errorFor(errors, 'close-confirm')}
                />
                <Button variant="secondary" text={j.closeButton} />
              </form>
            </section>
          ) : (
            ''
          )}
        </>
      ) : !isChair ? (
        <p safe>{j.shortlistChairOnly}</p>
      ) : o.nominations.length === 0 ? (
        <p safe>{j.none}</p>
      ) : (
        <form method="post" action={urls.shortlist({ editionId: o.editionId })} novalidate>
          <CsrfField token={csrf} />
          <Checkboxes
            ctx={ctx}
            id="nominees"
            name="nominerede"
            legend={j.shortlistLegend}
            hint={`${j.shortlistRule(rule)} ${j.shortlistHint}`}
            error={errorFor(errors, 'nominees')}
            values={[...chosen].map(String)}
            options={sortNominations(o.nominations, 'raw').map((n, i) => ({
              id: i === 0 ? 'nominees' : `nominee-${n.id}`,
              value: String(n.id),
              label: `${n.receiptNumber ?? ''} ${n.title || j.untitled}`.trim(),
              lang: 'da',
              hint: n.hiddenForViewer ? j.hiddenConflict : j.rankHint(rank(n.rankRaw), rank(n.rankNormalised)),
            }))}
          />
          <Button variant="primary" text={j.shortlistSave} />
        </form>
      )}
    </Layout>
  );
}
