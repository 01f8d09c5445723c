import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest, problems, sendErrorPage, sendProblem } from '../platform/errors.js';
import type { AccessLevel } from './permissions.js';
import { ACCESS_LEVELS } from './permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route; see accounts/permissions.ts. Every route must say. */
    access?: AccessLevel;
  }
}

/** Static files need no rule of their own: they are public by nature. */
const PUBLIC_ASSET_PREFIXES = ['/dkfds/', '/static/'];

export function isAssetRoute(url: string | undefined): boolean {
  return url !== undefined && PUBLIC_ASSET_PREFIXES.some((p) => url.startsWith(p));
}

export type RouteRecord = { method: string; url: string; access: AccessLevel | undefined };

/**
 * Collects every route with its declared access, so a test can call each as each role and
 * fail on a route without a rule. Registered before any route.
 */
export function recordRouteAccess(app: FastifyInstance): RouteRecord[] {
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = (route.config as { access?: AccessLevel } | undefined)?.access;
    const isAsset = PUBLIC_ASSET_PREFIXES.some((p) => route.url.startsWith(p));
    for (const method of methods) {
      if (method === 'HEAD' && routes.some((r) => r.method === 'GET' && r.url === route.url)) continue;
      routes.push({ method, url: route.url, access: declared ?? (isAsset ? 'public' : undefined) });
    }
    if (declared !== undefined && !ACCESS_LEVELS.includes(declared)) throw new Error(`unknown access level ${declared} on ${route.url}`);
  });
  return routes;
}

/**
 * The coarse gate every request passes: routes for signed-in users, administrators or
 * members refuse the public (sign-in page, or 401 problem JSON) and users without any such
 * role (403). Which organisation or edition is checked by the route itself.
 */
export async function enforceRouteAccess(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const access = request.routeOptions.config?.access;
  if (access === undefined) {
    // Fail closed: a route that forgot to declare its rule is open to nobody (and the
    // route-access test names it).
    request.log.error({ route: request.routeOptions.url }, 'route without an access rule refused');
    if (isApiRequest(request)) return sendProblem(reply, problems.forbidden(request.url));
    return sendErrorPage(request, reply, 403, 'forbidden');
  }
  if (access === 'public' || access === 'nominator' || access === 'consent-link') return undefined;
  const actor = request.actor;
  if (actor.kind !== 'user') {
    if (isApiRequest(request)) {
      return sendProblem(reply, problems.unauthorized(request.url));
    }
    if (request.method === 'GET') return reply.redirect(`/log-ind?tilbage=${encodeURIComponent(request.url)}`, 303);
    return sendErrorPage(request, reply, 401, 'signInRequired');
  }
  const allowed = access === 'signed-in' || (access === 'admin' && actor.adminOf.size > 0) || (access === 'member' && actor.memberships.length > 0);
  if (allowed) return undefined;
  request.log.info({ userId: actor.user.id, access }, 'access refused');
  if (isApiRequest(request)) return sendProblem(reply, problems.forbidden(request.url, 'Your account may not use this.'));
  return sendErrorPage(request, reply, 403, 'forbidden');
}

/**
 * The preHandler every request passes. Public routes go through without a promise (the
 * award page's hot path); the others are checked and may be answered here.
 */
export function routeGate(request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
  const access = request.routeOptions.config?.access;
  if (access === 'public' || access === 'nominator' || access === 'consent-link') {
    done();
    return;
  }
  // Unknown addresses (404) and static files have no rule of their own.
  if (access === undefined && (request.is404 || isAssetRoute(request.routeOptions.url))) {
    done();
    return;
  }
  enforceRouteAccess(request, reply).then((answered) => {
    if (!answered) done();
  }, done);
}
