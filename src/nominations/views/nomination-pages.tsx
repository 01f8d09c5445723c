import Html from '@kitajs/html';
import { CsrfField } from '../../platform/csrf.js';
import {
  Alert,
  BackLink,
  Badge,
  Button,
  ButtonGroup,
  ButtonLink,
  Checkboxes,
  ErrorSummary,
  Hint,
  type FieldError as KitFieldError,
  Layout,
  LocalizedText,
  type PageContext,
  pickText,
  Radios,
  StepIndicator,
  TextArea,
  TextInput,
} from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { nomineeContactOptional, STEPS, SUMMARY_WORD_LIMIT, type FieldError, type NominationFields, type Step } from '../form.js';
import { errorText, type NominationTexts } from '../i18n.js';
import { nominationBlocks, type TextBlock } from '../nomination-text.js';
import type { EditionForForm } from '../nomination.service.js';
import { countWords } from '../word-count.js';
import { formatSize, kindLabel } from '../attachments/views/attachments-page.js';
import { ideaBankTexts, type SimilarRow, SimilarBox, IdeaBankAssets } from '../../ideabank/index.js';
import { awardsUrls } from '../../awards/urls.js';
import { nominationsUrls as urls } from '../urls.js';

const editionName = (e: EditionForForm) => `${e.award.name} ${e.edition.year}`;

function crumbs(ctx: PageContext, e: EditionForForm, last: string) {
  return [{ label: ctx.t.home, href: '/' }, { label: editionName(e), href: awardsUrls.edition({ slug: e.award.slug, year: e.edition.year }) }, { label: last }];
}

/** A notice of the nomination flow: a DKFDS alert; success and info are announced politely. */
function Notice({ ctx, variant, heading, body }: { ctx: PageContext } & NoticeData) {
  return <Alert ctx={ctx} variant={variant} heading={heading} text={body} live={variant === 'success' || variant === 'info' ? 'status' : 'alert'} />;
}

/** The word limit of a textarea in the kit's terms: the limit, the count so far and the texts. */
function wordLimitOf(t: NominationTexts, limit: number | null, value: string) {
  if (limit === null) return undefined;
  return { limit, words: countWords(value), hint: t.wordLimit(limit), texts: { under: t.wordCountTemplate, over: t.wordCountOverTemplate } };
}

export type NoticeData = { variant: 'info' | 'success' | 'warning' | 'error'; heading?: string; body: string };

/** The start page: what it takes, the deadline, and the way in (or why not). */
export function StartPage(p: {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  state: 'open' | 'not-open-yet' | 'deadline-passed';
  startHref: string;
}) {
  const { ctx, t, edition } = p;
  const tl = edition.timeline;
  return (
    <Layout
      ctx={ctx}
      title={t.startTitle(editionName(edition))}
      breadcrumbs={crumbs(ctx, edition, t.startTitle(editionName(edition)))}
      organisers={[edition.organisation]}
    >
      <h1 safe>{t.startTitle(editionName(edition))}</h1>
      {p.state === 'open' && tl ? (
        <>
          <p class="font-lead" safe>
            {t.startIntro}
          </p>
          <p>
            <strong safe>{t.deadline(formatInstant(tl.closesAt, ctx.locale))}</strong>
          </p>
          <h2 safe>{t.youNeed}</h2>
          <ul>
            {t.youNeedList.map((x) => (
              <li safe>{x}</li>
            ))}
            {edition.form.sections.map((s) => (
              <li>
                <LocalizedText ctx={ctx} da={s.heading} en={s.headingEn} />
                {s.wordLimit ? <span safe>{` – ${t.wordLimit(s.wordLimit)}`}</span> : ''}
              </li>
            ))}
          </ul>
          <Notice ctx={ctx} variant="warning" heading={t.privacyWarning} body={ctx.t.privacy.body} />
          <p>
            <ButtonLink variant="primary" href={p.startHref} text={t.start} />
          </p>
        </>
      ) : p.state === 'not-open-yet' && tl ? (
        <Notice ctx={ctx} variant="info" heading={ctx.t.phase.upcoming} body={t.opensAt(formatInstant(tl.opensAt, ctx.locale))} />
      ) : (
        <Notice ctx={ctx} variant="warning" heading={t.deadlinePassedHeading} body={t.closedNotice(editionName(edition))} />
      )}
      <p>
        <a href={urls.lostLink()} safe>
          {t.linkRecovery.lostLink}
        </a>
      </p>
    </Layout>
  );
}

