import { CsrfField } from '../../platform/csrf.js';
import { formatInstant } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Badge,
  Button,
  ButtonLink,
  type Crumb,
  ErrorSummary,
  type FieldError,
  FileInput,
  Hint,
  type PageContext,
  Table,
} from '../../platform/ui/index.js';
import { organisationCrumb, organisationsCrumb } from '../../awards/index.js';
import { awardsUrls } from '../../awards/urls.js';
import { ideabankUrls } from '../../ideabank/urls.js';
import { publicationUrls } from '../../publication/urls.js';
import type { HistoryImportSummary } from '../history-import.schema.js';
import type { ImportAward, Preview } from '../history-import.service.js';
import { historyImportTexts, problemText, uploadRefusalText, type HistoryImportTexts } from '../i18n.js';
import type { Outcome, RowPlan, RoundValues, SolutionValues } from '../import-rules.js';
import { COLUMN_NAMES, ROUND_FIELDS, SOLUTION_FIELDS } from '../parse.js';
import { historyImportUrls as urls } from '../urls.js';

const REQUIRED = new Set(['rounds:year', 'rounds:nominee', 'solutions:title', 'solutions:summary', 'solutions:year']);

function crumbs(ctx: PageContext, award: ImportAward, last: Crumb[]): Crumb[] {
  return [
    organisationsCrumb(ctx),
    organisationCrumb(award.organisation),
    { label: award.award.name, href: awardsUrls.awardSetup({ id: award.award.id }) },
    ...last,
  ];
}

type UploadProps = {
  ctx: PageContext;
  csrf: string;
  award: ImportAward;
  /** The refusal of the last upload, shown beside the file field. */
  error: string | null;
  recent: { id: number; fileName: string; appliedAt: Date | null; summary: HistoryImportSummary | null }[];
};

