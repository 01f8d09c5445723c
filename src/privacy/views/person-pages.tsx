import { CsrfField } from '../../platform/csrf.js';
import {
  AdminLayout,
  Alert,
  Button,
  ButtonLink,
  Checkbox,
  ErrorSummary,
  type FieldError,
  type PageContext,
  Table,
  TextInput,
} from '../../platform/ui/index.js';
import type { PrivacyTexts } from '../i18n.js';
import type { PersonData } from '../person-data.service.js';

const searchHref = (email: string) => `/admin/personer?email=${encodeURIComponent(email)}`;

function EmailField({ ctx, t, value, error }: { ctx: PageContext; t: PrivacyTexts; value: string; error: string | undefined }) {
  return <TextInput ctx={ctx} id="email" type="email" label={t.emailLabel} hint={t.emailHint} value={value} error={error} autocomplete="off" />;
}

function NominationTable({ caption, rows, t }: { caption: string; rows: Record<string, unknown>[]; t: PrivacyTexts }) {
  if (rows.length === 0) return '';
  return (
    <Table compact label={caption}>
      <caption safe>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t.column.receipt}
          </th>
          <th scope="col" safe>
            {t.column.award}
          </th>
          <th scope="col" safe>
            {t.column.title}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => (
          <tr>
            <td safe>{String(n.receipt_number ?? t.draft)}</td>
            <td safe>{`${String(n.award)} ${String(n.year)}`}</td>
            <td safe>{String(n.title ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** /admin/personer: search by e-mail; with a result, what is stored and the export and erase links. */
export function PersonSearchPage({
  ctx,
  t,
  csrf,
  email,
  errors,
  data,
}: {
  ctx: PageContext;
  t: PrivacyTexts;
  csrf: string;
  email: string;
  errors: FieldError[];
  data: PersonData | null;
}): JSX.Element {
  const empty =
    data !== null &&
    data.nominationsAsNominator.length + data.nominationsAsNominee.length === 0 &&
    data.user === null &&
    data.auditEvents.length === 0 &&
    data.emails.length === 0;
  return (
    <AdminLayout ctx={ctx} title={t.title} hasErrors={errors.length > 0} csrf={csrf} crumbs={[{ label: t.title }]}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{t.title}</h1>
      <p safe>{t.intro}</p>
      <form method="get" action="/admin/personer" novalidate>
        <EmailField ctx={ctx} t={t} value={email} error={errors[0]?.message} />
        <Button variant="primary" text={t.search} />
      </form>
      {data ? (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading" safe>
            {t.resultHeading(data.email)}
          </h2>
          {empty ? (
            <p safe>{t.nothing}</p>
          ) : (
            <>
              <NominationTable caption={t.asNominator} rows={data.nominationsAsNominator} t={t} />
              <NominationTable caption={t.asNominee} rows={data.nominationsAsNominee} t={t} />
              <dl>
                <dt safe>{t.account}</dt>
                <dd safe>{data.user ? t.accountYes(data.memberships.length, data.sessions) : t.accountNo}</dd>
                <dt safe>{t.auditEvents}</dt>
                <dd safe>{String(data.auditEvents.length)}</dd>
                <dt safe>{t.emails}</dt>
                <dd safe>{String(data.emails.length)}</dd>
              </dl>
              <ul class="nobullet-list">
                <li>
                  <a href={`/admin/personer/eksport.json?email=${encodeURIComponent(data.email)}`} safe>
                    {t.exportLink}
                  </a>
                </li>
                <li>
                  <a href={`/admin/personer/slet?email=${encodeURIComponent(data.email)}`} safe>
                    {t.eraseLink}
                  </a>
                </li>
              </ul>
            </>
          )}
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

/** /admin/personer/slet: what erasure does, and a confirmation the administrator must tick. */
export function EraseConfirmPage({
  ctx,
  t,
  csrf,
  email,
  errors,
}: {
  ctx: PageContext;
  t: PrivacyTexts;
  csrf: string;
  email: string;
  errors: FieldError[];
}): JSX.Element {
  const error = errors.find((e) => e.field === 'confirm')?.message;
  return (
    <AdminLayout
      ctx={ctx}
      title={t.eraseTitle}
      hasErrors={errors.length > 0}
      csrf={csrf}
      crumbs={[{ label: t.title, href: searchHref(email) }, { label: t.eraseTitle }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{t.eraseTitle}</h1>
      <p safe>{t.eraseIntro(email)}</p>
      <ul>
        {t.eraseWhat.map((line) => (
          <li safe>{line}</li>
        ))}
      </ul>
      <form method="post" action="/admin/personer/slet" novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="email" value={email} />
        <Checkbox ctx={ctx} id="confirm" name="bekraeft" label={t.confirmLabel} checked={false} error={error} />
        <Button variant="primary" text={t.eraseButton} /> <ButtonLink variant="secondary" href={searchHref(email)} text={t.cancel} />
      </form>
    </AdminLayout>
  );
}

/** After erasure: what was done. */
export function ErasedPage({
  ctx,
  t,
  csrf,
  email,
  nominations,
  account,
}: {
  ctx: PageContext;
  t: PrivacyTexts;
  csrf: string;
  email: string;
  nominations: number;
  account: string;
}): JSX.Element {
  return (
    <AdminLayout ctx={ctx} title={t.erasedTitle} csrf={csrf} crumbs={[{ label: t.title, href: '/admin/personer' }, { label: t.erasedTitle }]}>
      <Alert ctx={ctx} variant="success" live="status" heading={t.erasedTitle} headingLevel="h1" headingClass="h2" text={t.erasedBody(nominations, account)} />
      <p>
        <a href={searchHref(email)} safe>
          {t.backToSearch}
        </a>
      </p>
    </AdminLayout>
  );
}
