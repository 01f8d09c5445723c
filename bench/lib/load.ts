import autocannon from 'autocannon';

export type Measurement = {
  /** Mean of autocannon's per-second samples (what its own table calls Req/Sec Avg). */
  reqPerSec: number;
  /** 99th percentile response latency in milliseconds. */
  p99Ms: number;
  p50Ms: number;
  /** Completed requests. */
  requests: number;
  /** Average bytes per response on the wire (headers and body). */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
};

/**
 * One autocannon run against `url`. The load generator runs in a worker thread, so it has its
 * own event loop and does not steal time from a server living on the main thread.
 */
export async function measure(url: string, opts: { duration: number; connections: number }): Promise<Measurement> {
  const result = await autocannon({
    url,
    duration: opts.duration,
    connections: opts.connections,
    workers: 1,
    // Keeps a slow run from hanging forever; 10 s is far above any sane p99 here.
    timeout: 10,
  });
  const requests = result.requests.total;
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    requests,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
  };
}
