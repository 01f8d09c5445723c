import { type AuditTexts, auditTexts, fieldLabel, valueLabel } from '../i18n.js';
import { asId, ENTITY_IDS, ID_KEYS, isRecord, NO_REFERENCES } from '../audit-references.js';
import type { AuditReferences } from '../audit.repo.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { membersUrls } from '../../members/urls.js';
import { ideabankUrls } from '../../ideabank/urls.js';
import {
  AdminLayout,
  Button,
  ButtonGroup,
  ButtonLink,
  errorFor,
  ErrorSummary,
  type FieldError,
  type PageContext,
  Pagination,
  Select,
  Table,
  TextInput,
} from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { organisationCrumb, organisationsCrumb, type OrganisationRow } from '../../awards/index.js';
import type { findAuditEvents, findAuditFilterOptions } from '../audit.repo.js';
import { auditUrls as urls } from '../urls.js';

export type AuditFilterValues = { action: string; edition: string; who: string; from: string; to: string };

type Props = {
  ctx: PageContext;
  csrf: string;
  organisation: OrganisationRow;
  options: Awaited<ReturnType<typeof findAuditFilterOptions>>;
  values: AuditFilterValues;
  errors: FieldError[];
  rows: Awaited<ReturnType<typeof findAuditEvents>>['rows'];
  /** Names of the ids the rows refer to (audit.repo.ts findAuditReferences). */
  refs: AuditReferences;
  total: number;
  page: number;
  pageSize: number;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

type Texts = AuditTexts;

/** How an id of a kind reads: a nomination's receipt number and title, a member's name, a solution's title. */
function nameOf(kind: keyof AuditReferences, id: number, a: Texts, refs: AuditReferences): string {
  switch (kind) {
    case 'nominations': {
      const n = refs.nominations.get(id);
      return n ? a.nominationNamed(n.receiptNumber, n.title) : a.removed(String(id));
    }
    case 'members':
      return refs.members.get(id)?.name ?? a.removed(String(id));
    case 'invitations':
      return refs.invitations.get(id)?.name ?? a.removed(String(id));
    case 'solutions':
      return refs.solutions.get(id)?.title ?? a.removed(String(id));
    case 'criteria':
      return refs.criteria.get(id)?.title ?? a.removed(String(id));
    case 'users':
      return refs.users.get(id) ?? a.removed(String(id));
  }
}

/**
 * A value of a before/after record as a person reads it: instants in Danish time, yes/no,
 * codes in words, ids as the names of what they are (nominations by receipt number and title,
 * members, solutions, criteria), lists joined with "; " and records as "label: value".
 */
export function formatAuditValue(
  v: unknown,
  a: Texts,
  locale: PageContext['locale'],
  key: string | null = null,
  refs: AuditReferences = NO_REFERENCES,
): string {
  if (v === null || v === undefined || v === '') return a.empty;
  if (key !== null && Object.hasOwn(ID_KEYS, key)) {
    const ids = Array.isArray(v) ? v : [v];
    if (ids.every((x) => asId(x) !== null)) return ids.map((x) => nameOf(ID_KEYS[key]!, asId(x)!, a, refs)).join('; ');
  }
  if (key === 'scores' && isRecord(v)) {
    return Object.entries(v)
      .map(
        ([criterion, score]) =>
          `${asId(criterion) === null ? criterion : nameOf('criteria', asId(criterion)!, a, refs)}: ${formatAuditValue(score, a, locale)}`,
      )
      .join('; ');
  }
  if (typeof v === 'boolean') return v ? a.yes : a.no;
  if (typeof v === 'number') return v.toLocaleString(locale === 'en' ? 'en-GB' : 'da-DK');
  if (typeof v === 'string') {
    const code = key === null ? null : valueLabel(a, key, v);
    if (code !== null) return code;
    return ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) ? formatInstant(new Date(v), locale) : v;
  }
  if (Array.isArray(v)) return v.map((x) => formatAuditValue(x, a, locale, key, refs)).join('; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k !== 'id')
      .map(([k, x]) => `${fieldLabel(a, k) ?? k}: ${formatAuditValue(x, a, locale, k, refs)}`)
      .join(' · ');
  }
  return String(v);
}

