import { join } from 'node:path';
import { z } from 'zod';

/**
 * The marker of the ballot key used outside production when BALLOT_KEY is unset. Anybody can
 * read it here, so ballots keyed with it are secret from nobody: production refuses it.
 */
const NOT_FOR_PRODUCTION = 'NOT-FOR-PRODUCTION';
/** The ballot key of development and tests when BALLOT_KEY is unset (never accepted in production). */
export const DEVELOPMENT_BALLOT_KEY = `${NOT_FOR_PRODUCTION}: the development and test ballot key of Prisportal`;

/** Variables whose values are secrets: a wrong value is never echoed in the error line. */

/**
 * The whole configuration, parsed once from the environment at start-up.
 * A wrong value stops start-up with one line naming the variable and what it expects.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: "'development', 'production' or 'test'" }).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: 'an integer between 1 and 65535' })
    .int('an integer between 1 and 65535')
    .min(1, 'an integer between 1 and 65535')
    .max(65535, 'an integer between 1 and 65535')
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ATTACHMENTS_DIR: z
    .string()
    .min(1)
    .refine((v) => !/[\u0000-\u001f]/.test(v), 'a folder path without control characters, e.g. /var/lib/prisportal/attachments')
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DEMO_SIGN_IN: z
    .enum(['true', 'false'], { message: "'true' or 'false'" })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  SEED_DEMO: z
    .enum(['true', 'false'], { message: "'true' or 'false'" })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  PUBLIC_BASE_URL: z.url({ message: 'an absolute http(s) URL such as https://prisportal.example.dk' }).optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'], { message: "'true' or 'false'" })
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#\s]+/, 'an smtp:// or smtps:// URL such as smtp://user:password@mail.example.dk:587')
    .refine(
      (v) => URL.canParse(v),
      'an smtp:// or smtps:// URL such as smtp://user:password@mail.example.dk:587 (special characters in the password must be %-encoded)',
    )
    .optional(),
  RETENTION_YEARS: z.coerce
    .number({ message: 'a whole number of years between 1 and 100' })
    .int('a whole number of years between 1 and 100')
    .min(1, 'a whole number of years between 1 and 100')
    .max(100, 'a whole number of years between 1 and 100')
    .default(5),
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/,
      "a sender address such as 'Prisportal <noreply@region.dk>' or noreply@region.dk",
    )
    .default('Prisportal <noreply@prisportal.local>'),
  BALLOT_KEY: z
    .string()
    .min(32, 'a random secret of at least 32 characters, e.g. from `openssl rand -base64 32`')
    .refine((v) => !v.startsWith(NOT_FOR_PRODUCTION), 'a random secret of your own, not the development key')
    .optional(),
});

/**
 * Every environment variable the configuration reads, from the schema itself: docs/production.md
 * lists each (test/production-guide.test.ts fails on one it does not).
 */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** When set, the app runs on this PostgreSQL server; otherwise on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * Where versions before files-in-the-database kept attachment and image files (default
   * `<dataDir>/attachments`). Read once at start-up: files still listed as on disk move from here
   * into the database (platform/storage/file-store.ts). Nothing new is written here.
   */
  attachmentsDir: string;
  logLevel: string;
  /**
   * Write the demo data at start: only when asked for, by SEED_DEMO=true or by `npm start`
   * (`--demo`) on the embedded database outside production. A deployment that sets
   * DATABASE_URL and forgets NODE_ENV and SEED_DEMO gets none.
   */
  seedDemo: boolean;
  /** "Log ind som demo-administrator": DEMO_SIGN_IN, else with the demo data outside production; never with an https:// PUBLIC_BASE_URL. */
  demoSignIn: boolean;
  publicBaseUrl: string | undefined;
  trustProxy: boolean;
  /** When set, e-mail is sent through this SMTP server; otherwise written as .eml files to `<dataDir>/outbox`. */
  smtpUrl: string | undefined;
  /** The sender of every e-mail. */
  mailFrom: string;
  /** Personal data of nominations is anonymised this many years after their edition is archived (src/privacy). */
  retentionYears: number;
  /**
   * The server secret that keys the patient panel's ballots (panel/ballot.ts) and orders the
   * anonymous overview's member labels (judging): kept outside the database, so a dump or a
   * backup alone cannot link a ballot to a member. Required in production; outside production
   * it defaults to DEVELOPMENT_BALLOT_KEY.
   */
  ballotKey: string;
};

export class ConfigError extends Error {}

