import Html from '@kitajs/html';
import { Badge, Layout, type PageContext } from '../../platform/ui/index.js';
import { authorityOf, type OrganisationRow, type PublicNominee } from '../../awards/index.js';
import { awardsUrls } from '../../awards/urls.js';
import { ideabankUrls } from '../../ideabank/urls.js';
import { publicationTexts } from '../i18n.js';
import { publicationUrls } from '../urls.js';

type Props = {
  ctx: PageContext;
  nominee: PublicNominee;
  isWinner: boolean;
  award: { slug: string; name: string };
  year: number;
  organisation: OrganisationRow;
};

/** /nominerede/:id: one public nominee who accepted publication: the solution, who and where, the round, and its idea-bank entry. */
export function NomineePage({ ctx, nominee: n, isWinner, award, year, organisation }: Props): JSX.Element {
  const p = publicationTexts(ctx.locale);
  const round = `${award.name} ${year}`;
  return (
    <Layout
      ctx={ctx}
      title={n.title}
      breadcrumbs={[
        { label: ctx.t.home, href: '/' },
        { label: p.archiveLink, href: publicationUrls.archive() },
        { label: round, href: awardsUrls.edition({ slug: award.slug, year }) },
        { label: n.title },
      ]}
      organisers={[organisation]}
      authority={authorityOf(organisation)}
    >
      <h1 lang="da" safe>
        {n.title}
      </h1>
      <p>
        <Badge status={isWinner ? 'success' : 'info'}>{Html.escapeHtml(isWinner ? p.winnerOf(round) : p.nomineeOf(round))}</Badge>
      </p>
      <dl class="timeline-list" id="nominee-facts">
        {n.names ? (
          <>
            <dt safe>{p.names}</dt>
            <dd lang="da" safe>
              {n.names}
            </dd>
          </>
        ) : (
          ''
        )}
        {n.unit ? (
          <>
            <dt safe>{p.unit}</dt>
            <dd lang="da" safe>
              {n.unit}
            </dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{p.organisation}</dt>
        <dd lang="da" safe>
          {n.organisation}
        </dd>
      </dl>
      <h2 safe>{p.summaryHeading}</h2>
      <p lang="da" safe>
        {n.summary}
      </p>
      {n.solutionId !== null ? (
        <p>
          <a href={ideabankUrls.solution({ solutionId: n.solutionId })} id="nominee-solution" safe>
            {p.solutionInIdeaBank}
          </a>
        </p>
      ) : (
        <p safe>{p.notInIdeaBank}</p>
      )}
      <p>
        <a href={awardsUrls.edition({ slug: award.slug, year })} safe>
          {p.seeRound(round)}
        </a>
      </p>
    </Layout>
  );
}
