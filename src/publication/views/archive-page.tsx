import { Layout, LocalizedText, type PageContext, Table } from '../../platform/ui/index.js';
import { publicationTexts } from '../i18n.js';
import { nomineeByline } from '../public-result.js';
import { NomineeTitle } from './result-section.js';
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
                    <td>{e.theme ? <LocalizedText ctx={ctx} da={e.theme} en={e.themeEn} /> : <span safe>{p.noTheme}</span>}</td>
                    <td lang="da">
                      {e.result.winner ? (
                        <>
                          <NomineeTitle nominee={e.result.winner} />
                          <br />
                          <span safe>{nomineeByline(e.result.winner)}</span>
                        </>
                      ) : (
                        <NotShown ctx={ctx} p={p} notYet={e.recorded && (e.result.nominees === null || !e.winnerDue)} />
                      )}
                    </td>
                    <td lang="da">
                      {e.result.nominees === null || e.result.nominees.length === 0 ? (
                        <NotShown ctx={ctx} p={p} notYet={e.recorded && e.result.nominees === null} />
                      ) : (
                        <ul class="nominee-list">
                          {e.result.nominees.map((n) => (
                            <li>
                              <NomineeTitle nominee={n} /> <span safe>{`(${nomineeByline(n)})`}</span>
                            </li>
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

/** One wording for what the archive cannot show: not published yet (its instant is ahead), or not recorded in Prisportal. */
function NotShown({ ctx, p, notYet }: { ctx: PageContext; p: ReturnType<typeof publicationTexts>; notYet: boolean }) {
  return (
    <span lang={ctx.locale} class="archive-not-shown" safe>
      {notYet ? p.archiveNotPublic : p.archiveNotRecorded}
    </span>
  );
}
