import type { FastifyInstance } from 'fastify';
import { pageContext } from './page-context.js';
import { ComponentPage } from './ui/component-page.js';
import { render } from './ui/index.js';

/** GET /komponenter: the kit's component page. Registered by buildApp only outside production. */
export async function componentPageRoutes(app: FastifyInstance) {
  app.get('/komponenter', { config: { access: 'public' } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(render(<ComponentPage ctx={pageContext(request)} />));
  });
}
