import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OUTSTANDING_SIGN_IN_LINKS, mayMailSignInLink, trustedOidcEmail } from './sign-in-rules.js';

test('an account holds at most three working sign-in links; the fourth request sends nothing (finding 6)', () => {
  assert.equal(MAX_OUTSTANDING_SIGN_IN_LINKS, 3);
  const cases: [outstanding: number, expected: ReturnType<typeof mayMailSignInLink>][] = [
    [0, { ok: true }],
    [1, { ok: true }],
    [2, { ok: true }],
    [3, { ok: false, reason: 'links-outstanding' }],
    [40, { ok: false, reason: 'links-outstanding' }],
  ];
  for (const [outstanding, expected] of cases) assert.deepEqual(mayMailSignInLink(outstanding), expected, String(outstanding));
});

test('an OpenID Connect e-mail is used only when the provider verified it, or vouches for its e-mails (finding 2)', () => {
  const email = 'ny.medlem@example.dk';
  const cases: [
    name: string,
    identity: { email: string | null; emailVerified: boolean | null },
    trustsEmail: boolean,
    expected: ReturnType<typeof trustedOidcEmail>,
  ][] = [
    ['verified', { email, emailVerified: true }, false, { ok: true, email }],
    ['verified, trusted provider', { email, emailVerified: true }, true, { ok: true, email }],
    ['unverified', { email, emailVerified: false }, false, { ok: false, reason: 'email-unverified' }],
    ['unverified at a provider that vouches for e-mails: still refused', { email, emailVerified: false }, true, { ok: false, reason: 'email-unverified' }],
    ['no claim (e.g. Entra ID), provider not marked', { email, emailVerified: null }, false, { ok: false, reason: 'email-verification-missing' }],
    ['no claim, provider vouches for its e-mails (an organisation’s own Entra tenant)', { email, emailVerified: null }, true, { ok: true, email }],
    ['no e-mail', { email: null, emailVerified: true }, true, { ok: false, reason: 'no-email' }],
  ];
  for (const [name, identity, trustsEmail, expected] of cases) assert.deepEqual(trustedOidcEmail(identity, { trustsEmail }), expected, name);
});
