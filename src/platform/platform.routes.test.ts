import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnPath } from './platform.routes.js';

test('the language switcher returns only to a path on this site', () => {
  assert.equal(safeReturnPath('/priser/smartprisen'), '/priser/smartprisen');
  assert.equal(safeReturnPath('/priser/smartprisen?x=1#y'), '/priser/smartprisen?x=1#y');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', '/a\nb', undefined, 42, `/${'x'.repeat(3000)}`]) {
    assert.equal(safeReturnPath(bad), '/', String(bad).slice(0, 40));
  }
});
