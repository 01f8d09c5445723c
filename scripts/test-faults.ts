/**
 * `npm run test:faults`: the slow fault tests (test/faults/*.fault.ts), one file at a time.
 * They are named `.fault.ts`, not `.test.ts`, so `npm test` (which runs every `*.test.ts`)
 * leaves them out.
 * Each starts what it needs itself: a throwaway PostgreSQL server (durable commits), the
 * real `src/server.ts` in child processes, a real SMTP server. Not part of `npm test`.
 * Extra arguments are test files to run instead of all of them. The figures each test
 * records are printed at the end (see RELIABILITY.md).
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/platform/paths.js';
import { POSTGRES_MISSING, findPostgresBin } from '../test/harness/postgres-server.js';
import { FIGURES_FILE, readFigures } from '../test/faults/figures.js';

async function main() {
  if (!findPostgresBin()) {
    console.error(`✗ ${POSTGRES_MISSING}`);
    process.exit(1);
  }
  const dir = join(projectRoot, 'test', 'faults');
  const files = process.argv.slice(2).length
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => f.endsWith('.fault.ts'))
        .sort()
        .map((f) => join('test', 'faults', f));
  rmSync(FIGURES_FILE, { force: true });
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    stdio: 'inherit',
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  console.log(`# fault tests took ${Math.round((Date.now() - started) / 1000)} s; figures:`);
  console.log(JSON.stringify(readFigures(), null, 2));
  process.exit(code);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
