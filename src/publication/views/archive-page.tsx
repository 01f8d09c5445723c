import { Layout, type PageContext, Table } from '../../platform/ui/index.js';
import { publicationTexts } from '../i18n.js';
import { nomineeByline } from '../public-result.js';
import type { ArchiveAward } from '../publication.service.js';
import type { OrganisationRow } from '../../awards/index.js';
import { awardsUrls } from '../../awards/urls.js';

type Props = { ctx: PageContext; awards: ArchiveAward[]; organisations: OrganisationRow[] };

/** /arkiv: every year of every award with theme, nominees and winner, as far as public now. */
export function ArchivePage({ ctx, awards, organisations }: Props): JSX.Element {
  const p = publicationTexts(ctx.locale);
  return (
    <Layout ctx={ctx} title={p.archiveTitle} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: p.archiveLink }]} organisers={organisations}>
      <h1 safe>{p.archiveTitle}</h1>
      <p class="font-lead" safe>
        {p.archiveIntro}
      </p>
      <p>
        <a href="/feeds/vindere.atom" type="application/atom+xml" safe>
          {p.feedLink}
        </a>
      </p>
      {awards.map((a) => (
        <section aria-labelledby={`award-${a.award.id}`}>
          <h2 id={`award-${a.award.id}`}>
            <a href={awardsUrls.award({ slug: a.award.slug })} safe>
              {a.award.name}
            </a>
          </h2>
          <p safe>{a.organisation.name}</p>
          {a.editions.length === 0 ? (
            <p safe>{p.archiveNoEditions}</p>
          ) : (
            <Table compact class="archive-table" label={a.award.name}>
              <caption class="sr-only" safe>
                {a.award.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {p.archiveYear}
                  </th>
                  <th scope="col" safe>
                    {p.archiveTheme}
                  </th>
                  <th scope="col" safe>
                    {p.archiveWinner}
                  </th>
                  <th scope="col" safe>
                    {p.archiveNominees}
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.editions.map((e) => (
                  <tr>
                    <th scope="row">
                      <a href={awardsUrls.edition({ slug: a.award.slug, year: e.year })} safe>
                        {String(e.year)}
                      </a>
                    </th>
                    <td lang="da" safe>
                      {e.theme ?? p.noTheme}
                    </td>
                    <td lang="da">
                      {e.result.winner ? (
                        <>
                          <strong safe>{e.result.winner.title}</strong>
                          <br />
                          <span safe>{nomineeByline(e.result.winner)}</span>
                        </>
                      ) : e.result.nominees === null ? (
                        <span lang={ctx.locale} safe>
                          {e.recorded ? p.archiveNotPublic : p.archiveNotRecorded}
                        </span>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td lang="da">
                      {e.result.nominees === null ? (
                        <span lang={ctx.locale} safe>
                          {e.recorded ? p.archiveNotPublic : p.archiveNotRecorded}
                        </span>
                      ) : e.result.nominees.length === 0 ? (
                        '–'
                      ) : (
                        <ul class="nominee-list">
                          {e.result.nominees.map((n) => (
                            <li safe>{`${n.title} (${nomineeByline(n)})`}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      ))}
    </Layout>
  );
}
