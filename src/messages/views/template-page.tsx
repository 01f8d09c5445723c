import { CsrfField } from '../../platform/csrf.js';
import { formatInstant, toLocalInputs, type Locale } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Button,
  Hint,
  ButtonGroup,
  DateTimeInput,
  ErrorSummary,
  type FieldError,
  type PageContext,
  Select,
  Table,
  TextArea,
  TextInput,
  errorFor,
} from '../../platform/ui/index.js';
import { roundsUrls } from '../../rounds/urls.js';
import { placeholdersOf, type MessageKind } from '../catalogue.js';
import { messagesTexts } from '../i18n.js';
import type { EditionFacts, PreviewPerson } from '../messages.repo.js';
import type { RenderedMessage, ScheduleView } from '../messages.service.js';
import { messagesUrls as urls } from '../urls.js';

export type TemplatePageProps = {
  ctx: PageContext;
  csrf: string;
  facts: EditionFacts;
  kind: MessageKind;
  language: Locale;
  /** What the fields hold: the saved text, or what was posted. */
  values: { subject: string; body: string };
  errors: FieldError[];
  /** The round has its own text (so it can be reset). */
  own: boolean;
  people: PreviewPerson[];
  person: PreviewPerson | null;
  preview: RenderedMessage;
  notice?: string | undefined;
  /** The confidential notice's time, on that kind's page. */
  schedule?: { view: ScheduleView; errors: FieldError[]; date: string; time: string } | undefined;
};

/** /admin/udgaver/:id/e-mails/:kind/:language: the text, the words it may use, an example for a real recipient, reset. */
export function TemplatePage(p: TemplatePageProps): JSX.Element {
  const { ctx } = p;
  const t = messagesTexts(ctx.locale);
  const editionName = `${p.facts.awardName} ${p.facts.year}`;
  const kindName = t.kind[p.kind];
  const title = t.editTitle(kindName, t.language[p.language]);
  const action = urls.template({ id: p.facts.id, kind: p.kind, language: p.language });
  const errors = [...p.errors, ...(p.schedule?.errors ?? [])];
  return (
    <AdminLayout
      ctx={ctx}
      title={title}
      hasErrors={errors.length > 0}
      csrf={p.csrf}
      crumbs={[
        { label: editionName, href: roundsUrls.dashboard({ id: p.facts.id }) },
        { label: t.crumb, href: urls.templates({ id: p.facts.id }) },
        { label: title },
      ]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      {p.notice ? <Alert ctx={ctx} variant="success" live="status" text={p.notice} /> : ''}
      <p class="admin-kicker" safe>
        {editionName}
      </p>
      <h1 safe>{title}</h1>
      <p safe>{t.editIntro}</p>

      <form method="post" action={action} novalidate>
        <CsrfField token={p.csrf} />
        <TextInput ctx={ctx} id="subject" name="emne" label={t.subject} value={p.values.subject} error={errorFor(p.errors, 'subject')} />
        <TextArea
          ctx={ctx}
          id="body"
          name="tekst"
          label={t.body}
          hint={t.bodyHint}
          rows={18}
          value={p.values.body}
          error={errorFor(p.errors, 'body')}
          lang={p.language}
        />
        <Select
          ctx={ctx}
          id="recipient"
          name="modtager"
          label={t.previewFor}
          value={p.person?.key ?? ''}
          options={
            p.people.length > 0
              ? p.people.map((x) => ({ value: x.key, label: `${x.name || x.email} (${t.role[x.role]}${x.nomination ? `: ${x.nomination.title}` : ''})` }))
              : [{ value: '', label: t.examplePerson }]
          }
        />
        <ButtonGroup>
          <Button variant="primary" name="handling" value="gem" text={t.save} />
          <Button variant="secondary" name="handling" value="vis" text={t.preview} />
        </ButtonGroup>
      </form>

      <section aria-labelledby="preview-heading" class="mt-7">
        <h2 id="preview-heading" safe>
          {t.previewHeading}
        </h2>
        <Hint block text={p.people.length > 0 ? t.previewNote : t.previewNobody} />
        <div class="message-preview" id="preview" lang={p.language}>
          <p>
            <strong safe>{t.previewTo}</strong> <span safe>{p.person ? `${p.person.name} <${p.person.email}>` : t.examplePerson}</span>
            <br />
            <strong safe>{t.previewSubject}</strong> <span safe>{p.preview.subject}</span>
          </p>
          {/* A div, not a pre: DKFDS makes every pre a scroll region, which must then take the keyboard. */}
          <div class="message-preview-text" safe>
            {p.preview.text}
          </div>
        </div>
      </section>

      <section aria-labelledby="placeholders-heading" class="mt-7">
        <h2 id="placeholders-heading" safe>
          {t.placeholdersHeading}
        </h2>
        <Table compact id="placeholders-table" labelledBy="placeholders-heading">
          <thead>
            <tr>
              <th scope="col" safe>
                {t.placeholderColumn}
              </th>
              <th scope="col" safe>
                {t.meaningColumn}
              </th>
            </tr>
          </thead>
          <tbody>
            {placeholdersOf(p.kind).map((name) => (
              <tr>
                <th scope="row">
                  <code safe>{`{{${name}}}`}</code>
                </th>
                <td safe>{t.placeholder[name]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      {p.schedule ? <ScheduleSection {...p} schedule={p.schedule} /> : ''}

      {p.own ? (
        <section aria-labelledby="reset-heading" class="mt-7">
          <h2 id="reset-heading" safe>
            {t.reset}
          </h2>
          <p safe>{t.resetHint}</p>
          <form method="post" action={urls.resetTemplate({ id: p.facts.id, kind: p.kind, language: p.language })}>
            <CsrfField token={p.csrf} />
            <Button variant="secondary" text={t.reset} />
          </form>
        </section>
      ) : (
        ''
      )}
      <p class="mt-7">
        <a href={urls.templates({ id: p.facts.id })} safe>
          {t.back}
        </a>
      </p>
    </AdminLayout>
  );
}

function ScheduleSection(p: TemplatePageProps & { schedule: NonNullable<TemplatePageProps['schedule']> }) {
  const { ctx } = p;
  const t = messagesTexts(ctx.locale).schedule;
  const s = p.schedule;
  const status = s.view.sentAt
    ? t.sent(s.view.sendAt ? formatInstant(s.view.sendAt, ctx.locale) : '')
    : s.view.sendAt
      ? t.at(formatInstant(s.view.sendAt, ctx.locale))
      : t.none;
  const inputs = s.date || s.time ? { date: s.date, time: s.time } : toLocalInputs(s.view.sendAt);
  return (
    <section aria-labelledby="schedule-heading" class="mt-7">
      <h2 id="schedule-heading" safe>
        {t.heading}
      </h2>
      <p safe>{t.intro}</p>
      <p>
        <strong safe>{status}</strong>
      </p>
      {s.view.sentAt ? (
        ''
      ) : (
        <form method="post" action={urls.winnerSchedule({ id: p.facts.id })} novalidate>
          <CsrfField token={p.csrf} />
          <DateTimeInput
            ctx={ctx}
            id="sendAt"
            name="sendAt"
            legend={t.label}
            date={inputs.date}
            time={inputs.time}
            labels={{ date: ctx.t.form.date, time: ctx.t.form.time }}
            error={errorFor(s.errors, 'sendAt')}
          />
          <ButtonGroup>
            <Button variant="primary" name="handling" value="gem" text={t.save} />
            {s.view.sendAt ? <Button variant="secondary" name="handling" value="ryd" text={t.clear} /> : ''}
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}
