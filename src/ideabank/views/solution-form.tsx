import { attr } from '../../platform/html-attr.js';
import { Layout, type PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import { ErrorSummary, Radios, TextInput, type ErrorLink } from '../../nominations/views/form-parts.js';
import type { ImageRow, SimilarRow } from '../ideabank.repo.js';
import type { IdeaBankTexts } from '../i18n.js';
import { solutionStatuses } from '../ideabank.schema.js';
import { IdeaBankAssets, SimilarItem } from './parts.js';

export type SolutionFormValues = {
  title: string;
  summary: string;
  description: string;
  organisationName: string;
  unitName: string;
  contactName: string;
  contactEmail: string;
  tags: string;
  status: string;
  year: string;
};

type Props = {
  ctx: PageContext;
  it: IdeaBankTexts;
  csrf: string;
  /** Null: a new solution. */
  solutionId: number | null;
  originalTitle?: string;
  values: SolutionFormValues;
  errors: ErrorLink[];
  similar: SimilarRow[];
  /** Editing only: the solution's images, and the last upload's error (its field and text) with the typed description. */
  images?: { list: ImageRow[]; error: ErrorLink | null; alt: string; added: boolean } | undefined;
};

function Area({
  id,
  label,
  hint,
  value,
  error,
  rows,
  optional,
  warning,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  rows: number;
  optional?: string;
  warning?: string;
}) {
  const hintId = hint || warning ? `${id}-hint` : null;
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        <span safe>{label}</span>
        {optional ? <span class="weight-normal" safe>{` ${optional}`}</span> : ''}
      </label>
      {hintId ? (
        <span class="form-hint" id={hintId}>
          {hint ? <span safe>{hint}</span> : ''}
          {warning ? (
            <strong class="d-block privacy-warning" safe>
              {warning}
            </strong>
          ) : (
            ''
          )}
        </span>
      ) : (
        ''
      )}
      {error ? (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">Fejl: </span>
          <span safe>{error}</span>
        </span>
      ) : (
        ''
      )}
      <textarea
        class="form-input"
        id={id}
        name={id}
        rows={String(rows)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}
        data-similar-source={id === 'summary' ? '' : undefined}
        safe
      >
        {value}
      </textarea>
    </div>
  );
}

/** /idebank/ny and /idebank/loesninger/:id/rediger: the solution form with similar solutions beside it. */
export function SolutionFormPage({ ctx, it, csrf, solutionId, originalTitle, values, errors: formErrors, similar, images }: Props) {
  const errors = images?.error ? [...formErrors, images.error] : formErrors;
  const f = it.form;
  const err = (field: string) => errors.find((e) => e.field === field)?.text;
  const title = solutionId === null ? f.newTitle : f.editTitle(originalTitle ?? values.title);
  const action = solutionId === null ? '/idebank/ny' : `/idebank/loesninger/${solutionId}/rediger`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={errors.length > 0}
      breadcrumbs={[{ label: ctx.t.siteName, href: '/' }, { label: it.title, href: '/idebank' }, { label: title }]}
    >
      <IdeaBankAssets />
      <ErrorSummary heading={ctx.t.admin.errorSummaryHeading} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{f.intro}</p>
      <form method="post" action={action} novalidate data-similar-form data-similar-exclude={solutionId === null ? undefined : String(solutionId)}>
        <CsrfField token={csrf} />
        <TextInput id="title" label={f.title} value={values.title} error={err('title')} />
        <Area id="summary" label={f.summary} hint={f.summaryHint} value={values.summary} error={err('summary')} rows={3} warning={f.privacyWarning} />
        <SimilarBox it={it} similar={similar} />
        <Area
          id="description"
          label={f.description}
          hint={f.descriptionHint}
          value={values.description}
          error={err('description')}
          rows={8}
          optional={f.optional}
        />
        <TextInput id="organisationName" label={f.organisation} value={values.organisationName} error={err('organisationName')} autocomplete="organization" />
        <TextInput id="unitName" label={f.unit} value={values.unitName} error={err('unitName')} optionalLabel={f.optional} />
        <TextInput
          id="contactName"
          label={f.contactName}
          value={values.contactName}
          error={err('contactName')}
          optionalLabel={f.optional}
          autocomplete="name"
        />
        <TextInput
          id="contactEmail"
          type="email"
          label={f.contactEmail}
          value={values.contactEmail}
          error={err('contactEmail')}
          optionalLabel={f.optional}
          autocomplete="email"
        />
        <TextInput id="tags" label={f.tags} hint={f.tagsHint} value={values.tags} error={err('tags')} optionalLabel={f.optional} />
        <Radios
          id="status"
          legend={f.status}
          value={values.status}
          error={err('status')}
          options={solutionStatuses.map((s) => ({ value: s, label: it.status[s] }))}
        />
        <TextInput id="year" label={f.year} value={values.year} error={err('year')} />
        <button type="submit" class="button button-primary" safe>
          {f.save}
        </button>
      </form>
      {images && solutionId !== null ? <ImagesSection it={it} csrf={csrf} solutionId={solutionId} images={images} /> : ''}
    </Layout>
  );
}

