import { memberLinkTexts } from '../i18n.js';
import { apiTokenTexts } from '../i18n.js';
import { Alert, Button, ErrorSummary, type FieldError, Layout, type PageContext, Table, TextInput } from '../../platform/ui/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import type { ApiTokenView } from '../api-tokens.service.js';

type Props = {
  ctx: PageContext;
  csrf: string;
  tokens: ApiTokenView[];
  /** The name typed into the form (kept when it has an error). */
  name: string;
  errors: FieldError[];
  /** A token just made: shown this once. */
  created?: { name: string; token: string } | undefined;
  notice?: string | undefined;
};

/** /min-side/api-noegler: an administrator's personal API tokens. */
export function ApiTokensPage({ ctx, csrf, tokens, name, errors, created, notice }: Props): JSX.Element {
  const { t } = ctx;
  const a = apiTokenTexts(ctx.locale);
  const nameError = errors.find((e) => e.field === 'token-name')?.message;
  return (
    <Layout
      ctx={ctx}
      title={a.title}
      hasErrors={errors.length > 0}
      breadcrumbs={[{ label: t.home, href: '/' }, { label: memberLinkTexts(ctx.locale).mineAccount, href: '/min-side' }, { label: a.title }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? <Alert ctx={ctx} variant="success" live="status" text={notice} /> : ''}
      <h1 safe>{a.title}</h1>
      <p safe>{a.intro}</p>
      <p>
        <span safe>{`${a.usage} `}</span>
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>

      {created ? (
        <div id="new-token">
          <Alert ctx={ctx} variant="success" heading={a.createdHeading}>
            <p safe>{a.createdBody}</p>
            <p>
              <span safe>{`${a.tokenLabel} (${created.name}): `}</span>
              <code id="new-token-value" class="api-token-value" safe>
                {created.token}
              </code>
            </p>
          </Alert>
        </div>
      ) : (
        ''
      )}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" safe>
          {a.listHeading}
        </h2>
        {tokens.length === 0 ? (
          <p safe>{a.none}</p>
        ) : (
          <Table compact id="api-tokens" label={a.tableLabel}>
            <thead>
              <tr>
                <th scope="col" safe>
                  {a.column.name}
                </th>
                <th scope="col" safe>
                  {a.column.createdAt}
                </th>
                <th scope="col" safe>
                  {a.column.lastUsedAt}
                </th>
                <th scope="col" safe>
                  {a.column.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((k) => (
                <tr data-token-id={String(k.id)}>
                  <th scope="row" safe>
                    {k.name}
                  </th>
                  <td safe>{formatInstant(k.createdAt, ctx.locale)}</td>
                  <td safe>{k.lastUsedAt ? formatInstant(k.lastUsedAt, ctx.locale) : a.neverUsed}</td>
                  <td>
                    <form method="post" action={`/min-side/api-noegler/${k.id}/tilbagekald`}>
                      <CsrfField token={csrf} />
                      <Button variant="secondary" label={a.revokeLabel(k.name)} text={a.revoke} />
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="create-heading">
        <h2 id="create-heading" safe>
          {a.createHeading}
        </h2>
        <form method="post" action="/min-side/api-noegler" novalidate>
          <CsrfField token={csrf} />
          <TextInput ctx={ctx} id="token-name" name="navn" label={a.nameLabel} hint={a.nameHint} value={name} error={nameError} autocomplete="off" />
          <Button variant="primary" text={a.create} />
        </form>
      </section>
    </Layout>
  );
}