/** What changed: for two records the fields that differ; for lists both lists; for one side that side. */
function Changes({ ctx, before, after, refs }: { ctx: PageContext; before: unknown; after: unknown; refs: AuditReferences }) {
  const a = auditTexts(ctx.locale);
  const fmt = (v: unknown, key: string | null = null) => formatAuditValue(v, a, ctx.locale, key, refs);
  if (Array.isArray(before) || Array.isArray(after)) {
    const list = (label: string, items: unknown) =>
      Array.isArray(items) ? (
        <>
          <p class="audit-side">
            <strong safe>{label}</strong>
          </p>
          {items.length === 0 ? (
            <p safe>{a.empty}</p>
          ) : (
            <ol>
              {items.map((item) => (
                <li safe>{fmt(item)}</li>
              ))}
            </ol>
          )}
        </>
      ) : (
        ''
      );
    return (
      <>
        {list(a.before, before)}
        {list(a.after, after)}
      </>
    );
  }
  const b = isRecord(before) ? before : null;
  const af = isRecord(after) ? after : null;
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  // Fields in the order of the catalogue (jsonb keeps its own order), unknown ones last; for a
  // record with one side (created) only the filled-in fields, for two sides only what differs.
  const known = Object.keys(a.fields);
  const rank = (k: string) => (fieldLabel(a, k) !== null ? known.indexOf(k) : known.length);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(af ?? {})])]
    .filter((k) => (b && af ? JSON.stringify(b[k] ?? null) !== JSON.stringify(af[k] ?? null) : !empty((b ?? af)![k])))
    .sort((x, y) => rank(x) - rank(y));
  if (keys.length === 0) return <span safe>{a.noChanges}</span>;
  return (
    <dl class="audit-changes">
      {keys.map((k) => (
        <>
          <dt safe>{fieldLabel(a, k) ?? k}</dt>
          {b ? <dd safe>{`${a.before}: ${fmt(b[k], k)}`}</dd> : ''}
          {af ? <dd safe>{`${a.after}: ${fmt(af[k], k)}`}</dd> : ''}
        </>
      ))}
    </dl>
  );
}

/** The nomination, member, invitation, solution or user an event is about: its name and, where it has a page, a link. */
function entityLink(
  e: { entityType: string; entityId: string; editionId: number | null },
  a: Texts,
  refs: AuditReferences,
): { name: string; href: string | null } | null {
  if (!Object.hasOwn(ENTITY_IDS, e.entityType)) return null;
  const id = asId(e.entityId);
  if (id === null) return null;
  const kind = ENTITY_IDS[e.entityType]!;
  const name = nameOf(kind, id, a, refs);
  switch (kind) {
    case 'nominations':
      return { name, href: refs.nominations.has(id) ? nominationsUrls.adminNomination({ id }) : null };
    case 'members': {
      const m = refs.members.get(id);
      return { name, href: m ? membersUrls.editionMembers({ id: m.editionId }) : null };
    }
    case 'invitations': {
      const i = refs.invitations.get(id);
      return { name, href: i ? membersUrls.editionMembers({ id: i.editionId }) : null };
    }
    case 'solutions':
      return { name, href: refs.solutions.has(id) ? ideabankUrls.solution({ solutionId: id }) : null };
    default:
      return { name, href: null };
  }
}

function FilterSelect(p: {
  ctx: PageContext;
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  all: string;
  error?: string;
}) {
  return <Select ctx={p.ctx} id={p.id} name={p.name} label={p.label} value={p.value} error={p.error} options={[{ value: '', label: p.all }, ...p.options]} />;
}

function DateFilter({ ctx, id, name, label, value, error }: { ctx: PageContext; id: string; name: string; label: string; value: string; error?: string }) {
  return <TextInput ctx={ctx} type="date" width="s" id={id} name={name} label={label} hint={auditTexts(ctx.locale).dateHint} value={value} error={error} />;
}

