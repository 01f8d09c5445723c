/**
 * Whose a person's data is, as rules that need no database. An administrator sees and erases
 * what belongs to their own organisations only: a nomination, an e-mail, an audit event or an
 * idea-bank contact by the organisation it belongs to (the edition's award's organisation); a
 * person's user account by the person's ties to organisations. Pure functions; the service
 * calls them with rows.
 */

/** A user account's ties to organisations (organisation ids; repeats allowed). */
export type AccountTies = {
  /** Organisations the person administers. */
  adminOf: readonly number[];
  /** Organisations of the editions the person is (or was) a committee or panel member of. */
  memberOf: readonly number[];
  /** Organisations whose identity provider the person signs in through (their employees). */
  staffOf: readonly number[];
};

/**
 * What an administrator of `scope` may see and do with a person's user account:
 * - 'nothing': no account ('no-account'), or no tie to the administrator's organisations
 *   ('not-ours'): the account, even its name, is none of their business;
 * - 'ties': the person belongs to one of the administrator's organisations and to another one
 *   too ('shared'): their name and their ties within the administrator's organisations, not the
 *   account's use (last sign-in, sessions, API tokens, sign-in e-mails), which is the other
 *   organisation's business too; the account is kept on erasure;
 * - 'all': every tie is to the administrator's organisations ('only-ours'): the whole account,
 *   which erasure anonymises.
 * Inviting someone's address therefore shows nothing of their account's use unless the account
 * has no other organisation.
 */
export type AccountAccess = { see: 'nothing'; reason: 'no-account' | 'not-ours' } | { see: 'ties'; reason: 'shared' } | { see: 'all'; reason: 'only-ours' };

export function accountAccess(ties: AccountTies | null, scope: readonly number[]): AccountAccess {
  if (!ties) return { see: 'nothing', reason: 'no-account' };
  const all = [...ties.adminOf, ...ties.memberOf, ...ties.staffOf];
  const ours = all.filter((o) => scope.includes(o));
  if (ours.length === 0) return { see: 'nothing', reason: 'not-ours' };
  if (ours.length < all.length) return { see: 'ties', reason: 'shared' };
  return { see: 'all', reason: 'only-ours' };
}

/**
 * The organisations an export or erasure is recorded in: those whose data it touched, or, when
 * it found nothing, every organisation of the administrator (the search itself is theirs to
 * know about). Sorted, without repeats.
 */
export function auditedOrganisations(touched: readonly number[], scope: readonly number[]): number[] {
  const inScope = touched.filter((o) => scope.includes(o));
  return [...new Set(inScope.length ? inScope : scope)].sort((a, b) => a - b);
}
