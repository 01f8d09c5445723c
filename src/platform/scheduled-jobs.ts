import type { Database } from '../db/database.js';
import type { Clock } from './clock.js';

/** A job run on every tick with the database and the clock's instant. It must be safe to run in several processes at once. */
export type ScheduledJob = { name: string; run(args: { db: Database; now: Date }): Promise<unknown> };

export type JobLogger = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

/**
 * Runs each job one after the other every `intervalMs` (the first run at once). A job that
 * throws is logged (the 1st, 2nd, 4th, 8th … failure in a row, so a database that stays down
 * does not flood the log) and tried again on the next tick; it never stops the others or the
 * process. A tick never overlaps the previous one. `stop()` waits for a running tick to end
 * (at most `stopTimeoutMs`) and runs nothing after.
 *
 * The state that keeps work from being done twice lives in the database (each job claims its
 * rows in a transaction), so every app process may run the same jobs.
 */
export function startScheduledJobs(deps: {
  db: Database;
  clock: Clock;
  jobs: readonly ScheduledJob[];
  intervalMs?: number;
  logger: JobLogger;
  stopTimeoutMs?: number;
}): { stop(): Promise<void> /** Resolves when the current (or next) tick has run; for tests. */; tick(): Promise<void> } {
  const intervalMs = deps.intervalMs ?? 30_000;
  const failures = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let waiters: (() => void)[] = [];

  const runAll = async () => {
    for (const job of deps.jobs) {
      if (stopped) break;
      try {
        const result = await job.run({ db: deps.db, now: deps.clock.now() });
        const before = failures.get(job.name) ?? 0;
        if (before > 0) deps.logger.info({ job: job.name, after: before }, 'scheduled job runs again');
        failures.set(job.name, 0);
        if (result !== undefined && (!Array.isArray(result) || result.length > 0) && result !== 0)
          deps.logger.info({ job: job.name, result }, 'scheduled job did work');
      } catch (err) {
        const n = (failures.get(job.name) ?? 0) + 1;
        failures.set(job.name, n);
        if ((n & (n - 1)) === 0) deps.logger.error({ err, job: job.name, consecutiveFailures: n }, 'scheduled job failed; it runs again on the next tick');
      }
    }
  };

  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      running = runAll().finally(() => {
        running = null;
        const w = waiters;
        waiters = [];
        for (const f of w) f();
        if (!stopped) schedule(intervalMs);
      });
    }, ms);
    timer.unref();
  };
  schedule(0);

  return {
    tick() {
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const f of waiters.splice(0)) f();
      if (!running) return;
      let cap: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((r) => (cap = setTimeout(r, deps.stopTimeoutMs ?? 10_000)))]);
      clearTimeout(cap);
    },
  };
}