/** The import page of an award: how, the sample files, the columns, and the upload form. */
export function UploadPage({ ctx, csrf, award, error, recent }: UploadProps): JSX.Element {
  const h = historyImportTexts(ctx.locale);
  const title = h.title(award.award.name);
  const errors: FieldError[] = error ? [{ field: 'fil', message: error }] : [];
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={crumbs(ctx, award, [{ label: h.crumb }])} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {h.intro}
      </p>
      <h2 safe>{h.stepsLabel}</h2>
      <ol>
        {h.steps.map((s) => (
          <li safe>{s}</li>
        ))}
      </ol>
      <form method="post" action={urls.upload({ id: award.award.id })} enctype="multipart/form-data" novalidate>
        <CsrfField token={csrf} />
        <FileInput ctx={ctx} id="fil" label={h.fileLabel} hint={`${h.fileHint} ${h.limits}`} accept=".xlsx,.csv,.txt" error={error ?? undefined} />
        <Button variant="primary" text={h.read} />
      </form>

      <section aria-labelledby="samples-heading">
        <h2 id="samples-heading" safe>
          {h.samplesHeading}
        </h2>
        <p safe>{h.samplesText}</p>
        <ul>
          <li>
            <a href={urls.sampleXlsx()} download="" safe>
              {h.sampleXlsx}
            </a>
          </li>
          <li>
            <a href={urls.sampleRoundsCsv()} download="" safe>
              {h.sampleRoundsCsv}
            </a>
          </li>
          <li>
            <a href={urls.sampleSolutionsCsv()} download="" safe>
              {h.sampleSolutionsCsv}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading" safe>
          {h.columnsHeading}
        </h2>
        <p safe>{h.columnsIntro}</p>
        <ColumnTable h={h} kind="rounds" caption={h.roundsColumns} />
        <ColumnTable h={h} kind="solutions" caption={h.solutionsColumns} />
      </section>

      {recent.length > 0 ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" safe>
            {h.recentHeading}
          </h2>
          <ul>
            {recent.map((r) => (
              <li>
                <a href={urls.preview({ id: award.award.id, importId: r.id })} safe>
                  {h.recentText(r.appliedAt ? formatInstant(r.appliedAt, ctx.locale) : '', r.fileName, r.summary ? summaryLine(h, r.summary) : '')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

function summaryLine(h: HistoryImportTexts, s: HistoryImportSummary): string {
  return doneLines(h, s).join(', ');
}

function doneLines(h: HistoryImportTexts, s: HistoryImportSummary): string[] {
  const d = h.doneCount;
  return [
    d.roundsCreated(s.roundsCreated),
    ...(s.roundsCompleted > 0 ? [d.roundsCompleted(s.roundsCompleted)] : []),
    d.nomineesCreated(s.nomineesCreated),
    d.solutionsCreated(s.solutionsCreated),
    ...(s.alreadyThere > 0 ? [d.alreadyThere(s.alreadyThere)] : []),
  ];
}

function ColumnTable({ h, kind, caption }: { h: HistoryImportTexts; kind: 'rounds' | 'solutions'; caption: string }) {
  const fields: readonly string[] = kind === 'rounds' ? ROUND_FIELDS : SOLUTION_FIELDS;
  const names = COLUMN_NAMES[kind] as Record<string, string[]>;
  const meaning = h.columnMeaning[kind] as Record<string, string>;
  return (
    <Table label={caption} compact>
      <caption safe>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {h.columnHeader.name}
          </th>
          <th scope="col" safe>
            {h.columnHeader.required}
          </th>
          <th scope="col" safe>
            {h.columnHeader.meaning}
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <th scope="row" safe>
              {names[f]![0]!}
            </th>
            <td safe>{REQUIRED.has(`${kind}:${f}`) ? h.yes : h.no}</td>
            <td safe>{meaning[f]!}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

const BADGE: Record<Outcome, 'success' | 'info' | 'error'> = { new: 'success', 'already-there': 'info', error: 'error' };

function OutcomeCell({ h, row }: { h: HistoryImportTexts; row: RowPlan<unknown> }) {
  return (
    <td>
      <Badge status={BADGE[row.outcome]}>
        <span safe>{h.outcome[row.outcome]}</span>
      </Badge>
    </td>
  );
}

function Problems({ h, row }: { h: HistoryImportTexts; row: RowPlan<unknown> }) {
  if (row.problems.length === 0) return <td />;
  return (
    <td>
      <ul class="nobullet-list">
        {row.problems.map((p) => (
          <li safe>{problemText(h, p)}</li>
        ))}
      </ul>
    </td>
  );
}

type PreviewProps = { ctx: PageContext; csrf: string; award: ImportAward; preview: Preview; error: string | null };

/** The dry run of an upload (each row with its outcome and errors, and the apply button), or what an applied import did. */
export function PreviewPage({ ctx, csrf, award, preview, error }: PreviewProps): JSX.Element {
  const h = historyImportTexts(ctx.locale);
  const title = h.previewTitle(award.award.name);
  const c = crumbs(ctx, award, [{ label: h.crumb, href: urls.upload({ id: award.award.id }) }, { label: h.previewCrumb }]);
  const plan = preview.kind === 'plan' ? preview.plan : null;
  const rowsWithErrors = plan ? [...plan.rounds, ...plan.solutions].filter((r) => r.outcome === 'error') : [];
  // The error summary links to each row with errors (the row's heading cell), as a form links to its fields.
  const errors: FieldError[] = [
    ...(error ? [{ field: 'apply', message: error }] : []),
    ...(preview.kind === 'unreadable' ? [{ field: 'upload-again', message: uploadRefusalLine(h, preview) }] : []),
    ...rowsWithErrors.map((r) => ({ field: rowId(r), message: `${h.rowName(r.sheet, r.line)}: ${r.problems.map((p) => problemText(h, p)).join(' ')}` })),
  ];
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={c} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors.slice(0, 50)} />
      <h1 safe>{title}</h1>
      {preview.kind === 'applied' ? (
        <>
          <Alert ctx={ctx} variant="success" heading={h.appliedHeading} text={h.appliedText} live="status">
            <ul>
              {doneLines(h, preview.summary).map((l) => (
                <li safe>{l}</li>
              ))}
            </ul>
          </Alert>
          <ul class="nobullet-list">
            <li>
              <a href={awardsUrls.award({ slug: award.award.slug })} safe>
                {h.seeAward}
              </a>
            </li>
            <li>
              <a href={publicationUrls.archive()} safe>
                {h.seeArchive}
              </a>
            </li>
            <li>
              <a href={ideabankUrls.bank()} safe>
                {h.seeIdeaBank}
              </a>
            </li>
          </ul>
        </>
      ) : (
        ''
      )}
      {preview.kind === 'unreadable' ? (
        <p>
          <ButtonLink variant="primary" href={urls.upload({ id: award.award.id })} text={h.uploadAnother} id="upload-again" />
        </p>
      ) : (
        ''
      )}
      {plan && preview.kind === 'plan' ? (
        <>
          <Alert ctx={ctx} variant="info" heading={h.dryRun} text={h.dryRunText(preview.upload.fileName)} live="none" />
          <h2 safe>{h.summaryHeading}</h2>
          <ul>
            <li safe>{h.count.roundsCreated(plan.counts.roundsCreated)}</li>
            {plan.counts.roundsCompleted > 0 ? <li safe>{h.count.roundsCompleted(plan.counts.roundsCompleted)}</li> : ''}
            <li safe>{h.count.nomineesCreated(plan.counts.nomineesCreated)}</li>
            <li safe>{h.count.solutionsCreated(plan.counts.solutionsCreated)}</li>
            {plan.counts.alreadyThere > 0 ? <li safe>{h.count.alreadyThere(plan.counts.alreadyThere)}</li> : ''}
            {plan.counts.errors > 0 ? <li safe>{h.count.errors(plan.counts.errors)}</li> : ''}
          </ul>
          {preview.ignoredColumns.length > 0 ? <Hint block text={h.ignored(preview.ignoredColumns)} /> : ''}
          {plan.counts.errors > 0 ? (
            <Alert ctx={ctx} variant="warning" heading={h.errorsHeading} text={h.errorsText(plan.counts.errors)} live="none" headingLevel="h2" />
          ) : (
            ''
          )}
          {plan.rounds.length > 0 ? <RoundRows h={h} rows={plan.rounds} /> : ''}
          {plan.solutions.length > 0 ? <SolutionRows h={h} rows={plan.solutions} /> : ''}
          {plan.counts.errors === 0 && plan.writes.length === 0 && plan.newSolutions.length === 0 ? <p safe>{h.nothingNew}</p> : ''}
          {plan.counts.errors === 0 && (plan.writes.length > 0 || plan.newSolutions.length > 0) ? (
            <form method="post" action={urls.preview({ id: award.award.id, importId: preview.upload.id })} novalidate>
              <CsrfField token={csrf} />
              <input type="hidden" name="sha256" value={preview.upload.sha256} />
              <Button variant="primary" text={h.apply} id="apply" />
            </form>
          ) : (
            ''
          )}
          <p>
            <a href={urls.upload({ id: award.award.id })} safe>
              {h.uploadAnother}
            </a>
          </p>
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

function uploadRefusalLine(h: HistoryImportTexts, p: Extract<Preview, { kind: 'unreadable' }>): string {
  return uploadRefusalText(h, p.refusal);
}

const rowId = (r: RowPlan<unknown>) => `raekke-${(r.sheet ?? 'csv').replace(/[^A-Za-z0-9]+/g, '-')}-${r.line}`;

/** A column of a plan table between the row's name and its outcome and problems. */
type PlanColumn<V> = { header: string; cell: (values: V) => JSX.Element | string };

/**
 * The rows of one kind (rounds or solutions) as a table: the row's name (the target of the
 * problem links), the kind's own columns, what the import will do and the row's problems.
 */
function PlanRows<V>({ h, id, heading, columns, rows }: { h: HistoryImportTexts; id: string; heading: string; columns: PlanColumn<V>[]; rows: RowPlan<V>[] }) {
  const r = h.rowHeader;
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} safe>
        {heading}
      </h2>
      <Table labelledBy={headingId} compact>
        <thead>
          <tr>
            {[r.line, ...columns.map((c) => c.header), r.outcome, r.problems].map((header) => (
              <th scope="col" safe>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row" id={rowId(row)} tabindex="-1" safe>
                {h.rowName(row.sheet, row.line)}
              </th>
              {columns.map((c) => c.cell(row.values))}
              <OutcomeCell h={h} row={row} />
              <Problems h={h} row={row} />
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

const yearCell = (year: number | null) => <td safe>{year === null ? '' : String(year)}</td>;

function RoundRows({ h, rows }: { h: HistoryImportTexts; rows: RowPlan<RoundValues>[] }) {
  const r = h.rowHeader;
  const columns: PlanColumn<RoundValues>[] = [
    { header: r.year, cell: (v) => yearCell(v.year) },
    {
      header: r.nominee,
      cell: (v) => (
        <td>
          <span safe>{v.nominee}</span>
          {v.title !== v.nominee ? (
            <>
              <br />
              <span class="font-size-sm" safe>
                {v.title}
              </span>
            </>
          ) : (
            ''
          )}
        </td>
      ),
    },
    { header: r.winner, cell: (v) => <td>{v.winner ? <span safe>{h.winnerMark}</span> : ''}</td> },
  ];
  return <PlanRows h={h} id="rounds" heading={h.roundsHeading} columns={columns} rows={rows} />;
}

function SolutionRows({ h, rows }: { h: HistoryImportTexts; rows: RowPlan<SolutionValues>[] }) {
  const r = h.rowHeader;
  const columns: PlanColumn<SolutionValues>[] = [
    { header: r.title, cell: (v) => <td safe>{v.title}</td> },
    { header: r.year, cell: (v) => yearCell(v.year) },
  ];
  return <PlanRows h={h} id="solutions" heading={h.solutionsHeading} columns={columns} rows={rows} />;
}
