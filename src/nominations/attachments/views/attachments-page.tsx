import Html from '@kitajs/html';
import { CsrfField } from '../../../platform/csrf.js';
import {
  Alert,
  BackLink,
  Badge,
  Button,
  ButtonGroup,
  ButtonLink,
  ErrorMessage,
  ErrorSummary,
  FileInput,
  Layout,
  type PageContext,
  Table,
} from '../../../platform/ui/index.js';
import type { NominationTexts } from '../../i18n.js';
import type { EditionForForm } from '../../nomination.service.js';
import type { AttachmentSummary } from '../attachments.repo.js';
import { FILE_KINDS } from '../sniff.js';
import { nominationsUrls as urls } from '../../urls.js';
import { awardsUrls } from '../../../awards/urls.js';

export type AttachmentErrorCode = keyof NominationTexts['attachments']['errors'];
export type AttachmentNotice = { variant: 'success' | 'info' | 'warning'; heading: string; body: string };

const FILE_INPUT = 'fil';
const LIST_ID = 'vedhaeftede-filer';

/** "PDF", "JPEG", "PNG", "Word (DOCX)" for a stored media type. */
export function kindLabel(mediaType: string): string {
  return Object.values(FILE_KINDS).find((k) => k.mediaType === mediaType)?.label ?? mediaType;
}

