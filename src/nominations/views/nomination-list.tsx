import Html from '@kitajs/html';
import { nominationAdminTexts } from '../admin-i18n.js';
import { judgingLinkTexts } from '../admin-i18n.js';
import { formatInstant } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Badge,
  Button,
  ButtonLink,
  Checkbox,
  ErrorSummary,
  errorFor,
  type FieldError,
  Fieldset,
  Hint,
  type PageContext,
  Radios,
  Select,
  SortHeader,
  Table,
  TextArea,
  TextInput,
  Time,
} from '../../platform/ui/index.js';
import { CsrfField } from '../../platform/csrf.js';
import type { ScreeningDecision } from '../screening.service.js';
import { SORT_KEYS, type SortKey } from '../admin.repo.js';
import type { NominationList } from '../admin.service.js';
import { CONTACT_MISSING_PARAM, DEFAULT_LIST_QUERY, DIRECTION_PARAM, SCREENING_PARAM, SEARCH_MAX, SORT_PARAM, STATUS_PARAM, sortLink } from '../list-query.js';
import { nominationsUrls as urls } from '../urls.js';
import { judgingUrls } from '../../judging/urls.js';

/** The bulk screening form as sent (shown again with its errors), or its result. */
export type BulkScreeningForm = { chosen: number[]; decision: ScreeningDecision | null; reason: string; errors: FieldError[]; done: string | null };

const NO_BULK: BulkScreeningForm = { chosen: [], decision: null, reason: '', errors: [], done: null };

type Props = { ctx: PageContext; csrf: string; list: NominationList; bulk?: BulkScreeningForm };

