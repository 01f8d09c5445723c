import { Hint, type PageContext, Table } from '../../platform/ui/index.js';
import { panelTexts, type PanelTexts } from '../i18n.js';
import type { NomineeRow } from '../panel.repo.js';
import type { PanelCount } from '../winner.service.js';
import { titleOf } from './ballot-pages.js';

// The Schulze count as administrators and the chair see it: the order (tiers), the winner or
// the tie, and the two matrices d and p. Aggregates only: nothing here is one member's ballot.

function Matrix({ p, id, caption, hint, matrix, labels }: { p: PanelTexts; id: string; caption: string; hint: string; matrix: number[][]; labels: string[] }) {
  return (
    <>
      <Table compact id={id} labelledBy={`${id}-caption`} describedBy={`${id}-hint`}>
        <caption id={`${id}-caption`} safe>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {p.admin.nominee}
            </th>
            {labels.map((l) => (
              <th scope="col" class="text-align-right" safe>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr>
              <th scope="row" safe>
                {labels[i]!}
              </th>
              {row.map((v, j) => (
                <td class="text-align-right" safe>
                  {i === j ? '–' : String(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <Hint block id={id} text={hint} />
    </>
  );
}

export function SchulzeTally({ ctx, count, nominees }: { ctx: PageContext; count: PanelCount; nominees: NomineeRow[] }): JSX.Element {
  const p = panelTexts(ctx.locale);
  const r = count.result;
  if (!r) return <p safe>{p.admin.tallyNone}</p>;
  const titleOfId = (id: string) => titleOf(p, nominees.find((n) => String(n.id) === id) ?? { title: '' });
  const labels = r.candidates.map((_, i) => p.admin.shortName(i));
  return (
    <section aria-labelledby="tally-heading" id="tally">
      <h2 id="tally-heading" safe>
        {p.admin.tallyHeading}
      </h2>
      <p safe>{p.admin.ballots(r.ballotCount)}</p>
      <p id="tally-outcome">
        <strong safe>{r.tie ? p.admin.tie(r.winners.map(titleOfId).join(', ')) : p.admin.winner(titleOfId(r.winners[0] ?? ''))}</strong>
      </p>
      <h3 safe>{p.admin.rankingHeading}</h3>
      <ol id="tally-ranking">
        {r.ranking.map((tier) => (
          <li lang="da" safe>
            {tier.map(titleOfId).join(' = ')}
          </li>
        ))}
      </ol>
      {r.ranking.some((tier) => tier.length > 1) ? <Hint block text={p.admin.rankingHint} /> : ''}
      <h3 safe>{p.admin.legend}</h3>
      <dl class="answers-list" id="tally-legend">
        {r.candidates.map((c, i) => (
          <>
            <dt safe>{labels[i]!}</dt>
            <dd lang="da" safe>
              {titleOfId(c)}
            </dd>
          </>
        ))}
      </dl>
      <Matrix p={p} id="tally-d" caption={p.admin.dHeading} hint={p.admin.dHint} matrix={r.d} labels={labels} />
      <Matrix p={p} id="tally-p" caption={p.admin.pHeading} hint={p.admin.pHint} matrix={r.p} labels={labels} />
    </section>
  );
}
