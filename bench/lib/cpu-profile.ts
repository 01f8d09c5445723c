/**
 * Where a rush's CPU goes: summarises a `node --cpu-prof` profile of `npm run bench:rush` over
 * the rush's window (the bench prints it as "rush window (monotonic µs): FROM TO"), by what
 * the app was doing. Each sample goes to the first category found walking its stack from the
 * innermost frame outwards, so a V8 builtin (a regular expression, JSON) counts for the code
 * that called it.
 *
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/deadline-rush.bench.ts
 *   npx tsx bench/lib/cpu-profile.ts prof/CPU.….0.001.cpuprofile FROM TO NOMINATIONS
 *
 * The profiles of BENCHMARKS.md are in bench/profiles/ (gzipped; this reads them as they are,
 * and `gunzip -k` makes a file Chrome's DevTools or speedscope open).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Categories in the order they are tested at each frame; the first whose test holds names the frame. */
const CATEGORIES: [name: string, test: (f: Frame) => boolean][] = [
  ['idle (waiting for I/O)', (f) => f.functionName === '(idle)'],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['socket writes (writev, write)', (f) => /^(writev|writeBuffer|writeUtf8String|writeLatin1String)$/.test(f.functionName) && f.url === ''],
  [
    'pg: result parsing and protocol reading',
    (f) =>
      /node_modules\/(pg|pg-protocol|pg-types|postgres-array|postgres-date)\//.test(f.url) &&
      /parse|Parser|result|Result|handle|read|addFields|addRow|_handle/.test(f.functionName + f.url),
  ],
  ['pg: query sending (serialising, prepared statements)', (f) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(f.url)],
  ['drizzle: query building and row mapping', (f) => /node_modules\/drizzle-orm\//.test(f.url)],
  ['e-mail rendering (templates, text, HTML part)', (f) => /src\/(messages|mail)\/|nomination-mails|nomination-text/.test(f.url)],
  [
    'validation (zod schemas, field clean-up, rules)',
    (f) => /node_modules\/(zod|fastify-type-provider-zod)\/|src\/nominations\/form\.ts|word-count|src\/platform\/fields/.test(f.url),
  ],
  ['edition cache and send rules', (f) => /src\/nominations\//.test(f.url)],
  ['tokens, hashes (crypto)', (f) => /node:internal\/crypto|src\/platform\/tokens/.test(f.url)],
  [
    'HTTP: fastify routing, hooks, JSON body and reply',
    (f) =>
      /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|fast-querystring)\//.test(f.url) ||
      /src\/platform\//.test(f.url),
  ],
  ['Node: streams, sockets, HTTP parser', (f) => /^node:/.test(f.url)],
  ['other app code', (f) => /\/src\//.test(f.url)],
  ['V8 and Node internals (program)', (f) => f.functionName === '(program)'],
];

export function summarise(profile: Profile, fromUs: number, toUs: number): { category: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    let name = 'other';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const hit = CATEGORIES.find(([, test]) => test(frame));
      if (hit) {
        name = hit[0];
        break;
      }
    }
    categoryOf.set(id, name);
    return name;
  };
  const totals = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (t < fromUs || t > toUs) continue;
    const category = classify(profile.samples[i]!);
    // A sample stands for the time until the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    totals.set(category, (totals.get(category) ?? 0) + dt);
  }
  return [...totals].map(([category, ms]) => ({ category, ms })).sort((a, b) => b.ms - a.ms);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const [file, from, to, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile.ts FILE [FROM_US TO_US [NOMINATIONS]]');
  const raw = readFileSync(file);
  const profile = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as Profile;
  const rows = summarise(profile, from ? Number(from) : profile.startTime, to ? Number(to) : profile.endTime);
  const n = count ? Number(count) : 0;
  const busy = rows.filter((r) => !r.category.startsWith('idle')).reduce((s, r) => s + r.ms, 0);
  console.log(`| where the main thread's time went | ms in the rush | ms per nomination | share of busy time |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const share = r.category.startsWith('idle') ? '' : `${((r.ms / busy) * 100).toFixed(1)} %`;
    console.log(`| ${r.category} | ${r.ms.toFixed(0)} | ${n ? (r.ms / n).toFixed(2) : ''} | ${share} |`);
  }
  console.log(`| **busy in all** | **${busy.toFixed(0)}** | **${n ? (busy / n).toFixed(2) : ''}** | |`);
}
