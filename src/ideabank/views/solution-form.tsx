import { attr } from '../../platform/html-attr.js';
import { CsrfField } from '../../platform/csrf.js';
import {
  Alert,
  Button,
  ErrorSummary,
  Fieldset,
  type FieldError,
  FileInput,
  Hint,
  Layout,
  type PageContext,
  Radios,
  TextArea,
  TextInput,
} from '../../platform/ui/index.js';
import type { ImageRow, SimilarRow } from '../ideabank.repo.js';
import type { IdeaBankTexts } from '../i18n.js';
import { solutionStatuses } from '../ideabank.schema.js';
import { IdeaBankAssets, SimilarItem } from './parts.js';

export type SolutionFormValues = {
  title: string;
  summary: string;
  description: string;
  titleEn: string;
  summaryEn: string;
  descriptionEn: string;
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
  errors: FieldError[];
  similar: SimilarRow[];
  /** Editing only: the solution's images, and the last upload's error (its field and text) with the typed description. */
  images?: { list: ImageRow[]; error: FieldError | null; alt: string; added: boolean } | undefined;
};

/** /idebank/ny and /idebank/loesninger/:id/rediger: the solution form with similar solutions beside it. */
export function SolutionFormPage({ ctx, it, csrf, solutionId, originalTitle, values, errors: formErrors, similar, images }: Props) {
  const errors = images?.error ? [...formErrors, images.error] : formErrors;
  const f = it.form;
  const err = (field: string) => errors.find((e) => e.field === field)?.message;
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{f.intro}</p>
      <form method="post" action={action} novalidate data-similar-form data-similar-exclude={solutionId === null ? undefined : String(solutionId)}>
        <CsrfField token={csrf} />
        <TextInput ctx={ctx} id="title" label={f.title} value={values.title} error={err('title')} />
        <TextArea
          ctx={ctx}
          id="summary"
          label={f.summary}
          hint={f.summaryHint}
          value={values.summary}
          error={err('summary')}
          rows={3}
          warning={f.privacyWarning}
          data={{ 'data-similar-source': true }}
        />
        <SimilarBox ctx={ctx} it={it} similar={similar} />
        <TextArea
          ctx={ctx}
          id="description"
          label={f.description}
          hint={f.descriptionHint}
          value={values.description}
          error={err('description')}
          rows={8}
          optional
        />
        <Fieldset legend={f.englishHeading} legendClass="h3">
          <Hint block text={f.englishHint} />
          <TextInput ctx={ctx} id="titleEn" label={f.titleEn} value={values.titleEn} error={err('titleEn')} optional lang="en" />
          <TextArea ctx={ctx} id="summaryEn" label={f.summaryEn} value={values.summaryEn} error={err('summaryEn')} rows={3} optional lang="en" />
          <TextArea
            ctx={ctx}
            id="descriptionEn"
            label={f.descriptionEn}
            value={values.descriptionEn}
            error={err('descriptionEn')}
            rows={8}
            optional
            lang="en"
          />
        </Fieldset>
        <TextInput
          ctx={ctx}
          id="organisationName"
          label={f.organisation}
          value={values.organisationName}
          error={err('organisationName')}
          autocomplete="organization"
        />
        <TextInput ctx={ctx} id="unitName" label={f.unit} value={values.unitName} error={err('unitName')} optional />
        <TextInput ctx={ctx} id="contactName" label={f.contactName} value={values.contactName} error={err('contactName')} optional autocomplete="name" />
        <TextInput
          ctx={ctx}
          id="contactEmail"
          type="email"
          label={f.contactEmail}
          value={values.contactEmail}
          error={err('contactEmail')}
          optional
          autocomplete="email"
        />
        <TextInput ctx={ctx} id="tags" label={f.tags} hint={f.tagsHint} value={values.tags} error={err('tags')} optional />
        <Radios
          ctx={ctx}
          id="status"
          legend={f.status}
          value={values.status}
          error={err('status')}
          options={solutionStatuses.map((s) => ({ value: s, label: it.status[s] }))}
        />
        <TextInput ctx={ctx} id="year" label={f.year} value={values.year} error={err('year')} />
        <Button variant="primary" text={f.save} />
      </form>
      {images && solutionId !== null ? <ImagesSection ctx={ctx} it={it} csrf={csrf} solutionId={solutionId} images={images} /> : ''}
    </Layout>
  );
}

/**
 * Similar solutions: rendered by the server from what was last saved or sent, and refreshed by
 * public/ideabank.js while typing (a polite live region announces the count).
 */
export function SimilarBox({ ctx, it, similar, live }: { ctx: PageContext; it: IdeaBankTexts; similar: SimilarRow[]; live?: boolean }) {
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
      data-text-in-danish={ctx.t.ui.inDanish}
    >
      <h2 class="h4" safe>
        {it.similar.heading}
      </h2>
      <Hint block text={it.similar.intro} />
      <ul data-similar-list>{similar.length === 0 ? <li safe>{it.similar.none}</li> : similar.map((x) => <SimilarItem ctx={ctx} solution={x} />)}</ul>
      <p class="sr-only" aria-live="polite" data-similar-status></p>
    </div>
  );
}

/** The solution's images on its edit page: each with a delete button, and an upload form that needs a description. */
function ImagesSection({
  ctx,
  it,
  csrf,
  solutionId,
  images,
}: {
  ctx: PageContext;
  it: IdeaBankTexts;
  csrf: string;
  solutionId: number;
  images: NonNullable<Props['images']>;
}) {
  const m = it.images;
  const fileErr = images.error && images.error.field === 'billede' ? images.error.message : undefined;
  const altErr = images.error && images.error.field === 'alt' ? images.error.message : undefined;
  return (
    <section aria-labelledby="billeder" class="ideabank-images-edit">
      <h2 id="billeder" safe>
        {m.heading}
      </h2>
      {images.added ? <Alert ctx={ctx} variant="success" live="status" text={it.form.saved} /> : ''}
      {images.list.length === 0 ? (
        <p safe>{m.none}</p>
      ) : (
        <ul class="nobullet-list ideabank-image-list">
          {images.list.map((img) => (
            <li>
              <img src={`/idebank/billeder/${img.id}`} alt={attr(img.altText)} width="240" loading="lazy" />
              <form method="post" action={`/idebank/billeder/${img.id}/slet`}>
                <CsrfField token={csrf} />
                <Button variant="secondary" text={m.remove(img.altText)} />
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/idebank/loesninger/${solutionId}/billeder`} enctype="multipart/form-data" novalidate>
        <CsrfField token={csrf} />
        <TextInput ctx={ctx} id="alt" label={m.alt} hint={m.altHint} value={images.alt} error={altErr} />
        <FileInput ctx={ctx} id="billede" label={m.file} hint={m.fileHint} error={fileErr} accept="image/png,image/jpeg,image/webp" />
        <Button variant="secondary" text={m.upload} />
      </form>
    </section>
  );
}
