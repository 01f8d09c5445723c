import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { awards, editions, nominations } from '../db/schema.js';
import type { Membership } from '../accounts/index.js';
import { timelineOf, phaseAt, loadPublicResult, type Phase, type PublicNominee, type Timeline } from '../awards/index.js';

// What committee and patient panel members see of the editions they belong to. The caller
// passes the memberships of the signed-in user (request.actor), so nothing here can show an
// edition the user is not an active member of.

export type MemberRoleLabel = 'committee' | 'chair' | 'panel';

export type MyEdition = {
  id: number;
  awardName: string;
  awardSlug: string;
  timeline: Timeline | null;
  year: number;
  theme: string | null;
  phase: Phase;
  /** The user's roles in the edition (a person may sit in both the committee and the panel). */
  roles: MemberRoleLabel[];
};

const roleLabel = (m: Membership): MemberRoleLabel => (m.role === 'panel' ? 'panel' : m.isChair ? 'chair' : 'committee');

/** The editions of the user's active memberships, newest first (one query). */
export async function listMyEditions(db: Database, memberships: readonly Membership[], now: Date): Promise<MyEdition[]> {
  const ids = [...new Set(memberships.map((m) => m.editionId))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ edition: editions, awardName: awards.name, awardSlug: awards.slug })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(inArray(editions.id, ids))
    .orderBy(desc(editions.year), asc(awards.name));
  // A draft round is its organisation's and its committee's: not yet the panel's.
  const committeeOf = new Set(memberships.filter((m) => m.role === 'committee').map((m) => m.editionId));
  return rows
    .filter((r) => r.edition.publishedAt !== null || committeeOf.has(r.edition.id))
    .map((r) => ({
      id: r.edition.id,
      awardName: r.awardName,
      awardSlug: r.awardSlug,
      timeline: timelineOf(r.edition),
      year: r.edition.year,
      theme: r.edition.theme,
      phase: phaseAt(timelineOf(r.edition), now),
      roles: memberships.filter((m) => m.editionId === r.edition.id).map(roleLabel),
    }));
}

export type MemberEditionPage = MyEdition & {
  /** For committee members: the titles of the sent nominations screened eligible; null for the panel alone. */
  eligible: { id: number; title: string; receiptNumber: string | null }[] | null;
  /** The round's winner once it is public, as the public page shows it; null before (and when there is no single winner). */
  winner: PublicNominee | null;
};

/**
 * One edition as its member sees it, or null when the user is not an active member of it
 * (the route answers 403 then, whether or not the edition exists).
 */
export async function getMemberEdition(db: Database, memberships: readonly Membership[], editionId: number, now: Date): Promise<MemberEditionPage | null> {
  const mine = memberships.filter((m) => m.editionId === editionId);
  if (mine.length === 0) return null;
  const [edition] = await listMyEditions(db, mine, now);
  if (!edition) return null;
  const inCommittee = mine.some((m) => m.role === 'committee');
  const eligible = inCommittee
    ? await db
        .select({ id: nominations.id, title: nominations.title, receiptNumber: nominations.receiptNumber })
        .from(nominations)
        .where(and(eq(nominations.editionId, editionId), eq(nominations.status, 'sent'), eq(nominations.screening, 'eligible')))
        .orderBy(sql`${nominations.receiptNumber} asc nulls last`, asc(nominations.id))
    : null;
  const tl = edition.timeline;
  const result = tl
    ? await loadPublicResult(db, { id: edition.id, nomineesPublishedAt: tl.nomineesPublishedAt, winnerAnnouncedAt: tl.winnerAnnouncedAt }, now)
    : null;
  return { ...edition, eligible, winner: result?.winner ?? null };
}
