import { setupTexts } from '../i18n.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import Html from '@kitajs/html';
import {
  AdminLayout,
  Alert,
  Badge,
  Button,
  Checkbox,
  ButtonGroup,
  type Crumb,
  ErrorSummary,
  type FieldError,
  Fieldset,
  Hint,
  type PageContext,
  Paragraphs,
  TextArea,
  TextInput,
} from '../../platform/ui/index.js';
import type { AwardRow, CommitteeSeatRow, CriterionRow, EditionRow, FormSectionRow, OrganisationRow } from '../setup.repo.js';
import type { FormState, ListKind, ListRow } from '../setup-form.js';
import { PUBLISHED_TIMELINE_KEYS, TIMELINE_KEYS, REQUIRED_TIMELINE_KEYS } from '../setup.service.js';
import { SetupCheckbox, SetupDateTime, fieldOf } from './setup-parts.js';
import { awardCrumb } from './setup-award.js';
import { NextYearButton, Notice, organisationCrumb, organisationsCrumb } from './setup-organisation.js';
// Words for links to members' and the panel's pages, and the review settings: awards' own (awards sits below those modules).
import { memberLinkTexts, panelLinkTexts, reviewSettingTexts } from '../i18n.js';
import { awardsUrls as urls } from '../urls.js';
import { membersUrls } from '../../members/urls.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { panelUrls } from '../../panel/urls.js';

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
  /** The clock's now, for whether the round has opened (publishing). */
  now?: Date;
};

/**
 * Whether the public sees the round: a draft with its preview link, publish (with the
 * confirmation a past opening needs) and delete; a published round, and back to draft before
 * it opens. The rules and their messages are publishing.ts's; this only shows the forms.
 */
function PublishingPanel({ ctx, csrf, award, edition, now }: { ctx: PageContext; csrf: string; award: AwardRow; edition: EditionRow; now: Date }) {
  const s = setupTexts(ctx.locale);
  const p = s.publishing;
  const preview = urls.edition({ slug: award.slug, year: edition.year });
  const opened = edition.opensAt !== null && edition.opensAt.getTime() <= now.getTime();
  return (
    <section aria-labelledby="publishing-heading" class="no-print">
      <h2 id="publishing-heading" safe>
        {p.heading}
      </h2>
      {edition.publishedAt === null ? (
        <>
          <p>
            <Badge status="warning">{Html.escapeHtml(p.draftTag)}</Badge>
          </p>
          <p safe>{p.draftText}</p>
          <p>
            <a href={preview} id="preview-link" safe>
              {p.previewLink}
            </a>
          </p>
          <form method="post" action={urls.publish({ id: edition.id })} novalidate>
            <CsrfField token={csrf} />
            {opened ? (
              <Checkbox ctx={ctx} id="confirmPastOpening" label={p.confirmPastOpening(formatInstant(edition.opensAt!, ctx.locale))} checked={false} />
            ) : (
              ''
            )}
            <Button variant="primary" id="publish" text={p.publish} />
          </form>
          <h3 safe>{p.deleteHeading}</h3>
          <p safe>{p.deleteHint}</p>
          <form method="post" action={urls.deleteEdition({ id: edition.id })} novalidate>
            <CsrfField token={csrf} />
            <Checkbox ctx={ctx} id="confirmDelete" name="bekraeft" label={p.confirmDelete} checked={false} />
            <Button variant="secondary" id="delete-edition" text={p.delete} />
          </form>
        </>
      ) : (
        <>
          <p>
            <Badge status="success">{Html.escapeHtml(p.publishedTag)}</Badge>
          </p>
          <p safe>{p.publishedText(formatInstant(edition.publishedAt, ctx.locale))}</p>
          {edition.opensAt !== null && !opened ? (
            <form method="post" action={urls.unpublish({ id: edition.id })} novalidate>
              <CsrfField token={csrf} />
              <Button variant="secondary" id="unpublish" text={p.unpublish} />
              <Hint block text={p.unpublishHint} />
            </form>
          ) : (
            ''
          )}
        </>
      )}
    </section>
  );
}

