/**
 * `npm run bench:files` (`npx tsx bench/files-memory.bench.ts`): memory of one app process while 20 nominators upload a 10 MB
 * attachment at the same moment, and then download them at the same moment. The app is the
 * real `src/server.ts` in a child process on a throwaway PostgreSQL server (files live in the
 * database); its resident memory is read from /proc (VmRSS sampled every 10 ms, and the
 * kernel's peak VmHWM, reset between phases through clear_refs).
 *
 * Figures: the process's resident memory at rest (after a warm-up upload and download), its
 * peak during the uploads and during the downloads, and each phase's growth over the resident
 * memory just before it, against a ceiling for the phase: the files' size × the transfers in
 * flight (20 × 10 MB), what holding each file whole once would cost.
 * - uploads stream: the request is read one piece at a time into staged chunk rows of 256 KB
 *   (platform/storage stageUpload), and the content checks read the staged bytes back by
 *   ranges, so an upload holds a chunk or two, not the file. Goal: growth ≤ 1/4 of the ceiling
 *   (before streaming, each upload was held whole, 2 × 10 MB counted as its ceiling, and grew
 *   by about 12 MiB per upload).
 * - downloads read one 256 KB chunk row at a time: node-postgres receives it as hex text
 *   (512 KB) and parses it into a Buffer, and the response holds about one chunk, so its memory
 *   is a few chunks (plus garbage not yet collected), whatever the file's size. Goal: ≤ 1
 *   (measured 0.4–0.55: the growth is mostly garbage the collector has not reclaimed yet, and
 *   follows the number and speed of downloads more than the file size).
 * Every byte is read back and checked (SHA-256) after the uploads and in the downloads, and at
 * the end the database must hold no file (every attachment was deleted, no staged upload left).
 *
 * Env: BENCH_FILES_UPLOADS (default 20), BENCH_FILES_MB (default 10), BENCH_FILES_ROUNDS
 * (default 2: the phases run twice and the higher peak counts).
 */
import { writeBenchmarkSection } from './lib/benchmarks-file.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import type { ServerProcess } from '../test/harness/server-process.js';
import { createDatabase, FetchAgent, freePort, openEdition, startApp } from '../test/faults/lib.js';
import pg from 'pg';

const UPLOADS = Number(process.env.BENCH_FILES_UPLOADS ?? 20);
const MB = Number(process.env.BENCH_FILES_MB ?? 10);
const ROUNDS = Number(process.env.BENCH_FILES_ROUNDS ?? 2);
const FILE_BYTES = MB * 1024 * 1024;
/** Goals: each phase's growth ÷ its ceiling (the files held whole once). */
const UPLOAD_GOAL = 0.25;
const DOWNLOAD_GOAL = 1;
const START = '<!-- bench:files-memory:start -->';
const END = '<!-- bench:files-memory:end -->';

function pdf(size: number): Buffer {
  const head = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(1024, 0x20)]);
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Resident memory of `pid` in bytes: now (VmRSS) and the peak since the last reset (VmHWM). */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the kernel's peak (VmHWM) to the current RSS; false when the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` while sampling the process's memory; the peak seen (the larger of the samples and VmHWM). */
async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; ms: number }> {
  const canReset = resetPeak(pid);
  let peak = memory(pid).rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, memory(pid).rss);
  }, 10);
  const t0 = performance.now();
  try {
    const result = await work();
    const m = memory(pid);
    peak = Math.max(peak, m.rss, canReset ? m.hwm : 0);
    return { result, peak, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

type Nominator = { agent: FetchAgent; id: number; cookie: string };

async function nominator(base: string, start: string, i: number): Promise<Nominator> {
  const agent = new FetchAgent(base, { 'x-forwarded-for': `2001:db8:f::${(i + 1).toString(16)}` });
  await agent.get(start);
  const res = await agent.post(start, {
    nominatorName: `Indstiller ${i}`,
    nominatorEmail: `hukommelse${i}@eksempel.dk`,
    nominatorIsCitizen: 'no',
    nominatorWorkplace: 'Akutafdelingen',
    handling: 'fortsaet',
  });
  if (res.status !== 303) throw new Error(`draft ${i}: ${res.status}`);
  const id = Number(/\/indstillinger\/(\d+)\//.exec(res.headers.get('location')!)![1]);
  await agent.get(`/indstillinger/${id}/bilag`);
  const cookie = ['_csrf', `indstilling_${id}`].map((n) => `${n}=${agent.cookie(n)}`).join('; ');
  return { agent, id, cookie };
}

async function upload(n: Nominator, data: Buffer): Promise<number> {
  const form = new FormData();
  form.append('_csrf', n.agent.csrf);
  form.append('fil', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), 'bilag.pdf');
  const res = await fetch(`${n.agent.base}/indstillinger/${n.id}/bilag`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: n.cookie } });
  const body = await res.text();
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (m) n.agent.csrf = m[1]!;
  if (res.status !== 303) throw new Error(`upload to ${n.id}: ${res.status} ${body.slice(0, 200)}`);
  return Number(/tilfoejet=(\d+)/.exec(res.headers.get('location')!)![1]);
}

