import { setupTexts } from '../i18n.js';
import { Alert, type Crumb, type PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import type { AwardRow, CommitteeSeatRow, CriterionRow, EditionRow, FormSectionRow, OrganisationRow } from '../setup.repo.js';
import type { ListKind, ListRow } from '../setup-form.js';
import { PUBLISHED_TIMELINE_KEYS, TIMELINE_KEYS, REQUIRED_TIMELINE_KEYS } from '../setup.service.js';
import { AdminLayout, ErrorSummary, Paragraphs, type FieldErrors } from '../../platform/ui/admin-parts.js';
import { CheckboxField, DateTimeField, InputField, TextAreaField, type FormState } from '../../platform/ui/setup-fields.js';
import { awardCrumb } from './setup-award.js';
import { NextYearButton, Notice, organisationCrumb, organisationsCrumb } from './setup-organisation.js';
// Words for links to members' and the panel's pages, and the review settings: awards' own (awards sits below those modules).
import { memberLinkTexts as membersTexts, panelLinkTexts as panelTexts, reviewSettingTexts as judgingTexts } from '../i18n.js';

type EditionContext = { organisation: OrganisationRow; award: AwardRow };

const editionCrumbs = (ctx: PageContext, c: EditionContext): Crumb[] => [organisationsCrumb(ctx), organisationCrumb(c.organisation), awardCrumb(c.award)];

type EditionFormProps = EditionContext & {
  ctx: PageContext;
  csrf: string;
  /** null: a new round. */
  edition: EditionRow | null;
  counts?: { criteria: number; formSections: number; committee: number };
  form: FormState;
  notice: string | null;
  /** Set after a save: public pages may show the old text for a few seconds. */
  showDelay?: boolean;
};

/** Create or edit a round: year and theme, the timeline in Danish time, nominees and prize, form settings. */
export function EditionFormPage(p: EditionFormProps): JSX.Element {
  const { ctx, csrf, award, edition, form } = p;
  const { t } = ctx;
  const s = setupTexts(ctx.locale);
  const l = s.edition;
  const name = edition ? t.award.edition(award.name, edition.year) : '';
  const title = edition ? s.editEditionTitle(name) : s.newEditionTitle(award.name);
  const action = edition ? `/admin/udgaver/${edition.id}/rediger` : `/admin/priser/${award.id}/udgaver/ny`;
  const crumbs = [...editionCrumbs(ctx, p), { label: edition ? String(edition.year) : s.newEdition }];
  const published = new Set<string>(PUBLISHED_TIMELINE_KEYS);
  const required = new Set<string>(REQUIRED_TIMELINE_KEYS);
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs} hasErrors={form.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {p.notice ? (
        <Alert variant="success">
          <p class="alert-text" safe>
            {p.notice}
          </p>
          {p.showDelay ? (
            <p class="alert-text" safe>
              {s.publicDelay}
            </p>
          ) : (
            ''
          )}
        </Alert>
      ) : (
        ''
      )}
      <h1 safe>{title}</h1>
      {edition && p.counts ? (
        <nav aria-labelledby="edition-parts-heading" class="no-print">
          <h2 id="edition-parts-heading" class="sr-only" safe>
            {name}
          </h2>
          <ul class="unstyled-list">
            <li>
              <a href={`/admin/udgaver/${edition.id}/kriterier`} safe>{`${s.lists.criteriaLink} (${p.counts.criteria})`}</a>
            </li>
            <li>
              <a href={`/admin/udgaver/${edition.id}/formular`} safe>{`${s.lists.formLink} (${p.counts.formSections})`}</a>
            </li>
            <li>
              <a href={`/admin/udgaver/${edition.id}/udvalg`} safe>{`${s.lists.committeeLink} (${p.counts.committee})`}</a>
            </li>
            <li>
              <a href={`/admin/udgaver/${edition.id}/medlemmer`} safe>
                {membersTexts(ctx.locale).overviewLink}
              </a>
            </li>
            <li>
              <a href={`/admin/udgaver/${edition.id}/panel`} safe>
                {panelTexts(ctx.locale).admin.link}
              </a>
            </li>
            <li>
              <a href={`/admin/udgaver/${edition.id}/indstillinger`} safe>
                {s.nominationsLink}
              </a>
            </li>
            <li>
              <a href={`/priser/${award.slug}/${edition.year}`} safe>{`/priser/${award.slug}/${edition.year}`}</a>
            </li>
          </ul>
          <NextYearButton ctx={ctx} csrf={csrf} editionId={edition.id} editionName={name} variant="button" from="edition" />
          <p class="form-hint" safe>
            {s.nextYearHint}
          </p>
        </nav>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <fieldset>
          <legend class="h2" safe>
            {l.basicsHeading}
          </legend>
          <InputField ctx={ctx} form={form} id="year" label={l.year} hint={l.yearHint} width="xs" inputmode="numeric" />
          <InputField ctx={ctx} form={form} id="theme" label={l.theme} optional width="xl" />
          <TextAreaField ctx={ctx} form={form} id="themeDescription" label={l.themeDescription} optional rows={4} />
        </fieldset>
        <fieldset>
          <legend class="h2" safe>
            {l.timelineHeading}
          </legend>
          <p class="form-hint" safe>
            {l.timelineIntro}
          </p>
          {TIMELINE_KEYS.map((k) => (
            <DateTimeField
              ctx={ctx}
              form={form}
              id={k}
              label={l[k]}
              optional={!required.has(k)}
              hint={edition && published.has(k) ? l.publishedHint : undefined}
            />
          ))}
          <InputField ctx={ctx} form={form} id="eventName" label={l.eventName} hint={l.eventNameHint} optional />
          <InputField ctx={ctx} form={form} id="eventPlace" label={l.eventPlace} optional />
        </fieldset>
        <fieldset>
          <legend class="h2" safe>
            {l.nomineesHeading}
          </legend>
          <p class="form-hint" id="nominee-count-hint" safe>
            {l.nomineeCountHint}
          </p>
          <InputField ctx={ctx} form={form} id="nomineeCountMin" label={l.nomineeCountMin} width="xxs" inputmode="numeric" optional />
          <InputField ctx={ctx} form={form} id="nomineeCountMax" label={l.nomineeCountMax} width="xxs" inputmode="numeric" optional />
          <InputField ctx={ctx} form={form} id="prizeAmountKr" label={l.prizeAmountKr} hint={l.prizeAmountHint} width="s" inputmode="numeric" optional />
          <TextAreaField ctx={ctx} form={form} id="prizePurpose" label={l.prizePurpose} optional rows={3} />
          <TextAreaField ctx={ctx} form={form} id="prizeExtras" label={l.prizeExtras} optional rows={3} />
          <InputField ctx={ctx} form={form} id="filmUrl" label={l.filmUrl} type="url" optional />
        </fieldset>
        <JudgingSettings ctx={ctx} form={form} />
        <fieldset>
          <legend class="h2" safe>
            {l.settingsHeading}
          </legend>
          <CheckboxField ctx={ctx} form={form} id="hasPatientPanel" label={l.hasPatientPanel} />
          <CheckboxField ctx={ctx} form={form} id="asksOrigin" label={l.asksOrigin} />
        </fieldset>
        <button type="submit" class="button button-primary" safe>
          {edition ? s.saveEdition : s.createEdition}
        </button>
      </form>
    </AdminLayout>
  );
}

/** The committee's review: its deadline, blind review, the scale and what each step means. */
function JudgingSettings({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const j = judgingTexts(ctx.locale).setup;
  return (
    <fieldset id="judging-settings">
      <legend class="h2" safe>
        {j.heading}
      </legend>
      <p class="form-hint" safe>
        {j.intro}
      </p>
      <DateTimeField ctx={ctx} form={form} id="reviewClosesAt" label={j.reviewClosesAt} hint={j.reviewClosesHint} optional />
      <CheckboxField ctx={ctx} form={form} id="blindReview" label={j.blindReview} />
      <InputField ctx={ctx} form={form} id="scoreScaleMin" label={j.scoreScaleMin} hint={j.scaleHint} width="xxs" inputmode="numeric" />
      <InputField ctx={ctx} form={form} id="scoreScaleMax" label={j.scoreScaleMax} width="xxs" inputmode="numeric" />
      <TextAreaField ctx={ctx} form={form} id="scoreLabels" label={j.scoreLabels} hint={j.scoreLabelsHint} optional rows={5} />
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------

type ListPageProps = EditionContext & {
  ctx: PageContext;
  csrf: string;
  kind: ListKind;
  edition: EditionRow;
  rows: ListRow[];
  errors: FieldErrors;
  notice: 'saved' | 'not-saved' | null;
  /** When the first nomination was sent: criteria and form are then shown, not edited. */
  lockedSince: Date | null;
  /** The saved lists, shown read-only when locked. */
  saved: { criteria: CriterionRow[]; formSections: FormSectionRow[]; committee: CommitteeSeatRow[] };
  /** A POST was refused because the form is locked. */
  refused?: boolean;
};

export const LIST_PATHS: Record<ListKind, string> = { criteria: 'kriterier', 'form-sections': 'formular', committee: 'udvalg' };

/** Criteria, form sections or committee seats as an ordered list, edited with plain forms (no JavaScript needed). */
export function EditionListPage(p: ListPageProps): JSX.Element {
  const { ctx, csrf, kind, edition, award } = p;
  const { t } = ctx;
  const s = setupTexts(ctx.locale);
  const l = s.lists;
  const name = t.award.edition(award.name, edition.year);
  const texts = {
    criteria: { title: l.criteriaTitle(name), intro: l.criteriaIntro, crumb: l.criteriaLink, row: l.criterion, add: l.addCriterion, save: l.saveCriteria },
    'form-sections': { title: l.formTitle(name), intro: l.formIntro, crumb: l.formLink, row: l.section, add: l.addSection, save: l.saveForm },
    committee: { title: l.committeeTitle(name), intro: l.committeeIntro, crumb: l.committeeLink, row: l.seat, add: l.addSeat, save: l.saveCommittee },
  }[kind];
  const crumbs = [...editionCrumbs(ctx, p), { label: String(edition.year), href: `/admin/udgaver/${edition.id}/rediger` }, { label: texts.crumb }];
  const locked = p.lockedSince !== null && kind !== 'committee';
  const form: FormState = { values: {}, errors: p.errors };
  p.rows.forEach((r, i) => {
    for (const [f, v] of Object.entries(r.fields)) form.values[`r${i}-${f}`] = v;
  });
  const hasErrors = p.errors.length > 0 || Boolean(p.refused);
  return (
    <AdminLayout ctx={ctx} title={texts.title} csrf={csrf} crumbs={crumbs} hasErrors={hasErrors}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {locked ? (
        <Alert variant={p.refused ? 'error' : 'warning'} heading={l.lockedHeading}>
          <p safe>{l.locked(formatInstant(p.lockedSince!, ctx.locale))}</p>
        </Alert>
      ) : (
        ''
      )}
      {p.notice === 'saved' ? <Notice text={l.saved} /> : ''}
      {p.notice === 'not-saved' ? (
        <Alert variant="info">
          <p safe>{l.notSavedYet(texts.save)}</p>
        </Alert>
      ) : (
        ''
      )}
      <h1 safe>{texts.title}</h1>
      <p safe>{texts.intro}</p>
      {locked ? (
        <ReadOnlyList ctx={ctx} kind={kind} saved={p.saved} />
      ) : (
        <form method="post" action={`/admin/udgaver/${edition.id}/${LIST_PATHS[kind]}`} novalidate>
          <CsrfField token={csrf} />
          {/* Enter in a text field presses the first submit button: make that "save", not "move". Hidden from
              screen readers and the tab order, which reach the visible "save" button below. */}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: tabindex -1 keeps it out of the tab order; only Enter uses it */}
          <button type="submit" name="handling" value="gem" class="sr-only" tabindex="-1" aria-hidden="true" safe>
            {texts.save}
          </button>
          <input type="hidden" name="antal" value={String(p.rows.length)} />
          {p.rows.length === 0 ? <p safe>{l.empty}</p> : ''}
          <ol class="unstyled-list">
            {p.rows.map((row, i) => {
              const label = texts.row(i + 1);
              const id = (f: string) => `r${i}-${f}`;
              return (
                <li>
                  <fieldset class="setup-row">
                    <legend class="h3" safe>
                      {label}
                    </legend>
                    <input type="hidden" name={id('id')} value={row.id} />
                    {kind === 'criteria' ? (
                      <>
                        <InputField ctx={ctx} form={form} id={id('title')} label={l.title} width="xl" />
                        <TextAreaField ctx={ctx} form={form} id={id('description')} label={l.description} rows={4} />
                      </>
                    ) : kind === 'form-sections' ? (
                      <>
                        <InputField ctx={ctx} form={form} id={id('heading')} label={l.heading} width="xl" />
                        <TextAreaField ctx={ctx} form={form} id={id('help')} label={l.help} hint={l.helpHint} optional rows={3} />
                        <InputField
                          ctx={ctx}
                          form={form}
                          id={id('wordLimit')}
                          label={l.wordLimit}
                          hint={l.wordLimitHint}
                          width="xs"
                          inputmode="numeric"
                          optional
                        />
                        <CheckboxField ctx={ctx} form={form} id={id('required')} label={l.required} />
                      </>
                    ) : (
                      <>
                        <InputField ctx={ctx} form={form} id={id('name')} label={l.seatName} optional />
                        <InputField ctx={ctx} form={form} id={id('partyLetter')} label={l.partyLetter} width="xxs" optional />
                        <InputField ctx={ctx} form={form} id={id('represents')} label={l.represents} optional />
                        <CheckboxField ctx={ctx} form={form} id={id('isChair')} label={l.isChair} />
                      </>
                    )}
                    <div class="button-row setup-row-actions">
                      {i > 0 ? <RowButton value={`op-${i}`} text={l.moveUp} suffix={l.rowLabel(label)} /> : ''}
                      {i < p.rows.length - 1 ? <RowButton value={`ned-${i}`} text={l.moveDown} suffix={l.rowLabel(label)} /> : ''}
                      <RowButton value={`fjern-${i}`} text={l.remove} suffix={l.rowLabel(label)} />
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <p class="form-hint" safe>
            {l.emptyRowsDropped}
          </p>
          <div class="button-row">
            <button type="submit" name="handling" value="tilfoej" id="list-add" class="button button-secondary" safe>
              {texts.add}
            </button>
            <button type="submit" name="handling" value="gem" class="button button-primary" safe>
              {texts.save}
            </button>
          </div>
        </form>
      )}
    </AdminLayout>
  );
}

function RowButton({ value, text, suffix }: { value: string; text: string; suffix: string }) {
  return (
    <button type="submit" name="handling" value={value} class="button button-tertiary">
      <span safe>{text}</span>
      <span class="sr-only" safe>
        {suffix}
      </span>
    </button>
  );
}

function ReadOnlyList({ ctx, kind, saved }: { ctx: PageContext; kind: ListKind; saved: ListPageProps['saved'] }) {
  const l = setupTexts(ctx.locale).lists;
  if (kind === 'criteria') {
    return (
      <ol>
        {saved.criteria.map((c) => (
          <li>
            <strong safe>{c.title}</strong>
            <Paragraphs text={c.description} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <ol>
      {saved.formSections.map((f) => (
        <li>
          <strong safe>{f.heading}</strong>
          {f.help ? <Paragraphs text={f.help} /> : ''}
          <p class="form-hint" safe>
            {[f.wordLimit === null ? l.noWordLimit : l.wordLimitShown(f.wordLimit), f.required ? '' : l.optionalSection].filter(Boolean).join(' · ')}
          </p>
        </li>
      ))}
    </ol>
  );
}
