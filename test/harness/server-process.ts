import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/paths.js';

/**
 * The real start-up path (`src/server.ts`) in a child process, for tests of configuration and
 * start-up. Under `npm test` the runner has compiled the sources with esbuild as `npm start`
 * does (TEST_BUILD_DIR), and the child runs that `src/server.js`; a file run on its own runs
 * `src/server.ts` through tsx.
 */
export type ServerProcess = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

/**
 * V8's compile cache of the test run (NODE_COMPILE_CACHE, set by npm test), for the child
 * processes the tests start with an environment of their own: they load the same modules.
 */
export function compileCache(): Record<string, string> {
  return process.env.NODE_COMPILE_CACHE ? { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE } : {};
}

export function spawnServer(env: Record<string, string>): ServerProcess {
  const build = process.env.TEST_BUILD_DIR;
  const entry = build ? ['--enable-source-maps', join(build, 'src', 'server.js')] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...compileCache(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Polls `url` until it answers 200 or the time runs out. */
export async function waitForOk(url: string, proc: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early (${proc.child.exitCode}): ${proc.stderr()}\n${proc.stdout()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms: ${proc.stderr()}`);
}