/** /admin/organisationer/:id/log: the append-only log of changes, newest first, with filters and pages of 50. */
export function AuditLogPage(p: Props): JSX.Element {
  const { ctx, organisation: o, values, options } = p;
  const { t } = ctx;
  const a = auditTexts(ctx.locale);
  const title = a.title(o.name);
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const first = p.total === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  const last = Math.min(p.total, p.page * p.pageSize);
  const filtered = Object.values(values).some((v) => v !== '');
  const pageHref = (n: number) =>
    urls.organisationLog(
      { id: o.id },
      {
        handling: values.action || null,
        runde: values.edition || null,
        hvem: values.who || null,
        fra: values.from || null,
        til: values.to || null,
        side: n > 1 ? n : null,
      },
    );
  const actionLabel = (action: string) => a.actions[action] ?? action;
  const actionOptions = [...new Set([...Object.keys(a.actions), ...options.actions])]
    .filter((x) => options.actions.includes(x) || x === values.action)
    .map((x) => ({ value: x, label: actionLabel(x) }));

  return (
    <AdminLayout
      ctx={ctx}
      title={title}
      csrf={p.csrf}
      crumbs={[organisationsCrumb(ctx), organisationCrumb(o), { label: a.crumb }]}
      hasErrors={p.errors.length > 0}
    >
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 safe>{title}</h1>
      <p safe>{a.intro}</p>
      <section aria-labelledby="audit-filter-heading" class="no-print">
        <h2 id="audit-filter-heading" safe>
          {a.filterHeading}
        </h2>
        <form method="get" action={urls.organisationLog({ id: o.id })} novalidate>
          <FilterSelect ctx={ctx} id="action" name="handling" label={a.action} value={values.action} all={a.all} options={actionOptions} />
          <FilterSelect
            ctx={ctx}
            id="edition"
            name="runde"
            label={a.edition}
            value={values.edition}
            all={a.all}
            options={options.editions.map((e) => ({ value: String(e.id), label: t.award.edition(e.awardName, e.year) }))}
          />
          <FilterSelect
            ctx={ctx}
            id="who"
            name="hvem"
            label={a.who}
            value={values.who}
            all={a.all}
            options={options.people.map((x) => ({ value: String(x.userId), label: x.label }))}
          />
          <DateFilter ctx={ctx} id="from" name="fra" label={a.from} value={values.from} error={errorFor(p.errors, 'from')} />
          <DateFilter ctx={ctx} id="to" name="til" label={a.to} value={values.to} error={errorFor(p.errors, 'to')} />
          <ButtonGroup>
            <Button variant="primary" text={a.filter} />
            {filtered ? <ButtonLink variant="secondary" href={urls.organisationLog({ id: o.id })} text={a.reset} /> : ''}
          </ButtonGroup>
        </form>
      </section>
      <p role="status" safe>
        {a.count(first, last, p.total)}
      </p>
      {p.rows.length === 0 ? (
        <p safe>{filtered ? a.noneMatch : a.none}</p>
      ) : (
        <Table compact class="audit-table" labelledBy="audit-table-caption">
          <caption id="audit-table-caption" class="sr-only" safe>
            {a.tableLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {a.column.at}
              </th>
              <th scope="col" safe>
                {a.column.who}
              </th>
              <th scope="col" safe>
                {a.column.action}
              </th>
              <th scope="col" safe>
                {a.column.what}
              </th>
              <th scope="col" safe>
                {a.column.changes}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map(({ event: e, editionYear, awardName }) => {
              const named =
                (isRecord(e.after) && typeof e.after.name === 'string' ? e.after.name : null) ??
                (isRecord(e.before) && typeof e.before.name === 'string' ? e.before.name : null);
              const round = awardName && editionYear ? t.award.edition(awardName, editionYear) : null;
              const entity = a.entity[e.entityType] ?? e.entityType;
              const target = entityLink(e, a, p.refs);
              return (
                <tr>
                  <td>
                    <time datetime={e.at.toISOString()} safe>
                      {formatInstant(e.at, ctx.locale)}
                    </time>
                  </td>
                  <td safe>{e.actorLabel}</td>
                  <td safe>{actionLabel(e.action)}</td>
                  <td>
                    {target ? (
                      <>
                        {target.href ? (
                          <a href={target.href} safe>
                            {`${entity}: ${target.name}`}
                          </a>
                        ) : (
                          <span safe>{`${entity}: ${target.name}`}</span>
                        )}
                        {round ? (
                          <>
                            <br />
                            <span safe>{round}</span>
                          </>
                        ) : (
                          ''
                        )}
                      </>
                    ) : (
                      <span safe>{`${entity}: ${round ?? named ?? `#${e.entityId}`}`}</span>
                    )}
                  </td>
                  <td>
                    <Changes ctx={ctx} before={e.before} after={e.after} refs={p.refs} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <div class="no-print">
        <Pagination ctx={ctx} current={p.page} total={pages} href={pageHref} label={a.paginationLabel} />
      </div>
    </AdminLayout>
  );
}