export type StepPageProps = {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  step: Step;
  fields: NominationFields;
  errors: FieldError[];
  action: string;
  csrf: string;
  version: number | null;
  /** Links of the step indicator, when a nomination exists. */
  stepHref?: (step: Step | 'tjek') => string;
  notice?: NoticeData | undefined;
  backHref: string;
  /** A sent nomination is being changed: no "Gem kladde", and the last step leads to the check page. */
  isSent?: boolean;
};

/** One question page of the flow, with the error summary above the h1. */
/** Whether the step shows an administrator's Danish text in an English one's place (criteria, section headings, help). */
function danishStandIns(ctx: PageContext, step: Step, edition: EditionForForm): boolean {
  const danish = (da: string, en: string | null | undefined) => pickText(ctx.locale, da, en).fallback;
  if (step === 'loesning') return edition.form.criteria.some((c) => danish(c.title, c.titleEn) || danish(c.description, c.descriptionEn));
  if (step === 'beskrivelse') return edition.form.sections.some((s) => danish(s.heading, s.headingEn) || danish(s.help, s.helpEn));
  return false;
}

export function StepPage(p: StepPageProps) {
  const { ctx, t, edition, step, fields: f } = p;
  // A citizen may leave the nominee's e-mail and unit empty (form.ts nomineeContactOptional).
  const citizen = nomineeContactOptional(f);
  const errOf = (field: string) => {
    const e = p.errors.find((x) => x.field === field);
    return e ? errorText(t, e) : undefined;
  };
  const summary: KitFieldError[] = p.errors.map((e) => ({ field: e.field, message: errorText(t, e) }));
  const index = STEPS.indexOf(step);
  const title = t.steps[step];
  const fl = t.fields;
  return (
    <Layout
      ctx={ctx}
      title={`${title} – ${t.startTitle(editionName(edition))}`}
      hasErrors={p.errors.length > 0}
      breadcrumbs={crumbs(ctx, edition, title)}
      organisers={[edition.organisation]}
    >
      <ErrorSummary ctx={ctx} errors={summary} />
      {p.notice ? <Notice ctx={ctx} {...p.notice} /> : ''}
      <StepIndicator
        ctx={ctx}
        label={t.stepIndicatorLabel}
        steps={[...STEPS, 'tjek' as const].map((s, i) => ({
          title: t.steps[s],
          current: s === step,
          done: i < index,
          // A step is a link once it can be reached: before this one, or any step of a saved draft.
          ...(p.stepHref && (i < index || p.version !== null) ? { href: p.stepHref(s) } : {}),
        }))}
      />
      <p class="h5 step-caption" safe>
        {`${t.stepOf(index + 1, STEPS.length + 1)} · ${editionName(edition)}`}
      </p>
      <h1 safe>{title}</h1>
      {/* One privacy note for the step, where free text is asked for (not under every field). */}
      {step === 'loesning' || step === 'beskrivelse' ? (
        <p class="privacy-note">
          <strong safe>{t.privacyWarning}</strong>
        </p>
      ) : (
        ''
      )}
      {/* The labels of a Danish stand-in are marked lang="da"; one note for the step says why. */}
      {danishStandIns(ctx, step, edition) ? <p safe>{ctx.t.ui.someInDanish}</p> : ''}
      <form
        method="post"
        action={p.action}
        novalidate
        class="nomination-form"
        id="nomination-form"
        data-autosave={p.version !== null && !p.isSent ? `${p.action.replace(/\/[^/]+$/, '')}/autogem` : undefined}
      >
        <CsrfField token={p.csrf} />
        {p.version !== null ? <input type="hidden" name="version" value={String(p.version)} /> : ''}
        {step === 'om-dig' ? (
          <>
            <TextInput ctx={ctx} id="nominatorName" label={fl.nominatorName} value={f.nominatorName} error={errOf('nominatorName')} autocomplete="name" />
            <TextInput
              ctx={ctx}
              id="nominatorEmail"
              type="email"
              label={fl.nominatorEmail}
              hint={fl.nominatorEmailHint}
              value={f.nominatorEmail}
              error={errOf('nominatorEmail')}
              autocomplete="email"
            />
            <Radios
              ctx={ctx}
              id="nominatorIsCitizen"
              legend={fl.nominatorIsCitizen}
              value={f.nominatorIsCitizen}
              error={errOf('nominatorIsCitizen')}
              options={[
                { value: 'no', label: fl.nominatorIsCitizenNo },
                { value: 'yes', label: fl.nominatorIsCitizenYes },
              ]}
            />
            <TextInput
              ctx={ctx}
              id="nominatorWorkplace"
              label={fl.nominatorWorkplace}
              hint={fl.nominatorWorkplaceHint}
              value={f.nominatorWorkplace}
              error={errOf('nominatorWorkplace')}
              autocomplete="organization"
            />
          </>
        ) : step === 'kandidat' ? (
          <>
            <Radios
              ctx={ctx}
              id="nomineeKind"
              legend={fl.nomineeKind}
              value={f.nomineeKind}
              error={errOf('nomineeKind')}
              options={[
                { value: 'person', label: fl.nomineeKindPerson },
                { value: 'team', label: fl.nomineeKindTeam },
                { value: 'workplace', label: fl.nomineeKindWorkplace },
              ]}
            />
            <TextInput ctx={ctx} id="nomineeNames" label={fl.nomineeNames} hint={fl.nomineeNamesHint} value={f.nomineeNames} error={errOf('nomineeNames')} />
            <TextInput
              ctx={ctx}
              id="nomineeUnit"
              label={fl.nomineeUnit}
              optional={citizen}
              hint={citizen ? fl.nomineeUnitCitizenHint : undefined}
              value={f.nomineeUnit}
              error={errOf('nomineeUnit')}
            />
            <TextInput ctx={ctx} id="nomineeOrganisation" label={fl.nomineeOrganisation} value={f.nomineeOrganisation} error={errOf('nomineeOrganisation')} />
            <TextInput
              ctx={ctx}
              id="nomineeEmail"
              type="email"
              label={fl.nomineeEmail}
              optional={citizen}
              hint={citizen ? fl.nomineeEmailCitizenHint : fl.nomineeEmailHint}
              value={f.nomineeEmail}
              error={errOf('nomineeEmail')}
            />
          </>
        ) : step === 'loesning' ? (
          <>
            <TextInput ctx={ctx} id="title" label={fl.title} value={f.title} error={errOf('title')} />
            <TextArea
              ctx={ctx}
              id="summary"
              label={fl.summary}
              hint={fl.summaryHint}
              value={f.summary}
              error={errOf('summary')}
              wordLimit={wordLimitOf(t, SUMMARY_WORD_LIMIT, f.summary)}
              rows={4}
              wide
            />
            <IdeaBankAssets />
            <SimilarBox ctx={ctx} it={ideaBankTexts(ctx.locale)} similar={[]} live />
            {edition.form.criteria.length > 0 ? (
              <Checkboxes
                ctx={ctx}
                id="criterionIds"
                legend={fl.criteria}
                hint={fl.criteriaHint}
                values={f.criterionIds.map(String)}
                error={errOf('criterionIds')}
                options={edition.form.criteria.map((c) => {
                  const title = pickText(ctx.locale, c.title, c.titleEn);
                  // Title and description each fall back on their own: either may be given in English without the other.
                  const description = pickText(ctx.locale, c.description, c.descriptionEn);
                  return {
                    value: String(c.id),
                    label: title.text,
                    hint: description.text,
                    ...(title.fallback ? { lang: 'da' } : {}),
                    ...(description.fallback ? { hintLang: 'da' } : {}),
                  };
                })}
              />
            ) : (
              ''
            )}
            {edition.form.asksOrigin ? (
              <>
                <TextInput
                  ctx={ctx}
                  id="originOrganisation"
                  label={fl.originOrganisation}
                  hint={fl.originOrganisationHint}
                  value={f.originOrganisation}
                  error={errOf('originOrganisation')}
                />
                <TextArea
                  ctx={ctx}
                  id="originDescription"
                  label={fl.originDescription}
                  optional
                  value={f.originDescription}
                  error={errOf('originDescription')}
                  rows={4}
                  wide
                />
                <TextInput
                  ctx={ctx}
                  id="originUrl"
                  type="url"
                  label={fl.originUrl}
                  optional
                  hint={fl.originUrlHint}
                  value={f.originUrl}
                  error={errOf('originUrl')}
                />
              </>
            ) : (
              ''
            )}
          </>
        ) : (
          edition.form.sections.map((s) => {
            // A Danish heading standing in on an English page is marked lang="da" (the form's note says why).
            const heading = pickText(ctx.locale, s.heading, s.headingEn);
            const help = pickText(ctx.locale, s.help, s.helpEn);
            return (
              <TextArea
                ctx={ctx}
                id={`section-${s.id}`}
                label={heading.text}
                labelLang={heading.fallback ? 'da' : undefined}
                hintLang={help.fallback ? 'da' : undefined}
                optional={!s.required}
                hint={help.text}
                value={f.answers[String(s.id)] ?? ''}
                error={errOf(`section-${s.id}`)}
                wordLimit={wordLimitOf(t, s.wordLimit, f.answers[String(s.id)] ?? '')}
                rows={10}
                wide
              />
            );
          })
        )}
        {step === 'beskrivelse' && p.version !== null ? (
          <section class="attachments-link" aria-labelledby="attachments-heading">
            <h2 class="h3" id="attachments-heading" safe>
              {t.attachments.title}
            </h2>
            <p safe>{t.attachments.stepHint}</p>
            <p>
              {/* A submit button of the form, so what was just typed is saved before leaving the page. */}
              <Button variant="secondary" name="handling" value="bilag" text={t.attachments.saveAndAttach} />
            </p>
          </section>
        ) : (
          ''
        )}
        <Hint live class="autosave-status" text="" />
        <ButtonGroup>
          <Button variant="primary" name="handling" value="fortsaet" text={t.continue} />
          {p.isSent ? '' : <Button variant="secondary" name="handling" value="gem" text={t.saveDraft} />}
        </ButtonGroup>
      </form>

      <BackLink ctx={ctx} href={p.backHref} text={t.back} />
    </Layout>
  );
}

