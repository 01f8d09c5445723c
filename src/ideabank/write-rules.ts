/**
 * Who may write to the public idea bank, as a rule that returns its reason. Pure, no I/O: the
 * service gives it the organisations the user is staff of (ideabank.service.ts,
 * `staffOrganisations`), the routes turn a refusal into a Danish or English answer.
 *
 * Only staff of an organisation may add a solution or record that a unit took one up, and only
 * in their own organisation's name. Staff of an organisation are its administrators and the
 * users who signed in through its identity provider. A patient panel citizen or a committee
 * member signed in by e-mail link is staff of none.
 */

export type StaffOrganisation = { id: number; name: string };

export type IdeaBankRefusal =
  /** Nobody is signed in. */
  | 'not-signed-in'
  /** Signed in, but staff of no organisation (a citizen, a committee member by e-mail link). */
  | 'not-staff'
  /** The organisation named is not one the user is staff of. */
  | 'other-organisation';

export type IdeaBankPermission = { ok: true; organisation: StaffOrganisation | null } | { ok: false; reason: IdeaBankRefusal };

/** Organisation names compare as people write them: case, spacing and Unicode form do not matter. */
export function sameOrganisationName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
  return norm(a) === norm(b);
}

/**
 * Whether the user may add a solution or an adoption in the name of `organisationName`; with
 * null, whether they may write to the idea bank at all (to show the form). On success the
 * organisation the name is theirs by.
 */
export function canWriteToIdeaBank(user: { signedIn: boolean; staffOf: readonly StaffOrganisation[] }, organisationName: string | null): IdeaBankPermission {
  if (!user.signedIn) return { ok: false, reason: 'not-signed-in' };
  if (user.staffOf.length === 0) return { ok: false, reason: 'not-staff' };
  if (organisationName === null) return { ok: true, organisation: null };
  const own = user.staffOf.find((o) => sameOrganisationName(o.name, organisationName));
  return own ? { ok: true, organisation: own } : { ok: false, reason: 'other-organisation' };
}
