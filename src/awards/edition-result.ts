import type { Database } from '../db/database.js';
import type { PageContext } from '../platform/ui/index.js';
import { publicationUrls } from '../publication/urls.js';
import { ideabankUrls } from '../ideabank/urls.js';

/**
 * The result of an edition (its nominees and winner) on awards' public page and in its API.
 * Publication decides what of it is public when; awards sits below publication and imports
 * none of it, so publication's plugin provides the result here when it registers (dependency
 * inversion). Without it (an app without publication) no result is shown.
 */

/** The instants that decide publication (null for a historic edition without a timeline). */
export type PublicationInstants = { nomineesPublishedAt: Date | null; winnerAnnouncedAt: Date | null };

/** The columns of a nomination that publication may read. */
export type PublicNominee = {
  nominationId: number;
  title: string;
  summary: string;
  organisation: string;
  /** Null unless the nominee accepted publication. */
  names: string | null;
  /** Null unless the nominee accepted publication. */
  unit: string | null;
  /**
   * Smartprisen: where the solution was first developed (an organisation is a public body),
   * linked to its solution in the idea bank when there is one; null when neither is known.
   */
  origin: { organisation: string | null; solution: { id: number; title: string } | null } | null;
  /** The nominee accepted publication, so the nominee has a public page of their own (publication's /nominerede/:id). */
  hasPage: boolean;
  /** The idea bank's entry for the nominated solution, once an administrator has put it there; null before. */
  solutionId: number | null;
};

/**
 * Where a nominee's title links: their public page when they accepted publication, else the
 * solution in the idea bank when it is there, else nowhere (null). The addresses are the
 * higher modules' (their address books, which import nothing).
 */
export function nomineeHref(n: Pick<PublicNominee, 'nominationId' | 'hasPage' | 'solutionId'>): string | null {
  if (n.hasPage) return publicationUrls.nominee({ id: n.nominationId });
  if (n.solutionId !== null) return ideabankUrls.solution({ solutionId: n.solutionId });
  return null;
}

export type PublicResult = {
  /** Null before the nominees instant (or without a timeline); the shortlist after it ([] when none is recorded). */
  nominees: PublicNominee[] | null;
  /** Null before the winner instant, and when there is no single winner. */
  winner: PublicNominee | null;
  /** The instant the winner became public; set exactly when `winner` is. */
  winnerAnnouncedAt: Date | null;
};

/** The nominees' section: nothing before the nominees instant (the round's status says when), then the list, the winner marked. */
export type ResultSectionProps = {
  ctx: PageContext;
  result: PublicResult;
};

export type WinnerProps = {
  ctx: PageContext;
  winner: PublicNominee;
  /** The film about the winner: shown with the winner, never before. */
  filmUrl: string | null;
};

/** What publication provides: its rules, its section of the award page and the winner shown in the page's status. */
export type EditionResultSource = {
  load(db: Database, edition: PublicationInstants & { id: number }, now: Date): Promise<PublicResult>;
  winnerIsPublic(edition: PublicationInstants, now: Date): boolean;
  Section(props: ResultSectionProps): JSX.Element;
  Winner(props: WinnerProps): JSX.Element;
};

const NOTHING_PUBLIC: PublicResult = Object.freeze({ nominees: null, winner: null, winnerAnnouncedAt: null }) as PublicResult;

let source: EditionResultSource | null = null;

/** Called by publication's plugin when it registers. */
export function provideEditionResult(s: EditionResultSource): void {
  source = s;
}

/** What of the edition's result is public at `now` (nothing without publication). */
export function loadPublicResult(db: Database, edition: PublicationInstants & { id: number }, now: Date): Promise<PublicResult> {
  return source ? source.load(db, edition, now) : Promise.resolve(NOTHING_PUBLIC);
}

/** Whether the winner may be public at `now`. */
export function winnerIsPublic(edition: PublicationInstants, now: Date): boolean {
  return source ? source.winnerIsPublic(edition, now) : false;
}

/** The nominees of an edition on its award page, as far as they are public now. */
export function ResultSection(props: ResultSectionProps): JSX.Element {
  return source ? source.Section(props) : '';
}

/** The public winner (title, nominee, summary, film), shown inside the round's status. */
export function WinnerDetails(props: WinnerProps): JSX.Element {
  return source ? source.Winner(props) : '';
}

/**
 * The title of each given edition's public winner at `now` (editions past their winner
 * instant only, so nothing is read for a round still running): the front page names them.
 */
export async function loadWinnerTitles(
  db: Database,
  list: readonly (PublicationInstants & { id: number })[],
  now: Date,
): Promise<Map<number, { title: string; href: string | null }>> {
  const out = new Map<number, { title: string; href: string | null }>();
  if (!source) return out;
  for (const e of list) {
    if (!source.winnerIsPublic(e, now)) continue;
    const r = await source.load(db, e, now);
    if (r.winner) out.set(e.id, { title: r.winner.title, href: nomineeHref(r.winner) });
  }
  return out;
}

export { NOTHING_PUBLIC };
