import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { sendErrorPage } from '../platform/errors.js';
import { pageContext } from '../platform/page-context.js';
import { render } from '../platform/ui/index.js';
import type { RouteParams } from '../platform/route-url.js';
import { findOrganisationBySlug, listOrganisations } from '../awards/index.js';
import { policyTexts } from './policy-texts.js';
import { privacyUrls as urls } from './urls.js';
import { PolicyIndexPage, PolicyPage } from './views/policy-pages.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/** The public privacy policies: one per organisation (the data controller), with the retention in force. */
export async function policyRoutes(app: FastifyInstance, { db, retentionYears }: AppDeps) {
  app.get(urls.policies.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const organisations = await listOrganisations(db);
    return reply.type('text/html; charset=utf-8').send(render(PolicyIndexPage({ ctx, p: policyTexts(ctx.locale), organisations })));
  });

  app.get<{ Params: RouteParams<typeof urls.policy.pattern> }>(urls.policy.pattern, { config: { access: 'public' } }, async (request, reply) => {
    const org = SLUG.test(request.params.slug) ? await findOrganisationBySlug(db, request.params.slug) : null;
    if (!org) return sendErrorPage(request, reply, 404, 'notFound');
    const ctx = pageContext(request);
    return reply.type('text/html; charset=utf-8').send(render(PolicyPage({ ctx, p: policyTexts(ctx.locale), org, retentionYears })));
  });
}
