import type { FastifyReply } from 'fastify';
import { render } from './ui/index.js';

// The small HTTP helpers every module's pages share.

/** Database ids are positive int4; anything else in the URL is a page that does not exist. */
export function parseId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : null;
}

/** Answers with a rendered page; `cacheControl` 'no-store' unless the page may be kept (public pages). */
export function sendPage(reply: FastifyReply, status: number, page: JSX.Element, cacheControl = 'no-store'): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', cacheControl).send(render(page));
}
