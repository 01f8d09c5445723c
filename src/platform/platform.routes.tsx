import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './deps.js';
import { checkReadiness } from '../db/database.js';
import { LANG_COOKIE, isLocale } from './i18n/index.js';
import { Layout, render } from './ui/index.js';
import { pageContext } from './page-context.js';
import { sendErrorPage } from './errors.js';
import { safeReturnPath } from './return-path.js';

/** Health checks, the language switch and the fixed information pages. */
export async function platformRoutes(app: FastifyInstance, { db }: AppDeps) {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    const r = await checkReadiness(db);
    if (r.ok) return { status: 'ready' };
    return reply.code(503).send({ status: 'unavailable', reason: r.reason });
  });

  app.get<{ Params: { lang: string }; Querystring: { tilbage?: string } }>('/sprog/:lang', { config: { access: 'public' } }, async (request, reply) => {
    const { lang } = request.params;
    if (!isLocale(lang)) return sendErrorPage(request, reply, 404, 'notFound');
    reply.setCookie(LANG_COOKIE, lang, {
      path: '/',
      maxAge: 365 * 24 * 60 * 60,
      sameSite: 'lax',
      httpOnly: true,
    });
    return reply.redirect(safeReturnPath(request.query.tilbage), 303);
  });

  app.get('/tilgaengelighed', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const a = ctx.t.accessibility;
    return reply.type('text/html; charset=utf-8').send(
      render(
        <Layout ctx={ctx} title={a.title} breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: a.title }]}>
          <h1 safe>{a.title}</h1>
          <p class="font-lead" safe>
            {a.intro}
          </p>
          <h2 safe>{a.statusHeading}</h2>
          <p id="compliance-status" safe>
            {a.status}
          </p>
          <h2 safe>{a.nonAccessibleHeading}</h2>
          <p safe>{a.nonAccessibleIntro}</p>
          <ul>
            {a.nonAccessible.map((item) => (
              <li safe>{item}</li>
            ))}
          </ul>
          <h3 safe>{a.burdenHeading}</h3>
          <p safe>{a.burden}</p>
          <h3 safe>{a.outOfScopeHeading}</h3>
          <p safe>{a.outOfScope}</p>
          <h2 safe>{a.preparedHeading}</h2>
          <p safe>{a.prepared}</p>
          <p safe>{a.reviewed}</p>
          <h2 safe>{a.feedbackHeading}</h2>
          <p safe>{a.feedback}</p>
          <h2 safe>{a.enforcementHeading}</h2>
          <p id="enforcement">
            <span safe>{a.enforcement}</span>{' '}
            <a href="https://www.was.digst.dk" safe>
              {a.enforcementLink}
            </a>
          </p>
        </Layout>,
      ),
    );
  });
}
