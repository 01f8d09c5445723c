import { BENCHMARKS_FILE, writeBenchmarkSection } from './benchmarks-file.js';
import type { Measurement } from './load.js';

export const START = '<!-- bench:award-page:start -->';
export const END = '<!-- bench:award-page:end -->';

export type ReportInput = {
  env: {
    date: string;
    node: string;
    machine: string;
    command: string;
    duration: number;
    connections: number;
    warmup: number;
    pageBytes: number;
  };
  path: string;
  award: Measurement;
  ceiling: Measurement;
  awardRuns: Measurement[];
  ceilingRuns: Measurement[];
  ratio: number;
  goal: number;
  goalMet: boolean;
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (r: number) => `${(r * 100).toFixed(1)} %`;

/** The Markdown between the markers (markers included). */
export function renderSection(r: ReportInput): string {
  const { env } = r;
  const status = r.goalMet ? `**met** (${pct(r.ratio)} ≥ ${pct(r.goal)})` : `**missed** (${pct(r.ratio)} < ${pct(r.goal)})`;
  return [
    START,
    '## Award page vs. bare `node:http`',
    '',
    `Last run: ${env.date} · Node ${env.node} · ${env.machine} · \`${env.command}\``,
    '',
    `GET \`${r.path}\` (${int(env.pageBytes)} bytes) against a bare \`node:http\` server sending the same bytes from memory.`,
    `${env.connections} connections, ${env.warmup} s warm-up per target, then ${env.duration} s runs in the order ceiling, award, award, ceiling; the best run of each counts.`,
    '',
    '| target | req/s (best run) | p99 latency | all runs (req/s) |',
    '| --- | ---: | ---: | ---: |',
    `| award page | ${int(r.award.reqPerSec)} | ${r.award.p99Ms} ms | ${r.awardRuns.map((m) => int(m.reqPerSec)).join(', ')} |`,
    `| bare \`node:http\` (ceiling) | ${int(r.ceiling.reqPerSec)} | ${r.ceiling.p99Ms} ms | ${r.ceilingRuns.map((m) => int(m.reqPerSec)).join(', ')} |`,
    '',
    `Ratio award ÷ ceiling: **${pct(r.ratio)}**. Goal ≥ ${pct(r.goal)}: ${status}.`,
    END,
  ].join('\n');
}

const INTRO = `# Benchmarks

The machines this project runs on (laptops, CI runners, shared VMs) are noisy: the same code
can serve twice as many requests per second on one run as on the next. So a benchmark here
never stands on its absolute figure. Each one measures, **in the same run on the same
machine**, a ceiling (the fastest thing that could possibly answer the same request, such as
a bare \`node:http\` server sending the same bytes from memory) and the real thing, and the
goal is a **ratio** of the two. Targets are measured one after the other, never at the same
time, in an alternating order (ceiling, real, real, ceiling), and the best run of each counts.
The load generator (autocannon) runs in a worker thread so it does not share the server's
event loop.

Run them with:

\`\`\`sh
npm run bench
\`\`\`

It needs the PostgreSQL server binaries (\`initdb\`, \`pg_ctl\`; as for \`npm test\`): it starts
a throwaway server, migrates and seeds it, and removes it afterwards. \`BENCH_DURATION\`
(seconds per run, default 10), \`BENCH_CONNECTIONS\` (default 50) and \`BENCH_WARMUP\`
(seconds, default 2) override the load. The section below is rewritten by each run; anything
outside its markers is left alone.
`;

/** Rewrites the marked section of BENCHMARKS.md (creating the file or section when missing). Returns the file's path. */
export function updateBenchmarksFile(r: ReportInput, file = BENCHMARKS_FILE): string {
  return writeBenchmarkSection(renderSection(r), { start: START, end: END }, { file, newFile: INTRO });
}
