/**
 * `npm test`: the whole suite. Checks that Chromium and PostgreSQL are installed (and fails
 * saying how to install them, never skipping), starts one throwaway PostgreSQL server with a
 * migrated template database, makes a migrated PGlite template, then runs every test file
 * with Node's test runner. Extra arguments are test files to run instead of all of them.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgliteHandle } from '../src/db/database.js';
import { projectRoot } from '../src/platform/paths.js';
import { CHROMIUM_MISSING, findChromium } from '../test/harness/chromium.js';
import { createTemplate } from '../test/harness/databases.js';
import { POSTGRES_MISSING, findPostgresBin, startPostgresServer } from '../test/harness/postgres-server.js';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(projectRoot, p));
  }
  return out.sort();
}

async function main() {
  const missing: string[] = [];
  if (!findChromium()) missing.push(CHROMIUM_MISSING);
  if (!findPostgresBin()) missing.push(POSTGRES_MISSING);
  if (missing.length) {
    for (const m of missing) console.error(`✗ ${m}`);
    process.exit(1);
  }

  const started = Date.now();
  const server = await startPostgresServer();
  const cleanup = () => server.stop();
  process.once('exit', cleanup);
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  await createTemplate(server.url('postgres'));

  const tmp = join(projectRoot, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const templateFile = join(tmp, `pglite-template-${process.pid}.tar`);
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  await pgliteHandle(pglite).migrate();
  const dump = await pglite.dumpDataDir('none');
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  process.once('exit', () => rmSync(templateFile, { force: true }));
  console.log(`# test databases ready in ${Date.now() - started} ms (PostgreSQL on port ${server.port}, PGlite template)`);

  const files = process.argv.slice(2).length ? process.argv.slice(2) : [...testFiles(join(projectRoot, 'src')), ...testFiles(join(projectRoot, 'test'))];
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    cwd: projectRoot,
    env: { ...process.env, TEST_PG_URL: server.url('postgres'), TEST_PGLITE_TEMPLATE: templateFile, NODE_ENV: 'test' },
  });
  const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
