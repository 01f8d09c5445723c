import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { render } from '../platform/ui/index.js';
import { pageContext, sharedPageContext } from '../platform/page-context.js';
import { winnersFeed } from './atom.js';
import { loadAnnouncedWinners, loadArchive } from './publication.service.js';
import { ArchivePage } from './views/archive-page.js';
import { publicationUrls as urls } from './urls.js';

/**
 * Public pages of publication: the archive and the Atom feed of winners. Both are cached in
 * the page cache until the next phase instant at the latest, so nothing is shown early or late.
 */
export async function publicationRoutes(app: FastifyInstance, { db, clock, pageCache, publicBaseUrl }: AppDeps) {
  app.get(urls.archive.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const now = clock.now();
    const html = await pageCache.get(`archive:${ctx.locale}`, now, async () => {
      const data = await loadArchive(db, now);
      return {
        body: render(ArchivePage({ ctx: { ...sharedPageContext(ctx), path: urls.archive() }, awards: data.awards, organisations: data.organisations })),
        validUntil: data.nextChange,
      };
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get(urls.winnersFeed.pattern, { config: { access: 'public' } }, async (_request, reply) => {
    const now = clock.now();
    const body = await pageCache.get('feed:winners', now, async () => {
      const data = await loadAnnouncedWinners(db, now);
      return { body: winnersFeed(data.winners, publicBaseUrl), validUntil: data.nextChange };
    });
    return reply.type('application/atom+xml; charset=utf-8').send(body);
  });
}
