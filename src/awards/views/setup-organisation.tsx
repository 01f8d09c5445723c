import { markText } from '../brand.js';
import { setupTexts } from '../i18n.js';
import { CsrfField } from '../../platform/csrf.js';
import { AdminLayout, Alert, Button, ButtonLink, type Crumb, ErrorSummary, type PageContext, Table, TextInput } from '../../platform/ui/index.js';
import { phaseAt } from '../phase.js';
import { timelineOf } from '../awards.service.js';
import type { FormState } from '../setup-form.js';
import type { AwardRow, EditionRow, OrganisationRow } from '../setup.repo.js';
import { Fact, fieldOf } from './setup-parts.js';
import { awardsUrls as urls } from '../urls.js';
import { auditUrls } from '../../audit/urls.js';
import { nominationsUrls } from '../../nominations/urls.js';

export const organisationsCrumb = (ctx: PageContext): Crumb => ({ label: setupTexts(ctx.locale).crumb, href: urls.organisations() });
export const organisationCrumb = (o: { id: number; name: string }): Crumb => ({ label: o.name, href: urls.organisation({ id: o.id }) });

/** A success message above the heading, or nothing. */
export function Notice({ ctx, text }: { ctx: PageContext; text: string | null | undefined }) {
  if (!text) return '';
  return <Alert ctx={ctx} variant="success" text={text} />;
}

