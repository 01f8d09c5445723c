import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from './log-redaction.js';

test('tokens in private links are masked in logged URLs', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
  assert.equal(redactUrl(`/indstillinger/adgang/${token}`), '/indstillinger/adgang/[redacted]');
  assert.equal(redactUrl(`/samtykke/${token}?x=1`), '/samtykke/[redacted]?x=1');
  assert.equal(redactUrl(`/log-ind/link/${token}?tilbage=%2Fmin-side`), '/log-ind/link/[redacted]?tilbage=%2Fmin-side');
  assert.equal(redactUrl(`/invitation/${token}`), '/invitation/[redacted]');
  assert.equal(redactUrl('/priser/smartprisen'), '/priser/smartprisen');
  assert.equal(redactUrl('/indstillinger/42/om-dig'), '/indstillinger/42/om-dig');
});

test('the authorization code and state of the OpenID Connect callback are masked', () => {
  assert.equal(
    redactUrl('/log-ind/oidc/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp'),
    '/log-ind/oidc/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
  );
});

test('an e-mail address in a URL is masked, plain or percent-encoded (regression: the person-data export URL logged the address)', () => {
  assert.equal(redactUrl('/admin/personer/eksport.json?email=karen.lund%40eksempel.dk'), '/admin/personer/eksport.json?email=[redacted]');
  assert.equal(redactUrl('/admin/personer?email=Karen.Lund@eksempel.dk&x=1'), '/admin/personer?email=[redacted]&x=1');
  assert.equal(redactUrl('/admin/personer?q=a%2Bb%40c.dk'), '/admin/personer?q=[redacted]');
  assert.equal(redactUrl('/idebank?q=telemedicin&side=2'), '/idebank?q=telemedicin&side=2');
});

test('a long run of characters in a URL is masked only when it holds an address (the look-behind keeps the mask as it was)', () => {
  const run = 'ord+'.repeat(4_000);
  assert.equal(redactUrl(`/mine-udgaver?q=${run}`), `/mine-udgaver?q=${run}`);
  assert.equal(redactUrl(`/mine-udgaver?q=${run}karen%40eksempel.dk&x=1`), '/mine-udgaver?q=[redacted]&x=1');
  assert.equal(redactUrl('/a@b/@c/d@/x%40y;z'), '/[redacted]/@c/d@/[redacted];z');
});
