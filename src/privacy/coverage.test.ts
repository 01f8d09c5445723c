import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema.js';
import { NOT_A_PERSON, PERSON_DATA_TABLES, PERSON_LIKE_COLUMN } from './coverage.js';

const src = join(import.meta.dirname, '..');

/** Every table of the schema index and of every `*.schema.ts` of src/ (one not in the index counts too): name → text/JSON columns. */
async function allTables(): Promise<Map<string, string[]>> {
  const modules: Record<string, unknown>[] = [schema];
  for (const dir of readdirSync(src, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(src, dir.name))) if (/\.schema\.ts$/.test(f)) modules.push(await import(pathToFileURL(join(src, dir.name, f)).href));
  }
  const tables = new Map<string, string[]>();
  for (const m of modules)
    for (const value of Object.values(m)) {
      if (!(value instanceof PgTable)) continue;
      const config = getTableConfig(value);
      tables.set(
        config.name,
        config.columns.filter((c) => /text|json/i.test(c.getSQLType())).map((c) => c.name),
      );
    }
  return tables;
}

test("every table with a column that can hold a person's e-mail or name is covered by export and erasure, or said not to be a person", async () => {
  const tables = await allTables();
  assert.ok(tables.size >= 35, `the schema was read (${tables.size} tables)`);
  const covered = PERSON_DATA_TABLES as Record<string, { columns: readonly string[] }>;
  const uncovered: string[] = [];
  for (const [table, columns] of tables)
    for (const column of columns) {
      if (!PERSON_LIKE_COLUMN.test(column)) continue;
      if (covered[table]?.columns.includes(column) || NOT_A_PERSON[`${table}.${column}`]) continue;
      uncovered.push(`${table}.${column}`);
    }
  assert.deepEqual(uncovered, [], 'cover these in src/privacy (person-data.repo.ts and coverage.ts), or say in NOT_A_PERSON why they hold no person');
});

test('the coverage list names only tables and columns that exist', async () => {
  const tables = await allTables();
  const stale = [
    ...Object.entries(PERSON_DATA_TABLES).flatMap(([table, c]) => c.columns.filter((col) => !tables.get(table)?.includes(col)).map((col) => `${table}.${col}`)),
    ...Object.keys(NOT_A_PERSON).filter((key) => {
      const [table, column] = key.split('.') as [string, string];
      return !tables.get(table)?.includes(column);
    }),
  ];
  assert.deepEqual(stale, []);
  for (const [table, c] of Object.entries(PERSON_DATA_TABLES)) {
    assert.ok(c.exportedBy.length > 0 && c.erasedBy.length > 0, `${table} is both exported and erased`);
  }
});

test('a new table with an e-mail column fails the check until it is covered', () => {
  // The check itself, on a made-up column: what PERSON_LIKE_COLUMN flags and nothing lists.
  assert.ok(PERSON_LIKE_COLUMN.test('reviewer_email'));
  assert.ok(PERSON_LIKE_COLUMN.test('contact_name'));
  assert.ok(!(PERSON_DATA_TABLES as Record<string, unknown>).guestbook && !NOT_A_PERSON['guestbook.reviewer_email']);
});
