import { Alert, Layout, type PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import { ErrorSummary, FieldError, errorOf, type FieldErrors } from '../../platform/ui/admin-parts.js';
import { judgingTexts, ruleText } from '../i18n.js';
import { sortNominations } from '../overview.service.js';
import type { ShortlistPageData } from '../shortlist.service.js';
import { editionCrumbs } from './review-pages.js';

export type ShortlistForm = { chosen: number[] | null; errors: FieldErrors; saved: boolean };

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
  const err = errorOf(form.errors, 'nominees');
  const rank = (v: number | null) => (v === null ? '–' : String(v));
  return (
    <Layout ctx={ctx} title={title} hasErrors={form.errors.length > 0} breadcrumbs={editionCrumbs(ctx, name, o.editionId, [{ label: title }])}>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {form.saved ? (
        <Alert variant="success">
          <p safe>{j.shortlistSaved}</p>
        </Alert>
      ) : (
        ''
      )}
      <h1 safe>{title}</h1>
      <p safe>{j.shortlistIntro}</p>
      <h2 safe>{j.shortlistCurrent}</h2>
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
        <Alert variant="warning">
          <p id="shortlist-locked" safe>
            {j.shortlistLocked}
          </p>
        </Alert>
      ) : !isChair ? (
        <p safe>{j.shortlistChairOnly}</p>
      ) : o.nominations.length === 0 ? (
        <p safe>{j.none}</p>
      ) : (
        <form method="post" action={`/bedoemmelse/udgaver/${o.editionId}/nominerede`} novalidate>
          <CsrfField token={csrf} />
          <div class={`form-group${err ? ' form-error' : ''}`}>
            <fieldset aria-describedby={err ? 'nominees-hint nominees-error' : 'nominees-hint'}>
              <legend class="form-label" safe>
                {j.shortlistLegend}
              </legend>
              <span class="form-hint" id="nominees-hint" safe>
                {`${j.shortlistRule(rule)} ${j.shortlistHint}`}
              </span>
              <FieldError ctx={ctx} id="nominees" message={err} />
              {sortNominations(o.nominations, 'raw').map((n, i) => (
                <div class="form-group-checkbox">
                  <input
                    type="checkbox"
                    id={i === 0 ? 'nominees' : `nominee-${n.id}`}
                    name="nominerede"
                    value={String(n.id)}
                    class="form-checkbox"
                    checked={chosen.has(n.id)}
                  />
                  <label class="form-label" for={i === 0 ? 'nominees' : `nominee-${n.id}`}>
                    <span lang="da" safe>
                      {`${n.receiptNumber ?? ''} ${n.title || j.untitled}`.trim()}
                    </span>
                    <span class="form-hint" safe>
                      {n.hiddenForViewer ? j.hiddenConflict : j.rankHint(rank(n.rankRaw), rank(n.rankNormalised))}
                    </span>
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          <button type="submit" class="button button-primary" safe>
            {j.shortlistSave}
          </button>
        </form>
      )}
    </Layout>
  );
}
