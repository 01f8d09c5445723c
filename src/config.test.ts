import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, isProductionLike, isSecretVariable, loadConfig, missingProductionSecret, PRODUCTION_SECRETS } from './config.js';

test('defaults: port 3000, embedded database under ./data, no demo unless asked for', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.dataDir, './data');
  assert.equal(c.seedDemo, false);
  assert.equal(c.demoSignIn, false);
});

// Production safe by default: demo data and the demo administrator sign-in only when asked for.
const PG = 'postgres://u@db/prisportal';
for (const [name, env, argv, expected] of [
  ['npm start (--demo) on the embedded database', {}, ['--demo'], { seedDemo: true, demoSignIn: true }],
  ['a deployment with DATABASE_URL that forgot NODE_ENV and SEED_DEMO', { DATABASE_URL: PG }, [], { seedDemo: false, demoSignIn: false }],
  ['the same deployment started with npm start', { DATABASE_URL: PG }, ['--demo'], { seedDemo: false, demoSignIn: false }],
  ['npm start with NODE_ENV=production', { NODE_ENV: 'production' }, ['--demo'], { seedDemo: false, demoSignIn: false }],
  ['SEED_DEMO=true asks for the demo data (and its sign-in) on a server', { DATABASE_URL: PG, SEED_DEMO: 'true' }, [], { seedDemo: true, demoSignIn: true }],
  ['SEED_DEMO=true in production: data, but no demo sign-in', { NODE_ENV: 'production', SEED_DEMO: 'true' }, [], { seedDemo: true, demoSignIn: false }],
  ['SEED_DEMO=false wins over --demo', { SEED_DEMO: 'false' }, ['--demo'], { seedDemo: false, demoSignIn: false }],
  ['DEMO_SIGN_IN=false with the demo data', { SEED_DEMO: 'true', DEMO_SIGN_IN: 'false' }, [], { seedDemo: true, demoSignIn: false }],
  [
    'demo data over https with demo sign-in turned off',
    { SEED_DEMO: 'true', DEMO_SIGN_IN: 'false', PUBLIC_BASE_URL: 'https://test.example.dk' },
    [],
    { seedDemo: true, demoSignIn: false },
  ],
] as const) {
  test(`demo: ${name}`, () => {
    // Production's secrets set, so that only the demo rules decide.
    const c = loadConfig({ BALLOT_KEY: 'b'.repeat(44), ...env } as NodeJS.ProcessEnv, argv);
    assert.deepEqual({ seedDemo: c.seedDemo, demoSignIn: c.demoSignIn }, expected);
  });
}

test('the server refuses to start with demo sign-in on when PUBLIC_BASE_URL is https://, in one line', () => {
  for (const [env, argv] of [
    [{ DEMO_SIGN_IN: 'true', PUBLIC_BASE_URL: 'https://prisportal.rm.dk' }, []],
    [{ SEED_DEMO: 'true', PUBLIC_BASE_URL: 'https://prisportal.rm.dk' }, []],
    [{ PUBLIC_BASE_URL: 'HTTPS://prisportal.rm.dk' }, ['--demo']],
  ] as const) {
    assert.throws(
      () => loadConfig(env as NodeJS.ProcessEnv, argv),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message.startsWith('Demo sign-in is on while PUBLIC_BASE_URL=') &&
        err.message.includes('DEMO_SIGN_IN=false') &&
        !err.message.includes('\n'),
      JSON.stringify(env),
    );
  }
  assert.equal(loadConfig({ PUBLIC_BASE_URL: 'http://localhost:3000' }, ['--demo']).demoSignIn, true, 'plain http on one machine is fine');
});

