import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVELOPMENT_BALLOT_KEY } from './config.js';
import { formatFindings, productionFindings, secretsPresent, type DoctorFacts, type FindingId, type Severity } from './doctor.js';

/** A production configuration with nothing to find: each case below changes one thing. */
const good: DoctorFacts = {
  config: {
    env: 'production',
    publicBaseUrl: 'https://prisportal.region.dk',
    trustProxy: true,
    demoSignIn: false,
    seedDemo: false,
    databaseUrl: 'postgres://prisportal@db.region.dk/prisportal',
    smtpUrl: 'smtp://relay.region.dk:587',
    mailFrom: 'Prisportal <noreply@region.dk>',
    logLevel: 'info',
  },
  secrets: [{ variable: 'BALLOT_KEY', set: true }],
  database: {
    encoding: 'UTF8',
    ctype: 'C.UTF-8',
    collate: 'C.UTF-8',
    localeProvider: 'icu',
    icuLocale: 'da-DK',
    superuser: false,
    serverVersion: '16.4',
  },
  databaseError: null,
  smtp: { ok: true },
  identityProviders: [
    {
      label: 'Region Midtjylland',
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      tenantId: '11111111-2222-3333-4444-555555555555',
      clientSecretEnv: 'OIDC_RM_SECRET',
      hasSecret: true,
      reachable: true,
      detail: null,
    },
  ],
};

type Change = { config?: Partial<DoctorFacts['config']>; database?: Partial<NonNullable<DoctorFacts['database']>> | null } & Partial<
  Omit<DoctorFacts, 'config' | 'database'>
>;
const facts = (change: Change): DoctorFacts => {
  const { config, database, ...rest } = change;
  return {
    ...good,
    ...rest,
    config: { ...good.config, ...config },
    database: database === null ? null : { ...good.database!, ...database },
  };
};
const provider = good.identityProviders![0]!;

const cases: { name: string; change: Change; expect: [FindingId, Severity][] }[] = [
  { name: 'a good production configuration', change: {}, expect: [] },
  { name: 'NODE_ENV not production', change: { config: { env: 'development' } }, expect: [['node-env', 'error']] },
  { name: 'no PUBLIC_BASE_URL', change: { config: { publicBaseUrl: undefined } }, expect: [['base-url-missing', 'error']] },
  { name: 'an http:// base URL', change: { config: { publicBaseUrl: 'http://prisportal.region.dk' } }, expect: [['base-url-not-https', 'error']] },
  { name: 'https:// without a trusted proxy', change: { config: { trustProxy: false } }, expect: [['trust-proxy-off', 'warning']] },
  { name: 'BALLOT_KEY missing', change: { secrets: [{ variable: 'BALLOT_KEY', set: false }] }, expect: [['secret-missing', 'error']] },
  { name: 'demo sign-in on', change: { config: { demoSignIn: true } }, expect: [['demo-sign-in', 'error']] },
  { name: 'demo data on', change: { config: { seedDemo: true } }, expect: [['demo-data', 'error']] },
  {
    name: 'the embedded database (nothing to read)',
    change: { config: { databaseUrl: undefined }, database: null, identityProviders: null },
    expect: [['database-embedded', 'error']],
  },
  {
    name: 'a database server that does not answer',
    change: { databaseError: 'Cannot connect to PostgreSQL at db:5432/prisportal (DATABASE_URL): ECONNREFUSED', database: null, identityProviders: null },
    expect: [['database-unreachable', 'error']],
  },
  {
    name: 'a LATIN1 database',
    change: { database: { encoding: 'LATIN1', ctype: 'da_DK.ISO-8859-1' } },
    expect: [
      ['database-encoding', 'error'],
      ['database-ctype', 'error'],
    ],
  },
  {
    name: 'a C.UTF-8 database (code-point order)',
    change: { database: { localeProvider: 'libc', icuLocale: null, collate: 'C.UTF-8' } },
    expect: [['database-collation', 'warning']],
  },
  { name: 'a libc da_DK.UTF-8 database sorts Danish', change: { database: { localeProvider: 'libc', icuLocale: null, collate: 'da_DK.UTF-8' } }, expect: [] },
  { name: 'an ICU da database sorts Danish', change: { database: { icuLocale: 'da' } }, expect: [] },
  { name: 'an ICU en-US database', change: { database: { icuLocale: 'en-US' } }, expect: [['database-collation', 'warning']] },
  { name: 'the app as superuser', change: { database: { superuser: true } }, expect: [['database-superuser', 'warning']] },
  { name: 'no SMTP_URL', change: { config: { smtpUrl: undefined }, smtp: null }, expect: [['smtp-missing', 'error']] },
  {
    name: 'an SMTP relay that does not answer',
    change: { smtp: { ok: false, detail: 'ETIMEDOUT Greeting never received' } },
    expect: [['smtp-unreachable', 'error']],
  },
  { name: 'the default .local sender', change: { config: { mailFrom: 'Prisportal <noreply@prisportal.local>' } }, expect: [['mail-from', 'warning']] },
  { name: 'no identity provider', change: { identityProviders: [] }, expect: [['identity-provider-none', 'warning']] },
  { name: "a provider's secret unset", change: { identityProviders: [{ ...provider, hasSecret: false }] }, expect: [['identity-provider-secret', 'error']] },
  {
    name: 'a provider that does not answer',
    change: { identityProviders: [{ ...provider, reachable: false, detail: 'TimeoutError' }] },
    expect: [['identity-provider-unreachable', 'error']],
  },
  { name: 'Entra ID without a tenant', change: { identityProviders: [{ ...provider, tenantId: null }] }, expect: [['identity-provider-tenant', 'warning']] },
  {
    name: 'another provider needs no tenant',
    change: { identityProviders: [{ ...provider, issuer: 'https://idp.region.dk', tenantId: null }] },
    expect: [],
  },
  { name: 'debug logging', change: { config: { logLevel: 'debug' } }, expect: [['log-level', 'warning']] },
  {
    name: 'a development machine: everything at once',
    change: {
      config: { env: 'development', publicBaseUrl: undefined, trustProxy: false, demoSignIn: true, seedDemo: true, databaseUrl: undefined, smtpUrl: undefined },
      secrets: [{ variable: 'BALLOT_KEY', set: false }],
      database: null,
      smtp: null,
      identityProviders: null,
    },
    expect: [
      ['node-env', 'error'],
      ['base-url-missing', 'error'],
      ['secret-missing', 'error'],
      ['demo-sign-in', 'error'],
      ['demo-data', 'error'],
      ['database-embedded', 'error'],
      ['smtp-missing', 'error'],
    ],
  },
];

