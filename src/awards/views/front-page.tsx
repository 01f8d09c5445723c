import Html from '@kitajs/html';
import { Badge, Layout, LocalizedText, type PageContext } from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import type { CatalogueAward } from '../awards.service.js';
import type { OrganisationRow } from '../awards.repo.js';
import { publicStatus } from '../public-status.js';
import { publicationLinkTexts } from '../i18n.js';
import { awardsUrls as urls } from '../urls.js';

/** `winners`: the title of the public winner of each award's current round, by edition id. */
type Props = {
  ctx: PageContext;
  organisations: OrganisationRow[];
  awards: CatalogueAward[];
  winners: ReadonlyMap<number, { title: string; href: string | null }>;
};

export function FrontPage({ ctx, organisations, awards, winners }: Props): JSX.Element {
  const { t, locale } = ctx;
  // Every edition open now, and every one still to open, soonest first.
  const inPhase = (phase: 'open' | 'upcoming') =>
    awards
      .flatMap((a) => a.editions.filter((e) => e.phase === phase && e.timeline).map((e) => ({ award: a.award, edition: e })))
      .sort((x, y) =>
        phase === 'open'
          ? x.edition.timeline!.closesAt.getTime() - y.edition.timeline!.closesAt.getTime()
          : x.edition.timeline!.opensAt.getTime() - y.edition.timeline!.opensAt.getTime(),
      );
  const open = inPhase('open');
  const upcoming = inPhase('upcoming');
  return (
    <Layout ctx={ctx} title={t.front.title} organisers={organisations}>
      <h1 safe>{t.front.title}</h1>
      <p class="font-lead" safe>
        {t.front.intro}
      </p>

      <h2 safe>{t.front.openNow}</h2>
      {open.length === 0 ? (
        <p safe>{t.front.noneOpen}</p>
      ) : (
        <ul class="award-list">
          {open.map(({ award, edition }) => (
            <li>
              <a href={urls.edition({ slug: award.slug, year: edition.year })} class="h4" safe>
                {t.award.edition(award.name, edition.year)}
              </a>
              {edition.theme ? (
                <p>
                  <span safe>{`${t.award.theme}: `}</span>
                  <LocalizedText ctx={ctx} da={edition.theme} en={edition.themeEn} />
                </p>
              ) : (
                ''
              )}
              <p>
                <strong safe>{t.status.deadlineShort(formatInstant(edition.timeline!.closesAt, locale))}</strong>
              </p>
            </li>
          ))}
        </ul>
      )}

      {upcoming.length > 0 ? (
        <>
          <h2 safe>{t.front.upcoming}</h2>
          <ul class="award-list">
            {upcoming.map(({ award, edition }) => (
              <li>
                <a href={urls.edition({ slug: award.slug, year: edition.year })} class="h4" safe>
                  {t.award.edition(award.name, edition.year)}
                </a>
                <p safe>{t.status.upcomingShort(formatInstant(edition.timeline!.opensAt, locale))}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      <h2 safe>{t.front.allAwards}</h2>
      {organisations.map((org) => (
        <section aria-labelledby={`org-${org.id}`}>
          <h3 id={`org-${org.id}`} safe>
            {org.name}
          </h3>
          <ul class="award-list">
            {awards
              .filter((a) => a.organisation.id === org.id)
              .map((a) => (
                <li>
                  <a href={urls.award({ slug: a.award.slug })} class="h5" safe>
                    {a.award.name}
                  </a>
                  <p>
                    <LocalizedText ctx={ctx} da={a.award.summary} en={a.award.summaryEn} />
                  </p>
                  {a.current ? <CurrentRound ctx={ctx} awardName={a.award.name} edition={a.current} winner={winners.get(a.current.id) ?? null} /> : ''}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p>
        <a href="/arkiv" safe>
          {publicationLinkTexts(locale).archiveTitle}
        </a>
      </p>
    </Layout>
  );
}

/** An award's current round on its card: the status (public-status.ts) as a badge, then the year with the winner's name or what the status means. */
function CurrentRound({
  ctx,
  awardName,
  edition,
  winner,
}: {
  ctx: PageContext;
  awardName: string;
  edition: CatalogueAward['editions'][number];
  winner: { title: string; href: string | null } | null;
}) {
  const s = publicStatus(ctx.t, ctx.locale, edition.phase, { awardName, year: edition.year, timeline: edition.timeline, winnerPublic: winner !== null });
  const line = winner !== null ? ctx.t.status.winnerShort(edition.year, winner.title) : s.text ? `${edition.year}: ${s.text}` : String(edition.year);
  return (
    <p class="current-round">
      <Badge status={s.variant}>{Html.escapeHtml(s.heading)}</Badge>{' '}
      {winner?.href ? (
        <a href={winner.href} lang="da" class="front-winner" safe>
          {line}
        </a>
      ) : (
        <span lang={winner !== null ? 'da' : undefined} safe>
          {line}
        </span>
      )}
    </p>
  );
}