/** "812 bytes", "48 kB", "2,4 MB" (1 kB = 1024 bytes, as the file managers count). */
export function formatSize(bytes: number, ctx: PageContext, t: NominationTexts): string {
  const lang = ctx.locale === 'da' ? 'da-DK' : 'en-GB';
  if (bytes < 1024) return t.attachments.bytes(bytes.toLocaleString(lang));
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString(lang)} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`;
}

export const attachmentPaths = {
  page: (nominationId: number) => urls.attachments({ id: nominationId }),
  file: (nominationId: number, attachmentId: number) => urls.attachment({ id: nominationId, attachmentId }),
  remove: (nominationId: number, attachmentId: number) => urls.deleteAttachment({ id: nominationId, attachmentId }),
};

function Notice({ ctx, variant, heading, body }: AttachmentNotice & { ctx: PageContext }) {
  return <Alert ctx={ctx} variant={variant} heading={heading} text={body} live={variant === 'warning' ? 'alert' : 'status'} />;
}

export type AttachmentsPageProps = {
  ctx: PageContext;
  t: NominationTexts;
  edition: EditionForForm;
  nominationId: number;
  attachments: AttachmentSummary[];
  maxFiles: number;
  /** False after the deadline (or for a withdrawn nomination): the list is read-only. */
  canChange: boolean;
  csrf: string;
  error?: AttachmentErrorCode | undefined;
  notice?: AttachmentNotice | undefined;
  checkHref: string;
  descriptionHref: string;
  /** Where "Tilbage" leads when nothing can be changed. */
  backHref: string;
  /** The nomination is sent: a change of its files waits for "Send ændringer". */
  isSent?: boolean | undefined;
  /** How many sent files the nominator deleted since sending (not listed; removed when the changes are sent). */
  removedPending?: number | undefined;
};

/**
 * "Bilag": the nomination's files (download, delete) and a form to attach one more.
 * A refused file gets the DKFDS error summary above the h1 and a message at the file field.
 */
export function AttachmentsPage(p: AttachmentsPageProps) {
  const { ctx, t, edition } = p;
  const a = t.attachments;
  const full = p.attachments.length >= p.maxFiles;
  const showForm = p.canChange && !full;
  // A refusal that is about the list (the sixth file) points at the list when the form is gone.
  const errorTarget = p.error && !showForm ? LIST_ID : FILE_INPUT;
  const errorText = p.error ? a.errors[p.error] : undefined;
  const name = `${edition.award.name} ${edition.edition.year}`;
  return (
    <Layout
      ctx={ctx}
      title={`${a.title} – ${t.startTitle(name)}`}
      hasErrors={!!p.error}
      breadcrumbs={[
        { label: ctx.t.home, href: '/' },
        { label: name, href: awardsUrls.edition({ slug: edition.award.slug, year: edition.edition.year }) },
        { label: a.title },
      ]}
      organisers={[edition.organisation]}
    >
      <ErrorSummary ctx={ctx} errors={errorText ? [{ field: errorTarget, message: errorText }] : []} />
      {p.notice ? <Notice ctx={ctx} {...p.notice} /> : ''}
      <h1 safe>{a.title}</h1>
      <p class="font-lead" safe>
        {a.intro}
      </p>
      {p.isSent && p.canChange ? <p safe>{a.sentNote}</p> : ''}

      <h2 id={LIST_ID} tabindex="-1" safe>
        {a.listHeading}
      </h2>
      <ErrorMessage ctx={ctx} id={LIST_ID} text={errorTarget === LIST_ID ? errorText : undefined} />
      {p.attachments.length === 0 ? (
        <p safe>{a.none}</p>
      ) : (
        <>
          <p safe>{a.count(p.attachments.length, p.maxFiles)}</p>
          <Table compact responsiveHeaders="sm" class="attachment-table" label={a.caption}>
            <caption class="sr-only" safe>
              {a.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {a.fileColumn}
                </th>
                <th scope="col" safe>
                  {a.typeColumn}
                </th>
                <th scope="col" safe>
                  {a.sizeColumn}
                </th>
                {p.canChange ? (
                  <th scope="col">
                    <span class="sr-only" safe>
                      {a.actionColumn}
                    </span>
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              {p.attachments.map((f) => (
                <tr>
                  <td data-title={a.fileColumn}>
                    <a href={attachmentPaths.file(p.nominationId, f.id)} class="answer-text" download="" safe>
                      {f.fileName}
                    </a>
                    {f.pendingChange === 'added' ? (
                      <>
                        {' '}
                        <Badge status="info">{Html.escapeHtml(a.notSent)}</Badge>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td data-title={a.typeColumn} safe>
                    {kindLabel(f.mediaType)}
                  </td>
                  <td data-title={a.sizeColumn} safe>
                    {formatSize(f.sizeBytes, ctx, t)}
                  </td>
                  {p.canChange ? (
                    <td>
                      <form method="post" action={attachmentPaths.remove(p.nominationId, f.id)}>
                        <CsrfField token={p.csrf} />
                        <button type="submit" class="function-link">
                          <span safe>{a.delete}</span>
                          <span class="sr-only" safe>{` ${f.fileName}`}</span>
                        </button>
                      </form>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}

      {p.removedPending ? <p safe>{a.removedPending(p.removedPending)}</p> : ''}

      {showForm ? (
        <>
          <h2 safe>{a.uploadHeading}</h2>
          {/* The CSRF field comes first: the server checks it before it reads any byte of the file. */}
          <form method="post" action={attachmentPaths.page(p.nominationId)} enctype="multipart/form-data" novalidate>
            <CsrfField token={p.csrf} />
            <FileInput
              ctx={ctx}
              id={FILE_INPUT}
              label={a.fileLabel}
              hint={a.fileHint}
              warning={a.privacy}
              error={errorTarget === FILE_INPUT ? errorText : undefined}
              accept=".pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            />
            <Button variant="primary" text={a.upload} />
          </form>
        </>
      ) : p.canChange ? (
        <p safe>{a.full(p.maxFiles)}</p>
      ) : (
        ''
      )}

      {p.canChange ? (
        <>
          <ButtonGroup>
            <ButtonLink variant="secondary" href={p.checkHref} text={a.toCheck} />
          </ButtonGroup>
          <BackLink ctx={ctx} href={p.descriptionHref} text={a.backToDescription} />
        </>
      ) : (
        <BackLink ctx={ctx} href={p.backHref} text={t.back} />
      )}
    </Layout>
  );
}
