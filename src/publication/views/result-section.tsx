import Html from '@kitajs/html';
import type { PageContext } from '../../platform/ui/index.js';
import { nomineeHref } from '../../awards/index.js';
import { publicationTexts } from '../i18n.js';
import { nomineeByline, type PublicNominee, type PublicResult } from '../public-result.js';

/**
 * The nominees of an edition on its public page, as far as they are public now. Before the
 * nominees instant nothing: the round's status (awards/public-status.ts) says when they come,
 * so the page says it once. The winner is shown in the status (WinnerDetails), marked here.
 */
export function ResultSection({ ctx, result }: { ctx: PageContext; result: PublicResult }): JSX.Element {
  const p = publicationTexts(ctx.locale);
  if (result.nominees === null) return '';
  const winnerId = result.winner?.nominationId ?? null;
  return (
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
                <NomineeTitle nominee={n} />
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
  );
}

/** The public winner inside the round's success status: title, nominee, summary and the film. */
export function WinnerDetails({ ctx, winner, filmUrl }: { ctx: PageContext; winner: PublicNominee; filmUrl: string | null }): JSX.Element {
  const p = publicationTexts(ctx.locale);
  return (
    <div class="winner" id="winner">
      <p>
        <span safe>{`${p.winner}: `}</span>
        <NomineeTitle nominee={winner} />
      </p>
      <p lang="da" safe>
        {nomineeByline(winner)}
      </p>
      {winner.summary ? (
        <p lang="da" safe>
          {winner.summary}
        </p>
      ) : (
        ''
      )}
      {winner.origin ? <Origin origin={winner.origin} p={p} /> : ''}
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
  );
}

/** A nominee's title, linked to their public page (with consent) or the solution in the idea bank (awards' nomineeHref). */
export function NomineeTitle({ nominee }: { nominee: PublicNominee }): JSX.Element {
  const href = nomineeHref(nominee);
  return (
    <strong lang="da">
      {href ? (
        <a href={href} safe>
          {nominee.title}
        </a>
      ) : (
        Html.escapeHtml(nominee.title)
      )}
    </strong>
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
