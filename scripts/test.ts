/**
 * `npm test`: the whole suite. Checks that Chromium and PostgreSQL are installed (and fails
 * saying how to install them, never skipping), then at the same time:
 * - runs the static checks (`npm run check`: typecheck, XSS scan, lint; scripts/check.mjs),
 *   whose reports are printed after the tests;
 * - compiles src/, test/ and scripts/ to JavaScript with esbuild (scripts/build.mjs) into a
 *   throwaway folder, so the test processes, and the servers, doctor, backup and restore
 *   commands the tests start, load plain JavaScript instead of each starting a TypeScript
 *   loader (the typecheck is the check's job);
 * - starts one throwaway PostgreSQL server with a migrated template database and a seeded copy
 *   of it, and makes the same two templates for PGlite (test/harness/databases.ts);
 * then runs every test file with Node's test runner (scripts/run-tests.mjs) in shards: a few test
 * processes, each running its share of the files one after another (shardsOf, writeShard), dealt
 * longest first as timed by earlier runs (.tmp/test-durations.json). Fails when a test or a check
 * fails.
 *
 * `npm run test:only -- FILES...` runs only the given test files (or folders), without the
 * static checks.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Test processes per core (TEST_SHARDS overrides the total). */
const SHARDS_PER_CORE = 2;

/** How long each file took in earlier runs, in ms, keyed by its path without extension. */
function knownDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {}; // Not timed yet.
  }
}

/**
 * How long a file is expected to take: as timed by earlier runs, or, for a file not timed
 * yet, guessed from its folder (browser tests, then integration tests, then unit tests).
 */
function expectedMs(known: Record<string, number>, file: string): number {
  const guess = file.startsWith('test/e2e/') ? 20_000 : file.startsWith('test/') ? 10_000 : 1_000;
  return known[file.replace(/\.tsx?$/, '')] ?? guess;
}

/**
 * The files dealt into `count` shards, each run by one test process, one file after another.
 * Each process loads the app's ~900 modules once (~1.2 s of CPU) and keeps what the files
 * share warm (compiled code, PGlite's WebAssembly, the template's bytes), where a process per
 * file paid all of it ~140 times. Dealt longest first, each file to the shard expected to end
 * soonest, and the shards started longest first, so the run does not end with one long shard
 * on one core. Within a shard the files keep that order.
 */
function shardsOf(files: string[], count: number): string[][] {
  const known = knownDurations();
  const sorted = [...files].sort((a, b) => expectedMs(known, b) - expectedMs(known, a) || a.localeCompare(b));
  const shards = Array.from({ length: Math.min(count, files.length) }, () => ({ files: [] as string[], ms: 0 }));
  for (const file of sorted) {
    const shard = shards.reduce((least, s) => (s.ms < least.ms ? s : least));
    shard.files.push(file);
    shard.ms += expectedMs(known, file);
  }
  return shards.sort((a, b) => b.ms - a.ms).map((s) => s.files);
}

/**
 * Writes a module that imports the compiled test files of one shard in order: Node's test
 * runner runs it as one test file, and the tests of each imported file run one after another
 * in registration order, each reported under its own file.
 */
function writeShard(build: string, index: number, files: string[]): string {
  const path = join(build, `shard-${index}.mjs`);
  const imports = files.map((f) => `await import(${JSON.stringify(pathToFileURL(join(build, f.replace(/\.tsx?$/, '.js'))).href)});`);
  writeFileSync(path, `// scripts/test.ts: the test files of shard ${index}, run in one process.\n${imports.join('\n')}\n`);
  return path;
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
    compile({ out: relative(projectRoot, build), dirs: ['src', 'test', 'scripts'], tests: true }),
  ]);
  console.log(`# test databases and build ready in ${Date.now() - started} ms (PostgreSQL on port ${server.port}, PGlite templates)`);

  const concurrency = Number(process.env.TEST_CONCURRENCY) || Math.max(2, availableParallelism());
  // TEST_SHARDS: how many test processes (at most `concurrency` at a time); each runs its share
  // of the files one after another. More shards balance the cores better, fewer load the app
  // fewer times.
  const shardCount = Number(process.env.TEST_SHARDS) || concurrency * SHARDS_PER_CORE;
  const shards = shardsOf(files, shardCount).map((shard, i) => writeShard(build, i, shard));
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
      ...shards,
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
        // V8's compiled code for every module, kept on disk (Node 22.1 and later): the shards, and
        // the servers and commands the tests start, each load the same ~900 modules, so all but
        // the first skip compiling them (and so does the next run).
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
