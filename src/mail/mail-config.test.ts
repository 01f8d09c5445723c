import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_MAIL_FROM, messageIdFor } from './worker.js';

test('mail defaults: no SMTP server (e-mail goes to .eml files) and the Prisportal sender', () => {
  const c = loadConfig({});
  assert.equal(c.smtpUrl, undefined);
  assert.equal(c.mailFrom, 'Prisportal <noreply@prisportal.local>');
  assert.equal(c.mailFrom, DEFAULT_MAIL_FROM);
});

test('SMTP_URL and MAIL_FROM are read', () => {
  const c = loadConfig({ SMTP_URL: 'smtps://user:p%40ss@mail.region.dk:465', MAIL_FROM: 'Innovationsprisen <innovation@rm.dk>' });
  assert.equal(c.smtpUrl, 'smtps://user:p%40ss@mail.region.dk:465');
  assert.equal(c.mailFrom, 'Innovationsprisen <innovation@rm.dk>');
  assert.equal(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl, 'smtp://127.0.0.1:2525');
  assert.equal(loadConfig({ MAIL_FROM: 'noreply@regioner.dk' }).mailFrom, 'noreply@regioner.dk');
  assert.equal(
    loadConfig({ MAIL_FROM: 'Årets Borgerinddragende Initiativ <noreply@regioner.dk>' }).mailFrom,
    'Årets Borgerinddragende Initiativ <noreply@regioner.dk>',
  );
  assert.equal(loadConfig({ SMTP_URL: '' }).smtpUrl, undefined);
});

for (const [env, expected] of [
  [
    { SMTP_URL: 'http://mail.example.dk' },
    'Invalid environment variable SMTP_URL="http://mail.example.dk": expected an smtp:// or smtps:// URL such as smtp://user:password@mail.example.dk:587',
  ],
  [
    { SMTP_URL: 'mail.example.dk:25' },
    'Invalid environment variable SMTP_URL="mail.example.dk:25": expected an smtp:// or smtps:// URL such as smtp://user:password@mail.example.dk:587',
  ],
  [
    { SMTP_URL: 'smtp://mail.example.dk:99999' },
    'Invalid environment variable SMTP_URL="smtp://mail.example.dk:99999": expected an smtp:// or smtps:// URL such as smtp://user:password@mail.example.dk:587 (special characters in the password must be %-encoded)',
  ],
  [
    { MAIL_FROM: 'noreply' },
    `Invalid environment variable MAIL_FROM="noreply": expected a sender address such as 'Prisportal <noreply@region.dk>' or noreply@region.dk`,
  ],
  [
    { MAIL_FROM: 'Prisportal <noreply>' },
    `Invalid environment variable MAIL_FROM="Prisportal <noreply>": expected a sender address such as 'Prisportal <noreply@region.dk>' or noreply@region.dk`,
  ],
] as const) {
  test(`a wrong mail setting stops start-up with one clear line: ${JSON.stringify(env)}`, () => {
    assert.throws(
      () => loadConfig(env as NodeJS.ProcessEnv),
      (err: unknown) => err instanceof ConfigError && err.message === expected && !err.message.includes('\n'),
    );
  });
}

test('the Message-ID of a row is stable, unique per row and instant, and uses the sender domain', () => {
  const createdAt = new Date('2026-11-24T12:00:00.000Z');
  const a = messageIdFor({ id: 42, createdAt }, 'Prisportal <noreply@rm.dk>');
  assert.equal(a, messageIdFor({ id: 42, createdAt: new Date(createdAt) }, 'Prisportal <noreply@rm.dk>'));
  assert.match(a, /^<outbox-42\.[0-9a-z]+@rm\.dk>$/);
  assert.notEqual(a, messageIdFor({ id: 43, createdAt }, 'Prisportal <noreply@rm.dk>'));
  assert.notEqual(a, messageIdFor({ id: 42, createdAt: new Date(createdAt.getTime() + 1) }, 'Prisportal <noreply@rm.dk>'));
  assert.match(messageIdFor({ id: 1, createdAt }, 'noreply@region-midtjylland.dk'), /@region-midtjylland\.dk>$/);
  // A Danish domain is written in ASCII (punycode), as a Message-ID must be.
  assert.match(messageIdFor({ id: 1, createdAt }, 'Prisportal <noreply@æblehaven.dk>'), /@xn--blehaven-i0a\.dk>$/);
});