/**
 * Secrets the server cannot run without in production (NODE_ENV=production, or an https://
 * PUBLIC_BASE_URL): checked at start, one line naming the variable when one is missing. Add a
 * secret with one line here. Their values are never logged, written to the database or put
 * in a backup (`npm run backup` copies the database, files included, not the
 * environment): keep them in the deployment's secret store and back them up there.
 *
 * Not listed, because there is no such secret: sessions and sign-in links are random tokens
 * whose hashes are stored, and the CSRF protection keeps a random secret per browser in its
 * cookie. The OpenID Connect client secrets are named per provider in the database
 * (identity_providers.client_secret_env) and checked at start by `missingOidcSecrets`
 * (accounts) once the database is open.
 */
export const PRODUCTION_SECRETS: readonly { variable: string; purpose: string }[] = [
  { variable: 'BALLOT_KEY', purpose: 'keys the secret ballots of patient panels (keep it with the backups, apart from them)' },
];

/** Variables whose value is never printed, even when it is wrong: the production secrets, and any name saying it holds one. */
export function isSecretVariable(name: string): boolean {
  return PRODUCTION_SECRETS.some((s) => s.variable === name) || /SECRET|PASSWORD|_KEY$|TOKEN/i.test(name);
}

/** Whether production's rules apply: NODE_ENV=production, or the site is served as https://. */
export function isProductionLike(config: Pick<Config, 'env' | 'publicBaseUrl'>): boolean {
  return config.env === 'production' || /^https:\/\//i.test(config.publicBaseUrl ?? '');
}

/**
 * The first production secret missing from `env`, as the one-line error start-up prints, or
 * null when all are set (or production's rules do not apply).
 */
export function missingProductionSecret(
  config: Pick<Config, 'env' | 'publicBaseUrl'>,
  env: NodeJS.ProcessEnv = process.env,
  secrets: readonly { variable: string; purpose: string }[] = PRODUCTION_SECRETS,
): string | null {
  if (!isProductionLike(config)) return null;
  const missing = secrets.find((s) => (env[s.variable] ?? '').trim() === '');
  return missing
    ? `Missing secret ${missing.variable}: it ${missing.purpose} and must be set in production (NODE_ENV=production or an https:// PUBLIC_BASE_URL)`
    : null;
}

/** "postgres://user:secret@host/db" → "postgres://user:***@host/db": URLs may carry passwords. */
function hidePassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/i, '$1:***@');
}

/**
 * Parses the environment. Throws ConfigError with a single readable line on the first bad
 * variable, a missing production secret, or demo sign-in on a site served as https:// (the
 * last two not with `production: 'report'`, for the doctor that reports them).
 * `argv`: the command's arguments; `--demo` (what `npm start` passes) asks for the demo.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = [], opts: { production?: 'refuse' | 'report' } = {}): Config {
  // 'report' (npm run doctor): parse only; the production refusals below become its findings,
  // so one run names all of them instead of the first.
  const refuse = opts.production !== 'report';
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = env[name];
    // Passwords in URLs are masked and secrets not shown at all: the line ends up in logs.
    const shown = isSecretVariable(name) ? '(hidden)' : JSON.stringify(hidePassword(got ?? ''));
    throw new ConfigError(`Invalid environment variable ${name}=${shown}: expected ${issue.message}`);
  }
  const c = parsed.data;
  // Demo data only when asked for: SEED_DEMO, or `npm start --demo` on the embedded database outside production.
  const seedDemo = c.SEED_DEMO ?? (argv.includes('--demo') && c.DATABASE_URL === undefined && c.NODE_ENV !== 'production');
  const demoSignIn = c.DEMO_SIGN_IN ?? (seedDemo && c.NODE_ENV !== 'production');
  if (refuse && demoSignIn && /^https:\/\//i.test(c.PUBLIC_BASE_URL ?? '')) {
    throw new ConfigError(
      `Demo sign-in is on while PUBLIC_BASE_URL=${JSON.stringify(c.PUBLIC_BASE_URL)} is https://: anyone could sign in as administrator. Set DEMO_SIGN_IN=false (and SEED_DEMO=false)`,
    );
  }
  const missing = missingProductionSecret({ env: c.NODE_ENV, publicBaseUrl: c.PUBLIC_BASE_URL }, env);
  if (refuse && missing) throw new ConfigError(missing);
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    attachmentsDir: c.ATTACHMENTS_DIR ?? join(c.DATA_DIR, 'attachments'),
    logLevel: c.LOG_LEVEL,
    seedDemo,
    demoSignIn,
    publicBaseUrl: c.PUBLIC_BASE_URL,
    trustProxy: c.TRUST_PROXY,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    retentionYears: c.RETENTION_YEARS,
    ballotKey: c.BALLOT_KEY ?? DEVELOPMENT_BALLOT_KEY,
  };
}

/** For commands (the server, `npm run retention`): the config, or its one-line error on stderr and exit code 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
