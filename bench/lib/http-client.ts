import { Worker } from 'node:worker_threads';

export type Fetched = { status: number; bytes: number /** From sending the request to the last byte of the body, in ms. */; ms: number };

// Plain JavaScript (no TypeScript loader in the worker): one keep-alive connection, the body
// counted as it arrives and never decoded, timed in the worker from the request to the last byte.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
parentPort.on('message', ({ url, headers }) => {
  const start = performance.now();
  const req = http.get(url, { agent, headers }, (res) => {
    let bytes = 0;
    res.on('data', (chunk) => { bytes += chunk.length; });
    res.on('end', () => parentPort.postMessage({ status: res.statusCode, bytes, ms: performance.now() - start }));
  });
  req.on('error', (err) => parentPort.postMessage({ error: String(err) }));
});
`;

/**
 * A browser stand-in for timing a page over real HTTP: a client in a worker thread, so it has
 * its own event loop and receiving the body does not run on the server's (as autocannon does in
 * bench/lib/load.ts). One request at a time.
 */
export function startHttpClient(): { get: (url: string, headers: Record<string, string>) => Promise<Fetched>; close: () => Promise<number> } {
  const worker = new Worker(WORKER, { eval: true });
  return {
    get: (url, headers) =>
      new Promise((resolve, reject) => {
        worker.once('message', (m: Fetched | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
        worker.postMessage({ url, headers });
      }),
    close: () => worker.terminate(),
  };
}
