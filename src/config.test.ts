import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

test('defaults: port 3000, embedded database under ./data, demo data on', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.dataDir, './data');
  assert.equal(c.seedDemo, true);
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
    (err: unknown) => err instanceof ConfigError && err.message.startsWith('Missing environment variable BALLOT_KEY') && !err.message.includes('\n'),
  );
  const key = 'k'.repeat(43);
  assert.equal(loadConfig({ NODE_ENV: 'production', BALLOT_KEY: key }).ballotKey, key);
  const dev = loadConfig({}).ballotKey;
  assert.match(dev, /^NOT-FOR-PRODUCTION/);
  assert.equal(loadConfig({ NODE_ENV: 'test' }).ballotKey, dev);
  for (const bad of ['kort-hemmelighed', dev]) {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', BALLOT_KEY: bad }),
      (err: unknown) => err instanceof ConfigError && err.message.startsWith('Invalid environment variable BALLOT_KEY="***"') && !err.message.includes(bad),
    );
  }
});
