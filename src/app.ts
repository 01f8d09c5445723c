import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/database.js';
import { DEVELOPMENT_BALLOT_KEY } from './config.js';
import type { Clock } from './platform/clock.js';
import { PageCache } from './platform/page-cache.js';
import { computeSecurityHeaders } from './platform/security-headers.js';
import { DEFAULT_RATE_LIMITS, type AppDeps, type RateLimits } from './platform/deps.js';
import { isApiRequest, problem, problems, sendErrorPage, sendProblem } from './platform/errors.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { staticFiles } from './platform/static-assets.js';
import { platformRoutes } from './platform/platform.routes.js';
import { accountsModule, recordRouteAccess, registerActor, routeGate, type RouteRecord } from './accounts/index.js';
import { auditModule } from './audit/index.js';
import { awardsModule, organisationOfEdition } from './awards/index.js';
import { historyImportModule } from './history-import/index.js';
import { ideabankModule } from './ideabank/index.js';
import { judgingModule } from './judging/index.js';
import { membersModule } from './members/index.js';
import { messagesModule } from './messages/index.js';
import { nominationsModule } from './nominations/index.js';
import { outreachModule } from './outreach/index.js';
import { panelModule } from './panel/index.js';
import { privacyModule } from './privacy/index.js';
import { publicationModule } from './publication/index.js';
import { roundsModule } from './rounds/index.js';
import { BEARER_SCHEME } from './platform/api.js';
import { componentPageRoutes } from './platform/component-page.routes.js';
import { cookieSecurity } from './platform/cookies.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteRecord[];
  }
}

export type BuildOptions = {
  db: Database;
  clock: Clock;
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  trustProxy?: boolean;
  /** How long a rendered public page may be reused (ms). 0 turns the cache off (tests that edit data). */
  pageCacheMs?: number;
  publicBaseUrl?: string;
  rateLimits?: Partial<RateLimits>;
  demoSignIn?: boolean;
  /** The server secret BALLOT_KEY (config.ts); default: the development key, never for production. */
  ballotKey?: string;
  /** Where the mail worker writes `.eml` files when no SMTP server is set (a person's erasure removes theirs). */
  mailDir?: string;
  /** RETENTION_YEARS, stated in the privacy policy (default 5, as config.ts). */
  retentionYears?: number;
  /** Serve the DKFDS kit's component page at /komponenter (never in production). */
  componentPage?: boolean;
};

