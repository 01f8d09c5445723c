/**
 * PGLITE_BYTEA_CODEC against PGlite's own bytea conversion (its `types` serializers and parsers,
 * the oracle): the same protocol text for the same bytes, the same bytes back, and through a real
 * PGlite a round trip of every byte value and of a file-sized value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PGlite, types } from '@electric-sql/pglite';
import { PGLITE_BYTEA_CODEC, PGLITE_OPTIONS } from './database.js';

const BYTEA = types.BYTEA;
const serialize = PGLITE_BYTEA_CODEC.serializers[BYTEA];
const parse = PGLITE_BYTEA_CODEC.parsers[BYTEA];
const pgliteSerialize = types.serializers[BYTEA] as (v: unknown) => string;
const pgliteParse = types.parsers[BYTEA] as (v: string) => Uint8Array;

const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
const cases: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one zero byte', new Uint8Array([0])],
  ['one 0xff byte', new Uint8Array([255])],
  ['every byte value', everyByte],
  ['a view into a larger buffer', new Uint8Array(everyByte.buffer, 10, 20)],
  ['a Buffer from Node', randomBytes(100)],
  ['a small pooled Buffer', Buffer.from('abc')],
  ['64 KB of random bytes', new Uint8Array(randomBytes(64 * 1024))],
];

for (const [name, bytes] of cases) {
  test(`bytea codec: ${name} gives PGlite's text and its bytes back`, () => {
    const text = serialize(bytes);
    assert.equal(text, pgliteSerialize(bytes));
    const back = parse(text);
    assert.deepEqual(back, pgliteParse(text));
    assert.equal(Object.getPrototypeOf(back), Uint8Array.prototype, 'a plain Uint8Array, as PGlite gives');
    assert.equal(back.byteLength, back.buffer.byteLength, 'an array of its own, not a view into a shared pool');
    assert.deepEqual([...back], [...bytes]);
  });
}

for (const [name, value] of [
  ['a string', 'abc'],
  ['an array of numbers', [1, 2, 3]],
  ['null', null],
  ['an ArrayBuffer', new ArrayBuffer(3)],
] as const) {
  test(`bytea codec: refuses ${name}, as PGlite does`, () => {
    assert.throws(() => serialize(value), /Invalid input for bytea type/);
    assert.throws(() => pgliteSerialize(value), /Invalid input for bytea type/);
  });
}

test('bytea codec: a real PGlite stores and returns every byte value and a 1 MB value unchanged', async () => {
  const pglite = await PGlite.create(PGLITE_OPTIONS);
  try {
    await pglite.exec('create table t (id int primary key, b bytea not null)');
    const big = new Uint8Array(randomBytes(1024 * 1024));
    await pglite.query('insert into t values (1, $1), (2, $2)', [everyByte, big]);
    const { rows } = await pglite.query<{ id: number; b: Uint8Array; n: number; md5: string }>(
      'select id, b, length(b) as n, md5(b) as md5 from t order by id',
    );
    assert.equal(rows[0]!.n, 256);
    assert.deepEqual(rows[0]!.b, everyByte);
    assert.equal(rows[1]!.n, big.length);
    assert.ok(Buffer.from(rows[1]!.b).equals(Buffer.from(big)));
    assert.equal(rows[1]!.md5, createHash('md5').update(big).digest('hex'), 'the server holds the same bytes');
  } finally {
    await pglite.close();
  }
});
