/**
 * Sign-in through an organisation's OpenID Connect provider (e.g. a region's Microsoft Entra
 * ID tenant): authorization code flow with PKCE (S256), state and nonce, via `openid-client`.
 *
 * - The provider's configuration comes from its discovery document, cached per provider for
 *   a few minutes (a cache only: every process can rebuild it).
 * - What the callback needs (PKCE verifier, state, nonce, provider, return path) rides in a
 *   short-lived HttpOnly cookie named after the state, so it is bound to the browser that
 *   started and works with any number of app processes. The state is used once: the
 *   callback records it in the shared rate-limit table, so a replay is refused everywhere.
 * - Issuer, audience, signature (against the provider's keys), expiry and nonce are
 *   checked by openid-client; for Entra (tenant id configured) the `tid` claim must be
 *   that tenant.
 * - Users are keyed on (issuer, subject), never on e-mail alone.
 * - An e-mail is used (to create a user, update one, or grant a listed administrator) only
 *   when the provider verified it, or the organisation vouches for its provider's e-mails and
 *   the token does not say it is unverified (`trustedOidcEmail` in sign-in-rules.ts).
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { type Database, inTransaction } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { isEmail } from '../platform/fields.js';
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.js';
import { recordAudit } from '../platform/audit.js';
import { identityProviders, organisationAdmins, users } from './accounts.schema.js';
import { trustedOidcEmail } from './sign-in-rules.js';

export type IdentityProvider = typeof identityProviders.$inferSelect;
export type User = typeof users.$inferSelect;

/** The one redirect URI registered at every provider. */
export const OIDC_CALLBACK_PATH = '/log-ind/oidc/callback';
/** How long a started sign-in may take at the provider. */
export const OIDC_ATTEMPT_TTL_MS = 10 * 60 * 1000;
/** How long a discovered provider configuration is reused. */
export const OIDC_DISCOVERY_TTL_MS = 5 * 60 * 1000;
/** Cookies of started sign-ins are named this plus the first characters of the state. */
export const OIDC_COOKIE_PREFIX = 'oidc_';
export const OIDC_SCOPE = 'openid email profile';

/** A state may be used once: its first use counts in the shared rate-limit table. */
const STATE_USED: RateLimitRule = { name: 'oidc-state', limit: 1, windowMs: 24 * 60 * 60 * 1000 };

/** Why a sign-in was refused; logged as is, shown to the person as a plain Danish text. */
export type OidcRefusal =
  | 'attempt-missing' // no cookie for this state: expired, used, or another browser
  | 'attempt-mismatch' // the cookie's state or provider is not the callback's
  | 'attempt-expired'
  | 'state-replayed'
  | 'provider-error' // the provider answered ?error=…
  | 'access-denied'
  | 'invalid-response' // wrong issuer, audience, signature, nonce, code, PKCE…
  | 'provider-unreachable'
  | 'wrong-tenant'
  | 'no-email'
  | 'email-unverified' // the provider did not verify the e-mail (and the organisation does not vouch for it)
  | 'email-in-use';

