/**
 * A real OpenID Connect provider for tests: the `oidc-provider` package on a free loopback
 * port, with one confidential client (PKCE required, S256), an account store of test users
 * (sub, email, name and an Entra-style `tid` claim) and a tiny login form of its own that a
 * browser (or `signInAt`) fills in. Consent is given with the login, as a company's own
 * identity provider does for its first-party apps.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import type { Engine } from '../../src/db/database.js';
import { identityProviders, organisations } from '../../src/db/schema.js';
import { fixedClock } from '../../src/platform/clock.js';
import { openSeededTestDatabase, SEEDED_AT } from './databases.js';

export type TestAccount = {
  /** The stable subject; also what the login form accepts (as does the e-mail). */
  sub: string;
  email: string;
  name: string;
  /** Entra ID's tenant claim. */
  tid?: string;
  /** The `email_verified` claim: true unless set; null leaves the claim out (as Entra ID does). */
  emailVerified?: boolean | null;
};

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account store, keyed by subject: change an entry to change the next token's claims. */
  accounts: Map<string, TestAccount>;
  /**
   * Plays the browser at the provider: follows the authorization URL, fills in the login form
   * as `login` (a subject or an e-mail) and returns the URL the provider sends the browser
   * back to (the app's callback with code, state and iss, or with an error).
   */
  signInAt(authorizationUrl: string, login: string, opts?: { deny?: boolean }): Promise<URL>;
  close(): Promise<void>;
};

export async function startOidcProvider(opts: {
  redirectUris: string[];
  accounts: TestAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const accounts = new Map(opts.accounts.map((a) => [a.sub, { ...a }]));
  const clientId = opts.clientId ?? 'prisportal-test';
  const clientSecret = opts.clientSecret ?? randomBytes(24).toString('base64url');

  let provider: Provider | undefined;
  const server: Server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    claims: { openid: ['sub', 'tid'], email: ['email', 'email_verified'], profile: ['name'] },
    // Like Entra ID: the claims are in the ID token itself, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, i) => `/interaction/${i.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const a = accounts.get(id) ?? account;
          const verified = a.emailVerified === undefined ? true : a.emailVerified;
          return { sub: a.sub, email: a.email, ...(verified === null ? {} : { email_verified: verified }), name: a.name, ...(a.tid ? { tid: a.tid } : {}) };
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(String(out.error))}</h1><p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
  provider = new Provider(issuer, configuration);

  /** The login (and consent) page of the test provider. */
  async function interaction(p: Provider, req: IncomingMessage, res: ServerResponse) {
    const details = await p.interactionDetails(req, res);
    const url = new URL(req.url ?? '/', issuer);
    const finish = async (accountId: string) => {
      const grant = new p.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    };
    if (details.prompt.name === 'consent' && details.session?.accountId) return finish(details.session.accountId);
    if (req.method === 'POST' && url.pathname.endsWith('/login')) {
      const form = new URLSearchParams(await readBody(req));
      if (form.get('action') === 'deny') {
        return p.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user refused.' }, { mergeWithLastSubmission: false });
      }
      const login = (form.get('login') ?? '').trim().toLowerCase();
      const account = [...accounts.values()].find((a) => a.sub.toLowerCase() === login || a.email.toLowerCase() === login);
      if (account) return finish(account.sub);
      return loginPage(res, details.uid, 'Ukendt bruger');
    }
    return loginPage(res, details.uid);
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async signInAt(authorizationUrl, login, signInOpts = {}) {
      const jar = new Map<string, string>();
      const request = async (url: string, init: RequestInit = {}) => {
        const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
        const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const i = pair!.indexOf('=');
          const name = pair!.slice(0, i);
          const value = pair!.slice(i + 1);
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
          else jar.set(name, value);
        }
        return res;
      };
      let url = authorizationUrl;
      let posted = false;
      for (let hop = 0; hop < 10; hop++) {
        if (!url.startsWith(issuer)) return new URL(url);
        const res = await request(url);
        const location = res.headers.get('location');
        if (location) {
          url = new URL(location, url).toString();
          continue;
        }
        const body = await res.text();
        const action = /<form method="post" action="([^"]+)"/.exec(body)?.[1];
        if (!action || posted) throw new Error(`the test provider answered ${res.status} without a form at ${url}: ${body.slice(0, 300)}`);
        posted = true;
        const post = await request(new URL(action, url).toString(), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(signInOpts.deny ? { action: 'deny' } : { login, action: 'login' }).toString(),
        });
        const next = post.headers.get('location');
        if (!next) throw new Error(`the test provider did not accept the login ${login}: ${post.status} ${(await post.text()).slice(0, 300)}`);
        url = new URL(next, url).toString();
      }
      throw new Error('too many redirects at the test provider');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function loginPage(res: ServerResponse, uid: string, error?: string) {
  res.statusCode = error ? 400 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(`<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Test-login</title><link rel="icon" href="data:,"></head>
<body><main>
<h1>Test-login</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Brugernavn</label>
<input id="login" name="login" autocomplete="username">
<button type="submit" name="action" value="login">Log ind</button>
<button type="submit" name="action" value="deny">Afvis</button>
</form>
</main></body></html>`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** A free port on the loopback interface (for an app that must know its own address before it listens). */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export type LogLine = { level: number; msg: string; reason?: string; [key: string]: unknown };

/**
 * The app on a fresh seeded database with a test OIDC provider configured for Region
 * Midtjylland (client secret in a fresh environment variable), and its log lines kept.
 * `listen: true` serves it on a loopback port (for Chromium); otherwise its base URL is
 * http://prisportal.test and requests go through `app.inject`.
 */
export async function startOidcTestApp(
  engine: Engine,
  opts: { accounts: TestAccount[]; tenantId?: string | null; adminEmails?: string[]; trustsEmail?: boolean; listen?: boolean; at?: string },
) {
  const port = opts.listen ? await freePort() : null;
  const baseUrl = port ? `http://127.0.0.1:${port}` : 'http://prisportal.test';
  const provider = await startOidcProvider({ redirectUris: [`${baseUrl}/log-ind/oidc/callback`], accounts: opts.accounts });
  const clock = fixedClock(opts.at ?? SEEDED_AT);
  const database = await openSeededTestDatabase(engine, clock.now());
  const [org] = await database.db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
  const secretEnv = `PRISPORTAL_TEST_OIDC_SECRET_${randomBytes(4).toString('hex').toUpperCase()}`;
  process.env[secretEnv] = provider.clientSecret;
  const [idp] = await database.db
    .insert(identityProviders)
    .values({
      organisationId: org!.id,
      label: 'Region Midtjylland',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecretEnv: secretEnv,
      tenantId: opts.tenantId ?? null,
      trustsEmail: opts.trustsEmail ?? false,
      adminEmails: opts.adminEmails ?? [],
    })
    .returning();

  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const app: FastifyInstance = await buildApp({ db: database.db, clock, pageCacheMs: 0, publicBaseUrl: baseUrl, logger });
  if (port) await app.listen({ host: '127.0.0.1', port });
  return {
    app,
    clock,
    database,
    db: database.db,
    provider,
    idp: idp!,
    organisationId: org!.id,
    baseUrl,
    secretEnv,
    logs,
    /** The log lines of refused OIDC sign-ins. */
    refusals: () => logs.filter((l) => l.msg === 'oidc sign-in refused'),
    async close() {
      delete process.env[secretEnv];
      await app.close();
      await provider.close();
      await database.close();
    },
  };
}