/**
 * Similar solutions: rendered by the server from what was last saved or sent, and refreshed by
 * public/ideabank.js while typing (a polite live region announces the count).
 */
export function SimilarBox({ it, similar, live }: { it: IdeaBankTexts; similar: SimilarRow[]; live?: boolean }) {
  // `live`: hidden until public/ideabank.js has suggestions (a form step; without JavaScript
  // the suggestions are shown on the next page instead).
  return (
    <div
      class="ideabank-similar"
      data-similar-box
      hidden={live === true}
      data-text-none={it.similar.none}
      data-text-live-one={it.similar.live(1)}
      data-text-live-many={it.similar.live(2).replace('2', '{n}')}
    >
      <h2 class="h4" safe>
        {it.similar.heading}
      </h2>
      <p class="form-hint" safe>
        {it.similar.intro}
      </p>
      <ul data-similar-list>{similar.length === 0 ? <li safe>{it.similar.none}</li> : similar.map((x) => <SimilarItem solution={x} />)}</ul>
      <p class="sr-only" aria-live="polite" data-similar-status></p>
    </div>
  );
}

/** The solution's images on its edit page: each with a delete button, and an upload form that needs a description. */
function ImagesSection({ it, csrf, solutionId, images }: { it: IdeaBankTexts; csrf: string; solutionId: number; images: NonNullable<Props['images']> }) {
  const m = it.images;
  const fileErr = images.error && images.error.field === 'billede' ? images.error.text : undefined;
  const altErr = images.error && images.error.field === 'alt' ? images.error.text : undefined;
  return (
    <section aria-labelledby="billeder" class="ideabank-images-edit">
      <h2 id="billeder" safe>
        {m.heading}
      </h2>
      {images.added ? (
        <p class="alert alert-success" role="status" safe>
          {it.form.saved}
        </p>
      ) : (
        ''
      )}
      {images.list.length === 0 ? (
        <p safe>{m.none}</p>
      ) : (
        <ul class="nobullet-list ideabank-image-list">
          {images.list.map((img) => (
            <li>
              <img src={`/idebank/billeder/${img.id}`} alt={attr(img.altText)} width="240" loading="lazy" />
              <form method="post" action={`/idebank/billeder/${img.id}/slet`}>
                <CsrfField token={csrf} />
                <button type="submit" class="button button-secondary" safe>
                  {m.remove(img.altText)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/idebank/loesninger/${solutionId}/billeder`} enctype="multipart/form-data" novalidate>
        <CsrfField token={csrf} />
        <TextInput id="alt" label={m.alt} hint={m.altHint} value={images.alt} error={altErr} />
        <div class={fileErr ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for="billede" safe>
            {m.file}
          </label>
          <span class="form-hint" id="billede-hint" safe>
            {m.fileHint}
          </span>
          {fileErr ? (
            <span class="form-error-message" id="billede-error">
              <span class="sr-only">Fejl: </span>
              <span safe>{fileErr}</span>
            </span>
          ) : (
            ''
          )}
          <input
            class="form-file-input"
            type="file"
            id="billede"
            name="billede"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={fileErr ? 'billede-hint billede-error' : 'billede-hint'}
          />
        </div>
        <button type="submit" class="button button-secondary" safe>
          {m.upload}
        </button>
      </form>
    </section>
  );
}
