import { nominationAdminTexts } from '../admin-i18n.js';
import { ideaBankTexts } from '../../ideabank/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Button,
  ErrorSummary,
  type FieldError,
  Hint,
  type PageContext,
  Paragraphs,
  Radios,
  TextArea,
  TextInput,
  errorFor,
} from '../../platform/ui/index.js';
import type { ScreeningDecision } from '../screening.service.js';
import type { NominationDetail } from '../admin.service.js';
import { nominationsUrls as urls } from '../urls.js';

export type ScreeningForm = {
  decision: ScreeningDecision | null;
  reason: string;
  errors: FieldError[];
  saved: boolean;
};

/** The form that adds the nominee's contact (a citizen's nomination without one): what was typed and what is wrong. */
export type NomineeContactForm = { email: string; unit: string; errors: FieldError[]; saved: boolean };

type Props = { ctx: PageContext; csrf: string; detail: NominationDetail; form: ScreeningForm; contact?: NomineeContactForm };

/**
 * One nomination in full, as the administrators read and print it, with the screening form.
 * The print stylesheet (public/app.css) leaves out the frame, the forms and the sign-out button.
 */
export function NominationPage({ ctx, csrf, detail, form, contact }: Props): JSX.Element {
  const { t } = ctx;
  const a = nominationAdminTexts(ctx.locale);
  const { nomination: n, edition, award, sections, criteria, attachments } = detail;
  const editionName = t.award.edition(award.name, edition.year);
  const heading = n.title || a.untitled;
  const receipt = n.receiptNumber ?? '';
  const when = (d: Date | null) => (d ? formatInstant(d, ctx.locale) : '');
  const chosen = new Set(n.criterionIds);
  const answered = criteria.filter((c) => chosen.has(c.id));
  const showOrigin = edition.asksOrigin || Boolean(n.originOrganisation || n.originDescription || n.originUrl);
  const errors = [...form.errors, ...(contact?.errors ?? [])];
  const hasErrors = errors.length > 0;

  return (
    <AdminLayout
      ctx={ctx}
      title={`${a.nominationTitle(receipt)}: ${heading}`}
      hasErrors={hasErrors}
      csrf={csrf}
      crumbs={[{ label: editionName, href: urls.editionNominations({ id: edition.id }) }, { label: receipt }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      {form.saved ? <Alert ctx={ctx} variant="success" class="no-print" text={a.screeningSaved} /> : ''}
      {contact?.saved ? <Alert ctx={ctx} variant="success" live="status" class="no-print" text={a.contactSaved} /> : ''}
      <p class="admin-kicker" safe>
        {`${a.nominationTitle(receipt)} · ${editionName}`}
      </p>
      <h1 lang="da" safe>
        {heading}
      </h1>
      <Hint block class="no-print" text={a.printHint} />
      <Neighbours ctx={ctx} position={detail.position} />
      {detail.changedAfterScreening ? (
        <Alert ctx={ctx} variant="warning" live="none" id="changed-after-screening" heading={a.changedAlertHeading} text={a.changedAlert(when(n.updatedAt))} />
      ) : (
        ''
      )}

      {n.status === 'withdrawn' ? (
        <Alert ctx={ctx} variant="warning" live="none" text={n.withdrawnAt ? a.withdrawnNotice(when(n.withdrawnAt)) : a.withdrawnNoticeNoDate} />
      ) : (
        ''
      )}

      <h2 safe>{a.facts}</h2>
      <dl class="admin-facts">
        <Fact label={a.receiptNumber} value={receipt} />
        <Fact label={a.statusLabel} value={a.status[n.status]} />
        <Fact label={a.sentAt} value={when(n.sentAt)} />
        {n.firstSentAt && n.sentAt && n.firstSentAt.getTime() !== n.sentAt.getTime() ? <Fact label={a.firstSentAt} value={when(n.firstSentAt)} /> : ''}
        {n.withdrawnAt ? <Fact label={a.withdrawnAt} value={when(n.withdrawnAt)} /> : ''}
        <Fact label={a.screeningCurrent} value={a.screening[n.screening]} />
        {n.screenedAt ? <Fact label={a.screenedAt} value={when(n.screenedAt)} /> : ''}
        {n.screeningReason ? <Fact label={a.screeningReason} value={n.screeningReason} /> : ''}
      </dl>

      <h2 safe>{a.nominatorHeading}</h2>
      <dl class="admin-facts">
        <Fact label={a.name} value={n.nominatorName} />
        <Fact label={a.email} value={n.nominatorEmail} />
        <Fact label={a.workplace} value={n.nominatorWorkplace} />
        <Fact label={a.isCitizen} value={n.nominatorIsCitizen === 'yes' ? a.yes : n.nominatorIsCitizen === 'no' ? a.no : ''} />
      </dl>

      <h2 safe>{a.nomineeHeading}</h2>
      <dl class="admin-facts">
        <Fact label={a.kind} value={n.nomineeKind ? a.nomineeKind[n.nomineeKind] : ''} />
        <Fact label={a.names} value={n.nomineeNames} />
        <Fact label={a.unit} value={n.nomineeUnit} />
        <Fact label={a.organisation} value={n.nomineeOrganisation} />
        <Fact label={a.email} value={n.nomineeEmail} />
        <Fact
          label={a.consentLabel}
          value={`${a.consent[n.nomineeConsent]}${n.nomineeConsentAt && n.nomineeConsent !== 'pending' ? ` (${when(n.nomineeConsentAt)})` : ''}`}
        />
      </dl>
      {n.status === 'sent' && n.nomineeEmail === '' ? (
        <NomineeContactSection
          ctx={ctx}
          csrf={csrf}
          id={n.id}
          form={contact ?? { email: '', unit: '', errors: [], saved: false }}
          hasUnit={n.nomineeUnit !== ''}
        />
      ) : (
        ''
      )}

      <h2 safe>{a.solutionHeading}</h2>
      <h3 class="h5" safe>
        {a.summary}
      </h3>
      {n.summary ? (
        <Paragraphs text={n.summary} lang="da" />
      ) : (
        <p class="admin-empty" safe>
          {a.notAnswered}
        </p>
      )}
      <h3 class="h5" safe>
        {a.criteria}
      </h3>
      {answered.length === 0 ? (
        <p class="admin-empty" safe>
          {a.noCriteria}
        </p>
      ) : (
        <ul>
          {answered.map((c) => (
            <li safe>{c.title}</li>
          ))}
        </ul>
      )}

      {showOrigin ? (
        <>
          <h2 safe>{a.originHeading}</h2>
          <dl class="admin-facts">
            <Fact label={a.originOrganisation} value={n.originOrganisation} />
            <Fact label={a.originDescription} value={n.originDescription} />
            <Fact label={a.originUrl} value={n.originUrl} />
          </dl>
        </>
      ) : (
        ''
      )}

      {sections.length > 0 ? (
        <>
          <h2 safe>{a.descriptionHeading}</h2>
          {sections.map((s) => {
            const answer = n.answers[String(s.id)] ?? '';
            return (
              <section class="admin-answer" aria-labelledby={`section-${s.id}`}>
                <h3 id={`section-${s.id}`} class="h4" safe>
                  {s.heading}
                </h3>
                {answer.trim() ? (
                  <Paragraphs text={answer} lang="da" />
                ) : (
                  <p class="admin-empty" safe>
                    {a.notAnswered}
                  </p>
                )}
              </section>
            );
          })}
        </>
      ) : (
        ''
      )}

      {attachments.length > 0 ? (
        <>
          <h2 safe>{a.attachmentsHeading}</h2>
          <ul>
            {attachments.map((f) => (
              <li
                safe
              >{`${f.fileName} (${a.bytes((f.sizeBytes / 1024).toLocaleString(ctx.locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }))})`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      {n.status === 'sent' ? (
        <ScreeningSection ctx={ctx} csrf={csrf} id={n.id} form={form} current={{ decision: n.screening, reason: n.screeningReason }} />
      ) : (
        ''
      )}
      {n.status === 'sent' ? (
        <p class="no-print">
          <a href={`/idebank/indstillinger/${n.id}`} safe>
            {ideaBankTexts(ctx.locale).link.title}
          </a>
        </p>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

/** Previous and next nomination of the edition in receipt order: screening one after the other. */
function Neighbours({ ctx, position }: { ctx: PageContext; position: NominationDetail['position'] }) {
  const a = nominationAdminTexts(ctx.locale);
  const { previous, next } = position;
  if (!previous && !next) return '';
  return (
    <nav aria-label={a.neighboursLabel} class="no-print admin-neighbours">
      <p safe>{a.positionOf(position.index, position.total)}</p>
      <ul class="nobullet-list">
        {previous ? (
          <li>
            <a href={urls.adminNomination({ id: previous.id })} rel="prev" id="previous-nomination" safe>
              {a.previous(previous.receiptNumber ?? '')}
            </a>
          </li>
        ) : (
          ''
        )}
        {next ? (
          <li>
            <a href={urls.adminNomination({ id: next.id })} rel="next" id="next-nomination" safe>
              {a.next(next.receiptNumber ?? '')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div class="admin-fact">
      <dt safe>{label}</dt>
      <dd safe>{value || '–'}</dd>
    </div>
  );
}

function ScreeningSection({
  ctx,
  csrf,
  id,
  form,
  current,
}: {
  ctx: PageContext;
  csrf: string;
  id: number;
  form: ScreeningForm;
  current: { decision: 'pending' | ScreeningDecision; reason: string | null };
}) {
  const a = nominationAdminTexts(ctx.locale);
  // After an error the form shows what was sent; otherwise the decision on record.
  const decision = hasInput(form) ? form.decision : current.decision === 'pending' ? null : current.decision;
  const reason = hasInput(form) ? form.reason : (current.reason ?? '');
  return (
    <section aria-labelledby="screening-heading" class="no-print admin-screening">
      <h2 id="screening-heading" safe>
        {a.screeningHeading}
      </h2>
      <form method="post" action={urls.screening({ id })} novalidate>
        <CsrfField token={csrf} />
        <Radios
          ctx={ctx}
          id="decision"
          name="beslutning"
          legend={a.decisionLegend}
          value={decision === 'eligible' ? 'egnet' : decision === 'not-eligible' ? 'ikke-egnet' : ''}
          error={errorFor(form.errors, 'decision')}
          options={[
            { value: 'egnet', label: a.decisionEligible, id: 'decision-eligible' },
            { value: 'ikke-egnet', label: a.decisionNotEligible, id: 'decision-not-eligible' },
          ]}
        />
        <TextArea
          ctx={ctx}
          id="reason"
          name="begrundelse"
          label={a.reasonLabel}
          hint={a.reasonHint}
          value={reason}
          error={errorFor(form.errors, 'reason')}
          rows={5}
        />
        <Button variant="primary" text={a.saveScreening} />
      </form>
    </section>
  );
}

/** A citizen's nomination without the nominee's address: the organiser adds one they found. */
function NomineeContactSection(p: { ctx: PageContext; csrf: string; id: number; form: NomineeContactForm; hasUnit: boolean }) {
  const a = nominationAdminTexts(p.ctx.locale);
  return (
    <section aria-labelledby="nominee-contact-heading" class="no-print admin-nominee-contact" id="nominee-contact">
      <h3 id="nominee-contact-heading" safe>
        {a.contactHeading}
      </h3>
      <p safe>{a.contactIntro}</p>
      <form method="post" action={urls.nomineeContact({ id: p.id })} novalidate>
        <CsrfField token={p.csrf} />
        <TextInput
          ctx={p.ctx}
          id="contact-email"
          name="email"
          type="email"
          label={a.contactEmail}
          value={p.form.email}
          error={errorFor(p.form.errors, 'email')}
        />
        {p.hasUnit ? (
          ''
        ) : (
          <TextInput ctx={p.ctx} id="contact-unit" name="unit" label={a.contactUnit} optional value={p.form.unit} error={errorFor(p.form.errors, 'unit')} />
        )}
        <Button variant="primary" text={a.contactSave} />
      </form>
    </section>
  );
}

function hasInput(form: ScreeningForm): boolean {
  return form.errors.length > 0;
}
