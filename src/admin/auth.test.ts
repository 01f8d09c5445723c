import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../config.js';
import { SESSION_MS, issueSession, safeReturnPath, sessionIsValid, tokenMatches } from './auth.js';

const TOKEN = 'a-very-secret-token-of-32-chars!';
const at = (iso: string) => new Date(iso);

test('ADMIN_TOKEN is optional, at least 24 characters, and never echoed in the error', () => {
  assert.equal(loadConfig({}).adminToken, undefined);
  assert.equal(loadConfig({ ADMIN_TOKEN: '' }).adminToken, undefined);
  assert.equal(loadConfig({ ADMIN_TOKEN: TOKEN }).adminToken, TOKEN);
  assert.throws(
    () => loadConfig({ ADMIN_TOKEN: 'short-secret' }),
    (err: unknown) =>
      err instanceof ConfigError &&
      err.message ===
        'Invalid environment variable ADMIN_TOKEN=<12 characters>: expected a secret of at least 24 characters (e.g. from `openssl rand -base64 32`), or leave it unset to turn administration off' &&
      !err.message.includes('short-secret'),
  );
});

test('tokenMatches compares whole tokens of any length', () => {
  assert.equal(tokenMatches(TOKEN, TOKEN), true);
  assert.equal(tokenMatches(TOKEN.slice(0, -1), TOKEN), false);
  assert.equal(tokenMatches(`${TOKEN}x`, TOKEN), false);
  assert.equal(tokenMatches('', TOKEN), false);
  assert.equal(tokenMatches('æøå'.repeat(20), TOKEN), false);
});

test('a session is valid for 8 hours with the token it was issued with', () => {
  const now = at('2026-11-24T12:00:00Z');
  const s = issueSession(TOKEN, now);
  assert.match(s, /^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
  assert.ok(!s.includes(TOKEN));
  assert.equal(sessionIsValid(s, TOKEN, now), true);
  assert.equal(sessionIsValid(s, TOKEN, new Date(now.getTime() + SESSION_MS)), true);
  assert.equal(sessionIsValid(s, TOKEN, new Date(now.getTime() + SESSION_MS + 1)), false);
  assert.equal(sessionIsValid(s, `${TOKEN}-changed`, now), false, 'changing the token signs everybody out');
  assert.equal(sessionIsValid(s, TOKEN, new Date(now.getTime() - 61_000)), false, 'not from the future');
  for (const bad of [undefined, '', 'v1', 'v2' + s.slice(2), s + 'x', s.replace(/\.\d+\./, '.1.'), 'v1.1e3.' + s.split('.')[2]]) {
    assert.equal(sessionIsValid(bad, TOKEN, now), false, String(bad));
  }
});

test('safeReturnPath only returns paths inside /admin', () => {
  for (const ok of ['/admin', '/admin/udgaver/3/indstillinger?sorter=titel&retning=faldende', '/admin/indstillinger/4#screening']) {
    assert.equal(safeReturnPath(ok), ok);
  }
  for (const bad of [undefined, 42, '', '/', '/priser', '//evil.example', 'https://evil.example/admin', '/adminx', '/admin/../priser', '/admin/./x', '/admin//evil', '/admin\\evil', '/admin/ x', 'x'.repeat(2000)]) {
    assert.equal(safeReturnPath(bad), '/admin', String(bad));
  }
});
