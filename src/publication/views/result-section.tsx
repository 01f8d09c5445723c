import type { PageContext } from '../../platform/ui/index.js';
import { formatInstant } from '../../platform/time.js';
import { publicationTexts } from '../i18n.js';
import { nomineeByline, type PublicNominee, type PublicResult } from '../public-result.js';

type Props = {
  ctx: PageContext;
  result: PublicResult;
  /** Null for a historic edition without a timeline. */
  instants: { nomineesPublishedAt: Date; winnerAnnouncedAt: Date } | null;
  /** The film about the winner: shown with the winner, never before. */
  filmUrl: string | null;
  /** Whether the winner instant has passed (a winner may still be missing: a tie, no decision). */
  winnerTimePassed: boolean;
};

/** The winner and the nominees of an edition on its public page, as far as they are public now. */
export function ResultSection({ ctx, result, instants, filmUrl, winnerTimePassed }: Props): JSX.Element {
  const p = publicationTexts(ctx.locale);
  const fmt = (d: Date) => formatInstant(d, ctx.locale);
  if (!instants) return '';
  if (result.nominees === null) {
    return (
      <section aria-labelledby="nominees" class="publication-result">
        <h3 id="nominees" safe>
          {p.nominees}
        </h3>
        <p safe>{p.nomineesNotYet(fmt(instants.nomineesPublishedAt))}</p>
      </section>
    );
  }
  const winnerId = result.winner?.nominationId ?? null;
  return (
    <>
      <section aria-labelledby="winner" class="publication-result">
        <h3 id="winner" safe>
          {p.winner}
        </h3>
        {result.winner ? (
          <div class="winner">
            <p class="h4" lang="da" safe>
              {result.winner.title}
            </p>
            <p lang="da" safe>
              {nomineeByline(result.winner)}
            </p>
            {result.winner.summary ? (
              <p lang="da" safe>
                {result.winner.summary}
              </p>
            ) : (
              ''
            )}
            {filmUrl ? (
              <p>
                <a href={filmUrl} safe>
                  {p.film}
                </a>
              </p>
            ) : (
              ''
            )}
          </div>
        ) : (
          <p safe>{winnerTimePassed ? p.winnerPending : p.winnerNotYet(fmt(instants.winnerAnnouncedAt))}</p>
        )}
      </section>
      <section aria-labelledby="nominees" class="publication-result">
        <h3 id="nominees" safe>
          {p.nominees}
        </h3>
        {result.nominees.length === 0 ? (
          <p safe>{p.nomineesNone}</p>
        ) : (
          <>
            <p safe>{p.nomineesIntro(result.nominees.length)}</p>
            <ul class="nominee-list">
              {result.nominees.map((n) => (
                <li>
                  <strong lang="da" safe>
                    {n.title}
                  </strong>
                  {n.nominationId === winnerId ? <span class="nominee-winner" safe>{` (${p.winnerBadge})`}</span> : ''}
                  <br />
                  <span lang="da" safe>
                    {nomineeByline(n)}
                  </span>
                  {n.summary ? (
                    <p lang="da" safe>
                      {n.summary}
                    </p>
                  ) : (
                    ''
                  )}
                  {n.origin ? <Origin origin={n.origin} p={p} /> : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** Smartprisen: where the solution was first developed, linked to the idea bank when it can be. */
function Origin({ origin, p }: { origin: NonNullable<PublicNominee['origin']>; p: { firstDeveloped: string; originInIdeaBank: string } }): JSX.Element {
  return (
    <p class="nominee-origin">
      <span safe>{p.firstDeveloped}</span>{' '}
      {origin.organisation ? (
        <span lang="da" safe>
          {origin.organisation}
        </span>
      ) : (
        ''
      )}
      {origin.solution ? (
        <>
          {origin.organisation ? ' – ' : ''}
          <a href={`/idebank/loesninger/${origin.solution.id}`} lang="da" safe>
            {origin.solution.title}
          </a>{' '}
          <span safe>{`(${p.originInIdeaBank})`}</span>
        </>
      ) : (
        ''
      )}
    </p>
  );
}
