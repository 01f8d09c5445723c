import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { pageContext } from '../platform/page-context.js';
import { isEmail } from '../platform/fields.js';
import type { FieldError } from '../platform/ui/index.js';
import { privacyTexts, type PrivacyTexts } from './i18n.js';
import { collectPersonData, erasePersonData, exportPersonData } from './person-data.service.js';
import { EraseConfirmPage, ErasedPage, PersonSearchPage } from './views/person-pages.js';
import { sendPage } from '../platform/http.js';

const EMAIL_MAX = 320;

/** The e-mail of a query or form: trimmed text, or '' for anything else (arrays, objects). */
function emailOf(source: unknown): string {
  const raw = (source as { email?: unknown } | undefined)?.email;
  return typeof raw === 'string' ? raw.trim().slice(0, EMAIL_MAX) : '';
}

function emailErrors(email: string, t: PrivacyTexts): FieldError[] {
  if (email === '') return [{ field: 'email', message: t.emailRequired }];
  if (!isEmail(email)) return [{ field: 'email', message: t.emailFormat }];
  return [];
}

/** The organisations whose data the administrator may see and erase. */
const scopeOf = (request: FastifyRequest): number[] => (request.actor.kind === 'user' ? [...request.actor.adminOf].sort((a, b) => a - b) : []);

/**
 * A person's data on request, for administrators, limited to their own organisations:
 * /admin/personer (search), /admin/personer/eksport.json (everything, audited),
 * /admin/personer/bekraeft-sletning (what erasure does, with a confirmation), /admin/personer/slet
 * (erasure; audited). The address is only ever sent in a POST body with the CSRF token: in a
 * URL it would reach request logs, browser history and Referer headers.
 */
export async function privacyRoutes(app: FastifyInstance, deps: AppDeps & { mailDir?: string | undefined }) {
  const { db, clock } = deps;
  const post = { config: { access: 'admin' as const }, preHandler: app.csrfProtection };

  app.get('/admin/personer', { config: { access: 'admin' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    return sendPage(reply, 200, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email="" errors={[]} data={null} />);
  });

  app.post('/admin/personer', post, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.body);
    const errors = emailErrors(email, t);
    const data = errors.length === 0 ? await collectPersonData({ db, email, organisationIds: scopeOf(request), now: clock.now() }) : null;
    return sendPage(reply, errors.length ? 400 : 200, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={data} />);
  });

  app.post('/admin/personer/eksport.json', post, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.body);
    const errors = emailErrors(email, t);
    if (errors.length) return sendPage(reply, 400, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={null} />);
    const data = await exportPersonData({ db, email, organisationIds: scopeOf(request), actor: request.actor, now: clock.now() });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="personoplysninger.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/admin/personer/bekraeft-sletning', post, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.body);
    const errors = emailErrors(email, t);
    if (errors.length) return sendPage(reply, 400, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={null} />);
    return sendPage(reply, 200, <EraseConfirmPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={[]} />);
  });

  app.post('/admin/personer/slet', post, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.body);
    const errors = emailErrors(email, t);
    if (errors.length) return sendPage(reply, 400, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={null} />);
    if ((request.body as { bekraeft?: unknown } | undefined)?.bekraeft !== 'ja') {
      return sendPage(
        reply,
        400,
        <EraseConfirmPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={[{ field: 'confirm', message: t.confirmRequired }]} />,
      );
    }
    const result = await erasePersonData({
      db,
      email,
      organisationIds: scopeOf(request),
      actor: request.actor,
      now: clock.now(),
      mailDir: deps.mailDir,
    });
    request.log.info({ nominations: result.nominationsAsNominator + result.nominationsAsNominee, user: result.user }, 'person data erased on request');
    return sendPage(
      reply,
      200,
      <ErasedPage
        ctx={ctx}
        t={t}
        csrf={csrfToken(reply)}
        nominations={result.nominationsAsNominator + result.nominationsAsNominee}
        account={t.accountOutcome[result.user]}
      />,
    );
  });
}
