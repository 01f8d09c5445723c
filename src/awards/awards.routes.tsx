import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext, sharedPageContext } from '../platform/page-context.js';
import { render } from '../platform/ui/index.js';
import { getAwardPage, listAwards } from './awards.service.js';
import { AwardPage } from './views/award-page.js';
import { FrontPage } from './views/front-page.js';
import { NOTHING_PUBLIC, loadPublicResult, winnerIsPublic } from './edition-result.js';
import type { RouteParams } from '../platform/route-url.js';
import { awardsUrls as urls } from './urls.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const YEAR = /^\d{4}$/;

/** Public HTML pages of awards: the front page and an award page (current or a given year). */
export async function awardRoutes(app: FastifyInstance, { db, clock, pageCache }: AppDeps) {
  app.get(urls.front.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const now = clock.now();
    const html = await pageCache.get(`front:${ctx.locale}`, now, async () => {
      const data = await listAwards(db, now);
      return {
        body: render(FrontPage({ ctx: { ...sharedPageContext(ctx), path: urls.front() }, organisations: data.organisations, awards: data.awards })),
        validUntil: data.nextChange,
      };
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  const awardPage = async (slug: string, year: string | undefined, request: FastifyRequest, reply: FastifyReply) => {
    // Malformed slugs and years are simply pages that do not exist.
    if (!SLUG.test(slug) || (year !== undefined && !YEAR.test(year))) return sendErrorPage(request, reply, 404, 'notFound');
    const ctx = pageContext(request);
    const now = clock.now();
    const path = year ? urls.edition({ slug, year }) : urls.award({ slug });
    const html = await pageCache.get(`award:${ctx.locale}:${path}`, now, async () => {
      const page = await getAwardPage(db, slug, now, year === undefined ? undefined : Number(year));
      if (!page) return null;
      // Nominees and winner as public at `now`; the cache entry ends at the next phase instant (both publication instants are phase instants).
      const e = page.edition;
      const instants = { nomineesPublishedAt: e?.timeline?.nomineesPublishedAt ?? null, winnerAnnouncedAt: e?.timeline?.winnerAnnouncedAt ?? null };
      const publication = {
        result: e ? await loadPublicResult(db, { id: e.id, ...instants }, now) : NOTHING_PUBLIC,
        winnerTimePassed: winnerIsPublic(instants, now),
      };
      return {
        body: render(AwardPage({ ctx: { ...sharedPageContext(ctx), path }, page, byYear: year !== undefined, publication })),
        validUntil: page.nextChange,
      };
    });
    if (html === null) return sendErrorPage(request, reply, 404, 'notFound');
    return reply.type('text/html; charset=utf-8').send(html);
  };

  app.get<{ Params: RouteParams<typeof urls.award.pattern> }>(urls.award.pattern, { config: { access: 'public' } }, (request, reply) =>
    awardPage(request.params.slug, undefined, request, reply),
  );
  app.get<{ Params: RouteParams<typeof urls.edition.pattern> }>(urls.edition.pattern, { config: { access: 'public' } }, (request, reply) =>
    awardPage(request.params.slug, request.params.year, request, reply),
  );
}
