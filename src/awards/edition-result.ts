import type { Database } from '../db/database.js';
import type { PageContext } from '../platform/ui/index.js';

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
};

export type PublicResult = {
  /** Null before the nominees instant (or without a timeline); the shortlist after it ([] when none is recorded). */
  nominees: PublicNominee[] | null;
  /** Null before the winner instant, and when there is no single winner. */
  winner: PublicNominee | null;
  /** The instant the winner became public; set exactly when `winner` is. */
  winnerAnnouncedAt: Date | null;
};

export type ResultSectionProps = {
  ctx: PageContext;
  result: PublicResult;
  /** Null for a historic edition without a timeline. */
  instants: { nomineesPublishedAt: Date; winnerAnnouncedAt: Date } | null;
  /** The film about the winner: shown with the winner, never before. */
  filmUrl: string | null;
  /** Whether the winner instant has passed (a winner may still be missing: a tie, no decision). */
  winnerTimePassed: boolean;
};

/** What publication provides: its rules and its section of the award page. */
export type EditionResultSource = {
  load(db: Database, edition: PublicationInstants & { id: number }, now: Date): Promise<PublicResult>;
  winnerIsPublic(edition: PublicationInstants, now: Date): boolean;
  Section(props: ResultSectionProps): JSX.Element;
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

/** The winner and the nominees of an edition on its award page, as far as they are public now. */
export function ResultSection(props: ResultSectionProps): JSX.Element {
  return source ? source.Section(props) : '';
}

export { NOTHING_PUBLIC };
