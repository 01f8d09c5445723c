import type { FastifyRequest } from 'fastify';

/**
 * Private links carry tokens in their path (/indstillinger/adgang/<token>, /samtykke/<token>).
 * They must never reach a log line, so the request serializer masks them.
 */
const TOKEN_PATHS = /(\/(?:indstillinger\/adgang|samtykke)\/)[^/?#]+/g;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_PATHS, '$1[redacted]');
}

/** pino serializer for Fastify requests: what we log of a request, with tokens masked. */
export function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
