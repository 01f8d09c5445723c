import { setupTexts } from '../i18n.js';
import { CsrfField } from '../../platform/csrf.js';
import { AdminLayout, Button, ButtonLink, type Crumb, ErrorSummary, Fieldset, Hint, type PageContext, TextArea, TextInput } from '../../platform/ui/index.js';
import type { FormState } from '../setup-form.js';
import type { AwardRow, EditionRow, OrganisationRow } from '../setup.repo.js';
import { fieldOf } from './setup-parts.js';
import { EditionTable, Notice, organisationCrumb, organisationsCrumb } from './setup-organisation.js';
import { awardsUrls as urls } from '../urls.js';
import { historyImportUrls } from '../../history-import/urls.js';

export const awardCrumb = (a: { id: number; name: string }): Crumb => ({ label: a.name, href: urls.awardSetup({ id: a.id }) });

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
  const action = award ? urls.awardSetup({ id: award.id }) : urls.newAward({ id: organisation.id });
  const crumbs: Crumb[] = [organisationsCrumb(ctx), organisationCrumb(organisation), { label: award ? award.name : s.newAward }];
  const hasErrors = form.errors.length > 0 || Boolean(editionsError);
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs} hasErrors={hasErrors}>
      <ErrorSummary
        ctx={ctx}
        errors={editionsError ? [{ field: 'editions', target: 'editions-heading', message: editionsError }, ...form.errors] : form.errors}
      />
      <Notice ctx={ctx} text={notice} />
      <h1 safe>{title}</h1>
      {award ? (
        <p>
          <span safe>{`${s.awardAddress}: `}</span>
          <a href={urls.award({ slug: award.slug })} safe>
            {urls.award({ slug: award.slug })}
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <TextInput ctx={ctx} {...fieldOf(form, 'name')} label={l.name} />
        <TextInput ctx={ctx} {...fieldOf(form, 'summary')} label={l.summary} hint={l.summaryHint} width="xl" />
        <TextArea ctx={ctx} {...fieldOf(form, 'description')} label={l.description} hint={l.descriptionHint} rows={8} />
        <TextInput ctx={ctx} {...fieldOf(form, 'establishedYear')} label={l.establishedYear} width="xs" inputmode="numeric" />
        <TextArea ctx={ctx} {...fieldOf(form, 'eligibility')} label={l.eligibility} optional rows={4} />
        <Fieldset legend={l.englishHeading} legendClass="h3">
          <Hint block text={l.englishHint} />
          <TextInput ctx={ctx} {...fieldOf(form, 'summaryEn')} label={l.summaryEn} optional width="xl" lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, 'descriptionEn')} label={l.descriptionEn} optional rows={8} lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, 'eligibilityEn')} label={l.eligibilityEn} optional rows={4} lang="en" />
        </Fieldset>
        <Fieldset legend={l.contactHeading} legendClass="h3">
          <TextInput ctx={ctx} {...fieldOf(form, 'contactName')} label={l.contactName} optional autocomplete="off" />
          <TextInput ctx={ctx} {...fieldOf(form, 'contactTitle')} label={l.contactTitle} optional autocomplete="off" />
          <TextInput ctx={ctx} {...fieldOf(form, 'contactUnit')} label={l.contactUnit} optional autocomplete="off" />
          <TextInput ctx={ctx} {...fieldOf(form, 'contactPhone')} label={l.contactPhone} type="tel" width="m" optional autocomplete="off" />
          <TextInput ctx={ctx} {...fieldOf(form, 'contactEmail')} label={l.contactEmail} type="email" optional autocomplete="off" />
        </Fieldset>
        <Button variant="primary" text={award ? s.saveAward : s.createAward} />
      </form>
      {award ? (
        <section aria-labelledby="editions-heading">
          <h2 id="editions-heading" tabindex="-1" safe>
            {s.editionsHeading}
          </h2>
          <EditionTable ctx={ctx} csrf={csrf} now={now} award={award} editions={editions} withNextYear />
          <Hint block text={s.nextYearHint} />
          <p>
            <ButtonLink variant="secondary" href={urls.newEdition({ id: award.id })} text={s.newEdition} />
          </p>
          <p>
            <a href={historyImportUrls.upload({ id: award.id })} safe>
              {s.importHistory}
            </a>
          </p>
          <Hint block text={s.importHistoryHint} />
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
