import { AdminLayout, Alert, Badge, Hint, Table, type PageContext } from '../../platform/ui/index.js';
import { roundsUrls } from '../../rounds/urls.js';
import { MESSAGE_KIND_LIST, MESSAGE_KINDS, STAGES } from '../catalogue.js';
import { messagesTexts } from '../i18n.js';
import type { EditionFacts } from '../messages.repo.js';
import { messagesUrls as urls } from '../urls.js';

const LANGUAGES = ['da', 'en'] as const;

/** /admin/udgaver/:id/e-mails: every e-mail of the round by stage, whether the round changed its text, per language. */
export function TemplatesPage(p: { ctx: PageContext; csrf: string; facts: EditionFacts; own: Set<string>; notice?: string | undefined }): JSX.Element {
  const { ctx } = p;
  const t = messagesTexts(ctx.locale);
  const editionName = `${p.facts.awardName} ${p.facts.year}`;
  return (
    <AdminLayout
      ctx={ctx}
      title={t.title(editionName)}
      csrf={p.csrf}
      crumbs={[{ label: editionName, href: roundsUrls.dashboard({ id: p.facts.id }) }, { label: t.crumb }]}
    >
      {p.notice ? <Alert ctx={ctx} variant="success" live="status" text={p.notice} /> : ''}
      <p class="admin-kicker" safe>
        {p.facts.organisationName}
      </p>
      <h1 safe>{t.title(editionName)}</h1>
      <p safe>{t.intro}</p>
      {STAGES.map((stage) => {
        const kinds = MESSAGE_KIND_LIST.filter((k) => MESSAGE_KINDS[k].stage === stage);
        const headingId = `stage-${stage}`;
        return (
          <section aria-labelledby={headingId}>
            <h2 id={headingId} safe>
              {t.stage[stage]}
            </h2>
            <Table compact id={`${headingId}-table`} labelledBy={headingId}>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t.column.email}
                  </th>
                  {LANGUAGES.map((l) => (
                    <th scope="col" safe>
                      {t.language[l]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {kinds.map((kind) => (
                  <tr data-kind={kind}>
                    <th scope="row" safe>
                      {t.kind[kind]}
                    </th>
                    {LANGUAGES.map((l) => (
                      <td>
                        <a href={urls.template({ id: p.facts.id, kind, language: l })} aria-label={t.editLabel(t.kind[kind], t.language[l])} safe>
                          {t.edit}
                        </a>{' '}
                        {p.own.has(`${kind}:${l}`) ? (
                          <Badge status="info">
                            <span safe>{t.isChanged}</span>
                          </Badge>
                        ) : (
                          <Hint text={t.isDefault} class="d-inline" />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        );
      })}
    </AdminLayout>
  );
}