for (const c of cases) {
  test(`production findings: ${c.name}`, () => {
    const found = productionFindings(facts(c.change));
    assert.deepEqual(
      found.map((f) => [f.id, f.severity]),
      c.expect,
    );
    for (const f of found) assert.ok(f.message.length > 20, `${f.id} says what to do`);
  });
}

test('every finding name is reached by a case above', () => {
  const reached = new Set(cases.flatMap((c) => c.expect.map(([id]) => id)));
  const all: FindingId[] = [
    'node-env',
    'base-url-missing',
    'base-url-not-https',
    'trust-proxy-off',
    'secret-missing',
    'demo-sign-in',
    'demo-data',
    'database-embedded',
    'database-unreachable',
    'database-encoding',
    'database-ctype',
    'database-collation',
    'database-superuser',
    'smtp-missing',
    'smtp-unreachable',
    'mail-from',
    'identity-provider-none',
    'identity-provider-secret',
    'identity-provider-unreachable',
    'identity-provider-tenant',
    'log-level',
  ];
  assert.deepEqual(
    all.filter((id) => !reached.has(id)),
    [],
  );
});

test('secrets: unset, blank and the development key count as missing', () => {
  assert.deepEqual(secretsPresent({}), [{ variable: 'BALLOT_KEY', set: false }]);
  assert.deepEqual(secretsPresent({ BALLOT_KEY: '  ' }), [{ variable: 'BALLOT_KEY', set: false }]);
  assert.deepEqual(secretsPresent({ BALLOT_KEY: DEVELOPMENT_BALLOT_KEY }), [{ variable: 'BALLOT_KEY', set: false }]);
  assert.deepEqual(secretsPresent({ BALLOT_KEY: 'x'.repeat(40) }), [{ variable: 'BALLOT_KEY', set: true }]);
});

test('the report lists errors before warnings, each by name, and never a secret value', () => {
  const text = formatFindings(productionFindings(facts({ config: { logLevel: 'debug', env: 'test' } })));
  assert.match(text, /^✗ error {3}node-env: /);
  assert.match(text, /\n! warning log-level: /);
  assert.match(text, /1 error\(s\), 1 warning\(s\)\n$/);
  assert.equal(formatFindings([]), '✓ No findings: the configuration is fit for production.\n');
});
