import { CsrfField } from '../../platform/csrf.js';
import { attr } from '../../platform/html-attr.js';
import { formatInstant } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  errorFor,
  ErrorSummary,
  type FieldError,
  type PageContext,
  Paragraphs,
  Radios,
  Table,
  TextArea,
  TextInput,
} from '../../platform/ui/index.js';
import { roundsUrls } from '../../rounds/urls.js';
import { outreachTexts } from '../i18n.js';
import type { MessageRound } from '../messages.service.js';
import { RECIPIENT_GROUPS, type RecipientGroup } from '../outreach.schema.js';
import { MESSAGE_LIMITS } from '../outreach-rules.js';
import { outreachUrls as urls } from '../urls.js';

/** What the administrator typed, kept as typed (also when refused). */
export type MessageValues = { group: string; subject: string; body: string };
export const EMPTY_MESSAGE: MessageValues = { group: '', subject: '', body: '' };

type SentRow = { id: number; createdAt: Date; recipientGroup: RecipientGroup; subject: string; recipientCount: number };

const crumbs = (ctx: PageContext, round: MessageRound, last?: string) => {
  const o = outreachTexts(ctx.locale);
  return [
    { label: round.name, href: roundsUrls.dashboard({ id: round.id }) },
    ...(last ? [{ label: o.messagesCrumb, href: urls.messages({ id: round.id }) }, { label: last }] : [{ label: o.messagesCrumb }]),
  ];
};

const Hidden = ({ name, value }: { name: string; value: string }) => <input type="hidden" name={name} value={attr(value)} />;

/**
 * "Send besked" (/admin/udgaver/:id/beskeder): choose a group (each with how many it holds
 * now), write a subject and a message, then see it before sending. Below, the messages sent in
 * the round. Works without JavaScript.
 */
