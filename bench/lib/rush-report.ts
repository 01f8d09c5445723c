import { BENCHMARKS_FILE, writeBenchmarkSection } from './benchmarks-file.js';

export const RUSH_START = '<!-- bench:deadline-rush:start -->';
export const RUSH_END = '<!-- bench:deadline-rush:end -->';

export type RushReport = {
  env: { date: string; node: string; machine: string; command: string; postgres: string };
  setup: { nominators: number; rounds: number; concurrency: number; windowS: number; appPoolSize: number; goalS: number; warmup: number };
  http: {
    /** The best round's rate (as the ceiling's best run counts). */
    perSec: number;
    /** Each round's nominations/s. */
    rounds: number[];
    wallS: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    retries: number;
    acknowledged: number;
    appBusy: number;
    /** CPU of the app's main thread during the rush ÷ nominations (null where /proc is missing). */
    cpuMsPerNomination: number | null;
    /** CPU of the PostgreSQL server (all its processes) during the rush ÷ nominations (null on PGlite or without /proc). */
    serverCpuMsPerNomination: number | null;
    /** CPU of the load generator's worker thread ÷ nominations. */
    loadCpuMsPerNomination: number | null;
    /** Statements the app sent to PostgreSQL during the rush ÷ nominations (BEGIN and COMMIT included). */
    statementsPerNomination: number;
  };
  /** `serverCpuMsPerRow`: PostgreSQL's CPU per row in the cheaper of the runs at the rush's concurrency. */
  ceiling: { sequential: number[]; concurrent: number[]; serverCpuMsPerRow: number | null };
  /** Best ÷ best; and each round ÷ the ceiling run at the same concurrency right after it. */
  ratio: { concurrent: number; sequential: number; rounds: number[]; steps: number[] };
  /** Saving the description step of drafts (BENCH_RUSH_STEPS of them); null when not run. */
  steps: {
    /** Steps saved in each round. */
    count: number;
    /** The best round's rate. */
    perSec: number;
    /** Each round's steps/s. */
    rounds: number[];
    p50Ms: number;
    p99Ms: number;
    appBusy: number;
    cpuMsPerStep: number | null;
    serverCpuMsPerStep: number | null;
    loadCpuMsPerStep: number | null;
    statementsPerStep: number;
    verification: { ok: boolean; lines: string[] };
  } | null;
  verification: { ok: boolean; lines: string[] };
  goalMet: boolean;
  runS: number;
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const one = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (r: number) => `${(r * 100).toFixed(1)} %`;
const best = (xs: number[]) => Math.max(...xs);
/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (n: number | null) => (n === null ? 'not measured' : `${n.toFixed(2)} ms`);

/** The Markdown between the markers (markers included). */
export function renderRushSection(r: RushReport): string {
  const { env, setup, http } = r;
  const arrivals = setup.windowS > 0 ? `arrivals spread evenly over ${setup.windowS} s` : 'all nominators ready at once';
  return [
    RUSH_START,
    '## Deadline rush: nominations through the API vs. plain INSERTs',
    '',
    `Last run: ${env.date} · Node ${env.node} · ${env.machine} · ${env.postgres} · \`${env.command}\` (${int(r.runS)} s in all)`,
    '',
    `${setup.rounds} rounds, each of ${setup.nominators} simulated nominators of its own, each sending one complete nomination to the open demo edition of Årets Borgerinddragende Initiativ: ` +
      `\`POST /api/v1/editions/{id}/nominations\` over HTTP on loopback, each with its own \`Idempotency-Key\` and client address, ` +
      `at most ${setup.concurrency} in flight, ${arrivals} (after ${setup.warmup} warm-up nominations). The app runs as in production ` +
      `(pool of ${setup.appPoolSize} connections, no logger) on a throwaway PostgreSQL server (fsync off). ` +
      "Each nomination is one statement, committed as it ends (decision 0013): the rate-limit hit, the edition locked and its stamp compared with the app's cached round, a gap-free receipt number per edition, the row (its idempotency key answered by the unique index), the receipt e-mail and the nominee notice in the outbox.",
    '',
    `The ceiling inserts the same ${setup.nominators} rows (every column value copied from what the app wrote) into a table of the same definition ` +
      '(indexes, constraints, defaults, foreign key) with single-row `INSERT` statements through `pg`, each its own transaction: one at a time on one connection, ' +
      `and ${setup.concurrency} at a time on ${setup.concurrency} connections. A run at the rush's concurrency follows each round, so the two alternate and a change in the machine's other load reaches both; ` +
      "the one-at-a-time runs come last, twice. The figure is the median of each round's ratio to the ceiling run right after it; the best round against the best ceiling run is given too.",
    '',
    '| target | rows/s (best) | p50 | p99 | max | all runs |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| nominations over HTTP | ${one(http.perSec)} | ${int(http.p50Ms)} ms | ${int(http.p99Ms)} ms | ${int(http.maxMs)} ms | ${http.rounds.map(one).join(', ')} (${http.acknowledged} in all) |`,
    `| plain INSERT, ${setup.concurrency} in flight (ceiling) | ${int(best(r.ceiling.concurrent))} | | | | ${r.ceiling.concurrent.map(int).join(', ')} |`,
    `| plain INSERT, one at a time | ${int(best(r.ceiling.sequential))} | | | | ${r.ceiling.sequential.map(int).join(', ')} |`,
    '',
    `Ratio HTTP nominations/s ÷ plain INSERT rows/s at the same concurrency, each round ÷ the ceiling run right after it: ${r.ratio.rounds.map(pct).join(', ')}, median **${pct(median(r.ratio.rounds))}**; best round ÷ best ceiling run ${pct(r.ratio.concurrent)}; ${pct(r.ratio.sequential)} of one-at-a-time INSERTs (best ÷ best).`,
    `All ${setup.nominators} of every round acknowledged within ${setup.goalS} s: ${r.goalMet ? '**yes**' : '**no**'} (best round ${one(http.wallS)} s). Retried requests: ${http.retries}. ` +
      `The app's event loop was busy ${pct(http.appBusy)} of the rush (near 100 % means the app's own work, not the database, sets the pace). ` +
      `Per nomination: ${http.cpuMsPerNomination === null ? 'main-thread CPU not measured' : `**${http.cpuMsPerNomination.toFixed(2)} ms** of CPU on the app's main thread`} and ${one(http.statementsPerNomination)} statements sent to PostgreSQL (round trips, BEGIN and COMMIT included).`,
    `CPU per nomination (Linux /proc, steadier than the rates on a shared machine): app main thread ${ms(http.cpuMsPerNomination)}, PostgreSQL server (all its processes) **${ms(http.serverCpuMsPerNomination)}**, load generator's thread ${ms(http.loadCpuMsPerNomination)}; PostgreSQL per ceiling row (${setup.concurrency} in flight): ${ms(r.ceiling.serverCpuMsPerRow)}.`,
    '',
    `Verification: ${r.verification.ok ? '**passed** — nothing lost, nothing twice' : '**FAILED**'}.`,
    ...r.verification.lines.map((l) => `- ${l}`),
    '',
    ...(r.steps
      ? [
          `**Draft steps.** In each round, after its rush and before its ceiling run, ${r.steps.count} nominators with a draft each save its description step (\`POST /indstillinger/{id}/beskrivelse\`, a form with a ${300}-word section, the CSRF token and the private link's cookie; answered with a redirect to the check page), ${setup.concurrency} in flight: ` +
            `${r.steps.rounds.map(one).join(', ')} steps/s (p50 ${int(r.steps.p50Ms)} ms, p99 ${int(r.steps.p99Ms)} ms); each round ÷ the ceiling run after it: ${r.ratio.steps.map(pct).join(', ')}, median **${pct(median(r.ratio.steps))}** of the plain INSERTs at the same concurrency. ` +
            `The app's event loop was busy ${pct(r.steps.appBusy)}; per step ${r.steps.cpuMsPerStep === null ? 'main-thread CPU not measured' : `**${r.steps.cpuMsPerStep.toFixed(2)} ms** of CPU on the app's main thread`}, ${ms(r.steps.serverCpuMsPerStep)} of PostgreSQL's and ${ms(r.steps.loadCpuMsPerStep)} of the load generator's, and ${one(r.steps.statementsPerStep)} statements. ` +
            `Verification: ${r.steps.verification.ok ? '**passed**' : '**FAILED**'} — ${r.steps.verification.lines.join(' ')}`,
          '',
        ]
      : []),
    '`npm run bench:rush` runs this benchmark alone and exits non-zero when the verification fails. `BENCH_RUSH_ROUNDS` (default 3), `BENCH_RUSH_NOMINATORS` (per round, default 500), ' +
      '`BENCH_RUSH_CONCURRENCY` (50), `BENCH_RUSH_WARMUP` (20), `BENCH_RUSH_STEPS` (draft steps saved after the rush, 500; 0 leaves them out) and `BENCH_RUSH_WINDOW` (seconds to spread the arrivals over; 0, the default, sends as fast as the concurrency allows) change the load. ' +
      "`BENCH_RUSH_STATEMENTS=1` restarts the throwaway server with `pg_stat_statements` and prints PostgreSQL's time per nomination by statement (planning and execution, lock waits included).",
    RUSH_END,
  ].join('\n');
}

const NEW_FILE = `# Benchmarks

Run them with \`npm run bench\`. Each section below is rewritten by its own benchmark; anything
outside its markers is left alone.
`;

/** Rewrites this benchmark's marked section of BENCHMARKS.md (adding it when missing). Returns the file's path. */
export function updateRushSection(r: RushReport, file = BENCHMARKS_FILE): string {
  return writeBenchmarkSection(renderRushSection(r), { start: RUSH_START, end: RUSH_END }, { file, newFile: NEW_FILE });
}
