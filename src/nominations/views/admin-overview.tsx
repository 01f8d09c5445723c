import { nominationAdminTexts } from '../admin-i18n.js';
import { membersTexts } from '../../members/index.js';
import { apiTokenTexts } from '../../accounts/index.js';
import { setupTexts } from '../../awards/index.js';
import type { OverviewAward } from '../admin.service.js';
import { judgingLinkTexts } from '../admin-i18n.js';
import { privacyTexts } from '../../privacy/index.js';
import { AdminLayout, type PageContext, Table } from '../../platform/ui/index.js';
import { nominationsUrls as urls } from '../urls.js';
import { judgingUrls } from '../../judging/urls.js';
import { membersUrls } from '../../members/urls.js';

/**
 * /admin: every award's editions with their phase and number of sent nominations.
 *
 * It lives in nominations/, not awards/, though it lists awards and editions: what it adds to
 * them is the count of nominations that arrived (administrators watch them come in here), read
 * by the nominations' repository, and nominations already builds on awards (phase, timeline),
 * so awards/ showing it would make the two modules import each other.
 */
export function OverviewPage({ ctx, csrf, awards }: { ctx: PageContext; csrf: string; awards: OverviewAward[] }): JSX.Element {
  const { t } = ctx;
  const a = nominationAdminTexts(ctx.locale);
  return (
    <AdminLayout ctx={ctx} title={t.admin.title} csrf={csrf} crumbs={[]}>
      <h1 safe>{t.admin.title}</h1>
      <p safe>{a.overviewIntro}</p>
      <p>
        <a href="/admin/organisationer" safe>
          {setupTexts(ctx.locale).overviewLink}
        </a>
      </p>
      <p>
        <a href="/min-side/api-noegler" safe>
          {apiTokenTexts(ctx.locale).link}
        </a>
      </p>
      <p>
        <a href="/admin/personer" safe>
          {privacyTexts(ctx.locale).overviewLink}
        </a>
      </p>
      {awards.length === 0 ? <p safe>{a.noEditions}</p> : ''}
      {awards.map((award) => (
        <section aria-labelledby={`award-${award.id}`}>
          <h2 id={`award-${award.id}`}>
            <span safe>{award.name}</span>
            <span class="weight-normal h5 admin-organiser" safe>
              {award.organisation}
            </span>
          </h2>
          <Table compact labelledBy={`award-${award.id}`}>
            <thead>
              <tr>
                <th scope="col" safe>
                  {a.year}
                </th>
                <th scope="col" safe>
                  {a.theme}
                </th>
                <th scope="col" safe>
                  {a.phaseColumn}
                </th>
                <th scope="col" class="text-align-right" safe>
                  {a.sentCount}
                </th>
                <th scope="col">
                  <span class="sr-only" safe>
                    {a.show}
                  </span>
                </th>
                <th scope="col">
                  <span class="sr-only" safe>
                    {membersTexts(ctx.locale).overviewLink}
                  </span>
                </th>
                <th scope="col">
                  <span class="sr-only" safe>
                    {judgingLinkTexts(ctx.locale).adminOverviewLink}
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {award.editions.map((e) => {
                const name = t.award.edition(award.name, e.year);
                return (
                  <tr>
                    <th scope="row" safe>
                      {String(e.year)}
                    </th>
                    <td safe>{e.theme ?? ''}</td>
                    <td safe>{t.phase[e.phase]}</td>
                    <td class="text-align-right" safe>
                      {String(e.sentCount)}
                    </td>
                    <td>
                      <a href={urls.editionNominations({ id: e.id })} aria-label={a.showNominationsOf(name)} safe>
                        {a.show}
                      </a>
                    </td>
                    <td>
                      <a href={membersUrls.editionMembers({ id: e.id })} aria-label={membersTexts(ctx.locale).overviewLinkOf(name)} safe>
                        {membersTexts(ctx.locale).overviewLink}
                      </a>
                    </td>
                    <td>
                      <a href={judgingUrls.adminOverview({ editionId: e.id })} aria-label={judgingLinkTexts(ctx.locale).adminOverviewLinkOf(name)} safe>
                        {judgingLinkTexts(ctx.locale).adminOverviewLink}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </section>
      ))}
    </AdminLayout>
  );
}