export function MessagesPage(p: {
  ctx: PageContext;
  csrf: string;
  round: MessageRound;
  counts: Record<RecipientGroup, number>;
  values: MessageValues;
  errors: FieldError[];
  sent: SentRow[];
}): JSX.Element {
  const { ctx, round } = p;
  const o = outreachTexts(ctx.locale);
  const title = o.messagesTitle(round.name);
  const groups = RECIPIENT_GROUPS.filter((g) => g !== 'panel-not-voted' || round.hasPatientPanel);
  return (
    <AdminLayout ctx={ctx} title={title} hasErrors={p.errors.length > 0} csrf={p.csrf} crumbs={crumbs(ctx, round)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {o.messagesIntro}
      </p>
      <form method="post" action={urls.messagePreview({ id: round.id })} novalidate>
        <CsrfField token={p.csrf} />
        <Radios
          ctx={ctx}
          id="group"
          legend={o.groupLegend}
          value={p.values.group}
          error={errorFor(p.errors, 'group')}
          options={groups.map((g) => ({ value: g, label: o.group[g], hint: o.groupCount(p.counts[g]) }))}
        />
        <TextInput
          ctx={ctx}
          id="subject"
          label={o.subjectLabel}
          hint={o.subjectHint(MESSAGE_LIMITS.subject)}
          value={p.values.subject}
          error={errorFor(p.errors, 'subject')}
          width="xl"
        />
        <TextArea
          ctx={ctx}
          id="body"
          label={o.bodyLabel}
          hint={o.bodyHint(MESSAGE_LIMITS.body)}
          value={p.values.body}
          error={errorFor(p.errors, 'body')}
          rows={10}
        />
        <Button variant="primary" text={o.previewButton} />
      </form>
      <section aria-labelledby="earlier-heading">
        <h2 id="earlier-heading" safe>
          {o.earlierHeading}
        </h2>
        {p.sent.length === 0 ? (
          <p safe>{o.earlierNone}</p>
        ) : (
          <Table compact labelledBy="earlier-heading">
            <thead>
              <tr>
                <th scope="col" safe>
                  {o.earlierColumns.when}
                </th>
                <th scope="col" safe>
                  {o.earlierColumns.group}
                </th>
                <th scope="col" safe>
                  {o.earlierColumns.subject}
                </th>
                <th scope="col" class="text-align-right" safe>
                  {o.earlierColumns.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.sent.map((m) => (
                <tr>
                  <td safe>{formatInstant(m.createdAt, ctx.locale)}</td>
                  <td safe>{o.group[m.recipientGroup]}</td>
                  <td>
                    <a href={urls.messageSent({ id: round.id, messageId: m.id })} safe>
                      {m.subject}
                    </a>
                  </td>
                  <td class="text-align-right" safe>
                    {String(m.recipientCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </AdminLayout>
  );
}

/**
 * "Tjek beskeden": the message as the recipients will read it (as text: markup is shown, never
 * run), how many get it, and "Send til N personer", which carries the idempotency key made for
 * this preview. "Ret beskeden" goes back to the form with the text kept.
 */
export function PreviewPage(p: {
  ctx: PageContext;
  csrf: string;
  round: MessageRound;
  message: { group: RecipientGroup; subject: string; body: string };
  recipientCount: number;
  idempotencyKey: string;
}): JSX.Element {
  const { ctx, round, message } = p;
  const o = outreachTexts(ctx.locale);
  const hidden = (
    <>
      <CsrfField token={p.csrf} />
      <Hidden name="group" value={message.group} />
      <Hidden name="subject" value={message.subject} />
      <Hidden name="body" value={message.body} />
    </>
  );
  return (
    <AdminLayout ctx={ctx} title={o.previewTitle} csrf={p.csrf} crumbs={crumbs(ctx, round, o.previewTitle)}>
      <h1 safe>{o.previewTitle}</h1>
      <p class="font-lead" id="recipient-count" safe>
        {o.previewLead(p.recipientCount, o.group[message.group])}
      </p>
      <h2 class="h4" safe>
        {o.previewSubject}
      </h2>
      <p id="preview-subject" safe>
        {message.subject}
      </p>
      <h2 class="h4" safe>
        {o.previewBody}
      </h2>
      <div id="preview-body" class="message-preview">
        <Paragraphs text={message.body} />
      </div>
      <p safe>{o.previewFooterNote}</p>
      <ButtonGroup>
        <form method="post" action={urls.messageSend({ id: round.id })}>
          {hidden}
          <Hidden name="key" value={p.idempotencyKey} />
          <Button variant="primary" text={o.sendButton(p.recipientCount)} />
        </form>
        <form method="post" action={urls.messages({ id: round.id })}>
          {hidden}
          <Button variant="secondary" text={o.editButton} />
        </form>
      </ButtonGroup>
    </AdminLayout>
  );
}

/** The receipt of a sent message: to how many, when, and what was written. */
export function SentPage(p: { ctx: PageContext; csrf: string; round: MessageRound; message: SentRow & { body: string } }): JSX.Element {
  const { ctx, round, message } = p;
  const o = outreachTexts(ctx.locale);
  return (
    <AdminLayout ctx={ctx} title={o.sentTitle} csrf={p.csrf} crumbs={crumbs(ctx, round, o.sentTitle)}>
      <Alert
        ctx={ctx}
        variant="success"
        headingLevel="h1"
        heading={o.sentTitle}
        text={o.sentLead(message.recipientCount, o.group[message.recipientGroup])}
        live="status"
      />
      <p safe>{o.sentAt(formatInstant(message.createdAt, ctx.locale))}</p>
      <h2 class="h4" safe>
        {o.previewSubject}
      </h2>
      <p safe>{message.subject}</p>
      <h2 class="h4" safe>
        {o.previewBody}
      </h2>
      <div class="message-preview">
        <Paragraphs text={message.body} />
      </div>
      <ButtonGroup>
        <ButtonLink variant="primary" href={roundsUrls.dashboard({ id: round.id })} text={o.backToDashboard} />
        <ButtonLink variant="secondary" href={urls.messages({ id: round.id })} text={o.newMessage} />
      </ButtonGroup>
    </AdminLayout>
  );
}