/** Create or edit a round: year and theme, the timeline in Danish time, nominees and prize, form settings. */
export function EditionFormPage(p: EditionFormProps): JSX.Element {
  const { ctx, csrf, award, edition, form } = p;
  const { t } = ctx;
  const s = setupTexts(ctx.locale);
  const l = s.edition;
  const name = edition ? t.award.edition(award.name, edition.year) : '';
  const title = edition ? s.editEditionTitle(name) : s.newEditionTitle(award.name);
  const action = edition ? urls.editionSetup({ id: edition.id }) : urls.newEdition({ id: award.id });
  const crumbs = [...editionCrumbs(ctx, p), { label: edition ? String(edition.year) : s.newEdition }];
  const published = new Set<string>(PUBLISHED_TIMELINE_KEYS);
  const j = reviewSettingTexts(ctx.locale).setup;
  const required = new Set<string>(REQUIRED_TIMELINE_KEYS);
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs} hasErrors={form.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {p.notice ? (
        <Alert ctx={ctx} variant="success" text={p.notice}>
          {p.showDelay ? <p safe>{s.publicDelay}</p> : ''}
        </Alert>
      ) : (
        ''
      )}
      <h1 safe>{title}</h1>
      {edition ? <PublishingPanel ctx={ctx} csrf={csrf} award={award} edition={edition} now={p.now ?? new Date()} /> : ''}
      {edition && p.counts ? (
        <nav aria-labelledby="edition-parts-heading" class="no-print">
          <h2 id="edition-parts-heading" class="sr-only" safe>
            {name}
          </h2>
          <ul class="unstyled-list">
            <li>
              <a href={urls.criteria({ id: edition.id })} id="edition-criteria-link" safe>{`${s.lists.criteriaLink} (${p.counts.criteria})`}</a>
            </li>
            <li>
              <a href={urls.formSections({ id: edition.id })} id="edition-form-link" safe>{`${s.lists.formLink} (${p.counts.formSections})`}</a>
            </li>
            <li>
              <a href={urls.committee({ id: edition.id })} safe>{`${s.lists.committeeLink} (${p.counts.committee})`}</a>
            </li>
            <li>
              <a href={membersUrls.editionMembers({ id: edition.id })} safe>
                {memberLinkTexts(ctx.locale).overviewLink}
              </a>
            </li>
            <li>
              <a href={panelUrls.adminPanel({ id: edition.id })} safe>
                {panelLinkTexts(ctx.locale).admin.link}
              </a>
            </li>
            <li>
              <a href={nominationsUrls.editionNominations({ id: edition.id })} safe>
                {s.nominationsLink}
              </a>
            </li>
            <li>
              <a href={urls.edition({ slug: award.slug, year: edition.year })} safe>
                {urls.edition({ slug: award.slug, year: edition.year })}
              </a>
            </li>
          </ul>
          <NextYearButton ctx={ctx} csrf={csrf} editionId={edition.id} editionName={name} variant="button" from="edition" />
          <Hint block text={s.nextYearHint} />
        </nav>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <Fieldset legend={l.basicsHeading} legendClass="h2">
          <TextInput ctx={ctx} {...fieldOf(form, 'year')} label={l.year} hint={l.yearHint} width="xs" inputmode="numeric" />
          <TextInput ctx={ctx} {...fieldOf(form, 'theme')} label={l.theme} optional width="xl" />
          <TextArea ctx={ctx} {...fieldOf(form, 'themeDescription')} label={l.themeDescription} optional rows={4} />
        </Fieldset>
        <Fieldset legend={l.timelineHeading} legendClass="h2">
          <Hint block text={l.timelineIntro} />
          {TIMELINE_KEYS.map((k) => (
            <>
              <SetupDateTime
                ctx={ctx}
                form={form}
                id={k}
                legend={l[k]}
                optional={!required.has(k)}
                hint={edition && published.has(k) ? l.publishedHint : undefined}
              />
              {/* The committee's deadline stands with the other dates, in the order they come. */}
              {k === 'reviewStartsAt' ? (
                <SetupDateTime ctx={ctx} form={form} id="reviewClosesAt" legend={j.reviewClosesAt} hint={j.reviewClosesHint} optional />
              ) : (
                ''
              )}
            </>
          ))}
          <TextInput ctx={ctx} {...fieldOf(form, 'eventName')} label={l.eventName} hint={l.eventNameHint} optional />
          <TextInput ctx={ctx} {...fieldOf(form, 'eventPlace')} label={l.eventPlace} optional />
        </Fieldset>
        <Fieldset legend={l.nomineesHeading} legendClass="h2">
          <Hint block id="nominee-count" text={l.nomineeCountHint} />
          <TextInput ctx={ctx} {...fieldOf(form, 'nomineeCountMin')} label={l.nomineeCountMin} width="xxs" inputmode="numeric" optional />
          <TextInput ctx={ctx} {...fieldOf(form, 'nomineeCountMax')} label={l.nomineeCountMax} width="xxs" inputmode="numeric" optional />
          <TextInput ctx={ctx} {...fieldOf(form, 'prizeAmountKr')} label={l.prizeAmountKr} hint={l.prizeAmountHint} width="s" inputmode="numeric" optional />
          <TextArea ctx={ctx} {...fieldOf(form, 'prizePurpose')} label={l.prizePurpose} optional rows={3} />
          <TextArea ctx={ctx} {...fieldOf(form, 'prizeExtras')} label={l.prizeExtras} optional rows={3} />
          <SetupCheckbox ctx={ctx} form={form} id="prizeNotCash" label={l.prizeNotCash} />
          <TextInput ctx={ctx} {...fieldOf(form, 'filmUrl')} label={l.filmUrl} type="url" optional />
        </Fieldset>
        <Fieldset legend={l.englishHeading} legendClass="h2">
          <Hint block text={l.englishHint} />
          <TextInput ctx={ctx} {...fieldOf(form, 'themeEn')} label={l.themeEn} optional width="xl" lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, 'themeDescriptionEn')} label={l.themeDescriptionEn} optional rows={4} lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, 'prizePurposeEn')} label={l.prizePurposeEn} optional rows={3} lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, 'prizeExtrasEn')} label={l.prizeExtrasEn} optional rows={3} lang="en" />
        </Fieldset>
        <JudgingSettings ctx={ctx} form={form} />
        <Fieldset legend={l.settingsHeading} legendClass="h2">
          <SetupCheckbox ctx={ctx} form={form} id="hasPatientPanel" label={l.hasPatientPanel} />
          <SetupCheckbox ctx={ctx} form={form} id="asksOrigin" label={l.asksOrigin} />
        </Fieldset>
        <Button variant="primary" text={edition ? s.saveEdition : s.createEdition} />
      </form>
    </AdminLayout>
  );
}

