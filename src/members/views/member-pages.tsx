import { membersTexts } from '../i18n.js';
import { Alert, ButtonLink, Layout, type PageContext, Table } from '../../platform/ui/index.js';
import { isFinished, publicStatus, WinnerDetails } from '../../awards/index.js';
import { awardsUrls } from '../../awards/urls.js';
import type { MemberEditionPage, MemberRoleLabel, MyEdition } from '../members.service.js';
import { judgingLinkTexts, panelLinkTexts } from '../i18n.js';
import { membersUrls as urls } from '../urls.js';
import { judgingUrls } from '../../judging/urls.js';
import { panelUrls } from '../../panel/urls.js';

const roles = (ctx: PageContext, list: MemberRoleLabel[]) => list.map((r) => membersTexts(ctx.locale).role[r]).join(', ');

/** /mine-udgaver: the editions the signed-in user is an active member of, and nothing else. */
export function MyEditionsPage({ ctx, editions }: { ctx: PageContext; editions: MyEdition[] }): JSX.Element {
  const { t } = ctx;
  const m = membersTexts(ctx.locale).mine;
  return (
    <Layout
      ctx={ctx}
      title={m.title}
      breadcrumbs={[{ label: t.home, href: '/' }, { label: membersTexts(ctx.locale).mineAccount, href: '/min-side' }, { label: m.title }]}
    >
      <h1 safe>{m.title}</h1>
      <p safe>{m.intro}</p>
      {editions.length === 0 ? (
        <p safe>{m.none}</p>
      ) : (
        <Table compact label={m.tableLabel} id="my-editions">
          <thead>
            <tr>
              <th scope="col" safe>
                {m.column.edition}
              </th>
              <th scope="col" safe>
                {m.column.year}
              </th>
              <th scope="col" safe>
                {m.column.role}
              </th>
              <th scope="col" safe>
                {m.column.phase}
              </th>
            </tr>
          </thead>
          <tbody>
            {editions.map((e) => (
              <tr>
                <th scope="row">
                  <a href={urls.myEdition({ editionId: e.id })} safe>
                    {t.award.edition(e.awardName, e.year)}
                  </a>
                </th>
                <td safe>{String(e.year)}</td>
                <td safe>{roles(ctx, e.roles)}</td>
                <td safe>{t.phase[e.phase]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editions.some((e) => e.roles.includes('panel')) ? (
        <section aria-labelledby="panel-ballots-heading">
          <h2 id="panel-ballots-heading" safe>
            {panelLinkTexts(ctx.locale).member.ballotsHeading}
          </h2>
          <ul id="panel-ballot-links">
            {editions
              .filter((e) => e.roles.includes('panel'))
              .map((e) => (
                <li>
                  <a href={panelUrls.ballot({ editionId: e.id })} safe>
                    {panelLinkTexts(ctx.locale).member.ballotLinkOf(t.award.edition(e.awardName, e.year))}
                  </a>
                </li>
              ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** /mine-udgaver/:editionId: one edition as its member sees it. Judging comes with the judging issue. */
export function MemberEditionView({ ctx, page }: { ctx: PageContext; page: MemberEditionPage }): JSX.Element {
  const { t } = ctx;
  const m = membersTexts(ctx.locale);
  const e = m.edition;
  const name = t.award.edition(page.awardName, page.year);
  const status = publicStatus(t, ctx.locale, page.phase, {
    awardName: page.awardName,
    year: page.year,
    timeline: page.timeline,
    winnerPublic: page.winner !== null,
  });
  const finished = isFinished(page.phase);
  return (
    <Layout
      ctx={ctx}
      title={name}
      breadcrumbs={[
        { label: t.home, href: '/' },
        { label: m.mineAccount, href: '/min-side' },
        { label: m.mine.title, href: urls.myEditions.pattern },
        { label: name },
      ]}
    >
      <h1 safe>{name}</h1>
      <dl class="admin-facts">
        <div class="admin-fact">
          <dt safe>{e.roleLabel}</dt>
          <dd safe>{roles(ctx, page.roles)}</dd>
        </div>
        {page.theme ? (
          <div class="admin-fact">
            <dt safe>{e.themeLabel}</dt>
            <dd safe>{page.theme}</dd>
          </div>
        ) : (
          ''
        )}
        <div class="admin-fact">
          <dt safe>{e.phaseLabel}</dt>
          <dd safe>{status.heading}</dd>
        </div>
      </dl>
      {finished ? (
        <section aria-labelledby="result-heading" id="result">
          <h2 id="result-heading" safe>
            {e.resultHeading}
          </h2>
          <Alert ctx={ctx} variant={status.variant} heading={status.heading} headingLevel="h3" live="none">
            {page.winner ? <WinnerDetails ctx={ctx} winner={page.winner} filmUrl={null} /> : ''}
            <p>
              <a href={awardsUrls.edition({ slug: page.awardSlug, year: page.year })} safe>
                {e.publicPage(name)}
              </a>
            </p>
          </Alert>
        </section>
      ) : (
        ''
      )}
      {page.eligible !== null ? (
        <section aria-labelledby="eligible-heading">
          <h2 id="eligible-heading" safe>
            {e.eligibleHeading}
          </h2>
          <p safe>{e.eligibleIntro}</p>
          <p>
            <a href={judgingUrls.review({ editionId: page.id })} id="review-link" safe>
              {judgingLinkTexts(ctx.locale).myEditionsLink}
            </a>
          </p>
          {page.eligible.length === 0 ? (
            <p safe>{e.eligibleNone}</p>
          ) : (
            <ol id="eligible-nominations">
              {page.eligible.map((n) => (
                <li lang="da" safe>
                  {n.title || membersTexts(ctx.locale).untitled}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : (
        ''
      )}
      {page.roles.includes('chair') ? (
        <p>
          <a href={panelUrls.winnerDecision({ editionId: page.id })} id="winner-decision-link" safe>
            {panelLinkTexts(ctx.locale).member.winnerLink}
          </a>
        </p>
      ) : (
        ''
      )}
      {page.roles.includes('panel') && !finished ? (
        <section aria-labelledby="panel-heading">
          <h2 id="panel-heading" safe>
            {e.panelHeading}
          </h2>
          <p safe>{e.panelBody}</p>
          <p>
            <ButtonLink
              variant="primary"
              href={panelUrls.ballot({ editionId: page.id })}
              id="panel-ballot-link"
              text={panelLinkTexts(ctx.locale).member.ballotLink}
            />
          </p>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