async function download(n: Nominator, attachmentId: number): Promise<string> {
  const res = await fetch(`${n.agent.base}/indstillinger/${n.id}/bilag/${attachmentId}`, { headers: { cookie: n.cookie } });
  if (res.status !== 200) throw new Error(`download ${attachmentId}: ${res.status}`);
  const hash = createHash('sha256');
  // Read as a stream, as a browser saving the file would.
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) hash.update(piece);
  return hash.digest('hex');
}

async function deleteAttachment(n: Nominator, attachmentId: number) {
  await n.agent.get(`/indstillinger/${n.id}/bilag`);
  const res = await n.agent.post(`/indstillinger/${n.id}/bilag/${attachmentId}/slet`, {});
  if (res.status !== 303) throw new Error(`delete ${attachmentId}: ${res.status}`);
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  const pgServer = await startPostgresServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'prisportal-bench-files-'));
  let app: ServerProcess | undefined;
  try {
    const url = await createDatabase(pgServer, 'bench_files');
    const port = await freePort();
    app = await startApp({ databaseUrl: url, port, dataDir, extra: { LOG_LEVEL: 'warn' } });
    const pid = app.child.pid!;
    const base = `http://127.0.0.1:${port}`;
    const edition = await openEdition(url);
    const start = `/priser/${edition.award.slug}/${edition.edition.year}/indstil/om-dig`;
    const people: Nominator[] = [];
    for (let i = 0; i < UPLOADS; i++) people.push(await nominator(base, start, i));
    const files = Array.from({ length: UPLOADS }, () => pdf(FILE_BYTES));
    const hashes = files.map(sha);

    // Warm-up: one upload and download, so code and connections are loaded before "rest" is read.
    const warm = await upload(people[0]!, files[0]!);
    await download(people[0]!, warm);
    await deleteAttachment(people[0]!, warm);
    await new Promise((r) => setTimeout(r, 1000));
    const rest = memory(pid).rss;

    // Each phase's growth is counted from the resident memory just before it: memory a phase
    // freed is not always handed back to the system at once, and must not count for the next.
    let uploadGrowth = 0;
    let downloadGrowth = 0;
    let uploadPeak = 0;
    let downloadPeak = 0;
    let uploadMs = 0;
    let downloadMs = 0;
    let lost = 0;
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      return memory(pid).rss;
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Downloads at once, of files uploaded one by one before.
      const ids: number[] = [];
      for (const [i, p] of people.entries()) ids.push(await upload(p, files[i]!));
      const beforeDown = await settle();
      const down = await peakDuring(pid, () => Promise.all(people.map((p, i) => download(p, ids[i]!))));
      lost += down.result.filter((h, i) => h !== hashes[i]).length;
      for (const [i, p] of people.entries()) await deleteAttachment(p, ids[i]!);
      // Uploads at once.
      const beforeUp = await settle();
      const up = await peakDuring(pid, () => Promise.all(people.map((p, i) => upload(p, files[i]!))));
      const check = await Promise.all(people.map((p, i) => download(p, up.result[i]!)));
      lost += check.filter((h, i) => h !== hashes[i]).length;
      for (const [i, p] of people.entries()) await deleteAttachment(p, up.result[i]!);
      uploadGrowth = Math.max(uploadGrowth, up.peak - beforeUp);
      downloadGrowth = Math.max(downloadGrowth, down.peak - beforeDown);
      uploadPeak = Math.max(uploadPeak, up.peak);
      downloadPeak = Math.max(downloadPeak, down.peak);
      uploadMs = Math.max(uploadMs, up.ms);
      downloadMs = Math.max(downloadMs, down.ms);
      console.log(
        `round ${round + 1}: downloads ${mib(beforeDown)} → peak ${mib(down.peak)} (${Math.round(down.ms)} ms); uploads ${mib(beforeUp)} → peak ${mib(up.peak)} (${Math.round(up.ms)} ms)`,
      );
    }
    // Nothing may be left in the database: every attachment was deleted, and no staged upload
    // (each was taken by its change) remains.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ files: number; staged: number; chunks: number }>(
      'select (select count(*)::int from stored_files) as files, (select count(*)::int from stored_files where staged_at is not null) as staged, (select count(*)::int from stored_file_chunks) as chunks',
    );
    await client.end();
    const leftBehind = rows[0]!;
    const uploadCeiling = UPLOADS * FILE_BYTES;
    const downloadCeiling = UPLOADS * FILE_BYTES;
    const report = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' '),
      node: process.versions.node,
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`,
      rest,
      uploadPeak,
      downloadPeak,
      uploadGrowth: Math.max(0, uploadGrowth),
      downloadGrowth: Math.max(0, downloadGrowth),
      uploadCeiling,
      downloadCeiling,
      uploadMs,
      downloadMs,
      lost,
      leftBehind,
    };
    const uRatio = report.uploadGrowth / uploadCeiling;
    const dRatio = report.downloadGrowth / downloadCeiling;
    const nothingLeft = leftBehind.files === 0 && leftBehind.chunks === 0;
    const met = uRatio <= UPLOAD_GOAL && dRatio <= DOWNLOAD_GOAL && lost === 0 && nothingLeft;
    const section = [
      START,
      `## Files in the database: memory of ${UPLOADS} uploads and downloads of ${MB} MB at once`,
      '',
      `Last run: ${report.date} · Node ${report.node} · ${report.machine} · \`npm run bench:files\``,
      '',
      `One app process (\`src/server.ts\`) on PostgreSQL; ${UPLOADS} nominators each upload a ${MB} MB PDF at the same moment, and download ${UPLOADS} files at the same moment (every byte checked by SHA-256); each phase's growth counts from the resident memory just before it (after 1.5 s at rest); ${ROUNDS} rounds, the larger growth counts. Resident memory of the app process from /proc (VmRSS every 10 ms and the kernel's peak VmHWM).`,
      '',
      '| phase | peak RSS | growth over the RSS just before | ceiling | growth ÷ ceiling | goal | wall time |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| at rest (after warm-up) | ${mib(rest)} | | | | | |`,
      `| ${UPLOADS} uploads at once | ${mib(uploadPeak)} | ${mib(report.uploadGrowth)} | ${mib(uploadCeiling)} (${MB} MB each: files held whole) | **${uRatio.toFixed(2)}** | ≤ ${UPLOAD_GOAL} | ${(uploadMs / 1000).toFixed(1)} s |`,
      `| ${UPLOADS} downloads at once | ${mib(downloadPeak)} | ${mib(report.downloadGrowth)} | ${mib(downloadCeiling)} (${MB} MB each: files read whole) | **${dRatio.toFixed(2)}** | ≤ ${DOWNLOAD_GOAL} | ${(downloadMs / 1000).toFixed(1)} s |`,
      '',
      `Growth per transfer in flight: ${(report.uploadGrowth / UPLOADS / 1024 / 1024).toFixed(1)} MiB per upload, ${(report.downloadGrowth / UPLOADS / 1024 / 1024).toFixed(1)} MiB per download, for ${MB} MB files. Lost or changed bytes: ${lost}; left in the database after every attachment was deleted: ${leftBehind.files} files (${leftBehind.staged} staged), ${leftBehind.chunks} chunks. An upload streams into staged 256 KB chunk rows and its content checks read the chunks back by ranges; a download reads one chunk row at a time; neither holds the file. Goal: both ratios within their goals, nothing lost, nothing left: **${met ? 'met' : 'missed'}**.`,
      END,
    ].join('\n');
    writeBenchmarkSection(section, { start: START, end: END });
    console.log(JSON.stringify(report));
    if (!met) process.exitCode = 1;
  } finally {
    await app?.stop();
    pgServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
