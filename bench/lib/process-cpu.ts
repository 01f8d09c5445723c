import { readdirSync, readFileSync } from 'node:fs';

// CPU time from Linux's /proc, for benchmarks that run on a machine shared with other work:
// wall-clock rates scatter with the load, the CPU a piece of work costs much less. Every
// function answers null where /proc is missing or unreadable.

/** utime, stime, cutime and cstime (seconds) and the parent pid from a /proc stat line. */
export function parseStat(stat: string): { self: number; children: number; ppid: number } {
  // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime) of stat, here 1 and 11–14, in clock ticks (100 a second on Linux).
  return { ppid: Number(fields[1]), self: (Number(fields[11]) + Number(fields[12])) / 100, children: (Number(fields[13]) + Number(fields[14])) / 100 };
}

/**
 * The CPU seconds a task has run, from /proc/…/sched (the scheduler's own sum, to the microsecond)
 * where the kernel offers it, else from stat (whole clock ticks, 10 ms: too coarse for a process
 * that runs a few milliseconds, such as one of 50 connections inserting 10 rows each).
 */
function taskCpuS(dir: string): number {
  try {
    const m = /^se\.sum_exec_runtime\s*:\s*([0-9.]+)/m.exec(readFileSync(`${dir}/sched`, 'utf8'));
    if (m) return Number(m[1]) / 1000;
  } catch {
    // no sched file: fall back to stat
  }
  return parseStat(readFileSync(`${dir}/stat`, 'utf8')).self;
}

/** CPU seconds of the calling thread: the main thread's or a worker's own, not the process's. */
export function threadCpuS(): number | null {
  try {
    return taskCpuS('/proc/thread-self');
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
    // Children that ended and were waited for count in the parent's cutime and cstime (clock
    // ticks, but summed exactly before the one rounding).
    let total = taskCpuS(`/proc/${pid}`) + parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).children;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const child = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
        if (child.ppid === pid) total += taskCpuS(`/proc/${entry}`) + child.children;
      } catch {
        // ended while we looked
      }
    }
    return total;
  } catch {
    return null;
  }
}
