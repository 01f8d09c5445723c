/**
 * The OIDC rules on their own: the attempt cookie, the claims kept, the admin list, the
 * discovery cache, and the checks of the code exchange against a minimal fake provider that
 * signs whatever ID token a test asks for (wrong audience, issuer, nonce, signature, expiry,
 * tenant), which a well-behaved real provider never would.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../platform/clock.js';
import {
  attemptCookieName,
  clientSecretOf,
  decodeAttempt,
  encodeAttempt,
  exchangeCode,
  identityFromClaims,
  isListedAdmin,
  isLoopbackIssuer,
  OIDC_DISCOVERY_TTL_MS,
  OidcDiscoveryCache,
  OidcSignInError,
  startOidcSignIn,
  type IdentityProvider,
} from './oidc.js';

describe('the attempt cookie', () => {
  const attempt = {
    providerId: 7,
    state: 'S'.repeat(43),
    nonce: 'N'.repeat(43),
    codeVerifier: 'V'.repeat(43),
    back: '/min-side?x=æøå',
    expiresAt: 1_800_000_000_000,
  };

  test('round-trips, and anything malformed is null', () => {
    assert.deepEqual(decodeAttempt(encodeAttempt(attempt)), attempt);
    assert.equal(decodeAttempt(undefined), null);
    assert.equal(decodeAttempt(''), null);
    assert.equal(decodeAttempt('%%%'), null);
    assert.equal(decodeAttempt(Buffer.from('{"p":"7"}').toString('base64url')), null);
    assert.equal(decodeAttempt(Buffer.from(JSON.stringify({ p: 7, s: 's', n: 'n', v: 'v', b: '', e: 1 })).toString('base64url')), null);
    assert.equal(decodeAttempt('x'.repeat(5000)), null);
  });

  test('is named after the state, which must look like one', () => {
    assert.equal(attemptCookieName('abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE'), 'oidc_abcdefghijklmnop');
    assert.equal(attemptCookieName(''), null);
    assert.equal(attemptCookieName('short'), null);
    assert.equal(attemptCookieName(`${'a'.repeat(40)};path=/`), null);
  });
});

describe('claims, secrets and the admin list', () => {
  test('e-mail from `email`, else a UPN-like `preferred_username`; name from `name`, else given and family name', () => {
    assert.deepEqual(identityFromClaims({ iss: 'https://i', sub: 's', email: ' a@b.dk ', name: ' Anna ', email_verified: true }), {
      issuer: 'https://i',
      subject: 's',
      email: 'a@b.dk',
      emailVerified: true,
      name: 'Anna',
    });
    const entra = identityFromClaims({ iss: 'https://i', sub: 's', preferred_username: 'anna@rm.dk', given_name: 'Anna', family_name: 'Holm' });
    assert.equal(entra.email, 'anna@rm.dk');
    assert.equal(entra.name, 'Anna Holm');
    assert.equal(entra.emailVerified, null);
    assert.equal(identityFromClaims({ iss: 'https://i', sub: 's', email: 'ikke en e-mail', preferred_username: 'anna' }).email, null);
    assert.equal(identityFromClaims({ iss: 'https://i', sub: 's', name: 42 }).name, '');
  });

  test('the admin list matches whole addresses in any case', () => {
    const p = { adminEmails: ['Chef@RM.dk', ' hr@rm.dk '] };
    assert.equal(isListedAdmin(p, 'chef@rm.dk'), true);
    assert.equal(isListedAdmin(p, 'HR@rm.dk'), true);
    assert.equal(isListedAdmin(p, 'chef@rm.dk.evil'), false);
    assert.equal(isListedAdmin(p, null), false);
    assert.equal(isListedAdmin({ adminEmails: [] }, 'chef@rm.dk'), false);
  });

  test('the client secret comes from the named environment variable', () => {
    assert.equal(clientSecretOf({ clientSecretEnv: 'X' }, { X: 's3cret' }), 's3cret');
    assert.equal(clientSecretOf({ clientSecretEnv: 'X' }, { X: '  ' }), null);
    assert.equal(clientSecretOf({ clientSecretEnv: 'X' }, {}), null);
  });

  test('plain http only for an issuer on this machine', () => {
    assert.equal(isLoopbackIssuer('http://127.0.0.1:4000'), true);
    assert.equal(isLoopbackIssuer('http://localhost:4000/x'), true);
    assert.equal(isLoopbackIssuer('https://login.microsoftonline.com/t/v2.0'), false);
    assert.equal(isLoopbackIssuer('http://login.microsoftonline.com/t/v2.0'), false);
    assert.equal(isLoopbackIssuer('http://127.0.0.1.nip.io'), false);
    assert.equal(isLoopbackIssuer('nonsense'), false);
  });
});

/** A minimal OpenID provider: discovery, keys, and a token endpoint answering with `nextToken`. */
class FakeProvider {
  server!: Server;
  issuer = '';
  discoveryCount = 0;
  tokenStatus = 200;
  claims: (base: Record<string, unknown>) => Record<string, unknown> = (b) => b;
  signingKey: KeyObject;
  readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });

  constructor() {
    this.signingKey = this.key.privateKey;
  }

  async start() {
    this.server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/.well-known/openid-configuration') {
        this.discoveryCount++;
        return json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/auth`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (req.url === '/jwks') return json(200, { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
      if (req.url === '/token' && req.method === 'POST') {
        req.resume();
        return req.on('end', () => {
          if (this.tokenStatus !== 200) return json(this.tokenStatus, { error: 'invalid_grant' });
          const now = Math.floor(Date.now() / 1000);
          const claims = this.claims({
            iss: this.issuer,
            sub: 'subject-1',
            aud: 'client-1',
            iat: now,
            exp: now + 300,
            nonce: NONCE,
            email: 'anna@rm.dk',
            name: 'Anna',
            tid: 'Tenant-1',
          });
          return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 60, id_token: this.sign(claims) });
        });
      }
      return json(404, {});
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  sign(claims: Record<string, unknown>) {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${part({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${part(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.signingKey).toString('base64url')}`;
  }
}

