import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny round-robin HTTP proxy (node:http) in front of several app processes: one address,
 * each new request to the next backend, as a load balancer without sticky sessions would.
 * It adds X-Forwarded-For (the client's address, or the one the client sent). A backend that
 * does not answer gives 502. `hits` counts requests per backend.
 */
export type RoundRobinProxy = { port: number; url: string; hits: number[]; close(): Promise<void> };

export async function startRoundRobinProxy(backends: number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const hits = backends.map(() => 0);
  const server: Server = createServer((req, res) => {
    const i = next++ % backends.length;
    hits[i]!++;
    const forwarded = req.headers['x-forwarded-for'] ?? req.socket.remoteAddress ?? '';
    const upstream = request(
      { host: '127.0.0.1', port: backends[i], method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwarded } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
