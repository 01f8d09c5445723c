import { CsrfField } from '../../platform/csrf.js';
import { AdminLayout, Alert, Button, Checkbox, ErrorSummary, type FieldError, type PageContext, Table, TextInput } from '../../platform/ui/index.js';
import type { PrivacyTexts } from '../i18n.js';
import type { PersonData } from '../person-data.service.js';

// The address is only ever sent in a POST body (with the CSRF token), never in a URL: URLs end up
// in logs, browser history and Referer headers.
const SEARCH = '/admin/personer';

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

const otherContacts = (d: PersonData) => d.awardContacts.length + d.organisationContacts.length + d.identityProviders.length + d.committeeSeats.length;

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
    data.emails.length === 0 &&
    data.solutionContacts.length === 0 &&
    data.openingSubscriptions.length === 0 &&
    otherContacts(data) === 0;
  return (
    <AdminLayout ctx={ctx} title={t.title} hasErrors={errors.length > 0} csrf={csrf} crumbs={[{ label: t.title }]}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{t.title}</h1>
      <p safe>{t.intro}</p>
      <form method="post" action={SEARCH} novalidate>
        <CsrfField token={csrf} />
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
                <dd safe>
                  {data.account === 'all'
                    ? t.accountYes(data.memberships.length, data.sessions ?? 0)
                    : data.account === 'ties'
                      ? t.accountShared(data.memberships.length)
                      : t.accountNo}
                </dd>
                <dt safe>{t.auditEvents}</dt>
                <dd safe>{String(data.auditEvents.length)}</dd>
                <dt safe>{t.emails}</dt>
                <dd safe>{String(data.emails.length)}</dd>
                <dt safe>{t.solutionContacts}</dt>
                <dd safe>{String(data.solutionContacts.length)}</dd>
                <dt safe>{t.otherContacts}</dt>
                <dd safe>{String(otherContacts(data))}</dd>
                <dt safe>{t.openingSubscriptions}</dt>
                <dd safe>{String(data.openingSubscriptions.length)}</dd>
              </dl>
              <form method="post" action="/admin/personer/eksport.json" novalidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="email" value={data.email} />
                <Button variant="secondary" text={t.exportLink} />{' '}
                <Button variant="secondary" formaction="/admin/personer/bekraeft-sletning" text={t.eraseLink} />
              </form>
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
    <AdminLayout ctx={ctx} title={t.eraseTitle} hasErrors={errors.length > 0} csrf={csrf} crumbs={[{ label: t.title, href: SEARCH }, { label: t.eraseTitle }]}>
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
        <Button variant="primary" text={t.eraseButton} /> <Button variant="secondary" formaction={SEARCH} text={t.cancel} />
      </form>
    </AdminLayout>
  );
}

/** After erasure: what was done. */
export function ErasedPage({
  ctx,
  t,
  csrf,
  nominations,
  account,
}: {
  ctx: PageContext;
  t: PrivacyTexts;
  csrf: string;
  nominations: number;
  account: string;
}): JSX.Element {
  return (
    <AdminLayout ctx={ctx} title={t.erasedTitle} csrf={csrf} crumbs={[{ label: t.title, href: SEARCH }, { label: t.erasedTitle }]}>
      <Alert ctx={ctx} variant="success" live="status" heading={t.erasedTitle} headingLevel="h1" headingClass="h2" text={t.erasedBody(nominations, account)} />
      <p>
        <a href={SEARCH} safe>
          {t.backToSearch}
        </a>
      </p>
    </AdminLayout>
  );
}
