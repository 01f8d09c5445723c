import { setupTexts } from '../i18n.js';
import type { Crumb, PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import type { AwardRow, EditionRow, OrganisationRow } from '../setup.repo.js';
import { AdminLayout, ErrorSummary } from '../../platform/ui/admin-parts.js';
import { InputField, TextAreaField, type FormState } from '../../platform/ui/setup-fields.js';
import { EditionTable, Notice, organisationCrumb, organisationsCrumb } from './setup-organisation.js';

export const awardCrumb = (a: { id: number; name: string }): Crumb => ({ label: a.name, href: `/admin/priser/${a.id}` });

type Props = {
  ctx: PageContext;
  csrf: string;
  now: Date;
  organisation: OrganisationRow;
  /** null: a new award. */
  award: AwardRow | null;
  editions: EditionRow[];
  form: FormState;
  notice: string | null;
  /** An error about the rounds (e.g. next year's round exists already), shown above the table. */
  editionsError?: string | null;
};

/** Create or edit an award; an existing award's page also lists its rounds. */
export function AwardFormPage({ ctx, csrf, now, organisation, award, editions, form, notice, editionsError }: Props): JSX.Element {
  const s = setupTexts(ctx.locale);
  const l = s.award;
  const title = award ? s.editAward(award.name) : s.newAwardTitle(organisation.name);
  const action = award ? `/admin/priser/${award.id}` : `/admin/organisationer/${organisation.id}/priser/ny`;
  const crumbs: Crumb[] = [organisationsCrumb(ctx), organisationCrumb(organisation), { label: award ? award.name : s.newAward }];
  const hasErrors = form.errors.length > 0 || Boolean(editionsError);
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs} hasErrors={hasErrors}>
      <ErrorSummary
        ctx={ctx}
        errors={editionsError ? [{ field: 'editions', target: 'editions-heading', message: editionsError }, ...form.errors] : form.errors}
      />
      <Notice text={notice} />
      <h1 safe>{title}</h1>
      {award ? (
        <p>
          <span safe>{`${s.awardAddress}: `}</span>
          <a href={`/priser/${award.slug}`} safe>{`/priser/${award.slug}`}</a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <InputField ctx={ctx} form={form} id="name" label={l.name} />
        <InputField ctx={ctx} form={form} id="summary" label={l.summary} hint={l.summaryHint} width="xl" />
        <TextAreaField ctx={ctx} form={form} id="description" label={l.description} hint={l.descriptionHint} rows={8} />
        <InputField ctx={ctx} form={form} id="establishedYear" label={l.establishedYear} width="xs" inputmode="numeric" />
        <TextAreaField ctx={ctx} form={form} id="eligibility" label={l.eligibility} optional rows={4} />
        <fieldset>
          <legend class="h3" safe>
            {l.contactHeading}
          </legend>
          <InputField ctx={ctx} form={form} id="contactName" label={l.contactName} optional autocomplete="off" />
          <InputField ctx={ctx} form={form} id="contactTitle" label={l.contactTitle} optional autocomplete="off" />
          <InputField ctx={ctx} form={form} id="contactUnit" label={l.contactUnit} optional autocomplete="off" />
          <InputField ctx={ctx} form={form} id="contactPhone" label={l.contactPhone} type="tel" width="m" optional autocomplete="off" />
          <InputField ctx={ctx} form={form} id="contactEmail" label={l.contactEmail} type="email" optional autocomplete="off" />
        </fieldset>
        <button type="submit" class="button button-primary" safe>
          {award ? s.saveAward : s.createAward}
        </button>
      </form>
      {award ? (
        <section aria-labelledby="editions-heading">
          <h2 id="editions-heading" tabindex="-1" safe>
            {s.editionsHeading}
          </h2>
          <EditionTable ctx={ctx} csrf={csrf} now={now} award={award} editions={editions} withNextYear />
          <p class="form-hint" safe>
            {s.nextYearHint}
          </p>
          <p>
            <a href={`/admin/priser/${award.id}/udgaver/ny`} class="button button-secondary" safe>
              {s.newEdition}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
