/**
 * `npx tsx bench/cpu-by-process.ts COMMAND [ARGS...]`: runs the command and reports the CPU time
 * (user + system) every kind of process on the machine spent while it ran: the test processes,
 * Chromium's renderers and browser, the PostgreSQL server, the TypeScript checks, and the rest.
 * `time` counts only the children a command waits for; the detached PostgreSQL server and
 * processes reaped elsewhere escape it, and this does not. It samples /proc every 0.3 s, so a
 * process that lives shorter than that can be missed, and work of other commands on the machine
 * is counted too (run it on a quiet machine). Linux only.
 *
 *   npx tsx bench/cpu-by-process.ts npm test
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseStat } from './lib/process-cpu.js';

/** The kind of a process, from its command line. */
function kindOf(cmdline: string): string {
  if (/chrom/.test(cmdline)) {
    if (cmdline.includes('--type=renderer')) return 'Chromium renderers';
    if (cmdline.includes('--type=')) return 'Chromium helpers (GPU, network, utility)';
    return 'Chromium browser';
  }
  if (/postgres/.test(cmdline)) return 'PostgreSQL server';
  if (/shard-\d+\.mjs/.test(cmdline)) return 'test processes (shards)';
  if (/\btsc\b|typescript/.test(cmdline)) return 'typecheck (tsc)';
  if (/xss-scan/.test(cmdline)) return 'XSS scan';
  if (/biome/.test(cmdline)) return 'lint (Biome)';
  if (/esbuild/.test(cmdline)) return 'build (esbuild)';
  if (/\bnode\b|tsx/.test(cmdline)) return 'other Node processes (servers and commands the tests start, the runner)';
  return 'other';
}

/** CPU seconds so far of every process, keyed by pid and start time (pids are reused). */
function sample(): Map<string, { pid: string; seconds: number }> {
  const out = new Map<string, { pid: string; seconds: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(process.pid)) continue; // Not this sampler itself.
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The start time (field 22) tells a process from a later one with the same pid.
      const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      out.set(`${pid}/${startTime}`, { pid, seconds: parseStat(stat).self });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: npx tsx bench/cpu-by-process.ts COMMAND [ARGS...]');
  process.exit(2);
}
const baseline = sample();
const seen = new Map<string, { kind: string; first: number; last: number }>();
const poll = () => {
  for (const [key, { pid, seconds }] of sample()) {
    let entry = seen.get(key);
    if (!entry) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      if (!cmdline) continue; // Kernel threads.
      entry = { kind: kindOf(cmdline), first: baseline.get(key)?.seconds ?? 0, last: seconds };
      seen.set(key, entry);
    }
    entry.last = seconds;
  }
};
const timer = setInterval(poll, 300);
const started = Date.now();
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  poll();
  clearInterval(timer);
  const byKind = new Map<string, number>();
  for (const { kind, first, last } of seen.values()) byKind.set(kind, (byKind.get(kind) ?? 0) + last - first);
  const total = [...byKind.values()].reduce((a, b) => a + b, 0);
  console.log(`\n# CPU by kind of process while \`${[command, ...args].join(' ')}\` ran (${Math.round((Date.now() - started) / 1000)} s wall)`);
  for (const [kind, seconds] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`${seconds.toFixed(1).padStart(8)} s  ${kind}`);
  console.log(`${total.toFixed(1).padStart(8)} s  in all`);
  process.exit(code ?? (signal ? 1 : 0));
});