type SummaryProps = {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  fields: NominationFields;
  stepHref: (step: Step) => string;
};

/** "Tjek dine svar": every answer with a "Redigér" link to its step. */
/** One block of a nomination's answers: labelled lines, or a section's text. */
function BlockAnswers({ t, block }: { t: NominationTexts; block: TextBlock }) {
  return 'lines' in block ? (
    <dl class="answers-list">
      {block.lines.map(([label, value, lang]) => (
        <>
          <dt safe>{label}</dt>
          <dd class="answer-text" lang={value ? lang : undefined} safe>
            {value || t.check.notFilled}
          </dd>
        </>
      ))}
    </dl>
  ) : (
    <p class="answer-text" safe>
      {block.text || t.check.notFilled}
    </p>
  );
}

/** Whether blocks show an administrator's Danish text in an English one's place (a section heading, the criteria). */
const hasDanishStandIn = (blocks: TextBlock[]) => blocks.some((b) => b.headingLang || ('lines' in b && b.lines.some((l) => l[2])));

function AnswersSummary({ ctx, t, edition, fields, stepHref }: SummaryProps) {
  const blocks = nominationBlocks(fields, edition.form, ctx.locale);
  const stepOfBlock = (i: number): Step => (i === 0 ? 'om-dig' : i === 1 ? 'kandidat' : i === 2 ? 'loesning' : 'beskrivelse');
  return (
    <>
      {hasDanishStandIn(blocks) ? <p safe>{ctx.t.ui.someInDanish}</p> : ''}
      {blocks.map((b, i) => (
        <section class="answers-block" aria-labelledby={`answers-${i}`}>
          <h2 class="h3" id={`answers-${i}`} lang={b.headingLang} safe>
            {b.heading}
          </h2>
          <BlockAnswers t={t} block={b} />
          <p>
            {/* A section's answer: straight to its field; the other blocks open their step. */}
            <a href={i >= 3 ? `${stepHref('beskrivelse')}#section-${edition.form.sections[i - 3]!.id}` : stepHref(stepOfBlock(i))} class="function-link">
              <span safe>{t.edit}</span>
              <span class="sr-only" lang={b.headingLang} safe>{`: ${b.heading}`}</span>
            </a>
          </p>
        </section>
      ))}
    </>
  );
}

