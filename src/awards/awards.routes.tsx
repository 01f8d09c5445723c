import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext, sharedPageContext } from '../platform/page-context.js';
import { render } from '../platform/ui/index.js';
import { getAwardPage, listAwards } from './awards.service.js';
import { AwardPage } from './views/award-page.js';
import { FrontPage } from './views/front-page.js';
import { NOTHING_PUBLIC, loadPublicResult, loadWinnerTitles } from './edition-result.js';
import type { RouteParams } from '../platform/route-url.js';
import { awardsUrls as urls } from './urls.js';
import type { Actor } from '../accounts/index.js';
import { maySeeDraft } from './publishing.js';
import type { AwardPage as AwardPageData } from './awards.service.js';
import { brandVersion } from './authority.js';
import { PORTAL_BRAND_COLOUR, markSvg, markText, themeCss } from './brand.js';
import { findOrganisationBySlug } from './awards.repo.js';

type RenderAward = (page: AwardPageData) => Promise<string>;

/** Who the viewer is to a draft: the organisations they administer and the rounds they sit on the committee of. */
function draftViewerOf(actor: Actor | undefined) {
  if (actor?.kind !== 'user') return null;
  return { adminOf: actor.adminOf, committeeOf: new Set(actor.memberships.filter((m) => m.role === 'committee').map((m) => m.editionId)) };
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const YEAR = /^\d{4}$/;

/** Public HTML pages of awards: the front page and an award page (current or a given year). */
export async function awardRoutes(app: FastifyInstance, { db, clock, pageCache }: AppDeps) {
  app.get(urls.front.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const now = clock.now();
    const html = await pageCache.get(`front:${ctx.locale}`, now, async () => {
      const data = await listAwards(db, now);
      // Each award's current round names its winner once public (rounds past their winner instant only).
      const current = data.awards.flatMap((a) => (a.current?.timeline ? [{ id: a.current.id, ...a.current.timeline }] : []));
      const winners = await loadWinnerTitles(db, current, now);
      return {
        body: render(FrontPage({ ctx: { ...sharedPageContext(ctx), path: urls.front() }, organisations: data.organisations, awards: data.awards, winners })),
        validUntil: data.nextChange,
      };
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  /** The public page of an award, or of one year of it, shared by everyone and cached until its next phase instant. */
  const publicAwardPage = (slug: string, year: string | undefined, locale: string, path: string, now: Date, renderPage: RenderAward) =>
    pageCache.get(`award:${locale}:${path}`, now, async () => {
      const page = await getAwardPage(db, slug, now, year === undefined ? undefined : Number(year));
      return page ? { body: await renderPage(page), validUntil: page.nextChange } : null;
    });

  const awardPage = async (slug: string, year: string | undefined, request: FastifyRequest, reply: FastifyReply) => {
    // Malformed slugs and years are simply pages that do not exist.
    if (!SLUG.test(slug) || (year !== undefined && !YEAR.test(year))) return sendErrorPage(request, reply, 404, 'notFound');
    const ctx = pageContext(request);
    const now = clock.now();
    const path = year ? urls.edition({ slug, year }) : urls.award({ slug });
    const renderPage: RenderAward = async (page) => {
      // Nominees and winner as public at `now`; the cache entry ends at the next phase instant (both publication instants are phase instants).
      const e = page.edition;
      const instants = { nomineesPublishedAt: e?.timeline?.nomineesPublishedAt ?? null, winnerAnnouncedAt: e?.timeline?.winnerAnnouncedAt ?? null };
      const publication = { result: e ? await loadPublicResult(db, { id: e.id, ...instants }, now) : NOTHING_PUBLIC };
      return render(AwardPage({ ctx: { ...sharedPageContext(ctx), path }, page, byYear: year !== undefined, publication }));
    };
    const html = await publicAwardPage(slug, year, ctx.locale, path, now, renderPage);
    if (html !== null) return reply.type('text/html; charset=utf-8').send(html);
    // Not public: a draft round's year is shown to who may see it (a preview), never cached.
    const viewer = draftViewerOf(request.actor);
    const preview = year !== undefined && viewer ? await getAwardPage(db, slug, now, Number(year), (e) => maySeeDraft(viewer, e)) : null;
    if (!preview?.preview) return sendErrorPage(request, reply, 404, 'notFound');
    reply.header('cache-control', 'private, no-store');
    return reply.type('text/html; charset=utf-8').send(await renderPage(preview));
  };

  /**
   * The organisation's look (brand.ts): its drawn mark and its theme. Both are built from checked
   * values only; with the `v` of the current look (authority.ts) they are cached for a year.
   */
  const brandAsset = async (slug: string, v: string | undefined, reply: FastifyReply, kind: 'mark' | 'theme') => {
    const org = SLUG.test(slug) ? await findOrganisationBySlug(db, slug) : null;
    if (!org) return reply.callNotFound();
    const current = v === brandVersion(org);
    reply.header('cache-control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    if (kind === 'theme') return reply.type('text/css; charset=utf-8').send(themeCss(org.brandColour ?? PORTAL_BRAND_COLOUR));
    // An image, never a document: no script, style or anything else may run or load in it.
    reply.header('content-security-policy', "default-src 'none'; sandbox");
    return reply.type('image/svg+xml').send(markSvg(markText(org.name, org.markLetters), org.brandColour ?? PORTAL_BRAND_COLOUR));
  };
  app.get<{ Params: RouteParams<typeof urls.mark.pattern>; Querystring: { v?: string } }>(
    urls.mark.pattern,
    { config: { access: 'public' } },
    (request, reply) => brandAsset(request.params.slug, request.query.v, reply, 'mark'),
  );
  app.get<{ Params: RouteParams<typeof urls.theme.pattern>; Querystring: { v?: string } }>(
    urls.theme.pattern,
    { config: { access: 'public' } },
    (request, reply) => brandAsset(request.params.slug, request.query.v, reply, 'theme'),
  );

  app.get<{ Params: RouteParams<typeof urls.award.pattern> }>(urls.award.pattern, { config: { access: 'public' } }, (request, reply) =>
    awardPage(request.params.slug, undefined, request, reply),
  );
  app.get<{ Params: RouteParams<typeof urls.edition.pattern> }>(urls.edition.pattern, { config: { access: 'public' } }, (request, reply) =>
    awardPage(request.params.slug, request.params.year, request, reply),
  );
}