/** /admin/organisationer: the organisations the user administers, and "create a new one". */
export function OrganisationsPage({ ctx, csrf, organisations }: { ctx: PageContext; csrf: string; organisations: OrganisationRow[] }): JSX.Element {
  const s = setupTexts(ctx.locale);
  return (
    <AdminLayout ctx={ctx} title={s.organisationsTitle} csrf={csrf} crumbs={[{ label: s.crumb }]}>
      <h1 safe>{s.organisationsTitle}</h1>
      <p safe>{s.organisationsIntro}</p>
      {organisations.length === 0 ? (
        <p safe>{s.noOrganisations}</p>
      ) : (
        <ul>
          {organisations.map((o) => (
            <li>
              <a href={urls.organisation({ id: o.id })} safe>
                {o.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <ButtonLink variant="secondary" href="/admin/organisationer/ny" text={s.newOrganisation} />
      </p>
    </AdminLayout>
  );
}

/** Create (organisation null) or edit an organisation's name and contact details. */
export function OrganisationFormPage({
  ctx,
  csrf,
  organisation,
  form,
}: {
  ctx: PageContext;
  csrf: string;
  organisation: OrganisationRow | null;
  form: FormState;
}): JSX.Element {
  const s = setupTexts(ctx.locale);
  const l = s.organisation;
  const title = organisation ? s.editOrganisationTitle(organisation.name) : s.newOrganisationTitle;
  const action = organisation ? urls.editOrganisation({ id: organisation.id }) : urls.newOrganisation();
  const crumbs: Crumb[] = organisation
    ? [organisationsCrumb(ctx), organisationCrumb(organisation), { label: s.editOrganisation }]
    : [organisationsCrumb(ctx), { label: s.newOrganisationTitle }];
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs} hasErrors={form.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <h1 safe>{title}</h1>
      {organisation ? '' : <p safe>{s.newOrganisationIntro}</p>}
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <TextInput ctx={ctx} {...fieldOf(form, 'name')} label={l.name} hint={l.nameHint} autocomplete="organization" />
        <TextInput ctx={ctx} {...fieldOf(form, 'websiteUrl')} label={l.websiteUrl} hint={l.urlHint} type="url" optional autocomplete="url" />
        <TextInput ctx={ctx} {...fieldOf(form, 'contactEmail')} label={l.contactEmail} type="email" optional autocomplete="email" />
        <TextInput ctx={ctx} {...fieldOf(form, 'contactPhone')} label={l.contactPhone} type="tel" optional width="m" autocomplete="tel" />
        <TextInput ctx={ctx} {...fieldOf(form, 'privacyUrl')} label={l.privacyUrl} hint={l.privacyUrlHint} type="url" optional />
        <TextInput ctx={ctx} {...fieldOf(form, 'dpoEmail')} label={l.dpoEmail} hint={l.dpoEmailHint} type="email" optional autocomplete="off" />
        <TextInput ctx={ctx} {...fieldOf(form, 'accessibilityUrl')} label={l.accessibilityUrl} hint={l.accessibilityUrlHint} type="url" optional />
        <TextInput ctx={ctx} {...fieldOf(form, 'brandColour')} label={l.brandColour} hint={l.brandColourHint} optional width="s" autocomplete="off" />
        <TextInput ctx={ctx} {...fieldOf(form, 'markLetters')} label={l.markLetters} hint={l.markLettersHint} optional width="xs" autocomplete="off" />
        <Button variant="primary" text={organisation ? s.saveOrganisation : s.createOrganisation} />
      </form>
    </AdminLayout>
  );
}

type OrganisationPageProps = {
  ctx: PageContext;
  csrf: string;
  now: Date;
  organisation: OrganisationRow;
  awards: { award: AwardRow; editions: EditionRow[] }[];
  notice: string | null;
};

/** /admin/organisationer/:id: the organisation's details, its awards with their rounds, and the log. */
export function OrganisationPage({ ctx, csrf, now, organisation: o, awards, notice }: OrganisationPageProps): JSX.Element {
  const s = setupTexts(ctx.locale);
  const l = s.organisation;
  return (
    <AdminLayout ctx={ctx} title={o.name} csrf={csrf} crumbs={[organisationsCrumb(ctx), { label: o.name }]}>
      <Notice ctx={ctx} text={notice} />
      <h1 safe>{o.name}</h1>
      <p>
        <a href={auditUrls.organisationLog({ id: o.id })} safe>
          {s.auditLink}
        </a>
      </p>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading" safe>
          {s.organisationDetails}
        </h2>
        <dl class="admin-facts">
          <Fact ctx={ctx} label={l.websiteUrl} value={o.websiteUrl} href />
          <Fact ctx={ctx} label={l.contactEmail} value={o.contactEmail} />
          <Fact ctx={ctx} label={l.contactPhone} value={o.contactPhone} />
          <Fact ctx={ctx} label={l.privacyUrl} value={o.privacyUrl} href />
          <Fact ctx={ctx} label={l.dpoEmail} value={o.dpoEmail} />
          <Fact ctx={ctx} label={l.accessibilityUrl} value={o.accessibilityUrl} href />
          <Fact ctx={ctx} label={l.brandColour} value={o.brandColour} />
          <Fact ctx={ctx} label={l.markLetters} value={markText(o.name, o.markLetters)} />
        </dl>
        <p>
          <ButtonLink variant="secondary" href={urls.editOrganisation({ id: o.id })} text={s.editOrganisation} />
        </p>
      </section>
      <section aria-labelledby="awards-heading">
        <h2 id="awards-heading" safe>
          {s.awardsHeading}
        </h2>
        {awards.length === 0 ? <p safe>{s.noAwards}</p> : ''}
        {awards.map(({ award, editions }) => (
          <section aria-labelledby={`award-${award.id}`}>
            <h3 id={`award-${award.id}`}>
              <a href={urls.awardSetup({ id: award.id })} safe>
                {award.name}
              </a>
            </h3>
            <EditionTable ctx={ctx} csrf={csrf} now={now} award={award} editions={editions} withNextYear={false} />
          </section>
        ))}
        <p>
          <ButtonLink variant="secondary" href={urls.newAward({ id: o.id })} text={s.newAward} />
        </p>
      </section>
    </AdminLayout>
  );
}

/** An award's rounds, newest first, with links to edit each and its nominations (and "next year's round"). */
export function EditionTable({
  ctx,
  csrf,
  now,
  award,
  editions,
  withNextYear,
}: {
  ctx: PageContext;
  csrf: string;
  now: Date;
  award: AwardRow;
  editions: EditionRow[];
  withNextYear: boolean;
}) {
  const { t } = ctx;
  const s = setupTexts(ctx.locale);
  if (editions.length === 0) return <p safe>{s.noEditions}</p>;
  const labelId = `editions-${award.id}`;
  return (
    <Table compact labelledBy={labelId}>
      <caption class="sr-only" id={labelId} safe>
        {`${s.editionsHeading}: ${award.name}`}
      </caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {s.yearColumn}
          </th>
          <th scope="col" safe>
            {s.themeColumn}
          </th>
          <th scope="col" safe>
            {s.phaseColumn}
          </th>
          <th scope="col" safe>
            {s.actionsColumn}
          </th>
        </tr>
      </thead>
      <tbody>
        {editions.map((e) => {
          const name = t.award.edition(award.name, e.year);
          const timeline = timelineOf(e);
          return (
            <tr>
              <th scope="row" safe>
                {String(e.year)}
              </th>
              <td safe>{e.theme ?? ''}</td>
              <td safe>{timeline ? t.phase[phaseAt(timeline, now)] : s.historic}</td>
              <td>
                <ul class="unstyled-list">
                  <li>
                    <a href={urls.editionSetup({ id: e.id })} safe>
                      {s.editionLink(name)}
                    </a>
                  </li>
                  <li>
                    <a href={nominationsUrls.editionNominations({ id: e.id })} aria-label={`${s.nominationsLink}: ${name}`} safe>
                      {s.nominationsLink}
                    </a>
                  </li>
                  {withNextYear ? (
                    <li>
                      <NextYearButton ctx={ctx} csrf={csrf} editionId={e.id} editionName={name} variant="link" from="award" />
                    </li>
                  ) : (
                    ''
                  )}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** "Opret næste års runde": a POST form (a button, as it creates something). */
export function NextYearButton(p: {
  ctx: PageContext;
  csrf: string;
  editionId: number;
  editionName: string;
  variant: 'link' | 'button';
  from: 'award' | 'edition';
}) {
  const { ctx, csrf, editionId, editionName, variant } = p;
  const s = setupTexts(ctx.locale);
  return (
    <form method="post" action={urls.nextYear({ id: editionId })} class="setup-inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="fra" value={p.from === 'award' ? 'pris' : 'runde'} />
      {variant === 'link' ? (
        <button type="submit" id={`next-year-${editionId}`} class="function-link" aria-label={s.nextYearOf(editionName)} safe>
          {s.nextYear}
        </button>
      ) : (
        <Button variant="secondary" id={`next-year-${editionId}`} label={s.nextYearOf(editionName)} text={s.nextYear} />
      )}
    </form>
  );
}
