import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { loadRoles, PUBLIC, type Actor } from './actor.js';
import { findApiTokenUser } from './api-tokens.js';
import { findSession, SESSION_COOKIE } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: the public, or a user by session cookie or API token. */
    actor: Actor;
    /**
     * Seconds until the browser session signs out for inactivity, counted from this request
     * (null without a session cookie): the layout's timeout warning starts from it.
     */
    sessionSecondsLeft: number | null;
  }
}

/**
 * Works out `request.actor` before routing: from the session cookie, or for /api/ from an
 * `Authorization: Bearer` API token. A request without either costs no query.
 */
export function registerActor(app: FastifyInstance, deps: { db: Database; clock: Clock }) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionSecondsLeft', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = PUBLIC;
    request.sessionSecondsLeft = null;
    const now = deps.clock.now();
    const auth = request.headers.authorization;
    if (auth && request.url.startsWith('/api/')) {
      const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(auth);
      const user = m ? await findApiTokenUser(deps.db, m[1]!, now) : null;
      if (user) request.actor = { kind: 'user', user, ...(await loadRoles(deps.db, user.id)), idleExpiresAt: null, via: 'api-token' };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return;
    // The timeout warning's status check reads the session without counting as activity.
    const isStatusCheck = request.url.split('?')[0] === '/session/status';
    const session = await findSession(deps.db, token, now, !isStatusCheck);
    if (!session) return;
    request.actor = { kind: 'user', user: session.user, ...(await loadRoles(deps.db, session.user.id)), idleExpiresAt: session.idleExpiresAt, via: 'session' };
    request.sessionSecondsLeft = Math.max(0, Math.floor((session.idleExpiresAt.getTime() - now.getTime()) / 1000));
  });
}
