import Html from '@kitajs/html';
import { auditUrls } from '../../audit/urls.js';
import { awardsUrls } from '../../awards/urls.js';
import { judgingUrls } from '../../judging/urls.js';
import { membersUrls } from '../../members/urls.js';
import { nominationsUrls } from '../../nominations/urls.js';
import { outreachUrls } from '../../outreach/urls.js';
import { panelUrls } from '../../panel/urls.js';
import { messagesUrls } from '../../messages/urls.js';
import { publicationUrls } from '../../publication/urls.js';
import { LIX_AIM } from '../../panel/index.js';
import { AdminLayout, Badge, type PageContext, Table } from '../../platform/ui/index.js';
import { roundsTexts } from '../i18n.js';
import type { RoundSummary } from '../rounds.service.js';
import { nextText, WaitingList } from './parts.js';

/**
 * A round's dashboard (/admin/udgaver/:id): draft or published, its phase and next deadline
 * with the time left, what waits now (each a link to where it is done), the round's figures,
 * and links to its pages, its audit log and its exports. Works without JavaScript.
 */
export function DashboardPage({ ctx, csrf, round, now }: { ctx: PageContext; csrf: string; round: RoundSummary; now: Date }): JSX.Element {
  const { t } = ctx;
  const r = roundsTexts(ctx.locale);
  const name = t.award.edition(round.award.name, round.year);
  const title = r.dashboardTitle(name);
  const { nominations: n, judging: j, panel: p } = round.counts;
  const id = round.id;
  const facts: [string, string][] = [
    [r.facts.sent, String(n.sent)],
    [r.facts.toScreen, String(n.toScreen)],
    [r.facts.consentPending, String(n.consentPending)],
    [r.facts.eligible, String(j.eligible)],
    [r.facts.membersDone, r.ofTotal(j.committee - j.unfinished, j.committee)],
    [r.facts.conflictsPending, String(j.conflictsPending)],
    [r.facts.shortlist, j.shortlistRecorded ? r.yes : r.no],
  ];
  if (round.hasPatientPanel) {
    facts.push([r.facts.voted, r.ofTotal(p.panel - p.notVoted, p.panel)]);
    facts.push([r.facts.summariesReady.replace('{aim}', String(LIX_AIM)), r.ofTotal(p.nominees - p.summariesMissing - p.summariesHard, p.nominees)]);
  }
  const pages: [string, string][] = [
    [r.links.setup, awardsUrls.editionSetup({ id })],
    [r.links.publicPage, awardsUrls.edition({ slug: round.award.slug, year: round.year })],
    [r.links.nominations, nominationsUrls.editionNominations({ id })],
    [r.links.members, membersUrls.editionMembers({ id })],
    [r.links.messages, outreachUrls.messages({ id })],
    [r.links.judging, judgingUrls.adminOverview({ editionId: id })],
    ...(round.hasPatientPanel ? [[r.links.panel, panelUrls.adminPanel({ id })] as [string, string]] : []),
    [r.links.templates, messagesUrls.templates({ id })],
    [r.links.log, auditUrls.organisationLog({ id: round.organisation.id }, { runde: id })],
  ];
  const exports: [string, string][] = [
    [r.exports.csv, nominationsUrls.editionNominationsCsv({ id })],
    [r.exports.xlsx, nominationsUrls.editionNominationsXlsx({ id })],
    [r.exports.dossier, publicationUrls.dossier({ editionId: id })],
    [r.exports.scores, publicationUrls.scoresWorkbook({ editionId: id })],
  ];
  const LinkList = ({ links }: { links: [string, string][] }) => (
    <ul>
      {links.map(([label, href]) => (
        <li>
          <a href={href} safe>
            {label}
          </a>
        </li>
      ))}
    </ul>
  );
  return (
    <AdminLayout ctx={ctx} title={title} csrf={csrf} crumbs={[{ label: name }]}>
      <h1 safe>{title}</h1>
      <p>
        {round.draft ? <Badge status="warning">{Html.escapeHtml(r.draftBadge)}</Badge> : <Badge status="success">{Html.escapeHtml(r.publishedBadge)}</Badge>}
      </p>
      {round.theme ? (
        <p class="font-lead" safe>
          {round.theme}
        </p>
      ) : (
        ''
      )}
      <section aria-labelledby="status-heading">
        <h2 id="status-heading" safe>
          {r.statusHeading}
        </h2>
        <p>
          <strong safe>{`${r.phaseLabel}: `}</strong>
          <span safe>{round.phase ? t.phase[round.phase] : r.historic}</span>
        </p>
        <p id="next-deadline">
          <strong safe>{`${r.nextLabel}: `}</strong>
          <span safe>{nextText(ctx, round, now)}</span>
        </p>
      </section>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" safe>
          {r.waitingHeading}
        </h2>
        <WaitingList ctx={ctx} round={round} />
      </section>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading" safe>
          {r.factsHeading}
        </h2>
        <Table compact labelledBy="facts-heading">
          <tbody>
            {facts.map(([label, value]) => (
              <tr>
                <th scope="row" safe>
                  {label}
                </th>
                <td class="text-align-right" safe>
                  {value}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading" safe>
          {r.pagesHeading}
        </h2>
        <LinkList links={pages} />
      </section>
      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading" safe>
          {r.exportsHeading}
        </h2>
        <LinkList links={exports} />
      </section>
    </AdminLayout>
  );
}
