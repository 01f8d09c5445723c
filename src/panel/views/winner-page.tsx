import { membersTexts } from '../../members/index.js';
import { CsrfField } from '../../platform/csrf.js';
import { Alert, Button, ErrorSummary, Layout, type PageContext, Radios } from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { panelTexts, type PanelTexts } from '../i18n.js';
import type { WinnerPage } from '../winner.service.js';
import { titleOf } from './ballot-pages.js';
import { SchulzeTally } from './tally.js';
import { panelUrls as urls } from '../urls.js';
import { membersUrls } from '../../members/urls.js';

export type WinnerForm = { value: string; error: 'required' | 'not-in-tie' | 'not-on-shortlist' | 'blocked' | null; saved: boolean };

function errorText(p: PanelTexts, error: WinnerForm['error']): string | null {
  if (error === 'required') return p.winner.chooseRequired;
  if (error === 'not-in-tie') return p.winner.notInTie;
  if (error === 'not-on-shortlist') return p.winner.notOnShortlist;
  return null;
}

/** Why nothing can be decided now, in words. */
function blockedText(p: PanelTexts, page: WinnerPage, fmt: (d: Date) => string): string | null {
  const b = page.blocked;
  if (!b) return null;
  const title = (id: number) => titleOf(p, page.nominees.find((n) => n.id === id) ?? { title: '' });
  switch (b.reason) {
    case 'no-shortlist':
      return p.winner.noShortlist;
    case 'voting-not-closed':
      return b.closesAt ? p.winner.votingNotClosed(fmt(b.closesAt)) : p.winner.votingNoDates;
    case 'no-ballots':
      return p.winner.noBallots;
    case 'no-tie':
      return p.winner.panelWinner(title(b.nominationId));
    case 'announced':
      return p.winner.announced(fmt(b.at));
  }
}

/** /bedoemmelse/udgaver/:editionId/vinder: the chair breaks the panel's tie, or records the committee's winner. */
export function WinnerDecisionPage({ ctx, csrf, page, form }: { ctx: PageContext; csrf: string; page: WinnerPage; form: WinnerForm }): JSX.Element {
  const p = panelTexts(ctx.locale);
  const fmt = (d: Date) => formatInstant(d, ctx.locale);
  const name = ctx.t.award.edition(page.edition.awardName, page.edition.year);
  const title = (id: number) => titleOf(p, page.nominees.find((n) => n.id === id) ?? { title: '' });
  const message = errorText(p, form.error);
  const blocked = blockedText(p, page, fmt);
  const tie = page.edition.hasPatientPanel;
  const firstChoice = page.choices[0];
  const chosen = form.value !== '' ? form.value : page.decision ? String(page.decision.nominationId) : '';
  const m = membersTexts(ctx.locale);
  return (
    <Layout
      ctx={ctx}
      title={`${p.winner.title}: ${name}`}
      hasErrors={message !== null}
      breadcrumbs={[
        { label: ctx.t.home, href: '/' },
        { label: m.mineAccount, href: '/min-side' },
        { label: m.mine.title, href: membersUrls.myEditions() },
        { label: name, href: membersUrls.myEdition({ editionId: page.edition.id }) },
        { label: p.winner.title },
      ]}
    >
      <ErrorSummary ctx={ctx} errors={message && firstChoice !== undefined ? [{ field: `winner-${firstChoice}`, message }] : []} />
      {form.saved && page.decision ? <Alert ctx={ctx} variant="success" live="status" text={p.winner.saved(title(page.decision.nominationId))} /> : ''}
      <h1 safe>{`${p.winner.title}: ${name}`}</h1>
      {page.decision ? (
        <p id="winner-decision" safe>
          {p.winner.decided(title(page.decision.nominationId), fmt(page.decision.decidedAt))}
        </p>
      ) : (
        ''
      )}
      {blocked ? (
        <p id="winner-blocked" safe>
          {blocked}
        </p>
      ) : (
        ''
      )}
      {page.choices.length > 0 ? (
        <form method="post" action={urls.winnerDecision({ editionId: page.edition.id })} novalidate>
          <CsrfField token={csrf} />
          <p safe>{tie ? p.winner.tieIntro(page.choices.map(title).join(', ')) : p.winner.committeeIntro}</p>
          <Radios
            ctx={ctx}
            id={`winner-${firstChoice}`}
            name="vinder"
            legend={tie ? p.winner.legendTie : p.winner.legendCommittee}
            value={chosen ?? ''}
            error={message ?? undefined}
            options={page.choices.map((id) => ({ id: `winner-${id}`, value: String(id), label: title(id), lang: 'da' }))}
          />
          <Button variant="primary" text={p.winner.save} />
        </form>
      ) : (
        ''
      )}
      {page.count?.result ? <SchulzeTally ctx={ctx} count={page.count} nominees={page.nominees} /> : ''}
    </Layout>
  );
}