export class OidcSignInError extends Error {
  constructor(
    readonly reason: OidcRefusal,
    readonly detail?: string,
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

/** The client secret from the environment variable the provider names; null when unset. */
export function clientSecretOf(provider: Pick<IdentityProvider, 'clientSecretEnv'>, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[provider.clientSecretEnv];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The enabled providers whose client secret is not in the environment, as "label (VARIABLE)".
 * Start-up refuses to run in production while any is missing (server.ts): the variable's
 * name is in the database, the secret itself never is.
 */
export async function missingOidcSecrets(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const rows = await db
    .select({ label: identityProviders.label, clientSecretEnv: identityProviders.clientSecretEnv })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true));
  return rows.filter((p) => clientSecretOf(p, env) === null).map((p) => `${p.label} (${p.clientSecretEnv})`);
}

/**
 * Plain http is allowed only for an issuer on this machine (the test provider, or a local
 * development one); every real provider is https.
 */
export function isLoopbackIssuer(issuer: string): boolean {
  try {
    const u = new URL(issuer);
    return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}

/** Discovered configurations per provider, reused for a few minutes. */
export class OidcDiscoveryCache {
  private entries = new Map<number, { key: string; config: client.Configuration; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = OIDC_DISCOVERY_TTL_MS,
  ) {}

  /** The provider's configuration; throws OidcSignInError('provider-unreachable') when discovery fails. */
  async get(provider: IdentityProvider, secret: string): Promise<client.Configuration> {
    const now = this.clock.now().getTime();
    const key = [provider.issuer, provider.clientId, createHash('sha256').update(secret).digest('hex')].join('\n');
    const hit = this.entries.get(provider.id);
    if (hit && hit.key === key && hit.expiresAt > now) return hit.config;
    let config: client.Configuration;
    try {
      config = await client.discovery(new URL(provider.issuer), provider.clientId, secret, client.ClientSecretPost(secret), {
        timeout: 10,
        // The ID token's signature is checked too (against the provider's published keys),
        // not only trusted because it came straight from the token endpoint.
        execute: isLoopbackIssuer(provider.issuer) ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
      });
    } catch (err) {
      throw new OidcSignInError('provider-unreachable', describeError(err));
    }
    config.timeout = 10;
    this.entries.set(provider.id, { key, config, expiresAt: now + this.ttlMs });
    return config;
  }
}

/** What the callback needs to finish a sign-in, kept in the browser's HttpOnly cookie. */
export type OidcAttempt = {
  providerId: number;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go afterwards: a local path. */
  back: string;
  /** Epoch milliseconds after which the attempt is refused. */
  expiresAt: number;
};

export function attemptCookieName(state: string): string | null {
  return /^[A-Za-z0-9_-]{32,128}$/.test(state) ? `${OIDC_COOKIE_PREFIX}${state.slice(0, 16)}` : null;
}

export function encodeAttempt(a: OidcAttempt): string {
  return Buffer.from(JSON.stringify({ p: a.providerId, s: a.state, n: a.nonce, v: a.codeVerifier, b: a.back, e: a.expiresAt }), 'utf8').toString('base64url');
}

/** The attempt in a cookie value, or null for anything malformed. */
export function decodeAttempt(value: string | undefined): OidcAttempt | null {
  if (!value || value.length > 4000) return null;
  try {
    const o = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 2000;
    if (!Number.isSafeInteger(o.p) || !str(o.s) || !str(o.n) || !str(o.v) || !str(o.b) || !Number.isSafeInteger(o.e)) return null;
    return {
      providerId: o.p as number,
      state: o.s as string,
      nonce: o.n as string,
      codeVerifier: o.v as string,
      back: o.b as string,
      expiresAt: o.e as number,
    };
  } catch {
    return null;
  }
}

/** Starts a sign-in: the provider's authorization URL and the attempt to keep in the cookie. */
export async function startOidcSignIn(args: {
  config: client.Configuration;
  provider: IdentityProvider;
  redirectUri: string;
  back: string;
  now: Date;
}): Promise<{ url: URL; attempt: OidcAttempt }> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(args.config, {
    redirect_uri: args.redirectUri,
    scope: OIDC_SCOPE,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, attempt: { providerId: args.provider.id, state, nonce, codeVerifier, back: args.back, expiresAt: args.now.getTime() + OIDC_ATTEMPT_TTL_MS } };
}

/** The person as the provider vouches for them. */
export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string;
};

/**
 * Checks the callback against the attempt (state, provider, age, single use), then
 * `exchangeCode`. Side effect: records the state as used, in the database every process
 * shares. Throws OidcSignInError with the reason.
 */
export async function finishOidcSignIn(args: {
  db: Database;
  config: client.Configuration;
  provider: IdentityProvider;
  attempt: OidcAttempt;
  /** The callback URL as the provider sent the browser there (publicBaseUrl + path + query). */
  callbackUrl: URL;
  now: Date;
}): Promise<OidcIdentity> {
  const { attempt, callbackUrl, provider } = args;
  if (attempt.providerId !== provider.id || callbackUrl.searchParams.get('state') !== attempt.state) throw new OidcSignInError('attempt-mismatch');
  if (attempt.expiresAt <= args.now.getTime()) throw new OidcSignInError('attempt-expired');
  const once = await hitRateLimit(args.db, STATE_USED, createHash('sha256').update(attempt.state).digest('base64url'), args.now);
  if (!once.allowed) throw new OidcSignInError('state-replayed');

  return exchangeCode(args);
}

/**
 * The network half of the callback: reads an error answer, exchanges the code (PKCE, nonce,
 * issuer, audience, signature and expiry checked by openid-client) and checks the tenant.
 * Throws OidcSignInError with the reason.
 */
export async function exchangeCode(args: {
  config: client.Configuration;
  provider: Pick<IdentityProvider, 'tenantId'>;
  attempt: Pick<OidcAttempt, 'state' | 'nonce' | 'codeVerifier'>;
  callbackUrl: URL;
}): Promise<OidcIdentity> {
  const { attempt, provider } = args;
  const params = args.callbackUrl.searchParams;
  const error = params.get('error');
  if (error !== null) {
    throw new OidcSignInError(
      error === 'access_denied' ? 'access-denied' : 'provider-error',
      `${error.slice(0, 100)} ${(params.get('error_description') ?? '').slice(0, 300)}`.trim(),
    );
  }

  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(args.config, args.callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    if (err instanceof client.AuthorizationResponseError) {
      throw new OidcSignInError(err.error === 'access_denied' ? 'access-denied' : 'provider-error', describeError(err));
    }
    if (isNetworkError(err)) throw new OidcSignInError('provider-unreachable', describeError(err));
    throw new OidcSignInError('invalid-response', describeError(err));
  }
  if (!claims) throw new OidcSignInError('invalid-response', 'no ID token');

  if (provider.tenantId) {
    const tid = typeof claims.tid === 'string' ? claims.tid.trim().toLowerCase() : '';
    if (tid !== provider.tenantId.trim().toLowerCase()) throw new OidcSignInError('wrong-tenant', `tid ${tid.slice(0, 60) || '(none)'}`);
  }
  return identityFromClaims(claims);
}

/** The fields Prisportal keeps from the ID token's claims (Entra: `email`, else the UPN). */
export function identityFromClaims(claims: Record<string, unknown> & { iss: string; sub: string }): OidcIdentity {
  const text = (x: unknown, max: number) => (typeof x === 'string' ? x.trim().slice(0, max) : '');
  const email = [claims.email, claims.preferred_username, claims.upn].map((x) => text(x, 300)).find((x) => x !== '' && isEmail(x)) ?? null;
  const name = text(claims.name, 200) || [text(claims.given_name, 100), text(claims.family_name, 100)].filter(Boolean).join(' ');
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
    name,
  };
}

