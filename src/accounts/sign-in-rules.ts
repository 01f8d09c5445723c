/**
 * The sign-in rules that need no database: how many e-mailed links an address may hold, and
 * which e-mail of an OpenID Connect provider Prisportal may use. Pure functions, each
 * returning its reason, with a table of cases in sign-in-rules.test.ts.
 */

/**
 * At most this many working (unused, unexpired) sign-in links per account at a time. A link
 * lives 15 minutes, so an address gets at most this many e-mails in 15 minutes however many
 * clients ask; while capped, the links already sent keep working, so the owner is never
 * locked out by somebody asking on their behalf.
 */
export const MAX_OUTSTANDING_SIGN_IN_LINKS = 3;

export type SignInLinkRefusal = 'links-outstanding';

/**
 * Whether another sign-in link may be e-mailed to an account that holds `outstanding` working
 * links. Refused quietly: the requester gets the same answer either way.
 */
export function mayMailSignInLink(outstanding: number): { ok: true } | { ok: false; reason: SignInLinkRefusal } {
  return outstanding < MAX_OUTSTANDING_SIGN_IN_LINKS ? { ok: true } : { ok: false, reason: 'links-outstanding' };
}

export type OidcEmailRefusal = 'no-email' | 'email-unverified' | 'email-verification-missing';

/**
 * The e-mail of an OpenID Connect sign-in that Prisportal may use (create a user with, update
 * a user to, grant an administrator role by), or why not.
 *
 * - `email_verified: true`: used.
 * - `email_verified: false`: never used, whatever the provider's setting. Anybody can type an
 *   address into an account at many providers; using it would hand them that address's
 *   invitations and roles (finding 2).
 * - The claim missing: used only when the organisation's provider is marked as one whose
 *   e-mails it vouches for (`trustsEmail`). Microsoft Entra ID sends no `email_verified`; the
 *   `email` or UPN it sends for a work account is set by the tenant's own administrators, so
 *   an organisation that signs in its employees through its own tenant sets the mark (the
 *   tenant is pinned by `tenant_id`). For any other provider an unconfirmed e-mail is refused.
 */
export function trustedOidcEmail(
  identity: { email: string | null; emailVerified: boolean | null },
  provider: { trustsEmail: boolean },
): { ok: true; email: string } | { ok: false; reason: OidcEmailRefusal } {
  if (!identity.email) return { ok: false, reason: 'no-email' };
  if (identity.emailVerified === true) return { ok: true, email: identity.email };
  if (identity.emailVerified === false) return { ok: false, reason: 'email-unverified' };
  return provider.trustsEmail ? { ok: true, email: identity.email } : { ok: false, reason: 'email-verification-missing' };
}
