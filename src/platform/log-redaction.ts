import type { FastifyRequest } from 'fastify';

/**
 * Private links carry tokens in their path (/indstillinger/adgang/<token>, /samtykke/<token>,
 * the e-mail sign-in link /log-ind/link/<token>, a committee or panel invitation
 * /invitation/<token>). They must never reach a log line, so the
 * request serializer masks them.
 */
const TOKEN_PATHS = /(\/(?:indstillinger\/adgang|samtykke|log-ind\/link|invitation)\/)[^/?#]+/g;

/** The OpenID Connect callback carries a one-time authorization code and the state. */
const SECRET_QUERY = /([?&](?:code|state|session_state|id_token|access_token)=)[^&#]*/g;

/**
 * An e-mail address anywhere in a URL (a search or export key, a return path), plain or
 * percent-encoded: the person's address must not reach a log line. The app's own forms send
 * addresses in POST bodies; this also masks an address someone types into a URL.
 *
 * The look-behind lets a match start only where a run of such characters starts. Without it
 * the engine tried every position of a long run with no address in it, each time scanning to
 * the run's end: quadratic, so one 16 KB URL (Node's header limit) cost ~0.5 s of CPU to log,
 * and a 70 KB one (an injected request) 12 s. What it masks is unchanged: a match starting
 * inside a run was only ever tried after the run's start had failed, and then failed too.
 */
const EMAIL_IN_URL = /(?<![^/?&=#;\s])[^/?&=#;\s]+(?:@|%40)[^/?&=#;\s]+/gi;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_PATHS, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]').replace(EMAIL_IN_URL, '[redacted]');
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
