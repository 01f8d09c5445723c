import Html from '@kitajs/html';
import { Alert, ButtonLink, Layout, LocalizedParagraphs, LocalizedText, type PageContext, Table, Time } from '../../platform/ui/index.js';
import { setupTexts } from '../i18n.js';
import { formatInstant } from '../../platform/time.js';
import type { AwardPage as AwardPageData, EditionDetail } from '../awards.service.js';
import { EditionStatus } from './edition-status.js';
// The result section is publication's, provided through awards' slot (awards sits below publication).
import { ResultSection, WinnerDetails, type PublicResult } from '../edition-result.js';
import { awardsUrls as urls } from '../urls.js';
import { authorityOf } from '../authority.js';
import { SubscriptionSlot } from '../subscription-slot.js';
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
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs} organisers={[organisation]} authority={authorityOf(organisation)}>
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
      <p class="font-lead">
        <LocalizedText ctx={ctx} da={award.summary} en={award.summaryEn} />
      </p>
      {/* The first screen answers "can I nominate now, and if not, when?" (the call), before anything else. */}
      <AwardCallSection ctx={ctx} page={page} publication={publication} />

      <PrizeSection ctx={ctx} edition={edition} />

      <section aria-labelledby="about">
        <h2 id="about" safe>
          {t.award.about}
        </h2>
        <LocalizedParagraphs ctx={ctx} da={award.description} en={award.descriptionEn} />
        <p safe>{`${t.award.established(award.establishedYear)} · ${organisation.name}`}</p>
        {award.eligibility ? (
          <>
            <h3 class="h4" safe>
              {t.award.whoCanBeNominated}
            </h3>
            <LocalizedParagraphs ctx={ctx} da={award.eligibility} en={award.eligibilityEn} />
          </>
        ) : (
          ''
        )}
      </section>

      {edition ? (
        <EditionSection ctx={ctx} awardName={award.name} edition={edition} asMain={byYear} publication={publication} />
      ) : (
        <p safe>{t.award.noEdition}</p>
      )}
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
                  <td>{e.theme ? <LocalizedText ctx={ctx} da={e.theme} en={e.themeEn} /> : <span safe>{t.award.noTheme}</span>}</td>
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
  edition,
  asMain,
  publication,
}: {
  ctx: PageContext;
  awardName: string;
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
      <ResultSection ctx={ctx} result={publication.result} />
      {e.theme ? (
        <>
          <h3>
            <span safe>{`${t.award.theme}: `}</span>
            <LocalizedText ctx={ctx} da={e.theme} en={e.themeEn} />
          </h3>
          {e.themeDescription ? <LocalizedParagraphs ctx={ctx} da={e.themeDescription} en={e.themeDescriptionEn} /> : ''}
        </>
      ) : (
        ''
      )}

      {tl && e.importedAt === null ? (
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
          <ol>
            {edition.criteria.map((c) => (
              <li>
                <strong>
                  <LocalizedText ctx={ctx} da={c.title} en={c.titleEn} />
                </strong>
                <LocalizedParagraphs ctx={ctx} da={c.description} en={c.descriptionEn} />
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
                <LocalizedText ctx={ctx} da={s.heading} en={s.headingEn} />
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
    </section>
  );
}

/**
 * The call: an open round's status and "Indstil nu" as the primary button; else the shown round's
 * status (with the winner once public), then when the next round opens, or, when that is not
 * known, the subscription (subscription-slot.ts, provided by the subscriptions module).
 */
function AwardCallSection({ ctx, page, publication }: { ctx: PageContext; page: AwardPageData; publication: Publication }) {
  const { t, locale } = ctx;
  const { award, edition, call } = page;
  const shownIsCall = edition !== null && call.kind !== 'unknown' && edition.year === call.year;
  const status = edition?.timeline ? (
    <EditionStatus
      ctx={ctx}
      awardName={award.name}
      edition={edition}
      headingLevel="h2"
      winner={publication.result.winner ? <WinnerDetails ctx={ctx} winner={publication.result.winner} filmUrl={edition.row.filmUrl} /> : null}
    />
  ) : (
    ''
  );
  if (call.kind === 'open') {
    return (
      <div class="award-call" id="award-call">
        {shownIsCall ? status : <p safe>{t.status.open(formatInstant(call.closesAt, locale))}</p>}
        <p>
          <ButtonLink
            variant="primary"
            id="nominate-now"
            href={nominationsUrls.start({ slug: award.slug, year: call.year })}
            text={shownIsCall ? t.award.nominateNow : t.award.nominateIn(award.name, call.year)}
          />
        </p>
        {shownIsCall ? '' : status}
      </div>
    );
  }
  // No round open: when the next one opens (or the offer to be told) comes before the shown round's status.
  return (
    <div class="award-call" id="award-call">
      {call.kind === 'upcoming' && shownIsCall ? (
        ''
      ) : (
        <section aria-labelledby="next-round" id="next-round-section">
          <h2 id="next-round" class="h3" safe>
            {t.award.nextRound}
          </h2>
          {call.kind === 'upcoming' ? (
            <p>
              <span safe>{t.award.nextOpens(award.name, call.year, formatInstant(call.opensAt, locale))}</span>{' '}
              <a href={urls.edition({ slug: award.slug, year: call.year })} safe>
                {t.award.seeRound(call.year)}
              </a>
            </p>
          ) : (
            <>
              <p safe>{t.award.nextUnknown}</p>
              <SubscriptionSlot ctx={ctx} award={{ id: award.id, slug: award.slug, name: award.name }} />
            </>
          )}
        </section>
      )}
      {status}
    </div>
  );
}

/** What is won: the amount, what it must be used for, whether it is paid in cash, and what else; said plainly when nothing is known. */
function PrizeSection({ ctx, edition }: { ctx: PageContext; edition: EditionDetail | null }) {
  const { t } = ctx;
  const e = edition?.row;
  const known = e && (e.prizeAmountKr !== null || e.prizePurpose || e.prizeExtras);
  return (
    <section aria-labelledby="prize" id="prize-section">
      <h2 id="prize" safe>
        {t.award.prize}
      </h2>
      {!e || !known ? (
        <p safe>{t.award.prizeUnknown}</p>
      ) : (
        <dl class="prize-facts">
          {e.prizeAmountKr !== null ? (
            <>
              <dt safe>{t.award.prizeAmountLabel}</dt>
              <dd>
                <strong safe>{t.award.prizeAmount(e.prizeAmountKr)}</strong>
              </dd>
            </>
          ) : (
            ''
          )}
          {e.prizePurpose ? (
            <>
              <dt safe>{t.award.prizePurposeLabel}</dt>
              <dd>
                <LocalizedText ctx={ctx} da={e.prizePurpose} en={e.prizePurposeEn} />
              </dd>
            </>
          ) : (
            ''
          )}
          {e.prizeExtras ? (
            <>
              <dt safe>{t.award.prizeExtrasLabel}</dt>
              <dd>
                <LocalizedText ctx={ctx} da={e.prizeExtras} en={e.prizeExtrasEn} />
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
      )}
      {e?.prizeNotCash ? (
        <p id="prize-not-cash" safe>
          {t.award.prizeNotCash}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}
