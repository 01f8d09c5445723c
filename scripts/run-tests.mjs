/**
 * Runs the given test files with Node's test runner, in the order given, at most `concurrency`
 * files at a time (each in a process of its own), and reports on stdout (TAP or spec) and,
 * through scripts/test-durations.mjs, into TEST_DURATIONS_FILE. Exits 1 when a test fails.
 * scripts/test.ts hands it shard modules, each importing several test files; every test is
 * still reported under its own file.
 *
 *   node scripts/run-tests.mjs CONCURRENCY tap|spec FILE...
 *
 * scripts/test.ts starts it, with the files longest first. It exists because `node --test FILE...`
 * sorts its files by name whatever order they come in, so the longest file (the hostile-input
 * test) started halfway through the run and kept one core busy alone at its end; `run()` keeps
 * the order. Plain JavaScript, and the test processes inherit its Node flags
 * (--enable-source-maps, and --cpu-prof with TEST_CPU_PROF).
 */
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import durations from './test-durations.mjs';

const [concurrency, reporter, ...files] = process.argv.slice(2);
const stream = run({ files, concurrency: Number(concurrency) || 2 });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(reporter === 'spec' ? new spec() : tap).pipe(process.stdout);
stream.compose(durations).pipe(process.stderr);
