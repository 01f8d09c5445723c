import type { Actor } from './actor.js';

/**
 * Named checks with a reason (as HotCRP pairs `can_edit_paper` with a "why not"): pages show
 * the reason in Danish, the API in problem JSON. Every check takes the actor it judges.
 */
export type Permission = { ok: true } | { ok: false; reason: 'not-signed-in' | 'not-admin' | 'not-member' };

export function isSignedIn(actor: Actor): Permission {
  return actor.kind === 'user' ? { ok: true } : { ok: false, reason: 'not-signed-in' };
}

/** Administrators of the organisation that owns the award (and its editions). */
export function canAdministerOrganisation(actor: Actor, organisationId: number): Permission {
  if (actor.kind !== 'user') return { ok: false, reason: 'not-signed-in' };
  return actor.adminOf.has(organisationId) ? { ok: true } : { ok: false, reason: 'not-admin' };
}

/** Any administrator at all: may open the administration's front page (which lists only their own). */
export function isAnyAdministrator(actor: Actor): Permission {
  if (actor.kind !== 'user') return { ok: false, reason: 'not-signed-in' };
  return actor.adminOf.size > 0 ? { ok: true } : { ok: false, reason: 'not-admin' };
}

/** A member (committee or panel, as asked) of the edition, not removed. */
export function isMemberOf(actor: Actor, editionId: number, role?: 'committee' | 'panel'): Permission {
  if (actor.kind !== 'user') return { ok: false, reason: 'not-signed-in' };
  const m = actor.memberships.find((x) => x.editionId === editionId && (role === undefined || x.role === role));
  return m ? { ok: true } : { ok: false, reason: 'not-member' };
}

export function isChairOf(actor: Actor, editionId: number): Permission {
  if (actor.kind !== 'user') return { ok: false, reason: 'not-signed-in' };
  return actor.memberships.some((x) => x.editionId === editionId && x.role === 'committee' && x.isChair) ? { ok: true } : { ok: false, reason: 'not-member' };
}

/**
 * Every route declares who may use it, in its `config.access`. A route without one is open to
 * nobody (accounts/route-access.ts fails closed), and a table-driven test names it and calls
 * every route as every role.
 *  - public: anyone
 *  - nominator: whoever holds the nomination's private link (checked by the route)
 *  - consent-link: whoever holds the nominee's consent link (checked by the route)
 *  - signed-in: any signed-in user
 *  - admin: an administrator; which organisation is checked by the route
 *  - member: a committee or panel member; which edition is checked by the route
 */
export const ACCESS_LEVELS = ['public', 'nominator', 'consent-link', 'signed-in', 'admin', 'member'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
