/**
 * The simulated nominators of the deadline-rush benchmark, run in a worker thread so the load
 * does not share the app's event loop. Each nominator sends one complete nomination as JSON
 * with its own Idempotency-Key; at most `concurrency` requests are in flight. A request that
 * fails on the network or answers 429/5xx is retried with the same key (what a careful API
 * client does; the key makes the retry safe), and its latency runs from the first attempt to
 * the final answer, as the nominator experiences it.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { threadCpuS } from './process-cpu.js';

export type RushJob = {
  key: string;
  body: string;
  forwardedFor: string;
  /** Another address than the input's (a draft's step page); its requests then carry `headers` and no Idempotency-Key. */
  url?: string;
  headers?: Record<string, string>;
};
export type RushInput = {
  url: string;
  jobs: RushJob[];
  concurrency: number;
  /** 0: every nominator is ready at once. Otherwise arrivals are spread evenly over this many ms. */
  windowMs: number;
  maxAttempts: number;
  timeoutMs: number;
};
export type RushResult = {
  key: string;
  status: number;
  attempts: number;
  /** From the first attempt's start to the final answer. */
  latencyMs: number;
  /** The answer's body (JSON text), or the last network error. */
  body: string;
};
/** `cpuS`: CPU seconds of the thread that ran the load (null where /proc is missing). */
export type RushOutput = { results: RushResult[]; wallMs: number; cpuS: number | null };

type Answer = { status: number; body: string };

function post(agent: Agent, url: URL, job: RushJob, timeoutMs: number): Promise<Answer> {
  const payload = Buffer.from(job.body);
  return new Promise((resolve) => {
    const req = request(
      job.url ? new URL(job.url, url) : url,
      {
        method: 'POST',
        agent,
        headers: job.headers
          ? { ...job.headers, 'content-length': payload.length, 'x-forwarded-for': job.forwardedFor }
          : {
              'content-type': 'application/json',
              'content-length': payload.length,
              'idempotency-key': job.key,
              'x-forwarded-for': job.forwardedFor,
              accept: 'application/json',
            },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => resolve({ status: 0, body: String(err) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ status: 0, body: String(err) }));
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRush(input: RushInput): Promise<RushOutput> {
  const url = new URL(input.url);
  const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
  const results: RushResult[] = new Array(input.jobs.length);
  const cpu0 = threadCpuS();
  const t0 = performance.now();
  let next = 0;

  async function nominator(index: number) {
    const job = input.jobs[index]!;
    const arrival = input.windowMs > 0 ? (index * input.windowMs) / input.jobs.length : 0;
    const wait = t0 + arrival - performance.now();
    if (wait > 0) await sleep(wait);
    const started = performance.now();
    let answer: Answer = { status: 0, body: 'not sent' };
    let attempts = 0;
    while (attempts < input.maxAttempts) {
      attempts++;
      answer = await post(agent, url, job, input.timeoutMs);
      const retry = answer.status === 0 || answer.status === 429 || answer.status >= 500;
      if (!retry) break;
      if (attempts < input.maxAttempts) await sleep(100 * attempts);
    }
    results[index] = { key: job.key, status: answer.status, attempts, latencyMs: performance.now() - started, body: answer.body };
  }

  async function lane() {
    while (next < input.jobs.length) await nominator(next++);
  }
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.jobs.length) }, lane));
  const wallMs = performance.now() - t0;
  agent.destroy();
  const cpu1 = threadCpuS();
  return { results, wallMs, cpuS: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

if (parentPort && workerData && (workerData as { rushClient?: boolean }).rushClient) {
  const port = parentPort;
  port.on('message', (input: RushInput) => {
    runRush(input).then(
      (out) => port.postMessage({ ok: true, out }),
      (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  port.postMessage({ ready: true });
}