/** The sent and withdrawn nominations of an edition: filter (GET form), export links, sortable table. */
export function NominationListPage({ ctx, csrf, list, bulk = NO_BULK }: Props): JSX.Element {
  const { t } = ctx;
  const a = nominationAdminTexts(ctx.locale);
  const { edition, award, rows, total, query } = list;
  const editionName = t.award.edition(award.name, edition.year);
  const title = a.listTitle(editionName);
  const base = urls.editionNominations({ id: edition.id });
  const filtered = Boolean(query.text || query.status || query.screening || query.contact);
  const columns: Record<SortKey, string> = a.column;

  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={[{ label: editionName }]} hasErrors={bulk.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={bulk.errors} />
      {bulk.done ? <Alert ctx={ctx} variant="success" text={bulk.done} /> : ''}
      <h1 safe>{title}</h1>
      <p class="no-print">
        <a href={judgingUrls.adminOverview({ editionId: edition.id })} id="judging-overview-link" safe>
          {judgingLinkTexts(ctx.locale).adminOverviewLinkOf(editionName)}
        </a>
      </p>

      <section aria-labelledby="export-heading" class="no-print">
        <h2 id="export-heading" class="h4" safe>
          {a.exportHeading}
        </h2>
        <p safe>{a.exportHint}</p>
        <ul class="nobullet-list admin-export-links">
          <li>
            <a href={`${base}.xlsx`} class="function-link" safe>
              {a.exportXlsx}
            </a>
          </li>
          <li>
            <a href={`${base}.csv`} class="function-link" safe>
              {a.exportCsv}
            </a>
          </li>
        </ul>
      </section>

      <form method="get" action={base} class="admin-filter no-print" role="search" aria-labelledby="filter-heading">
        <h2 id="filter-heading" class="h4" safe>
          {a.filterHeading}
        </h2>
        {query.sort !== DEFAULT_LIST_QUERY.sort || query.direction !== DEFAULT_LIST_QUERY.direction ? (
          <>
            <input type="hidden" name="sorter" value={SORT_PARAM[query.sort]} />
            <input type="hidden" name="retning" value={DIRECTION_PARAM[query.direction]} />
          </>
        ) : (
          ''
        )}
        <TextInput ctx={ctx} id="q" type="search" label={a.searchLabel} value={query.text} width="xl" maxlength={SEARCH_MAX} />
        <Select
          ctx={ctx}
          id="status"
          label={a.statusLabel}
          value={query.status === null ? '' : STATUS_PARAM[query.status]}
          options={[{ value: '', label: a.all }, ...(['sent', 'withdrawn'] as const).map((s) => ({ value: STATUS_PARAM[s], label: a.status[s] }))]}
        />
        <Select
          ctx={ctx}
          id="screening"
          label={a.screeningLabel}
          value={query.screening === null ? '' : SCREENING_PARAM[query.screening]}
          options={[
            { value: '', label: a.all },
            ...(['pending', 'eligible', 'not-eligible'] as const).map((s) => ({ value: SCREENING_PARAM[s], label: a.screening[s] })),
          ]}
        />
        <Select
          ctx={ctx}
          id="kontakt"
          label={a.contactFilterLabel}
          value={query.contact ? CONTACT_MISSING_PARAM : ''}
          options={[
            { value: '', label: a.all },
            { value: CONTACT_MISSING_PARAM, label: a.contactMissing },
          ]}
        />
        <div class="admin-filter-buttons">
          <Button variant="primary" text={a.filter} />
          {filtered ? <ButtonLink variant="secondary" href={base} text={a.resetFilter} /> : ''}
        </div>
      </form>

      <h2 class="h4" id="result-heading" safe>
        {a.resultCount(rows.length, total)}
      </h2>
      {rows.length === 0 ? (
        <p safe>{total === 0 ? a.none : a.noneMatch}</p>
      ) : (
        <form method="post" action={urls.bulkScreening({ id: edition.id })} novalidate>
          <CsrfField token={csrf} />
          <Table compact class="admin-nomination-table" labelledBy="result-heading">
            <caption class="sr-only" safe>
              {a.tableLabel}
            </caption>
            <thead>
              <tr>
                {SORT_KEYS.map((key) => {
                  const sorted = query.sort === key ? query.direction : null;
                  return (
                    <SortHeader
                      label={columns[key]}
                      href={`${base}${sortLink(query, key)}`}
                      sorted={sorted}
                      linkClass="admin-sort-link"
                      sortText={
                        sorted === 'asc'
                          ? `, ${a.sortedAscending}. ${a.sortDescending}`
                          : sorted === 'desc'
                            ? `, ${a.sortedDescending}. ${a.sortAscending}`
                            : `. ${key === 'sent' ? a.sortDescending : a.sortAscending}`
                      }
                    />
                  );
                })}
                <th scope="col" safe>
                  {a.consentColumn}
                </th>
                <th scope="col" class="no-print" safe>
                  {a.bulkHeading}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr>
                  <td safe>{n.receiptNumber ?? ''}</td>
                  <td>
                    <a href={urls.adminNomination({ id: n.id })} safe>
                      {n.title || a.untitled}
                    </a>
                  </td>
                  <td safe>{n.nomineeNames}</td>
                  <td safe>{n.nominatorName}</td>
                  <td>{n.sentAt ? <Time at={n.sentAt}>{Html.escapeHtml(formatInstant(n.sentAt, ctx.locale))}</Time> : ''}</td>
                  <td safe>{a.status[n.status]}</td>
                  {n.changedAfterScreening ? (
                    <td>
                      <span safe>{a.screening[n.screening]}</span> <Badge status="warning">{Html.escapeHtml(a.changedTag)}</Badge>
                    </td>
                  ) : (
                    <td safe>{a.screening[n.screening]}</td>
                  )}
                  {n.nomineeUnreachable ? (
                    <td>
                      <Badge status="warning">{Html.escapeHtml(a.contactMissing)}</Badge>
                    </td>
                  ) : (
                    <td safe>{a.consentState[n.nomineeConsent]}</td>
                  )}
                  <td class="no-print">
                    {n.status === 'sent' ? (
                      <Checkbox
                        ctx={ctx}
                        id={`choose-${n.id}`}
                        name="valgt"
                        value={String(n.id)}
                        label={a.choose(n.receiptNumber ?? n.title)}
                        checked={bulk.chosen.includes(n.id)}
                      />
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Fieldset id="bulk-screening" legend={a.bulkHeading} legendClass="h3">
            <Hint block text={a.bulkHint} />
            <Radios
              ctx={ctx}
              id="bulk-decision"
              name="beslutning"
              legend={a.decisionLegend}
              value={bulk.decision === 'eligible' ? 'egnet' : bulk.decision === 'not-eligible' ? 'ikke-egnet' : ''}
              error={errorFor(bulk.errors, 'decision')}
              options={[
                { value: 'egnet', label: a.decisionEligible, id: 'bulk-decision-eligible' },
                { value: 'ikke-egnet', label: a.decisionNotEligible, id: 'bulk-decision-not-eligible' },
              ]}
            />
            <TextArea
              ctx={ctx}
              id="bulk-reason"
              name="begrundelse"
              label={a.reasonLabel}
              hint={a.reasonHint}
              value={bulk.reason}
              error={errorFor(bulk.errors, 'reason')}
              rows={3}
            />
            <Button variant="primary" id="bulk-save" text={a.bulkSave} />
          </Fieldset>
        </form>
      )}
    </AdminLayout>
  );
}
