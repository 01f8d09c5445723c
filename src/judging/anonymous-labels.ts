/**
 * The anonymous overview's member labels ("Medlem 1", "Medlem 2" …) as a pure rule. No I/O.
 *
 * The labels follow a random order per edition: the members sorted by an HMAC of edition and
 * member under the server secret (BALLOT_KEY, derived for this purpose). The order is the same
 * on every page and export of the edition, differs between editions, and says nothing about
 * who is the chair or whose name comes first in the alphabet.
 */
import { keyedDigest } from '../platform/tokens.js';

/** The members' ids in the order of their labels: "Medlem 1" is the first. */
export function anonymousOrder(secret: string, editionId: number, memberIds: readonly number[]): number[] {
  const digest = new Map(memberIds.map((id) => [id, keyedDigest(secret, 'overview-label', `edition:${editionId}`, `member:${id}`)]));
  return [...memberIds].sort((a, b) => (digest.get(a)! < digest.get(b)! ? -1 : digest.get(a)! > digest.get(b)! ? 1 : a - b));
}

/** Each member's label, "Medlem n", in the edition's random order. */
export function anonymousLabels(secret: string, editionId: number, memberIds: readonly number[]): Map<number, string> {
  return new Map(anonymousOrder(secret, editionId, memberIds).map((id, i) => [id, `Medlem ${i + 1}`]));
}