test('production secrets: a list checked at start in production, with one line naming the missing variable and never its value', () => {
  assert.ok(Array.isArray(PRODUCTION_SECRETS));
  const secrets = [
    { variable: 'BALLOT_KEY', purpose: 'keys the secret ballots of patient panels' },
    { variable: 'OTHER_SECRET', purpose: 'does something else' },
  ];
  const production = { env: 'production' as const, publicBaseUrl: undefined };
  assert.equal(isProductionLike(production), true);
  assert.equal(isProductionLike({ env: 'development', publicBaseUrl: 'https://prisportal.rm.dk' }), true, 'an https:// site counts as production');
  assert.equal(isProductionLike({ env: 'development', publicBaseUrl: 'http://localhost:3000' }), false);
  assert.equal(
    missingProductionSecret(production, {}, secrets),
    'Missing secret BALLOT_KEY: it keys the secret ballots of patient panels and must be set in production (NODE_ENV=production or an https:// PUBLIC_BASE_URL)',
  );
  assert.match(missingProductionSecret(production, { BALLOT_KEY: 'hemmelig' }, secrets)!, /^Missing secret OTHER_SECRET:/);
  assert.equal(
    missingProductionSecret(production, { BALLOT_KEY: ' ', OTHER_SECRET: 'x' }, secrets)?.startsWith('Missing secret BALLOT_KEY'),
    true,
    'blank is missing',
  );
  assert.equal(missingProductionSecret(production, { BALLOT_KEY: 'hemmelig', OTHER_SECRET: 'x' }, secrets), null);
  assert.equal(missingProductionSecret({ env: 'development', publicBaseUrl: undefined }, {}, secrets), null, 'not outside production');
  // loadConfig applies the list: with every listed secret set, production starts.
  const env = Object.fromEntries(PRODUCTION_SECRETS.map((s) => [s.variable, 's'.repeat(44)])) as NodeJS.ProcessEnv;
  assert.equal(loadConfig({ ...env, NODE_ENV: 'production' }).env, 'production');
});

test('PORT and DATABASE_URL are read', () => {
  const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/prisportal' });
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, 'postgres://u@127.0.0.1:5432/prisportal');
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

for (const [env, expected] of [
  [{ PORT: 'abc' }, 'Invalid environment variable PORT="abc": expected an integer between 1 and 65535'],
  [{ PORT: '70000' }, 'Invalid environment variable PORT="70000": expected an integer between 1 and 65535'],
  [{ PORT: '80.5' }, 'Invalid environment variable PORT="80.5": expected an integer between 1 and 65535'],
  [{ DATABASE_URL: 'mysql://x' }, 'Invalid environment variable DATABASE_URL="mysql://x": expected a postgres:// or postgresql:// connection URL'],
  [{ SEED_DEMO: 'yes' }, `Invalid environment variable SEED_DEMO="yes": expected 'true' or 'false'`],
  [{ NODE_ENV: 'prod' }, `Invalid environment variable NODE_ENV="prod": expected 'development', 'production' or 'test'`],
  [{ LOG_LEVEL: 'loud' }, 'Invalid environment variable LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent'],
] as const) {
  test(`a wrong value stops start-up with one clear line: ${Object.keys(env)[0]}`, () => {
    assert.throws(
      () => loadConfig(env as NodeJS.ProcessEnv),
      (err: unknown) => err instanceof ConfigError && err.message === expected && !err.message.includes('\n'),
    );
  });
}

test('a password in a wrong URL is not echoed', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://admin:hemmelig@db/x' }),
    (err: unknown) => err instanceof ConfigError && !err.message.includes('hemmelig') && err.message.includes('mysql://admin:***@db/x'),
  );
});

test('BALLOT_KEY: required in production, a marked development key otherwise, never echoed when wrong', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (err: unknown) => err instanceof ConfigError && err.message.startsWith('Missing secret BALLOT_KEY') && !err.message.includes('\n'),
  );
  const key = 'k'.repeat(43);
  assert.equal(loadConfig({ NODE_ENV: 'production', BALLOT_KEY: key }).ballotKey, key);
  const dev = loadConfig({}).ballotKey;
  assert.match(dev, /^NOT-FOR-PRODUCTION/);
  assert.equal(loadConfig({ NODE_ENV: 'test' }).ballotKey, dev);
  for (const bad of ['kort-hemmelighed', dev]) {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', BALLOT_KEY: bad }),
      (err: unknown) => err instanceof ConfigError && err.message.startsWith('Invalid environment variable BALLOT_KEY=(hidden)') && !err.message.includes(bad),
    );
  }
});

test('a secret is never echoed, not even in the error about a wrong value', () => {
  for (const name of ['BALLOT_KEY', 'SESSION_SECRET', 'OIDC_CLIENT_SECRET_RM', 'SMTP_PASSWORD', 'API_TOKEN']) assert.equal(isSecretVariable(name), true, name);
  for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_BASE_URL', 'SEED_DEMO', 'MONKEYS']) assert.equal(isSecretVariable(name), false, name);
});
