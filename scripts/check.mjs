/**
 * `npm run check`: the static checks side by side, each in its own process —
 * typecheck (`tsc -p tsconfig.json --noEmit`, incremental), XSS scan (`xss-scan -p tsconfig.build.json`)
 * and lint (`biome check .`). Each one's output is kept and printed whole, under its own
 * heading, when it finishes, so the three never interleave. Fails when any of them fails.
 *
 * Plain JavaScript run by node, so nothing waits for a TypeScript loader to start.
 * `npm test` runs this beside the test databases and the tests (scripts/test.ts).
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name);

/** @type {{ name: string; command: string; args: string[] }[]} */
export const CHECKS = [
  // Incremental: a second run rechecks only what changed since the last (its state is in .tmp/).
  { name: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', '.tmp/tsconfig.tsbuildinfo'] },
  { name: 'xss-scan', command: bin('xss-scan'), args: ['-p', 'tsconfig.build.json'] },
  { name: 'lint', command: bin('biome'), args: ['check', '.'] },
];

/**
 * Runs every check at once; `print` gets each one's report as it finishes.
 * @param {(text: string) => void} [print]
 * @returns {Promise<boolean>} true when all passed
 */
export async function runChecks(print = (/** @type {string} */ text) => void process.stdout.write(text)) {
  const results = await Promise.all(
    CHECKS.map(
      ({ name, command, args }) =>
        new Promise((done) => {
          const started = Date.now();
          const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
          // A caller that exits early (npm test failing to start its databases) leaves no check behind.
          const stop = () => child.kill();
          process.once('exit', stop);
          child.on('close', () => process.off('exit', stop));
          let output = '';
          child.stdout.on('data', (d) => {
            output += d;
          });
          child.stderr.on('data', (d) => {
            output += d;
          });
          let finished = false;
          const finish = (/** @type {number | null} */ code, /** @type {string} */ extra = '') => {
            if (finished) return;
            finished = true;
            const ok = code === 0;
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            const body = (output + extra).trimEnd();
            print(
              `${ok ? '✓' : '✗'} ${name} (${[command.replace(`${root}/node_modules/.bin/`, ''), ...args].join(' ')}) ${ok ? 'passed' : `failed (exit ${code})`} in ${seconds} s\n${body ? `${indent(body)}\n` : ''}`,
            );
            done(ok);
          };
          child.on('error', (err) => finish(null, `\n${err.message}`));
          child.on('close', (code) => finish(code));
        }),
    ),
  );
  return results.every(Boolean);
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runChecks().then((ok) => process.exit(ok ? 0 : 1));
}
