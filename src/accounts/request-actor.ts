import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { PUBLIC, type Actor } from './actor.js';
import { canAdministerOrganisation } from './permissions.js';
import { findApiTokenUser } from './api-tokens.js';
import { findSession, SESSION_COOKIE, SESSION_WARNING_MS } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: the public, or a user by session cookie or API token. */
    actor: Actor;
  }
}

const STATIC_PREFIXES = ['/static/', '/dkfds/'];

/**
 * Works out `request.actor` before routing: from the session cookie, or for /api/ from an
 * `Authorization: Bearer` API token. A request without either costs no query.
 */
export function registerActor(app: FastifyInstance, deps: { db: Database; clock: Clock }) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionTimeout', null);
  // The administrator check platform's guards call (platform/http.ts declares it, knowing no users).
  app.decorateRequest('canAdminister', function (this: FastifyRequest, organisationId: number) {
    return canAdministerOrganisation(this.actor, organisationId);
  });
  // A callback hook with a synchronous fast path: a request without a cookie or token (the
  // public, static files) must not pay for a promise (measured on the award-page benchmark).
  app.addHook('onRequest', (request, _reply, done) => {
    request.actor = PUBLIC;
    request.sessionTimeout = null;
    const auth = request.headers.authorization;
    const apiToken = auth && request.url.startsWith('/api/') ? auth : null;
    const sessionToken = request.cookies[SESSION_COOKIE];
    if ((!apiToken && !sessionToken) || STATIC_PREFIXES.some((p) => request.url.startsWith(p))) return done();
    loadActor(deps, request, apiToken, sessionToken).then(() => done(), done);
  });
}

/** Sets `request.actor` (and the session's seconds left) from an API token or a session cookie. */
async function loadActor(
  deps: { db: Database; clock: Clock },
  request: FastifyRequest,
  apiToken: string | null,
  sessionToken: string | undefined,
): Promise<void> {
  const now = deps.clock.now();
  if (apiToken) {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(apiToken);
    const found = m ? await findApiTokenUser(deps.db, m[1]!, now) : null;
    if (found) request.actor = { kind: 'user', user: found.user, ...found.roles, idleExpiresAt: null, via: 'api-token' };
    return;
  }
  if (!sessionToken || !/^[A-Za-z0-9_-]{43}$/.test(sessionToken)) return;
  // The timeout warning's status check reads the session without counting as activity.
  const isStatusCheck = request.url.split('?')[0] === '/session/status';
  const session = await findSession(deps.db, sessionToken, now, !isStatusCheck);
  if (!session) return;
  request.actor = { kind: 'user', user: session.user, ...session.roles, idleExpiresAt: session.idleExpiresAt, via: 'session' };
  // The layout's timeout warning (platform/page-context.ts declares the field).
  request.sessionTimeout = {
    secondsLeft: Math.max(0, Math.floor((session.idleExpiresAt.getTime() - now.getTime()) / 1000)),
    warnSeconds: Math.floor(SESSION_WARNING_MS / 1000),
  };
}
