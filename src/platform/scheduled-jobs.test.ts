import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../db/database.js';
import { fixedClock } from './clock.js';
import { startScheduledJobs, type ScheduledJob } from './scheduled-jobs.js';

// The jobs here never touch the database; a stand-in object is enough to pass it through.
const db = {} as Database;

// The scheduler's timers are unref'd (they never keep a server process alive on their own);
// this keeps the test process alive while a test waits for a tick.
const keepAlive = setInterval(() => {}, 1000);
after(() => clearInterval(keepAlive));

function recordingLogger() {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string | undefined }[] = [];
  return {
    lines,
    info: (obj: object, msg?: string) => void lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg?: string) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
}

test('runs every job on each tick with the clock’s instant, in order', async () => {
  const clock = fixedClock('2026-11-24T12:00:00Z');
  const seen: string[] = [];
  const jobs: ScheduledJob[] = [
    { name: 'a', run: async ({ now, db: d }) => void seen.push(`a@${now.toISOString()}:${d === db}`) },
    { name: 'b', run: async ({ now }) => void seen.push(`b@${now.toISOString()}`) },
  ];
  const logger = recordingLogger();
  const s = startScheduledJobs({ db, clock, jobs, intervalMs: 5, logger });
  await s.tick();
  clock.advance(1000);
  await s.tick();
  await s.stop();
  assert.deepEqual(seen.slice(0, 4), [
    'a@2026-11-24T12:00:00.000Z:true',
    'b@2026-11-24T12:00:00.000Z',
    'a@2026-11-24T12:00:01.000Z:true',
    'b@2026-11-24T12:00:01.000Z',
  ]);
});

test('a failing job is logged, does not stop the others, and is retried; repeated failures are logged 1, 2, 4 …', async () => {
  const clock = fixedClock('2026-11-24T12:00:00Z');
  let okRuns = 0;
  let failRuns = 0;
  const jobs: ScheduledJob[] = [
    {
      name: 'broken',
      run: async () => {
        failRuns++;
        throw new Error('database down');
      },
    },
    { name: 'fine', run: async () => void okRuns++ },
  ];
  const logger = recordingLogger();
  const s = startScheduledJobs({ db, clock, jobs, intervalMs: 1, logger });
  for (let i = 0; i < 5; i++) await s.tick();
  await s.stop();
  assert.ok(failRuns >= 5 && okRuns >= 5);
  const errors = logger.lines.filter((l) => l.level === 'error');
  assert.deepEqual(
    errors.slice(0, 3).map((l) => l.obj.consecutiveFailures),
    [1, 2, 4],
  );
  assert.equal(errors[0]!.obj.job, 'broken');
  assert.equal((errors[0]!.obj.err as Error).message, 'database down');
});

test('stop waits for the running tick and nothing runs after it', async () => {
  const clock = fixedClock('2026-11-24T12:00:00Z');
  let release!: () => void;
  let runs = 0;
  let finished = false;
  const jobs: ScheduledJob[] = [
    {
      name: 'slow',
      run: async () => {
        runs++;
        await new Promise<void>((r) => (release = r));
        finished = true;
      },
    },
  ];
  const s = startScheduledJobs({ db, clock, jobs, intervalMs: 1, logger: recordingLogger() });
  while (runs === 0) await new Promise((r) => setTimeout(r, 1));
  const stopping = s.stop();
  release();
  await stopping;
  assert.equal(finished, true);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(runs, 1);
});
