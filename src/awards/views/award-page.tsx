import Html from '@kitajs/html';
import { Alert, ButtonLink, Layout, type PageContext, Table, Time } from '../../platform/ui/index.js';
import { setupTexts } from '../i18n.js';
import { formatInstant } from '../../platform/time.js';
import type { AwardPage as AwardPageData, EditionDetail } from '../awards.service.js';
import { EditionStatus } from './edition-status.js';
// The result section is publication's, provided through awards' slot (awards sits below publication).
import { ResultSection, WinnerDetails, type PublicResult } from '../edition-result.js';
import { awardsUrls as urls } from '../urls.js';
import { NextRoundSignupSlot } from '../next-round-slot.js';
import { nominationsUrls } from '../../nominations/urls.js';

/** What of the shown edition's result is public now (src/publication). */
type Publication = { result: PublicResult };

type Props = { ctx: PageContext; page: AwardPageData /** true when a year was asked for in the URL */; byYear: boolean; publication: Publication };

export function AwardPage({ ctx, page, byYear, publication }: Props): JSX.Element {
  const { t } = ctx;
  const { award, organisation, edition, others } = page;
  const title = edition && byYear ? t.award.edition(award.name, edition.year) : award.name;
  const crumbs = [{ label: t.home, href: '/' }, ...(byYear ? [{ label: award.name, href: urls.award({ slug: award.slug }) }] : []), { label: title }];
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs} organisers={[organisation]}>
      {page.preview ? (
        <Alert
          ctx={ctx}
          variant="warning"
          id="preview-banner"
          heading={setupTexts(ctx.locale).publishing.previewHeading}
          text={setupTexts(ctx.locale).publishing.previewBanner}
        />
      ) : (
        ''
      )}
      <h1 safe>{title}</h1>
      <p class="font-lead" lang="da" safe>
        {award.summary}
      </p>
      <p lang="da" safe>
        {award.description}
      </p>
      <p safe>{`${t.award.established(award.establishedYear)} · ${organisation.name}`}</p>
      {award.eligibility ? (
        <>
          <h2 class="h4" safe>
            {t.award.whoCanBeNominated}
          </h2>
          <p lang="da" safe>
            {award.eligibility}
          </p>
        </>
      ) : (
        ''
      )}

      {edition ? (
        <EditionSection ctx={ctx} awardName={award.name} awardSlug={award.slug} edition={edition} asMain={byYear} publication={publication} />
      ) : (
        <p safe>{t.award.noEdition}</p>
      )}
      <NextRoundSignupSlot ctx={ctx} award={award} show={!byYear && !page.preview && edition?.phase !== 'open'} />

      {award.contactName ? (
        <section aria-labelledby="contact">
          <h2 id="contact" safe>
            {t.award.contact}
          </h2>
          <p safe>{t.award.contactIntro}</p>
          <p>
            <strong safe>{award.contactName}</strong>
            {award.contactTitle ? (
              <>
                <br />
                <span safe>{award.contactTitle}</span>
              </>
            ) : (
              ''
            )}
            {award.contactUnit ? (
              <>
                <br />
                <span safe>{award.contactUnit}</span>
              </>
            ) : (
              ''
            )}
            {award.contactPhone ? (
              <>
                <br />
                <span safe>{`${t.award.phone} ${award.contactPhone}`}</span>
              </>
            ) : (
              ''
            )}
            {award.contactEmail ? (
              <>
                <br />
                <a href={`mailto:${award.contactEmail}`} safe>
                  {award.contactEmail}
                </a>
              </>
            ) : (
              ''
            )}
          </p>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="history">
        <h2 id="history" safe>
          {t.award.history}
        </h2>
        {others.length === 0 ? (
          <p safe>{t.award.historyNone}</p>
        ) : (
          <Table compact labelledBy="history">
            <thead>
              <tr>
                <th scope="col" safe>
                  {t.award.historyYear}
                </th>
                <th scope="col" safe>
                  {t.award.historyTheme}
                </th>
              </tr>
            </thead>
            <tbody>
              {others.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={urls.edition({ slug: award.slug, year: e.year })} safe>
                      {String(e.year)}
                    </a>
                  </th>
                  <td lang="da" safe>
                    {e.theme ?? t.award.noTheme}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </Layout>
  );
}

function EditionSection({
  ctx,
  awardName,
  awardSlug,
  edition,
  asMain,
  publication,
}: {
  ctx: PageContext;
  awardName: string;
  awardSlug: string;
  edition: EditionDetail;
  asMain: boolean;
  publication: Publication;
}) {
  const { t, locale } = ctx;
  const e = edition.row;
  const tl = edition.timeline;
  const fmt = (d: Date) => formatInstant(d, locale);
  const representatives = edition.committee.every((m) => !m.name);
  return (
    <section aria-labelledby="edition">
      <h2 id="edition" safe>
        {asMain ? t.award.currentEdition : t.award.edition(awardName, edition.year)}
      </h2>
      {tl ? (
        <EditionStatus
          ctx={ctx}
          awardName={awardName}
          edition={edition}
          winner={publication.result.winner ? <WinnerDetails ctx={ctx} winner={publication.result.winner} filmUrl={e.filmUrl} /> : null}
        />
      ) : (
        ''
      )}
      <ResultSection ctx={ctx} result={publication.result} />
      {edition.phase === 'open' ? (
        <p>
          <ButtonLink variant="primary" href={nominationsUrls.start({ slug: awardSlug, year: edition.year })} text={t.award.nominateNow} />
        </p>
      ) : (
        ''
      )}
      {e.theme ? (
        <>
          <h3 safe>{`${t.award.theme}: ${e.theme}`}</h3>
          {e.themeDescription ? (
            <p lang="da" safe>
              {e.themeDescription}
            </p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}

      {tl ? (
        <>
          <h3 safe>{t.award.timeline}</h3>
          <dl class="timeline-list">
            <dt safe>{t.timeline.opensAt}</dt>
            <dd>
              <Time at={tl.opensAt}>{Html.escapeHtml(fmt(tl.opensAt))}</Time>
            </dd>
            <dt safe>{t.timeline.closesAt}</dt>
            <dd>
              <Time at={tl.closesAt}>{Html.escapeHtml(fmt(tl.closesAt))}</Time>
            </dd>
            {tl.reviewStartsAt ? (
              <>
                <dt safe>{t.timeline.reviewStartsAt}</dt>
                <dd>
                  <Time at={tl.reviewStartsAt}>{Html.escapeHtml(fmt(tl.reviewStartsAt))}</Time>
                </dd>
              </>
            ) : (
              ''
            )}
            <dt safe>{t.timeline.nomineesPublishedAt}</dt>
            <dd>
              <Time at={tl.nomineesPublishedAt}>{Html.escapeHtml(fmt(tl.nomineesPublishedAt))}</Time>
            </dd>
            {tl.votingOpensAt && tl.votingClosesAt ? (
              <>
                <dt safe>{t.timeline.voting}</dt>
                <dd safe>{t.timeline.votingRange(fmt(tl.votingOpensAt), fmt(tl.votingClosesAt))}</dd>
              </>
            ) : (
              ''
            )}
            <dt safe>{t.timeline.winnerAnnouncedAt}</dt>
            <dd>
              <Time at={tl.winnerAnnouncedAt}>{Html.escapeHtml(fmt(tl.winnerAnnouncedAt))}</Time>
              {e.eventName ? <span safe>{` ${t.timeline.at(e.eventName + (e.eventPlace ? `, ${e.eventPlace}` : ''))}`}</span> : ''}
            </dd>
          </dl>
        </>
      ) : (
        ''
      )}

      {edition.criteria.length > 0 ? (
        <>
          <h3 safe>{t.award.criteria}</h3>
          <p safe>{t.award.criteriaIntro}</p>
          <ol lang="da">
            {edition.criteria.map((c) => (
              <li>
                <strong safe>{c.title}</strong>
                <p safe>{c.description}</p>
              </li>
            ))}
          </ol>
        </>
      ) : (
        ''
      )}

      {edition.formSections.length > 0 ? (
        <>
          <h3 safe>{t.award.form}</h3>
          <p safe>{t.award.formIntro}</p>
          <ul>
            {edition.formSections.map((s) => (
              <li>
                <span lang="da" safe>
                  {s.heading}
                </span>
                <span safe>{`${s.wordLimit ? ` – ${t.award.wordLimit(s.wordLimit)}` : ''}${s.required ? '' : ` ${t.award.optional}`}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      {edition.committee.length > 0 ? (
        <>
          <h3 safe>{t.award.committee}</h3>
          <p safe>{representatives ? t.award.committeeRepresentatives : t.award.committeeMembers}</p>
          <ul>
            {edition.committee.map((m) => (
              <li safe>
                {[m.name, m.partyLetter ? `(${m.partyLetter})` : null, m.name && m.represents ? `– ${m.represents}` : !m.name ? m.represents : null]
                  .filter(Boolean)
                  .join(' ') + (m.isChair ? `, ${t.award.chair}` : '')}
              </li>
            ))}
          </ul>
          {e.nomineeCountMin && e.nomineeCountMax ? <p safe>{t.award.nominees(e.nomineeCountMin, e.nomineeCountMax)}</p> : ''}
          {e.hasPatientPanel ? <p safe>{t.award.patientPanel}</p> : ''}
        </>
      ) : (
        ''
      )}

      {e.prizeAmountKr || e.prizePurpose ? (
        <>
          <h3 safe>{t.award.prize}</h3>
          {e.prizeAmountKr ? (
            <p>
              <strong safe>{t.award.prizeAmount(e.prizeAmountKr)}</strong>
            </p>
          ) : (
            ''
          )}
          {e.prizePurpose ? (
            <p lang="da" safe>
              {e.prizePurpose}
            </p>
          ) : (
            ''
          )}
          {e.prizeExtras ? (
            <p lang="da" safe>
              {e.prizeExtras}
            </p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </section>
  );
}
