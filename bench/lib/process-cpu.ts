import { readdirSync, readFileSync } from 'node:fs';

// CPU time from Linux's /proc, for benchmarks that run on a machine shared with other work:
// wall-clock rates scatter with the load, the CPU a piece of work costs much less. Every
// function answers null where /proc is missing or unreadable.

/** utime, stime, cutime and cstime (seconds) and the parent pid from a /proc stat line. */
function parseStat(stat: string): { self: number; children: number; ppid: number } {
  // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime) of stat, here 1 and 11–14, in clock ticks (100 a second on Linux).
  return { ppid: Number(fields[1]), self: (Number(fields[11]) + Number(fields[12])) / 100, children: (Number(fields[13]) + Number(fields[14])) / 100 };
}

/** CPU seconds (user + system) of the calling thread: the main thread's or a worker's own, not the process's. */
export function threadCpuS(): number | null {
  try {
    return parseStat(readFileSync('/proc/thread-self/stat', 'utf8')).self;
  } catch {
    return null;
  }
}

/** The parent of process `pid` (for a PostgreSQL backend: the postmaster). */
export function parentPid(pid: number): number | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).ppid;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process and every process it started, living or ended: its own time, the
 * time of its children that it has waited for (cutime, cstime) and that of its living children.
 * For a PostgreSQL server, `pid` is the postmaster: backends, the WAL writer, the checkpointer
 * and the rest are its children, and it reaps every backend that ends.
 */
export function processTreeCpuS(pid: number): number | null {
  try {
    const root = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    let total = root.self + root.children;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let child: ReturnType<typeof parseStat>;
      try {
        child = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      } catch {
        continue; // ended while we looked
      }
      if (child.ppid === pid) total += child.self + child.children;
    }
    return total;
  } catch {
    return null;
  }
}
