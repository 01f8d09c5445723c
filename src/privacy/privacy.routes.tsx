import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { csrfToken } from '../platform/csrf.js';
import { pageContext } from '../platform/page-context.js';
import { isEmail } from '../platform/fields.js';
import type { AttachmentStore } from '../platform/storage/store.js';
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
 * /admin/personer/slet (confirmation, then erasure; audited).
 */
export async function privacyRoutes(app: FastifyInstance, deps: AppDeps & { store: AttachmentStore }) {
  const { db, clock } = deps;

  app.get('/admin/personer', { config: { access: 'admin' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const query = request.query as { email?: unknown } | undefined;
    const asked = query !== undefined && 'email' in query;
    const email = emailOf(query);
    const errors = asked ? emailErrors(email, t) : [];
    const data = asked && errors.length === 0 ? await collectPersonData({ db, email, organisationIds: scopeOf(request), now: clock.now() }) : null;
    return sendPage(reply, errors.length ? 400 : 200, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={data} />);
  });

  app.get('/admin/personer/eksport.json', { config: { access: 'admin' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.query);
    const errors = emailErrors(email, t);
    if (errors.length) return sendPage(reply, 400, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={null} />);
    const data = await exportPersonData({ db, email, organisationIds: scopeOf(request), actor: request.actor, now: clock.now() });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="personoplysninger.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/admin/personer/slet', { config: { access: 'admin' } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = privacyTexts(ctx.locale);
    const email = emailOf(request.query);
    const errors = emailErrors(email, t);
    if (errors.length) return sendPage(reply, 400, <PersonSearchPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={errors} data={null} />);
    return sendPage(reply, 200, <EraseConfirmPage ctx={ctx} t={t} csrf={csrfToken(reply)} email={email} errors={[]} />);
  });

  app.post('/admin/personer/slet', { config: { access: 'admin' }, preHandler: app.csrfProtection }, async (request, reply) => {
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
    const result = await erasePersonData({ db, email, organisationIds: scopeOf(request), actor: request.actor, now: clock.now(), store: deps.store });
    request.log.info({ nominations: result.nominationsAsNominator + result.nominationsAsNominee, user: result.user }, 'person data erased on request');
    return sendPage(
      reply,
      200,
      <ErasedPage
        ctx={ctx}
        t={t}
        csrf={csrfToken(reply)}
        email={email}
        nominations={result.nominationsAsNominator + result.nominationsAsNominee}
        account={t.accountOutcome[result.user]}
      />,
    );
  });
}
