import { apiTokenTexts } from '../../accounts/index.js';
import { setupTexts } from '../../awards/index.js';
import { awardsUrls } from '../../awards/urls.js';
import { judgingUrls } from '../../judging/urls.js';
import { membersTexts } from '../../members/index.js';
import { membersUrls } from '../../members/urls.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { privacyTexts } from '../../privacy/index.js';
import { AdminLayout, type PageContext, Table } from '../../platform/ui/index.js';
import { roundsTexts } from '../i18n.js';
import type { AdminOverview } from '../rounds.service.js';
import { roundsUrls as urls } from '../urls.js';
import { nextText, WaitingList } from './parts.js';

/**
 * /admin: each of the administrator's organisations with its rounds grouped by stage (drafts,
 * open, in review, voting, finished), each round with its phase, next deadline, sent
 * nominations and what waits (links to where it is done), and links to its dashboard and
 * main pages. It lives in rounds/, above the modules whose counts it shows.
 */
export function AdminOverviewPage({ ctx, csrf, overview, now }: { ctx: PageContext; csrf: string; overview: AdminOverview; now: Date }): JSX.Element {
  const { t } = ctx;
  const r = roundsTexts(ctx.locale);
  const m = membersTexts(ctx.locale);
  return (
    <AdminLayout ctx={ctx} title={t.admin.title} csrf={csrf} crumbs={[]}>
      <h1 safe>{t.admin.title}</h1>
      <p safe>{r.overviewIntro}</p>
      <ul class="unstyled-list">
        <li>
          <a href={awardsUrls.organisations()} safe>
            {setupTexts(ctx.locale).overviewLink}
          </a>
        </li>
        <li>
          <a href="/min-side/api-noegler" safe>
            {apiTokenTexts(ctx.locale).link}
          </a>
        </li>
        <li>
          <a href="/admin/personer" safe>
            {privacyTexts(ctx.locale).overviewLink}
          </a>
        </li>
      </ul>
      {overview.organisations.length === 0 ? <p safe>{r.noRounds}</p> : ''}
      {overview.organisations.map((o) => (
        <section aria-labelledby={`organisation-${o.id}`}>
          <h2 id={`organisation-${o.id}`} safe>
            {o.name}
          </h2>
          {o.stages.map(({ stage, rounds }) => {
            const headingId = `organisation-${o.id}-${stage}`;
            return (
              <section aria-labelledby={headingId}>
                <h3 id={headingId} safe>
                  {r.stage[stage]}
                </h3>
                <Table compact label={r.stageTable(o.name, r.stage[stage])}>
                  <thead>
                    <tr>
                      <th scope="col" safe>
                        {r.column.round}
                      </th>
                      <th scope="col" safe>
                        {r.column.theme}
                      </th>
                      <th scope="col" safe>
                        {r.column.phase}
                      </th>
                      <th scope="col" safe>
                        {r.column.next}
                      </th>
                      <th scope="col" class="text-align-right" safe>
                        {r.column.sent}
                      </th>
                      <th scope="col" safe>
                        {r.column.waiting}
                      </th>
                      <th scope="col" safe>
                        {r.column.pages}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rounds.map((round) => {
                      const name = t.award.edition(round.award.name, round.year);
                      const next: string = round.next ? nextText(ctx, round, now) : '';
                      return (
                        <tr>
                          <th scope="row">
                            <a href={urls.dashboard({ id: round.id })} aria-label={r.dashboardLinkOf(name)} safe>
                              {name}
                            </a>
                          </th>
                          <td safe>{round.theme ?? ''}</td>
                          <td safe>{round.phase ? t.phase[round.phase] : r.historic}</td>
                          <td safe>{next}</td>
                          <td class="text-align-right" safe>
                            {String(round.counts.nominations.sent)}
                          </td>
                          <td>
                            <WaitingList ctx={ctx} round={round} compact />
                          </td>
                          <td>
                            <ul class="unstyled-list">
                              <li>
                                <a href={nominationsUrls.editionNominations({ id: round.id })} aria-label={r.nominationsLinkOf(name)} safe>
                                  {r.nominationsLink}
                                </a>
                              </li>
                              <li>
                                <a href={membersUrls.editionMembers({ id: round.id })} aria-label={m.overviewLinkOf(name)} safe>
                                  {m.overviewLink}
                                </a>
                              </li>
                              <li>
                                <a href={judgingUrls.adminOverview({ editionId: round.id })} aria-label={r.judgingLinkOf(name)} safe>
                                  {r.judgingLink}
                                </a>
                              </li>
                            </ul>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </Table>
              </section>
            );
          })}
        </section>
      ))}
    </AdminLayout>
  );
}
