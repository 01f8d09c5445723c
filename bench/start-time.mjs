/**
 * How long `npm start` takes to serve its first page: runs `npm start` on a fresh, empty data
 * folder, polls GET / until it answers 200, stops it, then does the same again on the same
 * folder (the next start). Prints both times, measured from the moment the command is
 * spawned. Runs `npm start` exactly as a user would (build included) on the embedded
 * database; DATABASE_URL is removed from the environment.
 *
 *   node bench/start-time.mjs [runs]      (default 1 run of each; with more, each run is printed)
 *
 * Each time comes with the CPU time the command's processes had used by then (user + system,
 * read from /proc on Linux), which depends far less than the wall time on what else the machine
 * is running.
 *
 * Goals (issue 12): first page within 10 s on a fresh data folder, within 5 s on the next start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => done(port));
    });
  });
}

/**
 * CPU milliseconds used so far by the processes of process group `group` and the children they
 * have waited for; null where /proc is not there to read.
 * @param {number} group
 */
function groupCpuMs(group) {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) !== group) continue;
      total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick;
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * Runs `npm start` on `dataDir` and returns the milliseconds until GET / answered 200, and the
 * CPU milliseconds the command had used by then.
 * @param {string} dataDir
 * @returns {Promise<{ ms: number; cpuMs: number | null }>}
 */
async function timeStart(dataDir) {
  const port = await freePort();
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`no 200 from / within 120 s:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        await res.arrayBuffer();
        if (res.status === 200) return { ms: performance.now() - started, cpuMs: child.pid ? groupCpuMs(child.pid) : null };
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    // npm runs the server as its child: stop the whole process group, and wait for it to go.
    const exited = new Promise((r) => child.once('exit', r));
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

const runs = Number(process.argv[2]) || 1;
const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const cpu = (/** @type {number | null} */ ms) => (ms === null ? '' : ` (CPU ${s(ms)})`);
/** @type {number[]} */
const fresh = [];
/** @type {number[]} */
const next = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-start-'));
  try {
    const first = await timeStart(dataDir);
    const second = await timeStart(dataDir);
    fresh.push(first.ms);
    next.push(second.ms);
    console.log(`run ${i + 1}: fresh data folder ${s(first.ms)}${cpu(first.cpuMs)}, next start ${s(second.ms)}${cpu(second.cpuMs)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const best = (/** @type {number[]} */ xs) => Math.min(...xs);
const worst = (/** @type {number[]} */ xs) => Math.max(...xs);
console.log(
  `npm start → GET / 200: fresh data folder ${s(best(fresh))} best, ${s(worst(fresh))} worst (goal ≤ 10 s); next start ${s(best(next))} best, ${s(worst(next))} worst (goal ≤ 5 s); ${runs} run(s)`,
);