/**
 * Builds the whole app without listening, so tests can call `app.inject` and the server
 * module only adds `listen`. No side effects on import.
 */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    trustProxy: opts.trustProxy ?? false,
    // A caller's request id is kept (so a load balancer's id follows the request into our logs
    // and back in the response header) when it is a plain token; anything else gets a new id.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Long path parameters reach the routes, which answer 404 for anything not a valid slug or id.
    routerOptions: { maxParamLength: 2000 },
    bodyLimit: 1024 * 1024,
  });
  // Every route's declared access, for the table-driven permission test.
  app.decorate('routeAccess', recordRouteAccess(app));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const deps: AppDeps = {
    db: opts.db,
    clock: opts.clock,
    pageCache: new PageCache(opts.pageCacheMs ?? 5_000),
    publicBaseUrl: (opts.publicBaseUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    receiptPdf: true,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
    demoSignIn: opts.demoSignIn ?? false,
    ballotKey: opts.ballotKey ?? DEVELOPMENT_BALLOT_KEY,
    organisationOfEdition: (editionId) => organisationOfEdition(opts.db, editionId),
    retentionYears: opts.retentionYears ?? 5,
  };

  const securityHeaders = computeSecurityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    done();
  });

  // Every cookie's Secure flag, in one place (platform/cookies.ts): routes set none of their own.
  await app.register(fastifyCookie, { parseOptions: { secure: cookieSecurity(deps.publicBaseUrl) } });
  await app.register(fastifyFormbody);
  // Double-submit CSRF protection: a secret in an HttpOnly cookie, a token in every form
  // (`_csrf`) or in the `csrf-token` header. Forms check it in preHandler (after body parsing).
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
  });
  // Det Fælles Designsystem from the installed package and our own public/: fingerprinted, compressed (platform/static-assets.ts).
  await app.register(staticFiles);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Prisportal API',
        version: '1.0.0',
        description:
          'Public data of Prisportal: awards, editions with their timelines, phases, criteria and nomination forms. Instants are ISO 8601 in UTC. Errors are RFC 9457 problem details.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (pp_…) that an administrator makes at /min-side/api-noegler. Used by the admin API under /api/v1/admin.',
          },
        },
      },
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((error, request, reply) => {
    const err = error as Error & { statusCode?: number; code?: string };
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: String((v as { instancePath?: string }).instancePath ?? ''),
        message: String(v.message ?? 'invalid'),
      }));
      if (isApiRequest(request)) {
        return sendProblem(reply, problems.badRequest(request.url, errors.map((e) => e.message).join('; '), errors));
      }
      return sendErrorPage(request, reply, 400, 'badRequest');
    }
    if (isDatabaseUnavailable(err)) {
      request.log.error({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      if (isApiRequest(request)) return sendProblem(reply, problems.unavailable(request.url));
      return sendErrorPage(request, reply, 503, 'unavailable');
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (err.code?.startsWith('FST_CSRF_')) {
      request.log.warn({ code: err.code }, 'csrf check failed');
      if (isApiRequest(request)) return sendProblem(reply, problems.forbidden(request.url, 'Missing or invalid CSRF token.'));
      return sendErrorPage(request, reply, 403, 'csrf');
    }
    if (status >= 500) request.log.error({ err }, 'unhandled error');
    else request.log.info({ err: { message: err.message, code: err.code } }, 'client error');
    if (isApiRequest(request)) {
      if (status === 500) return sendProblem(reply, problems.internal(request.url, request.id));
      if (status === 429) return sendProblem(reply, problems.tooMany(request.url));
      if (status === 404) return sendProblem(reply, problems.notFound(request.url));
      if (status === 413) return sendProblem(reply, problems.payloadTooLarge(request.url));
      if (status === 415) return sendProblem(reply, problems.unsupportedMediaType(request.url, err.message));
      return sendProblem(reply, problem(status, 'bad-request', 'Bad request', { detail: err.message, instance: request.url }));
    }
    if (status === 500) return sendErrorPage(request, reply, 500, 'serverError');
    if (status === 404) return sendErrorPage(request, reply, 404, 'notFound');
    if (status === 429) return sendErrorPage(request, reply, 429, 'tooMany');
    if (status === 403) return sendErrorPage(request, reply, 403, 'forbidden');
    if (status === 413) return sendErrorPage(request, reply, 413, 'tooLarge');
    return sendErrorPage(request, reply, status, 'badRequest');
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) return sendProblem(reply, problems.notFound(request.url));
    return sendErrorPage(request, reply, 404, 'notFound');
  });

  // Who is asking (session cookie or API token), and the gate every route's `access` rule sets.
  registerActor(app, deps);
  app.addHook('preHandler', routeGate);

  await app.register(platformRoutes, deps);
  if (opts.componentPage) await app.register(componentPageRoutes);
  // The modules, each one plugin from its index.ts (pages and API). Attachments and the idea
  // bank's images are stored files in the database (platform/storage), deleted with their rows.
  await app.register(accountsModule, deps);
  await app.register(awardsModule, deps);
  await app.register(auditModule, deps);
  await app.register(publicationModule, deps);
  await app.register(nominationsModule, deps);
  await app.register(privacyModule, { ...deps, mailDir: opts.mailDir });
  await app.register(membersModule, deps);
  await app.register(panelModule, deps);
  await app.register(judgingModule, deps);
  await app.register(ideabankModule, deps);
  await app.register(messagesModule, deps);
  await app.register(roundsModule, deps);
  await app.register(historyImportModule, deps);
  await app.register(outreachModule, deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  return app;
}
