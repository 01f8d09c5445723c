import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeToken, newToken } from './tokens.js';

test('new tokens: 256 bits in base64url (43 characters), never the same twice, across many draws of the random pool', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1_000; i++) {
    const token = newToken();
    assert.ok(looksLikeToken(token), token);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.notEqual(token, 'A'.repeat(43), 'a wiped (zero) slice is never handed out');
    seen.add(token);
  }
  assert.equal(seen.size, 1_000);
});