const STATE = 'state-0123456789-0123456789-0123456789-abc';
const NONCE = 'nonce-0123456789-0123456789-0123456789-abc';

describe('the code exchange against a provider that misbehaves', () => {
  const op = new FakeProvider();
  const clock = fixedClock('2026-11-24T12:00:00Z');
  let cache: OidcDiscoveryCache;
  let provider: IdentityProvider;

  before(async () => {
    await op.start();
    cache = new OidcDiscoveryCache(clock);
    provider = {
      id: 1,
      organisationId: 1,
      label: 'Test',
      issuer: op.issuer,
      clientId: 'client-1',
      clientSecretEnv: 'X',
      tenantId: 'tenant-1',
      trustsEmail: false,
      adminEmails: [],
      enabled: true,
    };
  });
  after(async () => {
    op.server.closeAllConnections();
    await new Promise((r) => op.server.close(r));
  });

  const callback = (params: Record<string, string> = {}) =>
    new URL(`http://prisportal.test/log-ind/oidc/callback?${new URLSearchParams({ code: 'the-code', state: STATE, ...params })}`);

  async function exchange(
    opts: { claims?: (b: Record<string, unknown>) => Record<string, unknown>; params?: Record<string, string>; tenantId?: string | null } = {},
  ) {
    op.claims = opts.claims ?? ((b) => b);
    const config = await cache.get(provider, 'secret');
    return exchangeCode({
      config,
      provider: { tenantId: opts.tenantId === undefined ? provider.tenantId : opts.tenantId },
      attempt: { state: STATE, nonce: NONCE, codeVerifier: 'v'.repeat(43) },
      callbackUrl: callback(opts.params),
    });
  }

  async function refused(reason: string, opts: Parameters<typeof exchange>[0]) {
    await assert.rejects(exchange(opts), (err: unknown) => {
      assert.ok(err instanceof OidcSignInError, String(err));
      assert.equal(err.reason, reason, err.message);
      return true;
    });
  }

  test('a good ID token gives the identity (tenant compared without regard to case)', async () => {
    const id = await exchange();
    assert.deepEqual(id, { issuer: op.issuer, subject: 'subject-1', email: 'anna@rm.dk', emailVerified: null, name: 'Anna' });
  });

  test('wrong audience, issuer, nonce, signature or an expired token: invalid-response', async () => {
    await refused('invalid-response', { claims: (b) => ({ ...b, aud: 'another-client' }) });
    await refused('invalid-response', { claims: (b) => ({ ...b, iss: 'https://login.microsoftonline.com/other/v2.0' }) });
    await refused('invalid-response', { claims: (b) => ({ ...b, nonce: 'another-nonce' }) });
    await refused('invalid-response', { claims: ({ nonce: _n, ...b }) => b });
    await refused('invalid-response', { claims: (b) => ({ ...b, exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }) });
    op.signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    try {
      await refused('invalid-response', {});
    } finally {
      op.signingKey = op.key.privateKey;
    }
  });

  test('another tenant, or none, is refused when a tenant is configured; ignored when not', async () => {
    await refused('wrong-tenant', { claims: (b) => ({ ...b, tid: 'tenant-2' }) });
    await refused('wrong-tenant', { claims: ({ tid: _t, ...b }) => b });
    const id = await exchange({ claims: (b) => ({ ...b, tid: 'tenant-2' }), tenantId: null });
    assert.equal(id.subject, 'subject-1');
  });

  test("the provider's error answer, a rejected code, and a callback naming another issuer", async () => {
    await refused('access-denied', { params: { error: 'access_denied' } });
    await refused('provider-error', { params: { error: 'temporarily_unavailable', error_description: 'try later' } });
    await refused('invalid-response', { params: { iss: 'https://evil.example' } });
    op.tokenStatus = 400;
    try {
      await refused('invalid-response', {});
    } finally {
      op.tokenStatus = 200;
    }
  });

  test('discovery is cached per provider for a few minutes, and redone when the configuration changes', async () => {
    const c = new OidcDiscoveryCache(clock);
    const before = op.discoveryCount;
    const a = await c.get(provider, 'secret');
    assert.equal(await c.get(provider, 'secret'), a);
    assert.equal(op.discoveryCount, before + 1);
    clock.advance(OIDC_DISCOVERY_TTL_MS + 1);
    assert.notEqual(await c.get(provider, 'secret'), a);
    assert.equal(op.discoveryCount, before + 2);
    await c.get(provider, 'rotated-secret');
    assert.equal(op.discoveryCount, before + 3);
  });

  test('an unreachable provider: provider-unreachable', async () => {
    const c = new OidcDiscoveryCache(clock);
    await assert.rejects(
      c.get({ ...provider, id: 2, issuer: 'http://127.0.0.1:9' }, 'secret'),
      (err: unknown) => err instanceof OidcSignInError && err.reason === 'provider-unreachable',
    );
  });

  test('the authorization URL asks for a code with PKCE (S256), a fresh state and nonce each time', async () => {
    const config = await cache.get(provider, 'secret');
    const now = clock.now();
    const a = await startOidcSignIn({ config, provider, redirectUri: 'http://prisportal.test/log-ind/oidc/callback', back: '/min-side', now });
    const b = await startOidcSignIn({ config, provider, redirectUri: 'http://prisportal.test/log-ind/oidc/callback', back: '/min-side', now });
    assert.equal(a.url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(a.url.searchParams.get('state'), a.attempt.state);
    assert.equal(a.url.searchParams.get('nonce'), a.attempt.nonce);
    assert.notEqual(a.attempt.state, b.attempt.state);
    assert.notEqual(a.attempt.codeVerifier, b.attempt.codeVerifier);
    assert.equal(a.url.href.includes(a.attempt.codeVerifier), false);
    assert.equal(a.attempt.expiresAt, now.getTime() + 10 * 60 * 1000);
  });
});