export function CheckPage(p: {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  fields: NominationFields;
  incomplete: { step: Step; errors: FieldError[] }[];
  stepHref: (step: Step | 'tjek') => string;
  action: string;
  csrf: string;
  version: number;
  isSent: boolean;
  notice?: NoticeData | undefined;
  canSend: boolean;
  /** The nomination's files; when not given, only the link to the attachments page is shown. */
  attachments?: { id: number; fileName: string; mediaType: string; sizeBytes: number; pendingChange?: 'added' | 'removed' | null }[] | undefined;
  /** How many sent files the nominator deleted since sending (removed when the changes are sent). */
  removedPending?: number | undefined;
  /** Idea-bank solutions that resemble the nomination (shown when there are any). */
  similar?: SimilarRow[] | undefined;
}) {
  const { ctx, t, edition } = p;
  // The nomination's own pages share the base of the check page's address (/indstillinger/<id>).
  const attachmentsHref = `${p.stepHref('tjek').replace(/\/tjek$/, '')}/bilag`;
  const summary: KitFieldError[] = p.incomplete.flatMap((s) =>
    s.errors.map((e) => ({ field: e.field, message: errorText(t, e), href: `${p.stepHref(s.step)}#${e.field}` })),
  );
  return (
    <Layout ctx={ctx} title={t.check.title} hasErrors={summary.length > 0} breadcrumbs={crumbs(ctx, edition, t.steps.tjek)} organisers={[edition.organisation]}>
      <ErrorSummary ctx={ctx} heading={t.check.incomplete} errors={summary} />
      {p.notice ? <Notice ctx={ctx} {...p.notice} /> : ''}
      <StepIndicator
        ctx={ctx}
        label={t.stepIndicatorLabel}
        steps={[...STEPS, 'tjek' as const].map((s) => ({ title: t.steps[s], current: s === 'tjek', done: s !== 'tjek', href: p.stepHref(s) }))}
      />
      <h1 safe>{t.check.title}</h1>
      <AnswersSummary ctx={ctx} t={t} edition={edition} fields={p.fields} stepHref={p.stepHref} />
      {p.similar && p.similar.length > 0 ? <SimilarBox ctx={ctx} it={ideaBankTexts(ctx.locale)} similar={p.similar} /> : ''}
      <section class="answers-block" aria-labelledby="answers-attachments">
        <h2 class="h3" id="answers-attachments" safe>
          {t.attachments.title}
        </h2>
        {p.attachments === undefined ? (
          ''
        ) : p.attachments.length === 0 ? (
          <p safe>{t.attachments.checkNone}</p>
        ) : (
          <ul class="attachment-list">
            {p.attachments.map((f) => (
              <li>
                <a href={`${attachmentsHref}/${f.id}`} class="answer-text" download="" safe>
                  {f.fileName}
                </a>
                <span safe>{` (${kindLabel(f.mediaType)}, ${formatSize(f.sizeBytes, ctx, t)})`}</span>
                {f.pendingChange === 'added' ? (
                  <>
                    {' '}
                    <Badge status="info">{Html.escapeHtml(t.attachments.notSent)}</Badge>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        )}
        {p.removedPending ? <p safe>{t.attachments.removedPending(p.removedPending)}</p> : ''}
        <p>
          <a href={attachmentsHref} class="function-link" safe>
            {t.attachments.checkEdit}
          </a>
        </p>
      </section>
      {p.canSend ? (
        <form method="post" action={p.action} novalidate class="send-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="version" value={String(p.version)} />
          <p safe>{t.check.confirm}</p>
          <Button variant="primary" data={{ 'data-once': 'true' }} text={p.isSent ? t.sendChanges : t.send} />
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function ReceiptPage(p: {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  receiptNumber: string;
  /** When it was first sent, and when its changes were last sent (the same instant if never changed). */
  firstSentAt: Date;
  sentAt: Date;
  withdrawnAt: Date | null;
  /** When changes not sent yet were saved (the working copy), or null. */
  pendingSavedAt: Date | null;
  attachments: readonly { fileName: string }[];
  nominatorEmail: string;
  withdrawn: boolean;
  canChange: boolean;
  changeHref: string;
  withdrawHref: string;
  pdfHref: string | null;
  notice?: NoticeData | undefined;
}) {
  const { ctx, t, edition } = p;
  const tl = edition.timeline;
  const fmt = (d: Date) => formatInstant(d, ctx.locale);
  return (
    <Layout ctx={ctx} title={t.receipt.title} breadcrumbs={crumbs(ctx, edition, t.receipt.title)} organisers={[edition.organisation]}>
      {p.notice ? <Notice ctx={ctx} {...p.notice} /> : ''}
      {p.withdrawn ? (
        <h1 safe>{t.receipt.withdrawn}</h1>
      ) : (
        <Alert ctx={ctx} variant="success" live="status" heading={t.receipt.heading} headingLevel="h1" headingClass="h2">
          <p>
            <span safe>{`${t.receipt.number}: `}</span>
            <strong class="receipt-number" safe>
              {p.receiptNumber}
            </strong>
          </p>
        </Alert>
      )}
      {p.pendingSavedAt && p.canChange && !p.withdrawn ? (
        <Alert ctx={ctx} variant="warning" live="none" id="pending-changes" heading={t.receipt.pendingHeading}>
          <p safe>{t.receipt.pendingBody(fmt(p.pendingSavedAt))}</p>
          <p>
            <a href={p.changeHref} safe>
              {t.receipt.pendingLink}
            </a>
          </p>
        </Alert>
      ) : (
        ''
      )}
      <dl class="answers-list">
        {p.withdrawn ? (
          <>
            <dt safe>{t.receipt.number}</dt>
            <dd safe>{p.receiptNumber}</dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{p.firstSentAt.getTime() === p.sentAt.getTime() ? t.receipt.received : t.receipt.firstSent}</dt>
        <dd safe>{fmt(p.firstSentAt)}</dd>
        {p.firstSentAt.getTime() === p.sentAt.getTime() ? (
          ''
        ) : (
          <>
            <dt safe>{t.receipt.lastChanged}</dt>
            <dd safe>{fmt(p.sentAt)}</dd>
          </>
        )}
        {p.withdrawnAt ? (
          <>
            <dt safe>{t.receipt.withdrawnAt}</dt>
            <dd safe>{fmt(p.withdrawnAt)}</dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{t.receipt.attachments}</dt>
        <dd>
          {p.attachments.length ? (
            <ul class="nobullet-list">
              {p.attachments.map((a) => (
                <li safe>{a.fileName}</li>
              ))}
            </ul>
          ) : (
            <span safe>{t.receipt.noAttachments}</span>
          )}
        </dd>
      </dl>
      {p.withdrawn ? '' : <p safe>{t.receipt.emailSent(p.nominatorEmail)}</p>}
      {tl && !p.withdrawn ? (
        <>
          <h2 safe>{t.receipt.next}</h2>
          <ul>
            <li safe>{t.receipt.canChange(fmt(tl.closesAt))}</li>
            <li safe>{t.receipt.nomineeTold}</li>
            <li safe>{t.receipt.nomineesPublished(fmt(tl.nomineesPublishedAt))}</li>
            <li safe>{t.receipt.winner(fmt(tl.winnerAnnouncedAt), edition.edition.eventName)}</li>
          </ul>
        </>
      ) : (
        ''
      )}
      {p.pdfHref && !p.withdrawn ? (
        <p>
          <a href={p.pdfHref} class="function-link" safe>
            {t.receipt.pdf}
          </a>
        </p>
      ) : (
        ''
      )}
      {p.canChange && !p.withdrawn ? (
        <ButtonGroup>
          <ButtonLink variant="secondary" href={p.changeHref} text={t.receipt.change} />
          <ButtonLink variant="tertiary" href={p.withdrawHref} text={t.receipt.withdraw} />
        </ButtonGroup>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** After the deadline: the draft to read, copy and download, but not send. */
export function ClosedDraftPage(p: {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  fields: NominationFields;
  downloadHref: string;
  sent: boolean;
}) {
  const { ctx, t, edition } = p;
  const deadline = edition.timeline ? formatInstant(edition.timeline.closesAt, ctx.locale) : '';
  const blocks = nominationBlocks(p.fields, edition.form, ctx.locale);
  return (
    <Layout ctx={ctx} title={t.deadlinePassedHeading} breadcrumbs={crumbs(ctx, edition, t.deadlinePassedHeading)} organisers={[edition.organisation]}>
      <h1 safe>{t.deadlinePassedHeading}</h1>
      {/* The h1 already says the deadline has passed: the notice gives the text only. */}
      <Notice
        ctx={ctx}
        variant="warning"
        body={p.sent ? t.deadlinePassedSentBody(editionName(edition), deadline) : t.deadlinePassedBody(editionName(edition), deadline)}
      />
      <p>
        <ButtonLink variant="secondary" href={p.downloadHref} download text={t.download} />
      </p>
      {hasDanishStandIn(blocks) ? <p safe>{ctx.t.ui.someInDanish}</p> : ''}
      {blocks.map((b) => (
        <section>
          <h2 class="h3" lang={b.headingLang} safe>
            {b.heading}
          </h2>
          <BlockAnswers t={t} block={b} />
        </section>
      ))}
    </Layout>
  );
}

export function WithdrawPage(p: { ctx: PageContext; t: NominationTexts; edition: EditionForForm; action: string; csrf: string; cancelHref: string }) {
  const { ctx, t, edition } = p;
  return (
    <Layout ctx={ctx} title={t.withdraw.title} breadcrumbs={crumbs(ctx, edition, t.withdraw.title)} organisers={[edition.organisation]}>
      <h1 safe>{t.withdraw.title}</h1>
      <p safe>{t.withdraw.body}</p>
      <form method="post" action={p.action}>
        <CsrfField token={p.csrf} />
        <ButtonGroup>
          <Button variant="warning" text={t.withdraw.confirm} />
          <ButtonLink variant="secondary" href={p.cancelHref} text={t.withdraw.cancel} />
        </ButtonGroup>
      </form>
    </Layout>
  );
}

export function ConsentPage(p: {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  nominatorName: string;
  title: string;
  current: 'pending' | 'accepted' | 'declined';
  action: string;
  csrf: string;
  error?: string | undefined;
  saved?: boolean;
  /** The nominator withdrew the nomination: the page says so and takes no answer. */
  withdrawn?: boolean;
}) {
  const { ctx, t, edition } = p;
  if (p.withdrawn) {
    return (
      <Layout ctx={ctx} title={t.consent.withdrawnTitle} organisers={[edition.organisation]}>
        <h1 safe>{t.consent.withdrawnTitle}</h1>
        <p class="font-lead" safe>
          {t.consent.withdrawn(p.nominatorName, editionName(edition), p.title)}
        </p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={t.consent.title} hasErrors={!!p.error} organisers={[edition.organisation]}>
      <ErrorSummary ctx={ctx} errors={p.error ? [{ field: 'answer', message: p.error }] : []} />
      {p.saved ? <Notice ctx={ctx} variant="success" heading={t.consent.saved} body={t.consent.current(t.consent.answers[p.current])} /> : ''}
      <h1 safe>{t.consent.title}</h1>
      <p class="font-lead" safe>
        {t.consent.intro(p.nominatorName, editionName(edition), p.title)}
      </p>
      <p safe>{t.consent.body}</p>
      <p safe>{t.consent.current(t.consent.answers[p.current])}</p>
      <form method="post" action={p.action} novalidate>
        <CsrfField token={p.csrf} />
        <Radios
          ctx={ctx}
          id="answer"
          legend={t.consent.question}
          value={p.current === 'pending' ? '' : p.current}
          error={p.error}
          options={[
            { value: 'accepted', label: t.consent.accept },
            { value: 'declined', label: t.consent.decline },
          ]}
        />
        <Button variant="primary" text={t.consent.save} />
      </form>
    </Layout>
  );
}
