import { CsrfField } from '../../platform/csrf.js';
import { AdminLayout, Alert, Button, ErrorSummary, type FieldError, Hint, type PageContext, Table, TextArea } from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { LIX_BANDS, bandOf } from '../../judging/index.js';
import { panelTexts, type PanelTexts } from '../i18n.js';
import type { PanelAdminPage } from '../panel-admin.service.js';
import type { NomineeRow } from '../panel.repo.js';
import { titleOf } from './ballot-pages.js';
import { SchulzeTally } from './tally.js';
import { panelUrls as urls } from '../urls.js';
import { awardsUrls } from '../../awards/urls.js';
import { membersUrls } from '../../members/urls.js';

/** The summary form being corrected: the nominee, the text as typed, the error. */
export type SummaryForm = { nominationId: number; text: string; error: string } | null;

function lixLabel(ctx: PageContext, value: number): string {
  const p = panelTexts(ctx.locale);
  const band = LIX_BANDS.find((b) => b.band === bandOf(value))!;
  return p.admin.lix(Math.round(value), ctx.locale === 'en' ? band.en : band.da);
}

function SummaryEditor({
  ctx,
  p,
  csrf,
  editionId,
  nominee,
  form,
}: {
  ctx: PageContext;
  p: PanelTexts;
  csrf: string;
  editionId: number;
  nominee: NomineeRow;
  form: SummaryForm;
}) {
  const id = `summary-${nominee.id}`;
  const mine = form && form.nominationId === nominee.id ? form : null;
  const title = titleOf(p, nominee);
  const lix = nominee.lix;
  return (
    <section aria-labelledby={`${id}-heading`} class="panel-summary-editor">
      <h3 id={`${id}-heading`} lang="da" safe>
        {title}
      </h3>
      <p id={`${id}-lix`}>
        <strong safe>{lix === null ? p.admin.lixNone : lixLabel(ctx, lix)}</strong>
        {lix !== null && Math.round(lix) >= 40 ? (
          <span class="d-block" safe>
            {p.admin.lixHigh(Math.round(lix))}
          </span>
        ) : (
          ''
        )}
      </p>
      <form method="post" action={urls.summary({ id: editionId, nominationId: nominee.id })} novalidate>
        <CsrfField token={csrf} />
        <TextArea
          ctx={ctx}
          id={id}
          name="resume"
          label={p.admin.summaryLabel(title)}
          hint={`${p.admin.summaryHint} ${p.admin.lixAim}`}
          value={mine ? mine.text : (nominee.summary ?? '')}
          error={mine?.error}
          rows={6}
          lang="da"
        />
        <Button variant="secondary" text={p.admin.saveSummary} />
      </form>
    </section>
  );
}

/** /admin/udgaver/:id/panel: summaries with LIX, who has voted of how many, and the count once voting is over. */
export function PanelAdminView({
  ctx,
  csrf,
  page,
  form,
  saved,
}: {
  ctx: PageContext;
  csrf: string;
  page: PanelAdminPage;
  form: SummaryForm;
  saved: number | null;
}): JSX.Element {
  const p = panelTexts(ctx.locale);
  const a = p.admin;
  const fmt = (d: Date) => formatInstant(d, ctx.locale);
  const e = page.edition;
  const editionName = ctx.t.award.edition(e.awardName, e.year);
  const title = `${a.title}: ${editionName}`;
  const errors: FieldError[] = form ? [{ field: `summary-${form.nominationId}`, message: form.error }] : [];
  const savedNominee = saved === null ? undefined : page.nominees?.find((n) => n.id === saved);
  const w = page.window;
  const nomineeTitle = (id: number) => titleOf(p, page.nominees?.find((n) => n.id === id) ?? { title: '' });
  return (
    <AdminLayout
      ctx={ctx}
      title={title}
      hasErrors={errors.length > 0}
      csrf={csrf}
      crumbs={[{ label: editionName, href: awardsUrls.editionSetup({ id: e.id }) }, { label: a.title }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      {savedNominee ? <Alert ctx={ctx} variant="success" live="status" text={a.summarySaved(titleOf(p, savedNominee))} /> : ''}
      <h1 safe>{title}</h1>
      {!e.hasPatientPanel ? <p safe>{a.noPanel}</p> : ''}
      <section aria-labelledby="window-heading">
        <h2 id="window-heading" safe>
          {a.windowHeading}
        </h2>
        <dl class="admin-facts">
          <div class="admin-fact">
            <dt safe>{a.status}</dt>
            <dd id="voting-status" safe>
              {a.statusLabel[w.state] ?? w.state}
            </dd>
          </div>
          <div class="admin-fact">
            <dt safe>{a.opens}</dt>
            <dd safe>{e.votingOpensAt ? fmt(e.votingOpensAt) : a.notSet}</dd>
          </div>
          <div class="admin-fact">
            <dt safe>{a.closes}</dt>
            <dd safe>{e.votingClosesAt ? fmt(e.votingClosesAt) : a.notSet}</dd>
          </div>
          <div class="admin-fact">
            <dt safe>{a.lockedSince}</dt>
            <dd id="voting-locked" safe>
              {e.votingLockedAt ? fmt(e.votingLockedAt) : a.notLocked}
            </dd>
          </div>
        </dl>
        <Hint block text={a.lockedHint} />
      </section>

      <section aria-labelledby="summaries-heading">
        <h2 id="summaries-heading" safe>
          {a.summariesHeading}
        </h2>
        {page.nominees === null ? (
          <p safe>{a.noShortlist}</p>
        ) : (
          <>
            <p safe>{a.summariesIntro}</p>
            {page.nominees.map((n) => (
              <SummaryEditor ctx={ctx} p={p} csrf={csrf} editionId={e.id} nominee={n} form={form} />
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="voters-heading">
        <h2 id="voters-heading" safe>
          {a.votersHeading}
        </h2>
        <Hint block text={a.secrecy} />
        {page.members.length === 0 ? (
          <p>
            <span safe>{`${a.noMembers} `}</span>
            <a href={membersUrls.editionMembers({ id: e.id })} safe>
              {a.membersLink}
            </a>
          </p>
        ) : (
          <>
            <p id="voted-of">
              <strong safe>{a.votedOf(page.votedCount, page.members.length)}</strong>
            </p>
            <Table compact id="panel-voters" labelledBy="voters-heading">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {a.name}
                  </th>
                  <th scope="col" safe>
                    {a.email}
                  </th>
                  <th scope="col" safe>
                    {a.voted}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.members.map((m) => (
                  <tr>
                    <th scope="row" safe>
                      {m.name || m.email}
                    </th>
                    <td safe>{m.email}</td>
                    <td safe>{m.firstCastAt ? a.votedAt(fmt(m.firstCastAt)) : a.notVoted}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </section>

      {e.hasPatientPanel ? (
        w.state === 'closed' && page.count ? (
          <SchulzeTally ctx={ctx} count={page.count} nominees={page.nominees ?? []} />
        ) : (
          <section aria-labelledby="tally-heading" id="tally">
            <h2 id="tally-heading" safe>
              {a.tallyHeading}
            </h2>
            <p id="tally-status" safe>
              {w.state === 'open' ? a.tallyOpen(page.ballotCount, fmt(w.closesAt)) : a.tallyNotOpen}
            </p>
          </section>
        )
      ) : (
        ''
      )}
      {page.decision ? (
        <p id="winner-decision">
          <strong safe>
            {a.decision(nomineeTitle(page.decision.nominationId), a.basis[page.decision.basis] ?? page.decision.basis, fmt(page.decision.decidedAt))}
          </strong>
        </p>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
