import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { render } from '../platform/ui/index.js';
import { pageContext, sharedPageContext } from '../platform/page-context.js';
import { winnersFeed } from './atom.js';
import { loadAnnouncedWinners, loadArchive } from './publication.service.js';
import { ArchivePage } from './views/archive-page.js';
import { publicationUrls as urls } from './urls.js';
import { NomineePage } from './views/nominee-page.js';
import { findEditionIdOfNomination } from './publication.repo.js';
import { loadPublicResult } from './publication.service.js';
import { findEditionWithAward } from '../awards/index.js';
import { sendErrorPage } from '../platform/errors.js';
import type { RouteParams } from '../platform/route-url.js';

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

  /**
   * A nominee's public page: only a nominee public now (on the published shortlist, still sent)
   * who accepted publication; anyone else is a page that does not exist (404), so the address
   * gives nothing away. The result is worked out by the same rules as the award page.
   */
  app.get<{ Params: RouteParams<typeof urls.nominee.pattern> }>(urls.nominee.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const id = /^[1-9]\d{0,9}$/.test(request.params.id) ? Number(request.params.id) : null;
    const ctx = pageContext(request);
    const now = clock.now();
    const editionId = id !== null && id <= 2_147_483_647 ? await findEditionIdOfNomination(db, id) : null;
    const found = editionId !== null ? await findEditionWithAward(db, editionId) : null;
    if (id === null || !found || found.edition.publishedAt === null) return sendErrorPage(request, reply, 404, 'notFound');
    const result = await loadPublicResult(db, found.edition, now);
    const nominee = result.nominees?.find((n) => n.nominationId === id);
    if (!nominee?.hasPage) return sendErrorPage(request, reply, 404, 'notFound');
    const page = NomineePage({
      ctx: { ...sharedPageContext(ctx), path: urls.nominee({ id }) },
      nominee,
      isWinner: result.winner?.nominationId === id,
      award: found.award,
      year: found.edition.year,
      organisation: found.organisation,
    });
    return reply.type('text/html; charset=utf-8').send(render(page));
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
