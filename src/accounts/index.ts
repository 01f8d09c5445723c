import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { apiTokenRoutes } from './api-tokens.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { signInRoutes } from './sign-in.routes.js';

/** Accounts: sign-in (e-mail links, OIDC), "Min side" and personal API tokens. */
export async function accountsModule(app: FastifyInstance, deps: AppDeps) {
  await app.register(signInRoutes, deps);
  await app.register(oidcRoutes, deps);
  await app.register(apiTokenRoutes, deps);
}

// Who is asking (session or API token) and the gate of every route's access rule: app.ts adds
// them before any module registers a route.
export { registerActor } from './request-actor.js';
export { recordRouteAccess, routeGate, type RouteRecord } from './route-access.js';
export type { Actor, Membership } from './actor.js';
export { canAdministerOrganisation, isChairOf, isMemberOf } from './permissions.js';
export { requireApiToken } from './api-tokens.js';
export { createEmailLink } from './email-links.js';
export { missingOidcSecrets, probeIdentityProviders, type IdentityProviderProbe } from './oidc.js';
export { seedDemoAdministrator, signIn } from './sign-in.routes.js';
export { apiTokenTexts } from './i18n.js';