export type UserResult =
  | { ok: true; user: User; created: boolean; emailKept?: true }
  | { ok: false; reason: 'no-email' | 'email-unverified' | 'email-in-use'; detail?: string };

/**
 * Finds the user of (issuer, subject), or creates one on first sign-in; name and e-mail
 * follow the provider's later.
 *
 * Refuses: 'no-email' (a first sign-in without an e-mail), 'email-unverified' (a first
 * sign-in whose e-mail the provider did not verify, see `trustedOidcEmail`; `detail` says
 * which case), 'email-in-use' (a new subject whose e-mail already belongs to another user:
 * never matched by e-mail).
 *
 * Side effects: a users row on first sign-in; the name, and the e-mail when it is trusted and
 * no other user has it, brought up to date (an untrusted or colliding e-mail keeps the old
 * one, `emailKept` for a collision).
 */
export async function findOrCreateOidcUser(db: Database, id: OidcIdentity, provider: Pick<IdentityProvider, 'trustsEmail'>): Promise<UserResult> {
  const trusted = trustedOidcEmail(id, provider);
  const email = trusted.ok ? trusted.email : null;
  const bySubject = async () => {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, id.issuer), eq(users.oidcSubject, id.subject)))
      .limit(1);
    return row ?? null;
  };
  const existing = await bySubject();
  if (existing) {
    const changes: Partial<Pick<User, 'email' | 'name'>> = {};
    let emailKept = false;
    if (id.name !== '' && id.name !== existing.name) changes.name = id.name;
    if (email && email !== existing.email) {
      const [other] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email}) and ${users.id} <> ${existing.id}`)
        .limit(1);
      if (other) emailKept = true;
      else changes.email = email;
    }
    if (Object.keys(changes).length === 0) return { ok: true, user: existing, created: false, ...(emailKept ? { emailKept: true as const } : {}) };
    const [updated] = await db.update(users).set(changes).where(eq(users.id, existing.id)).returning();
    return { ok: true, user: updated ?? existing, created: false, ...(emailKept ? { emailKept: true as const } : {}) };
  }
  if (!trusted.ok) return trusted.reason === 'no-email' ? { ok: false, reason: 'no-email' } : { ok: false, reason: 'email-unverified', detail: trusted.reason };
  const [created] = await db
    .insert(users)
    .values({ email: trusted.email, name: id.name, oidcIssuer: id.issuer, oidcSubject: id.subject })
    .onConflictDoNothing()
    .returning();
  if (created) return { ok: true, user: created, created: true };
  // Signed in twice at once: the other request made the user.
  const raced = await bySubject();
  if (raced) return { ok: true, user: raced, created: false };
  return { ok: false, reason: 'email-in-use' };
}

/** Whether an e-mail is in the provider's list of administrators (case-insensitive). */
export function isListedAdmin(provider: Pick<IdentityProvider, 'adminEmails'>, email: string | null): boolean {
  if (!email) return false;
  const e = email.trim().toLowerCase();
  return (provider.adminEmails ?? []).some((a) => typeof a === 'string' && a.trim().toLowerCase() === e);
}

/**
 * Makes the user an administrator of the provider's organisation when the provider lists
 * their e-mail, the e-mail is trusted (`trustedOidcEmail`: verified, or vouched for by the
 * organisation and not marked unverified) and it is the e-mail Prisportal has for them. Side effects: an organisation_admins row and an audit
 * event 'organisation-admin.grant', in one transaction, only when the user was not one yet.
 * Returns whether the user was made administrator now.
 */
export async function grantListedAdmin(db: Database, provider: IdentityProvider, user: User, id: OidcIdentity, now: Date): Promise<boolean> {
  const trusted = trustedOidcEmail(id, provider);
  if (!trusted.ok || trusted.email.toLowerCase() !== user.email.toLowerCase()) return false;
  if (!isListedAdmin(provider, trusted.email)) return false;
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .insert(organisationAdmins)
      .values({ organisationId: provider.organisationId, userId: user.id })
      .onConflictDoNothing()
      .returning({ userId: organisationAdmins.userId });
    if (rows.length === 0) return false;
    await recordAudit(
      tx,
      {
        actor: 'system',
        action: 'organisation-admin.grant',
        entityType: 'user',
        entityId: user.id,
        organisationId: provider.organisationId,
        after: { userId: user.id, email: user.email, source: 'identity-provider-admin-emails', identityProviderId: provider.id },
      },
      now,
    );
    return true;
  });
}

function isNetworkError(err: unknown): boolean {
  const e = err as { name?: string; cause?: { code?: string }; code?: string };
  return (
    e?.name === 'AbortError' || e?.name === 'TimeoutError' || (err instanceof TypeError && (e.cause?.code !== undefined || /fetch failed/.test(err.message)))
  );
}

/** A short description for the log: class, code and message, no tokens. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const e = err as Error & { code?: string; error?: string; cause?: unknown };
  const cause =
    e.cause instanceof Error
      ? ` (${e.cause.message})`
      : e.cause && typeof e.cause === 'object' && 'claim' in e.cause
        ? ` (claim ${String((e.cause as { claim: unknown }).claim)})`
        : '';
  return `${e.name}${e.code ? ` ${e.code}` : ''}${e.error ? ` ${e.error}` : ''}: ${e.message}${cause}`.slice(0, 500);
}

/** One enabled identity provider as `npm run doctor` sees it: where it is, and whether it answers. */
export type IdentityProviderProbe = {
  label: string;
  issuer: string;
  /** Entra ID's tenant the `tid` claim must carry; null when none is pinned. */
  tenantId: string | null;
  clientSecretEnv: string;
  hasSecret: boolean;
  /** Whether the discovery document answered, from the same issuer. */
  reachable: boolean;
  detail: string | null;
};

/**
 * Fetches each enabled provider's discovery document (`<issuer>/.well-known/openid-configuration`)
 * with a short timeout and checks it names the same issuer: what sign-in does first, without
 * the client secret. Plain http only for an issuer on this machine, as at sign-in.
 */
export async function probeIdentityProviders(db: Database, env: NodeJS.ProcessEnv = process.env, timeoutMs = 3_000): Promise<IdentityProviderProbe[]> {
  const rows = await db.select().from(identityProviders).where(eq(identityProviders.enabled, true)).orderBy(identityProviders.id);
  return Promise.all(
    rows.map(async (p): Promise<IdentityProviderProbe> => {
      const base = { label: p.label, issuer: p.issuer, tenantId: p.tenantId, clientSecretEnv: p.clientSecretEnv, hasSecret: clientSecretOf(p, env) !== null };
      let url: URL;
      try {
        url = new URL(`${p.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
      } catch {
        return { ...base, reachable: false, detail: 'the issuer is not a URL' };
      }
      if (url.protocol !== 'https:' && !isLoopbackIssuer(p.issuer)) return { ...base, reachable: false, detail: 'the issuer is not https://' };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
        if (!res.ok) return { ...base, reachable: false, detail: `discovery answered HTTP ${res.status}` };
        const doc = (await res.json()) as { issuer?: unknown };
        if (doc.issuer !== p.issuer) return { ...base, reachable: false, detail: `discovery names the issuer ${JSON.stringify(doc.issuer)}` };
        return { ...base, reachable: true, detail: null };
      } catch (err) {
        return { ...base, reachable: false, detail: describeError(err) };
      }
    }),
  );
}
