/**
 * The production check (`npm run doctor`, and the server at start): what a production
 * configuration lacks or does unsafely, as named findings. `productionFindings` is the rule,
 * a pure function of facts (table-tested in doctor.test.ts); `gatherFacts` collects those facts
 * from the configuration, the database, the SMTP relay and the identity providers, each probe
 * with a short timeout. docs/production.md says what each finding means and how to fix it.
 */
import { DEVELOPMENT_BALLOT_KEY, PRODUCTION_SECRETS, type Config } from './config.js';
import { openPostgres, readDatabaseFacts, type Database, type DatabaseFacts } from './db/database.js';
import { probeSmtp, type SmtpProbe } from './mail/index.js';
import { probeIdentityProviders, type IdentityProviderProbe } from './accounts/index.js';

export type Severity = 'error' | 'warning';

/** The name of each kind of finding: stable, so runbooks and log alerts can refer to them. */
export type FindingId =
  | 'node-env'
  | 'base-url-missing'
  | 'base-url-not-https'
  | 'trust-proxy-off'
  | 'secret-missing'
  | 'demo-sign-in'
  | 'demo-data'
  | 'database-embedded'
  | 'database-unreachable'
  | 'database-encoding'
  | 'database-ctype'
  | 'database-collation'
  | 'database-superuser'
  | 'smtp-missing'
  | 'smtp-unreachable'
  | 'mail-from'
  | 'identity-provider-none'
  | 'identity-provider-secret'
  | 'identity-provider-unreachable'
  | 'identity-provider-tenant'
  | 'log-level';

export type Finding = { id: FindingId; severity: Severity; message: string };

export type DoctorFacts = {
  config: Pick<Config, 'env' | 'publicBaseUrl' | 'trustProxy' | 'demoSignIn' | 'seedDemo' | 'databaseUrl' | 'smtpUrl' | 'mailFrom' | 'logLevel'>;
  /** Each production secret (config.ts PRODUCTION_SECRETS) and whether the environment sets it. */
  secrets: { variable: string; set: boolean }[];
  /** Null when there is no database server to ask (the embedded one, or the server is unreachable). */
  database: DatabaseFacts | null;
  databaseError: string | null;
  /** Null when SMTP_URL is unset. */
  smtp: SmtpProbe | null;
  /** Null when the database could not be read (the providers are rows in it). */
  identityProviders: IdentityProviderProbe[] | null;
};

const isUtf8 = (s: string) => /utf-?8/i.test(s);
/** Danish order (… Z Æ Ø Å) from an ICU locale da(-DK) or a libc da_DK collation. */
const sortsDanish = (d: DatabaseFacts) => (d.localeProvider === 'icu' ? /^da\b|^da[-_]/i.test(d.icuLocale ?? '') : /^da_DK/i.test(d.collate));

/**
 * Everything missing or unsafe in a production configuration. 'error': the deployment is not
 * fit for production until it is fixed (`npm run doctor` exits 1); 'warning': it runs, but
 * something is likely wrong or poorer than it should be.
 */