/** The committee's review: blind review, the scale and what each step means (its deadline stands with the other dates). */
function JudgingSettings({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const j = reviewSettingTexts(ctx.locale).setup;
  return (
    <Fieldset id="judging-settings" legend={j.heading} legendClass="h2">
      <Hint block text={j.intro} />
      <SetupCheckbox ctx={ctx} form={form} id="blindReview" label={j.blindReview} />
      <TextInput ctx={ctx} {...fieldOf(form, 'scoreScaleMin')} label={j.scoreScaleMin} hint={j.scaleHint} width="xxs" inputmode="numeric" />
      <TextInput ctx={ctx} {...fieldOf(form, 'scoreScaleMax')} label={j.scoreScaleMax} width="xxs" inputmode="numeric" />
      <TextArea ctx={ctx} {...fieldOf(form, 'scoreLabels')} label={j.scoreLabels} hint={j.scoreLabelsHint} optional rows={5} />
    </Fieldset>
  );
}

// ---------------------------------------------------------------------------------------

type ListPageProps = EditionContext & {
  ctx: PageContext;
  csrf: string;
  kind: ListKind;
  edition: EditionRow;
  rows: ListRow[];
  errors: FieldError[];
  notice: 'saved' | 'not-saved' | null;
  /** When the first nomination was sent: criteria and form are then shown, not edited. */
  lockedSince: Date | null;
  /** The saved lists, shown read-only when locked. */
  saved: { criteria: CriterionRow[]; formSections: FormSectionRow[]; committee: CommitteeSeatRow[] };
  /** A POST was refused because the form is locked. */
  refused?: boolean;
};

/** The page of each list of a round. */
export const LIST_URLS = { criteria: urls.criteria, 'form-sections': urls.formSections, committee: urls.committee } satisfies Record<ListKind, unknown>;

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
  const crumbs = [...editionCrumbs(ctx, p), { label: String(edition.year), href: urls.editionSetup({ id: edition.id }) }, { label: texts.crumb }];
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
        <Alert
          ctx={ctx}
          variant={p.refused ? 'error' : 'warning'}
          live={p.refused ? 'alert' : 'none'}
          heading={l.lockedHeading}
          text={l.locked(formatInstant(p.lockedSince!, ctx.locale))}
        />
      ) : (
        ''
      )}
      {p.notice === 'saved' ? <Notice ctx={ctx} text={l.saved} /> : ''}
      {p.notice === 'not-saved' ? <Alert ctx={ctx} variant="info" text={l.notSavedYet(texts.save)} /> : ''}
      <h1 safe>{texts.title}</h1>
      <p safe>{texts.intro}</p>
      {locked ? (
        <ReadOnlyList ctx={ctx} kind={kind} saved={p.saved} />
      ) : (
        <form method="post" action={LIST_URLS[kind]({ id: edition.id })} novalidate>
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
            {p.rows.map((row, i) => (
              <li>
                <ListRowFields ctx={ctx} kind={kind} form={form} row={row} index={i} count={p.rows.length} label={texts.row(i + 1)} />
              </li>
            ))}
          </ol>
          <Hint block text={l.emptyRowsDropped} />
          <ButtonGroup>
            <Button variant="secondary" name="handling" value="tilfoej" id="list-add" text={texts.add} />
            <Button variant="primary" name="handling" value="gem" text={texts.save} />
          </ButtonGroup>
        </form>
      )}
    </AdminLayout>
  );
}

