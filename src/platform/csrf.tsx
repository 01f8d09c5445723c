import type { FastifyReply } from 'fastify';

/** The hidden CSRF field every form carries. `token` comes from `reply.generateCsrf()`. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A fresh CSRF token for a page that renders a form. */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}