export function productionFindings(f: DoctorFacts): Finding[] {
  const out: Finding[] = [];
  const add = (id: FindingId, severity: Severity, message: string) => out.push({ id, severity, message });
  const c = f.config;

  if (c.env !== 'production')
    add('node-env', 'error', `NODE_ENV is '${c.env}': set NODE_ENV=production (it turns off the component page and turns on the production checks)`);

  if (!c.publicBaseUrl) {
    add(
      'base-url-missing',
      'error',
      'PUBLIC_BASE_URL is not set: links in e-mails and feeds would point to http://localhost. Set it to the address users open, e.g. https://prisportal.region.dk',
    );
  } else if (!/^https:\/\//i.test(c.publicBaseUrl)) {
    add(
      'base-url-not-https',
      'error',
      `PUBLIC_BASE_URL is ${c.publicBaseUrl}: serve the site over https:// (TLS at the reverse proxy); cookies are marked Secure only for an https:// address`,
    );
  } else if (!c.trustProxy) {
    add(
      'trust-proxy-off',
      'warning',
      'TRUST_PROXY is false while the site is served as https://, usually through a TLS proxy: the client address in logs and rate limits is then the proxy’s, shared by everyone. Set TRUST_PROXY=true when a proxy you run sets X-Forwarded-For',
    );
  }

  for (const s of f.secrets)
    if (!s.set)
      add('secret-missing', 'error', `${s.variable} is not set: it is a secret production needs (see docs/production.md, "Environment variables and secrets")`);

  if (c.demoSignIn) add('demo-sign-in', 'error', 'Demo sign-in is on: anyone could sign in as administrator. Set DEMO_SIGN_IN=false');
  if (c.seedDemo) add('demo-data', 'error', 'Demo data would be written at start. Set SEED_DEMO=false');

  if (!c.databaseUrl) {
    add(
      'database-embedded',
      'error',
      'DATABASE_URL is not set: the embedded database serves one process on one machine. Run on a PostgreSQL server (see docs/production.md, "PostgreSQL")',
    );
  }
  if (f.databaseError !== null) {
    add('database-unreachable', 'error', `The database cannot be read: ${f.databaseError}`);
  }
  const d = f.database;
  if (d) {
    if (d.encoding !== 'UTF8')
      add(
        'database-encoding',
        'error',
        `The database encoding is ${d.encoding}: it must be UTF8 (Danish letters, search). Create the database WITH ENCODING 'UTF8'`,
      );
    if (!isUtf8(d.ctype))
      add('database-ctype', 'error', `The database's LC_CTYPE is ${d.ctype || 'unknown'}: it must be a UTF-8 one (e.g. C.UTF-8 or da_DK.UTF-8)`);
    if (!sortsDanish(d)) {
      add(
        'database-collation',
        'warning',
        `The database sorts by ${d.localeProvider === 'icu' ? `ICU locale ${d.icuLocale}` : `collation ${d.collate || 'unknown'}`}, not Danish: lists sorted by name put Å before Æ and Ø. Create it with ICU locale da-DK (docs/production.md)`,
      );
    }
    if (d.superuser)
      add(
        'database-superuser',
        'warning',
        'The app connects as a superuser: give it a role of its own that owns its schema and nothing else (docs/production.md)',
      );
  }

  if (!c.smtpUrl) {
    add('smtp-missing', 'error', 'SMTP_URL is not set: e-mail (receipts, sign-in links, invitations) is written to files, never sent');
  } else if (f.smtp && !f.smtp.ok) {
    add('smtp-unreachable', 'error', `The SMTP relay does not answer as it should: ${f.smtp.detail}`);
  }
  if (/@[^>]*\.local>?$/i.test(c.mailFrom.trim())) {
    add(
      'mail-from',
      'warning',
      `MAIL_FROM is ${c.mailFrom}: receiving servers refuse a .local sender. Use an address of your own domain that the relay may send from`,
    );
  }

  const providers = f.identityProviders;
  if (providers && providers.length === 0) {
    add(
      'identity-provider-none',
      'warning',
      'No identity provider is enabled: employees and administrators cannot sign in with their organisation’s account (docs/production.md, "Sign-in through Entra ID")',
    );
  }
  for (const p of providers ?? []) {
    if (!p.hasSecret) add('identity-provider-secret', 'error', `${p.label}: the client secret variable ${p.clientSecretEnv} is not set`);
    if (!p.reachable) add('identity-provider-unreachable', 'error', `${p.label}: ${p.issuer} does not answer as an OpenID provider (${p.detail ?? 'unknown'})`);
    if (/^https:\/\/login\.microsoftonline\.com\//i.test(p.issuer) && !p.tenantId) {
      add('identity-provider-tenant', 'warning', `${p.label}: an Entra ID issuer without tenant_id: set the tenant id, so sign-in checks the tid claim`);
    }
  }

  if (c.logLevel === 'debug' || c.logLevel === 'trace')
    add('log-level', 'warning', `LOG_LEVEL is ${c.logLevel}: more is logged than production needs. Use info`);

  return out;
}

/** Each production secret and whether `env` sets it (a value that is only the development key counts as unset). */
export function secretsPresent(env: NodeJS.ProcessEnv): DoctorFacts['secrets'] {
  return PRODUCTION_SECRETS.map((s) => {
    const value = (env[s.variable] ?? '').trim();
    return { variable: s.variable, set: value !== '' && value !== DEVELOPMENT_BALLOT_KEY };
  });
}

/**
 * The facts for `productionFindings`: the configuration, then the database (only a server:
 * the embedded database is owned by the running app), the SMTP relay and the identity
 * providers, the last two at the same time. Each probe waits at most `timeoutMs`.
 */
export async function gatherFacts(config: Config, env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; db?: Database } = {}): Promise<DoctorFacts> {
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const facts: DoctorFacts = { config, secrets: secretsPresent(env), database: null, databaseError: null, smtp: null, identityProviders: null };
  const smtp = config.smtpUrl ? probeSmtp(config.smtpUrl, timeoutMs) : Promise.resolve(null);
  const read = async (db: Database) => {
    facts.database = await readDatabaseFacts(db);
    facts.identityProviders = await probeIdentityProviders(db, env, timeoutMs).catch(() => null);
  };
  try {
    // The running server passes its own handle; the command opens a server database only:
    // the embedded one's folder belongs to the app while it runs.
    if (opts.db) await read(opts.db);
    else if (config.databaseUrl) {
      const handle = await openPostgres(config.databaseUrl, 1);
      try {
        await read(handle.db);
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    facts.databaseError = err instanceof Error ? err.message : String(err);
  }
  facts.smtp = await smtp;
  return facts;
}

/** The findings as lines for a terminal: errors first, each with its name. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '✓ No findings: the configuration is fit for production.\n';
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = findings.filter((x) => x.severity === 'error').length;
  const lines = sorted.map((x) => `${x.severity === 'error' ? '✗ error  ' : '! warning'} ${x.id}: ${x.message}`);
  lines.push(`${errors} error(s), ${findings.length - errors} warning(s)`);
  return `${lines.join('\n')}\n`;
}
