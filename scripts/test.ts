/**
 * `npm test`: the whole suite. Checks that Chromium and PostgreSQL are installed (and fails
 * saying how to install them, never skipping), then at the same time:
 * - runs the static checks (`npm run check`: typecheck, XSS scan, lint; scripts/check.mjs),
 *   whose reports are printed after the tests;
 * - compiles src/ and test/ to JavaScript with esbuild (scripts/build.mjs) into a throwaway
 *   folder, so the ~80 test processes load plain JavaScript instead of each starting a
 *   TypeScript loader (the typecheck is the check's job);
 * - starts one throwaway PostgreSQL server with a migrated template database and a seeded copy
 *   of it, and makes the same two templates for PGlite (test/harness/databases.ts);
 * then runs every test file with Node's test runner (scripts/run-tests.mjs), the longest first
 * (as timed by earlier runs, kept in .tmp/test-durations.json). Fails when a test or a check fails.
 *
 * `npm run test:only -- FILES...` runs only the given test files (or folders), without the
 * static checks.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../src/platform/paths.js';
import { CHROMIUM_MISSING, findChromium } from '../test/harness/chromium.js';
import { createPgliteTemplates, createTemplate } from '../test/harness/databases.js';
import { POSTGRES_MISSING, findPostgresBin, startPostgresServer } from '../test/harness/postgres-server.js';
import { compile } from './build.mjs';
import { runChecks } from './check.mjs';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(projectRoot, p));
  }
  return out.sort();
}

/** The test files named on the command line (files or folders), or all of them. */
function selectedFiles(args: string[]): string[] {
  if (!args.length) return [...testFiles(join(projectRoot, 'src')), ...testFiles(join(projectRoot, 'test'))];
  return args.flatMap((arg) => {
    const p = resolve(arg);
    return statSync(p).isDirectory() ? testFiles(p) : [relative(projectRoot, p)];
  });
}

/** How long each file took in earlier runs (scripts/test-durations.mjs writes it). */
const DURATIONS_FILE = join(projectRoot, '.tmp', 'test-durations.json');

/**
 * The files in the order to start them: the longest first (as timed by earlier runs), so the
 * run does not end with one long file on one core. A file not timed yet is guessed from its
 * folder: browser tests, then integration tests, then unit tests.
 */
function longestFirst(files: string[]): string[] {
  let known: Record<string, number> = {};
  try {
    known = JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    // Not timed yet.
  }
  const guess = (f: string) => (f.startsWith('test/e2e/') ? 20_000 : f.startsWith('test/') ? 10_000 : 1_000);
  const ms = (f: string) => known[f.replace(/\.tsx?$/, '')] ?? guess(f);
  return [...files].sort((a, b) => ms(b) - ms(a) || a.localeCompare(b));
}

async function main() {
  const args = process.argv.slice(2);
  const missing: string[] = [];
  if (!findChromium()) missing.push(CHROMIUM_MISSING);
  if (!findPostgresBin()) missing.push(POSTGRES_MISSING);
  if (missing.length) {
    for (const m of missing) console.error(`✗ ${m}`);
    process.exit(1);
  }
  const files = selectedFiles(args);
  const started = Date.now();

  // The static checks run beside everything below; their reports wait until the tests are done.
  const checkReports: string[] = [];
  const checks = args.length ? null : runChecks((text) => checkReports.push(text));
  if (checks) console.log('# static checks (typecheck, xss-scan, lint) running beside the tests; their reports follow the tests');

  const tmp = join(projectRoot, '.tmp');
  const build = join(tmp, `test-build-${process.pid}`);
  const pgliteTemplate = join(tmp, `pglite-template-${process.pid}.tar`);
  const pgliteSeededTemplate = join(tmp, `pglite-template-seeded-${process.pid}.tar`);
  mkdirSync(tmp, { recursive: true });
  process.once('exit', () => {
    rmSync(build, { recursive: true, force: true });
    rmSync(pgliteTemplate, { force: true });
    rmSync(pgliteSeededTemplate, { force: true });
  });
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));

  const [server] = await Promise.all([
    startPostgresServer().then(async (s) => {
      process.once('exit', () => s.stop());
      await createTemplate(s.url('postgres'));
      return s;
    }),
    createPgliteTemplates(pgliteTemplate, pgliteSeededTemplate),
    compile({ out: relative(projectRoot, build), dirs: ['src', 'test'], tests: true }),
  ]);
  console.log(`# test databases and build ready in ${Date.now() - started} ms (PostgreSQL on port ${server.port}, PGlite templates)`);

  const concurrency = Number(process.env.TEST_CONCURRENCY) || Math.max(2, availableParallelism());
  const compiled = longestFirst(files).map((f) => join(build, f.replace(/\.tsx?$/, '.js')));
  const reporter = process.stdout.isTTY ? 'spec' : 'tap';
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      // TEST_CPU_PROF=folder: a CPU profile of every test process there (to see where the time goes).
      ...(process.env.TEST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.TEST_CPU_PROF)}`] : []),
      join(projectRoot, 'scripts', 'run-tests.mjs'),
      String(concurrency),
      reporter,
      ...compiled,
    ],
    {
      stdio: 'inherit',
      cwd: projectRoot,
      env: {
        ...process.env,
        TEST_PG_URL: server.url('postgres'),
        TEST_PGLITE_TEMPLATE: pgliteTemplate,
        TEST_PGLITE_SEEDED_TEMPLATE: pgliteSeededTemplate,
        TEST_BUILD_DIR: build,
        TEST_DURATIONS_FILE: DURATIONS_FILE,
        // V8's compiled code for every module, kept on disk (Node 22.1 and later): the ~100 test
        // processes each load the same ~900 modules, so all but the first skip compiling them.
        NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmp, 'compile-cache'),
        NODE_ENV: 'test',
      },
    },
  );
  const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));

  let checksPassed = true;
  if (checks) {
    checksPassed = await checks;
    console.log('\n# static checks');
    for (const report of checkReports) process.stdout.write(report);
  }
  console.log(
    `# tests ${code === 0 ? 'passed' : 'failed'}; static checks ${checks ? (checksPassed ? 'passed' : 'failed') : 'not run'}; ${Math.round((Date.now() - started) / 1000)} s in all`,
  );
  process.exit(code !== 0 ? code : checksPassed ? 0 : 1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
