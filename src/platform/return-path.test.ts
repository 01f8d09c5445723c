import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReturnPath, safeReturnPath } from './return-path.js';

const cases: [name: string, raw: unknown, expected: string | { refused: string }][] = [
  ['a local path', '/priser/smartprisen', '/priser/smartprisen'],
  ['with query and fragment', '/priser/smartprisen?x=1#y', '/priser/smartprisen?x=1#y'],
  ['already encoded stays as is', '/mine-udgaver/3?tilbage=%2Fmin-side', '/mine-udgaver/3?tilbage=%2Fmin-side'],
  ['Danish letters are percent-encoded', '/idébank/søg?q=æble#å', '/id%C3%A9bank/s%C3%B8g?q=%C3%A6ble#%C3%A5'],
  ['a right-to-left override is encoded (finding 7: ERR_INVALID_CHAR)', '/\u202e', '/%E2%80%AE'],
  ['a lone surrogate becomes the replacement character', '/\ud800', '/%EF%BF%BD'],
  ['spaces and quotes are encoded', '/a b?c="d"', '/a%20b?c=%22d%22'],
  ['dot segments are resolved and stay local', '/a/../../b', '/b'],
  ['the root', '/', '/'],
  ['another site', '//evil.example', { refused: 'not-local' }],
  ['a backslash host', '/\\evil.example', { refused: 'not-local' }],
  ['an absolute URL', 'https://evil.example', { refused: 'not-local' }],
  ['a script URL', 'javascript:alert(1)', { refused: 'not-local' }],
  ['empty', '', { refused: 'not-local' }],
  ['a relative path', 'min-side', { refused: 'not-local' }],
  ['a newline (header splitting)', '/a\r\nSet-Cookie: x=1', { refused: 'control-character' }],
  ['a tab the URL parser would drop', '/\t/evil.example', { refused: 'control-character' }],
  ['a C1 control', '/a\u0085b', { refused: 'control-character' }],
  ['not text', 42, { refused: 'not-text' }],
  ['missing', undefined, { refused: 'not-text' }],
  ['an array (?tilbage=a&tilbage=b)', ['/a', '/b'], { refused: 'not-text' }],
  ['too long', `/${'x'.repeat(3000)}`, { refused: 'too-long' }],
];

for (const [name, raw, expected] of cases) {
  test(`return path: ${name}`, () => {
    const got = checkReturnPath(raw);
    if (typeof expected === 'string') {
      assert.deepEqual(got, { ok: true, path: expected });
      assert.equal(safeReturnPath(raw, '/min-side'), expected);
      // Safe in a header: printable ASCII only.
      assert.match(expected, /^\/[\x21-\x7e]*$/);
    } else {
      assert.deepEqual(got, { ok: false, reason: expected.refused });
      assert.equal(safeReturnPath(raw, '/min-side'), '/min-side');
      assert.equal(safeReturnPath(raw), '/');
    }
  });
}
