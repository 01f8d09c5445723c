import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from './errors.js';
import { render } from './ui/index.js';

// The small HTTP helpers every module's pages share, and the guards of the administrators' pages.

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Whether the one asking administers the organisation, with the reason when not. Platform
     * knows no users: the accounts module decorates every request with this check (from who is
     * asking), and the guards below call it.
     */
    canAdminister(organisationId: number): { ok: true } | { ok: false; reason: string };
  }
}

/** Database ids are positive int4; anything else in the URL is a page that does not exist. */
export function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : null;
}

/**
 * Answers with a rendered page; `cacheControl` 'no-store' unless the page may be kept (public
 * pages). The page goes out as its UTF-8 bytes, encoded once here: sent as a string, Fastify
 * first measures its UTF-8 length (flattening the rendered string), then Node puts the headers
 * in front of it (another copy) and encodes it while writing. For the committee overview's
 * 285 KB that was about 0.4 ms of CPU more per page (BENCHMARKS.md, issue 14).
 */
export function sendPage(reply: FastifyReply, status: number, page: JSX.Element, cacheControl = 'no-store'): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', cacheControl)
    .send(Buffer.from(render(page)));
}

/** 404 when the thing does not exist (organisation null); 403 unless the actor administers the organisation. */
export async function mayAdminister(request: FastifyRequest, reply: FastifyReply, organisationId: number | null): Promise<boolean> {
  if (organisationId === null) {
    await sendErrorPage(request, reply, 404, 'notFound');
    return false;
  }
  const allowed = request.canAdminister(organisationId);
  if (!allowed.ok) {
    request.log.warn({ organisationId, reason: allowed.reason }, 'administrator refused for another organisation');
    await sendErrorPage(request, reply, 403, 'forbidden');
    return false;
  }
  return true;
}

/**
 * The id from the URL when the actor administers the organisation `organisationOf` names for
 * it; otherwise the 404 page (malformed id, nothing found) or the 403 page is sent and null
 * returned. The guard of every administrator's route about one thing (an edition, a nomination).
 */
export async function administeredId(
  request: FastifyRequest,
  reply: FastifyReply,
  rawId: string,
  organisationOf: (id: number) => Promise<number | null>,
): Promise<number | null> {
  const id = parseId(rawId);
  const organisationId = id === null ? null : await organisationOf(id);
  return (await mayAdminister(request, reply, organisationId)) ? id : null;
}

/**
 * The edition's id from the URL when the actor administers its organisation (administeredId).
 * Who owns an edition is the awards module's answer, handed in through AppDeps
 * (`organisationOfEdition`).
 */
export function administeredEdition(
  deps: { organisationOfEdition: (editionId: number) => Promise<number | null> },
  request: FastifyRequest,
  reply: FastifyReply,
  rawId: string,
): Promise<number | null> {
  return administeredId(request, reply, rawId, deps.organisationOfEdition);
}