/** One row of a list being edited: its fields (named `r<index>-<field>`) and the buttons that move or remove it. */
function ListRowFields(p: { ctx: PageContext; kind: ListKind; form: FormState; row: ListRow; index: number; count: number; label: string }) {
  const { ctx, kind, form, index: i } = p;
  const l = setupTexts(ctx.locale).lists;
  const id = (f: string) => `r${i}-${f}`;
  const suffix = l.rowLabel(p.label);
  return (
    <Fieldset legend={p.label} legendClass="h3">
      <input type="hidden" name={id('id')} value={p.row.id} />
      {kind === 'criteria' ? (
        <>
          <TextInput ctx={ctx} {...fieldOf(form, id('title'))} label={l.title} width="xl" />
          <TextArea ctx={ctx} {...fieldOf(form, id('description'))} label={l.description} rows={4} />
          <TextInput ctx={ctx} {...fieldOf(form, id('titleEn'))} label={l.titleEn} hint={l.englishHint} width="xl" optional lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, id('descriptionEn'))} label={l.descriptionEn} optional rows={4} lang="en" />
        </>
      ) : kind === 'form-sections' ? (
        <>
          <TextInput ctx={ctx} {...fieldOf(form, id('heading'))} label={l.heading} width="xl" />
          <TextArea ctx={ctx} {...fieldOf(form, id('help'))} label={l.help} hint={l.helpHint} optional rows={3} />
          <TextInput ctx={ctx} {...fieldOf(form, id('headingEn'))} label={l.headingEn} hint={l.englishHint} width="xl" optional lang="en" />
          <TextArea ctx={ctx} {...fieldOf(form, id('helpEn'))} label={l.helpEn} optional rows={3} lang="en" />
          <TextInput ctx={ctx} {...fieldOf(form, id('wordLimit'))} label={l.wordLimit} hint={l.wordLimitHint} width="xs" inputmode="numeric" optional />
          <SetupCheckbox ctx={ctx} form={form} id={id('required')} label={l.required} />
        </>
      ) : (
        <>
          <TextInput ctx={ctx} {...fieldOf(form, id('name'))} label={l.seatName} optional />
          <TextInput ctx={ctx} {...fieldOf(form, id('partyLetter'))} label={l.partyLetter} width="xxs" optional />
          <TextInput ctx={ctx} {...fieldOf(form, id('represents'))} label={l.represents} optional />
          <SetupCheckbox ctx={ctx} form={form} id={id('isChair')} label={l.isChair} />
        </>
      )}
      <ButtonGroup>
        {i > 0 ? <RowButton value={`op-${i}`} text={l.moveUp} suffix={suffix} /> : ''}
        {i < p.count - 1 ? <RowButton value={`ned-${i}`} text={l.moveDown} suffix={suffix} /> : ''}
        <RowButton value={`fjern-${i}`} text={l.remove} suffix={suffix} />
      </ButtonGroup>
    </Fieldset>
  );
}

/** "Flyt op", "Flyt ned", "Fjern", each naming its row for screen readers. */
function RowButton({ value, text, suffix }: { value: string; text: string; suffix: string }) {
  return (
    <Button variant="tertiary" name="handling" value={value}>
      <span safe>{text}</span>
      <span class="sr-only" safe>
        {suffix}
      </span>
    </Button>
  );
}

/** The saved criteria or form sections, once the form is locked (shown, not edited). */
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
          <Hint
            block
            text={[f.wordLimit === null ? l.noWordLimit : l.wordLimitShown(f.wordLimit), f.required ? '' : l.optionalSection].filter(Boolean).join(' · ')}
          />
        </li>
      ))}
    </ol>
  );
}
